"""Acceptance 1: refreshing against a loopback provider: prices are stored; a 429 backs off
and keeps the last good price; a malformed or empty answer changes nothing; an outage marks
prices stale on the page and never raises; switching MARKET_DATA_PROVIDER works."""

import datetime as dt

import pytest
from django.utils import timezone
from werkzeug import Response

from cryptoflexs.markets import services
from cryptoflexs.markets.models import Candle, PricePoint, ProviderState, Quote

from .conftest import GECKO, serve_simple_price, simple_price_answer, store

pytestmark = pytest.mark.django_db


def quote(slug):
    return Quote.objects.get(coin__slug=slug)


class RefreshTests:
    def test_refresh_stores_prices_series_and_hourly_candle(self, provider, coins):
        serve_simple_price(provider, {"bitcoin": 97120.5, "ethereum": 3401.25})
        result = services.prices_refresh(scope="ticker")
        assert (result.stored, result.error) == (2, "")
        btc = quote("bitcoin")
        assert (btc.price, btc.change_24h, btc.source) == (97120.5, 1.25, "coingecko")
        assert btc.market_cap == 97120.5 * 19_800_000
        assert PricePoint.objects.filter(coin__slug="bitcoin").count() == 1
        candle = Candle.objects.get(coin__slug="bitcoin", interval="1h")
        assert candle.open == candle.close == 97120.5
        # Only the ticker's coins were asked for, in one request with every field.
        request, _ = provider.log[0]
        asked = set(request.args["ids"].split(","))
        assert asked == {c.coingecko_id for c in coins.values() if c.in_ticker}
        assert request.args["include_last_updated_at"] == "true"
        assert ProviderState.objects.get(name="coingecko").failures == 0

    def test_a_second_refresh_extends_the_hourly_candle(self, provider, coins):
        now = timezone.now().replace(minute=10)
        serve_simple_price(provider, {"bitcoin": 100.0}, at=now)
        services.prices_refresh(now=now)
        provider.clear()
        serve_simple_price(provider, {"bitcoin": 120.0}, at=now + dt.timedelta(minutes=1))
        services.prices_refresh(now=now + dt.timedelta(minutes=1))
        provider.clear()
        serve_simple_price(provider, {"bitcoin": 90.0}, at=now + dt.timedelta(minutes=2))
        services.prices_refresh(now=now + dt.timedelta(minutes=2))
        candle = Candle.objects.get(coin__slug="bitcoin", interval="1h")
        assert (candle.open, candle.high, candle.low, candle.close) == (100, 120, 90, 90)
        assert PricePoint.objects.filter(coin__slug="bitcoin").count() == 3

    def test_api_key_goes_in_the_documented_header(self, provider, settings):
        settings.MARKET_DATA_API_KEY = "demo-key-123"
        provider.expect_request(
            f"{GECKO}/simple/price", headers={"x-cg-demo-api-key": "demo-key-123"}
        ).respond_with_json(simple_price_answer({"bitcoin": 1.0}))
        assert services.prices_refresh().stored == 1

    def test_a_429_backs_off_keeps_the_last_price_and_is_not_asked_again(self, provider):
        store("bitcoin", 95000.0, at=timezone.now() - dt.timedelta(minutes=10))
        provider.expect_request(f"{GECKO}/simple/price").respond_with_response(
            Response('{"status":{"error_code":429}}', status=429, headers={"Retry-After": "120"})
        )
        now = timezone.now()
        result = services.prices_refresh(now=now)
        assert "rate limited" in result.error
        assert quote("bitcoin").price == 95000.0
        state = ProviderState.objects.get(name="coingecko")
        assert state.failures == 1
        assert state.backoff_until == now + dt.timedelta(seconds=120)
        assert len(provider.log) == 1  # a 429 is never retried at once
        # Inside the Retry-After window nobody asks again, not even the hourly refresh.
        assert services.prices_refresh(now=now + dt.timedelta(seconds=60)).skipped
        assert services.prices_refresh(scope="all", now=now + dt.timedelta(seconds=60)).skipped
        assert len(provider.log) == 1
        # Afterwards it is asked again, and a good answer clears the backoff.
        provider.clear()
        serve_simple_price(provider, {"bitcoin": 96000.0})
        assert services.prices_refresh(now=now + dt.timedelta(seconds=121)).stored == 1
        assert quote("bitcoin").price == 96000.0
        assert ProviderState.objects.get(name="coingecko").failures == 0

    @pytest.mark.parametrize(
        ("body", "content_type"),
        [
            ("<html>Service Unavailable</html>", "text/html"),  # not JSON
            ('{"bitcoin": {"usd": "not a number"}}', "application/json"),
            ('["a", "list"]', "application/json"),  # the wrong shape
            ("{}", "application/json"),  # empty
            ('{"bitcoin": {"usd": -5}}', "application/json"),  # impossible price
            ("", "application/json"),
        ],
    )
    def test_malformed_or_empty_answers_change_nothing(self, provider, body, content_type):
        store("bitcoin", 95000.0)
        before = (
            list(Quote.objects.values_list("coin_id", "price", "as_of")),
            PricePoint.objects.count(),
            list(Candle.objects.values_list("pk", "close")),
        )
        provider.expect_request(f"{GECKO}/simple/price").respond_with_data(
            body, content_type=content_type
        )
        result = services.prices_refresh()
        assert result.error
        after = (
            list(Quote.objects.values_list("coin_id", "price", "as_of")),
            PricePoint.objects.count(),
            list(Candle.objects.values_list("pk", "close")),
        )
        assert after == before
        assert ProviderState.objects.get(name="coingecko").failures == 1

    def test_one_bad_entry_keeps_that_coins_last_price_and_stores_the_others(self, provider):
        store("ethereum", 3000.0)
        answer = simple_price_answer({"bitcoin": 97000.0})
        answer["ethereum"] = {"usd": None}
        provider.expect_request(f"{GECKO}/simple/price").respond_with_json(answer)
        assert services.prices_refresh().stored == 1
        assert quote("ethereum").price == 3000.0
        assert quote("bitcoin").price == 97000.0

    def test_server_errors_are_retried_with_backoff(self, provider, settings):
        settings.MARKETS_HTTP_RETRIES = 2
        provider.expect_ordered_request(f"{GECKO}/simple/price").respond_with_data(
            "busy", status=503
        )
        provider.expect_ordered_request(f"{GECKO}/simple/price").respond_with_data(
            "busy", status=502
        )
        provider.expect_ordered_request(f"{GECKO}/simple/price").respond_with_json(
            simple_price_answer({"bitcoin": 97000.0})
        )
        assert services.prices_refresh().stored == 1
        assert len(provider.log) == 3

    def test_a_long_retry_after_on_503_ends_the_run_and_backs_off(self, provider, settings):
        provider.expect_request(f"{GECKO}/simple/price").respond_with_response(
            Response("maintenance", status=503, headers={"Retry-After": "600"})
        )
        now = timezone.now()
        assert services.prices_refresh(now=now).error == "HTTP 503"
        assert len(provider.log) == 1
        state = ProviderState.objects.get(name="coingecko")
        assert state.backoff_until == now + dt.timedelta(seconds=600)

    def test_an_outage_backs_off_exponentially_and_never_raises(self, settings, coins):
        settings.INGEST_ALLOW_PRIVATE_NETWORKS = True
        settings.MARKETS_HTTP_RETRIES = 0
        settings.MARKET_DATA_BASE_URL = "http://127.0.0.1:9/api/v3"  # discard port: refused
        store("bitcoin", 95000.0)
        now = timezone.now()
        first = services.prices_refresh(now=now)
        assert first.error
        waits = []
        for failures in range(1, 4):
            state = ProviderState.objects.get(name="coingecko")
            assert state.failures == failures
            waits.append((state.backoff_until - now).total_seconds())
            now = state.backoff_until + dt.timedelta(seconds=1)
            services.prices_refresh(now=now)
        assert 30 <= waits[0] <= 60
        assert 60 <= waits[1] <= 120
        assert 120 <= waits[2] <= 240
        assert quote("bitcoin").price == 95000.0

    def test_an_older_answer_never_replaces_a_newer_price(self, provider):
        now = timezone.now()
        store("bitcoin", 97000.0, at=now)
        serve_simple_price(provider, {"bitcoin": 1.0}, at=now - dt.timedelta(minutes=5))
        assert services.prices_refresh().stored == 0
        assert quote("bitcoin").price == 97000.0


class ProviderSwitchTests:
    def test_binance_answers_through_the_same_refresh(self, settings, httpserver, coins):
        settings.INGEST_ALLOW_PRIVATE_NETWORKS = True
        settings.MARKET_DATA_PROVIDER = "binance"
        settings.MARKET_DATA_BASE_URL = httpserver.url_for("")
        close = int(timezone.now().timestamp() * 1000)
        httpserver.expect_request("/api/v3/ticker/24hr").respond_with_json(
            [
                {"symbol": "BTCUSDT", "lastPrice": "97120.01000000", "priceChangePercent":
                 "-2.150", "quoteVolume": "1830000000.5", "closeTime": close},
                {"symbol": "ETHUSDT", "lastPrice": "3400.10", "priceChangePercent": "0.5",
                 "quoteVolume": "900000000", "closeTime": close},
                {"symbol": "NOTOURS", "lastPrice": "1", "closeTime": close},
            ]
        )  # fmt: skip
        result = services.prices_refresh()
        assert (result.provider, result.stored) == ("binance", 2)
        btc = quote("bitcoin")
        assert (btc.price, btc.change_24h, btc.source) == (97120.01, -2.15, "binance")
        assert btc.market_cap is None  # Binance publishes none
        request, _ = httpserver.log[0]
        assert request.args["symbols"].startswith('["BTCUSDT"')

    def test_binance_klines_become_candles(self, settings, httpserver, coins):
        settings.INGEST_ALLOW_PRIVATE_NETWORKS = True
        settings.MARKET_DATA_PROVIDER = "binance"
        settings.MARKET_DATA_BASE_URL = httpserver.url_for("")
        start = timezone.now().replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=3)
        ms = int(start.timestamp() * 1000)
        rows = [
            [ms + i * 3_600_000, "100", "110", "95", "105", "12.5", ms + (i + 1) * 3_600_000 - 1,
             "1312.5", 42, "6", "630", "0"]
            for i in range(3)
        ]  # fmt: skip
        httpserver.expect_request("/api/v3/klines").respond_with_json(rows)
        result = services.history_refresh(limit=1)
        assert result.error == ""
        candles = Candle.objects.filter(coin__slug="bitcoin", interval="1h", source="binance")
        assert candles.count() == 3
        assert candles.first().volume == 1312.5

    def test_off_fetches_nothing(self, settings, coins):
        settings.MARKET_DATA_PROVIDER = "off"
        assert services.prices_refresh().skipped
        assert services.history_refresh().skipped

    def test_an_unknown_provider_is_a_clear_error(self, settings, coins):
        settings.MARKET_DATA_PROVIDER = "nosuch"
        with pytest.raises(ValueError, match="unknown MARKET_DATA_PROVIDER"):
            services.prices_refresh()
