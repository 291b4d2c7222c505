"""Reads behind the admin's ingestion-health pages: per source, how often fetches succeed,
how many entries they bring, and the latest errors (from the fetch log)."""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from cryptoflexs.ingest.models import FetchLog, Source

SUCCESS = Q(outcome__in=[Source.Outcome.OK, Source.Outcome.NOT_MODIFIED])


def _since(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def rate(ok: int, total: int) -> float | None:
    return round(100 * ok / total, 1) if total else None


def sources_health(days: int) -> list[Source]:
    """Every source with its fetches, successes and entries over the last `days` (one query)."""
    recent = Q(fetches__started_at__gte=_since(days))
    sources = Source.objects.annotate(
        fetches_recent=Count("fetches", filter=recent),
        ok_recent=Count(
            "fetches",
            filter=recent
            & Q(fetches__outcome__in=[Source.Outcome.OK, Source.Outcome.NOT_MODIFIED]),
        ),
        entries_recent=Sum("fetches__entries", filter=recent, default=0),
        new_recent=Sum("fetches__new", filter=recent, default=0),
    ).order_by("-active", "name")
    sources = list(sources)
    for source in sources:
        source.success_rate = rate(source.ok_recent, source.fetches_recent)
    return sources


def source_days(source: Source, days: int) -> list[dict]:
    """Per UTC day of the last `days` (oldest first, empty days included): fetches,
    successes, success rate, entries read and new articles."""
    today = timezone.now().astimezone(dt.UTC).date()
    first = today - dt.timedelta(days=days - 1)
    rows = (
        FetchLog.objects.filter(source=source, started_at__gte=_since(days))
        .annotate(day=TruncDate("started_at", tzinfo=dt.UTC))
        .values("day")
        .annotate(
            fetches=Count("pk"),
            ok=Count("pk", filter=SUCCESS),
            entries=Sum("entries", default=0),
            new=Sum("new", default=0),
        )
    )
    by_day = {row["day"]: row for row in rows}
    series = []
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        row = by_day.get(day, {"fetches": 0, "ok": 0, "entries": 0, "new": 0})
        series.append(
            {
                "day": day,
                "fetches": row["fetches"],
                "ok": row["ok"],
                "rate": rate(row["ok"], row["fetches"]),
                "entries": row["entries"],
                "new": row["new"],
            }
        )
    return series


def source_errors(source: Source, limit: int = 20) -> list[FetchLog]:
    return list(
        FetchLog.objects.filter(source=source, outcome=Source.Outcome.FAILED).order_by(
            "-started_at", "-pk"
        )[:limit]
    )
