"""Hostile and malformed feeds fail fast, with the reason, and touch nothing else."""

import json

import pytest

from cryptoflexs.articles.models import Article
from cryptoflexs.ingest.models import IngestedEntry, Source
from cryptoflexs.ingest.parse import FeedError, feed_parse
from cryptoflexs.ingest.services import source_ingest

from .conftest import FEEDS, fixture_bytes, make_source, serve

pytestmark = pytest.mark.django_db
EXPECTED = json.loads((FEEDS / "expected.json").read_text())


@pytest.fixture
def healthy(httpserver, private_ok):
    """Another source, already ingested: nothing about it may change."""
    source = make_source(serve(httpserver, "/good", fixture_bytes("outlet-a.rss")), name="Good")
    assert source_ingest(source=source).new == 3
    source.refresh_from_db()
    return source


def snapshot(source: Source):
    source.refresh_from_db()
    articles = list(
        Article.objects.order_by("pk").values_list("pk", "title", "body_html", "status")
    )
    return articles, source.last_outcome, source.last_success_at, source.etag


class HostileFeedTests:
    @pytest.mark.parametrize(
        "name", ["billion-laughs.xml", "external-entity.xml", "feedparser-raises.xml"]
    )
    def test_fails_with_the_reason_and_touches_nothing_else(
        self, name, httpserver, private_ok, healthy
    ):
        # How fast each one fails is measured by bench/deadlines.py, not asserted here.
        before = snapshot(healthy)
        source = make_source(serve(httpserver, f"/{name}", fixture_bytes(name)), name="Hostile")
        result = source_ingest(source=source)
        source.refresh_from_db()

        assert result.outcome == source.last_outcome == "failed"
        assert EXPECTED[name]["reason"] in source.last_error
        assert not IngestedEntry.objects.filter(source=source).exists()
        assert snapshot(healthy) == before

    def test_external_entity_is_never_read(self):
        with pytest.raises(FeedError, match="declares XML entities"):
            feed_parse(fixture_bytes("external-entity.xml"))

    def test_utf16_entity_declaration_is_found_too(self):
        with pytest.raises(FeedError, match="declares XML entities"):
            feed_parse(fixture_bytes("billion-laughs.xml").decode().encode("utf-16"))

    def test_a_body_that_names_a_local_file_is_not_opened(self, tmp_path):
        # feedparser.parse(bytes) tries the bytes as a file name first; we hand it a stream.
        local = tmp_path / "local.rss"
        local.write_bytes(fixture_bytes("outlet-b.atom"))
        with pytest.raises(FeedError):
            feed_parse(str(local).encode())

    def test_usable_despite_malformed_xml_records_the_warning(self, httpserver, private_ok):
        source = make_source(
            serve(httpserver, "/sloppy", fixture_bytes("malformed-with-entries.rss"))
        )
        result = source_ingest(source=source)
        source.refresh_from_db()
        assert (result.outcome, result.new) == ("ok", 1)
        assert "not well-formed" in source.last_warning
        assert source.last_error == ""


class FixtureOutcomeTests:
    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_each_fixture_has_its_expected_outcome(self, name, httpserver, private_ok):
        source = make_source(serve(httpserver, f"/{name}", fixture_bytes(name)), name=name)
        result = source_ingest(source=source)
        expected = EXPECTED[name]
        assert result.outcome == expected["outcome"], result.reason
        if "new" in expected:
            assert result.new == expected["new"]
        if "reason" in expected:
            assert expected["reason"] in result.reason
