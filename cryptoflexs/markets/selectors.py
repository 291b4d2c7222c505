"""Market reads for pages, feeds and the API: a cached snapshot of every quote (no query
on a hit), a coin's changes and chart series, its news and its directory listings."""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cryptoflexs.articles.models import Article

# The one definition of "one article per story"; it moves into articles with issue 10.
from .models import Candle, Coin, Quote, Source
from .services import market_version

SNAPSHOT_SECONDS = 24 * 3600  # keyed by the market version: a refresh makes a new key
NEWS_ON_COIN_PAGE = 10
LISTINGS_ON_COIN_PAGE = 10
RANGES = {"1d": dt.timedelta(days=1), "7d": dt.timedelta(days=7),
          "30d": dt.timedelta(days=30), "1y": dt.timedelta(days=365)}  # fmt: skip
CHART_POINTS = 240


@dataclass(frozen=True)
class CoinQuote:
    slug: str
    name: str
    ticker: str
    rank: int
    in_ticker: bool
    price: float
    change_24h: float | None
    market_cap: float | None
    volume_24h: float | None
    as_of: dt.datetime
    source: str

    @property
    def url(self) -> str:
        return reverse("markets:coin", kwargs={"slug": self.slug})

    @property
    def is_demo(self) -> bool:
        return self.source == Source.DEMO

    def is_stale(self, now: dt.datetime | None = None) -> bool:
        if self.is_demo:
            return False  # demo data is labelled as such, not as late
        age = (now or timezone.now()) - self.as_of
        return age.total_seconds() > settings.MARKETS_STALE_AFTER_SECONDS

    @property
    def stale(self) -> bool:
        return self.is_stale()


def quotes_snapshot() -> dict[str, CoinQuote]:
    """Return {slug: CoinQuote} of every active coin with a price, best known first (one
    query when the prices changed since the last call in any process, else none)."""
    key = f"markets:quotes:{market_version()}"
    snapshot = cache.get(key)
    if snapshot is None:
        rows = (
            Quote.objects.filter(coin__is_active=True)
            .select_related("coin")
            .order_by("coin__rank", "coin__name")
        )
        snapshot = {
            q.coin.slug: CoinQuote(
                slug=q.coin.slug,
                name=q.coin.name,
                ticker=q.coin.ticker,
                rank=q.coin.rank,
                in_ticker=q.coin.in_ticker,
                price=q.price,
                change_24h=q.change_24h,
                market_cap=q.market_cap,
                volume_24h=q.volume_24h,
                as_of=q.as_of,
                source=q.source,
            )  # fmt: skip
            for q in rows
        }
        cache.set(key, snapshot, SNAPSHOT_SECONDS)
    return snapshot


@dataclass
class Ticker:
    items: list[CoinQuote]
    as_of: dt.datetime | None
    stale: bool
    demo: bool


def ticker() -> Ticker:
    """Return the ticker bar's coins with their quotes, and how current they are."""
    items = [q for q in quotes_snapshot().values() if q.in_ticker]
    if not items:
        return Ticker([], None, False, False)
    now = timezone.now()
    return Ticker(
        items=items,
        as_of=min(q.as_of for q in items),
        stale=any(q.is_stale(now) for q in items),
        demo=any(q.is_demo for q in items),
    )


def _change(now_price: float | None, then_price: float | None) -> float | None:
    if not now_price or not then_price:
        return None
    return (now_price / then_price - 1) * 100


def _close_at(series: list[tuple[dt.datetime, float]], when: dt.datetime) -> float | None:
    """The last close at or before `when` (series sorted by time), or None."""
    found = None
    for at, close in series:
        if at > when:
            break
        found = close
    return found


@dataclass
class CoinMarket:
    quote: CoinQuote | None
    change_7d: float | None
    change_30d: float | None
    hourly: list[tuple[dt.datetime, float]]
    daily: list[tuple[dt.datetime, float]]

    def series(self, range_name: str, now: dt.datetime) -> list[tuple[dt.datetime, float]]:
        """Return the chart's points for 1d/7d/30d (hourly) or 1y (daily), thinned."""
        since = now - RANGES[range_name]
        if range_name == "1y" or not self.hourly:
            source = self.daily
        else:
            # Daily closes fill the range where hourly history does not reach back.
            first_hour = self.hourly[0][0]
            source = [row for row in self.daily if row[0] < first_hour] + self.hourly
        # From the last close at or before the range's start, as the 7 d and 30 d changes.
        before = [row for row in source if row[0] <= since][-1:]
        points = before + [(at, close) for at, close in source if at > since]
        if self.quote is not None and (not points or points[-1][0] < self.quote.as_of):
            points.append((self.quote.as_of, self.quote.price))
        step = max(1, len(points) // CHART_POINTS)
        thinned = points[::step]
        if points and thinned[-1] != points[-1]:
            thinned.append(points[-1])
        return thinned


def coin_market(coin: Coin, now: dt.datetime | None = None) -> CoinMarket:
    """Return a coin's quote, 7 d and 30 d changes and chart series (two queries)."""
    now = now or timezone.now()
    candles = Candle.objects.filter(coin=coin).order_by("start")
    hourly = list(
        # A day more than the longest hourly range: the 30 d change needs the hour before it.
        candles.filter(
            interval=Candle.Interval.HOUR, start__gte=now - dt.timedelta(days=31)
        ).values_list("start", "close")
    )
    daily = list(
        candles.filter(interval=Candle.Interval.DAY, start__gte=now - RANGES["1y"]).values_list(
            "start", "close"
        )
    )
    quote = quotes_snapshot().get(coin.slug)
    price = quote.price if quote else None
    merged = sorted([*daily, *hourly])
    return CoinMarket(
        quote=quote,
        change_7d=_change(price, _close_at(merged, now - RANGES["7d"])),
        change_30d=_change(price, _close_at(merged, now - RANGES["30d"])),
        hourly=hourly,
        daily=daily,
    )


def coin_news(coin: Coin, limit: int = NEWS_ON_COIN_PAGE) -> list[Article]:
    """Return the newest published articles tagged with the coin, one per story."""
    tagged = Article.objects.published().filter(tags__slug=coin.slug)
    return list(tagged.one_per_story().for_listing()[:limit])


def coin_news_queryset(coin: Coin):
    return Article.objects.published().filter(tags__slug=coin.slug).one_per_story()


def coin_listings(coin: Coin, limit: int = LISTINGS_ON_COIN_PAGE) -> list:
    """Return the approved directory listings that support the coin (by ticker)."""
    if not apps.is_installed("cryptoflexs.directory"):
        return []
    listing_model = apps.get_model("directory", "Listing")
    candidates = listing_model.objects.approved().filter(coins__icontains=coin.ticker)
    return [
        listing
        for listing in candidates.order_by("name")[: limit * 3]
        if coin.ticker in {c.upper() for c in listing.coin_list}
    ][:limit]


SORTS = {
    "market_cap": lambda row: row[1].market_cap if row[1] else None,
    "change": lambda row: row[1].change_24h if row[1] else None,
    "price": lambda row: row[1].price if row[1] else None,
    "volume": lambda row: row[1].volume_24h if row[1] else None,
    "name": lambda row: row[0].name.casefold(),
}


def coin_index(*, sort: str = "market_cap", descending: bool = True):
    """Return [(coin, quote or None)] of every active coin, sorted; coins without the sorted
    value come last whichever the direction (one query, plus the snapshot)."""
    snapshot = quotes_snapshot()
    rows = [(coin, snapshot.get(coin.slug)) for coin in Coin.objects.active()]
    key = SORTS.get(sort, SORTS["market_cap"])
    known = [row for row in rows if key(row) is not None]
    unknown = [row for row in rows if key(row) is None]
    known.sort(key=key, reverse=descending)
    return known + unknown
