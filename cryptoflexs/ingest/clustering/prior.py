"""A prior for the term statistics: document frequencies over the seed texts the project
ships (cryptoflexs/ingest/data/seed.jsonl), so that a new site's first entries already
weigh "price" and "market" as the common words they are."""

import json
from collections import Counter
from functools import cache
from pathlib import Path

from .features import features

SEED = Path(__file__).resolve().parent.parent / "data" / "seed.jsonl"


@cache
def seed_prior() -> Counter:
    """Return document frequencies over the seed texts; counts[""] is their number."""
    counts: Counter = Counter()
    if not SEED.exists():
        return counts
    for line in SEED.read_text().splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        f = features(item["title"], item.get("text", ""))
        counts.update(f.terms | {"n:" + n for n in f.names} | {"a:" + a for a in f.amounts})
        counts[""] += 1
    return counts
