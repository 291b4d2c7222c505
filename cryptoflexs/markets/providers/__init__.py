"""Market-data providers behind one interface, chosen by MARKET_DATA_PROVIDER.

A provider turns coins (Coin rows with their provider ids) into `QuoteData` and
`CandleData`, or raises `ProviderError`: it never writes anything. Storing, backoff and
staleness are the services' job (markets/services.py).
"""

import datetime as dt
import math
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class QuoteData:
    slug: str
    price: float
    as_of: dt.datetime
    change_24h: float | None = None
    market_cap: float | None = None
    volume_24h: float | None = None


@dataclass(frozen=True)
class CandleData:
    start: dt.datetime
    open: float
    high: float
    low: float
    close: float
    volume: float | None = None
    market_cap: float | None = None


class ProviderError(Exception):
    """The provider could not answer usefully; `reason` is short, fit for the admin.
    `retry_after` is the wait the provider asked for (429, 503), in seconds."""

    def __init__(self, reason: str, *, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class RateLimited(ProviderError):
    """The provider said "too many requests" (HTTP 429, or Binance's 418 ban)."""


class MalformedAnswer(ProviderError):
    """The answer was not the documented shape, or held no usable price."""


def number(value, *, positive: bool = False) -> float | None:
    """Return `value` as a finite float (numbers and numeric strings), else None."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(result) or (positive and result <= 0):
        return None
    return result


def sane_time(value: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    """A provider's time, or now when it is missing or in the future (clock skew)."""
    if value is None or value > now:
        return now
    return value


PROVIDERS = ("coingecko", "binance")


def get_provider(name: str | None = None):
    """Return the configured provider, or None when market data is turned off."""
    name = (name or settings.MARKET_DATA_PROVIDER).strip().lower()
    if name in ("", "off", "none", "demo"):
        return None
    if name == "coingecko":
        from .coingecko import CoinGecko

        return CoinGecko()
    if name == "binance":
        from .binance import Binance

        return Binance()
    raise ValueError(f"unknown MARKET_DATA_PROVIDER {name!r}; choose one of {', '.join(PROVIDERS)}")
