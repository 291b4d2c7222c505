"""Search-engine and social metadata: canonical links, descriptions, OpenGraph, Twitter
cards, JSON-LD NewsArticle and BreadcrumbList, rel=prev/next, the admin's SEO fields."""

import json

from django.contrib.auth.models import User
from lxml import html as lxml_html

from cryptoflexs.articles.models import Article
from tests import factories

from .conftest import SITE

REQUIRED_NEWS_ARTICLE = (
    "headline", "image", "datePublished", "dateModified", "author", "publisher",
    "mainEntityOfPage",
)  # fmt: skip


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.fromstring(response.content)


def meta(doc, key):
    nodes = doc.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')
    return nodes[0] if nodes else None


def json_ld(doc):
    return [json.loads(node.text) for node in doc.xpath('//script[@type="application/ld+json"]')]


class ArticleMetadataTests:
    def test_json_ld_news_article_holds_the_required_properties(self, client, newsroom):
        lead = newsroom["lead"]
        doc = head(client, lead.get_absolute_url())
        blocks = {block["@type"]: block for block in json_ld(doc)}
        article = blocks["NewsArticle"]
        for key in REQUIRED_NEWS_ARTICLE:
            assert article.get(key), key
        assert article["headline"] == lead.title
        assert article["image"] == [SITE + lead.featured_image.url]
        assert article["datePublished"] == lead.published_at.isoformat()
        assert article["author"][0] == {
            "@type": "Person", "name": "Priya Raman", "url": f"{SITE}/author/priya-raman/",
        }  # fmt: skip
        logo = article["publisher"]["logo"]["url"]
        assert logo.startswith(SITE + "/static/img/logo")
        assert logo.endswith(".png")
        assert article["mainEntityOfPage"]["@id"] == SITE + lead.get_absolute_url()
        assert article["isBasedOn"] == "https://wire.example.com/story/1"

    def test_breadcrumb_list_follows_the_category_tree(self, client, newsroom):
        lead = newsroom["lead"]
        blocks = {b["@type"]: b for b in json_ld(head(client, lead.get_absolute_url()))}
        items = blocks["BreadcrumbList"]["itemListElement"]
        assert [(i["position"], i["name"], i["item"]) for i in items] == [
            (1, "Home", SITE + "/"),
            (2, "Crypto", SITE + "/category/crypto/"),
            (3, "Bitcoin", SITE + "/category/crypto/bitcoin/"),
            (4, lead.title, SITE + lead.get_absolute_url()),
        ]

    def test_json_ld_cannot_be_broken_out_of(self, client, db):
        hostile = factories.article("Pwn </script><script>alert(1)</script> <!-- x")
        response = client.get(hostile.get_absolute_url())
        body = response.content.decode()
        start = body.index('<script type="application/ld+json">')
        block = body[start : body.index("</script>", start)]
        assert "<script>" not in block
        assert "<!--" not in block
        headline = next(
            b
            for b in json_ld(lxml_html.fromstring(response.content))
            if b["@type"] == "NewsArticle"
        )["headline"]
        assert headline == hostile.title[:110]

    def test_opengraph_and_twitter_tags_are_present_and_absolute(self, client, newsroom):
        lead = newsroom["lead"]
        doc = head(client, lead.get_absolute_url())
        assert meta(doc, "og:type") == "article"
        assert meta(doc, "og:title") == lead.title
        assert meta(doc, "og:url") == SITE + lead.get_absolute_url()
        assert meta(doc, "og:image") == SITE + lead.featured_image.url
        assert meta(doc, "og:image:width") == "800"
        assert meta(doc, "og:description").startswith("Demand for Bitcoin funds")
        assert meta(doc, "twitter:card") == "summary_large_image"
        assert meta(doc, "twitter:image") == SITE + lead.featured_image.url
        assert meta(doc, "article:published_time")
        for key in ("og:url", "og:image", "twitter:image"):
            assert meta(doc, key).startswith("https://"), key

    def test_seo_title_and_description_win(self, client, newsroom):
        lead = newsroom["lead"]
        Article.objects.filter(pk=lead.pk).update(
            seo_title="Bitcoin ETF inflows hit $741M", seo_description="Funds drew money."
        )
        doc = head(client, lead.get_absolute_url())
        assert doc.findtext(".//title").startswith("Bitcoin ETF inflows hit $741M")
        assert meta(doc, "description") == "Funds drew money."
        assert meta(doc, "og:title") == "Bitcoin ETF inflows hit $741M"
        assert meta(doc, "og:description") == "Funds drew money."

    def test_canonical_points_at_the_original_when_set(self, client, newsroom):
        lead = newsroom["lead"]
        Article.objects.filter(pk=lead.pk).update(canonical_url="https://wire.example.com/s")
        doc = head(client, lead.get_absolute_url())
        assert doc.xpath('//link[@rel="canonical"]/@href') == ["https://wire.example.com/s"]

    def test_a_preview_has_no_json_ld(self, client, newsroom):
        user = User.objects.create_superuser("boss", password="pw")
        client.force_login(user)
        doc = head(client, newsroom["draft"].get_absolute_url())
        assert json_ld(doc) == []
        assert meta(doc, "robots") == "noindex"


class ListMetadataTests:
    def test_paginated_lists_have_canonical_and_prev_next(self, client, db, settings):
        settings.ARTICLES_PER_PAGE = 2
        category = factories.category("Markets")
        for _ in range(5):
            factories.article(category=category)
        base = f"{SITE}/category/markets/"
        first = head(client, "/category/markets/")
        assert first.xpath('//link[@rel="canonical"]/@href') == [base]
        assert first.xpath('//link[@rel="prev"]/@href') == []
        assert first.xpath('//link[@rel="next"]/@href') == [base + "?page=2"]
        second = head(client, "/category/markets/?page=2")
        assert second.xpath('//link[@rel="canonical"]/@href') == [base + "?page=2"]
        assert second.xpath('//link[@rel="prev"]/@href') == [base]
        assert second.xpath('//link[@rel="next"]/@href') == [base + "?page=3"]
        last = head(client, "/category/markets/?page=3")
        assert last.xpath('//link[@rel="next"]/@href') == []

    def test_category_page_has_breadcrumb_json_ld_and_og_tags(self, client, newsroom):
        doc = head(client, "/category/crypto/bitcoin/")
        items = json_ld(doc)[0]["itemListElement"]
        assert [i["name"] for i in items] == ["Home", "Crypto", "Bitcoin"]
        assert meta(doc, "og:url") == f"{SITE}/category/crypto/bitcoin/"
        assert meta(doc, "og:image").startswith(SITE)

    def test_home_has_og_tags(self, client, newsroom):
        doc = head(client, "/")
        assert meta(doc, "og:type") == "website"
        assert meta(doc, "og:url") == SITE + "/"


class AdminSeoFieldsTests:
    def test_the_article_form_has_the_seo_fields(self, client, newsroom):
        client.force_login(User.objects.create_superuser("boss", password="pw"))
        page = client.get(f"/admin/articles/article/{newsroom['lead'].pk}/change/")
        assert page.status_code == 200
        assert b'name="seo_title"' in page.content
        assert b'name="seo_description"' in page.content
