"""Absolute links come from SITE_URL, never from the request's Host header (issue #15,
item 8): a forged Host cannot poison a page that the page cache then serves to everyone."""

import re

import pytest

from cryptoflexs.core.models import Page
from cryptoflexs.directory.models import Listing

from .conftest import SITE

pytestmark = pytest.mark.django_db

FORGED = "localhost:6666"  # an allowed host name with a port of the attacker's choosing
ABSOLUTE = re.compile(r'(?:href|content|src)="(https?://[^"/]+)')


@pytest.fixture
def cached_pages(settings):
    settings.PAGE_CACHE_SECONDS = 300


def hosts_in(html: str) -> set[str]:
    """Return the scheme://host of every absolute link of ours in a page."""
    return {h for h in ABSOLUTE.findall(html) if "localhost" in h or "127.0.0.1" in h or SITE in h}


class ForgedHostTests:
    def paths(self, newsroom):
        Page.objects.create(title="About", slug="about-us", body_html="<p>Hi</p>")
        Listing.objects.create(
            name="Nova Wallet", slug="nova", kind="wallet", website="https://nova.example",
            description="A wallet.", status=Listing.Status.APPROVED,
        )  # fmt: skip
        return ["/", newsroom["lead"].get_absolute_url(), "/about-us/", "/directory/nova/"]

    def test_a_forged_host_never_reaches_a_page(self, client, newsroom, cached_pages):
        for path in self.paths(newsroom):
            forged = client.get(path, HTTP_HOST=FORGED).content.decode()
            assert FORGED not in forged, path
            assert hosts_in(forged) == {SITE}, path
            # What the next reader gets, from the page cache or not.
            assert hosts_in(client.get(path).content.decode()) == {SITE}, path

    @pytest.mark.parametrize(
        "path", ["/feed/", "/feed/atom/", "/sitemap.xml", "/sitemap-articles.xml", "/robots.txt",
                 "/sitemap-news.xml", "/api/articles"],
    )  # fmt: skip
    def test_feeds_sitemaps_and_the_api_ignore_the_host(self, client, newsroom, cached_pages, path):
        body = client.get(path, HTTP_HOST=FORGED).content.decode()
        assert FORGED not in body
        assert SITE in body

    def test_share_links_and_og_url_use_the_public_address(self, client, newsroom):
        html = client.get(newsroom["lead"].get_absolute_url(), HTTP_HOST=FORGED).content.decode()
        url = SITE + newsroom["lead"].get_absolute_url()
        assert f'<meta property="og:url" content="{url}">' in html
        assert "https%3A%2F%2Fnews.example.org%2F" in html  # share targets, URL-encoded
        assert "localhost" not in html
