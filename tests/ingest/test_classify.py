import pytest

from cryptoflexs.ingest.classify import classify
from cryptoflexs.ingest.coins import find_coins


def coins(text: str) -> set[str]:
    return {m.coin.slug for m in find_coins(text)}


class CoinTests:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("ETH climbs 5% as BTC holds", {"ethereum", "bitcoin"}),
            ("An ETHical question for the industry", set()),
            ("The eth word in lower case", set()),
            ("One of the best days; gas prices rise; link in bio", set()),
            ("Sol and sand at the beach", set()),
            ("Chainlink launches a new oracle", {"chainlink"}),
            ("$LINK and $sol jump", {"chainlink", "solana"}),
            ("LINK rallies 12% as crypto traders pile in", {"chainlink"}),
            ("Click the LINK below to read our report", set()),
            ("Stellar growth for the retailer", set()),
            ("Stellar and XRP tokens rally", {"stellar", "xrp"}),
            ("Shiba Inu burns tokens", {"shiba-inu"}),
        ],
    )
    def test_real_mentions_and_look_alikes(self, text, expected):
        assert coins(text) == expected

    def test_shouting_headline_needs_context(self):
        assert coins("BREAKING: ONE MORE GAS STATION OPENS DOWNTOWN") == set()

    def test_reasons_say_which_rule_fired(self):
        mention = find_coins("$ETH up")[0]
        assert mention.reasons == ["ticker $ETH"]


class CategoryTests:
    @pytest.mark.parametrize(
        ("title", "text", "expected"),
        [
            ("Bored Ape NFT sells for record price at auction", "", "nft"),
            ("Aave and Uniswap lead DeFi rebound as TVL climbs", "", "defi"),
            (
                "SEC sues crypto firm over unregistered securities",
                "A lawsuit was filed.",
                "regulation",
            ),
            ("Binance lists new trading pairs", "The exchange said on Monday.", "exchange"),
            ("El Salvador expands bitcoin adoption to schools", "", "adoption"),
            ("Vitalik Buterin outlines Ethereum roadmap", "", "ethereum"),
            ("Bitcoin miners brace for the halving", "", "bitcoin"),
            ("Cardano and Polkadot tokens rally", "", "altcoin"),
            ("Enterprise blockchain consortium launches mainnet", "", "blockchain"),
        ],
    )
    def test_category(self, title, text, expected):
        result = classify(title, text)
        assert result.category == expected, result.scores

    def test_nothing_to_go_on(self):
        assert classify("Weather for the weekend", "Sunny.").category is None

    def test_title_leads(self):
        # A headline names its subject first; the text alone does not outweigh the title.
        result = classify("Bitcoin and Ether slide as traders sell", "Both fell 6%.")
        assert result.category == "bitcoin", result.scores
        assert "named first in the title" in result.reasons["bitcoin"]

    def test_general_crypto_news_falls_back_to_bitcoin(self):
        # No rule of the allowed categories fires, but the entry is about crypto: it goes to
        # Bitcoin, where outlets file general crypto news, and the reason says so.
        result = classify("Crypto firm hires a new chief", "", allowed={"bitcoin", "nft"})
        assert result.category == "bitcoin", result.scores
        assert result.reasons["bitcoin"] == ["fallback: general crypto word “Crypto”"]

    def test_allowed_limits_the_choice(self):
        result = classify("SEC sues over bitcoin ETF", "", allowed={"bitcoin", "ethereum"})
        assert result.category == "bitcoin"


def test_a_general_crypto_word_alone_is_a_weak_choice():
    from cryptoflexs.ingest.classify import classify

    weak = classify("Crypto conference opens in Lisbon with record attendance")
    assert weak.category == "bitcoin"
    assert weak.weak
    strong = classify("Bitcoin miners sell as hashprice falls")
    assert strong.category == "bitcoin"
    assert not strong.weak
