"""Generate RSS feeds of made-up news, for the kill test and the ingest benchmark."""

import datetime as dt
import random
from email.utils import format_datetime
from xml.sax.saxutils import escape

SUBJECTS = [
    "Bitcoin", "Ethereum", "Solana", "Cardano", "Chainlink", "Polkadot", "Dogecoin", "Litecoin",
    "Uniswap", "Aave", "Binance", "Coinbase", "Kraken", "The SEC", "El Salvador", "OpenSea",
]  # fmt: skip
VERBS = [
    "rallies", "slides", "launches", "delays", "approves", "rejects", "integrates", "pauses",
    "expands", "settles", "audits", "upgrades", "lists", "delists", "acquires", "funds",
]  # fmt: skip
OBJECTS = [
    "a staking product", "its mainnet upgrade", "an ETF application", "a lending pool",
    "stablecoin payments", "NFT royalties", "a compliance review", "layer-2 rollups",
    "a treasury reserve", "validator rewards", "cross-chain bridges", "a custody service",
]  # fmt: skip
PARTNER_FIRST = [
    "Acme", "Borealis", "Cobalt", "Dune", "Ember", "Fjord", "Granite", "Harbor", "Iris",
    "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Onyx", "Pioneer", "Quartz", "Ridge",
    "Summit", "Tundra", "Umber", "Vesper", "Willow", "Xenon", "Yarrow", "Zephyr",
]  # fmt: skip
PARTNER_SECOND = [
    "Pay", "Capital", "Labs", "Ventures", "Bank", "Trust", "Fund", "Exchange", "Wallet",
    "Custody", "Mining", "Markets", "Group", "Cloud", "Partners", "Brokers", "Analytics",
]  # fmt: skip
CLOSERS = ["deal", "pact", "agreement", "partnership", "tie-up", "accord", "venture", "round"]
# Body text: sentences of words drawn from a vocabulary of a few thousand made-up words, so
# that unrelated entries share about as few words as unrelated news stories do.
SYLLABLES = ["ka", "lo", "mi", "ren", "sta", "vor", "tel", "qua", "din", "por", "shi", "bex"]
VOCABULARY = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES]


def feed_bytes(*, outlet: str, n: int, seed: int = 0, start: dt.datetime | None = None) -> bytes:
    """Return an RSS 2.0 feed of `n` distinct entries from `outlet`, newest first."""
    rng = random.Random(seed)  # noqa: S311 - test data
    start = start or dt.datetime(2026, 3, 3, 12, tzinfo=dt.UTC)
    items = []
    for i in range(n):
        title = (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} with "
            f"{rng.choice(PARTNER_FIRST)} {rng.choice(PARTNER_SECOND)} in "
            f"${rng.randint(2, 900)}M {rng.choice(CLOSERS)}"
        )
        published = start - dt.timedelta(minutes=7 * i)
        link = f"https://{outlet}.example/news/{seed}/{i}?utm_source=rss"
        text = " ".join(rng.choice(VOCABULARY) for _ in range(40))
        body = f"<p>{escape(title)}. {text}</p><p><img src='/img/{i}.jpg' alt=''></p>"
        items.append(
            f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
            f"<guid>{escape(link.split('?')[0])}</guid>"
            f"<pubDate>{format_datetime(published)}</pubDate>"
            f"<description><![CDATA[{body}]]></description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{outlet}</title><link>https://{outlet}.example/</link>"
        f"<description>Generated</description>{''.join(items)}</channel></rss>"
    ).encode()
