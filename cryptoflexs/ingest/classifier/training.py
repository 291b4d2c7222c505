"""Training examples, from what a site has and what the project ships:

- seed: headlines with a one-line summary for each category, written by the project
  (ingest/data/seed.jsonl), so that a new site classifies well before it has labels;
- editors: articles whose category an editor set (written in the newsroom, imported, or
  an ingested article saved, corrected or published by an editor: the category it had
  then is a label; when it differs from the classifier's choice it is a correction);
- outlets: ingested entries whose feed labels map to one of our categories (labels.py);
- shared: a training file built from ../shared/data/categorised/ when that folder exists
  (the team's labelled data; never shipped).

Only the categories of CLASSIFIER_CATEGORIES are learned; examples of other categories are
counted and left out.
"""

import csv
import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from . import features
from .labels import label_map, mapped_label
from .model import Model, train

SEED = Path(__file__).resolve().parent.parent / "data" / "seed.jsonl"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "data" / "categorised"
# Subjects of the "Crypto News +" data set and ours.
SUBJECTS = {
    "bitcoin": "crypto/bitcoin",
    "ethereum": "crypto/ethereum",
    "altcoin": "crypto/altcoin",
    "blockchain": "blockchain",
    "defi": "defi",
    "nft": "nft",
}


@dataclass
class Example:
    title: str
    text: str
    category: str  # a category path
    origin: str  # seed, editor, correction, outlet, shared
    when: dt.datetime | None = None
    categories: tuple[str, ...] = ()


def classes() -> list[str]:
    return [c.strip().strip("/") for c in settings.CLASSIFIER_CATEGORIES if c.strip()]


def seed_examples() -> list[Example]:
    if not SEED.exists():
        return []
    found = []
    for line in SEED.read_text().splitlines():
        if line.strip():
            item = json.loads(line)
            found.append(Example(item["title"], item.get("text", ""), item["category"], "seed"))
    return found


def shared_examples(folder: Path = SHARED) -> list[Example]:
    """Examples from a folder of labelled files: CSV with title, text, subject and date
    (day-month-year hour:minute) columns, and JSON Lines with title, body, tags (the
    outlet's labels, "|"-separated, mapped as feed labels are) and _published_utc. The
    team's ../shared/data/categorised/ is such a folder; a user's machine has none."""
    found: list[Example] = []
    for path in sorted(folder.glob("*.csv")):
        for row in csv.DictReader(path.open()):
            subject = SUBJECTS.get((row.get("subject") or "").strip().lower())
            if subject and row.get("title"):
                found.append(
                    Example(row["title"], row.get("text", ""), subject, "shared", _day(row))
                )
    mapping = label_map()
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.open():
            row = json.loads(line)
            subject = mapped_label(str(row.get("tags", "")).split("|"), mapping)
            if subject and row.get("title"):
                when = row.get("_published_utc")
                when = dt.datetime.fromisoformat(when.replace("Z", "+00:00")) if when else None
                found.append(Example(row["title"], row.get("body", ""), subject, "shared", when))
    return found


def _day(row: dict) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(row.get("date", ""), "%d-%m-%Y %H:%M").replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def site_examples() -> tuple[list[Example], Counter]:
    """Examples from the site's own articles and entries, with counts (editor labels,
    corrections of the classifier, outlet labels)."""
    from django.db.models import Exists, OuterRef

    from cryptoflexs.articles.models import Article
    from cryptoflexs.editorial.models import ArticleRevision, ArticleTransition

    from ..models import IngestedEntry
    from ..selectors import feed_label_map

    wanted = set(classes())
    counts: Counter = Counter()
    found: list[Example] = []
    by_editor = Exists(
        ArticleRevision.objects.filter(article=OuterRef("pk"), created_by__isnull=False)
    )
    published_by_editor = Exists(
        ArticleTransition.objects.filter(article=OuterRef("pk"), by__isnull=False)
    )
    articles = (
        Article.objects.filter(category__path__in=wanted)
        .annotate(edited=by_editor, moved=published_by_editor)
        .select_related("category", "ingested_entry__predicted_category")
        .only(
            "title",
            "excerpt",
            "published_at",
            "category__path",
            "ingested_entry__predicted_category__path",
        )
    )
    for article in articles.iterator(chunk_size=1000):
        entry = getattr(article, "ingested_entry", None)
        if entry is not None and not (article.edited or article.moved):
            continue  # the classifier's own choice, nobody looked at it
        origin = "editor"
        if entry is not None:
            predicted = entry.predicted_category.path if entry.predicted_category else None
            origin = "correction" if predicted != article.category.path else "confirmed"
        counts[origin] += 1
        found.append(
            Example(
                article.title, article.excerpt, article.category.path, origin, article.published_at
            )
        )
    taken = {e.title for e in found}
    mapping = feed_label_map()
    entries = IngestedEntry.objects.exclude(feed_categories=[]).select_related("article")
    for entry in entries.only(
        "title", "feed_categories", "published_at", "article__excerpt"
    ).iterator(chunk_size=1000):
        path = mapped_label(entry.feed_categories, mapping)
        if path in wanted and entry.title not in taken:
            excerpt = entry.article.excerpt if entry.article else ""
            found.append(Example(entry.title, excerpt, path, "outlet", entry.published_at))
            counts["outlet"] += 1
    return found, counts


def fit(examples: list[Example], mapping: dict[str, str] | None = None) -> tuple[Model, Counter]:
    """Train on the examples of the learned categories; return the model and the counts
    by origin (examples of other categories counted as "left out")."""
    wanted = set(classes())
    kept, counts = [], Counter()
    for example in examples:
        if example.category in wanted:
            doc = features.document(example.title, example.text, example.categories, mapping)
            kept.append((doc, example.category))
            counts[example.origin] += 1
        else:
            counts["left out"] += 1
    return train(kept, origins=dict(counts)), counts


@cache
def seed_model() -> Model | None:
    """The model of the seed texts alone (built in memory, once a process)."""
    examples = seed_examples()
    if not examples:
        return None
    model, _ = fit(examples)
    model.version = "seed"
    return model
