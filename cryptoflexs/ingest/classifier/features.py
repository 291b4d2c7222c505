"""What the category model sees of an entry: words and word pairs of the headline (which
say most), words of the start of the text, the coins it names (and which one the headline
names first), the keyword rules that fire on the headline, and the outlet's own labels.

Features are strings with a prefix: "t:" headline word or pair, "w:" text word, "coin:",
"lead:" (first coin of the headline), "rule:" (a keyword rule of classify.py), "fc:" (an
outlet label as written) and "map:" (the category an outlet label maps to)."""

import re
import unicodedata
from collections import Counter

from ..classify import RULES, _lowered, find_coins

TEXT_CHARS = 300
WORD = re.compile(r"[a-z][a-z0-9]+|\d+(?:[.,]\d+)?[kmb]?%?")
STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as into is are was were be been
    it its this that these those he she they we you his her their our your not no can could
    will would should may might must has have had do does did than then so up out over after
    before about what which who how when where why all any more most also just says said
    """.split()  # noqa: SIM905 - the list is easier to read as text
)


def tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text or "").casefold().replace("\u2019", "'")
    return [w for w in WORD.findall(folded.replace("'s ", " ")) if w not in STOPWORDS]


def label_key(label: str) -> str:
    """Normalise an outlet's category label ("Bitcoin News " → "bitcoin news")."""
    return " ".join(tokens(label.replace("-", " ").replace("_", " "))) or label.strip().casefold()


def document(
    title: str, text: str = "", categories=(), mapped: dict[str, str] | None = None
) -> Counter:
    """Return the feature counts of an entry. `mapped` maps outlet labels (label_key) to
    our category paths (see labels.py)."""
    features: Counter = Counter()
    head = tokens(title)
    for word in head:
        features["t:" + word] += 1
    for a, b in zip(head, head[1:], strict=False):
        features[f"t:{a}_{b}"] += 1
    lead = (text or "")[:TEXT_CHARS]
    for word in tokens(lead):
        features["w:" + word] += 1
    title_coins = find_coins(title) if title else []
    for mention in title_coins:
        features["coin:" + mention.coin.slug] += 2
    if title_coins:
        first = min(title_coins, key=lambda m: _position(m, title))
        features["lead:" + first.coin.slug] += 1
    for mention in find_coins(lead) if lead else []:
        features["coin:" + mention.coin.slug] += 1
    lowered = _lowered(title)
    for key, rules in RULES.items():
        for anycase, lowercase, points in rules:
            found = anycase.search(title) if lowered is None else lowercase.search(lowered)
            if found and points >= 1:
                features["rule:" + key] += 1
                break
    for label in categories or ():
        key = label_key(str(label))
        if not key:
            continue
        features["fc:" + key] += 1
        if mapped and key in mapped:
            features["map:" + mapped[key]] += 1
    return features


def _position(mention, text: str) -> int:
    folded = text.casefold()
    coin = mention.coin
    found = [folded.find(n.casefold()) for n in (coin.name, coin.ticker, *coin.aliases)]
    return min((i for i in found if i >= 0), default=len(text))
