"""Typo tolerance: the words of published titles and excerpts, and the closest of them to a
word that matches nothing ("etherium" → "ethereum").

The vocabulary is read from the database once per content version (any published change
makes a new one) and shared through the cache; each process keeps a trigram index of it to
find candidates in a few milliseconds instead of comparing against every word.
"""

import threading
from collections import Counter, defaultdict

from django.core.cache import cache

from cryptoflexs.articles.models import Article
from cryptoflexs.core.cache import content_version

from .text import words

MIN_WORD_CHARS = 5  # shorter words have too many neighbours one typo away
CANDIDATES = 40

_local = threading.Lock()
_index: dict = {"version": None}


def _max_distance(word: str) -> int:
    return 1 if len(word) < 8 else 2


def _trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def distance(a: str, b: str, limit: int) -> int:
    """Return the edit distance (insert, delete, replace, swap neighbours), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return previous[-1]


def _load_counts() -> dict[str, int]:
    counts: Counter = Counter()
    rows = Article.objects.published().values_list("title", "excerpt").iterator(chunk_size=5000)
    for title, excerpt in rows:
        counts.update({w for w in words(f"{title} {excerpt}") if len(w) >= MIN_WORD_CHARS - 1})
    return dict(counts)


def _vocabulary() -> tuple[dict[str, int], dict[str, list[str]]]:
    version = content_version()
    with _local:
        if _index["version"] == version:
            return _index["counts"], _index["grams"]
    key = f"search:vocabulary:{version}"
    counts = cache.get(key)
    if counts is None:
        counts = _load_counts()
        cache.set(key, counts, 24 * 3600)
    grams: dict[str, list[str]] = defaultdict(list)
    for word in counts:
        if not word.isdigit():
            for gram in _trigrams(word):
                grams[gram].append(word)
    with _local:
        _index.update(version=version, counts=counts, grams=dict(grams))
    return counts, grams


def correction(word: str) -> str | None:
    """Return the known word closest to `word` (a typo away, the most frequent on ties)."""
    if len(word) < MIN_WORD_CHARS or word.isdigit():
        return None
    counts, grams = _vocabulary()
    if word in counts:
        return None
    shared: Counter = Counter()
    for gram in _trigrams(word):
        shared.update(grams.get(gram, ()))
    limit = _max_distance(word)
    best = None
    for candidate, _ in shared.most_common(CANDIDATES):
        d = distance(word, candidate, limit)
        if d <= limit:
            rank = (d, -counts[candidate], candidate)
            if best is None or rank < best:
                best = rank
    return best[2] if best else None
