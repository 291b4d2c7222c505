"""The coin registry: which coins a text really mentions, told apart from look-alikes
("ETHical", "one of", "gas fees", "a link to …").

Rules, from surest to weakest:
- a name or alias ("Chainlink", "Shiba Inu") counts whenever it appears as a whole word,
  in any case, unless the coin marks the name as ambiguous (an English word, such as
  "Avalanche" or "Stellar"): then it counts only with crypto context;
- `$TICKER` (any case) always counts;
- a ticker in capitals as a whole word ("ETH", not "ETHical" or "eth") counts, unless the
  ticker is also an English word (ONE, GAS, LINK, SOL, DOT …) or the text is shouting (mostly
  capitals): then it needs crypto context too.
"Crypto context" is a context word (crypto, token, blockchain …) or another, unambiguous
coin mention in the same text.

The coins are rows of `Coin` (edited in the admin). Matching never queries the database per
text: each process keeps one compiled registry and rebuilds it when the coins change (a
version in the shared cache, checked at most every MARKETS_REGISTRY_CHECK_SECONDS; at once
in the process that saved the change). Without a database (before the first migrate, or in
a test that has none) and with no coin rows at all, the registry is the built-in list in
data/coins.json, the same list the data migration seeds.
"""

import json
import re
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as shared_cache
from django.db import DatabaseError

DATA_FILE = Path(__file__).resolve().parent / "data" / "coins.json"
VERSION_KEY = "markets:coins-version"


@dataclass(frozen=True)
class CoinSpec:
    name: str
    ticker: str
    slug: str
    aliases: tuple[str, ...] = ()
    # The name (not only the ticker) is an ordinary word and needs context.
    ambiguous_name: bool = False
    # The ticker is an ordinary word (or a common abbreviation) and needs context.
    ambiguous_ticker: bool = False


CONTEXT_WORDS = re.compile(
    r"\b(crypto\w*|token\w*|coin\w*|blockchain\w*|altcoin\w*|defi|nfts?|web3|stablecoin\w*|"
    r"wallet\w*|exchange\w*|staking|mainnet|airdrop\w*|on-?chain|dex|ledger|mining|miners?|"
    r"protocol|layer[- ]?[12]|price|rall(?:y|ies|ied)|surg\w+|bullish|bearish|traders?|"
    r"market cap\w*|memecoin\w*|satoshis?)\b",
    re.IGNORECASE,
)
DOLLAR_TICKER = re.compile(r"(?<![\w$])\$([A-Za-z]{2,6})\b")


@dataclass
class CoinMention:
    coin: CoinSpec
    reasons: list[str] = field(default_factory=list)


LETTER_RUNS = re.compile(r"[^\W\d_]+")
ASCII_LOWER = re.compile(r"[a-z]+")


def _shouting(text: str) -> bool:
    """Whether at least 12 letters are there and more than 60 % are capitals."""
    # A quick exact "no" for ordinary text: if ASCII small letters alone make 40 % of an
    # upper bound of the letters, capitals cannot make more than 60 %.
    bound = len(text) - len(LETTER_RUNS.sub("", text))
    if bound and (len(text) - len(ASCII_LOWER.sub("", text))) >= 0.4 * bound:
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.6


def _trie_pattern(words) -> str:
    """Return a regex alternation of `words` factored into a trie ("bitcoin", "bitcoin
    cash", "bitcoins" → bitcoin(?: cash|s)?), which Python's regex engine scans many times
    faster than a flat list of hundreds of names. At any position the longest word that
    matches is tried first, as in a flat alternation sorted longest first."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: the longer words are optional, tried first
            return f"(?:{body})?"
        return body

    return emit(root) or r"(?!)"  # an empty registry matches nothing


class Registry:
    """The coins, compiled into one pattern per rule (three searches a text, not three a
    coin). Longer names win: "Bitcoin Cash" is Bitcoin Cash, not Bitcoin."""

    def __init__(self, coins: Sequence[CoinSpec]):
        self.coins: tuple[CoinSpec, ...] = tuple(coins)
        self.by_slug = {coin.slug: coin for coin in self.coins}
        self.by_name: dict[str, CoinSpec] = {}
        self.by_ticker: dict[str, CoinSpec] = {}
        for coin in self.coins:
            self.by_ticker.setdefault(coin.ticker, coin)
            # A coin named by its ticker (EOS, BNB) is found by the ticker rules alone.
            for name in {coin.name, *coin.aliases} - {coin.ticker}:
                self.by_name.setdefault(name.casefold(), coin)
        self.order = {coin.slug: i for i, coin in enumerate(self.coins)}
        self.names = re.compile(
            r"(?<![\w$])(?:" + _trie_pattern(self.by_name) + r")(?![\w-])", re.IGNORECASE
        )
        self.tickers = re.compile(r"(?<![\w$-])(?:" + _trie_pattern(self.by_ticker) + r")(?![\w-])")

    def find(self, text: str) -> list[CoinMention]:
        """Return the coins `text` really mentions, each with the rules that fired."""
        mentions: dict[str, CoinMention] = {}
        sure: set[str] = set()
        needs_context: set[str] = set()

        def note(coin: CoinSpec, reason: str) -> CoinMention:
            mention = mentions.setdefault(coin.slug, CoinMention(coin))
            if reason not in mention.reasons:
                mention.reasons.append(reason)
            return mention

        for match in DOLLAR_TICKER.finditer(text):
            coin = self.by_ticker.get(match.group(1).upper())
            if coin is not None:
                note(coin, f"ticker ${coin.ticker}")
                sure.add(coin.slug)
        for match in self.names.finditer(text):
            coin = self.by_name[match.group(0).casefold()]
            note(coin, f"name “{match.group(0)}”")
            (needs_context if coin.ambiguous_name else sure).add(coin.slug)
        shouting = None
        for match in self.tickers.finditer(text):
            coin = self.by_ticker[match.group(0)]
            if coin.slug in sure:
                continue
            note(coin, f"ticker {coin.ticker} in capitals")
            if shouting is None:
                shouting = _shouting(text)
            (needs_context if coin.ambiguous_ticker or shouting else sure).add(coin.slug)
        needs_context -= sure
        if needs_context:
            context = CONTEXT_WORDS.search(text)
            if context or sure:
                why = f"with context “{context.group(0)}”" if context else "beside another coin"
                for slug in needs_context:
                    mentions[slug].reasons.append(why)
                sure |= needs_context
        return sorted((mentions[slug] for slug in sure), key=lambda m: self.order[m.coin.slug])

    @property
    def coin_words(self) -> dict[str, str]:
        """One word per coin: its one-word names and its ticker (unless the ticker is an
        English word) folded to its slug, for word-based similarity."""
        folded = {}
        for coin in self.coins:
            for name in (coin.name, *coin.aliases):
                if " " not in name and not coin.ambiguous_name:
                    folded[name.casefold()] = coin.slug
            if not coin.ambiguous_ticker:
                folded[coin.ticker.casefold()] = coin.slug
        return folded


def default_data() -> list[dict]:
    """Return the built-in coin list (data/coins.json), best known first."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@cache
def _default_specs() -> tuple[CoinSpec, ...]:
    return tuple(
        CoinSpec(
            name=row["name"],
            ticker=row["ticker"],
            slug=row["slug"],
            aliases=tuple(row["aliases"]),
            ambiguous_name=row["ambiguous_name"],
            ambiguous_ticker=row["ambiguous_ticker"],
        )
        for row in sorted(default_data(), key=lambda r: r["rank"])
    )


def _specs_from_database() -> tuple[CoinSpec, ...] | None:
    """Return the active coins, or None when there is no database to ask or no coin in it."""
    if not apps.ready:
        return None  # importing modules while Django starts: no queries yet
    from .models import Coin

    try:
        rows = list(
            Coin.objects.order_by("rank", "name").values_list(
                "name", "ticker", "slug", "aliases", "ambiguous_name", "ambiguous_ticker",
                "is_active",
            )
        )  # fmt: skip
    except DatabaseError:
        return None  # not migrated yet
    except RuntimeError:
        return None  # a test without database access
    if not rows:
        return None
    return tuple(
        CoinSpec(
            name=name,
            ticker=ticker,
            slug=slug,
            aliases=tuple(a.strip() for a in aliases.split(",") if a.strip()),
            ambiguous_name=ambiguous_name,
            ambiguous_ticker=ambiguous_ticker,
        )
        for name, ticker, slug, aliases, ambiguous_name, ambiguous_ticker, active in rows
        if active
    )


class _Local:
    def __init__(self):
        self.lock = threading.Lock()
        self.registry: Registry | None = None
        self.version: str | None = None
        self.checked_at = 0.0


_local = _Local()


def _shared_version() -> str:
    version = shared_cache.get(VERSION_KEY)
    if version is None:
        shared_cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = shared_cache.get(VERSION_KEY) or "uncached"
    return version


def registry() -> Registry:
    """Return this process's registry, rebuilt when the coins have changed."""
    now = time.monotonic()
    current = _local.registry
    if current is not None and now - _local.checked_at < settings.MARKETS_REGISTRY_CHECK_SECONDS:
        return current
    version = _shared_version()
    if current is not None and version == _local.version:
        _local.checked_at = now
        return current
    with _local.lock:
        if _local.registry is None or _local.version != version:
            specs = _specs_from_database()
            _local.registry = Registry(specs if specs is not None else _default_specs())
            _local.version = version
        _local.checked_at = now
        return _local.registry


def registry_version() -> str:
    """Return the version of the registry this process uses now."""
    registry()
    return _local.version or "none"


def registry_changed() -> None:
    """Make every process rebuild its registry (this one at once, others within
    MARKETS_REGISTRY_CHECK_SECONDS)."""
    shared_cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    _local.registry = None


def find_coins(text: str) -> list[CoinMention]:
    """Return the coins `text` really mentions, each with the rules that fired."""
    return registry().find(text)


class LiveCoins(Sequence):
    """The registry's coins as a sequence that is always current (for code that iterates
    `COINS`); iterate it when needed rather than copying it at import time."""

    def __getitem__(self, index):
        return registry().coins[index]

    def __len__(self):
        return len(registry().coins)

    def __iter__(self):
        return iter(registry().coins)


COINS = LiveCoins()
