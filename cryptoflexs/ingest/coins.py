"""The coin registry ingest classifies with; it lives in the markets app (coins are edited
in the admin there). The names below are those ingest has always used."""

from cryptoflexs.markets.registry import (
    COINS,
    CONTEXT_WORDS,
    CoinMention,
    find_coins,
    registry,
)
from cryptoflexs.markets.registry import CoinSpec as Coin

__all__ = ["COINS", "CONTEXT_WORDS", "Coin", "CoinMention", "coin_names", "find_coins"]


def coin_names() -> dict[str, str]:
    """Return {slug: name} of the coins known now."""
    return {coin.slug: coin.name for coin in registry().coins}
