"""The cached path does no database work; every public page has validators (304) and is
compressed for readers that accept gzip, with the page cache on and off."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cryptoflexs.analytics.models import ArticleViewDay
from cryptoflexs.analytics.services import views_flush
from cryptoflexs.core.models import Page, SiteSettings
from tests import factories

pytestmark = pytest.mark.django_db

READER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}


@pytest.fixture
def site(settings, tmp_path):
    settings.ANALYTICS_VIEWS_DIR = tmp_path / "views"
    settings.REDIS_URL = ""
    SiteSettings.load()
    category = factories.category("Bitcoin", show_in_menu=True)
    writer = factories.author("Wendy")
    tag = factories.tag("ETF")
    article = factories.article("Spot bitcoin ETF flows", category=category, author=writer,
                                tags=[tag])  # fmt: skip
    Page.objects.create(title="About Us", slug="about-us", body_html="<p>About</p>")
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "category": category.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": writer.get_absolute_url(),
        "date": f"/{article.published_at:%Y/%m}/",
        "page": "/about-us/",
        "search": "/search/?q=bitcoin",
        "feed": "/feed/",
        "sitemap": "/sitemap-articles.xml",
        "api": "/api/articles",
        "_article": article,
    }


PAGES = ["home", "article", "category", "tag", "author", "date", "page", "search", "feed",
         "sitemap", "api"]  # fmt: skip


def test_a_cached_article_hit_runs_no_sql_and_its_view_is_still_counted(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 300
    url = site["article"]
    assert client.get(url, **READER)["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **READER)
    assert response["X-Cache"] == "hit"
    assert b"Spot bitcoin ETF flows" in response.content
    assert ctx.captured_queries == []
    views_flush()
    assert ArticleViewDay.objects.get(article=site["_article"]).views == 2


@pytest.mark.parametrize("cache_seconds", [0, 300])
@pytest.mark.parametrize("name", PAGES)
def test_every_public_page_answers_304_to_its_etag(client, site, settings, name, cache_seconds):
    settings.PAGE_CACHE_SECONDS = cache_seconds
    first = client.get(site[name], **READER)
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(site[name], HTTP_IF_NONE_MATCH=etag, **READER)
    assert again.status_code == 304, name
    assert again.content == b""
    if cache_seconds and name != "api":
        # A cached page also has a Last-Modified that answers If-Modified-Since.
        since = client.get(site[name], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"], **READER)
        assert since.status_code == 304, name
    other = client.get(site[name], HTTP_IF_NONE_MATCH='"something-else"', **READER)
    assert other.status_code == 200


@pytest.mark.parametrize("cache_seconds", [0, 300])
@pytest.mark.parametrize("name", ["home", "article", "feed", "api", "search"])
def test_pages_feeds_and_json_are_gzipped_for_readers_that_accept_it(
    client, site, settings, name, cache_seconds
):
    settings.PAGE_CACHE_SECONDS = cache_seconds
    plain = client.get(site[name], **READER)
    assert "Content-Encoding" not in plain
    for _ in range(2):  # a miss, then (cache on) a hit
        packed = client.get(site[name], HTTP_ACCEPT_ENCODING="gzip, deflate", **READER)
        assert packed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in packed["Vary"]
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content)
        assert packed["ETag"] != plain["ETag"]


def test_a_cached_page_is_kept_per_host(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    one = client.get("/", HTTP_HOST="127.0.0.1")
    other = client.get("/", HTTP_HOST="localhost")
    assert (one["X-Cache"], other["X-Cache"]) == ("miss", "miss")
    # Links name SITE_URL whatever the Host header says (#15, item 8).
    assert settings.SITE_URL.encode() in other.content
    assert b"http://localhost/" not in other.content
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
