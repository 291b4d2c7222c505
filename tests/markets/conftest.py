"""Market-data fixtures: a loopback server playing the provider (pytest-httpserver) with
answers written from the providers' documentation, and helpers to store prices."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from cryptoflexs.markets.models import Coin
from cryptoflexs.markets.providers import QuoteData
from cryptoflexs.markets.seed import coins_seed
from cryptoflexs.markets.services import market_changed, quotes_store

GECKO = "/api/v3"


@pytest.fixture
def coins(db):
    """The built-in coins (the data migration seeds them; a transactional test that ran
    before may have emptied the table)."""
    coins_seed()
    return {coin.slug: coin for coin in Coin.objects.all()}


@pytest.fixture
def provider(settings, httpserver, coins):
    """Point the configured provider (CoinGecko) at the loopback server."""
    settings.INGEST_ALLOW_PRIVATE_NETWORKS = True
    settings.MARKET_DATA_PROVIDER = "coingecko"
    settings.MARKET_DATA_BASE_URL = httpserver.url_for(GECKO)
    settings.MARKET_DATA_API_KEY = ""
    return httpserver


def simple_price_answer(prices: dict[str, float], *, at: dt.datetime | None = None) -> dict:
    """A /simple/price answer as CoinGecko documents it."""
    stamp = int((at or timezone.now()).timestamp())
    return {
        gecko_id: {
            "usd": price,
            "usd_market_cap": price * 19_800_000,
            "usd_24h_vol": price * 400_000,
            "usd_24h_change": 1.25,
            "last_updated_at": stamp,
        }
        for gecko_id, price in prices.items()
    }


def ticker_ids(coins) -> list[str]:
    return [c.coingecko_id for c in coins.values() if c.in_ticker]


def serve_simple_price(httpserver, prices, **kwargs):
    httpserver.expect_request(f"{GECKO}/simple/price").respond_with_json(
        simple_price_answer(prices, **kwargs)
    )


def store(slug: str, price: float, *, at: dt.datetime | None = None, source="coingecko", **kw):
    at = at or timezone.now()
    quotes_store(
        quotes=[QuoteData(slug=slug, price=price, as_of=at, **kw)], source=source, fetched_at=at
    )
    market_changed()  # what the commit does (a test's transaction never commits)


def json_bytes(data) -> bytes:
    return json.dumps(data).encode()
