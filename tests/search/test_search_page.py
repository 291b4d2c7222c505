"""The search page through HTTP: ranking, query syntax, typos, filters, sort, pagination,
escaping and hostile input. Runs on whichever database the settings chose (SQLite FTS5 or
PostgreSQL full-text search)."""

import datetime as dt

import pytest
from django.utils import timezone

from tests import factories

from .helpers import result_count, result_titles, search

pytestmark = pytest.mark.django_db


def body(*sentences: str) -> str:
    return "".join(f"<p>{s}</p>" for s in sentences)


class RankingTests:
    def test_title_match_beats_excerpt_match_beats_body_match(self, client):
        factories.article(
            "Markets wrap for the week",
            body_html=body("Late in the day, Kaspa traders took profits on the rally."),
        )
        factories.article(
            "Altcoins in focus",
            excerpt="Kaspa led the gainers among small caps.",
            body_html=body("Small caps had a strong week."),
        )
        factories.article("Kaspa hashrate hits a record", body_html=body("Miners were busy."))
        assert search(client, "kaspa") == [
            "Kaspa hashrate hits a record",
            "Altcoins in focus",
            "Markets wrap for the week",
        ]

    def test_exact_title_finds_its_article_first(self, client):
        for n in range(5):
            factories.article(f"Bitcoin price slips as traders lock in profits, day {n}")
        factories.article("Bitcoin miners sell as hashprice hits a new low")
        assert search(client, "Bitcoin miners sell as hashprice hits a new low")[0] == (
            "Bitcoin miners sell as hashprice hits a new low"
        )

    def test_a_pasted_headline_with_numbers_finds_its_article_first(self, client):
        factories.article("Bitcoin hashrate climbs 5.7% to 900 EH/s as price tops $36,000")
        factories.article("Bitcoin hashrate climbs as miners add machines")
        factories.article("Price tops a record as hashrate climbs")
        pasted = "Bitcoin hashrate climbs 5.7% to 900 EH/s as price tops $36,000"
        assert search(client, pasted)[0] == pasted

    def test_snippets_highlight_matches_and_escape_everything_else(self, client):
        factories.article(
            "Solana <script>alert(1)</script> & friends",
            body_html=body("Nothing to see.", "Solana validators &lt;b&gt; upgraded overnight."),
        )
        response = client.get("/search/", {"q": "solana"})
        html = response.content.decode()
        assert "<script>alert(1)" not in html
        assert "<mark>Solana</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; friends" in html
        # The body's "<b>" is text, shown escaped (PostgreSQL's headline drops tag-like text).
        assert "<mark>Solana</mark> validators " in html
        assert "<b>" not in html
        assert result_count(response) == 1

    def test_page_is_noindex_and_keeps_the_query(self, client):
        response = client.get("/search/", {"q": 'halving "spot etf"'})
        assert response["X-Robots-Tag"] == "noindex"
        html = response.content.decode()
        assert '<meta name="robots" content="noindex">' in html
        assert 'value="halving &quot;spot etf&quot;"' in html


class QuerySyntaxTests:
    @pytest.fixture(autouse=True)
    def articles(self):
        factories.article("Spot bitcoin ETF approved", body_html=body("A long wait ended."))
        factories.article("Bitcoin spot market calm", body_html=body("Quiet ETF flows."))
        factories.article("Ethereum staking grows", body_html=body("Validators queue up."))
        factories.article("Bitcoin scam warning", body_html=body("Regulators warn investors."))

    def test_quoted_phrase_keeps_word_order(self, client):
        assert search(client, '"spot bitcoin"') == ["Spot bitcoin ETF approved"]
        assert sorted(search(client, "spot bitcoin")) == [
            "Bitcoin spot market calm",
            "Spot bitcoin ETF approved",
        ]

    def test_minus_excludes_a_word(self, client):
        assert sorted(search(client, "bitcoin -scam -spot")) == []
        assert sorted(search(client, "bitcoin -scam")) == [
            "Bitcoin spot market calm",
            "Spot bitcoin ETF approved",
        ]

    def test_only_excluded_words_ask_for_a_word(self, client):
        response = client.get("/search/", {"q": "-bitcoin"})
        assert result_titles(response) == []
        assert "Add a word to search for" in response.content.decode()

    def test_prefix(self, client):
        assert len(search(client, "bitco*")) == 3
        assert search(client, "ether*") == ["Ethereum staking grows"]

    def test_typo_in_a_longer_word_still_finds_the_article(self, client):
        response = client.get("/search/", {"q": "etherium"})
        assert result_titles(response) == ["Ethereum staking grows"]
        html = response.content.decode()
        assert "Showing results for <strong>ethereum</strong>" in html

    def test_typo_swapped_letters(self, client):
        assert search(client, "bitocin scam") == ["Bitcoin scam warning"]

    def test_nothing_found(self, client):
        response = client.get("/search/", {"q": "zzyzx"})
        assert result_titles(response) == []
        assert "No articles match “zzyzx”" in response.content.decode()


class LiveArticlesOnlyTests:
    def test_drafts_scheduled_and_future_articles_are_not_found(self, client):
        factories.article("Tezos draft story", status="draft")
        factories.article("Tezos scheduled story", status="scheduled",
                          published_at=timezone.now() + dt.timedelta(hours=1))  # fmt: skip
        factories.article("Tezos future story", published_at=timezone.now() + dt.timedelta(days=1))
        factories.article("Tezos unpublished story", status="unpublished")
        factories.article("Tezos live story")
        assert search(client, "tezos") == ["Tezos live story"]


class FilterTests:
    @pytest.fixture
    def site(self):
        crypto = factories.category("Crypto")
        eth = factories.category("Ethereum", parent=crypto)
        trading = factories.category("Trading")
        jane, joe = factories.author("Jane"), factories.author("Joe")
        defi = factories.tag("DeFi")
        now = timezone.now()
        factories.article("Uniswap volume in Ethereum", category=eth, author=jane, tags=[defi],
                          published_at=now - dt.timedelta(days=40))  # fmt: skip
        factories.article("Uniswap listing in Crypto", category=crypto, author=joe,
                          published_at=now - dt.timedelta(days=10))  # fmt: skip
        factories.article("Uniswap trading desk", category=trading, author=jane,
                          published_at=now - dt.timedelta(days=1))  # fmt: skip
        return {"crypto": crypto, "eth": eth, "jane": jane, "defi": defi, "now": now}

    def test_category_includes_its_subcategories(self, client, site):
        assert sorted(search(client, "uniswap", category="crypto")) == [
            "Uniswap listing in Crypto",
            "Uniswap volume in Ethereum",
        ]
        assert search(client, "uniswap", category="crypto/ethereum") == [
            "Uniswap volume in Ethereum"
        ]

    def test_author_and_tag(self, client, site):
        assert sorted(search(client, "uniswap", author="jane")) == [
            "Uniswap trading desk",
            "Uniswap volume in Ethereum",
        ]
        response = client.get("/search/", {"q": "uniswap", "tag": "defi"})
        assert result_titles(response) == ["Uniswap volume in Ethereum"]
        assert "Tag: <strong>DeFi</strong>" in response.content.decode()

    def test_date_range(self, client, site):
        now = site["now"]
        params = {
            "date_from": (now - dt.timedelta(days=20)).date().isoformat(),
            "date_to": (now - dt.timedelta(days=5)).date().isoformat(),
        }
        assert search(client, "uniswap", **params) == ["Uniswap listing in Crypto"]

    def test_sort_newest(self, client, site):
        assert search(client, "uniswap", sort="newest") == [
            "Uniswap trading desk",
            "Uniswap listing in Crypto",
            "Uniswap volume in Ethereum",
        ]

    def test_invalid_filters_are_ignored(self, client, site):
        titles = search(client, "uniswap", category="nope", author="x\x00", date_from="2024-13-45",
                        sort="best", tag="missing")  # fmt: skip
        assert len(titles) == 3


class PaginationTests:
    def test_pages_keep_the_query_filters_and_sort(self, client, settings):
        settings.ARTICLES_PER_PAGE = 4
        cat = factories.category("Markets")
        for n in range(10):
            factories.article(f"Cardano update number {n}", category=cat)
        first = client.get("/search/", {"q": "cardano", "category": "markets", "sort": "newest"})
        assert result_count(first) == 10
        assert len(result_titles(first)) == 4
        assert "?q=cardano&amp;category=markets&amp;sort=newest&amp;page=2" in (
            first.content.decode()
        )
        seen = result_titles(first)
        for page in (2, 3):
            response = client.get(
                "/search/", {"q": "cardano", "category": "markets", "sort": "newest", "page": page}
            )
            seen += result_titles(response)
        assert sorted(seen) == sorted(f"Cardano update number {n}" for n in range(10))
        assert seen[0] == "Cardano update number 0"  # the newest
        # Out of range or nonsense pages show a real page, not an error.
        assert len(search(client, "cardano", page=99)) == 2
        assert len(search(client, "cardano", page="abc")) == 4


HOSTILE = [
    "a" * 10_000,
    "bitcoin " * 2_000,
    '"' * 500,
    '"unterminated phrase',
    "%",
    "%%_%",
    "*",
    "**bitcoin**",
    "-",
    "- - -",
    "bitcoin\x00etf",
    "\x00",
    "NEAR(bitcoin ethereum)",
    "bitcoin AND OR NOT ethereum",
    "title:bitcoin",
    "{title}: bitcoin",
    "^bitcoin",
    "bitcoin:*",
    "!!(bitcoin | ether) <-> &",
    "'; DROP TABLE articles_article; --",
    "c++ don't solar-wind",
    "ビットコイン 比特币 биткоин",
    "🚀🚀🚀 to the moon",
    "\u202e\u200b\ufeff",
    "_",
    "x" * 300 + "*",
]


class HostileQueryTests:
    @pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
    def test_answers_without_error(self, client, query):
        factories.article("Bitcoin and ethereum rally to the moon")
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        suggestions = client.get("/search/suggest/", {"q": query})
        assert suggestions.status_code == 200
        assert isinstance(suggestions.json()["suggestions"], list)

    def test_results_for_a_hostile_query_still_make_sense(self, client):
        factories.article("Bitcoin and ethereum rally to the moon")
        assert search(client, "NEAR(bitcoin ethereum)") == []  # "near" is not in the article
        # Operators are words like any other: no "or", no "solana" in the article.
        assert search(client, "bitcoin OR solana") == []
        assert search(client, "**bitcoin**") == ["Bitcoin and ethereum rally to the moon"]
        assert search(client, "bitcoin\x00") == ["Bitcoin and ethereum rally to the moon"]
        assert search(client, "🚀 bitcoin") == ["Bitcoin and ethereum rally to the moon"]

    def test_empty_query_shows_the_form(self, client):
        response = client.get("/search/", {"q": "   "})
        assert response.status_code == 200
        assert 'id="search-page-input"' in response.content.decode()


class BroadQueryTests:
    """Queries matching more than WINDOW articles rank the most recent matches plus older
    ones whose title holds every word; pages still list every match exactly once."""

    @pytest.fixture(autouse=True)
    def small_window(self, monkeypatch):
        from cryptoflexs.search import postgres, sqlite_fts5

        monkeypatch.setattr(sqlite_fts5, "WINDOW", 3)
        monkeypatch.setattr(postgres, "WINDOW", 3)

    def test_pages_cover_every_match_once(self, client, settings):
        settings.ARTICLES_PER_PAGE = 3
        # The factories create each article a second older than the one before.
        made = [factories.article(f"Ripple report {n}", body_html=body("ripple token news"))
                for n in range(8)]  # fmt: skip
        seen = []
        for page in (1, 2, 3):
            seen += search(client, "ripple", page=page)
        assert sorted(seen) == sorted(a.title for a in made)

    def test_old_article_with_every_word_in_its_title_comes_first(self, client):
        factories.article("Ripple wins its court case", body_html=body("An old ruling."))
        for n in range(6):
            factories.article(f"Markets {n}", body_html=body("ripple court news on the case"))
        assert search(client, "ripple court case")[0] == "Ripple wins its court case"
