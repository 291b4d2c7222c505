"""Market-data writes: storing quotes and candles, refreshing them from the provider with a
shared backoff, downsampling old candles, and seeding the coin list."""

import datetime as dt
import logging
import random
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from .models import Candle, Coin, PricePoint, ProviderState, Quote, Source
from .providers import CandleData, ProviderError, QuoteData, get_provider

logger = logging.getLogger(__name__)

MARKET_VERSION_KEY = "markets:version"
HOUR = dt.timedelta(hours=1)


def market_version() -> str:
    """Return the version of the market data; it changes whenever prices are stored."""
    version = cache.get(MARKET_VERSION_KEY)
    if version is None:
        cache.add(MARKET_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(MARKET_VERSION_KEY) or "uncached"
    return version


def market_changed() -> None:
    cache.set(MARKET_VERSION_KEY, uuid.uuid4().hex, None)


def _hour(at: dt.datetime) -> dt.datetime:
    return at.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


# Storing ---------------------------------------------------------------------------------
def quotes_store(
    *, quotes: list[QuoteData], source: str, fetched_at: dt.datetime | None = None
) -> int:
    """Store `quotes` as the coins' last good prices, add them to the spot series and fold
    them into the current hourly candles; return how many were stored. A quote older than
    the one already stored is ignored, so a slow answer never replaces a newer price."""
    fetched_at = fetched_at or timezone.now()
    coins = {c.slug: c for c in Coin.objects.filter(slug__in={q.slug for q in quotes})}
    with transaction.atomic():
        current = {q.coin_id: q for q in Quote.objects.filter(coin__in=coins.values())}
        fresh = []
        for quote in quotes:
            coin = coins.get(quote.slug)
            if coin is None:
                continue
            old = current.get(coin.pk)
            if old is not None and old.as_of > quote.as_of and old.source != Source.DEMO:
                continue
            fresh.append((coin, quote))
        if not fresh:
            return 0
        # Real prices replace the demo series of a coin, rather than joining it on charts.
        leaving_demo = [
            coin.pk
            for coin, _ in fresh
            if source != Source.DEMO and getattr(current.get(coin.pk), "source", "") == Source.DEMO
        ]
        if leaving_demo:
            Candle.objects.filter(coin__in=leaving_demo, source=Source.DEMO).delete()
            PricePoint.objects.filter(coin__in=leaving_demo, source=Source.DEMO).delete()
        fields = ["price", "change_24h", "market_cap", "volume_24h", "as_of", "fetched_at"]
        fields.append("source")
        Quote.objects.bulk_create(
            [
                Quote(coin=coin, price=q.price, change_24h=q.change_24h, market_cap=q.market_cap,
                      volume_24h=q.volume_24h, as_of=q.as_of, fetched_at=fetched_at, source=source)
                for coin, q in fresh
            ],
            update_conflicts=True,
            unique_fields=["coin"],
            update_fields=fields,
        )  # fmt: skip
        PricePoint.objects.bulk_create(
            [
                PricePoint(coin=coin, at=q.as_of, price=q.price, change_24h=q.change_24h,
                           market_cap=q.market_cap, volume_24h=q.volume_24h, source=source)
                for coin, q in fresh
            ],
            ignore_conflicts=True,
        )  # fmt: skip
        _fold_into_hours(fresh, source)
        transaction.on_commit(market_changed)
    return len(fresh)


def _fold_into_hours(fresh: list[tuple[Coin, QuoteData]], source: str) -> None:
    hours = {(coin.pk, _hour(q.as_of)) for coin, q in fresh}
    existing = {
        (c.coin_id, c.start): c
        for c in Candle.objects.filter(
            interval=Candle.Interval.HOUR,
            coin__in={pk for pk, _ in hours},
            start__in={start for _, start in hours},
        )
    }
    new, changed = {}, {}
    for coin, q in fresh:
        key = (coin.pk, _hour(q.as_of))
        candle = existing.get(key) or new.get(key)
        if candle is None:
            new[key] = Candle(
                coin=coin, interval=Candle.Interval.HOUR, start=key[1], open=q.price,
                high=q.price, low=q.price, close=q.price, volume=q.volume_24h,
                market_cap=q.market_cap, source=source,
            )  # fmt: skip
            continue
        candle.high, candle.low = max(candle.high, q.price), min(candle.low, q.price)
        candle.close = q.price
        candle.volume = q.volume_24h if q.volume_24h is not None else candle.volume
        candle.market_cap = q.market_cap if q.market_cap is not None else candle.market_cap
        if candle.pk:
            changed[key] = candle
    Candle.objects.bulk_create(new.values(), ignore_conflicts=True)
    if changed:
        fields = ["high", "low", "close", "volume", "market_cap"]
        Candle.objects.bulk_update(changed.values(), fields)


def candles_store(*, coin: Coin, interval: str, candles: list[CandleData], source: str) -> int:
    """Insert or replace `coin`'s candles of `interval`; return how many."""
    rows = [
        Candle(coin=coin, interval=interval, start=c.start, open=c.open, high=max(c.high, c.low),
               low=min(c.high, c.low), close=c.close, volume=c.volume, market_cap=c.market_cap,
               source=source)
        for c in candles
    ]  # fmt: skip
    if not rows:
        return 0
    with transaction.atomic():
        Candle.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["coin", "interval", "start"],
            update_fields=["open", "high", "low", "close", "volume", "market_cap", "source"],
            batch_size=500,
        )
        transaction.on_commit(market_changed)
    return len(rows)


# The provider's health, shared by every worker ---------------------------------------------
def _backoff_seconds(failures: int, retry_after: float | None) -> float:
    if retry_after is not None:
        return min(max(retry_after, 1.0), settings.MARKETS_RETRY_AFTER_MAX_SECONDS)
    window = min(settings.MARKETS_BACKOFF_MAX_SECONDS, 60.0 * (2 ** min(failures - 1, 20)))
    return random.uniform(window / 2, window)  # noqa: S311 - jitter, not security


def provider_failed(*, name: str, error: ProviderError, now: dt.datetime) -> ProviderState:
    """Count a failure and keep every worker away from the provider for a while: as long as
    its Retry-After asked, else exponentially longer (with jitter) after each failure."""
    with transaction.atomic():
        state, _ = ProviderState.objects.select_for_update().get_or_create(name=name)
        state.failures += 1
        state.backoff_until = now + dt.timedelta(
            seconds=_backoff_seconds(state.failures, error.retry_after)
        )
        state.last_error = error.reason[:300]
        state.last_error_at = now
        state.save()
    logger.warning(
        "market data from %s failed (%s); next try after %s",
        name,
        error.reason,
        state.backoff_until.isoformat(timespec="seconds"),
    )
    return state


def provider_succeeded(*, name: str, now: dt.datetime) -> None:
    ProviderState.objects.update_or_create(
        name=name, defaults={"failures": 0, "backoff_until": None, "last_success_at": now}
    )


def provider_waiting(name: str, now: dt.datetime) -> dt.datetime | None:
    """Return until when the provider is to be left alone, or None."""
    return (
        ProviderState.objects.filter(name=name, backoff_until__gt=now)
        .values_list("backoff_until", flat=True)
        .first()
    )


# Refreshing ------------------------------------------------------------------------------
@dataclass
class RefreshResult:
    provider: str
    stored: int = 0
    skipped: str = ""  # why nothing was asked
    error: str = ""  # why the provider's answer was refused


def prices_refresh(*, scope: str = "ticker", now: dt.datetime | None = None) -> RefreshResult:
    """Ask the provider for current prices ("ticker": the ticker's coins, light and
    frequent; "all": every active coin) and store them. Never raises for the provider's
    failures: a refused, failed, empty or malformed answer changes no price and backs off."""
    now = now or timezone.now()
    provider = get_provider()
    if provider is None:
        return RefreshResult("off", skipped="MARKET_DATA_PROVIDER is off")
    waiting = provider_waiting(provider.name, now)
    if waiting is not None:
        return RefreshResult(provider.name, skipped=f"backing off until {waiting:%H:%M:%S}")
    coins = Coin.objects.active()
    if scope == "ticker":
        coins = coins.filter(in_ticker=True)
    coins = [coin for coin in coins if provider.supports(coin)]
    if not coins:
        return RefreshResult(provider.name, skipped="no coin has an id at this provider")
    try:
        quotes = provider.spot(coins) if scope == "ticker" else provider.markets(coins)
        if not quotes:
            raise ProviderError("the answer held no usable price")
    except ProviderError as exc:
        provider_failed(name=provider.name, error=exc, now=now)
        return RefreshResult(provider.name, error=exc.reason)
    stored = quotes_store(quotes=quotes, source=provider.name, fetched_at=now)
    provider_succeeded(name=provider.name, now=now)
    return RefreshResult(provider.name, stored=stored)


# How long a history request is not repeated for a coin (backfills and daily candles once a
# day; the hourly gap at most once an hour).
TRIED_SECONDS = {90: 24 * 3600, 365: 20 * 3600, 2: 50 * 60}


def _tried_key(provider, coin: Coin, interval: str, days: int) -> str:
    return f"markets:history-tried:{provider.name}:{coin.pk}:{interval}:{days}"


def history_due(provider, *, now: dt.datetime, limit: int) -> list[tuple[Coin, list]]:
    """Return up to `limit` coins whose history needs fetching, with what to fetch:
    [(interval, days)]. A coin with no hourly history of this provider gets its last 90
    days (backfill), one with a gap since its last hour the last two days; daily candles
    come once a day for the last year. One query whatever the number of coins."""
    hourly = Q(candles__interval=Candle.Interval.HOUR, candles__source=provider.name)
    daily = Q(candles__interval=Candle.Interval.DAY, candles__source=provider.name)
    coins = (
        Coin.objects.active()
        .annotate(
            first_hour=Min("candles__start", filter=hourly),
            last_hour=Max("candles__start", filter=hourly),
            last_day=Max("candles__start", filter=daily),
        )
        .order_by("rank", "name")  # Meta.ordering is not applied to a GROUP BY query
    )
    due = []
    for coin in coins:
        if not provider.supports(coin):
            continue
        wants = []
        if coin.first_hour is None or coin.first_hour > now - dt.timedelta(days=7):
            wants.append(("1h", 90))
        elif coin.last_hour < _hour(now) - HOUR:
            wants.append(("1h", 2))
        if coin.last_day is None or coin.last_day < now - dt.timedelta(days=2):
            wants.append(("1d", 365))
        # A coin the provider has little or no history for is not asked again every run.
        tried = cache.get_many([_tried_key(provider, coin, i, d) for i, d in wants])
        wants = [(i, d) for i, d in wants if _tried_key(provider, coin, i, d) not in tried]
        if wants:
            due.append((coin, wants))
        if len(due) >= limit:
            break
    return due


def history_refresh(*, now: dt.datetime | None = None, limit: int | None = None) -> RefreshResult:
    """Fetch the history of the coins that need it (a few per run, to stay polite); stop
    at the provider's first failure and back off as for prices."""
    now = now or timezone.now()
    provider = get_provider()
    if provider is None:
        return RefreshResult("off", skipped="MARKET_DATA_PROVIDER is off")
    waiting = provider_waiting(provider.name, now)
    if waiting is not None:
        return RefreshResult(provider.name, skipped=f"backing off until {waiting:%H:%M:%S}")
    result = RefreshResult(provider.name)
    limit = settings.MARKETS_HISTORY_COINS_PER_RUN if limit is None else limit
    for coin, wants in history_due(provider, now=now, limit=limit):
        for interval, days in wants:
            try:
                candles = provider.history(coin, interval=interval, days=days)
            except ProviderError as exc:
                provider_failed(name=provider.name, error=exc, now=now)
                result.error = exc.reason
                return result
            cache.set(_tried_key(provider, coin, interval, days), 1, TRIED_SECONDS[days])
            result.stored += candles_store(
                coin=coin, interval=interval, candles=candles, source=provider.name
            )
    provider_succeeded(name=provider.name, now=now)
    return result
