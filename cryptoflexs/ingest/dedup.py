"""Stage 4, de-duplicate.

Exact: `dedup_key` is a full SHA-256 of the GUID, else the canonical URL, else title and
content (as miniflux `internal/reader/rss/adapter.go` does); IngestedEntry.dedup_key is
unique, so the database, not this code, is the last word on "already stored".

Near-duplicate: another outlet's entry about the same event. Outlets word one event very
differently ("Zentra halts withdrawals after hack" / "Hackers drain Zentra hot wallet"), so
an entry is compared with whole stories, not only with single entries: `NearDuplicateIndex`
groups the recent entries of the time window by story (an entry of no story yet is a story
of its own) and keeps, per story, how many of its titles use each word (its centroid). A new
entry joins the story whose centroid is most similar to its title, checked cheapest first:
1. candidates: only stories sharing an informative title word with the entry, from an
   inverted index (a word in a fifth of all stories, such as "bitcoin" on a crypto site,
   finds no candidates on its own);
2. time: only stories with an entry within the window of this one, and with an entry of
   another source (an outlet's own follow-ups are not "also reported by");
3. similarity: cosine of the entry's title words and the story's centroid, each word
   weighted by its IDF over stories (not over entries: a story told by fifty outlets must
   not make its own name a common word), at least `Thresholds.story`;
   or a weaker similarity (`title_with_text`) with a text that shares much of its words
   (Jaccard at least `text`) with one of the story's texts.
`match()` returns the story's entry most like the new one; the store joins its story.
"""

import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

from .coins import COINS

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


@cache
def _coin_words() -> dict[str, str]:
    """One word per coin: its one-word names and its ticker (unless the ticker is an English
    word) fold to its slug, so "Ethereum (ETH)" is one shared word, not two."""
    folded = {}
    for coin in COINS:
        for name in (coin.name, *coin.aliases):
            if " " not in name and not coin.ambiguous_name:
                folded[name.casefold()] = coin.slug
        if not coin.ambiguous_ticker:
            folded[coin.ticker.casefold()] = coin.slug
    return folded


def words(text: str) -> list[str]:
    """Return the informative words of `text`: folded, stemmed, stopwords dropped, coin
    names and tickers folded to one word per coin."""
    text = unicodedata.normalize("NFKD", text or "").casefold()
    text = text.replace("'s", " ").replace("\u2019s", " ")
    coins = _coin_words()
    return [
        coins.get(w) or _stem(w) for w in WORD.findall(text) if w not in STOPWORDS and len(w) > 1
    ]


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
    # Cosine of an entry's title words and a story's centroid that makes it join the story.
    # Chosen on half of the labelled story clusters (bench/ingest.py; 0.18 was best there)
    # and raised to 0.3 after checking false merges on an unlabelled month of crypto outlets,
    # whose stories share far more vocabulary than general news does. (A higher bar for
    # small stories was tried: it cost recall and precision both.)
    story: float = 0.3
    # Informative title words (see `match`), not numbers, an entry must share with a story.
    min_shared_words: int = 2
    # A weaker similarity plus this Jaccard similarity with one of the story's texts also joins.
    title_with_text: float = 0.1
    text: float = 0.35
    min_text_words: int = 12


@dataclass
class _Story:
    """A story of the index: its entries and how many of their titles use each word."""

    members: list[int] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    sources: Counter = field(default_factory=Counter)
    first_ts: float = math.inf
    last_ts: float = -math.inf
    # (size, number of stories) when `norm` was computed, and the centroid's norm then.
    norm_at: tuple[int, int] = (0, 0)
    norm: float = 0.0


StoryKey = tuple[str, int]
# How many of a story's latest entries the text check compares with.
TEXT_CHECKS = 8


class NearDuplicateIndex:
    """The recent entries, grouped by story and indexed by title word, for near-duplicate
    lookups (see the module's docstring)."""

    def __init__(self, thresholds: Thresholds | None = None):
        self.t = thresholds or Thresholds()
        self.entries: dict[int, Candidate] = {}
        self.stories: dict[StoryKey, _Story] = {}
        self.story_of: dict[int, StoryKey] = {}
        # word -> the stories whose titles use it; its length is the word's document frequency.
        self.postings: dict[str, set[StoryKey]] = {}
        self._last_match: Candidate | None = None

    def __len__(self) -> int:
        return len(self.entries)

    @staticmethod
    def _key(candidate: Candidate) -> StoryKey:
        if candidate.story_id is not None:
            return ("story", candidate.story_id)
        return ("entry", candidate.entry_id)

    def add(self, candidate: Candidate) -> None:
        """Add an entry to its story in the index (to a story of its own when it has none)."""
        if candidate.entry_id in self.entries:
            return
        # The store gives a lone entry its story when another joins it (match() returned it):
        # move it from its own group to that story first.
        last, self._last_match = self._last_match, None
        if last is not None and last.entry_id in self.entries:
            self._regroup(last)
        self.entries[candidate.entry_id] = candidate
        self._attach(candidate, self._key(candidate))

    def _attach(self, candidate: Candidate, key: StoryKey) -> None:
        story = self.stories.get(key)
        if story is None:
            story = self.stories[key] = _Story()
        story.members.append(candidate.entry_id)
        story.sources[candidate.source_id] += 1
        story.first_ts = min(story.first_ts, candidate.published_ts)
        story.last_ts = max(story.last_ts, candidate.published_ts)
        for word in candidate.title_words:
            if not story.counts[word]:
                self.postings.setdefault(word, set()).add(key)
            story.counts[word] += 1
        self.story_of[candidate.entry_id] = key

    def _regroup(self, candidate: Candidate) -> None:
        old, new = self.story_of[candidate.entry_id], self._key(candidate)
        if old == new:
            return
        story = self.stories.pop(old)
        for word in story.counts:
            self.postings[word].discard(old)
        for entry_id in story.members:
            self._attach(self.entries[entry_id], new)

    def _idf_function(self):
        """Return idf(word) over the stories of the index as it is now, memoised."""
        n, postings, memo = len(self.stories), self.postings, {}

        def idf(word: str) -> float:
            value = memo.get(word)
            if value is None:
                posting = postings.get(word)
                value = memo[word] = math.log((n + 1) / ((len(posting) if posting else 0) + 0.5))
            return value

        return idf

    def _norm(self, story: _Story, idf) -> float:
        """The norm of the story's IDF-weighted centroid, recomputed when the story grew or
        the index has 5% more stories than when it was computed (IDF moves slowly)."""
        size, n = len(story.members), len(self.stories)
        at_size, at_n = story.norm_at
        if size != at_size or n > at_n * 1.05 + 1:
            story.norm = math.sqrt(
                sum((k / size * idf(word)) ** 2 for word, k in story.counts.items())
            )
            story.norm_at = (size, n)
        return story.norm

    def _text_agrees(self, probe: Candidate, story: _Story) -> bool:
        """Whether `probe`'s text shares at least `text` (Jaccard) of its words with the text
        of one of the story's latest entries (a few suffice: copies arrive close together)."""
        mine = probe.text_words
        if len(mine) < self.t.min_text_words:
            return False
        for entry_id in story.members[-TEXT_CHECKS:]:
            theirs = self.entries[entry_id].text_words
            if len(theirs) < self.t.min_text_words:
                continue
            # Jaccard can reach the bar only if the smaller set is large enough.
            if min(len(mine), len(theirs)) < self.t.text * max(len(mine), len(theirs)):
                continue
            shared = len(mine & theirs)
            if shared >= self.t.text * (len(mine) + len(theirs) - shared):
                return True
        return False

    def score(self, probe: Candidate, key: StoryKey, idf=None, weights=None) -> float:
        """Return how likely `probe` reports the story `key`, from 0 to 1: the cosine of its
        IDF-weighted title words and the story's centroid, raised to the join threshold when
        a weaker similarity comes with a text much like one of the story's. `weights` (the
        probe's words' squared IDF and their norm) saves work when scoring many stories."""
        idf = idf or self._idf_function()
        squared, norm = weights or self._weights(probe, idf)
        story = self.stories[key]
        story_norm = self._norm(story, idf)
        if not norm or not story_norm:
            return 0.0
        counts = story.counts
        dot = sum(w2 * counts[word] for word, w2 in squared.items() if word in counts)
        cosine = dot / (len(story.members) * norm * story_norm)
        if self.t.title_with_text <= cosine < self.t.story and self._text_agrees(probe, story):
            return self.t.story
        return cosine

    @staticmethod
    def _weights(probe: Candidate, idf) -> tuple[dict[str, float], float]:
        squared = {word: idf(word) ** 2 for word in probe.title_words}
        return squared, math.sqrt(sum(squared.values()))

    def match(self, probe: Candidate) -> Candidate | None:
        """Return the entry (of another source, within the window) of the story `probe` most
        likely reports, if one is similar enough; the store joins that entry's story."""
        if not probe.title_words:
            return None
        window = self.t.window_hours * 3600
        ts = probe.published_ts
        idf = self._idf_function()
        # The cheap check: an informative title word in common.
        common = max(50, len(self.stories) // 5)
        # Numbers ("116", "2026") coincide too easily to count as shared words by themselves.
        shared: Counter[StoryKey] = Counter()
        for word in probe.title_words:
            posting = self.postings.get(word)
            if posting and len(posting) <= common and not word[0].isdigit():
                shared.update(posting)
        best: tuple[float, StoryKey] | None = None
        weights = self._weights(probe, idf)
        for key, count in shared.items():
            if count < self.t.min_shared_words:
                continue
            story = self.stories[key]
            if ts < story.first_ts - window or ts > story.last_ts + window:
                continue
            sources = story.sources  # a source's count is never 0
            if len(sources) == 1 and probe.source_id in sources:
                continue
            score = self.score(probe, key, idf, weights)
            if score >= self.t.story and (best is None or (score, key) > best):
                best = (score, key)
        if best is None:
            return None
        found = self._closest_member(probe, self.stories[best[1]], idf, window)
        self._last_match = found
        return found

    def _closest_member(self, probe, story: _Story, idf, window) -> Candidate | None:
        found, found_score = None, -1.0
        for entry_id in story.members:
            other = self.entries[entry_id]
            if other.source_id == probe.source_id or entry_id == probe.entry_id:
                continue
            if abs(other.published_ts - probe.published_ts) > window:
                continue
            score = sum(idf(w) for w in probe.title_words & other.title_words)
            if score > found_score or (score == found_score and entry_id < found.entry_id):
                found, found_score = other, score
        return found
