"""Sponsored articles (issue #17): the flag is the article's own, so feeds and the API carry
it and their body links say rel="sponsored", like the page does."""

import re

import pytest

from cryptoflexs.articles.models import Article
from tests import factories
from tests.distribution.feedcheck import parse

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
BODY = '<p>Token X <a href="https://token-x.example/launch">launches</a> today.</p>'


@pytest.fixture
def paid():
    return factories.article("Token X launches", body_html=BODY, sponsored=True)


@pytest.fixture
def editorial():
    return factories.article("Bitcoin climbs", body_html=BODY.replace("Token X", "Bitcoin"))


def links(html: str) -> list[str]:
    return re.findall(r"<a [^>]*>", html)


def test_the_stored_body_says_sponsored_and_only_for_paid_content(paid, editorial):
    assert links(Article.objects.get(pk=paid.pk).body_html) == [
        '<a href="https://token-x.example/launch" rel="sponsored noopener noreferrer">'
    ]
    assert 'rel="noopener noreferrer"' in Article.objects.get(pk=editorial.pk).body_html
    paid.sponsored = False
    paid.save()
    assert "sponsored" not in Article.objects.get(pk=paid.pk).body_html


def test_full_content_feeds_carry_rel_sponsored(client, settings, paid, editorial):
    settings.FEEDS_FULL_CONTENT = True
    rss = parse(client.get("/feed/").content)
    items = {item.findtext("title"): item for item in rss.iter("item")}
    paid_links = links(items[paid.title].findtext("description"))
    assert paid_links
    assert all('rel="sponsored noopener noreferrer"' in link for link in paid_links)
    assert "sponsored" not in items[editorial.title].findtext("description")
    assert "Sponsored" in [c.text for c in items[paid.title].iter("category")]
    assert "Sponsored" not in [c.text for c in items[editorial.title].iter("category")]

    atom = parse(client.get("/feed/atom/").content)
    entries = {e.findtext(f"{ATOM}title"): e for e in atom.iter(f"{ATOM}entry")}
    content = entries[paid.title].findtext(f"{ATOM}content")
    assert 'rel="sponsored noopener noreferrer"' in content
    terms = [c.get("term") for c in entries[paid.title].iter(f"{ATOM}category")]
    assert "Sponsored" in terms


def test_excerpt_feeds_still_mark_sponsored_items(client, settings, paid):
    settings.FEEDS_FULL_CONTENT = False
    rss = parse(client.get("/feed/").content)
    (item,) = [i for i in rss.iter("item") if i.findtext("title") == paid.title]
    assert "Sponsored" in [c.text for c in item.iter("category")]


def test_the_api_says_sponsored_and_its_body_links_carry_it(client, paid, editorial):
    listed = {a["slug"]: a for a in client.get("/api/articles").json()["items"]}
    assert listed[paid.slug]["sponsored"] is True
    assert listed[editorial.slug]["sponsored"] is False
    detail = client.get(f"/api/articles/{paid.slug}").json()
    assert detail["sponsored"] is True
    assert all('rel="sponsored noopener noreferrer"' in link for link in links(detail["body_html"]))
    schema = client.get("/api/openapi.json").json()
    assert "sponsored" in schema["components"]["schemas"]["ArticleOut"]["required"]
