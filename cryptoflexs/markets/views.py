"""Coin pages, the coin index and the ticker's JSON, all from the page cache for readers:
keyed by the content version (articles, coins) and the market version (prices), and by the
minute, so that a page turns "out of date" on time even when no price arrives."""

import time

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from cryptoflexs.core.pagecache import cached_response, page_key
from cryptoflexs.core.seo import absolute_url, breadcrumb_data, json_ld

from . import formatting, selectors
from .charts import price_chart
from .models import Coin, Source
from .services import market_version

RANGES = [("1d", "1 day"), ("7d", "7 days"), ("30d", "30 days"), ("1y", "1 year")]
RANGE_LABELS = {"1d": "24 hours", "7d": "7 days", "30d": "30 days", "1y": "year"}
DEFAULT_RANGE = "7d"
COLUMNS = [  # (sort key or "", label, numeric, descending first)
    ("", "#", True, False),
    ("name", "Coin", False, False),
    ("price", "Price", True, True),
    ("change", "24 h change", True, True),
    ("market_cap", "Market cap", True, True),
    ("volume", "Volume (24 h)", True, True),
]


def _market_key(request) -> str:
    return page_key(request, namespace=f"markets:{market_version()}:{int(time.time() // 60)}")


def coin_detail(request, slug):
    return cached_response(request, _market_key(request), lambda: _render_coin(request, slug))


def _coin_json_ld(coin: Coin, quote, canonical: str, description: str) -> list:
    page = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": f"{coin.name} ({coin.ticker}) price",
        "url": canonical,
        "description": description,
        "about": {"@type": "Thing", "name": coin.name, "alternateName": coin.ticker,
                  "description": coin.description or coin.name},
    }  # fmt: skip
    if quote is not None and not quote.is_demo:
        page["mainEntity"] = {
            "@type": "ExchangeRateSpecification",
            "currency": coin.ticker,
            "currentExchangeRate": {
                "@type": "UnitPriceSpecification",
                "price": round(quote.price, 8),
                "priceCurrency": "USD",
                "validFrom": quote.as_of.isoformat(),
            },
        }
    crumbs = breadcrumb_data(
        [("Home", "/"), ("Coins", reverse("markets:index")), (coin.name, coin.get_absolute_url())]
    )
    return [json_ld(crumbs), json_ld(page)]


def _render_coin(request, slug):
    coin = get_object_or_404(Coin.objects.active(), slug=slug)
    range_name = request.GET.get("range", DEFAULT_RANGE)
    if range_name not in RANGE_LABELS:
        range_name = DEFAULT_RANGE
    now = timezone.now()
    market = selectors.coin_market(coin, now)
    news = selectors.coin_news(coin)
    canonical = absolute_url(coin.get_absolute_url())
    quote = market.quote
    description = f"{coin.name} ({coin.ticker}) price, chart, market cap and news."
    if quote is not None and not quote.is_demo:
        description = (
            f"{coin.name} ({coin.ticker}) is at {formatting.usd(quote.price)} "
            f"({formatting.pct(quote.change_24h)} in 24 hours): chart, market cap and news."
        )
    context = {
        "coin": coin,
        "market": market,
        "chart": price_chart(coin.name, market.series(range_name, now), range_name),
        "range": range_name,
        "ranges": RANGES,
        "range_label": RANGE_LABELS[range_name],
        "range_format": "H:i" if range_name == "1d" else "M j",
        "news": news,
        "tag_url": reverse("articles:tag", kwargs={"slug": coin.slug}) if news else "",
        "listings": selectors.coin_listings(coin),
        "canonical": canonical,
        "description": description,
        "source_label": Source(quote.source).label if quote else "",
        "json_ld": _coin_json_ld(coin, quote, canonical, description),
    }
    return render(request, "markets/coin_detail.html", context)


def coin_index(request):
    return cached_response(request, _market_key(request), lambda: _render_index(request))


def _render_index(request):
    sort = request.GET.get("sort", "market_cap")
    if sort not in selectors.SORTS:
        sort = "market_cap"
    default_desc = next(desc for key, _, _, desc in COLUMNS if key == sort)
    order = request.GET.get("order")
    descending = default_desc if order not in ("asc", "desc") else order == "desc"
    rows = selectors.coin_index(sort=sort, descending=descending)
    columns = []
    for key, label, numeric, desc_first in COLUMNS:
        column = {"label": label, "numeric": numeric, "url": "", "sorted": ""}
        if key:
            flip = key == sort and descending == desc_first
            column["url"] = f"?sort={key}" + (
                f"&order={'asc' if desc_first else 'desc'}" if flip else ""
            )
            if key == sort:
                column["sorted"] = "descending" if descending else "ascending"
        columns.append(column)
    quotes = [quote for _, quote in rows if quote is not None]
    now = timezone.now()
    context = {
        "rows": rows,
        "columns": columns,
        "sort_label": next(label for key, label, _, _ in COLUMNS if key == sort).lower(),
        "order_label": "highest first" if descending else "lowest first",
        "as_of": max((q.as_of for q in quotes), default=None),
        "stale": any(q.is_stale(now) for q in quotes),
        "demo": any(q.is_demo for q in quotes),
        "canonical": absolute_url(reverse("markets:index")),
    }
    return render(request, "markets/coin_list.html", context)


def ticker_json(request):
    """The ticker's prices for the page's script, which polls it once a minute."""
    return cached_response(request, _market_key(request), _render_ticker_json)


def _render_ticker_json():
    data = selectors.ticker()
    return JsonResponse(
        {
            "as_of": data.as_of.isoformat(timespec="seconds") if data.as_of else None,
            "as_of_text": timezone.localtime(data.as_of).strftime("%H:%M %Z") if data.as_of else "",
            "stale": data.stale,
            "demo": data.demo,
            "items": [
                {
                    "slug": q.slug,
                    "ticker": q.ticker,
                    "price": q.price,
                    "price_text": formatting.usd(q.price),
                    "change_24h": q.change_24h,
                    "change_text": formatting.pct(q.change_24h),
                    "direction": formatting.direction(q.change_24h),
                }
                for q in data.items
            ],
        }
    )
