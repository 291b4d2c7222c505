"""SQLite FTS5 backend (the embedded mode): bm25 ranking over title, excerpt and body.

Schema (created by migration 0001): `search_source`, a view of the published articles with
the body as plain text; `search_fts`, an external-content FTS5 table over that view (porter
stemming, accents folded), and `search_title_fts`, a small title-only table with prefix
indexes for suggestions as the reader types. Triggers on the article table keep both in
step in the same transaction. Every term is quoted, so no input can be FTS syntax.

The body is turned into text by `cf_search_text()`, a function registered on every SQLite
connection Django opens (`register_functions`). Writes to articles from a connection without
it (the sqlite3 shell) fail instead of corrupting the index.
"""

import logging

from django.db import DatabaseError, connection, transaction

from cryptoflexs.articles.models import Article

from .backends import (
    BODY_WEIGHT,
    EXCERPT_WEIGHT,
    NEWEST,
    START,
    STOP,
    TITLE_WEIGHT,
    WINDOW,
    Highlight,
    SearchBackend,
    hidden_articles_sql,
)
from .query import Clause, ParsedQuery
from .text import index_text

logger = logging.getLogger(__name__)

SUGGEST_WINDOW = 200
TITLE_MATCHES = 10
SNIPPET_TOKENS = 24
_BM25 = f"bm25(search_fts, {TITLE_WEIGHT}, {EXCERPT_WEIGHT}, {BODY_WEIGHT})"


def register_functions(sender=None, connection=None, **kwargs) -> None:
    """Give a new SQLite connection the function the index triggers call (connection_created)."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function("cf_search_text", 1, index_text, deterministic=True)


def _clause(clause: Clause) -> str:
    # Words are runs of letters and digits (query.py): quoting them is always safe.
    return '"' + " ".join(clause.words) + '"' + ("*" if clause.prefix else "")


def match_expression(query: ParsedQuery, *, column: str = "") -> str:
    """Return the FTS5 expression of the query (its required words only in `column`)."""
    expression = "(" + " AND ".join(_clause(c) for c in query.required) + ")"
    if column:
        expression = f"{{{column}}} : {expression}"
    if query.excluded:
        expression += " NOT (" + " OR ".join(_clause(c) for c in query.excluded) + ")"
    return expression


class SqliteBackend(SearchBackend):
    def _rows(self, sql: str, params) -> list[tuple]:
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        except DatabaseError:
            # The parser makes syntax errors impossible; still, a query is never a 500.
            logger.warning("search query failed: %s", sql, exc_info=True)
            return []

    def _where(self, table: str, match: str, within) -> tuple[str, list]:
        hidden_sql, hidden_params = hidden_articles_sql()
        sql = f"{table} MATCH %s AND {table}.rowid NOT IN ({hidden_sql})"
        params = [match, *hidden_params]
        if within:
            sql += f" AND {table}.rowid IN ({within[0]})"
            params += within[1]
        return sql, params

    def _ranked(
        self, table, where, params, keys, total, window, offset, limit, join="", title=None
    ):
        """Rank the most recent `window` matches by `keys`, then list the rest by id.

        `keys` are (SQL expression, its parameters, descending) to sort by. `title` (a
        WHERE clause and its parameters) adds up to TITLE_MATCHES older matches to the
        ranked part: a query matching thousands of articles still finds an old one whose
        title holds all its words (known-item search: a pasted headline).
        """
        threshold = None
        if total > window:
            row = self._rows(
                f"SELECT rowid FROM {table} WHERE {where} ORDER BY rowid DESC "  # noqa: S608
                "LIMIT 1 OFFSET %s",
                [*params, window - 1],
            )
            threshold = row[0][0] if row else None
        older: list[int] = []
        if threshold is not None and title is not None:
            older = [
                row[0]
                for row in self._rows(
                    f"SELECT rowid FROM {table} WHERE {title[0]} AND rowid < %s "  # noqa: S608
                    "ORDER BY rowid DESC LIMIT %s",
                    [*title[1], threshold, TITLE_MATCHES],
                )
            ]
        ranked = min(total, window) + len(older) if threshold is not None else total
        ids: list[int] = []
        if offset < ranked:
            select = ", ".join(expr for expr, _, _ in keys)
            key_params = [p for _, key_param, _ in keys for p in key_param]
            order = ", ".join(
                f"{n} {'DESC' if desc else 'ASC'}" for n, (_, _, desc) in enumerate(keys, 2)
            )

            def page(condition: str, condition_params: list, count: int, skip: int):
                return self._rows(
                    f"SELECT {table}.rowid, {select} FROM {table} {join} "  # noqa: S608
                    f"WHERE {where} {condition} ORDER BY {order}, 1 DESC LIMIT %s OFFSET %s",
                    [*key_params, *params, *condition_params, count, skip],
                )

            wanted = min(limit, ranked - offset)
            if threshold is None:
                rows = page("", [], wanted, offset)
            else:
                # The window is a rowid range FTS5 seeks to; the older title matches join it
                # in the same statement. One statement matters: bm25() reads each phrase's
                # whole document list once per statement, which for common words costs as
                # much as the ranking itself (10 lookups of one id each cost 10 times that).
                condition = f"AND ({table}.rowid >= %s"
                if older:
                    listed = ", ".join(str(int(pk)) for pk in older)
                    condition += f" OR {table}.rowid IN ({listed})"
                rows = page(condition + ")", [threshold], wanted, offset)
            ids = [row[0] for row in rows]
        if threshold is not None and len(ids) < limit:
            # Never "NOT IN (NULL)": that excludes every row.
            listed = ", ".join(str(int(pk)) for pk in older)
            not_older = f"AND rowid NOT IN ({listed})" if older else ""
            ids += [
                row[0]
                for row in self._rows(
                    f"SELECT rowid FROM {table} WHERE {where} AND rowid < %s "  # noqa: S608
                    f"{not_older} ORDER BY rowid DESC LIMIT %s OFFSET %s",
                    [*params, threshold, limit - len(ids), max(0, offset - ranked)],
                )
            ]
        return ids

    def count(self, query, *, within=None) -> int:
        where, params = self._where("search_fts", match_expression(query), within)
        rows = self._rows(f"SELECT count(*) FROM search_fts WHERE {where}", params)  # noqa: S608
        return rows[0][0] if rows else 0

    def search(self, query, *, within, sort, offset, limit, total):
        if not total:
            return []
        where, params = self._where("search_fts", match_expression(query), within)
        title = None
        if sort == NEWEST:
            table = Article._meta.db_table
            join = f"JOIN {table} ON {table}.id = search_fts.rowid"
            keys = [(f"{table}.published_at", [], True)]
        else:
            join, keys = "", [(_BM25, [], False)]
            if len(query.required) > 1:
                title_match = match_expression(query, column="title")
                title = self._where("search_fts", title_match, within)
        return self._ranked(
            "search_fts", where, params, keys, total, WINDOW, offset, limit, join, title
        )

    def highlights(self, query, ids):
        if not ids:
            return {}
        placeholders = ", ".join(["%s"] * len(ids))
        rows = self._rows(
            "SELECT rowid, highlight(search_fts, 0, %s, %s), "  # noqa: S608
            f"snippet(search_fts, 1, %s, %s, '…', {SNIPPET_TOKENS}), "
            f"snippet(search_fts, 2, %s, %s, '…', {SNIPPET_TOKENS}) "
            f"FROM search_fts WHERE search_fts MATCH %s AND rowid IN ({placeholders})",
            [START, STOP] * 3 + [match_expression(query), *ids],
        )
        found = {}
        for pk, title, excerpt, body in rows:
            snippet = body if START in body or not excerpt else excerpt
            found[pk] = Highlight(title=title, snippet=snippet)
        return found

    def suggest(self, query, *, limit):
        match = " AND ".join(_clause(c) for c in query.required)
        where, params = self._where("search_title_fts", match, None)
        rows = self._rows(f"SELECT count(*) FROM search_title_fts WHERE {where}", params)  # noqa: S608
        total = rows[0][0] if rows else 0
        if not total:
            return []
        keys = [("bm25(search_title_fts)", [], False)]
        return self._ranked(
            "search_title_fts", where, params, keys, total, SUGGEST_WINDOW, 0, limit
        )

    def document_frequencies(self, words, *, cap):
        frequencies = {}
        for word in words:
            rows = self._rows(
                "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s "
                "LIMIT %s)",
                [f'"{word}"', cap],
            )
            frequencies[word] = rows[0][0] if rows else 0
        return frequencies

    def more_like_this(self, words, *, exclude, limit):
        if not words:
            return []
        match = " OR ".join(f'"{word}"' for word in words)
        where, params = self._where("search_fts", match, None)
        placeholders = ", ".join(["%s"] * len(exclude)) or "NULL"
        rows = self._rows(
            f"SELECT rowid, {_BM25} FROM search_fts WHERE {where} "  # noqa: S608
            f"AND rowid NOT IN ({placeholders}) ORDER BY 2 LIMIT %s",
            [*params, *exclude, limit],
        )
        return [(pk, -score) for pk, score in rows]

    def rebuild(self, *, progress=None) -> int:
        ids = list(
            Article.objects.filter(status=Article.Status.PUBLISHED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if progress is not None:
            progress.reset(total=len(ids))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
            cursor.execute("INSERT INTO search_title_fts(search_title_fts) VALUES ('delete-all')")
            for start in range(0, len(ids), 1000):
                low, high = ids[start], ids[min(start + 1000, len(ids)) - 1]
                cursor.execute(
                    "INSERT INTO search_fts(rowid, title, excerpt, body) "
                    "SELECT id, title, excerpt, body FROM search_source "
                    "WHERE id BETWEEN %s AND %s",
                    [low, high],
                )
                cursor.execute(
                    "INSERT INTO search_title_fts(rowid, title) "
                    "SELECT id, title FROM search_source WHERE id BETWEEN %s AND %s",
                    [low, high],
                )
                if progress is not None:
                    progress.update(min(1000, len(ids) - start))
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("INSERT INTO search_title_fts(search_title_fts) VALUES ('optimize')")
        return len(ids)

    def size_bytes(self) -> int:
        rows = self._rows(
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'search%%'", []
        )
        return rows[0][0] if rows else 0
