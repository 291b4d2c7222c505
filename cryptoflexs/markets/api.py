"""The coins part of the public API (/api/coins, /api/coins/{slug}): prices with their
time and source, and price history. Mounted on the site's API in cryptoflexs/api/api.py."""

import datetime as dt
from typing import Any, Literal

from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from cryptoflexs.api.schemas import ErrorOut
from cryptoflexs.core.seo import absolute_url

from . import selectors
from .models import Coin


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


class QuoteOut(Schema):
    price_usd: float
    change_24h_percent: float | None
    market_cap_usd: float | None
    volume_24h_usd: float | None
    as_of: dt.datetime
    source: str
    stale: bool
    demo: bool


class CoinOut(Schema):
    slug: str
    name: str
    ticker: str
    url: str
    rank: int
    quote: QuoteOut | None


class PricePointOut(Schema):
    time: dt.datetime
    price_usd: float


class CoinDetailOut(CoinOut):
    description: str
    change_7d_percent: float | None
    change_30d_percent: float | None
    range: str
    history: list[PricePointOut]


class CoinList(Schema):
    items: list[CoinOut]


ERRORS = {400: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut}
router = Router(tags=["coins"])


def _quote_out(quote) -> dict | None:
    if quote is None:
        return None
    return {
        "price_usd": quote.price,
        "change_24h_percent": quote.change_24h,
        "market_cap_usd": quote.market_cap,
        "volume_24h_usd": quote.volume_24h,
        "as_of": quote.as_of,
        "source": quote.source,
        "stale": quote.stale,
        "demo": quote.is_demo,
    }


def _coin_out(coin: Coin, quote) -> dict:
    return {
        "slug": coin.slug,
        "name": coin.name,
        "ticker": coin.ticker,
        "url": absolute_url(coin.get_absolute_url()),
        "rank": coin.rank,
        "quote": _quote_out(quote),
    }


@router.get(
    "",
    response={200: CoinList, **ERRORS},
    summary="Every coin with its latest price",
)
def list_coins(
    request,
    sort: Literal["market_cap", "change", "price", "volume", "name"] = Query(
        "market_cap", description="Sort key (coins without the value come last)"
    ),
    order: Literal["asc", "desc"] = Query("desc"),
):
    rows = selectors.coin_index(sort=sort, descending=order == "desc")
    return {"items": [_coin_out(coin, quote) for coin, quote in rows]}


@router.get(
    "/{slug}",
    response={200: CoinDetailOut, **ERRORS},
    summary="One coin: latest price, changes and price history",
)
def get_coin(
    request,
    slug: str,
    range: Literal["1d", "7d", "30d", "1y"] = Query(  # noqa: A002 - the public parameter name
        "7d", description="History: hourly for 1d/7d/30d, daily for 1y"
    ),
):
    coin = Coin.objects.active().filter(slug=slug).first()
    if coin is None:
        raise HttpError(404, "No such coin")
    now = timezone.now()
    market = selectors.coin_market(coin, now)
    return {
        **_coin_out(coin, market.quote),
        "description": coin.description,
        "change_7d_percent": market.change_7d,
        "change_30d_percent": market.change_30d,
        "range": range,
        "history": [{"time": at, "price_usd": price} for at, price in market.series(range, now)],
    }
