"""Acceptance 3: in Debian's Chromium the ticker shows on the home page and the article
page, a coin page shows its chart and news, prices refresh and can be paused; the market
pages pass the W3C Nu HTML checker and axe-core."""

import datetime as dt
import json
import math
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cryptoflexs.markets.models import Candle, Coin, PublicationPrice
from cryptoflexs.markets.providers import QuoteData
from cryptoflexs.markets.seed import coins_seed
from cryptoflexs.markets.services import market_changed, quotes_store

from .conftest import PHONE, PageProblems
from .test_validators import axe_violations


def prices(now=None):
    """Real-looking prices for the ticker's coins, Ethereum with 40 days of hourly and a
    year of daily history, Solana with demo data; the journey article's price at
    publication."""
    coins_seed()
    now = now or timezone.now()
    ticker = list(Coin.objects.filter(in_ticker=True))
    quotes_store(
        quotes=[
            QuoteData(slug=c.slug, price=10.0 + c.rank, as_of=now, change_24h=(-1) ** c.rank * 1.5,
                      market_cap=1e9 * (100 - c.rank), volume_24h=1e8)
            for c in ticker
        ],
        source="coingecko",
    )  # fmt: skip
    quotes_store(
        quotes=[QuoteData(slug="ethereum", price=3400.0, as_of=now, change_24h=2.1,
                          market_cap=4.1e11, volume_24h=2.2e10)],
        source="coingecko",
    )  # fmt: skip
    quotes_store(quotes=[QuoteData(slug="solana", price=190.0, as_of=now)], source="demo")
    eth = Coin.objects.get(slug="ethereum")
    hour0 = now.replace(minute=0, second=0, microsecond=0)
    rows = [
        Candle(coin=eth, interval="1h", start=hour0 - dt.timedelta(hours=h), open=p, high=p,
               low=p, close=p, source="coingecko")
        for h in range(1, 24 * 40)
        for p in [3000 + 300 * math.sin(h / 30)]
    ] + [
        Candle(coin=eth, interval="1d", start=hour0.replace(hour=0) - dt.timedelta(days=d),
               open=p, high=p, low=p, close=p, source="coingecko")
        for d in range(1, 366)
        for p in [2000 + 1000 * math.sin(d / 50)]
    ]  # fmt: skip
    Candle.objects.bulk_create(rows)
    market_changed()


@pytest.fixture
def market_site(site):
    prices()
    PublicationPrice.objects.create(
        article=site.journey, coin=Coin.objects.get(slug="ethereum"), price=3100.0,
        as_of=site.journey.published_at, source="coingecko",
    )  # fmt: skip
    return site


def market_pages(site) -> dict[str, str]:
    return {
        "home": "/",
        "article": site.journey.get_absolute_url(),
        "coin": "/coin/ethereum/",
        "coin-year": "/coin/ethereum/?range=1y",
        "coin-demo": "/coin/solana/",
        "coin-no-price": "/coin/aave/",
        "coins": "/coins/",
        "coins-by-change": "/coins/?sort=change&order=asc",
    }


@pytest.mark.browser
def test_ticker_coin_page_chart_news_and_updates(market_site, live_server, new_context, settings):
    settings.MARKETS_TICKER_POLL_SECONDS = 1
    page = new_context().new_page()
    problems = PageProblems(page)

    page.goto(live_server.url + "/")
    ticker = page.locator("section.ticker")
    expect(ticker).to_be_visible()
    expect(ticker.locator('[data-coin="bitcoin"] [data-price]')).to_have_text("$11.00")
    # Nothing moves by itself; with JavaScript the reader can pause the updates.
    assert "animation" not in ticker.evaluate("e => getComputedStyle(e.firstElementChild).cssText")
    pause = ticker.get_by_role("button", name="Pause price updates")
    expect(pause).to_be_visible()

    # New prices arrive through the JSON the page polls.
    quotes_store(quotes=[QuoteData(slug="bitcoin", price=97120.0, as_of=timezone.now(),
                                   change_24h=3.4)], source="coingecko")  # fmt: skip
    market_changed()
    expect(ticker.locator('[data-coin="bitcoin"] [data-price]')).to_have_text("$97,120")
    expect(ticker.locator('[data-coin="bitcoin"] [data-change]')).to_have_text("+3.4 %")
    pause.click()
    expect(ticker.get_by_role("button", name="Resume price updates")).to_have_attribute(
        "aria-pressed", "true"
    )

    # The article page: ticker, the first mention linked, the price at publication.
    page.goto(live_server.url + market_site.journey.get_absolute_url())
    expect(page.locator("section.ticker")).to_be_visible()
    expect(page.locator(".prose a.coin-link").first).to_have_attribute("href", "/coin/ethereum/")
    expect(page.locator(".pub-prices")).to_contain_text("ETH $3,100 at publication · +9.7 % since")

    # The coin page: chart drawn with its text alternative, and the coin's news.
    page.locator(".pub-prices a", has_text="ETH").click()
    expect(page).to_have_url(live_server.url + "/coin/ethereum/")
    chart = page.locator("svg.chart__svg")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["width"] > 300
    assert box["height"] > 100
    expect(page.locator("#chart-summary")).to_contain_text("Over the last 7 days Ethereum")
    page.get_by_role("link", name="1 year").click()
    expect(page.locator("#chart-summary")).to_contain_text("Over the last year Ethereum")
    news = page.locator("#news-heading + .grid .card__title a")
    expect(news.first).to_be_visible()
    assert "Ethereum" in " ".join(news.all_inner_texts()) or news.count() >= 1
    problems.assert_none()


@pytest.mark.browser
def test_market_pages_pass_vnu_and_axe(market_site, client, live_server, new_context, vnu_jar,
                                       axe_js, tmp_path):  # fmt: skip
    for name, path in market_pages(market_site).items():
        response = client.get(path)
        assert response.status_code == 200, path
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--no-langdetect", "--format", "json",
         "--stdout", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
    ]
    assert not errors, "Nu HTML checker errors:\n" + "\n".join(errors)

    found = {}
    page = new_context(bypass_csp=True).new_page()
    for name, path in market_pages(market_site).items():
        page.goto(live_server.url + path)
        found[name] = axe_violations(page, axe_js)
    page.goto(live_server.url + "/coin/ethereum/")
    page.locator(".chart__data summary").click()  # the data table, opened
    found["coin-table-open"] = axe_violations(page, axe_js)
    phone = new_context(bypass_csp=True, viewport=PHONE, is_mobile=True).new_page()
    for name in ("home", "coin", "coins"):
        phone.goto(live_server.url + market_pages(market_site)[name])
        found[f"{name}-phone"] = axe_violations(phone, axe_js)
    report = [f"{name}: {v}" for name, violations in found.items() for v in violations]
    assert not report, "axe-core WCAG violations:\n" + "\n".join(report)


def test_the_pause_button_appearing_moves_nothing_on_a_phone(
    market_site, live_server, new_context, settings
):
    # The pause button is shown by the script; its room is kept from the first paint, so
    # the ticker is as tall as without JavaScript and nothing below it moves (no layout
    # shift: Lighthouse measured a CLS of 0.32 on the phone home page when it was `hidden`).
    settings.MARKETS_TICKER_POLL_SECONDS = 60
    tops = {}
    for script in (False, True):
        page = new_context(viewport={"width": 390, "height": 844}, java_script_enabled=script)
        page = page.new_page()
        page.goto(live_server.url + "/")
        if script:
            expect(page.get_by_role("button", name="Pause price updates")).to_be_visible()
        else:
            expect(page.get_by_role("button", name="Pause price updates")).to_have_count(0)
        tops[script] = page.locator("section.ticker").bounding_box()["height"]
    assert tops[True] == tops[False]
