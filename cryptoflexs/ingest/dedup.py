"""Stage 4, de-duplicate.

Exact: `dedup_key` is a full SHA-256 of the GUID, else the canonical URL, else title and
content (as miniflux `internal/reader/rss/adapter.go` does); IngestedEntry.dedup_key is
unique, so the database, not this code, is the last word on "already stored".

Near-duplicate: another outlet's entry about the same event. `NearDuplicateIndex` holds the
recent entries of the time window and answers, cheapest check first:
1. time: only entries published within the window of this one;
2. title: candidates come from an inverted index of title words and must share at least
   two informative ones (words in a fifth of all titles do not count);
3. similarity: IDF-weighted Jaccard of the title words (IDF over the window, so that words
   every story uses, like "bitcoin" on a crypto site, count little), combined with the
   Jaccard similarity of the texts' word sets when both have text.
An entry joining a candidate joins that candidate's story.
"""

import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

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
    """.split()  # noqa: SIM905 - 150 quoted words would be harder to read
)
WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
MIN_SHARED_TITLE_WORDS = 2


def dedup_key(*, guid: str, url: str, title: str, content: str, scope: str) -> str:
    """Return the full SHA-256 hex key identifying an entry.

    A GUID that is an absolute URL, and the canonical URL, identify an entry everywhere (two
    feeds of one outlet carry the same item). An opaque GUID ("12345") or a title+content
    hash is only unique within one outlet, so `scope` (the feed's host) is part of it.
    """
    if guid:
        if guid.startswith(("http://", "https://")):
            material = f"guid\n{guid}"
        else:
            material = f"guid\n{scope}\n{guid}"
    elif url:
        material = f"url\n{url}"
    else:
        material = f"text\n{scope}\n{title}\n{content}"
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


def feed_scope(feed_url: str) -> str:
    """Return the host that scopes opaque GUIDs: the feed's host without `www.`."""
    host = (urlsplit(feed_url).hostname or "").lower()
    return host.removeprefix("www.")


def _stem(word: str) -> str:
    # Cheap English suffix folding, enough to meet "tapering"/"taper", "banks"/"bank".
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """Return the informative words of `text`: folded, stemmed, stopwords dropped."""
    text = unicodedata.normalize("NFKD", text or "").casefold()
    text = text.replace("'s", " ").replace("\u2019s", " ")
    return [_stem(w) for w in WORD.findall(text) if w not in STOPWORDS and len(w) > 1]


@dataclass
class Candidate:
    entry_id: int
    story_id: int | None
    source_id: int
    published_ts: float
    title_words: frozenset[str]
    text_words: frozenset[str]


@dataclass(frozen=True)
class Thresholds:
    window_hours: float = 72.0
    # Title similarity that alone makes a match.
    title_alone: float = 0.4
    # A weaker title similarity plus this Jaccard similarity of the texts' words also matches.
    title_with_text: float = 0.25
    text: float = 0.35
    min_text_words: int = 12


class NearDuplicateIndex:
    """The recent entries, indexed by title word, for near-duplicate lookups."""

    def __init__(self, thresholds: Thresholds | None = None):
        self.t = thresholds or Thresholds()
        self.entries: dict[int, Candidate] = {}
        self.postings: dict[str, set[int]] = {}
        self.df: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, candidate: Candidate) -> None:
        if candidate.entry_id in self.entries:
            return
        self.entries[candidate.entry_id] = candidate
        for word in candidate.title_words:
            self.postings.setdefault(word, set()).add(candidate.entry_id)
            self.df[word] += 1

    def _idf_function(self):
        """Return idf(word) over the index as it is now, memoised for one lookup."""
        n, df, memo = len(self.entries), self.df, {}

        def idf(word: str) -> float:
            value = memo.get(word)
            if value is None:
                # Smoothed: a word in one title of a small window still outweighs a common one.
                value = memo[word] = math.log((n + 2) / (df.get(word, 0) + 1)) + 0.5
            return value

        return idf

    def similarity(self, a: Candidate, b: Candidate, idf=None) -> float:
        """Return how likely `a` and `b` report the same event, from 0 to 1: the IDF-weighted
        Jaccard similarity of the title words, raised to the match threshold when a weaker
        title similarity comes with texts that share much of their words."""
        idf = idf or self._idf_function()
        union = a.title_words | b.title_words
        if not union:
            return 0.0
        title = sum(idf(w) for w in a.title_words & b.title_words) / sum(idf(w) for w in union)
        if (
            title >= self.t.title_with_text
            and len(a.text_words) >= self.t.min_text_words
            and len(b.text_words) >= self.t.min_text_words
        ):
            shared = len(a.text_words & b.text_words)
            text = shared / len(a.text_words | b.text_words)
            if text >= self.t.text:
                return max(title, self.t.title_alone)
        return title

    def match(self, probe: Candidate) -> Candidate | None:
        """Return the most similar entry of another source within the window, if any is
        similar enough to be the same story."""
        found = self.matches(probe)
        return found[0] if found else None

    def matches(self, probe: Candidate) -> list[Candidate]:
        """Return every entry of another source within the window similar enough to be
        the same story, most similar first."""
        window = self.t.window_hours * 3600
        idf = self._idf_function()
        # The cheap check: at least two informative title words in common. A word in a fifth
        # of all titles ("bitcoin" on a crypto site) is not informative: it would make every
        # entry a candidate and weighs little in the similarity anyway.
        common = max(50, len(self.entries) // 5)
        shared: Counter[int] = Counter()
        for word in probe.title_words:
            posting = self.postings.get(word)
            if posting and len(posting) <= common:
                shared.update(posting)
        found: list[tuple[float, int, Candidate]] = []
        for entry_id, count in shared.items():
            if count < MIN_SHARED_TITLE_WORDS:
                continue
            other = self.entries[entry_id]
            if other.source_id == probe.source_id or entry_id == probe.entry_id:
                continue
            if abs(other.published_ts - probe.published_ts) > window:
                continue
            score = self.similarity(probe, other, idf)
            if score >= self.t.title_alone:
                found.append((score, entry_id, other))
        found.sort(key=lambda item: (-item[0], item[1]))
        return [other for _, _, other in found]
