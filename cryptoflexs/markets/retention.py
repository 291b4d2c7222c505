"""Keeping the time series small: spot points are dropped after
MARKETS_POINT_RETENTION_HOURS (they live on in the hourly candles), and hourly candles
older than MARKETS_HOURLY_RETENTION_DAYS are folded into daily candles and dropped."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Candle, PricePoint


@dataclass
class RetentionResult:
    points_deleted: int = 0
    hours_folded: int = 0
    days_created: int = 0


def _day(at: dt.datetime) -> dt.datetime:
    return at.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def market_data_downsample(*, now: dt.datetime | None = None, dry_run: bool = False):
    """Drop old spot points; fold whole days of old hourly candles into daily candles
    (a daily candle already stored, e.g. from the provider, is kept as it is). Safe to
    run any number of times."""
    now = now or timezone.now()
    result = RetentionResult()
    points = PricePoint.objects.filter(
        at__lt=now - dt.timedelta(hours=settings.MARKETS_POINT_RETENTION_HOURS)
    )
    # Only whole days: the day the cut-off falls in waits for the next run.
    cutoff = _day(now - dt.timedelta(days=settings.MARKETS_HOURLY_RETENTION_DAYS))
    old_hours = Candle.objects.filter(interval=Candle.Interval.HOUR, start__lt=cutoff)
    if dry_run:
        result.points_deleted = points.count()
        result.hours_folded = old_hours.count()
        return result
    result.points_deleted = points.delete()[0]
    coin_ids = old_hours.order_by().values_list("coin_id", flat=True).distinct()
    for coin_id in list(coin_ids):
        with transaction.atomic():
            hours = list(old_hours.filter(coin_id=coin_id).order_by("start"))
            days = _fold(hours)
            stored = set(
                Candle.objects.filter(
                    coin_id=coin_id, interval=Candle.Interval.DAY, start__in=[k for _, k in days]
                ).values_list("start", flat=True)
            )
            missing = [day for (_, start), day in days.items() if start not in stored]
            Candle.objects.bulk_create(missing, batch_size=500)
            result.days_created += len(missing)
            result.hours_folded += old_hours.filter(coin_id=coin_id).delete()[0]
    return result


def _fold(hours: list[Candle]) -> dict[tuple[int, dt.datetime], Candle]:
    """Return one daily candle per (coin, day) of `hours` (sorted by start)."""
    days: dict[tuple[int, dt.datetime], Candle] = {}
    for hour in hours:
        key = (hour.coin_id, _day(hour.start))
        day = days.get(key)
        if day is None:
            days[key] = Candle(
                coin_id=hour.coin_id, interval=Candle.Interval.DAY, start=key[1],
                open=hour.open, high=hour.high, low=hour.low, close=hour.close,
                volume=hour.volume, market_cap=hour.market_cap, source=hour.source,
            )  # fmt: skip
            continue
        day.high, day.low = max(day.high, hour.high), min(day.low, hour.low)
        day.close = hour.close
        day.volume = hour.volume if hour.volume is not None else day.volume
        day.market_cap = hour.market_cap if hour.market_cap is not None else day.market_cap
    return days
