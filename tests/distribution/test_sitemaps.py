"""Sitemaps validate against the sitemaps.org and Google News schemas (tests/fixtures/xsd)."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from cryptoflexs.articles.sitemaps import ArticleSitemap
from cryptoflexs.core.models import Page
from tests import factories

from .conftest import SITE

XSD = Path(__file__).resolve().parent.parent / "fixtures" / "xsd"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / name)))


def valid(content: bytes, schema_name: str) -> etree._Element:
    doc = etree.fromstring(content)
    xsd = schema(schema_name)
    assert xsd.validate(doc), xsd.error_log
    return doc


def section_urls(client) -> list[str]:
    index = valid(client.get("/sitemap.xml").content, "siteindex.xsd")
    return [loc.text for loc in index.iter(f"{SM}loc")]


class SitemapIndexTests:
    def test_index_lists_every_section_on_the_public_address(self, client, newsroom):
        Page.objects.create(title="About", slug="about-us", body_html="<p>Hi</p>")
        locs = section_urls(client)
        assert locs == [
            f"{SITE}/sitemap-articles.xml",
            f"{SITE}/sitemap-categories.xml",
            f"{SITE}/sitemap-tags.xml",
            f"{SITE}/sitemap-authors.xml",
            f"{SITE}/sitemap-pages.xml",
            f"{SITE}/sitemap-news.xml",
        ]

    def test_every_section_validates_and_lists_public_urls_only(self, client, newsroom):
        Page.objects.create(title="About", slug="about-us", body_html="<p>Hi</p>")
        found = []
        for loc in section_urls(client):
            path = loc.removeprefix(SITE)
            name = "sitemap-with-news.xsd" if "news" in path else "sitemap.xsd"
            doc = valid(client.get(path).content, name)
            found += [node.text for node in doc.iter(f"{SM}loc")]
        expected = {
            SITE + newsroom["lead"].get_absolute_url(),
            SITE + newsroom["crypto"].get_absolute_url(),
            SITE + newsroom["bitcoin"].get_absolute_url(),
            SITE + newsroom["etf"].get_absolute_url(),
            SITE + newsroom["priya"].get_absolute_url(),
            SITE + "/about-us/",
            SITE + "/",
        }
        assert expected <= set(found)
        assert SITE + newsroom["draft"].get_absolute_url() not in found

    def test_sections_split_into_pages(self, client, db, monkeypatch):
        monkeypatch.setattr(ArticleSitemap, "limit", 2)
        for _ in range(5):
            factories.article()
        locs = section_urls(client)
        pages = [loc for loc in locs if "sitemap-articles" in loc]
        assert pages == [
            f"{SITE}/sitemap-articles.xml",
            f"{SITE}/sitemap-articles.xml?p=2",
            f"{SITE}/sitemap-articles.xml?p=3",
        ]
        doc = valid(client.get("/sitemap-articles.xml", {"p": 3}).content, "sitemap.xsd")
        assert len(doc.findall(f"{SM}url")) == 1
        assert client.get("/sitemap-articles.xml", {"p": 4}).status_code == 404

    def test_default_page_size_is_the_protocol_limit(self):
        assert ArticleSitemap.limit == 50_000

    def test_unknown_section_is_404(self, client, db):
        assert client.get("/sitemap-nope.xml").status_code == 404


class NewsSitemapTests:
    def test_last_48_hours_only_with_news_elements(self, client, newsroom):
        old = factories.article("Old story", published_at=timezone.now() - dt.timedelta(hours=49))
        doc = valid(client.get("/sitemap-news.xml").content, "sitemap-with-news.xsd")
        urls = {url.findtext(f"{SM}loc"): url for url in doc.findall(f"{SM}url")}
        assert SITE + old.get_absolute_url() not in urls
        lead = urls[SITE + newsroom["lead"].get_absolute_url()]
        news = lead.find(f"{NEWS}news")
        assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Crypto Flexs"
        assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
        assert news.findtext(f"{NEWS}title") == newsroom["lead"].title
        published = dt.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
        assert published == newsroom["lead"].published_at.replace(microsecond=0)

    def test_schema_rejects_a_broken_news_entry(self):
        broken = (
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
            b"<loc>https://news.example.org/a/</loc><news:news><news:publication>"
            b"<news:name>X</news:name><news:language>English</news:language>"
            b"</news:publication><news:title>T</news:title></news:news></url></urlset>"
        )
        assert not schema("sitemap-with-news.xsd").validate(etree.fromstring(broken))


class RobotsTests:
    def test_robots_points_at_the_sitemaps_and_keeps_crawlers_out(self, client, db):
        response = client.get("/robots.txt")
        assert response["Content-Type"].startswith("text/plain")
        lines = response.content.decode().splitlines()
        assert "User-agent: *" in lines
        for path in ("/admin/", "/search/", "/preview/"):
            assert f"Disallow: {path}" in lines
        assert f"Sitemap: {SITE}/sitemap.xml" in lines
        assert f"Sitemap: {SITE}/sitemap-news.xml" in lines


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-news.xml"])
def test_sitemaps_are_xml(client, newsroom, url):
    assert client.get(url)["Content-Type"].startswith("application/xml")
