"""Counting page views without cookies or personal data, and storing them per day.

A view costs a dictionary increment (buffer.py); every few seconds the web process adds its
views to Redis or to a small file (counters.py), never to the database; `views_flush`, run
every minute by a periodic task, adds the pending counts to ArticleViewDay. Nothing about
the reader is kept: no cookie is set, and neither the IP address nor the User-Agent is
stored or hashed; only "article N was read on day D".
"""

import datetime as dt
import functools
import logging
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from cryptoflexs.articles.models import Article

from . import buffer, counters
from .models import ArticleViewDay

logger = logging.getLogger(__name__)

# Programs that are not a person reading: crawlers, link previews, monitors, HTTP
# libraries, headless and automated browsers, AI fetchers. ("CUBOT" is a phone maker.)
BOT_USER_AGENT = re.compile(
    r"(?<!cu)bot|crawl|spider|slurp|preview|fetch|externalhit|externalagent|facebookcatalog"
    r"|whatsapp|curl|wget|python|httpx|aiohttp|go-http|java/|okhttp|libwww|node-fetch|axios"
    r"|headless|phantomjs|selenium|playwright|puppeteer|lighthouse|pagespeed|gtmetrix"
    r"|monitor|pingdom|uptime|statuscake|site24x7|check|validator|scan|zgrab|archiver"
    r"|feed|rss|chatgpt|gpt|claude|anthropic|perplexity|google-inspectiontool|apis-google",
    re.IGNORECASE,
)
# Headers of requests a browser makes ahead of time (prefetch, prerender, Safari's "Top
# Sites" previews): the page may never be shown, so it is not a read.
PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")
PREFETCH_META = tuple("HTTP_" + name.upper().replace("-", "_") for name in PREFETCH_HEADERS)
# Rows per INSERT: well under SQLite's and PostgreSQL's limits on statement parameters.
FLUSH_BATCH = 500


def utc_today() -> dt.date:
    return timezone.now().astimezone(dt.UTC).date()


@functools.lru_cache(maxsize=2048)
def _reader_user_agent(user_agent: str) -> bool:
    # Every browser people read with says "Mozilla/5.0 …"; tools and most bots do not, and
    # the bots that do name themselves (Googlebot, bingbot …). Memoised: a hit of the page
    # cache asks this for every view, and a site sees few distinct User-Agents.
    return user_agent.startswith("Mozilla/") and not BOT_USER_AGENT.search(user_agent)


def is_countable(request: HttpRequest) -> bool:
    """Return whether a request is a person reading the page (not a bot, a prefetch, staff)."""
    if request.method != "GET":
        return False
    meta = request.META
    if not _reader_user_agent(meta.get("HTTP_USER_AGENT", "")[:1000]):
        return False
    for header in PREFETCH_META:
        value = meta.get(header)
        if value and any(word in value.lower() for word in ("prefetch", "preview", "prerender")):
            return False
    # Only someone with a session cookie can be logged in. Looking at request.user without
    # one would still touch the session, which adds "Vary: Cookie" to every article page.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    user = getattr(request, "user", None)
    return not (user is not None and user.is_staff)


def view_record(
    *, request: HttpRequest, article: Article | None = None, article_id: int | None = None
) -> bool:
    """Count one read of `article` (or of the article `article_id`, as the page cache
    knows it) if the request is a person reading it.

    Return whether it was counted. Never writes to the database and never raises because
    the counter's store is unavailable (the failure is logged).
    """
    if not is_countable(request):
        return False
    return buffer.count(article.pk if article is not None else article_id, utc_today())


@dataclass(frozen=True)
class FlushResult:
    rows: int  # (article, day) pairs added to ArticleViewDay
    views: int  # views stored
    dropped: int  # views of articles deleted since they were counted


RANKING_GENERATION_KEY = "analytics:ranking-generation"


def ranking_changed() -> None:
    """Make cached rankings stale (called after a flush stored new counts)."""
    try:
        cache.set(RANKING_GENERATION_KEY, time.time_ns(), None)
    except Exception:  # any cache failure: the ranking refreshes at its TTL instead
        logger.warning("Most Popular: could not mark the ranking stale", exc_info=True)


def views_flush() -> FlushResult:
    """Add the pending view counts to ArticleViewDay (one row per article and UTC day).

    Safe to run concurrently and to re-run: each pending count is claimed by one flush and
    deleted only after the transaction that stores it has committed. A flush that fails
    leaves its claim, which a later flush takes over (counters.STALE_CLAIM_SECONDS).
    """
    buffer.flush()  # this process's own waiting views first (the web process, tests)
    counter = counters.get_counter()
    with counter.drain() as counts:
        if not counts:
            return FlushResult(rows=0, views=0, dropped=0)
        with transaction.atomic():
            ids = {article_id for article_id, _ in counts}
            # Lock the articles (FOR NO KEY UPDATE on PostgreSQL; SQLite's IMMEDIATE
            # transaction already excludes other writers) so that one deleted meanwhile
            # cannot break the foreign key of the rows inserted below.
            existing = set(
                Article.objects.select_for_update(no_key=True)
                .filter(pk__in=ids)
                .values_list("pk", flat=True)
                .order_by("pk")
            )
            rows = sorted(
                (article_id, day, views)
                for (article_id, day), views in counts.items()
                if article_id in existing
            )
            for start in range(0, len(rows), FLUSH_BATCH):
                _add_views(rows[start : start + FLUSH_BATCH])
    stored = sum(views for _, _, views in rows)
    if stored:
        ranking_changed()
    return FlushResult(rows=len(rows), views=stored, dropped=counts.total() - stored)


def _add_views(rows: list[tuple[int, dt.date, int]]) -> None:
    """Insert rows, adding `views` to the row of the same article and day when there is one.

    `bulk_create(update_conflicts=True)` would overwrite the stored count instead of adding
    to it; INSERT … ON CONFLICT DO UPDATE is the same on SQLite (≥ 3.24) and PostgreSQL.
    """
    qn = connection.ops.quote_name
    table = qn(ArticleViewDay._meta.db_table)
    placeholders = ", ".join(["(%s, %s, %s)"] * len(rows))
    sql = (
        f"INSERT INTO {table} ({qn('article_id')}, {qn('day')}, {qn('views')}) "  # noqa: S608
        f"VALUES {placeholders} "
        f"ON CONFLICT ({qn('article_id')}, {qn('day')}) "
        f"DO UPDATE SET {qn('views')} = {table}.{qn('views')} + excluded.{qn('views')}"
    )
    params = [value for row in rows for value in row]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
