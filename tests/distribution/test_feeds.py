"""Feeds: RSS 2.0 and Atom 1.0 for the site, categories, tags and authors, checked with the
W3C feed validator's error rules (tests/distribution/feedcheck.py)."""

import email.utils

import pytest

from tests import factories

from .conftest import SITE
from .feedcheck import ATOM, check_feed, parse

A = f"{{{ATOM}}}"


def feed_urls(newsroom):
    return [
        "/feed/",
        "/feed/atom/",
        "/category/crypto/feed/",
        "/category/crypto/feed/atom/",
        "/category/crypto/bitcoin/feed/",
        "/tag/etf/feed/",
        "/tag/etf/feed/atom/",
        "/author/priya-raman/feed/",
        "/author/priya-raman/feed/atom/",
    ]


class FeedValidityTests:
    @pytest.mark.parametrize("full_content", [False, True])
    def test_every_feed_passes_the_validator_rules(self, client, newsroom, settings, full_content):
        settings.FEEDS_FULL_CONTENT = full_content
        for url in feed_urls(newsroom):
            response = client.get(url)
            assert response.status_code == 200, url
            assert check_feed(response.content) == [], url

    def test_the_checker_catches_what_the_validator_would(self):
        bad = (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            b"<link>/relative/</link><item><title>x</title><guid>not-a-url</guid>"
            b"<pubDate>2026-11-29T10:00:00Z</pubDate><foo/></item></channel></rss>"
        )
        errors = " ".join(check_feed(bad))
        for expected in ("description", "absolute", "atom:link", "InvalidHttpGUID",
                         "RFC-822", "undefined element <foo>"):  # fmt: skip
            assert expected in errors


class FeedContentTests:
    def test_site_rss_uses_the_public_address_and_permalink_guids(self, client, newsroom):
        channel = parse(client.get("/feed/").content).find("channel")
        assert channel.findtext("link") == SITE + "/"
        items = channel.findall("item")
        titles = [item.findtext("title") for item in items]
        assert "Secret draft" not in titles
        lead = items[titles.index("Bitcoin ETFs & funds draw $741 million")]
        url = SITE + newsroom["lead"].get_absolute_url()
        assert lead.findtext("link") == url
        guid = lead.find("guid")
        assert guid.text == url
        assert guid.get("isPermaLink") == "true"
        assert "example.com" not in client.get("/feed/").content.decode().replace(
            "wire.example.com", ""
        )

    def test_dates_are_the_articles_dates(self, client, newsroom):
        lead = newsroom["lead"]
        item = parse(client.get("/feed/").content).find("channel/item")
        assert email.utils.parsedate_to_datetime(
            item.findtext("pubDate")
        ) == lead.published_at.replace(microsecond=0)
        entry = parse(client.get("/feed/atom/").content).find(f"{A}entry")
        assert entry.findtext(f"{A}published").startswith(
            lead.published_at.strftime("%Y-%m-%dT%H:%M:%S")
        )
        assert entry.findtext(f"{A}updated") >= entry.findtext(f"{A}published")

    def test_featured_image_is_an_enclosure_with_its_size_and_type(self, client, newsroom):
        lead = newsroom["lead"]
        item = parse(client.get("/feed/").content).find("channel/item")
        enclosure = item.find("enclosure")
        assert enclosure.get("url") == SITE + lead.featured_image.url
        assert enclosure.get("length") == str(lead.featured_image.size)
        assert enclosure.get("type") == "image/jpeg"
        entry = parse(client.get("/feed/atom/").content).find(f"{A}entry")
        links = [link for link in entry.findall(f"{A}link") if link.get("rel") == "enclosure"]
        assert links[0].get("length") == str(lead.featured_image.size)

    def test_excerpt_by_default_full_content_with_the_setting(self, client, newsroom, settings):
        item = parse(client.get("/feed/").content).find("channel/item")
        assert item.findtext("description") == "Demand for Bitcoin funds picked up &lt;again&gt;."
        settings.FEEDS_FULL_CONTENT = True
        item = parse(client.get("/feed/").content).find("channel/item")
        description = item.findtext("description")
        # Relative links in the body are made absolute: a feed reader has no base URL.
        assert f'href="{SITE}/category/crypto/"' in description
        assert f'src="{SITE}/media/chart.png"' in description
        entry = parse(client.get("/feed/atom/").content).find(f"{A}entry")
        assert entry.find(f"{A}content").get("type") == "html"
        assert f'href="{SITE}/category/crypto/"' in entry.findtext(f"{A}content")
        assert entry.findtext(f"{A}summary").startswith("Demand for Bitcoin")

    def test_category_feed_includes_subcategories_only(self, client, newsroom):
        titles = [
            item.findtext("title")
            for item in parse(client.get("/category/crypto/feed/").content).iter("item")
        ]
        assert set(titles) == {"Bitcoin ETFs & funds draw $741 million", "Crypto market wrap"}
        titles = [
            item.findtext("title")
            for item in parse(client.get("/category/crypto/bitcoin/feed/").content).iter("item")
        ]
        assert titles == ["Bitcoin ETFs & funds draw $741 million"]

    def test_tag_and_author_feeds(self, client, newsroom):
        tag = parse(client.get("/tag/etf/feed/").content)
        assert [i.findtext("title") for i in tag.iter("item")] == [newsroom["lead"].title]
        assert tag.find("channel").findtext("title").startswith("ETF")
        author = parse(client.get("/author/priya-raman/feed/atom/").content)
        entries = author.findall(f"{A}entry")
        assert [e.findtext(f"{A}title") for e in entries] == [newsroom["lead"].title]
        assert entries[0].findtext(f"{A}author/{A}name") == "Priya Raman"

    def test_unknown_subjects_are_404(self, client, db):
        for url in ("/category/nope/feed/", "/tag/nope/feed/atom/", "/author/nope/feed/"):
            assert client.get(url).status_code == 404

    def test_control_characters_never_reach_the_feed(self, client, db):
        factories.article("Bad\x0b title\x00 here", excerpt="x\x1by")
        response = client.get("/feed/")
        assert response.status_code == 200
        assert check_feed(response.content) == []
        assert b"Bad title here" in response.content

    def test_an_empty_site_still_has_valid_feeds(self, client, db):
        for url in ("/feed/", "/feed/atom/"):
            assert check_feed(client.get(url).content) == []


class FeedConditionalGetTests:
    def test_etag_gives_304(self, client, newsroom):
        first = client.get("/feed/")
        etag = first["ETag"]
        assert first["Last-Modified"]
        second = client.get("/feed/", HTTP_IF_NONE_MATCH=etag)
        assert second.status_code == 304
        assert second.content == b""

    def test_last_modified_gives_304(self, client, newsroom):
        first = client.get("/feed/atom/")
        again = client.get("/feed/atom/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert again.status_code == 304

    def test_a_new_article_changes_the_etag(self, client, newsroom, settings):
        settings.PAGE_CACHE_SECONDS = 300
        etag = client.get("/feed/")["ETag"]
        assert client.get("/feed/", HTTP_IF_NONE_MATCH=etag).status_code == 304
        factories.article("Breaking news")
        response = client.get("/feed/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert b"Breaking news" in response.content


class FeedAutodiscoveryTests:
    def test_pages_link_their_feeds(self, client, newsroom):
        html = client.get("/category/crypto/").content.decode()
        assert 'type="application/rss+xml" title="RSS" href="/feed/"' in html
        assert 'href="/category/crypto/feed/"' in html
        assert 'href="/category/crypto/feed/atom/"' in html
        assert 'href="/tag/etf/feed/"' in client.get("/tag/etf/").content.decode()
        assert (
            'href="/author/priya-raman/feed/atom/"'
            in client.get("/author/priya-raman/").content.decode()
        )
        html = client.get("/").content.decode()
        assert 'href="/feed/atom/"' in html


class FeedQueryCountTests:
    @pytest.mark.parametrize("url", ["/feed/", "/feed/atom/", "/sitemap-articles.xml"])
    def test_cost_does_not_grow_with_items(self, client, db, url, django_assert_max_num_queries):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def count():
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            return len(ctx.captured_queries)

        author = factories.author()
        factories.article(author=author, tags=[factories.tag()])
        count()  # the first request also creates the site settings row
        few = count()
        for _ in range(10):
            factories.article(author=factories.author(), tags=[factories.tag(), factories.tag()])
        assert count() == few
        with django_assert_max_num_queries(8):
            client.get(url)
