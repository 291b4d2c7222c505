"""Binance public market data (https://developers.binance.com/docs/binance-spot-api-docs):
GET /api/v3/ticker/24hr?symbols=[…] for quotes and /api/v3/klines for candles, priced in
USDT (taken as dollars). Binance publishes no market capitalisation.

Documented shapes this client reads:
- ticker/24hr → [{"symbol": "BTCUSDT", "lastPrice": "97120.01", "priceChangePercent":
  "1.234", "quoteVolume": "…", "closeTime": 1733390000000, …}, …] (numbers as strings)
- klines → [[openTime, "open", "high", "low", "close", "volume", closeTime,
  "quoteAssetVolume", trades, …], …]
"""

import datetime as dt
import json

from django.conf import settings

from . import CandleData, MalformedAnswer, QuoteData, number, sane_time
from .coingecko import _utc_from_ms
from .http import JsonClient

PUBLIC_URL = "https://api.binance.com"
MAX_KLINES = 1000


class Binance:
    name = "binance"

    def __init__(self):
        headers = {}
        if settings.MARKET_DATA_API_KEY:
            headers["X-MBX-APIKEY"] = settings.MARKET_DATA_API_KEY
        self.client = JsonClient(settings.MARKET_DATA_BASE_URL or PUBLIC_URL, headers=headers)

    def supports(self, coin) -> bool:
        return bool(coin.binance_symbol)

    def spot(self, coins) -> list[QuoteData]:
        symbols = {coin.binance_symbol: coin.slug for coin in coins if coin.binance_symbol}
        if not symbols:
            return []
        data = self.client.get(
            "/api/v3/ticker/24hr", {"symbols": json.dumps(list(symbols), separators=(",", ":"))}
        )
        if not isinstance(data, list):
            raise MalformedAnswer("ticker/24hr: expected a list of symbols")
        now = dt.datetime.now(dt.UTC)
        quotes = []
        for entry in data:
            if not isinstance(entry, dict) or entry.get("symbol") not in symbols:
                continue
            price = number(entry.get("lastPrice"), positive=True)
            if price is None:
                continue
            quotes.append(
                QuoteData(
                    slug=symbols[entry["symbol"]],
                    price=price,
                    as_of=sane_time(_utc_from_ms(entry.get("closeTime")), now),
                    change_24h=number(entry.get("priceChangePercent")),
                    volume_24h=number(entry.get("quoteVolume")),
                )
            )
        return quotes

    # One request serves every coin: the hourly "all coins" refresh is the same call.
    markets = spot

    def history(self, coin, *, interval: str, days: int) -> list[CandleData]:
        per_day = 24 if interval == "1h" else 1
        data = self.client.get(
            "/api/v3/klines",
            {
                "symbol": coin.binance_symbol,
                "interval": interval,
                "limit": max(1, min(MAX_KLINES, days * per_day)),
            },
        )
        if not isinstance(data, list):
            raise MalformedAnswer("klines: expected a list of candles")
        candles = []
        for row in data:
            if not isinstance(row, list) or len(row) < 8:
                continue
            start = _utc_from_ms(row[0])
            values = [number(v, positive=True) for v in row[1:5]]
            if start is None or None in values:
                continue
            open_, high, low, close = values
            if low > high:
                continue
            candles.append(
                CandleData(start=start, open=open_, high=high, low=low, close=close,
                           volume=number(row[7]))
            )  # fmt: skip
        return candles
