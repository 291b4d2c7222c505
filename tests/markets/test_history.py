"""History: hourly and daily candles from the provider, the polite backfill, retention and
downsampling, and demo data giving way to real prices."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from cryptoflexs.markets import services
from cryptoflexs.markets.demo import demo_prices_load
from cryptoflexs.markets.models import Candle, PricePoint, Quote
from cryptoflexs.markets.retention import market_data_downsample
from tests import factories

from .conftest import GECKO, serve_simple_price, store

pytestmark = pytest.mark.django_db


def chart_answer(start: dt.datetime, hours: int, step_minutes: int = 60) -> dict:
    """A /coins/{id}/market_chart answer: [ms, value] triples of lists."""
    points = range(0, hours * 60, step_minutes)
    stamps = [int((start + dt.timedelta(minutes=m)).timestamp() * 1000) for m in points]
    return {
        "prices": [[t, 100.0 + i] for i, t in enumerate(stamps)],
        "market_caps": [[t, 1e9 + i] for i, t in enumerate(stamps)],
        "total_volumes": [[t, 5e7] for t in stamps],
    }


class HistoryTests:
    def test_backfill_then_gap_then_nothing_due(self, provider, coins, settings):
        now = timezone.now()
        start = now.replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=5)
        provider.expect_request(
            f"{GECKO}/coins/bitcoin/market_chart", query_string={"vs_currency": "usd", "days": "90"}
        ).respond_with_json(chart_answer(start, 5, step_minutes=20))
        provider.expect_request(
            f"{GECKO}/coins/bitcoin/market_chart",
            query_string={"vs_currency": "usd", "days": "365", "interval": "daily"},
        ).respond_with_json(chart_answer(start - dt.timedelta(days=3), 72, step_minutes=1440))
        result = services.history_refresh(now=now, limit=1)
        assert (result.error, result.stored) == ("", 5 + 3)
        hours = list(Candle.objects.filter(interval="1h").order_by("start"))
        assert [h.start for h in hours] == [start + dt.timedelta(hours=i) for i in range(5)]
        # Three 20-minute points an hour: open first, close last, high and low.
        assert (hours[0].open, hours[0].high, hours[0].low, hours[0].close) == (100, 102, 100, 102)
        assert hours[0].market_cap == 1e9 + 2
        # Asked again within the day: nothing is fetched twice.
        provider.clear()
        services.history_refresh(now=now, limit=1)
        assert "bitcoin" not in " ".join(request.path for request, _ in provider.log)

    def test_history_stops_at_the_first_failure(self, provider, coins, settings):
        provider.expect_request(f"{GECKO}/coins/bitcoin/market_chart").respond_with_data(
            "oops", status=500
        )
        settings.MARKETS_HTTP_RETRIES = 0
        result = services.history_refresh(limit=5)
        assert result.error == "HTTP 500"
        assert len(provider.log) == 1  # not one request per coin against a failing provider
        assert not Candle.objects.exists()


class RetentionTests:
    def test_old_points_dropped_and_old_hours_folded_into_days(self, coins, settings):
        settings.MARKETS_HOURLY_RETENTION_DAYS = 30
        settings.MARKETS_POINT_RETENTION_HOURS = 48
        now = timezone.now()
        old_day = (now - dt.timedelta(days=40)).replace(hour=0, minute=0, second=0, microsecond=0)
        btc = coins["bitcoin"]
        for hour, (o, h, lo, c) in enumerate([(10, 12, 9, 11), (11, 15, 10, 14), (14, 14, 8, 9)]):
            Candle.objects.create(coin=btc, interval="1h", start=old_day + dt.timedelta(hours=hour),
                                  open=o, high=h, low=lo, close=c, source="coingecko")  # fmt: skip
        recent = now - dt.timedelta(days=2)
        Candle.objects.create(coin=btc, interval="1h", start=recent, open=1, high=1, low=1,
                              close=1, source="coingecko")  # fmt: skip
        PricePoint.objects.create(coin=btc, at=now - dt.timedelta(hours=50), price=1, source="x")
        PricePoint.objects.create(coin=btc, at=now - dt.timedelta(hours=1), price=2, source="x")

        dry = market_data_downsample(now=now, dry_run=True)
        assert (dry.points_deleted, dry.hours_folded) == (1, 3)
        assert Candle.objects.count() == 4

        result = market_data_downsample(now=now)
        assert (result.points_deleted, result.hours_folded, result.days_created) == (1, 3, 1)
        day = Candle.objects.get(interval="1d")
        assert (day.start, day.open, day.high, day.low, day.close) == (old_day, 10, 15, 8, 9)
        assert list(Candle.objects.filter(interval="1h").values_list("start", flat=True)) == [
            recent
        ]
        assert PricePoint.objects.count() == 1
        # Safe to run again.
        again = market_data_downsample(now=now)
        assert (again.points_deleted, again.hours_folded, again.days_created) == (0, 0, 0)

    def test_a_provider_daily_candle_is_kept_as_it_is(self, coins, settings):
        settings.MARKETS_HOURLY_RETENTION_DAYS = 30
        now = timezone.now()
        day = (now - dt.timedelta(days=40)).replace(hour=0, minute=0, second=0, microsecond=0)
        btc = coins["bitcoin"]
        Candle.objects.create(coin=btc, interval="1d", start=day, open=5, high=5, low=5, close=5,
                              source="coingecko")  # fmt: skip
        Candle.objects.create(coin=btc, interval="1h", start=day, open=1, high=1, low=1, close=1,
                              source="coingecko")  # fmt: skip
        assert market_data_downsample(now=now).days_created == 0
        assert Candle.objects.get(interval="1d").close == 5
        assert not Candle.objects.filter(interval="1h").exists()

    def test_the_command_reports(self, coins, capsys):
        call_command("downsample_prices", "--dry-run")
        assert "would drop: 0" in capsys.readouterr().out


@pytest.fixture
def few_coins(coins):
    """Keep the demo tests quick: three active coins."""
    from cryptoflexs.markets.models import Coin

    Coin.objects.exclude(slug__in=["bitcoin", "ethereum", "aave"]).update(is_active=False)
    return {slug: coins[slug] for slug in ("bitcoin", "ethereum", "aave")}


class DemoTests:
    def test_demo_prices_are_deterministic_and_marked(self, few_coins):
        now = timezone.now()
        assert demo_prices_load(now=now) == 3
        first = dict(Quote.objects.values_list("coin__slug", "change_24h"))
        closes = list(
            Candle.objects.filter(coin__slug="bitcoin", interval="1d")
            .order_by("start")
            .values_list("close", flat=True)
        )
        assert set(Quote.objects.values_list("source", flat=True)) == {"demo"}
        assert Quote.objects.get(coin__slug="bitcoin").price == 97000
        assert demo_prices_load(now=now) == 0  # fresh demo data is kept
        assert demo_prices_load(now=now, force=True) == 3
        assert dict(Quote.objects.values_list("coin__slug", "change_24h")) == first
        assert (
            list(
                Candle.objects.filter(coin__slug="bitcoin", interval="1d")
                .order_by("start")
                .values_list("close", flat=True)
            )
            == closes
        )
        assert len(closes) >= 360

    def test_real_prices_replace_the_demo_series_and_stay(self, provider, few_coins):
        demo_prices_load()
        serve_simple_price(provider, {"bitcoin": 97120.5})
        assert services.prices_refresh().stored == 1
        assert not Candle.objects.filter(coin__slug="bitcoin", source="demo").exists()
        assert Candle.objects.filter(coin__slug="ethereum", source="demo").exists()
        assert demo_prices_load(force=True) == Quote.objects.filter(source="demo").count()
        assert Quote.objects.get(coin__slug="bitcoin").source == "coingecko"

    def test_bootstrap_loads_demo_prices(self, few_coins, capsys):
        store("bitcoin", 1.0)
        call_command("bootstrap", "--no-demo")
        assert not Quote.objects.filter(source="demo").exists()
        factories.article()  # a site with content: bootstrap loads no demo articles
        call_command("bootstrap")
        assert Quote.objects.filter(source="demo").count() == 2
        assert Quote.objects.get(coin__slug="bitcoin").source == "coingecko"
