"""Outlets' own category labels ("Bitcoin News", "Altcoins", "DeFi") and ours.

An editor maps labels in the admin (Ingest › Feed categories); a label with no row there
falls back to the built-in table below, and a label naming a coin of the registry maps to
Altcoin (Bitcoin and Ether to theirs). A row with no category means "this label says
nothing" (outlets file everything under "News")."""

from functools import lru_cache

from cryptoflexs.markets.registry import registry_version

from ..coins import COINS
from .features import label_key

# Our category paths for the labels outlets commonly use (keys as label_key writes them).
BUILT_IN = {
    "crypto/bitcoin": (
        "bitcoin", "bitcoin news", "btc", "bitcoin btc", "bitcoin price", "bitcoin btc price",
        "bitcoin mining", "mining", "bitcoin etf", "bitcoin etfs", "bitcoin treasuries",
        "bitcoin analysis", "bitcoin price analysis", "lightning network", "ordinals",
    ),
    "crypto/ethereum": (
        "ethereum", "ethereum news", "eth", "ether", "ethereum eth", "ethereum price",
        "ethereum eth price", "ethereum etf", "layer 2", "layer 2s", "staking",
    ),
    "crypto/altcoin": (
        "altcoin", "altcoins", "altcoin news", "altcoin news", "alts", "memecoin", "memecoins",
        "meme coins", "meme coin", "stablecoin", "stablecoins", "tokens", "ripple",
    ),
    "defi": ("defi", "defi news", "decentralized finance", "decentralised finance", "dex"),
    "nft": (
        "nft", "nfts", "nft news", "non fungible tokens", "nft marketplace", "metaverse",
        "gamefi", "web3 gaming",
    ),
    "blockchain": (
        "blockchain", "blockchain news", "blockchain technology", "web3", "tokenization",
        "tokenisation", "rwa", "real world assets", "cbdc", "cbdcs", "enterprise blockchain",
    ),
}  # fmt: skip


def built_in() -> dict[str, str]:
    """Return label_key -> category path for the built-in labels and the coin registry."""
    return _built_in(registry_version())


@lru_cache(maxsize=4)
def _built_in(version: str) -> dict[str, str]:
    mapping = {label_key(label): path for path, labels in BUILT_IN.items() for label in labels}
    for coin in COINS:
        path = {"bitcoin": "crypto/bitcoin", "ethereum": "crypto/ethereum"}.get(
            coin.slug, "crypto/altcoin"
        )
        for name in (coin.name, f"{coin.name} {coin.ticker}", f"{coin.name} price"):
            mapping.setdefault(label_key(name), path)
        if not coin.ambiguous_ticker:
            mapping.setdefault(label_key(coin.ticker), path)
    return mapping


def label_map(edited: dict[str, str | None] | None = None) -> dict[str, str]:
    """Return label_key -> category path: the editors' table (`edited`, label_key -> path
    or None to ignore a label) over the built-in one."""
    mapping = dict(built_in())
    for key, path in (edited or {}).items():
        if path:
            mapping[key] = path
        else:
            mapping.pop(key, None)
    return mapping


def mapped_label(categories, mapping: dict[str, str]) -> str | None:
    """Return the one category an entry's labels map to, or None (none, or several)."""
    found = {mapping[k] for k in (label_key(str(c)) for c in categories or ()) if k in mapping}
    return found.pop() if len(found) == 1 else None
