"""Coin pages, the coin index, the ticker bar and coin links in articles, as readers get
them: staleness and demo data marked, bounded queries, served from the page cache."""

import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cryptoflexs.articles.models import Story
from cryptoflexs.directory.models import Listing
from cryptoflexs.markets.models import Candle, Coin
from cryptoflexs.markets.services import market_changed
from tests import factories

from .conftest import store

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(coins):
    """Prices for the ticker's coins; Bitcoin with 40 days of hourly and a year of daily
    history: $50,000 thirty days ago, $80,000 seven days ago, $100,000 now."""
    now = timezone.now()
    for coin in coins.values():
        if coin.in_ticker:
            store(coin.slug, 10.0, at=now, change_24h=-1.5, market_cap=5e9, volume_24h=1e8)
    store("bitcoin", 100_000.0, at=now, change_24h=2.5, market_cap=1.98e12, volume_24h=4.5e10)
    btc = coins["bitcoin"]
    hour0 = now.replace(minute=0, second=0, microsecond=0)
    rows = []
    for h in range(1, 24 * 40):
        start = hour0 - dt.timedelta(hours=h)
        close = 100_000.0 if h < 24 * 7 else 80_000.0 if h < 24 * 30 else 50_000.0
        rows.append(Candle(coin=btc, interval="1h", start=start, open=close, high=close,
                           low=close, close=close, source="coingecko"))  # fmt: skip
    for d in range(1, 366):
        start = hour0.replace(hour=0) - dt.timedelta(days=d)
        rows.append(Candle(coin=btc, interval="1d", start=start, open=40_000, high=40_000,
                           low=40_000, close=40_000, source="coingecko"))  # fmt: skip
    Candle.objects.bulk_create(rows)
    market_changed()
    return coins


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


INLINE = r"</?(?:a|strong|span|time|em|abbr)\b[^>]*>"


def text(html: str) -> str:
    """The page's text: inline tags dropped, other tags as spaces."""
    html = re.sub(INLINE, "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class CoinPageTests:
    def test_price_changes_chart_news_listings_feed_and_json_ld(self, client, market):
        tag = factories.tag("Bitcoin", slug="bitcoin")
        story = Story.objects.create(key="s1")  # lists show its first telling
        newest = factories.article("Bitcoin ETF inflows hit a record", tags=[tag], story=story)
        copy = factories.article(
            "Bitcoin ETFs see record inflows",
            tags=[tag],
            story=story,
            published_at=newest.published_at + dt.timedelta(minutes=5),
        )
        factories.article("Ether staking grows")  # not tagged
        Listing.objects.create(name="Norvex", slug="norvex", kind="exchange",
                               website="https://norvex.example", description="An exchange.",
                               coins="BTC, ETH", status="approved")  # fmt: skip
        Listing.objects.create(name="Other", slug="other", kind="wallet",
                               website="https://other.example", description="A wallet.",
                               coins="BTCX", status="approved")  # fmt: skip
        html = page(client, "/coin/bitcoin/")
        plain = text(html)
        assert "Bitcoin price" in plain
        assert "$100,000" in plain
        assert "24 h change +2.5 %" in plain
        assert "7 d change +25.0 %" in plain
        assert "30 d change +100.0 %" in plain
        assert "Market cap $1.98T" in plain
        assert "Volume (24 h) $45.0B" in plain
        assert 'role="img"' in html
        assert '<path class="chart__line" d="M' in html
        assert "Over the last 7 days Bitcoin rose 25.0 %, from $80,000 to $100,000" in plain
        assert "<details" in html
        assert "Price data" in plain
        # The coin's news, one per story.
        news = html[
            html.index('id="news-heading"') : html.index(
                "</section>", html.index('id="news-heading"')
            )
        ]
        assert newest.title in news
        assert copy.title not in news
        assert "Ether staking grows" not in news
        assert 'href="/tag/bitcoin/"' in html
        # Its directory listings, by ticker.
        assert 'href="/directory/norvex/"' in html
        assert "/directory/other/" not in html
        # Feeds and JSON-LD.
        assert (
            'type="application/rss+xml" title="Bitcoin news RSS" href="/coin/bitcoin/feed/"' in html
        )
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
        data = [json.loads(b) for b in blocks]
        assert {d["@type"] for d in data} == {"BreadcrumbList", "WebPage"}
        webpage = next(d for d in data if d["@type"] == "WebPage")
        rate = webpage["mainEntity"]["currentExchangeRate"]
        assert (rate["price"], rate["priceCurrency"]) == (100000.0, "USD")

    def test_ranges_without_javascript(self, client, market):
        year = text(page(client, "/coin/bitcoin/?range=1y"))
        assert "Over the last year Bitcoin rose 150.0 %, from $40,000 to $100,000" in year
        day = page(client, "/coin/bitcoin/?range=1d")
        assert 'href="?range=1d" aria-current="true"' in day
        odd = page(client, "/coin/bitcoin/?range=<script>")
        assert 'href="?range=7d" aria-current="true"' in odd

    def test_unknown_and_inactive_coins_are_404(self, client, coins):
        page(client, "/coin/no-such-coin/", 404)
        Coin.objects.filter(slug="dash").update(is_active=False)
        page(client, "/coin/dash/", 404)

    def test_a_coin_without_prices_says_so(self, client, coins):
        plain = text(page(client, "/coin/aave/"))
        assert "No price yet." in plain
        assert "Not enough price history for Aave" in plain
        assert "A decentralised lending protocol" in plain  # the project's description

    def test_an_outage_shows_the_last_price_marked_out_of_date(self, client, market, settings):
        settings.MARKETS_STALE_AFTER_SECONDS = 600
        store("bitcoin", 101_000.0, at=timezone.now() - dt.timedelta(hours=1), change_24h=1.0)
        # An older answer was ignored: make the stored price an hour old.
        from cryptoflexs.markets.models import Quote

        Quote.objects.filter(coin__slug="bitcoin").update(
            as_of=timezone.now() - dt.timedelta(hours=1)
        )
        market_changed()
        plain = text(page(client, "/coin/bitcoin/"))
        assert "$100,000" in plain
        assert "Out of date: the price provider has not answered since then." in plain
        assert "Prices may be out of date" in text(page(client, "/"))
        assert json.loads(page(client, "/coins/ticker.json"))["stale"] is True

    def test_demo_prices_are_marked(self, client, coins):
        for slug in ("bitcoin", "ethereum"):
            store(slug, 5.0, source="demo")
        assert "Demo data: made-up prices" in text(page(client, "/coin/bitcoin/"))
        assert "Demo prices, not market data" in text(page(client, "/"))
        assert "Demo data" in text(page(client, "/coins/"))
        assert "ExchangeRateSpecification" not in page(client, "/coin/bitcoin/")


class CoinIndexTests:
    def test_sorted_by_market_cap_then_by_change(self, client, market):
        store("aave", 300.0, change_24h=9.9, market_cap=4e9)
        html = page(client, "/coins/")
        names = re.findall(r'<th scope="row"><a href="/coin/([a-z0-9-]+)/">', html)
        assert names[:2] == ["bitcoin", "bnb"] or names[0] == "bitcoin"
        assert names.index("aave") > names.index("ethereum")  # 4e9 < 5e9
        assert len(names) == Coin.objects.active().count()  # coins without prices too, last
        assert re.search(
            r'aria-sort="descending"[^>]*><a href="\?sort=market_cap&amp;order=asc">', html
        )
        by_change = page(client, "/coins/?sort=change")
        names = re.findall(r'<th scope="row"><a href="/coin/([a-z0-9-]+)/">', by_change)
        assert names[:2] == ["aave", "bitcoin"]
        ascending = page(client, "/coins/?sort=change&order=asc")
        names = re.findall(r'<th scope="row"><a href="/coin/([a-z0-9-]+)/">', ascending)
        assert names[0] != "aave"
        assert names.index("aave") == names.index("bitcoin") + 1
        assert page(client, "/coins/?sort=nonsense").count('aria-sort="descending"') == 1


class TickerTests:
    def test_the_ticker_is_on_every_page_server_rendered(self, client, market):
        article = factories.article("Bitcoin treasuries")
        for url in ("/", article.get_absolute_url(), "/coins/", "/search/"):
            html = page(client, url)
            bar = html[html.index('<section class="ticker"') : html.index("</section>")]
            assert 'href="/coin/bitcoin/"' in bar, url
            assert "$100,000" in bar, url
            assert "+2.5 %" in bar, url
            assert "marquee" not in bar
            # Invisible until the script runs, but its room is kept: showing it moves nothing.
            assert 'data-ticker-pause aria-pressed="false" data-pending' in bar

    def test_the_json_the_page_polls(self, client, market):
        data = json.loads(page(client, "/coins/ticker.json"))
        btc = next(item for item in data["items"] if item["slug"] == "bitcoin")
        assert btc == {
            "slug": "bitcoin", "ticker": "BTC", "price": 100000.0, "price_text": "$100,000",
            "change_24h": 2.5, "change_text": "+2.5 %", "direction": "up",
        }  # fmt: skip
        assert (data["stale"], data["demo"]) == (False, False)
        assert len(data["items"]) == Coin.objects.filter(in_ticker=True).count()

    def test_no_prices_no_ticker_and_no_error(self, client, coins):
        assert '<section class="ticker"' not in page(client, "/")
        assert json.loads(page(client, "/coins/ticker.json"))["items"] == []


class ArticleLinkTests:
    BODY = (
        '<h2>Bitcoin</h2><p>Bitcoin rose while <a href="https://x.example/">Ether</a> '
        "stalled; Ether later fell and ETHical funds, one of many, waited.</p>"
        "<p>Bitcoin again, <code>ETH</code>.</p>"
    )

    def test_first_mention_outside_links_and_headings_links_to_the_coin(self, client, coins):
        article = factories.article("Markets", body_html=self.BODY)
        html = page(client, article.get_absolute_url())
        body = html[
            html.index('<div class="prose">') : html.index(
                "</div>", html.index('<div class="prose">')
            )
        ]
        assert body.count('class="coin-link"') == 2
        assert (
            '<h2>Bitcoin</h2><p><a class="coin-link" href="/coin/bitcoin/">Bitcoin</a> rose' in body
        )
        assert (
            '>Ether</a> stalled; <a class="coin-link" href="/coin/ethereum/">Ether</a> later'
            in body
        )
        assert "ETHical" in body
        assert "<code>ETH</code>" in body
        article.refresh_from_db()
        assert "coin-link" not in article.body_html  # done at render, never stored

    def test_a_coin_edited_in_the_admin_links_at_once(self, client, coins, admin_client):
        article = factories.article("Markets", body_html="<p>Satoshi's coin Bitcoin and Quux.</p>")
        assert "/coin/quux-network/" not in page(client, article.get_absolute_url())
        response = admin_client.post("/admin/markets/coin/add/", {
            "name": "Quux Network", "ticker": "QUUX", "slug": "quux-network", "aliases": "Quux",
            "description": "", "rank": "500", "is_active": "on", "coingecko_id": "",
            "binance_symbol": "",
        })  # fmt: skip
        assert response.status_code == 302
        assert 'href="/coin/quux-network/">Quux</a>' in page(client, article.get_absolute_url())


def queries(client, url) -> int:
    client.get(url)  # warm: site settings row, the registry, the quotes snapshot
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


class QueryCountTests:
    # coin page: the coin, its hourly and daily closes, its news, its listings, plus the
    # site settings (menu, footer, Recent Posts and Top Insights are cached fragments).
    BUDGET = {"/coin/bitcoin/": 6, "/coins/": 2, "/coins/ticker.json": 0}

    @pytest.mark.parametrize("url", list(BUDGET))
    def test_bounded_and_not_growing_with_articles(self, client, market, url):
        tag = factories.tag("Bitcoin", slug="bitcoin")
        for _ in range(3):
            factories.article("Bitcoin news", tags=[tag])
        few = queries(client, url)
        for _ in range(12):
            factories.article("More Bitcoin news", tags=[tag])
        assert queries(client, url) == few == self.BUDGET[url]


class PageCacheTests:
    @pytest.mark.parametrize("url", ["/coin/bitcoin/", "/coins/", "/coins/ticker.json"])
    def test_served_from_the_page_cache_and_fresh_after_a_refresh(
        self, client, market, settings, url
    ):
        settings.PAGE_CACHE_SECONDS = 300
        client.get("/")  # the first request creates the site settings row (a content change)
        assert client.get(url)["X-Cache"] == "miss"
        with CaptureQueriesContext(connection) as ctx:
            hit = client.get(url)
        assert (hit["X-Cache"], len(ctx.captured_queries)) == ("hit", 0)
        store("bitcoin", 123_456.0, change_24h=3.0, market_cap=2e12)
        fresh = client.get(url)
        assert fresh["X-Cache"] == "miss"
        assert "123,456" in fresh.content.decode()

    def test_the_ticker_in_a_cached_page_is_replaced_by_the_polled_json(
        self, client, market, settings
    ):
        settings.PAGE_CACHE_SECONDS = 300
        client.get("/")
        client.get("/")
        store("bitcoin", 123_456.0, change_24h=3.0)
        # A price is not content: the home page stays cached (its ticker says "as of") and
        # the page's script takes the new price from the JSON.
        assert client.get("/")["X-Cache"] == "hit"
        assert "$123,456" in page(client, "/coins/ticker.json")
