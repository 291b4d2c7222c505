"""The same-story decision: which earlier entry (of another outlet) a new entry reports the
same event as, if any.

`StoryIndex` holds the entries of the time window. For a new entry it
1. finds candidates through an inverted index of title terms, names and amounts (terms in
   too many entries find nothing on their own), ranked by the weight of what they share,
   so the cost per entry stays small however many entries the window holds;
2. compares the entry with each candidate (`evidence`): the cosine of their TF-IDF vectors
   (title and start of the text; IDF over the site's entries, updated as they arrive, with
   a prior from the seed texts), how much of each headline's weight the other entry covers,
   and the specifics that pin an event down: shared names and amounts, and amounts in both
   headlines that disagree ("$70M" / "$88M": a later development, another story);
3. decides (`Thresholds`): a pair joins when it is similar enough and shares a specific
   beyond the coin (two entries about one coin with nothing else in common are two
   stories); price predictions, market wraps, lists and sponsored posts need much more;
   the bar rises with the time between the two (an event is reported within hours);
4. joins the story of the best candidate that passes, unless an amount of the new entry's
   headline contradicts one of that story's other headlines.
"""

import math
from collections import Counter
from dataclasses import dataclass

from .evidence import Evidence, Thresholds, agree, parse_amount, pins
from .features import Features

HOUR = 3600.0
PRIOR_DOCS = 100


@dataclass
class Entry:
    """An entry of the index. Ids may be provisional (negative) for entries the run has not
    stored yet, and so may story ids for stories it has not created yet (see rename)."""

    entry_id: int
    story_id: int | None
    source_id: int
    published_ts: float
    features: Features
    article_id: int | None = None


class StoryIndex:
    """The entries of the window, for same-story lookups (see the module docstring)."""

    def __init__(self, thresholds: Thresholds | None = None, prior: Counter | None = None):
        self.t = thresholds or Thresholds()
        self.entries: dict[int, Entry] = {}
        self.postings: dict[str, set[int]] = {}
        self.df: Counter = Counter()
        # In how many entries each term is written as a name (decides which capitalised
        # words of a Title Case headline are names).
        self.name_df: Counter = Counter()
        self.lower_df: Counter = Counter()
        self.n = 0
        self.members: dict[int, list[int]] = {}  # story id -> entry ids
        # Document frequencies of the seed texts: a new site's first entries still know
        # that "price" and "market" are common words. prior[""] is their number.
        self.prior = prior or Counter()
        self._idf_memo: dict[str, float] = {}
        self._memo_n = -1
        # id(features) -> (features, weights, norm, headline weight), for the current IDF.
        self._vectors: dict[int, tuple] = {}

    def __len__(self) -> int:
        return len(self.entries)

    # --- weights -------------------------------------------------------------------
    def idf(self, term: str) -> float:
        self._fresh()
        return self._weight(term)

    def _fresh(self) -> None:
        # IDF moves slowly: recomputed once the index has grown by a twentieth. Only `add`
        # changes the count, so one check per comparison or lookup is enough.
        if self.n > self._memo_n * 1.05 + 5 or self.n < self._memo_n:
            self._idf_memo, self._memo_n, self._vectors = {}, self.n, {}

    def _weight(self, term: str) -> float:
        """The IDF of `term` for the current memo (call `_fresh` first)."""
        value = self._idf_memo.get(term)
        if value is None:
            # The prior counts as PRIOR_DOCS documents however many seed texts there are:
            # it steadies a new site's figures and fades as the site's own entries grow.
            seed = self.prior[""]
            share = self.prior[term] / seed if seed else 0.0
            n = self.n + (PRIOR_DOCS if seed else 0)
            df = self.df[term] + (PRIOR_DOCS * share if seed else 0)
            value = self._idf_memo[term] = max(0.0, math.log((n + 1) / (df + 0.5)))
        return value

    def names_of(self, f: Features) -> set[str]:
        """The entry's names, with the capitalised headline words others write as names."""
        return set(f.names) | {c for c in f.capitals if self.name_df[c] > self.lower_df[c]}

    @staticmethod
    def _keys(f: Features) -> set[str]:
        return set(f.title) | {"n:" + n for n in f.names} | {"a:" + a for a in f.title_amounts}

    # --- maintenance ---------------------------------------------------------------
    def add(self, entry: Entry) -> None:
        """Add an entry (its story may be None: a story of its own so far)."""
        if entry.entry_id in self.entries:
            return
        self.entries[entry.entry_id] = entry
        f = entry.features
        self.n += 1
        self.df.update(f.terms | {"n:" + n for n in f.names} | {"a:" + a for a in f.amounts})
        self.name_df.update(f.names)
        self.lower_df.update(f.body - f.names)
        for key in self._keys(f):
            self.postings.setdefault(key, set()).add(entry.entry_id)
        if entry.story_id is not None:
            self.members.setdefault(entry.story_id, []).append(entry.entry_id)

    def set_story(self, entry_id: int, story_id: int) -> None:
        """Record that a lone entry now has a story (the store gave it one)."""
        entry = self.entries.get(entry_id)
        if entry is not None and entry.story_id is None:
            entry.story_id = story_id
            self.members.setdefault(story_id, []).append(entry_id)

    def rename_story(self, old: int, new: int) -> None:
        """Give a provisional story its real id (or another story's, when it turned out to
        be one already): its members move."""
        if old == new:
            return
        members = self.members.pop(old, [])
        for entry_id in members:
            self.entries[entry_id].story_id = new
        self.members.setdefault(new, []).extend(members)

    # --- comparison ----------------------------------------------------------------
    def _vector(self, f: Features) -> tuple[Features, dict[str, float], float, float]:
        """Return the TF-IDF weights of an entry (headline terms count 1.5 times), their
        norm and the headline's weight, cached while the IDF stays put."""
        self._fresh()  # refreshes the memo (and this cache) when due
        cached = self._vectors.get(id(f))
        if cached is not None and cached[0] is f:
            return cached
        idf = self._weight
        weights = {t: idf(t) for t in f.body}
        headline = 0.0
        for t in f.title:
            w = idf(t)
            weights[t] = 1.5 * w
            headline += w
        norm = math.sqrt(sum(w * w for w in weights.values()))
        cached = self._vectors[id(f)] = (f, weights, norm, headline)
        return cached

    def _coverage(self, a: Features, b: Features, headline: float) -> float:
        """The share of `a`'s headline weight found anywhere in `b`."""
        if not headline:
            return 0.0
        other_terms, other_names = b.terms, b.names
        idf = self._weight
        found = sum(idf(t) for t in a.title if t in other_terms or t in other_names)
        return found / headline

    def evidence(
        self, a: Features, b: Features, hours: float = 0.0, quick: bool = False
    ) -> Evidence:
        """Compare two entries (see the module docstring). `quick` stops after the text
        similarity when it is below the minimum (no specifics can make up for it)."""
        _, va, na, ha = self._vector(a)
        _, vb, nb, hb = self._vector(b)
        coverage = min(self._coverage(a, b, ha), self._coverage(b, a, hb))
        # (Two shared figures can make up for little common text: see `passes`.)
        if quick and coverage < self.t.min_coverage and len(a.amounts & b.amounts) < 2:
            return Evidence(cosine=0.0, coverage=coverage, hours=hours)
        if len(va) > len(vb):
            va, vb = vb, va
        dot = sum(w * vb[t] for t, w in va.items() if t in vb)
        cosine = dot / (na * nb) if na and nb else 0.0
        ev = Evidence(cosine=cosine, coverage=coverage, hours=hours)
        if quick and cosine < self.t.min_cosine and len(a.amounts & b.amounts) < 2:
            return ev
        names_a, names_b = self.names_of(a), self.names_of(b)
        # A capitalised headline word is a name when the other entry writes it as one.
        shared = (names_a & names_b) | (a.capitals & b.names) | (b.capitals & a.names)
        ev.shared_names = sorted(
            n
            for n in shared
            if self.idf("n:" + n) >= self.t.specific_idf and self._is_name(n, a, b)
        )
        parsed_a = [(x, p) for x in a.amounts if (p := parse_amount(x))]
        parsed_b = [(x, p) for x in b.amounts if (p := parse_amount(x))]
        ev.shared_amounts = sorted(
            {
                x
                for x, p in parsed_a
                for y, q in parsed_b
                if agree(p, q) and pins(p) and self.idf("a:" + x) >= self.t.specific_idf
            }
        )
        ev.amount_specifics = sum(self.idf("a:" + x) for x in ev.shared_amounts)
        ev.specifics = sum(self.idf("n:" + n) for n in ev.shared_names) + ev.amount_specifics
        ev.conflict = self._conflict(a, b, parsed_a, parsed_b)
        if not ev.conflict and not self._headline_pin(a, b, ev.shared_amounts):
            # Two headlines naming different actors are two events, unless a figure of a
            # headline that the other entry states too ties them ("$8.22B loss").
            ev.conflict = self._actors(
                a, b, names_a | (a.capitals & b.names), names_b | (b.capitals & a.names)
            )
        return ev

    @staticmethod
    def _same_call(a: Features, b: Features, ev: Evidence) -> bool:
        """A shared name and a price level that both headlines state ("analyst X sees
        $1.30" twice): one analyst's one call."""
        if not ev.shared_names:
            return False
        levels_a = [p for x in a.title_amounts if (p := parse_amount(x))]
        levels_b = [p for x in b.title_amounts if (p := parse_amount(x))]
        return any(agree(p, q) for p in levels_a for q in levels_b)

    @staticmethod
    def _headline_pin(a: Features, b: Features, shared: list[str]) -> bool:
        """Whether a shared figure that pins an event stands in one of the headlines and
        the other entry names someone of that headline too (shared names checked by the
        caller): "Strategy Backs Bill After $8.22B Loss" / "...Backs CLARITY After $8.22B"."""
        return any(x in a.title_amounts or x in b.title_amounts for x in shared) and bool(
            a.names & b.names
        )

    def _is_name(self, term: str, a: Features, b: Features) -> bool:
        """Whether the site's entries (these two included) write `term` as a name more often
        than as an ordinary word: "Coldcard" yes, "Loss" or "Wallet" in a heading no."""
        named = self.name_df[term] + (term in a.names) + (term in b.names)
        lower = self.lower_df[term] + (term in a.body - a.names) + (term in b.body - b.names)
        return named > lower

    def _actors(self, a: Features, b: Features, names_a: set, names_b: set) -> str:
        """Each headline names someone the other entry never mentions: two actors, two
        events ("Coinbase says a Senate vote could come this week" / "Trump weighs an
        ethics counteroffer"), though both are about the same bill."""
        floor = self.t.specific_idf

        def uncovered(f: Features, names: set, other: Features) -> bool:
            seen = other.terms | other.names | other.capitals
            return any(n not in seen and self.idf("n:" + n) >= floor for n in names & f.title)

        if uncovered(a, names_a, b) and uncovered(b, names_b, a):
            return "each headline names someone the other does not mention"
        return ""

    @staticmethod
    def _conflict(a: Features, b: Features, parsed_a, parsed_b) -> str:
        """Money amounts in both headlines none of which the other entry states: two
        moments or two events ("losses reach $70M" / "losses balloon to $88M"). Between
        price predictions and analyses, price levels count too: two calls, two stories."""
        levels = bool(a.kind or b.kind)

        def heads(f: Features, parsed) -> list:
            return [
                p
                for x, p in parsed
                if x in f.title_amounts and p[0] == "usd" and (levels or pins(p))
            ]

        heads_a, heads_b = heads(a, parsed_a), heads(b, parsed_b)
        if not heads_a or not heads_b:
            return ""
        all_a = [p for _, p in parsed_a]
        all_b = [p for _, p in parsed_b]
        if any(agree(p, q) for p in heads_a for q in all_b) or any(
            agree(p, q) for p in heads_b for q in all_a
        ):
            return ""
        return "headline amounts disagree"

    def passes(self, ev: Evidence, a: Features, b: Features) -> bool:
        """Whether the evidence says one event (see Thresholds)."""
        t = self.t
        if ev.conflict or not ev.specific:
            return False
        if a.reaction != b.reaction:
            # A denial and the report it denies are two events (rubric rule 2), however
            # much of the report the denial repeats.
            return False
        if (a.kind == "market") != (b.kind == "market"):
            # A price move is its own story, whatever event it is told through.
            return False
        late = max(0.0, ev.hours - t.fresh_hours) / 24 * t.decay
        kinds = bool(a.kind or b.kind)
        if (
            not kinds
            and len(ev.shared_amounts) >= t.pinned_amounts
            and ev.shared_names
            and ev.cosine >= t.pinned_cosine
            and ev.hours <= t.fresh_hours * 2
        ):
            # Two figures that pin an event (a loss and a count of wallets) and an actor in
            # common: one event, however differently the two outlets tell it.
            return True
        if ev.cosine < t.min_cosine or ev.coverage < t.min_coverage:
            return False
        if kinds and not (ev.shared_amounts or self._same_call(a, b, ev)):
            # Predictions, wraps and lists join only on the same specific fact: a figure
            # that pins an event, or one analyst's one price call in both headlines.
            return False
        bar = t.kind_similarity if kinds else t.similarity
        # Rare figures in common pin the event down: less text will do. Names alone do not:
        # a company, its chairman or a bill are in every story of a busy week ("Saylor's
        # Strategy tracks the 200-week average" / "Saylor issues a new buy signal").
        specifics = ev.amount_specifics
        if not kinds:
            # Names rare in the window (a start-up, an analyst's handle) pin an event too.
            specifics += sum(
                w for n in ev.shared_names if (w := self.idf("n:" + n)) >= t.rare_name_idf
            )
        bar -= t.specifics_discount * min(1.0, specifics / t.specifics_full)
        return ev.cosine + ev.coverage >= bar + late

    # --- lookup --------------------------------------------------------------------
    def candidates(self, probe: Entry) -> list[Entry]:
        """Return the window's entries of other sources sharing the most telling keys."""
        f = probe.features
        window = self.t.window_hours * HOUR
        common = max(50, self.n // 20)
        self._fresh()
        idf = self._weight
        body = sorted(f.body - f.title, key=idf, reverse=True)[:10]
        shared: Counter = Counter()
        for key in self._keys(f) | set(body):
            posting = self.postings.get(key)
            if not posting or len(posting) > common:
                continue
            weight = idf(key)
            for entry_id in posting:
                shared[entry_id] += weight
        found = []
        for entry_id, weight in shared.most_common():
            if weight < self.t.min_shared:
                break
            entry = self.entries[entry_id]
            if entry.source_id == probe.source_id or entry.entry_id == probe.entry_id:
                continue
            if abs(entry.published_ts - probe.published_ts) > window:
                continue
            found.append(entry)
            if len(found) == self.t.candidates:
                break
        return found

    def match(self, probe: Entry) -> tuple[Entry, Evidence] | None:
        """Return the entry whose story `probe` joins, with the evidence, or None."""
        best: tuple[float, Entry, Evidence] | None = None
        f = probe.features
        for entry in self.candidates(probe):
            hours = abs(entry.published_ts - probe.published_ts) / HOUR
            ev = self.evidence(f, entry.features, hours, quick=True)
            if not self.passes(ev, f, entry.features):
                continue
            score = ev.cosine + ev.coverage
            if best is None or score > best[0]:
                if entry.story_id is not None and not self._fits(probe, entry):
                    continue
                best = (score, entry, ev)
        return (best[1], best[2]) if best else None

    def _fits(self, probe: Entry, match: Entry) -> bool:
        """Whether `probe` belongs with the rest of `match`'s story, not only with `match`:
        no headline amount contradicts a member, and it is close to most of them (chains of
        look-alikes, each like the next, drift from one event to another)."""
        f = probe.features
        others = [m for m in self.members.get(match.story_id, ()) if m != match.entry_id]
        if not others:
            return True
        close = 0
        for member_id in others:
            other = self.entries[member_id]
            hours = abs(other.published_ts - probe.published_ts) / HOUR
            ev = self.evidence(f, other.features, hours)
            if "amounts" in ev.conflict:
                return False
            close += ev.cosine + ev.coverage >= self.t.similarity - self.t.story_slack
        return close * 2 >= len(others)

    def _contradicts(self, probe: Entry, story_id: int) -> bool:
        """Whether a headline amount of `probe` contradicts another member of the story."""
        f = probe.features
        for member_id in self.members.get(story_id, ()):
            other = self.entries[member_id].features
            parsed_a = [(x, p) for x in f.amounts if (p := parse_amount(x))]
            parsed_b = [(x, p) for x in other.amounts if (p := parse_amount(x))]
            if self._conflict(f, other, parsed_a, parsed_b):
                return True
        return False
