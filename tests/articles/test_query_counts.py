"""Every public page costs a fixed number of queries, however many articles exist."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cryptoflexs.articles.models import Article
from cryptoflexs.core.cache import content_changed
from cryptoflexs.core.models import MenuLink, Page, SiteSettings
from tests import factories

pytestmark = pytest.mark.django_db


def build_site(n_articles: int):
    crypto = factories.category("Crypto", show_in_menu=True)
    eth = factories.category("Ethereum", parent=crypto, show_in_menu=True)
    trading = factories.category("Trading", show_in_menu=True)
    MenuLink.objects.create(label="Submit", url="/submit-news/")
    Page.objects.create(title="About Us", slug="about-us")
    writer = factories.author("Writer")
    tags = [factories.tag(f"T{i}") for i in range(4)]
    articles = []
    for i in range(n_articles):
        articles.append(
            factories.article(
                category=(eth, trading, crypto)[i % 3],
                author=writer,
                tags=tags[: 1 + i % 4],
                is_top_insight=i % 4 == 0,
            )
        )
    return {"eth": eth, "crypto": crypto, "tag": tags[0], "author": writer, "article": articles[-1]}


def pages(site):
    article = site["article"]
    year = article.published_at.year
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "category": site["crypto"].get_absolute_url(),
        "subcategory": site["eth"].get_absolute_url(),
        "tag": site["tag"].get_absolute_url(),
        "author": site["author"].get_absolute_url(),
        "year": f"/{year}/",
        "search": "/search/?q=article",
        "page": "/about-us/",
    }


def count_queries(client, url) -> int:
    client.get(url)  # the first request creates the site settings row
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len([q for q in ctx.captured_queries if not is_savepoint(q["sql"])])


PAGES = ["home", "article", "category", "subcategory", "tag", "author", "year", "search", "page"]


def add_articles(site, n: int) -> None:
    """Add `n` published articles at once (bulk_create: 200 cost milliseconds), spread over
    the categories, with tags; the newest becomes site["article"]."""
    start = Article.objects.count()
    now = timezone.now()
    body = "<p>" + " ".join(["word"] * 300) + "</p>"
    rows = [
        Article(
            title=f"Bulk article {i}", slug=f"bulk-article-{i}", title_key=f"bulk article {i}",
            body_html=body, word_count=300, excerpt=f"Excerpt {i}",
            status=Article.Status.PUBLISHED, published_at=now - dt.timedelta(minutes=i + 1),
            category=(site["eth"], site["trading"], site["crypto"])[i % 3],
            author=site["author"], is_top_insight=i % 4 == 0,
        )
        for i in range(start, start + n)
    ]  # fmt: skip
    created = Article.objects.bulk_create(rows)
    if connection.vendor != "sqlite" or not created[0].pk:
        created = list(Article.objects.filter(slug__in=[a.slug for a in rows]))
    through = Article.tags.through
    through.objects.bulk_create(
        through(article_id=a.pk, tag_id=t.pk)
        for i, a in enumerate(created)
        for t in site["tags"][: 1 + i % 4]
    )
    site["article"] = min(created, key=lambda a: abs((a.published_at - now).total_seconds()))
    content_changed()  # as an import does: bulk_create sends no signals


def growth_site():
    SiteSettings.load()  # its creation is a content change; done before anything is counted
    crypto = factories.category("Crypto", show_in_menu=True)
    site = {
        "crypto": crypto,
        "eth": factories.category("Ethereum", parent=crypto, show_in_menu=True),
        "trading": factories.category("Trading", show_in_menu=True),
        "author": factories.author("Writer"),
        "tags": [factories.tag(f"T{i}") for i in range(4)],
    }
    site["tag"] = site["tags"][0]
    MenuLink.objects.create(label="Submit", url="/submit-news/")
    Page.objects.create(title="About Us", slug="about-us")
    return site


def growth_pages(site) -> dict[str, str]:
    return {
        **pages(site),
        "page 2": site["crypto"].get_absolute_url() + "?page=2",
        "date archive month": f"/{site['article'].published_at:%Y/%m}/",
        "rss": "/feed/",
        "atom": "/feed/atom/",
        "category feed": site["crypto"].get_absolute_url() + "feed/",
        "tag feed": site["tag"].get_absolute_url() + "feed/",
        "author feed": site["author"].get_absolute_url() + "feed/",
        "sitemap index": "/sitemap.xml",
        "sitemap articles": "/sitemap-articles.xml",
        "sitemap news": "/sitemap-news.xml",
        "api articles": "/api/articles",
        "api articles by category": "/api/articles?category=crypto",
        "api categories": "/api/categories",
        "api tags": "/api/tags",
        "api authors": "/api/authors",
        "api search": "/api/search?q=bulk",
    }


GROWTH_PAGES = [
    *PAGES, "page 2", "date archive month", "rss", "atom", "category feed", "tag feed",
    "author feed", "sitemap index", "sitemap articles", "sitemap news", "api articles",
    "api articles by category", "api categories", "api tags", "api authors", "api search",
]  # fmt: skip


@pytest.mark.parametrize("name", GROWTH_PAGES)
def test_query_count_does_not_grow_from_10_to_200_articles(client, name):
    """Every public page type, with 10 and then 200 articles: the same number of queries
    (no per-row query, no per-article work in the sidebar, feeds, sitemaps or the API)."""
    site = growth_site()
    add_articles(site, 10)
    few = count_queries(client, growth_pages(site)[name])
    add_articles(site, 190)
    assert count_queries(client, growth_pages(site)[name]) == few


# The budget of each page: a change that adds a query per article (N+1) or a stray query
# shows up here. Raise a number only with a reason.
BUDGET = {
    # Shared by every page: the site settings (1). The menu, footer, Recent Posts and Top
    # Insights are cached fragments, made again when content changes (here on the first
    # request, which creates the site settings row); Most Popular keeps its ranking.
    "home": 6,  # top insights, latest, menu categories, one per top-level category (2 here)
    # article with category chain and author, tags, related; approved comments (one query
    # for comments and replies), the prices at publication (markets). Sponsored is a field
    # of the article: no query of its own.
    "article": 6,
    # category, its subtree's ids, count, page, sub-categories (the count is kept per version)
    "category": 6,
    "subcategory": 6,
    "tag": 4,  # tag, count, page
    "author": 4,
    "year": 3,  # count, page
    # count, the page's ids, the articles, their highlighted snippets; the filter form's
    # category and author choices.
    "search": 7,
    "page": 3,  # article lookup by slug misses, then the page
}


def is_savepoint(sql: str) -> bool:
    # The search backend guards each full-text query with atomic(): a real transaction in
    # production (BEGIN is not a query), a savepoint pair inside the test's transaction.
    return sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))


@pytest.mark.parametrize("name", PAGES)
def test_query_budget(client, name):
    site = build_site(12)
    url = pages(site)[name]
    client.get(url)  # warm per-process state (content types, site settings row creation)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    queries = [q["sql"] for q in ctx.captured_queries if not is_savepoint(q["sql"])]
    assert len(queries) == BUDGET[name], "\n".join(queries)
