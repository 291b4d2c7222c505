"""CoinGecko (https://docs.coingecko.com): /simple/price for the frequent ticker refresh,
/coins/markets for every coin at once, /coins/{id}/market_chart for history.

Documented shapes this client reads:
- /simple/price → {"bitcoin": {"usd": 97120.5, "usd_market_cap": …, "usd_24h_vol": …,
  "usd_24h_change": 1.2, "last_updated_at": 1733390000}, …}
- /coins/markets → [{"id": "bitcoin", "current_price": …, "market_cap": …, "total_volume": …,
  "price_change_percentage_24h": …, "last_updated": "2026-01-01T12:00:00.000Z"}, …]
- /coins/{id}/market_chart → {"prices": [[ms, price], …], "market_caps": [[ms, v], …],
  "total_volumes": [[ms, v], …]}: 5-minutely for 1 day, hourly up to 90 days, daily beyond
  (or with interval=daily).
The Demo plan sends its key as x-cg-demo-api-key to api.coingecko.com, paid plans as
x-cg-pro-api-key to pro-api.coingecko.com.
"""

import datetime as dt

from django.conf import settings
from django.utils.dateparse import parse_datetime

from . import CandleData, MalformedAnswer, QuoteData, number, sane_time
from .http import JsonClient

PUBLIC_URL = "https://api.coingecko.com/api/v3"
PRO_URL = "https://pro-api.coingecko.com/api/v3"
MAX_IDS = 250  # /coins/markets answers at most 250 coins a page


def _utc_from_ms(value) -> dt.datetime | None:
    ms = number(value)
    if ms is None or ms < 0:
        return None
    try:
        return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


class CoinGecko:
    name = "coingecko"

    def __init__(self):
        pro = settings.MARKET_DATA_API_PLAN == "pro"
        headers = {}
        if settings.MARKET_DATA_API_KEY:
            header = "x-cg-pro-api-key" if pro else "x-cg-demo-api-key"
            headers[header] = settings.MARKET_DATA_API_KEY
        self.client = JsonClient(
            settings.MARKET_DATA_BASE_URL or (PRO_URL if pro else PUBLIC_URL), headers=headers
        )

    def supports(self, coin) -> bool:
        return bool(coin.coingecko_id)

    def spot(self, coins) -> list[QuoteData]:
        """Return the current quotes of `coins` (one /simple/price request)."""
        ids = {coin.coingecko_id: coin.slug for coin in coins if coin.coingecko_id}
        if not ids:
            return []
        data = self.client.get(
            "/simple/price",
            {
                "ids": ",".join(ids),
                "vs_currencies": "usd",
                "include_market_cap": "true",
                "include_24hr_vol": "true",
                "include_24hr_change": "true",
                "include_last_updated_at": "true",
                "precision": "full",
            },
        )
        if not isinstance(data, dict):
            raise MalformedAnswer("/simple/price: expected an object of coins")
        now = dt.datetime.now(dt.UTC)
        quotes = []
        for gecko_id, slug in ids.items():
            entry = data.get(gecko_id)
            if not isinstance(entry, dict):
                continue
            price = number(entry.get("usd"), positive=True)
            if price is None:
                continue
            updated = number(entry.get("last_updated_at"))
            quotes.append(
                QuoteData(
                    slug=slug,
                    price=price,
                    as_of=sane_time(_utc_from_ms(updated * 1000) if updated else None, now),
                    change_24h=number(entry.get("usd_24h_change")),
                    market_cap=number(entry.get("usd_market_cap")),
                    volume_24h=number(entry.get("usd_24h_vol")),
                )
            )
        return quotes

    def markets(self, coins) -> list[QuoteData]:
        """Return the quotes of every coin in `coins` (one /coins/markets request a 250)."""
        ids = {coin.coingecko_id: coin.slug for coin in coins if coin.coingecko_id}
        quotes = []
        now = dt.datetime.now(dt.UTC)
        chunk = list(ids)
        for start in range(0, len(chunk), MAX_IDS):
            part = chunk[start : start + MAX_IDS]
            data = self.client.get(
                "/coins/markets",
                {
                    "vs_currency": "usd",
                    "ids": ",".join(part),
                    "per_page": MAX_IDS,
                    "page": 1,
                    "price_change_percentage": "24h",
                },
            )
            if not isinstance(data, list):
                raise MalformedAnswer("/coins/markets: expected a list of coins")
            for entry in data:
                if not isinstance(entry, dict) or entry.get("id") not in ids:
                    continue
                price = number(entry.get("current_price"), positive=True)
                if price is None:
                    continue
                updated = entry.get("last_updated")
                as_of = parse_datetime(updated) if isinstance(updated, str) else None
                quotes.append(
                    QuoteData(
                        slug=ids[entry["id"]],
                        price=price,
                        as_of=sane_time(as_of if as_of and as_of.tzinfo else None, now),
                        change_24h=number(entry.get("price_change_percentage_24h")),
                        market_cap=number(entry.get("market_cap")),
                        volume_24h=number(entry.get("total_volume")),
                    )
                )
        return quotes

    def history(self, coin, *, interval: str, days: int) -> list[CandleData]:
        """Return candles of `interval` ("1h" or "1d") over the last `days` days."""
        params = {"vs_currency": "usd", "days": days}
        if interval == "1d":
            params["interval"] = "daily"
        data = self.client.get(f"/coins/{coin.coingecko_id}/market_chart", params)
        if not isinstance(data, dict) or not isinstance(data.get("prices"), list):
            raise MalformedAnswer("market_chart: expected an object with a prices list")
        return candles_from_points(
            data["prices"],
            volumes=data.get("total_volumes"),
            caps=data.get("market_caps"),
            interval=interval,
        )


def _series(rows) -> dict[dt.datetime, float]:
    found = {}
    for row in rows if isinstance(rows, list) else ():
        if isinstance(row, list) and len(row) >= 2:
            at, value = _utc_from_ms(row[0]), number(row[1])
            if at is not None and value is not None:
                found[at] = value
    return found


def _bucket(at: dt.datetime, interval: str) -> dt.datetime:
    at = at.replace(minute=0, second=0, microsecond=0)
    return at.replace(hour=0) if interval == "1d" else at


def candles_from_points(prices, *, volumes, caps, interval: str) -> list[CandleData]:
    """Fold [ms, price] points into one candle per hour or day (open = first point of the
    bucket, close = last); volume and market cap are the bucket's last values."""
    points = sorted((at, p) for at, p in _series(prices).items() if p > 0)
    volume_at, cap_at = _series(volumes), _series(caps)
    buckets: dict[dt.datetime, list] = {}
    for at, price in points:
        key = _bucket(at, interval)
        candle = buckets.get(key)
        if candle is None:
            buckets[key] = [price, price, price, price, volume_at.get(at), cap_at.get(at)]
            continue
        candle[1] = max(candle[1], price)
        candle[2] = min(candle[2], price)
        candle[3] = price
        candle[4] = volume_at.get(at, candle[4])
        candle[5] = cap_at.get(at, candle[5])
    return [
        CandleData(start=k, open=o, high=h, low=lo, close=c, volume=v, market_cap=m)
        for k, (o, h, lo, c, v, m) in sorted(buckets.items())
    ]
