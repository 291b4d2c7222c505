"""Text as the index sees it: HTML reduced to words, word lists for "more like this", and
coin mentions (names and tickers) for boosting related posts."""

import re
from collections import Counter

from cryptoflexs.core.html import html_to_text, strip_control_chars

# Words that say nothing about what an article is about (English, plus news boilerplate).
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say according new week weeks day days year years month
    months one two three first last since amid per via may might must us its it's today
    yesterday monday tuesday wednesday thursday friday saturday sunday""".split()  # noqa: SIM905
)

_WORD = re.compile(r"\w+")

# Coins whose name or ticker in an article counts as a mention: name words (lower case) and
# tickers (matched in capitals only, so "SOL" counts where "sol" does not).
COINS: dict[str, tuple[tuple[str, ...], str]] = {
    "bitcoin": (("bitcoin", "bitcoins"), "BTC"),
    "ethereum": (("ethereum", "ether"), "ETH"),
    "tether": (("tether",), "USDT"),
    "usd-coin": (("usdc",), "USDC"),
    "bnb": (("bnb",), "BNB"),
    "xrp": (("xrp", "ripple"), "XRP"),
    "solana": (("solana",), "SOL"),
    "cardano": (("cardano",), "ADA"),
    "dogecoin": (("dogecoin",), "DOGE"),
    "shiba-inu": (("shib",), "SHIB"),
    "tron": (("tron",), "TRX"),
    "toncoin": (("toncoin",), "TON"),
    "avalanche": (("avax",), "AVAX"),
    "polkadot": (("polkadot",), "DOT"),
    "chainlink": (("chainlink",), "LINK"),
    "polygon": (("matic",), "MATIC"),
    "litecoin": (("litecoin",), "LTC"),
    "bitcoin-cash": ((), "BCH"),
    "stellar": (("xlm",), "XLM"),
    "monero": (("monero",), "XMR"),
    "cosmos": ((), "ATOM"),
    "near": ((), "NEAR"),
    "uniswap": (("uniswap",), "UNI"),
    "arbitrum": (("arbitrum",), "ARB"),
    "optimism": ((), "OP"),
    "aptos": (("aptos",), "APT"),
    "sui": ((), "SUI"),
    "pepe": (("pepe",), "PEPE"),
    "kaspa": (("kaspa",), "KAS"),
    "hedera": (("hedera",), "HBAR"),
    "filecoin": (("filecoin",), "FIL"),
    "injective": (("injective",), "INJ"),
}
_COIN_BY_NAME = {name: slug for slug, (names, _) in COINS.items() for name in names}
_COIN_BY_TICKER = {ticker: slug for slug, (_, ticker) in COINS.items()}


def index_text(html: str) -> str:
    """Return the words a reader sees in an HTML body, as stored in the search index."""
    return strip_control_chars(html_to_text(html))


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text or "")]


def key_terms(*weighted_texts: tuple[str, float], limit: int = 20) -> list[str]:
    """Return the words that best describe a text: frequent, not stop words, not numbers,
    at least three letters; each text counts with its weight (a title more than a body)."""
    scores: Counter = Counter()
    for text, weight in weighted_texts:
        for word in words(text):
            if len(word) >= 3 and not word.isdigit() and word not in STOPWORDS:
                scores[word] += weight
    return [word for word, _ in scores.most_common(limit)]


def coin_mentions(text: str) -> frozenset[str]:
    """Return the slugs of the coins the text names (by name, or by ticker in capitals)."""
    found = set()
    for word in _WORD.findall(text or ""):
        slug = _COIN_BY_TICKER.get(word) or _COIN_BY_NAME.get(word.casefold())
        if slug:
            found.add(slug)
    return frozenset(found)
