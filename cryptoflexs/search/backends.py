"""The search backend adapter: one interface, chosen by the database vendor and nowhere else.

SQLite (the embedded mode) uses FTS5 with bm25 (sqlite_fts5.py); PostgreSQL (scale-out)
uses a weighted tsvector with a GIN index (postgres.py). Both keep their index in the same
transaction as the article change, by triggers the search app's migration creates, so every
path that writes an article (admin, services, imports, QuerySet.update()) is covered.

Backends deal in article ids; selectors.py turns them into articles, pages and snippets.
Highlighted text comes back with START and STOP marking the matches: the caller escapes
everything and only then turns the markers into <mark> elements.
"""

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from cryptoflexs.articles.models import Article

from .query import ParsedQuery

START, STOP = "\x01", "\x02"  # never in stored text: core.html strips control characters
# Column weights: a match in the title counts more than in the excerpt, more than in the body.
TITLE_WEIGHT, EXCERPT_WEIGHT, BODY_WEIGHT = 20.0, 4.0, 1.0
# Queries matching more than this many articles ("bitcoin", "the") are ranked among their
# most recent WINDOW matches (by article id), then the rest by id: ranking tens of thousands
# of matches costs ~100 ms on 100,000 articles, the window a few ms.
WINDOW = 2000
RELEVANCE, NEWEST = "relevance", "newest"


@dataclass(frozen=True)
class Highlight:
    title: str
    snippet: str


def sql_of(queryset: QuerySet) -> tuple[str, tuple]:
    """Return the SQL and parameters of a `values("id")` queryset, for use as a subquery."""
    sql, params = queryset.values("id").query.sql_with_params()
    return sql, tuple(params)


def hidden_articles_sql() -> tuple[str, tuple]:
    """Return SQL for indexed (published) articles that results leave out: those not yet
    live (dated in the future), and every copy of a story but its lead (results show each
    story once, as lists do; see Article.story_lead).

    Written out rather than compiled from a queryset (it is part of every search query),
    as index range scans: with an OR, SQLite reads the whole article table instead.
    """
    table = Article._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    published = Article.Status.PUBLISHED.value
    return (
        f"SELECT id FROM {table} WHERE status = %s AND published_at > %s "  # noqa: S608
        f"UNION ALL SELECT id FROM {table} WHERE status = %s AND published_at IS NULL "
        f"UNION ALL SELECT id FROM {table} WHERE story_lead = %s AND status = %s",
        (published, now, published, False, published),
    )


class SearchBackend:
    """What every backend provides (ids in, ids out; see the module docstring)."""

    def count(self, query: ParsedQuery, *, within: tuple[str, tuple] | None = None) -> int:
        raise NotImplementedError

    def search(
        self,
        query: ParsedQuery,
        *,
        within: tuple[str, tuple] | None,
        sort: str,
        offset: int,
        limit: int,
        total: int,
    ) -> list[int]:
        """Return the ids of one page of the `total` matches (see count()), best first."""
        raise NotImplementedError

    def highlights(self, query: ParsedQuery, ids: list[int]) -> dict[int, Highlight]:
        raise NotImplementedError

    def suggest(self, query: ParsedQuery, *, limit: int) -> list[int]:
        """Return ids of articles whose title matches the query, best first."""
        raise NotImplementedError

    def document_frequencies(self, words: list[str], *, cap: int) -> dict[str, int]:
        """Return in how many articles each word occurs, counting no further than `cap`."""
        raise NotImplementedError

    def more_like_this(
        self, words: list[str], *, exclude: list[int], limit: int
    ) -> list[tuple[int, float]]:
        """Return (id, score) of articles matching any of `words`, higher score first."""
        raise NotImplementedError

    def rebuild(self, *, progress=None) -> int:
        """Rebuild the index from the articles; return how many are indexed."""
        raise NotImplementedError

    def size_bytes(self) -> int:
        raise NotImplementedError


@cache
def _backend_for(vendor: str) -> SearchBackend:
    if vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    if vendor == "sqlite":
        from .sqlite_fts5 import SqliteBackend

        return SqliteBackend()
    raise NotImplementedError(f"No search backend for the {vendor} database")


def get_backend() -> SearchBackend:
    """Return the backend for the default database."""
    return _backend_for(connection.vendor)
