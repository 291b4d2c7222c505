"""Deterministic demo prices for a site with no reachable provider (the embedded default
offline): every coin without a real price gets a made-up but plausible history, marked as
demo data everywhere it shows. The same coins give the same numbers on every run."""

import datetime as dt
import hashlib
import math
import random

from django.db import transaction
from django.utils import timezone

from .models import Candle, Coin, Quote, Source
from .registry import default_data
from .services import market_changed

HOURS = 30 * 24  # the ticker's coins; a week for the others
OTHER_HOURS = 7 * 24
DAYS = 365
FRESH_FOR = dt.timedelta(hours=12)


def _rng(slug: str) -> random.Random:
    seed = int.from_bytes(hashlib.sha256(f"demo-prices:{slug}".encode()).digest()[:8], "big")
    return random.Random(seed)  # noqa: S311 - made-up prices, not security


def _walk(rng: random.Random, end: float, steps: int, sigma: float) -> list[float]:
    """Return `steps` prices ending at `end`, walking backwards (log-normal steps)."""
    prices = [end]
    for _ in range(steps - 1):
        prices.append(prices[-1] * math.exp(rng.gauss(0, sigma)))
    return prices[::-1]


def _series(coin: Coin, base: float, supply: float, now: dt.datetime):
    rng = _rng(coin.slug)
    hours = HOURS if coin.in_ticker else OTHER_HOURS
    stable = abs(base - 1.0) < 1e-9
    sigma = 0.0004 if stable else rng.uniform(0.004, 0.009)
    hourly = _walk(rng, base, hours + 1, sigma)
    turnover = rng.uniform(0.02, 0.08)
    start = now - dt.timedelta(hours=hours)
    candles = []
    for i in range(1, hours + 1):
        open_, close = hourly[i - 1], hourly[i]
        wiggle = abs(rng.gauss(0, sigma / 2))
        candles.append(
            Candle(coin=coin, interval=Candle.Interval.HOUR, start=start + dt.timedelta(hours=i),
                   open=open_, high=max(open_, close) * (1 + wiggle),
                   low=min(open_, close) * (1 - wiggle), close=close,
                   volume=close * supply * turnover, market_cap=close * supply, source=Source.DEMO)
        )  # fmt: skip
    first_day = (start + dt.timedelta(hours=1)).replace(hour=0)
    daily = _walk(rng, hourly[0], DAYS - hours // 24, sigma * math.sqrt(24))
    for i, close in enumerate(daily):
        day = first_day - dt.timedelta(days=len(daily) - i)
        candles.append(
            Candle(coin=coin, interval=Candle.Interval.DAY, start=day, open=close, high=close,
                   low=close, close=close, volume=close * supply * turnover,
                   market_cap=close * supply, source=Source.DEMO)
        )  # fmt: skip
    days: dict[dt.datetime, Candle] = {}
    for hour in candles[:hours]:
        key = hour.start.replace(hour=0)
        day = days.get(key)
        if day is None:
            days[key] = Candle(
                coin=coin, interval=Candle.Interval.DAY, start=key, open=hour.open,
                high=hour.high, low=hour.low, close=hour.close, volume=hour.volume,
                market_cap=hour.market_cap, source=Source.DEMO,
            )  # fmt: skip
        else:
            day.high, day.low = max(day.high, hour.high), min(day.low, hour.low)
            day.close = hour.close
    candles.extend(days.values())
    day_ago = hourly[-25]
    quote = Quote(
        coin=coin, price=base, change_24h=(base / day_ago - 1) * 100, market_cap=base * supply,
        volume_24h=base * supply * turnover, as_of=now, fetched_at=now, source=Source.DEMO,
    )  # fmt: skip
    return quote, candles


def demo_prices_load(*, now: dt.datetime | None = None, force: bool = False) -> int:
    """Give every active coin without a real price a demo price and history; return how
    many coins got one. Up-to-date demo data (less than an hour old) is kept unless
    `force`; real prices are never touched."""
    now = (now or timezone.now()).astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)
    quotes = dict(Quote.objects.values_list("coin_id", "source"))
    fresh_demo = set(
        Quote.objects.filter(source=Source.DEMO, as_of__gte=now - FRESH_FOR).values_list(
            "coin_id", flat=True
        )
    )
    coins = [
        coin
        for coin in Coin.objects.active()
        if quotes.get(coin.pk, Source.DEMO) == Source.DEMO and (force or coin.pk not in fresh_demo)
    ]
    if not coins:
        return 0
    defaults = {row["slug"]: row["demo"] for row in default_data()}
    with transaction.atomic():
        Candle.objects.filter(coin__in=coins, source=Source.DEMO).delete()
        Quote.objects.filter(coin__in=coins, source=Source.DEMO).delete()
        new_quotes, candles = [], []
        for coin in coins:
            rng = _rng(coin.slug + ":base")
            demo = defaults.get(coin.slug) or {
                "price": round(10 ** rng.uniform(-2, 2), 4),
                "supply": 10 ** rng.uniform(8, 10),
            }
            quote, series = _series(coin, demo["price"], demo["supply"], now)
            new_quotes.append(quote)
            candles.extend(series)
        Quote.objects.bulk_create(new_quotes)
        Candle.objects.bulk_create(candles, batch_size=1000)
        transaction.on_commit(market_changed)
    return len(coins)
