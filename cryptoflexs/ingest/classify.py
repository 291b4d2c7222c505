"""Stage 5, classify: our category for an entry and its coin tags, with the reasons.

A transparent keyword model an editor can read and tune:
- each category has weighted patterns of general crypto vocabulary; a match in the title
  counts TITLE_WEIGHT times one in the text (a headline says what the story is about), and
  several different words of one rule count less than their sum (square root);
- the category named first in the title gets LEAD_BONUS (headlines lead with their subject:
  "Bitcoin and Ether slide" is a Bitcoin story);
- coin mentions (coins.py) other than Bitcoin and Ether add to Altcoin;
- the highest score wins; ties go to the more specific category (the order of CATEGORIES);
- below MIN_SCORE, any crypto signal still chooses (FALLBACK): the coin mentioned first
  (Bitcoin → Bitcoin, Ether → Ethereum, another coin → Altcoin), else general crypto words
  ("crypto", "digital assets") → Bitcoin, the market's bellwether, which is where outlets
  file general crypto news. With no crypto signal at all there is no category and the
  source's default applies.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from cryptoflexs.markets.registry import registry_version

from .coins import find_coins as _find_coins


def find_coins(text: str):
    """coins.find_coins, remembered for the texts of the last entries (the rules, the
    model's features and the story index all ask about the same headline and lead) while
    the coin registry stays the same."""
    return _found(text, registry_version())


@lru_cache(maxsize=1024)
def _found(text: str, version: str):
    return tuple(_find_coins(text))


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
TITLE_WEIGHT = 3.0
LEAD_BONUS = 1.5
MIN_SCORE = 1.0


def _rules(*pairs: tuple[str, float]) -> list[tuple[re.Pattern, re.Pattern, float]]:
    """Compile each rule twice: case-insensitive, and case-sensitive for lower-case text
    (several times faster; see `_lowered`)."""
    return [
        (re.compile(rf"\b(?:{p})\b", re.IGNORECASE), re.compile(rf"\b(?:{p})\b"), w)
        for p, w in pairs
    ]


def _lowered(text: str) -> str | None:
    """Return `text` in lower case when the lower-case patterns find in it exactly what the
    case-insensitive ones find in `text` (same length, so the same positions; none of the
    two letters that IGNORECASE also matches to an ASCII letter: dotless ı and long ſ),
    else None."""
    lowered = text.lower()
    if len(lowered) != len(text) or "\u0131" in lowered or "\u017f" in lowered:
        return None
    return lowered


RULES: dict[str, list[tuple[re.Pattern, re.Pattern, float]]] = {
    "nft": _rules(
        (r"nfts?|non-fungible|opensea|cryptopunks?|bored apes?|bayc|digital collectibles?", 3),
        (r"(?:nft|pfp|generative|art) collections?|play-to-earn|p2e|blur|magic eden|rarible", 2),
        (r"metaverse|collectibles?|digital art(?:work)?|pfp|mint(?:ed|ing|s)?|auction\w*", 1),
        (r"virtual (?:land|worlds?|real estate)|avatars?|in-game|gamefi|royalt(?:y|ies)", 1),
        (r"artists?|art|collectors?|floor price", 0.5),
    ),
    "defi": _rules(
        (r"defi|decentrali[sz]ed finance|yield farm\w*|liquidity pools?|total value locked", 3),
        (r"tvl|dex(?:es)?|amm|automated market makers?|decentrali[sz]ed exchanges?", 2),
        (r"lending (?:protocols?|platforms?|pools?)|borrow\w*|liquidity providers?", 2),
        (r"uniswap|aave|compound finance|makerdao|curve finance|sushiswap|pancakeswap|dydx", 2),
        (r"flash loans?|yields?|stak(?:e|ing) pools?|liquid staking|vaults?|swaps?", 1),
        (r"lending|liquidity|collateral\w*|protocols?|daos?|smart contracts?|exploit\w*", 0.5),
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
        (r"layer[- ]?2|l2s?|rollups?|gas fees?|beacon chain|staked eth|evm", 1),
    ),
    "bitcoin": _rules(
        (r"bitcoins?|btc|satoshi\w*|halving|lightning network|microstrategy|saylor", 2.5),
        (r"hash ?rate|miners?|mining|ordinals?|sats|spot etfs?", 1),
    ),
    "altcoin": _rules(
        (r"altcoins?|alts|memecoins?|meme coins?|stablecoins?", 2),
        (r"tokens?|airdrops?|icos?|token sales?|listings?|delist\w*", 1),
        (r"coins?|cbdcs?", 0.5),
        # A coin not in the registry: "Paycoin", "Floki Inu", "(KDA)"-style ticker.
        (r"(?!(?:bit|alt|stable|meme)coins?\b)[a-z]+coins?|[a-z]+ inu", 1.5),
    ),
    "trading": _rules(
        (r"price analysis|technical analysis|traders?|trading|bullish|bearish|futures", 2),
        (r"price|rall(?:y|ies|ied)|surg\w+|plunge\w*|drops?|slumps?|resistance|support", 1),
        (r"liquidations?|etfs?|market|gains?|losses|falls?|rises?|jumps?|hits? \$?[\d.]+", 0.5),
    ),
    "blockchain": _rules(
        (r"blockchains?|distributed ledgers?|dlt|web3|mainnet|testnet|tokeni[sz]\w+", 2),
        (r"enterprise|consortium|interoperab\w+|cross-chain|bridges?|layer[- ]?[01]", 1.5),
        (r"protocols?|nodes?|consensus|validators?|ledgers?|developers?|upgrades?|forks?", 1),
        (r"supply chains?|identity|infrastructure|networks?|chains?", 0.5),
    ),
}
# General crypto words: not a category of their own, but a crypto signal for FALLBACK.
CRYPTO_WORDS = re.compile(
    r"\b(?:crypto\w*|digital (?:assets?|currenc\w+)|virtual (?:assets?|currenc\w+)|"
    r"cryptoassets?|coins?|tokens?|blockchains?|web3|defi|nfts?|wallets?|exchanges?)\b",
    re.IGNORECASE,
)
# The category a coin mention chooses when nothing scored enough.
COIN_FALLBACK = {"bitcoin": "bitcoin", "ethereum": "ethereum"}
STABLECOINS = {"tether", "usd-coin", "dai"}
ALTCOIN_PER_COIN = 1.5


GENERAL_WORD_REASON = "fallback: general crypto word"


@dataclass
class Classification:
    category: str | None  # a key of CATEGORIES, or None when nothing scored enough
    coins: list[str]  # coin slugs
    scores: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)

    @property
    def weak(self) -> bool:
        """Whether the category rests only on a general crypto word (no rule, no coin)."""
        reasons = self.reasons.get(self.category, []) if self.category else []
        return bool(reasons) and all(r.startswith(GENERAL_WORD_REASON) for r in reasons)

    def as_dict(self) -> dict:
        return {
            "category": {k: n for k, n, _ in CATEGORIES}.get(self.category),
            "coins": self.coins,
            "scores": {k: round(v, 2) for k, v in self.scores.items() if v},
            "reasons": self.reasons,
        }


def _is_altcoin(slug: str) -> bool:
    return slug not in COIN_FALLBACK and slug not in STABLECOINS


def _position(mention, text: str) -> int:
    """Where `text` first names the coin (name, alias or ticker), or its length."""
    coin = mention.coin
    folded = text.casefold()
    found = [folded.find(n.casefold()) for n in (coin.name, coin.ticker, *coin.aliases)]
    return min((i for i in found if i >= 0), default=len(text))


def _fallback(title: str, text: str, allowed) -> tuple[str | None, str]:
    """Return the category any crypto signal chooses when no rule scored enough, and why."""

    def ok(key: str) -> bool:
        return allowed is None or key in allowed

    for part in (title, text):
        if not part:
            continue
        # The coin mentioned first in the title (else the text) says what the story is about.
        firsts = []
        for mention in find_coins(part):
            key = COIN_FALLBACK.get(mention.coin.slug, "altcoin")
            if ok(key):
                firsts.append((_position(mention, part), key, mention.coin.name))
        if firsts:
            _, key, name = min(firsts)
            return key, f"fallback: coin {name} mentioned first"
    found = CRYPTO_WORDS.search(f"{title}\n{text}")
    if found and ok("bitcoin"):
        return "bitcoin", f"{GENERAL_WORD_REASON} “{found.group(0)}”"
    return None, ""


def classify(title: str, text: str = "", *, allowed: set[str] | None = None) -> Classification:
    """Return the category and coins of an entry from its title and text.

    `allowed` limits the choice to some category keys (for evaluation against a data set
    that uses fewer labels); coins are found regardless.
    """
    scores: dict[str, float] = {key: 0.0 for key, _, _ in CATEGORIES}
    reasons: dict[str, list[str]] = {}
    lead: dict[str, int] = {}  # category -> where its first word is in the title
    for part, weight, where in ((title, TITLE_WEIGHT, "title"), (text, 1.0, "text")):
        if not part:
            continue
        lowered = _lowered(part)
        for key, rules in RULES.items():
            for anycase, lowercase, points in rules:
                found = {}
                matches = anycase.finditer(part) if lowered is None else lowercase.finditer(lowered)
                for m in matches:
                    found.setdefault(m.group(0).lower(), m.start())
                if found:
                    scores[key] += points * weight * len(found) ** 0.5
                    reasons.setdefault(key, []).append(f"{where}: {', '.join(sorted(found))}")
                    if where == "title" and points >= 1:
                        lead[key] = min(lead.get(key, len(part)), *found.values())
    mentions = find_coins(f"{title}\n{text}")
    title_mentions = find_coins(title) if title else []
    in_title = {m.coin.slug for m in title_mentions}
    others = []
    for mention in mentions:
        slug = mention.coin.slug
        if not _is_altcoin(slug):
            continue  # Bitcoin and Ether are scored by their rules; stablecoins by Altcoin's
        others.append(TITLE_WEIGHT if slug in in_title else 1.0)
        reasons.setdefault("altcoin", []).append(f"coin {mention.coin.name}")
    if others:
        # Several coins count less than their sum: a market round-up names many.
        scores["altcoin"] += ALTCOIN_PER_COIN * max(others) * len(others) ** 0.5
        alt_positions = [_position(m, title) for m in title_mentions if _is_altcoin(m.coin.slug)]
        if alt_positions:
            lead["altcoin"] = min(lead.get("altcoin", len(title)), *alt_positions)
    candidates = [key for key, _, _ in CATEGORIES if allowed is None or key in allowed]
    leading = [k for k in sorted(lead, key=lead.get) if k in candidates]
    if leading:
        scores[leading[0]] += LEAD_BONUS
        reasons.setdefault(leading[0], []).append("named first in the title")
    best = max(candidates, key=lambda key: scores[key], default=None)
    if best is None or scores[best] < MIN_SCORE:
        best, why = _fallback(title, text, allowed)
        if best:
            reasons.setdefault(best, []).append(why)
            scores[best] = max(scores[best], MIN_SCORE)
    return Classification(
        category=best,
        coins=[m.coin.slug for m in mentions],
        scores=scores,
        reasons={k: v for k, v in reasons.items() if scores.get(k)},
    )
