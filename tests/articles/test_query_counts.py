"""Every public page costs a fixed number of queries, however many articles exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cryptoflexs.core.models import MenuLink, Page
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
    return len(ctx.captured_queries)


PAGES = ["home", "article", "category", "subcategory", "tag", "author", "year", "search", "page"]


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow_with_articles(client, name):
    site = build_site(6)
    few = count_queries(client, pages(site)[name])
    for _ in range(4):
        build_more = factories.article(
            category=site["eth"], author=site["author"], tags=[site["tag"]]
        )
    site["article"] = build_more
    assert count_queries(client, pages(site)[name]) == few


# The budget of each page: a change that adds a query per article (N+1) or a stray query
# shows up here. Raise a number only with a reason.
BUDGET = {
    # Shared by every page: site settings, menu categories, menu links, recent posts,
    # top insights, footer pages (6). The rest is the page's own.
    "home": 11,  # top insights, latest, menu categories, one per top-level category (2 here)
    # article with category chain and author, tags, related; approved comments (one query
    # for comments and replies), the prices at publication (markets). Sponsored is a field
    # of the article: no query of its own.
    "article": 11,
    "category": 10,  # category, count, page, sub-categories
    "subcategory": 10,
    "tag": 9,  # tag, count, page
    "author": 9,
    "year": 8,  # count, page
    # count, the page's ids, the articles, their highlighted snippets; the filter form's
    # category and author choices.
    "search": 12,
    "page": 8,  # article lookup by slug misses, then the page
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
