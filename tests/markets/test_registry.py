"""The coin registry lives in markets and is edited in the admin; ingest asks it which
coins a text mentions, with the same names as before and no query per text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cryptoflexs.ingest import coins as ingest_coins
from cryptoflexs.markets.models import Coin
from cryptoflexs.markets.registry import default_data, find_coins, registry


def slugs(text):
    return [m.coin.slug for m in find_coins(text)]


class BuiltInListTests:
    def test_about_a_hundred_coins_each_with_a_description(self):
        rows = default_data()
        assert 95 <= len(rows) <= 110
        assert all(len(row["description"]) > 40 for row in rows)
        assert len({r["slug"] for r in rows}) == len({r["ticker"] for r in rows}) == len(rows)

    def test_without_a_database_the_built_in_list_is_used(self):
        # No django_db mark: the registry cannot ask the database and falls back.
        assert slugs("$ETH and Solana rallied") == ["ethereum", "solana"]
        assert len(ingest_coins.COINS) == len(default_data())


@pytest.mark.django_db
class DatabaseRegistryTests:
    def test_seeded_by_the_data_migration(self):
        assert Coin.objects.count() == len(default_data())
        btc = Coin.objects.get(slug="bitcoin")
        assert (btc.ticker, btc.coingecko_id, btc.binance_symbol) == ("BTC", "bitcoin", "BTCUSDT")
        assert btc.alias_list == ["bitcoins", "XBT", "satoshis"]

    def test_edits_in_the_admin_change_matching_at_once(self, admin_client):
        assert slugs("Zorblax surges") == []
        btc = Coin.objects.get(slug="bitcoin")
        response = admin_client.post(
            f"/admin/markets/coin/{btc.pk}/change/",
            {
                "name": "Bitcoin", "ticker": "BTC", "slug": "bitcoin",
                "aliases": "bitcoins, XBT, satoshis, Zorblax", "description": btc.description,
                "rank": "1", "in_ticker": "on", "is_active": "on", "coingecko_id": "bitcoin",
                "binance_symbol": "BTCUSDT",
            },
        )  # fmt: skip
        assert response.status_code == 302
        assert slugs("Zorblax surges") == ["bitcoin"]
        Coin.objects.filter(slug="solana").update(is_active=False)
        Coin.objects.get(slug="ethereum").save()  # any save tells the registry
        assert slugs("Solana and Bitcoin") == ["bitcoin"]

    def test_no_query_per_text(self):
        find_coins("warm up")
        with CaptureQueriesContext(connection) as ctx:
            for _ in range(200):
                find_coins("Bitcoin, $SOL and the Avalanche network")
        assert len(ctx.captured_queries) == 0

    def test_ingest_keeps_its_names(self):
        mention = ingest_coins.find_coins("$ETH up")[0]
        assert isinstance(mention.coin, ingest_coins.Coin)
        assert mention.reasons == ["ticker $ETH"]
        assert ingest_coins.coin_names()["usd-coin"] == "USD Coin"
        assert {c.slug for c in ingest_coins.COINS} == set(registry().by_slug)
        assert ingest_coins.CONTEXT_WORDS.search("a token")

    def test_the_admin_lists_coins_with_prices(self, admin_client):
        response = admin_client.get("/admin/markets/coin/?q=bitcoin")
        assert response.status_code == 200
        assert "Bitcoin Cash" in response.content.decode()


@pytest.mark.django_db
class ReadinessTests:
    def test_ready_warns_about_stale_prices_and_never_fails_for_them(self, client, settings):
        import datetime as dt

        from django.utils import timezone

        from .conftest import store

        settings.MARKET_DATA_PROVIDER = "coingecko"
        assert client.get("/ready/").json()["checks"]["prices"]["status"] == "warn"  # none yet
        store("bitcoin", 1.0)
        assert client.get("/ready/").json()["checks"]["prices"]["status"] == "ok"
        from cryptoflexs.markets.models import Quote

        Quote.objects.update(as_of=timezone.now() - dt.timedelta(hours=2))
        response = client.get("/ready/")
        assert response.json()["checks"]["prices"]["status"] == "warn"
        assert response.status_code == 200
        settings.MARKET_DATA_PROVIDER = "off"
        assert client.get("/ready/").json()["checks"]["prices"]["status"] == "ok"
