"""One definition of "the same story": articles sharing a Story, shown once everywhere
through the story's lead article (the earliest published one), kept by database triggers
whoever writes."""

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from cryptoflexs.articles.models import Article, Story
from cryptoflexs.editorial.services import article_publish_due
from tests import factories

ARTICLES_APP = Path(__file__).resolve().parents[2] / "cryptoflexs" / "articles"
HOUR = dt.timedelta(hours=1)


def test_articles_imports_nothing_from_ingest():
    offenders = []
    for path in ARTICLES_APP.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("cryptoflexs.ingest")]
    assert offenders == []


def leads(*articles):
    return [Article.objects.get(pk=a.pk).story_lead for a in articles]


@pytest.fixture
def story(db):
    return Story.objects.create(key="s1")


class LeadTests:
    def test_the_earliest_published_copy_leads(self, story):
        now = timezone.now()
        later = factories.article("Later copy", story=story, published_at=now - HOUR)
        earlier = factories.article("Earlier copy", story=story, published_at=now - 2 * HOUR)
        alone = factories.article("Alone")
        assert leads(earlier, later, alone) == [True, False, True]

    def test_unpublishing_or_deleting_the_lead_hands_over(self, story):
        now = timezone.now()
        first = factories.article("First", story=story, published_at=now - 2 * HOUR)
        second = factories.article("Second", story=story, published_at=now - HOUR)
        first.status = Article.Status.UNPUBLISHED
        first.save()
        assert leads(first, second) == [False, True]
        Article.objects.filter(pk=first.pk).update(status=Article.Status.PUBLISHED)
        assert leads(first, second) == [True, False]
        first.delete()
        assert leads(second) == [True]

    def test_the_schedulers_conditional_update_keeps_the_flag(self, story):
        now = timezone.now()
        live = factories.article("Live copy", story=story, published_at=now - HOUR)
        due = factories.article(
            "Scheduled copy",
            story=story,
            status=Article.Status.SCHEDULED,
            published_at=now - 2 * HOUR,
        )
        assert leads(live, due) == [True, False]
        assert article_publish_due(article_id=due.pk, now=now)
        assert leads(live, due) == [False, True]

    def test_moving_and_leaving_a_story_and_a_stale_instance(self, story):
        now = timezone.now()
        a = factories.article("A", story=story, published_at=now - 2 * HOUR)
        b = factories.article("B", story=story, published_at=now - HOUR)
        other = Story.objects.create(key="s2")
        Article.objects.filter(pk=a.pk).update(story=other)
        assert leads(a, b) == [True, True]
        b.story = None  # the instance still says story_lead=False
        b.story_lead = False
        b.save()
        assert leads(b) == [True]
        other.delete()  # SET NULL
        assert leads(a) == [True]

    def test_title_twins_become_one_story_within_three_days(self, db):
        now = timezone.now()
        first = factories.article("Zentra halts withdrawals", published_at=now - 5 * HOUR)
        twin = factories.article("ZENTRA halts withdrawals!", published_at=now - HOUR)
        far = factories.article("Zentra halts withdrawals", published_at=now - 10 * 24 * HOUR)
        first.refresh_from_db(), twin.refresh_from_db(), far.refresh_from_db()
        assert first.story_id
        assert first.story_id == twin.story_id
        assert far.story_id is None
        assert leads(first, twin, far) == [True, False, True]
        # An article in a story of its own (an editor's split) is not pulled back.
        split = Story.objects.create(key="split")
        third = factories.article("Zentra halts withdrawals", story=split, published_at=now)
        third.refresh_from_db()
        assert third.story_id == split.pk


@pytest.fixture
def published_twice(db):
    """One story published twice (two outlets), plus enough other articles for two pages."""
    crypto = factories.category("Crypto", show_in_menu=True)
    bitcoin = factories.category("Bitcoin", parent=crypto, show_in_menu=True)
    tag = factories.tag("ETF")
    author = factories.author("Desk")
    story = Story.objects.create(key="etf")
    when = timezone.now() - HOUR
    copies = [
        factories.article(
            title,
            story=story,
            category=bitcoin,
            tags=[tag],
            author=author,
            source_name=outlet,
            published_at=when + n * dt.timedelta(minutes=5),
        )
        for n, (title, outlet) in enumerate(
            [("Spot ETF sees record inflows", "Outlet A"), ("Record day for spot ETFs", "Outlet B")]
        )
    ]
    for n in range(14):
        factories.article(
            f"Filler {n}",
            category=bitcoin,
            tags=[tag],
            author=author,
            published_at=when - (n + 1) * dt.timedelta(minutes=1),
        )
    return {"copies": copies, "category": bitcoin, "tag": tag, "author": author}


LIST_PAGES = {
    "home": lambda d: reverse("articles:home"),
    "category": lambda d: d["category"].get_absolute_url(),
    "parent category": lambda d: d["category"].parent.get_absolute_url(),
    "tag": lambda d: d["tag"].get_absolute_url(),
    "author": lambda d: d["author"].get_absolute_url(),
    "date": lambda d: d["copies"][0].published_at.strftime("/%Y/%m/%d/"),
    "feed": lambda d: "/feed/",
    "atom feed": lambda d: "/feed/atom/",
    "category feed": lambda d: d["category"].get_absolute_url() + "feed/",
    "tag feed": lambda d: d["tag"].get_absolute_url() + "feed/",
    "author feed": lambda d: d["author"].get_absolute_url() + "feed/",
    "sitemap": lambda d: "/sitemap-articles.xml",
    "news sitemap": lambda d: "/sitemap-news.xml",
    "api": lambda d: "/api/articles?limit=100",
    "search": lambda d: "/search/?q=spot+etf+record",
}


@pytest.mark.parametrize("page", LIST_PAGES)
def test_a_story_published_twice_shows_once(client, published_twice, page):
    copies = published_twice["copies"]
    url = LIST_PAGES[page](published_twice)
    html = client.get(url).content.decode()
    seen = [c for c in copies if f"/{c.slug}/" in html]
    assert seen == [copies[0]], f"{url}: {[c.title for c in seen]}"


def test_list_pagination_counts_each_story_once(client, published_twice):
    response = client.get(published_twice["category"].get_absolute_url())
    assert response.context["paginator"].count == 15  # 14 fillers + the story once
