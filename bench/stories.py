"""Same-story quality: pairwise precision and recall of the pipeline's story decisions.

Used by bench/ingest.py; run alone to inspect one set:
    .venv/bin/python bench/stories.py dev|dev2|later|uci [--show]
(--show prints the false joins and the missed pairs, for the development slice only).

Entries go through the pipeline's own StoryIndex in time order, as the store feeds it (an
entry joins the story of the entry `match()` returns; a lone entry matched gets a story).
"""

import csv
import datetime as dt
import itertools
import json
import os
import sys
import time
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from cryptoflexs.ingest.clustering import features as text_features  # noqa: E402
from cryptoflexs.ingest.clustering import prior  # noqa: E402
from cryptoflexs.ingest.clustering.index import Entry, StoryIndex  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LABELS = ROOT / "bench" / "same_story"
CRYPTO = DATA / "categorised" / "cryptoprism-2026-08.jsonl"
UCI = DATA / "same-story" / "uci-news-15-stories.csv"
SLICES = {
    "dev": ("", "2026-08-03T00:00"),
    "later": ("2026-08-04T00:00", "9999"),
    # The day between the two, labelled later (2026-12-03) as a second development set.
    "dev2": ("2026-08-03T00:00", "2026-08-04T00:00"),
}


def cluster(items: list[dict]) -> tuple[dict[str, int], float, dict]:
    """Run `items` ({id, source, ts, title, text}) through a StoryIndex in time order;
    return each item's story (a negative number for a story of its own), the seconds taken
    and the evidence of each join."""
    index = StoryIndex(prior=prior.seed_prior())
    stories = itertools.count(1)
    started = time.perf_counter()
    story_of, joins = {}, {}
    entries = []
    for n, item in enumerate(sorted(items, key=lambda i: (i["ts"], i["id"]))):
        probe = Entry(
            entry_id=n,
            story_id=None,
            source_id=zlib.crc32(item["source"].encode()),
            published_ts=item["ts"],
            features=text_features.features(item["title"], item.get("text", "")),
        )
        found = index.match(probe)
        if found is not None:
            match, evidence = found
            if match.story_id is None:
                index.set_story(match.entry_id, next(stories))
            probe.story_id = match.story_id
            joins[item["id"]] = (match.entry_id, evidence)
        index.add(probe)
        entries.append((item["id"], probe))
    seconds = time.perf_counter() - started
    for item_id, probe in entries:
        story_of[item_id] = probe.story_id if probe.story_id else -probe.entry_id - 1
    return story_of, seconds, joins


def pairwise(truth: dict[str, str], found: dict[str, int]) -> dict:
    """Pairwise precision/recall: a pair is positive when both items share a label."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(truth), 2):
        same, predicted = truth[a] == truth[b], found[a] == found[b]
        tp += same and predicted
        fp += predicted and not same
        fn += same and not predicted
    return {
        "pairs_same_story": tp + fn,
        "pairs_joined": tp + fp,
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3) if tp + fn else None,
    }


def _read_labels(name: str) -> dict[str, str]:
    labels = {}
    for line in (LABELS / f"labels-{name}.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            story, *ids = line.split()
            for item_id in ids:
                labels[item_id] = story
    return labels


def crypto_items(slice_name: str) -> list[dict]:
    start, end = SLICES[slice_name]
    items = []
    for line in CRYPTO.open():
        row = json.loads(line)
        if start <= row["_published_utc"] < end:
            when = dt.datetime.fromisoformat(row["_published_utc"].replace("Z", "+00:00"))
            items.append(
                {
                    "id": row["id"],
                    "source": row["_source_name"],
                    "ts": when.timestamp(),
                    "title": row["title"],
                    "text": row["body"],
                }
            )
    return items


def crypto_slice(slice_name: str, show: bool = False) -> dict:
    if not CRYPTO.exists():
        return {"skipped": f"{CRYPTO} is absent"}
    path = LABELS / f"labels-{slice_name}.txt"
    if not path.exists():
        return {"skipped": f"{path.name} is not written yet"}
    items = crypto_items(slice_name)
    labels = _read_labels(slice_name)
    truth = {i["id"]: labels.get(i["id"], "own:" + i["id"]) for i in items}
    found, seconds, joins = cluster(items)
    figures = {
        "file": str(CRYPTO.relative_to(DATA.parent.parent)),
        "slice": SLICES[slice_name],
        "items": len(items),
        "labelled_stories": len(set(labels.values())),
        **pairwise(truth, found),
        "stories_found": len({s for s in found.values() if s > 0}),
        "seconds": round(seconds, 3),
    }
    if show:
        _show(items, truth, found, joins)
    return figures


def _show(items, truth, found, joins) -> None:  # noqa: C901
    by_id = {i["id"]: i for i in items}
    groups = defaultdict(list)
    for item_id, story in found.items():
        groups[story].append(item_id)
    print("--- formed stories with a wrong member")
    for members in groups.values():
        if len(members) > 1 and len({truth[m] for m in members}) > 1:
            for m in members:
                ev = joins.get(m)
                why = (
                    f"cos {ev[1].cosine:.2f} cov {ev[1].coverage:.2f} {ev[1].shared_names}"
                    f"{ev[1].shared_amounts}"
                    if ev
                    else ""
                )
                print(f"  [{truth[m][:22]:22}] {by_id[m]['title'][:70]}  {why}")
            print()
    print("--- missed: labelled stories split")
    labelled = defaultdict(list)
    for item_id, label in truth.items():
        if not label.startswith("own:"):
            labelled[label].append(item_id)
    for label, members in labelled.items():
        if len({found[m] for m in members}) > 1:
            print(f"  {label}")
            for m in members:
                print(f"     ({found[m]}) {by_id[m]['title'][:80]}")


def uci() -> dict:
    if not UCI.exists():
        return {"skipped": f"{UCI} is absent"}
    rows = list(csv.DictReader(UCI.open()))
    items = [
        {
            "id": str(n),
            "source": row["PUBLISHER"],
            "ts": int(row["TIMESTAMP"]) / 1000,
            "title": row["TITLE"],
        }
        for n, row in enumerate(rows)
    ]
    truth = {str(n): row["STORY"] for n, row in enumerate(rows)}
    found, seconds, _ = cluster(items)
    return {
        "file": str(UCI.relative_to(DATA.parent.parent)),
        "headlines": len(rows),
        "stories": len(set(truth.values())),
        **pairwise(truth, found),
        "stories_found": len({s for s in found.values() if s > 0}),
        "seconds": round(seconds, 3),
        "input": "headlines only (the file has no text); the time window (72 h) spans the "
        "whole file, so time does not separate its stories; never tuned on",
    }


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "dev"
    result = uci() if which == "uci" else crypto_slice(which, show="--show" in sys.argv)
    print(json.dumps(result, indent=2))
