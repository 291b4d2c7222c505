"""PostgreSQL backend (the scale-out mode): a weighted tsvector per published article.

Schema (migrations 0001 and 0002): `search_document(article_id, vector, title_vector)`,
each vector with a GIN index, kept by a trigger on the article table; `search_vector()`
weighs the title A, the excerpt B and the body text C, and `ts_rank`'s default weights rank
A over B over C; `title_vector` holds the title alone (small, stored inline). Queries go
through `websearch_to_tsquery` (which never raises on odd input); prefix terms and title
queries are built from words the parser reduced to letters and digits.

Relevance: an article whose title is the query (the same words, stemmed) comes first, then
those whose title holds every word of the query, then by `ts_rank` of the whole vector.
Suggestions read only `title_vector`.
"""

import logging

from django.db import DatabaseError, connection, transaction

from cryptoflexs.articles.models import Article

from .backends import NEWEST, START, STOP, WINDOW, Highlight, SearchBackend, hidden_articles_sql
from .query import ParsedQuery

logger = logging.getLogger(__name__)

CONFIG = "english"
SUGGEST_WINDOW = 200
TITLE_MATCHES = 200
_HEADLINE_TITLE = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
_HEADLINE_BODY = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, ShortWord=2, "
    "MaxFragments=1, FragmentDelimiter=…"
)


def _lexeme(word: str, *, prefix: bool = False) -> str:
    # Words are runs of letters and digits (query.py): quoting them is always safe.
    return f"'{word}'" + (":*" if prefix else "")


def tsquery_sql(query: ParsedQuery) -> tuple[str, list]:
    """Return an SQL expression of type tsquery for the query, and its parameters."""
    text = " ".join(f'"{" ".join(c.words)}"' for c in query.required if not c.prefix)
    text += "".join(f' -"{" ".join(c.words)}"' for c in query.excluded)
    parts, params = [f"websearch_to_tsquery('{CONFIG}', %s)"], [text]
    for clause in query.required:
        if clause.prefix:
            parts.append(f"to_tsquery('{CONFIG}', %s)")
            params.append(_lexeme(clause.words[0], prefix=True))
    return " && ".join(parts), params


def title_tsquery_sql(query: ParsedQuery) -> tuple[str, list]:
    """Return a tsquery expression of the query's required words, for `title_vector`."""
    clauses = [
        " <-> ".join(
            _lexeme(w, prefix=clause.prefix and i == len(clause.words) - 1)
            for i, w in enumerate(clause.words)
        )
        for clause in query.required
    ]
    return f"to_tsquery('{CONFIG}', %s)", [" & ".join(f"({c})" for c in clauses)]


def exact_title_sql(query: ParsedQuery) -> tuple[str, list]:
    """Return a boolean SQL expression: the title is the query (same lexemes, any order)."""
    text = " ".join(" ".join(clause.words) for clause in query.required)
    return f"strip(d.title_vector) = strip(to_tsvector('{CONFIG}', %s))", [text]


class PostgresBackend(SearchBackend):
    def _rows(self, sql: str, params) -> list[tuple]:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                # The planner does not count the cost of reading article vectors, which
                # are stored out of line: for a common word it picks a sequential scan
                # that reads every one (~50 ms on 10,000 articles) where the GIN index
                # answers without reading any (~4 ms).
                # One round trip (Django's client-side binding cursor takes several
                # statements); the setting ends with the transaction.
                cursor.execute(f"SET LOCAL enable_seqscan = off; {sql}", params)
                cursor.nextset()
                return cursor.fetchall()
        except DatabaseError:
            # The parser makes syntax errors impossible; still, a query is never a 500.
            logger.warning("search query failed: %s", sql, exc_info=True)
            return []

    def _select(
        self, tsquery, within, select, tail="", tail_params=(), join="", extra="", column="vector"
    ):
        """Run `SELECT select FROM search_document d … WHERE d.column matches … extra tail`."""
        hidden_sql, hidden_params = hidden_articles_sql()
        sql = (
            f"WITH q AS (SELECT {tsquery[0]} AS query) SELECT {select} "  # noqa: S608
            f"FROM search_document d CROSS JOIN q {join} "
            f"WHERE d.{column} @@ q.query AND d.article_id NOT IN ({hidden_sql})"
        )
        params = [*tsquery[1], *hidden_params]
        if within:
            sql += f" AND d.article_id IN ({within[0]})"
            params += within[1]
        return self._rows(f"{sql} {extra} {tail}", [*params, *tail_params])

    def _ranked(
        self,
        tsquery,
        within,
        order,
        total,
        window,
        offset,
        limit,
        join="",
        title=None,
        order_params=(),
        column="vector",
    ):
        """Rank the most recent `window` matches by `order`, then list the rest by id.

        `title` (a tsquery matching titles only) adds up to TITLE_MATCHES older matches to
        the ranked part: a query matching thousands of articles still finds an old one
        whose title holds all its words (known-item search: a pasted headline). `column`
        is the vector `tsquery` matches.
        """
        threshold = None
        if total > window:
            row = self._select(
                tsquery,
                within,
                "d.article_id",
                "ORDER BY d.article_id DESC LIMIT 1 OFFSET %s",
                [window - 1],
                column=column,
            )
            threshold = row[0][0] if row else None
        older: list[int] = []
        if threshold is not None and title is not None:
            older = [
                row[0]
                for row in self._select(
                    title,
                    within,
                    "d.article_id",
                    "AND d.article_id < %s ORDER BY d.article_id DESC LIMIT %s",
                    [threshold, TITLE_MATCHES],
                    column="title_vector",
                )
            ]
        ranked = min(total, window) + len(older) if threshold is not None else total
        ids: list[int] = []
        if offset < ranked:
            extra, tail_params = "", [*order_params, min(limit, ranked - offset), offset]
            if threshold is not None:
                extra = "AND (d.article_id >= %s OR d.article_id = ANY(%s))"
                tail_params = [threshold, older, *tail_params]
            ids = [
                row[0]
                for row in self._select(
                    tsquery,
                    within,
                    "d.article_id",
                    f"ORDER BY {order} LIMIT %s OFFSET %s",
                    tail_params,
                    join=join,
                    extra=extra,
                    column=column,
                )
            ]
        if threshold is not None and len(ids) < limit:
            ids += [
                row[0]
                for row in self._select(
                    tsquery,
                    within,
                    "d.article_id",
                    "AND d.article_id < %s AND NOT d.article_id = ANY(%s) "
                    "ORDER BY d.article_id DESC LIMIT %s OFFSET %s",
                    [threshold, older, limit - len(ids), max(0, offset - ranked)],
                    column=column,
                )
            ]
        return ids

    def count(self, query, *, within=None) -> int:
        rows = self._select(tsquery_sql(query), within, "count(*)")
        return rows[0][0] if rows else 0

    def search(self, query, *, within, sort, offset, limit, total):
        if not total:
            return []
        if sort == NEWEST:
            table = Article._meta.db_table
            join = f"JOIN {table} a ON a.id = d.article_id"
            order = "a.published_at DESC, a.id DESC"
            title, order_params = None, []
        else:
            # The article whose title is the query first (known-item search: a pasted
            # headline), then those whose title holds every word of the query.
            exact = exact_title_sql(query)
            join, order = "", "ts_rank(d.vector, q.query) DESC, d.article_id DESC"
            title, order_params = None, []
            if len(query.required) > 1:
                title = title_tsquery_sql(query)
                order = f"(d.title_vector @@ {title[0]}) DESC, {order}"
                order_params = title[1]
            order = f"({exact[0]}) DESC, {order}"
            order_params = [*exact[1], *order_params]
        return self._ranked(
            tsquery_sql(query), within, order, total, WINDOW, offset, limit, join, title,
            order_params,
        )  # fmt: skip

    def highlights(self, query, ids):
        if not ids:
            return {}
        tsquery, params = tsquery_sql(query)
        placeholders = ", ".join(["%s"] * len(ids))
        rows = self._rows(
            f"WITH q AS (SELECT {tsquery} AS query) "  # noqa: S608
            f"SELECT a.id, ts_headline('{CONFIG}', a.title, q.query, %s), "
            f"ts_headline('{CONFIG}', a.excerpt, q.query, %s), "
            f"ts_headline('{CONFIG}', search_text(left(a.body_html, 200000)), q.query, %s) "
            f"FROM {Article._meta.db_table} a CROSS JOIN q WHERE a.id IN ({placeholders})",
            [*params, _HEADLINE_TITLE, _HEADLINE_BODY, _HEADLINE_BODY, *ids],
        )
        found = {}
        for pk, title, excerpt, body in rows:
            snippet = body if START in body or not excerpt else excerpt
            found[pk] = Highlight(title=title, snippet=snippet)
        return found

    def suggest(self, query, *, limit):
        tsquery = title_tsquery_sql(query)
        rows = self._select(tsquery, None, "count(*)", column="title_vector")
        total = rows[0][0] if rows else 0
        if not total:
            return []
        order = "ts_rank(d.title_vector, q.query) DESC, d.article_id DESC"
        return self._ranked(
            tsquery, None, order, total, SUGGEST_WINDOW, 0, limit, column="title_vector"
        )

    def document_frequencies(self, words, *, cap):
        frequencies = {}
        for word in words:
            rows = self._rows(
                "SELECT count(*) FROM (SELECT 1 FROM search_document "  # noqa: S608
                f"WHERE vector @@ plainto_tsquery('{CONFIG}', %s) LIMIT %s) s",
                [word, cap],
            )
            frequencies[word] = rows[0][0] if rows else 0
        return frequencies

    def more_like_this(self, words, *, exclude, limit):
        if not words:
            return []
        tsquery = (f"to_tsquery('{CONFIG}', %s)", [" | ".join(_lexeme(w) for w in words)])
        placeholders = ", ".join(["%s"] * len(exclude)) or "NULL"
        rows = self._select(
            tsquery,
            None,
            "d.article_id, ts_rank(d.vector, q.query)",
            "ORDER BY 2 DESC, 1 DESC LIMIT %s",
            [*exclude, limit],
            extra=f"AND d.article_id NOT IN ({placeholders})",
        )
        return [(pk, float(score)) for pk, score in rows]

    def rebuild(self, *, progress=None) -> int:
        ids = list(
            Article.objects.filter(status=Article.Status.PUBLISHED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if progress is not None:
            progress.reset(total=len(ids))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document")
            for start in range(0, len(ids), 1000):
                batch = ids[start : start + 1000]
                cursor.execute(
                    "INSERT INTO search_document (article_id, vector, title_vector) "  # noqa: S608
                    "SELECT id, search_vector(title, excerpt, body_html), "
                    f"to_tsvector('{CONFIG}', search_words(title)) "
                    f"FROM {Article._meta.db_table} WHERE id = ANY(%s)",
                    [batch],
                )
                if progress is not None:
                    progress.update(len(batch))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document")
        return len(ids)

    def size_bytes(self) -> int:
        rows = self._rows("SELECT pg_total_relation_size('search_document')", [])
        return rows[0][0] if rows else 0
