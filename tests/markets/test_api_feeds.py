"""/api/coins and /api/coins/{slug} (in the OpenAPI schema), and each coin's news feeds."""

import datetime as dt

import pytest
from lxml import etree

from cryptoflexs.articles.models import Story
from tests import factories
from tests.distribution.feedcheck import check_feed

from .conftest import store
from .test_pages import market  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


class ApiTests:
    def test_list_with_prices_sorted(self, client, market):  # noqa: F811
        data = client.get("/api/coins").json()
        assert data["items"][0]["slug"] == "bitcoin"
        btc = data["items"][0]
        assert btc["quote"]["price_usd"] == 100000.0
        assert btc["quote"]["source"] == "coingecko"
        assert (btc["quote"]["stale"], btc["quote"]["demo"]) == (False, False)
        assert btc["url"].endswith("/coin/bitcoin/")
        unpriced = [c for c in data["items"] if c["quote"] is None]
        assert unpriced
        assert data["items"][-1]["quote"] is None
        by_name = client.get("/api/coins?sort=name&order=asc").json()["items"]
        assert [c["name"] for c in by_name] == sorted(
            (c["name"] for c in by_name), key=str.casefold
        )

    def test_detail_with_history(self, client, market):  # noqa: F811
        data = client.get("/api/coins/bitcoin?range=30d").json()
        assert data["change_7d_percent"] == pytest.approx(25.0)
        assert data["change_30d_percent"] == pytest.approx(100.0)
        assert data["range"] == "30d"
        assert data["history"][0]["price_usd"] == 50000.0
        assert data["history"][-1]["price_usd"] == 100000.0
        assert len(data["history"]) <= 242

    def test_errors(self, client, market):  # noqa: F811
        assert client.get("/api/coins/nope").json() == {"detail": "No such coin"}
        assert client.get("/api/coins/nope").status_code == 404
        assert client.get("/api/coins/bitcoin?range=2w").status_code == 422
        assert client.get("/api/coins?sort=evil").status_code == 422

    def test_in_the_openapi_schema(self, client, coins):
        schema = client.get("/api/openapi.json").json()
        detail = schema["paths"]["/api/coins/{slug}"]["get"]
        assert {"200", "404", "429"} <= set(detail["responses"])
        assert "history" in schema["components"]["schemas"]["CoinDetailOut"]["properties"]


class FeedTests:
    def test_rss_and_atom_of_a_coins_news_one_per_story(self, client, coins):
        tag = factories.tag("Solana", slug="solana")
        story = Story.objects.create(key="k")  # lists show its first telling
        first = factories.article("Solana upgrade ships", tags=[tag], story=story)
        factories.article(
            "Solana ships its upgrade",
            tags=[tag],
            story=story,
            published_at=first.published_at + dt.timedelta(minutes=5),
        )
        factories.article("Nothing about it")
        store("solana", 190.0)
        rss = client.get("/coin/solana/feed/")
        assert rss.status_code == 200
        channel = etree.fromstring(rss.content).find("channel")
        assert channel.findtext("title").startswith("Solana news")
        assert [i.findtext("title") for i in channel.findall("item")] == ["Solana upgrade ships"]
        atom = client.get("/coin/solana/feed/atom/")
        ns = {"a": "http://www.w3.org/2005/Atom"}
        entries = etree.fromstring(atom.content).findall("a:entry", ns)
        assert len(entries) == 1
        assert check_feed(rss.content) == []
        assert check_feed(atom.content) == []
        assert client.get("/coin/nope/feed/").status_code == 404
