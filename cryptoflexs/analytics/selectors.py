"""Reads of the view counts: the Most Popular sidebar list and the admin dashboard."""

import datetime as dt
import logging

import redis
from django.core.cache import cache
from django.db.models import Sum

from cryptoflexs.articles.models import Article
from cryptoflexs.articles.selectors import unique_stories

from .models import ArticleViewDay
from .services import RANKING_GENERATION_KEY, utc_today

logger = logging.getLogger(__name__)

# The ranking changes slowly (views are flushed every minute); computing it on every page
# would sum a week of counts per request.
POPULAR_CACHE_SECONDS = 300
# How many extra candidates to rank so that dropping repeats of a story still fills a list.
_DEDUP_HEADROOM = 3
CACHE_ERRORS = (OSError, redis.RedisError)


def window_start(days: int) -> dt.date:
    """Return the first UTC day of a window of `days` days ending today."""
    return utc_today() - dt.timedelta(days=days - 1)


def popular_article_ids(days: int, limit: int) -> list[int]:
    """Return the ids of the published articles most read over the last `days` days."""
    rows = (
        ArticleViewDay.objects.filter(
            day__gte=window_start(days), article__in=Article.objects.published()
        )
        .values("article_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article__published_at", "-article_id")
    )
    return [row["article_id"] for row in rows[:limit]]


def most_popular(days: int = 7, limit: int = 3) -> list[Article]:
    """Return the published articles most read over the last `days` UTC days, each story once.

    The ranking (a list of ids) is cached for a few minutes; the articles themselves are
    read on every call in one query, so an article unpublished or retitled a moment ago
    never shows in its old state.
    """
    try:
        # The flush bumps the generation, so new counts show without waiting for the TTL.
        generation = cache.get(RANKING_GENERATION_KEY, 0)
    except CACHE_ERRORS:
        generation = 0
    key = f"analytics:most_popular:{generation}:{utc_today().isoformat()}:{days}:{limit}"
    try:
        ids = cache.get(key)
    except CACHE_ERRORS as exc:
        logger.warning("Most Popular: cache unavailable, ranking computed: %s", exc)
        ids = None
    if ids is None:
        ids = popular_article_ids(days, limit * _DEDUP_HEADROOM)
        try:
            cache.set(key, ids, POPULAR_CACHE_SECONDS)
        except CACHE_ERRORS as exc:
            logger.warning("Most Popular: could not cache the ranking: %s", exc)
    if not ids:
        return []
    by_id = (
        Article.objects.published()
        .select_related("category", "author")
        .defer("body_html")
        .in_bulk(ids)
    )
    return unique_stories((by_id[pk] for pk in ids if pk in by_id), limit)


def views_per_day(days: int = 30) -> list[tuple[dt.date, int]]:
    """Return (day, views) for each of the last `days` UTC days, oldest first, zeros included."""
    start = window_start(days)
    totals = dict(
        ArticleViewDay.objects.filter(day__gte=start)
        .values("day")
        .annotate(total=Sum("views"))
        .order_by("day")
        .values_list("day", "total")
    )
    return [(day, totals.get(day, 0)) for day in (start + dt.timedelta(n) for n in range(days))]


def top_articles(days: int, limit: int = 20) -> list[dict]:
    """Return the most read articles of the last `days` UTC days, whatever their status now.

    Each item: article_id, title, status, published_at, total.
    """
    rows = (
        ArticleViewDay.objects.filter(day__gte=window_start(days))
        .values("article_id", "article__title", "article__status", "article__published_at")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article_id")[:limit]
    )
    return [
        {
            "article_id": row["article_id"],
            "title": row["article__title"],
            "status": row["article__status"],
            "published_at": row["article__published_at"],
            "total": row["total"],
        }
        for row in rows
    ]
