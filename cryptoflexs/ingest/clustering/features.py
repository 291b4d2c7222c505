"""What an entry says, reduced to what the same-story decision compares.

- terms: informative words of the title and of the start of the text (folded, lightly
  stemmed, stopwords dropped; a coin's names and ticker fold to one term per coin);
- names: capitalised names of organisations and people (not coins), as terms;
- amounts: numbers that pin an event down ("$182 million", "20%", "2,364 ETH", "1,367"),
  normalised so that "$88.6M" and "$88.6 million" are one amount;
- coins: the coins the entry is about (the coin registry's slugs);
- kind: headlines that share words without reporting one event (price predictions and
  analysis, market wraps, "top N" lists, sponsored posts), which join a story only on
  strong evidence.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from cryptoflexs.markets.registry import registry_version

from ..classify import find_coins
from ..coins import COINS

# Words that say nothing about which event a headline reports.
STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as into onto over under about
    after before than then so is are was were be been being am do does did done has have had
    having it its this that these those there here he she they we you i me my our your their
    his her them us not no nor can could will would shall should may might must up down out
    off new says said say told tells report reports reported update updates via amid vs just
    more most less least very what which who whom whose when where why how all any both each
    few other some such only own same too s t also still yet again now today week year
    here's heres what's whats it's its
    """.split()  # noqa: SIM905 - 150 quoted words would be harder to read
)
# Capitalised words that are not names: headline furniture, months, days.
NOT_NAMES = frozenset(
    """
    breaking news update exclusive analysis opinion report watch live video podcast
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday q1 q2 q3 q4 h1 h2 ceo cfo cto coo us usa uk eu ai etf etfs
    """.split()  # noqa: SIM905
)
WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
RAW_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z]")
SENTENCE_END = re.compile(r"[.!?:;\"“”‘’()\[\]—–-]\s*$")

_MAGNITUDE = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "b": 1e9,
    "bn": 1e9, "billion": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12,
}  # fmt: skip
NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
MONEY = re.compile(
    r"(?:(?<![\w$])(?:US)?\$|\bUSD\s?|€|£)\s?" + NUMBER + r"\s?"
    r"(k|thousand|mn|mln|m|million|bn|b|billion|tn|t|trillion)?\b",
    re.IGNORECASE,
)
PERCENT = re.compile(NUMBER + r"\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)
QUANTITY = re.compile(
    r"(?<![\w$.,])" + NUMBER + r"\s?(k|thousand|m|million|b|billion)?\s+([A-Za-z$][\w$]{1,15})",
    re.IGNORECASE,
)
# A release ("xrpld 3.2.1", "v2.14.0"): three-part version numbers name one release.
VERSION = re.compile(r"(?<![\w.,$])v?(\d{1,3}\.\d{1,3}\.\d{1,3})(?![\w.,%]*\d)", re.IGNORECASE)
BARE = re.compile(r"(?<![\w$.,])" + NUMBER + r"(?![\w%])")

KINDS = (
    (
        "sponsored",
        re.compile(
            r"\b(?:sponsored|press release|presale|pre-sale|casinos?|sportsbooks?|betting|"
            r"gambling|bonus codes?|promo codes?|airdrop guide)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "list",
        re.compile(
            r"\b(?:top|best)\s+\d+\b|(?<![\d,.])\b\d{1,2}\s+(?:best|top|cheapest|altcoins|"
            r"coins|cryptos|"
            r"cryptocurrencies|tokens|memecoins|meme coins|reasons|things|ways)\b|"
            r"\bbest (?:crypto|altcoins?|coins?|tokens?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "wrap",
        re.compile(
            r"\b(?:market (?:wrap|update|recap)|weekly (?:recap|roundup|round-up|wrap)|"
            r"this week in|week in review|winners and losers|weekend watch|daily (?:digest|"
            r"recap|briefing)|morning (?:briefing|report)|what happened in|key events)\b|"
            r"\+ more news\b|\bnews today\b|^\s*live\b|"
            # A headline that ends on a day ("...New Investments: August 3") is a digest.
            r"[:|–—-]\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
            r"\s+\d{1,2}(?:,\s*\d{4})?\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        # A market move told through the news of the day ("Bitcoin Prices Rally In Spite
        # Of $116 Million Coldcard Hack"): the story is the price, not the event.
        "market",
        re.compile(
            r"\b(?:price|prices|btc|bitcoin|crypto market|markets?|stock|shares)(?:\s+\([^)]*\))?"
            r"\s+(?:rall(?:y|ies)|slips?|rises?|"
            r"falls?|drops?|jumps?|surges?|climbs?|dips?|tumbles?|slides?|rebounds?|"
            r"pushes toward|sinks?|soars?|plunges?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "prediction",
        re.compile(
            r"\bprice (?:prediction|forecast|analysis|outlook|targets?)\b|\bpredict\w*|"
            r"\bforecasts?\b|\btechnical analysis\b|\b(?:support|resistance|breakout|"
            r"neckline|fibonacci|head (?:and|&) shoulders|triple bottom|double top|"
            r"channel|pattern|targets?)\b|\beyes \$|\b(?:could|will|can|to) (?:hit|reach|"
            r"soar)\b|"
            # Asking a chatbot for a price is a genre: each outlet asks its own.
            r"\b(?:asked|asks|ask|according to) (?:chatgpt|grok|gemini|claude|deepseek|ai)\b|"
            r"\b(?:chatgpt|grok|gemini|claude|deepseek|ai) (?:predicts|forecasts|projects|"
            r"sees|says where)\b|\bwhere \S+(?: \S+)? will (?:trade|be|price)\b|"
            # A question about a coin's next move ("Will XRP Buck Its August Streak?").
            r"\b(?:send|push|take|propel|lift|drive)s? \S+(?: \S+)? (?:to|toward|towards|above|"
            r"past|over|beyond) \$|"
            r"\bwill \S+(?: \S+){0,2} (?:buck|break|rally|crash|recover|rebound|surge|pump|"
            r"dump|flip|bounce|climb|drop|fall|rise|hold|moon)\b[^?]*\?",
            re.IGNORECASE,
        ),
    ),
)


def stem(word: str) -> str:
    # Cheap English suffix folding, enough to meet "tapering"/"taper", "banks"/"bank".
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _coin_words() -> dict[str, str]:
    return _coin_words_for(registry_version())


@lru_cache(maxsize=4)
def _coin_words_for(version: str) -> dict[str, str]:
    """One term per coin: its one-word names and its ticker (unless the ticker is an
    English word) fold to its slug, so "Ethereum (ETH)" is one shared term, not two."""
    folded = {}
    for coin in COINS:
        for name in (coin.name, *coin.aliases):
            if " " not in name and not coin.ambiguous_name:
                folded[name.casefold()] = coin.slug
        if not coin.ambiguous_ticker:
            folded[coin.ticker.casefold()] = coin.slug
    return folded


def _coin_names() -> frozenset[str]:
    return _coin_names_for(registry_version())


@lru_cache(maxsize=4)
def _coin_names_for(version: str) -> frozenset[str]:
    """Every name, alias, ticker and slug of the registry's coins, folded: never a name."""
    found = set()
    for coin in COINS:
        for name in (coin.name, *coin.aliases, coin.ticker, coin.slug):
            found.add(name.casefold())
            found.update(WORD.findall(name.casefold()))
    return frozenset(found)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").casefold()
    return text.replace("'s", " ").replace("\u2019s", " ")


def words(text: str) -> list[str]:
    """Return the informative terms of `text`, in order (see the module docstring). Pure
    numbers are left to `amounts`."""
    coins = _coin_words()
    return [
        coins.get(w) or stem(w)
        for w in WORD.findall(_fold(text))
        if w not in STOPWORDS and len(w) > 1 and not w[0].isdigit()
    ]


def _value(whole: str, fraction: str | None, unit: str | None) -> float:
    value = float(whole.replace(",", "") + ("." + fraction if fraction else ""))
    return value * _MAGNITUDE.get((unit or "").lower(), 1.0)


def _fmt(value: float) -> str:
    return f"{value:.4g}"


def amounts(text: str) -> set[str]:
    """Return the amounts `text` states: "usd:7e+07", "pct:20", "qty:bitcoin:2364",
    "num:1367". Years, and bare numbers below 100, are not amounts."""
    found: set[str] = set()
    taken: list[tuple[int, int]] = []
    for match in VERSION.finditer(text):
        found.add("ver:" + match.group(1))
        taken.append(match.span())
    for match in MONEY.finditer(text):
        found.add("usd:" + _fmt(_value(*match.groups())))
        taken.append(match.span())
    for match in PERCENT.finditer(text):
        found.add("pct:" + _fmt(_value(match.group(1), match.group(2), None)))
        taken.append(match.span())
    coins = _coin_words()
    for match in QUANTITY.finditer(text):
        unit = match.group(4).lstrip("$").casefold()
        coin = coins.get(unit) or coins.get(unit.rstrip("s"))
        if coin and not any(a <= match.start() < b for a, b in taken):
            found.add(f"qty:{coin}:" + _fmt(_value(*match.groups()[:3])))
            taken.append(match.span())
    for match in BARE.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        value = _value(match.group(1), match.group(2), None)
        is_year = match.group(2) is None and 1990 <= value <= 2040
        if value >= 100 and not is_year:
            found.add("num:" + _fmt(value))
    return found


def _is_title_case(raw: list[str]) -> bool:
    content = [w for w in raw if w.casefold() not in STOPWORDS and w[0].isalpha()]
    capitals = sum(w[0].isupper() for w in content)
    return len(content) >= 3 and capitals / len(content) > 0.6


def names(title: str, text: str) -> set[str]:
    """Return the capitalised names of `title` and `text` (as terms), not coins: a word
    in capitals mid-sentence, an acronym or a CamelCase word. In a headline in Title Case
    every word is capitalised, so there only acronyms, CamelCase words and the names the
    text itself capitalises count."""
    coins = _coin_words()
    coin_names = _coin_names()

    def candidates(part: str, every_capital: bool) -> set[str]:
        found = set()
        previous_end = True
        for match in RAW_WORD.finditer(part):
            word = match.group(0).strip("'’.-")
            before = part[max(0, match.start() - 3) : match.start()]
            sentence_start = previous_end or bool(SENTENCE_END.search(before))
            previous_end = word.endswith(".") and len(word) > 3
            if len(word) < 2:
                continue
            upper = word.isupper() and len(word) >= 2
            camel = not upper and any(c.isupper() for c in word[1:]) and word[0].isalpha()
            capital = word[0].isupper()
            if upper or camel or (capital and not sentence_start and not every_capital):
                folded = _fold(word).replace("'", "").replace("\u2019", "")
                if folded in STOPWORDS or folded in NOT_NAMES or folded in coin_names:
                    continue
                if folded in coins:
                    continue
                for piece in WORD.findall(folded):
                    if piece in STOPWORDS or piece in coin_names or piece[0].isdigit():
                        continue
                    if len(piece) > 1:
                        found.add(stem(piece))
        return found

    from_text = candidates(text, False) if text else set()
    raw_title = RAW_WORD.findall(title)
    title_case = _is_title_case(raw_title)
    from_title = candidates(title, title_case)
    if title_case:
        # Capitalised headline words the text also capitalises are names too.
        title_terms = set(words(title))
        from_title |= title_terms & from_text
    return from_title | from_text


def capitals(title: str) -> set[str]:
    """Return the capitalised words of a headline in Title Case, as terms: names or not,
    which the index decides by whether other entries write them as names."""
    raw = RAW_WORD.findall(title)
    if not _is_title_case(raw):
        return set()
    found = set()
    coin_names = _coin_names()
    for word in raw:
        if word[0].isupper():
            found.update(
                w
                for w in words(word)
                if w not in coin_names and w not in NOT_NAMES and w not in STOPWORDS
            )
    return found


REACTION = re.compile(
    r"\b(?:rejects?|denies|deny|refutes?|dismisses|rebuts?|disputes?|clarifies|"
    r"hits back|pushes back|fires back|says no|defends?)\b",
    re.IGNORECASE,
)


def reaction(title: str) -> bool:
    """Whether a headline reports a denial or rebuttal of something (a report, a claim):
    a new event (rule 2 of bench/same_story/RUBRIC.md), not the thing answered."""
    return bool(REACTION.search(title))


def kind(title: str) -> str:
    """Return the kind of headline that only strong evidence joins to a story, or ""."""
    for name, pattern in KINDS:
        if pattern.search(title):
            return name
    return ""


@dataclass(frozen=True)
class Features:
    """An entry as the story index sees it (stored with the entry, see `as_text`)."""

    title: frozenset[str]
    body: frozenset[str]
    names: frozenset[str]
    amounts: frozenset[str]
    title_amounts: frozenset[str]
    coins: frozenset[str]
    kind: str = ""
    capitals: frozenset[str] = frozenset()
    reaction: bool = False

    @cached_property
    def terms(self) -> frozenset[str]:
        # Cached (the instance dict, past the frozen __setattr__): compared many times.
        return self.title | self.body

    def as_text(self) -> str:
        """Return the specifics as one line of space-separated tokens (for storage)."""
        parts = [f"n:{n}" for n in sorted(self.names)]
        parts += [f"a:{a}" for a in sorted(self.amounts - self.title_amounts)]
        parts += [f"ta:{a}" for a in sorted(self.title_amounts)]
        parts += [f"c:{c}" for c in sorted(self.coins)]
        parts += [f"tc:{c}" for c in sorted(self.capitals - self.names)]
        if self.kind:
            parts.append(f"k:{self.kind}")
        if self.reaction:
            parts.append("r:1")
        return " ".join(parts)

    @classmethod
    def from_stored(cls, title_words: str, text_words: str, specifics: str) -> "Features":
        by: dict[str, set[str]] = {k: set() for k in ("n", "a", "ta", "c", "k", "tc", "r")}
        for token in specifics.split():
            prefix, _, value = token.partition(":")
            if prefix in by:
                by[prefix].add(value)
        return cls(
            title=frozenset(title_words.split()),
            body=frozenset(text_words.split()),
            names=frozenset(by["n"]),
            amounts=frozenset(by["a"] | by["ta"]),
            title_amounts=frozenset(by["ta"]),
            coins=frozenset(by["c"]),
            kind=next(iter(by["k"]), ""),
            capitals=frozenset(by["tc"]),
            reaction=bool(by["r"]),
        )


LEAD_CHARS = 700
NAME_CHARS = 700  # names from the start of the text: the actors come first
COIN_CHARS = 300  # as the classifier reads it, so the coin lookups are shared


def features(title: str, text: str = "") -> Features:
    """Return the features of an entry from its title and (the start of) its text."""
    text = text or ""
    lead = text[:LEAD_CHARS]
    title_amounts = amounts(title)
    return Features(
        title=frozenset(words(title)),
        body=frozenset(words(lead)),
        names=frozenset(names(title, lead[:NAME_CHARS])),
        amounts=frozenset(title_amounts | amounts(lead)),
        title_amounts=frozenset(title_amounts),
        coins=frozenset(m.coin.slug for m in find_coins(f"{title}\n{text[:COIN_CHARS]}")),
        kind=kind(title),
        capitals=frozenset(capitals(title)),
        reaction=reaction(title),
    )
