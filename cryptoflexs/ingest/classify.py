"""Stage 5, classify: our category for an entry and its coin tags, with the reasons.

A transparent keyword model an editor can read and tune: each category has weighted
patterns; a match in the title counts double; coin mentions (coins.py) add to Bitcoin,
Ethereum or Altcoin. The highest score wins; ties go to the more specific category (the
order of CATEGORIES). Below MIN_SCORE there is no category and the source's default applies.
"""

import re
from dataclasses import dataclass, field

from .coins import find_coins

# (key, display name, slugs to look for in the category tree, in order of preference)
CATEGORIES = (
    ("nft", "NFT", ("nft",)),
    ("defi", "DeFi", ("defi",)),
    ("regulation", "Regulation", ("regulation",)),
    ("exchange", "Exchange", ("exchange",)),
    ("adoption", "Adoption", ("adoption-news", "adoption")),
    ("ethereum", "Ethereum", ("ethereum",)),
    ("bitcoin", "Bitcoin", ("bitcoin",)),
    ("altcoin", "Altcoin", ("altcoin",)),
    ("trading", "Trading", ("trading",)),
    ("blockchain", "Blockchain", ("blockchain",)),
)
# Bitcoin, Ethereum and Altcoin live under "Crypto" in the site's tree.
CRYPTO_CHILDREN = {"bitcoin", "ethereum", "altcoin"}
TITLE_WEIGHT = 2.0
MIN_SCORE = 1.0


def _rules(*pairs: tuple[str, float]) -> list[tuple[re.Pattern, float]]:
    return [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), w) for p, w in pairs]


RULES: dict[str, list[tuple[re.Pattern, float]]] = {
    "nft": _rules(
        (r"nfts?|non-fungible|opensea|cryptopunks?|bored apes?|bayc|digital collectibles?", 3),
        (r"metaverse|collectibles?|digital art(?:work)?|pfp|mint(?:ed|ing)?|auction\w*", 1),
    ),
    "defi": _rules(
        (r"defi|decentrali[sz]ed finance|yield farm\w*|liquidity pools?|total value locked", 3),
        (r"tvl|dex(?:es)?|amm|lending protocols?|uniswap|aave|compound finance|makerdao", 2),
        (r"curve finance|sushi\w*|pancakeswap|dydx|flash loans?|daos?|smart contracts?", 1),
    ),
    "regulation": _rules(
        (r"regulat\w+|sec|cftc|lawsuits?|legislat\w+|lawmakers?|bill|ban(?:s|ned)?", 2),
        (r"court|judge|sued|sues|charges?d?|compliance|aml|kyc|sanction\w*|fined?|tax\w*", 1.5),
        (r"senate|congress|parliament|watchdog|licen[cs]\w*|policy|prosecutors?|fraud", 1),
    ),
    "exchange": _rules(
        (r"exchanges?|binance|coinbase|kraken|ftx|bitfinex|okx|bybit|kucoin|huobi", 1.5),
        (r"gemini|crypto\.com|bitstamp|listings?|delist\w*|withdrawals?|deposits?", 1),
    ),
    "adoption": _rules(
        (r"adopt\w*|legal tender|accept\w* (?:bitcoin|crypto\w*)|el salvador", 2),
        (r"payments?|merchants?|retailers?|paypal|visa|mastercard|institutional", 1),
        (r"partners\w*|integrat\w+|treasury|pension|banks?|brands?", 0.5),
    ),
    "ethereum": _rules(
        (r"ethereum|ether|vitalik|buterin|the merge|erc-?20|erc-?721|eip-?\d+", 2.5),
        (r"layer[- ]?2|l2s?|rollups?|gas fees?|ens|beacon chain|staked eth", 1),
    ),
    "bitcoin": _rules(
        (r"bitcoins?|btc|satoshi\w*|halving|lightning network|microstrategy|saylor", 2.5),
        (r"hash ?rate|miners?|mining|ordinals?|sats", 1),
    ),
    "altcoin": _rules(
        (r"altcoins?|alts|memecoins?|meme coins?|stablecoins?|tokens?", 2),
        (r"cbdc|airdrops?|coins?|ico", 1),
    ),
    "trading": _rules(
        (r"price analysis|technical analysis|traders?|trading|bullish|bearish|futures", 2),
        (r"price|rall(?:y|ies|ied)|surg\w+|plunge\w*|drops?|slumps?|resistance|support", 1),
        (r"liquidations?|etfs?|market|gains?|losses|falls?|rises?|jumps?|hits? \$?[\d.]+", 0.5),
    ),
    "blockchain": _rules(
        (r"blockchains?|distributed ledgers?|web3|mainnet|testnet|tokeni[sz]ation", 2),
        (r"protocols?|nodes?|consensus|interoperab\w+|enterprise|developers?|upgrade", 1),
    ),
}
# Bitcoin and Ether mentions are already scored by their rules; other coins make an Altcoin.
COIN_WEIGHT = {"bitcoin": ("bitcoin", 0.0), "ethereum": ("ethereum", 0.0)}
ALTCOIN_PER_COIN = 1.5


@dataclass
class Classification:
    category: str | None  # a key of CATEGORIES, or None when nothing scored enough
    coins: list[str]  # coin slugs
    scores: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "category": {k: n for k, n, _ in CATEGORIES}.get(self.category),
            "coins": self.coins,
            "scores": {k: round(v, 2) for k, v in self.scores.items() if v},
            "reasons": self.reasons,
        }


def classify(title: str, text: str = "", *, allowed: set[str] | None = None) -> Classification:
    """Return the category and coins of an entry from its title and text.

    `allowed` limits the choice to some category keys (for evaluation against a data set
    that uses fewer labels); coins are found regardless.
    """
    scores: dict[str, float] = {key: 0.0 for key, _, _ in CATEGORIES}
    reasons: dict[str, list[str]] = {}
    for part, weight in ((title, TITLE_WEIGHT), (text, 1.0)):
        if not part:
            continue
        for key, rules in RULES.items():
            for pattern, points in rules:
                found = {m.group(0).lower() for m in pattern.finditer(part)}
                if found:
                    scores[key] += points * weight * len(found) ** 0.5
                    where = "title" if weight == TITLE_WEIGHT else "text"
                    reasons.setdefault(key, []).append(f"{where}: {', '.join(sorted(found))}")
    mentions = find_coins(f"{title}\n{text}")
    in_title = {m.coin.slug for m in find_coins(title)} if title else set()
    others = 0.0
    for mention in mentions:
        slug = mention.coin.slug
        weight = TITLE_WEIGHT if slug in in_title else 1.0
        if slug in COIN_WEIGHT:
            key, points = COIN_WEIGHT[slug]
            scores[key] += points * weight
            reasons.setdefault(key, []).append(f"coin {mention.coin.name}")
        elif slug not in ("tether", "usd-coin", "dai"):
            others += ALTCOIN_PER_COIN * weight
            reasons.setdefault("altcoin", []).append(f"coin {mention.coin.name}")
    scores["altcoin"] += others
    candidates = [key for key, _, _ in CATEGORIES if allowed is None or key in allowed]
    best = max(candidates, key=lambda key: scores[key], default=None)
    if best is None or scores[best] < MIN_SCORE:
        best = None
    return Classification(
        category=best,
        coins=[m.coin.slug for m in mentions],
        scores=scores,
        reasons={k: v for k, v in reasons.items() if scores.get(k)},
    )
