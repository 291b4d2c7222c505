"""One way to write an article (issue #17): every writer goes through articles.services, and
the one slug rule keeps static pages, the site's own paths and old addresses reachable."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from cryptoflexs.articles import services
from cryptoflexs.articles.models import Article, ArticleRedirect
from cryptoflexs.core.models import Page
from cryptoflexs.ingest.services import source_ingest
from cryptoflexs.submissions.models import Submission
from tests import factories
from tests.ingest.conftest import make_source, serve

pytestmark = pytest.mark.django_db

WXR = Path(__file__).resolve().parent.parent / "fixtures" / "wordpress" / "small-export.xml"


def rss(*titles: str) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>https://outlet.example/{n}</link>"
        f"<guid>entry-{n}</guid><pubDate>Mon, 30 Nov 2026 10:00:00 +0000</pubDate>"
        f"<description>What {title} says, in a few words about bitcoin.</description></item>"
        for n, title in enumerate(titles)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title>'
        f"<link>https://outlet.example/</link><description>d</description>{items}"
        "</channel></rss>"
    ).encode()


def ingest(httpserver, *titles: str) -> None:
    source = make_source(serve(httpserver, "/feed", rss(*titles)), auto_publish=True)
    result = source_ingest(source=source)
    assert result.new == len(titles), result


class SlugRuleTests:
    def test_ingested_headlines_never_take_a_page_or_the_sites_own_paths(
        self, client, httpserver, private_ok
    ):
        Page.objects.create(title="About Us", slug="about-us", body_html="<p>Who we are.</p>")
        ingest(httpserver, "About Us", "Search")
        about = Article.objects.get(title="About Us")
        search = Article.objects.get(title="Search")
        assert about.slug.startswith("about-us-")
        assert search.slug.startswith("search-")
        # The static page and the search page still answer; the articles at their own slugs.
        assert "Who we are." in client.get("/about-us/").content.decode()
        assert 'name="q"' in client.get("/search/").content.decode()
        assert client.get(f"/{about.slug}/").context["article"] == about
        assert client.get(f"/{search.slug}/").context["article"] == search

    def test_an_old_address_keeps_redirecting(self, client, httpserver, private_ok):
        moved = factories.article("Moved story", slug="bitcoin-rallies")
        ArticleRedirect.objects.create(old_path="/bitcoin-rallies-old/", article=moved)
        ingest(httpserver, "Bitcoin rallies old")
        assert Article.objects.get(title="Bitcoin rallies old").slug != "bitcoin-rallies-old"
        response = client.get("/bitcoin-rallies-old/")
        assert response.status_code == 301
        assert response["Location"] == "/bitcoin-rallies/"

    def test_a_json_line_cannot_take_a_static_page(self, tmp_path):
        Page.objects.create(title="About Us", slug="about-us", body_html="<p>Who we are.</p>")
        row = {"title": "About", "slug": "about-us", "body_html": "<p>x</p>", "tags": [],
               "category": "News", "published_at": "2026-01-01", "author": "A"}  # fmt: skip
        path = tmp_path / "a.jsonl"
        path.write_text(json.dumps(row) + "\n")
        err = io.StringIO()
        with pytest.raises(Exception, match="bad line"):
            call_command("import_articles", str(path), stdout=io.StringIO(), stderr=err)
        assert "line 1: slug 'about-us': A static page already uses this address." in err.getvalue()
        assert not Article.objects.exists()

    def test_the_admin_refuses_a_page_slug_and_an_old_address(self, client, editor):
        Page.objects.create(title="About Us", slug="about-us", body_html="<p>Who we are.</p>")
        old = factories.article("Old", slug="old-one")
        ArticleRedirect.objects.create(old_path="/used-to-be/", article=old)
        client.force_login(editor)
        for slug, message in (
            ("about-us", "A static page already uses this address."),
            ("used-to-be", "This is an old address of an article"),
            ("search", "is used by the site itself"),
        ):
            response = client.post("/admin/articles/article/add/", admin_form(slug=slug))
            assert response.status_code == 200
            assert message in response.content.decode()
        assert list(Article.objects.values_list("slug", flat=True)) == ["old-one"]


def admin_form(**overrides) -> dict:
    data = {
        "title": "A new story",
        "slug": "a-new-story",
        "excerpt": "",
        "body_html": "<p>Some words here.</p>",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "category": factories.category().pk,
        "featured_image_alt": "",
        "featured_image_credit": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def private_ok(settings):
    """The feed server is on loopback, which ingestion refuses by default."""
    settings.INGEST_ALLOW_PRIVATE_NETWORKS = True


@pytest.fixture
def written(monkeypatch) -> list[tuple[str, Article]]:
    """Record every call of the two article services (they still do their work)."""
    calls = []
    for name in ("article_create", "article_update"):
        real = getattr(services, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            article = _real(*args, **kwargs)
            calls.append((_name, article))
            return article

        monkeypatch.setattr(services, name, spy)
    return calls


def created_by_service(written) -> set[int]:
    return {article.pk for name, article in written if name == "article_create"}


class EveryWriterTests:
    def test_every_kind_of_writer_goes_through_the_service(
        self, written, client, editor, httpserver, private_ok, tmp_path
    ):
        jsonl = tmp_path / "articles.jsonl"
        jsonl.write_text(
            json.dumps(
                {
                    "title": "From a file",
                    "slug": "from-a-file",
                    "body_html": "<p>x</p>",
                    "category": "News",
                    "tags": ["Bitcoin"],
                    "published_at": "2026-01-01",
                    "author": "Jane",
                }
            )
            + "\n"  # fmt: skip
        )
        writers = {
            "JSON Lines": lambda: call_command("import_articles", str(jsonl), stderr=io.StringIO()),
            "WordPress": lambda: call_command(
                "import_wordpress", str(WXR), "--skip-images", stdout=io.StringIO()
            ),
            "ingest": lambda: ingest(httpserver, "Bitcoin climbs as buyers return"),
            "submission": lambda: self.submission_to_draft(client, editor),
            "demo": lambda: call_command("load_demo", "--no-progress", stdout=io.StringIO()),
            "admin": lambda: self.admin_add(client, editor),
        }
        for kind, write in writers.items():
            before = set(Article.objects.values_list("pk", flat=True))
            write()
            new = set(Article.objects.values_list("pk", flat=True)) - before
            assert new, f"{kind} wrote no article"
            assert new <= created_by_service(written), f"{kind} bypassed article_create"
        # Re-running an importer updates through the other service.
        updates_before = sum(name == "article_update" for name, _ in written)
        jsonl.write_text(jsonl.read_text().replace("From a file", "From a file, again"))
        call_command("import_articles", str(jsonl), stderr=io.StringIO())
        assert sum(name == "article_update" for name, _ in written) == updates_before + 1
        assert Article.objects.get(slug="from-a-file").title == "From a file, again"

    @staticmethod
    def submission_to_draft(client, editor):
        submission = Submission.objects.create(
            kind=Submission.Kind.PAID, sponsored=True, title="Token X launches",
            body="Read https://token-x.example/launch", contact_name="Ada",
            contact_email="ada@token-x.example",
        )  # fmt: skip
        client.force_login(editor)
        client.post(
            "/admin/submissions/submission/",
            {"action": "make_draft", "_selected_action": [submission.pk]},
        )
        client.logout()
        submission.refresh_from_db()
        assert submission.article.sponsored

    @staticmethod
    def admin_add(client, editor):
        client.force_login(editor)
        response = client.post("/admin/articles/article/add/", admin_form(slug="from-the-admin"))
        assert response.status_code == 302, response.content[:500]
        client.logout()
