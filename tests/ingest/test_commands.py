"""The management commands: add_source, ingest, export_stories, classify."""

import io
import json

import pytest
from django.core.management import call_command

from cryptoflexs.articles.models import Article
from cryptoflexs.ingest.models import IngestedEntry, Source
from cryptoflexs.ingest.services import source_ingest

from .conftest import fixture_bytes, make_source, serve

pytestmark = pytest.mark.django_db


def run(*args, stdin: str | None = None, monkeypatch=None) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = 0
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), err.getvalue(), code


class AddSourceTests:
    def test_adds_an_excerpt_source_for_review(self):
        out, _, _ = run("add_source", "https://news.example/feed?utm_source=x", "--name", "News")
        source = Source.objects.get()
        assert (source.name, source.mode, source.auto_publish) == ("News", "excerpt", False)
        assert f"Added source {source.pk}" in out

    def test_name_defaults_to_the_host_and_bad_urls_are_refused(self):
        run("add_source", "https://www.outlet.example/rss")
        assert Source.objects.get().name == "outlet.example"
        from django.core.management.base import CommandError

        with pytest.raises(CommandError):
            run("add_source", "not a url")


class IngestCommandTests:
    def test_summary_and_progress(self, httpserver, private_ok):
        good = make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")))
        bad = make_source(
            serve(httpserver, "/x", fixture_bytes("not-a-feed.html"), content_type="text/html"),
            name="Broken",
        )
        out, err, code = run("ingest", "--all")
        assert (
            "2 sources: fetched 1 (0 not modified), new 3, duplicates 0, rejected 0, errors 1"
            in out
        )
        assert f"Broken (source {bad.pk}) failed: not a feed" in err
        assert "3/3" in err  # the progress bar
        assert code == 1
        out, _, _ = run("ingest", "--source", str(good.pk))
        assert "new 0, duplicates 3" in out

    def test_dry_run_stores_nothing(self, httpserver, private_ok):
        source = make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")))
        out, _, code = run("ingest", "--source", str(source.pk), "--dry-run", "--no-progress")
        assert code == 0
        lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        assert [d["action"] for d in lines] == ["new", "new", "new"]
        assert "Dry run, nothing stored" in out
        assert "new 3" in out
        assert not Article.objects.exists()
        assert not IngestedEntry.objects.exists()
        source.refresh_from_db()
        assert source.last_fetch_at is None
        assert source.etag == ""

    def test_without_arguments_takes_due_sources(self, httpserver, private_ok):
        make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")))
        assert "1 sources: fetched 1" in run("ingest", "--no-progress")[0]
        assert "0 sources" in run("ingest", "--no-progress")[0]  # next fetch is later


class ExportStoriesTests:
    def test_one_story_a_line_with_its_articles(self, httpserver, private_ok):
        a = make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")), name="Outlet A")
        b = make_source(serve(httpserver, "/b", fixture_bytes("outlet-b.atom")), name="Outlet B")
        source_ingest(source=a)
        source_ingest(source=b)
        out, _, _ = run("export_stories")
        stories = [json.loads(line) for line in out.splitlines()]
        assert len(stories) == 1
        articles = stories[0]["articles"]
        assert {x["source"] for x in articles} == {"Outlet A", "Outlet B"}
        assert {x["guid"] for x in articles} == {"outlet-a-1001", "urn:outlet-b:entry:55"}
        for item in articles:
            assert Article.objects.get(pk=item["id"]).source_url == item["url"]
            assert item["title"]


class ClassifyCommandTests:
    def test_category_coins_and_reasons_per_line(self, monkeypatch):
        lines = [
            {
                "title": "Spot bitcoin ETFs take in $900 million as BTC tops $70,000",
                "text": "The funds led by BlackRock's product had their best week.",
            },
            {"title": "An ethical question about ONE link", "text": "Nothing about money."},
            "not an object",
            {"title": "Markets wait for the Fed", "categories": "DeFi"},
        ]
        stdin = "\n".join(json.dumps(x) for x in lines) + "\n{broken\n"
        out, _, _ = run("classify", stdin=stdin, monkeypatch=monkeypatch)
        results = [json.loads(line) for line in out.splitlines()]
        assert results[0]["category"] == "Bitcoin"
        assert results[0]["category_path"] == "crypto/bitcoin"
        assert results[0]["coins"] == ["bitcoin"]
        assert any("bitcoin" in reason for reason in results[0]["reasons"])
        assert results[0]["model"] == "seed"  # no model trained yet: the seed's
        assert results[1]["coins"] == []
        assert results[2] == {"line": 3, "error": "not a JSON object"}
        assert results[3]["category"] == "DeFi"  # the outlet's label spoke
        assert results[4]["line"] == 5
        assert "error" in results[4]
