"""The public, read-only JSON API (django-ninja): articles, categories, tags, authors and
search, with opaque cursor pagination. OpenAPI schema at /api/openapi.json, docs at /api/docs.

Conditional GET, rate limits, CORS and JSON error bodies for every /api/ response are the
job of ApiMiddleware (middleware.py); this module only answers questions.
"""

import datetime as dt
import re
from typing import Annotated, Any

from django.conf import settings
from django.core import signing
from django.db.models import Q
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.openapi.docs import Swagger
from pydantic import BeforeValidator

from cryptoflexs.articles.models import Article, Author, Category, Tag
from cryptoflexs.core.seo import absolute_url, featured_image_url

from . import schemas

CURSOR_SALT = "cryptoflexs.api.cursor"
MAX_LIMIT = 100


# RFC 3339 date-time with an offset, as the OpenAPI "date-time" format says; pydantic alone
# would also take numbers (Unix time) and dates without a time.
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$")


def _rfc3339_only(value):
    if value is None or isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _RFC3339.match(value):
        raise ValueError(
            "expected an RFC 3339 date-time with a time zone, e.g. 2026-11-01T00:00:00Z"
        )
    return value


DateTimeParam = Annotated[dt.datetime, BeforeValidator(_rfc3339_only)]


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


api = NinjaAPI(
    title="Crypto Flexs API",
    version="1.0.0",
    description=(
        "Read-only access to the published news of Crypto Flexs. Lists are paginated with "
        "an opaque `cursor`: pass the `next_cursor` of one page to get the next. Responses "
        "carry an ETag (send If-None-Match for 304 Not Modified). Requests are limited per "
        "client address; beyond the limit the answer is 429 with Retry-After."
    ),
    urls_namespace="api",
    # Swagger UI from ninja's own static files ("ninja" is in INSTALLED_APPS); no CDN, and
    # no call to swagger.io's validator. Without deep links, as a deep link is a link inside
    # the operation's button (axe: nested-interactive, and a target too small to tap).
    # The page itself: templates/ninja/swagger.html.
    docs=Swagger(settings={"validatorUrl": None, "layout": "BaseLayout", "deepLinking": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)

# 404 also answers a cursor that is not one of ours (forged, or from another installation):
# the page it points to does not exist.
ERRORS = {
    400: schemas.ErrorOut,
    404: schemas.ErrorOut,
    422: ValidationErrorOut,
    429: schemas.ErrorOut,
}


# Cursors -----------------------------------------------------------------------------------
def encode_cursor(value: Any) -> str:
    return signing.dumps(value, salt=CURSOR_SALT)


def decode_cursor(cursor: str) -> Any:
    try:
        return signing.loads(cursor, salt=CURSOR_SALT)
    except signing.BadSignature as exc:
        raise HttpError(404, "Invalid cursor") from exc


def _aware(value: dt.datetime | None, name: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError) as exc:
        raise HttpError(400, f"{name} is out of range") from exc


# Serialisation ------------------------------------------------------------------------------
def category_ref(category: Category) -> dict:
    return {
        "name": category.name,
        "slug": category.slug,
        "path": category.path,
        "url": absolute_url(category.get_absolute_url()),
    }


def tag_ref(tag: Tag) -> dict:
    return {"name": tag.name, "slug": tag.slug, "url": absolute_url(tag.get_absolute_url())}


def author_ref(author: Author | None) -> dict | None:
    if author is None:
        return None
    return {
        "name": author.name,
        "slug": author.slug,
        "url": absolute_url(author.get_absolute_url()),
    }


def article_out(article: Article, *, detail: bool = False) -> dict:
    data = {
        "id": article.pk,
        "slug": article.slug,
        "title": article.title,
        "excerpt": article.excerpt,
        "url": absolute_url(article.get_absolute_url()),
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "category": category_ref(article.category),
        "author": author_ref(article.author),
        "tags": [tag_ref(tag) for tag in article.tags.all()],
        "image": featured_image_url(article) or None,
        "image_alt": article.featured_image_alt,
        "image_credit": article.featured_image_credit,
        "source_name": article.source_name,
        "source_url": article.source_url,
        "reading_minutes": article.reading_minutes,
        "sponsored": article.sponsored,
    }
    if detail:
        data["body_html"] = article.body_html
        data["canonical_url"] = article.canonical_url or data["url"]
    return data


def _articles():
    return (
        Article.objects.published()
        .select_related("category", "author")
        .prefetch_related("tags")
        .order_by("-published_at", "-pk")
    )


# Search: the one place that calls the search app ----------------------------------------------
def search_article_ids(query: str, *, page: int, per_page: int) -> tuple[list[int], bool]:
    """Return (ids of one page of published articles matching `query`, best first; whether
    a next page exists), from the search app's ranked search (FTS5 or PostgreSQL)."""
    from cryptoflexs.search.selectors import search as site_search

    results = site_search(query, page=page, per_page=per_page)
    if results.page is None:
        return [], False
    return [hit.article.pk for hit in results.hits], results.page.has_next()


# Endpoints ----------------------------------------------------------------------------------
# Parameters shared by several endpoints (module-level: a call in a default is made once).
CursorParam = Query(None, description="next_cursor of the previous page", max_length=500)
LimitParam = Query(50, ge=1, le=MAX_LIMIT)
PageSizeParam = Query(settings.API_PAGE_SIZE, ge=1, le=MAX_LIMIT)
CategoryParam = Query(
    None, description="Category path, e.g. crypto/bitcoin (sub-categories included)", max_length=500
)
TagParam = Query(None, description="Tag slug", max_length=100)
AuthorParam = Query(None, description="Author slug", max_length=100)
AfterParam = Query(None, description="Only articles published at or after this RFC 3339 time")
BeforeParam = Query(None, description="Only articles published before this RFC 3339 time")
QueryParam = Query(..., min_length=1, max_length=200, description='Words, "phrases", -excluded')


@api.get(
    "/articles",
    response={200: schemas.ArticlePage, **ERRORS},
    summary="List published articles, newest first",
    tags=["articles"],
)
def list_articles(
    request,
    category: str | None = CategoryParam,
    tag: str | None = TagParam,
    author: str | None = AuthorParam,
    published_after: DateTimeParam | None = AfterParam,
    published_before: DateTimeParam | None = BeforeParam,
    cursor: str | None = CursorParam,
    limit: int = PageSizeParam,
):
    qs = _articles().one_per_story()  # each story once, as on the site's lists
    if category is not None:
        node = Category.objects.filter(path=category.strip("/")).first()
        qs = qs.in_category(node) if node is not None else qs.none()
    if tag is not None:
        qs = qs.filter(tags__slug=tag)
    if author is not None:
        qs = qs.filter(author__slug=author)
    after = _aware(published_after, "published_after")
    before = _aware(published_before, "published_before")
    if after is not None:
        qs = qs.filter(published_at__gte=after)
    if before is not None:
        qs = qs.filter(published_at__lt=before)
    if cursor:
        position = decode_cursor(cursor)
        try:
            when, pk = dt.datetime.fromisoformat(position["p"]), int(position["i"])
        except (KeyError, TypeError, ValueError) as exc:
            raise HttpError(404, "Invalid cursor") from exc
        qs = qs.filter(Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk))
    rows = list(qs[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor({"p": last.published_at.isoformat(), "i": last.pk})
    return {"items": [article_out(a) for a in rows], "next_cursor": next_cursor}


@api.get(
    "/articles/{slug}",
    response={200: schemas.ArticleDetailOut, **ERRORS},
    summary="One published article, with its body",
    tags=["articles"],
)
def get_article(request, slug: str):
    article = _articles().filter(slug=slug).first()
    if article is None:
        raise HttpError(404, "No such article")
    return article_out(article, detail=True)


def _keyed_page(qs, key: str, cursor: str | None, limit: int, serialise) -> dict:
    """Paginate `qs` by a unique text `key` (slug or path) with an opaque cursor."""
    qs = qs.order_by(key)
    if cursor:
        position = decode_cursor(cursor)
        if not isinstance(position, dict) or not isinstance(position.get("k"), str):
            raise HttpError(404, "Invalid cursor")
        qs = qs.filter(**{f"{key}__gt": position["k"]})
    rows = list(qs[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor({"k": getattr(rows[-1], key)})
    return {"items": [serialise(row) for row in rows], "next_cursor": next_cursor}


@api.get(
    "/categories",
    response={200: schemas.CategoryPage, **ERRORS},
    summary="Categories, by path",
    tags=["taxonomy"],
)
def list_categories(request, cursor: str | None = CursorParam, limit: int = LimitParam):
    def serialise(category):
        return {
            **category_ref(category),
            "id": category.pk,
            "description": category.description,
            "parent_path": category.parent.path if category.parent_id else None,
        }

    return _keyed_page(Category.objects.select_related("parent"), "path", cursor, limit, serialise)


@api.get(
    "/tags", response={200: schemas.TagPage, **ERRORS}, summary="Tags, by slug", tags=["taxonomy"]
)
def list_tags(request, cursor: str | None = CursorParam, limit: int = LimitParam):
    return _keyed_page(
        Tag.objects.all(), "slug", cursor, limit, lambda tag: {**tag_ref(tag), "id": tag.pk}
    )


@api.get(
    "/authors",
    response={200: schemas.AuthorPage, **ERRORS},
    summary="Authors, by slug",
    tags=["taxonomy"],
)
def list_authors(request, cursor: str | None = CursorParam, limit: int = LimitParam):
    return _keyed_page(
        Author.objects.all(),
        "slug",
        cursor,
        limit,
        lambda author: {**author_ref(author), "id": author.pk, "bio": author.bio},
    )


@api.get(
    "/search",
    response={200: schemas.ArticlePage, **ERRORS},
    summary="Full-text search of published articles, best match first",
    tags=["articles"],
)
def search(
    request,
    q: str = QueryParam,
    cursor: str | None = CursorParam,
    limit: int = PageSizeParam,
):
    page, per_page = 1, limit
    if cursor:
        position = decode_cursor(cursor)
        if not isinstance(position, dict) or not all(
            isinstance(position.get(k), int) and position[k] > 0 for k in ("n", "l")
        ):
            raise HttpError(404, "Invalid cursor")
        # The page size travels in the cursor, so that pages never overlap or skip.
        page, per_page = position["n"], min(position["l"], MAX_LIMIT)
    ids, more = search_article_ids(q, page=page, per_page=per_page)
    by_id = _articles().in_bulk(ids)
    items = [article_out(by_id[pk]) for pk in ids if pk in by_id]
    next_cursor = encode_cursor({"n": page + 1, "l": per_page}) if more else None
    return {"items": items, "next_cursor": next_cursor}


# Coins, prices and history (issue 12) come from the markets app's router.
api.add_router("/coins", "cryptoflexs.markets.api.router")
