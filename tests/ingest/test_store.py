"""Storing entries: exact and near-duplicates, stories, attribution, the article page."""

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cryptoflexs.articles.models import Article, Category, Story
from cryptoflexs.editorial.models import ArticleTransition
from cryptoflexs.ingest.dedup import dedup_key
from cryptoflexs.ingest.models import IngestedEntry
from cryptoflexs.ingest.services import source_ingest
from tests import factories

from .conftest import fixture_bytes, make_source, serve

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_outlets(httpserver, private_ok):
    a = make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")), name="Outlet A")
    b = make_source(
        serve(
            httpserver, "/b", fixture_bytes("outlet-b.atom"), content_type="application/atom+xml"
        ),
        name="Outlet B",
        auto_publish=True,
    )
    return a, b


class ExactDuplicateTests:
    def test_same_feed_twice_stores_each_entry_once(self, httpserver, private_ok):
        source = make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")))
        assert source_ingest(source=source).new == 3
        source.refresh_from_db()
        again = source_ingest(source=source)
        assert (again.new, again.duplicates) == (0, 3)
        assert Article.objects.count() == IngestedEntry.objects.count() == 3
        source.refresh_from_db()
        assert (source.articles_created, source.duplicates, source.entries_seen) == (3, 3, 6)

    def test_two_feeds_of_one_outlet_share_entries(self, httpserver, private_ok):
        body = fixture_bytes("outlet-a.rss")
        first = make_source(serve(httpserver, "/all", body), name="A all")
        second = make_source(serve(httpserver, "/bitcoin", body), name="A bitcoin")
        assert source_ingest(source=first).new == 3
        assert source_ingest(source=second).duplicates == 3
        assert Article.objects.count() == 3

    def test_keys_are_full_sha256_with_fallbacks(self):
        guid = dedup_key(guid="x-1", url="https://a/1", title="t", content="c", scope="a")
        url = dedup_key(guid="", url="https://a/1", title="t", content="c", scope="a")
        text = dedup_key(guid="", url="", title="t", content="c", scope="a")
        assert len({guid, url, text}) == 3
        assert all(len(k) == 64 and int(k, 16) >= 0 for k in (guid, url, text))
        # An opaque GUID is only unique within its outlet; a URL GUID everywhere.
        assert guid != dedup_key(guid="x-1", url="", title="", content="", scope="b")
        assert dedup_key(guid="https://a/1", url="", title="", content="", scope="a") == (
            dedup_key(guid="https://a/1", url="", title="", content="", scope="b")
        )

    def test_database_refuses_a_second_key(self, httpserver, private_ok):
        from django.db import IntegrityError, transaction

        source = make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")))
        source_ingest(source=source)
        existing = IngestedEntry.objects.first()
        with pytest.raises(IntegrityError), transaction.atomic():
            IngestedEntry.objects.create(
                dedup_key=existing.dedup_key,
                source=source,
                title="again",
                published_at=existing.published_at,
            )


class NearDuplicateTests:
    def test_other_outlets_copy_joins_the_story(self, two_outlets):
        a, b = two_outlets
        source_ingest(source=a)
        result = source_ingest(source=b)
        assert result.new == 2
        story = Story.objects.get()
        titles = set(story.articles.values_list("ingested_entry__title", flat=True))
        assert titles == {
            "Exchange Zentra halts withdrawals after a $40 million hack",
            "Zentra exchange suspends withdrawals following $40M hack",
        }
        keys = set(Article.objects.filter(story=story).values_list("source_name", flat=True))
        assert keys == {"Outlet A", "Outlet B"}
        # The other entries of both feeds are stories of their own.
        assert Article.objects.filter(story=None).count() == 3

    def test_several_sources_with_a_worker_process_tell_the_same_story(self, two_outlets):
        from cryptoflexs.ingest.services import sources_ingest

        results = dict(sources_ingest(sources=list(two_outlets), workers=1))
        assert [r.new for r in results.values()] == [3, 2]
        story = Story.objects.get()
        assert set(story.articles.values_list("source_name", flat=True)) == {
            "Outlet A",
            "Outlet B",
        }
        for source in two_outlets:
            source.refresh_from_db()
            assert source.fetching_until is None  # every lease released

    def test_outside_the_time_window_is_another_story(self, two_outlets, settings):
        settings.INGEST_DEDUP_WINDOW_HOURS = 0.5  # the two copies are 1 h 47 min apart
        a, b = two_outlets
        source_ingest(source=a)
        source_ingest(source=b)
        assert not Story.objects.exists()


class ArticleTests:
    def test_review_queue_attribution_and_transition(self, two_outlets):
        a, _ = two_outlets
        source_ingest(source=a)
        article = Article.objects.get(title__startswith="Exchange Zentra")
        assert article.status == Article.Status.IN_REVIEW
        assert article.source_name == "Outlet A"
        assert article.source_url == "https://outlet-a.example/news/zentra-hack?id=7"
        assert article.canonical_url == article.source_url
        assert article.published_at == dt.datetime(2026, 3, 3, 8, 15, tzinfo=dt.UTC)
        # Excerpt mode: the summary and a link, not the full text.
        assert "cold storage" not in article.body_html
        assert 'href="https://outlet-a.example/news/zentra-hack?id=7"' in article.body_html
        assert "<script" not in article.body_html
        assert "onclick" not in article.body_html
        assert "pixel.wp.com" not in article.body_html
        assert 'src="https://outlet-a.example/images/zentra.jpg"' in article.body_html
        transition = ArticleTransition.objects.get(article=article)
        assert (transition.by, transition.to_status) == (None, "review")
        assert transition.note == "Ingested from Outlet A"
        entry = article.ingested_entry
        assert entry.source == a
        assert entry.fetch.source == a
        assert entry.fetched_at
        assert {t.slug for t in article.tags.all()} >= {"ethereum", "tether"}
        assert article.category.path in settings.CLASSIFIER_CATEGORIES
        assert entry.predicted_category == article.category  # recorded: corrections count
        assert entry.classifier == "seed"

    def test_full_mode_takes_the_full_text(self, httpserver, private_ok):
        source = make_source(
            serve(httpserver, "/a", fixture_bytes("outlet-a.rss")), mode="full", auto_publish=True
        )
        source_ingest(source=source)
        article = Article.objects.get(title__startswith="Exchange Zentra")
        assert "cold storage" in article.body_html
        assert 'href="https://outlet-a.example/blog/statement"' in article.body_html
        assert article.canonical_url == ""
        assert article.status == Article.Status.PUBLISHED

    def test_categories_map_to_the_existing_tree(self, two_outlets):
        crypto = factories.category("Crypto", slug="crypto")
        bitcoin = factories.category("Bitcoin", slug="bitcoin", parent=crypto)
        a, _ = two_outlets
        source_ingest(source=a)
        assert Article.objects.get(title__startswith="Bitcoin climbs").category == bitcoin
        assert Category.objects.get(slug="nft").parent is None  # created once, at the top
        assert Category.objects.filter(slug="bitcoin").count() == 1

    def test_keyword_rules(self, httpserver, private_ok):
        source = make_source(
            serve(httpserver, "/a", fixture_bytes("outlet-a.rss")),
            include_keywords="bitcoin\nzentra",
            exclude_keywords="hack",
        )
        result = source_ingest(source=source)
        assert (result.new, result.rejected) == (1, 2)
        assert Article.objects.get().title.startswith("Bitcoin climbs")


class ArticlePageTests:
    def test_page_shows_source_and_also_reported_by(self, client, two_outlets):
        a, b = two_outlets
        a.auto_publish = True
        a.save()
        source_ingest(source=a)
        source_ingest(source=b)
        mine = Article.objects.get(source_name="Outlet A", story__isnull=False)
        other = Article.objects.get(source_name="Outlet B", story=mine.story_id)
        html = client.get(mine.get_absolute_url()).content.decode()
        assert 'Source: <a href="https://outlet-a.example/news/zentra-hack?id=7"' in html
        assert "Also reported by" in html
        assert 'href="https://outlet-b.example/2026/03/zentra-suspends-withdrawals"' in html
        assert f'href="{other.get_absolute_url()}"' in html
        assert (
            '<link rel="canonical" href="https://outlet-a.example/news/zentra-hack?id=7">' in html
        )

    def test_ingested_articles_reach_cached_pages_at_once(self, client, two_outlets, settings):
        settings.PAGE_CACHE_SECONDS = 300
        a, b = two_outlets  # b publishes
        assert "suspends withdrawals" not in client.get("/").content.decode()
        source_ingest(source=b)
        assert "suspends withdrawals" in client.get("/").content.decode()

    def test_unpublished_copies_are_not_listed(self, client, two_outlets):
        a, b = two_outlets  # a goes to review, b publishes
        source_ingest(source=a)
        source_ingest(source=b)
        article = Article.objects.get(source_name="Outlet B", story__isnull=False)
        html = client.get(article.get_absolute_url()).content.decode()
        assert "Also reported by" not in html

    @pytest.mark.parametrize("page", ["home", "category", "tag", "archive"])
    def test_lists_show_the_story_once(self, client, two_outlets, page):
        a, b = two_outlets
        a.auto_publish = True
        a.save()
        source_ingest(source=a)
        source_ingest(source=b)
        copies = list(Article.objects.exclude(story=None))
        assert len(copies) == 2
        assert copies[0].category == copies[1].category  # one event, one category
        assert {t.slug for t in copies[0].tags.all()} & {t.slug for t in copies[1].tags.all()}
        tag = (copies[0].tags.all() & copies[1].tags.all()).first()
        url = {
            "home": reverse("articles:home"),
            "category": copies[0].category.get_absolute_url(),
            "tag": tag.get_absolute_url(),
            "archive": "/2026/03/",
        }[page]
        html = client.get(url).content.decode()
        sidebar = html.split("</main>")[1]
        for region in html.split("</main>")[0].split("<section"):  # each list of the page
            shown = sum(region.count(f'href="{c.get_absolute_url()}"') > 0 for c in copies)
            assert shown <= 1, region
        assert sum(sidebar.count(f'href="{c.get_absolute_url()}"') > 0 for c in copies) <= 1
        if page != "home":
            assert sum(html.count(c.get_absolute_url()) > 0 for c in copies) == 1

    def test_also_reported_by_costs_one_query_however_many_copies(self, client, two_outlets):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        a, b = two_outlets
        a.auto_publish = True
        a.save()
        source_ingest(source=a)
        source_ingest(source=b)
        article = Article.objects.filter(story__isnull=False, source_name="Outlet A").get()
        url = article.get_absolute_url()

        def queries():
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            return [q["sql"] for q in ctx.captured_queries]

        first = queries()
        assert sum('"story_id" =' in sql for sql in first) == 1
        for n in range(3):
            factories.article(f"Copy {n}", story=article.story, source_name=f"Copy {n}")
        assert len(queries()) == len(first)
        assert "Copy 2" in client.get(url).content.decode()


VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"


@pytest.mark.skipif(
    not VNU_JAR.is_file() or not shutil.which("java"),
    reason="the W3C Nu checker is installed by make test (npm ci) and needs Java",
)
def test_article_page_with_a_story_is_valid_html(client, two_outlets):
    a, b = two_outlets
    a.auto_publish = True
    a.save()
    source_ingest(source=a)
    source_ingest(source=b)
    article = Article.objects.filter(story__isnull=False).first()
    html = client.get(article.get_absolute_url()).content
    assert b"Also reported by" in html
    checked = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--no-langdetect", "--format", "json", "-"],
        input=html,
        capture_output=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(checked.stderr or checked.stdout or b"{}").get("messages", [])
    assert messages == []


class StatementCountTests:
    """Storing costs a few statements a batch of entries, not a few an entry: categories,
    coin tags and known stories are looked up once a run, and a batch is inserted at once."""

    def test_a_feed_is_stored_in_a_few_statements(self, httpserver, private_ok):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from cryptoflexs.ingest.store import RunState

        from .feedgen import feed_bytes

        # o2 republishes o0's stories (same headlines and texts): each of its entries joins
        # one, and each of o0's lone entries is given its story.
        sources = [
            make_source(serve(httpserver, f"/{i}", feed_bytes(outlet=f"o{i}", n=40, seed=i % 2)))
            for i in range(3)
        ]
        run = RunState()
        source_ingest(source=sources[0], run=run)
        source_ingest(source=sources[1], run=run)
        with CaptureQueriesContext(connection) as queries:
            result = source_ingest(source=sources[2], run=run)
        assert result.new == 40
        copies = Article.objects.filter(ingested_entry__source=sources[2])
        assert copies.filter(story__isnull=False).count() == 40
        originals = Article.objects.filter(ingested_entry__source=sources[0])
        assert set(originals.values_list("story", flat=True)) == set(
            copies.values_list("story", flat=True)
        )
        statements = [
            q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
        ]
        # Known categories and coin tags are not looked up again.
        for table in ("articles_category", "articles_tag"):
            assert not any(f'FROM "{table}"' in sql for sql in statements), table
        # The feed: claim, log, keys, slugs, index extension, release (about 10); the batch:
        # stories, articles, entries, tags, workflow records, and one update for each lone
        # article given a story.
        assert len(statements) <= 10 + 5 + 40, "\n".join(statements)


def _one_item_feed(*, guid: str, link: str, title: str, text: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<link>https://example.org/</link><description>d</description>"
        f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>"
        "<pubDate>Mon, 30 Nov 2026 10:00:00 +0000</pubDate>"
        f"<description>{text}</description></item></channel></rss>"
    ).encode()


class GuidSquattingTests:
    """#15 item 5: a source that claims another outlet's item URL as its GUID must not make
    that outlet's genuine entry a "duplicate" that is never stored."""

    def test_another_outlets_url_as_guid_does_not_block_the_genuine_entry(
        self, httpserver, private_ok
    ):
        genuine = "https://outlet-a.example/news/exchange-halts-withdrawals"
        squatter = make_source(
            serve(
                httpserver,
                "/squatter",
                _one_item_feed(
                    guid=genuine,
                    link="https://copycat.example/p/1",
                    title="Copycat rewrite of the exchange halt",
                    text="A rewrite published first by a copycat site.",
                ),
            ),
            name="Copycat",
            site_url="https://copycat.example/",
        )
        outlet = make_source(
            serve(
                httpserver,
                "/outlet-a",
                _one_item_feed(
                    guid=genuine,
                    link=genuine,
                    title="Exchange halts withdrawals after a wallet breach",
                    text="The exchange halted withdrawals on Monday after a hot wallet breach.",
                ),
            ),
            name="Outlet A",
            site_url="https://outlet-a.example/",
        )
        assert source_ingest(source=squatter).new == 1
        result = source_ingest(source=outlet)
        assert (result.new, result.duplicates) == (1, 0)
        assert IngestedEntry.objects.filter(source=outlet, guid=genuine).exists()
        # The genuine outlet's own URL GUID still identifies its item everywhere: a second
        # feed of that outlet carrying it is a duplicate.
        again = source_ingest(source=outlet)
        assert (again.new, again.duplicates) == (0, 1)
