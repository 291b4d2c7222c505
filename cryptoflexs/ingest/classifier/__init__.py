"""Categories for entries: a learned model (model.py) over words, coins, keyword rules
and the outlet's own labels, combined with the keyword rules' scores (classify.py).

The model is trained by `manage.py train_classifier` and kept under
CLASSIFIER_DIR (var/classifier/): `model-<version>.json`, with `current` naming the one in
use. A process loads it once and looks again only when `current` changes. Before any model
was trained, one is built in memory from the seed texts the project ships
(ingest/data/seed.jsonl), so classification never rests on keywords alone; without even the
seed, the keyword rules decide.
"""

import logging
import math
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .. import classify as rules
from . import features as feature_module
from .model import Model

logger = logging.getLogger(__name__)
# Weight of the keyword rules' score beside the model's log-probabilities. Chosen on the
# development parts of the time-separated splits (bench/ingest.py: the first half of each
# labelled file to train, the next fifth to score): 1.0 over 0.5 raised macro-F1 there from
# 0.746 to 0.787 (2021q4 subjects) and 0.645 to 0.904 (2026-08 outlet tags).
RULE_WEIGHT = 1.0
CHECK_EVERY = 30.0  # seconds between looks at `current`


@dataclass
class Decision:
    category: str | None  # a category path ("crypto/bitcoin"), or None
    name: str | None  # its display name ("Bitcoin")
    coins: list[str]
    probabilities: dict[str, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    model: str = ""  # the model version, "seed" or "rules"
    label: str | None = None  # the category an outlet label mapped to, if one did

    def as_dict(self) -> dict:
        return {
            "category": self.name,
            "category_path": self.category,
            "coins": self.coins,
            "probability": round(self.probabilities.get(self.category, 0.0), 3)
            if self.category
            else None,
            "reasons": self.reasons,
            "model": self.model,
        }


def _rule_key(path: str) -> str | None:
    slug = path.rsplit("/", 1)[-1]
    for key, _, slugs in rules.CATEGORIES:
        if slug in slugs:
            return key
    return None


def display_name(path: str) -> str:
    key = _rule_key(path)
    names = {k: n for k, n, _ in rules.CATEGORIES}
    return names.get(key) or path.rsplit("/", 1)[-1].replace("-", " ").title()


def model_dir() -> Path:
    return Path(settings.CLASSIFIER_DIR)


_loaded: dict = {"model": None, "stamp": None, "checked": 0.0}
_lock = threading.Lock()


def current_model() -> Model | None:
    """Return the trained model in use (loaded once, re-read when `current` changes), or
    the seed model when none was trained, or None without a seed."""
    now = time.monotonic()
    with _lock:
        if _loaded["model"] is not None and now - _loaded["checked"] < CHECK_EVERY:
            return _loaded["model"]
        _loaded["checked"] = now
        pointer = model_dir() / "current"
        try:
            stamp = pointer.stat().st_mtime_ns
        except FileNotFoundError:
            stamp = None
        if stamp is not None and stamp == _loaded["stamp"] and _loaded["model"] is not None:
            return _loaded["model"]
        model = None
        if stamp is not None:
            try:
                name = pointer.read_text().strip()
                model = Model.from_json((model_dir() / name).read_text())
            except (OSError, ValueError, KeyError) as exc:
                logger.warning("classifier model unreadable, using the seed model: %s", exc)
        if model is None:
            from .training import seed_model

            model = seed_model()
        _loaded.update(model=model, stamp=stamp)
        return model


def forget_model() -> None:
    """Make the next classification look for the model again (after training)."""
    with _lock:
        _loaded.update(model=None, stamp=None, checked=0.0)


def save_model(model: Model) -> Path:
    """Write `model` as a new version and make it current (atomically)."""
    directory = model_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"model-{model.version}.json"
    path.write_text(model.as_json())
    temporary = directory / f"current.{os.getpid()}"
    temporary.write_text(path.name + "\n")
    temporary.replace(directory / "current")
    forget_model()
    return path


def classify(
    title: str,
    text: str = "",
    categories=(),
    *,
    label_map: dict[str, str] | None = None,
    model: Model | None = None,
) -> Decision:
    """Return the category of an entry (its title, text and outlet labels) with its coins
    and the reasons: the features that spoke most, the rules that fired, the outlet label."""
    model = model if model is not None else current_model()
    lead = (text or "")[: feature_module.TEXT_CHARS]
    coins = [m.coin.slug for m in rules.find_coins(f"{title}\n{lead}")]
    if label_map is None:
        from .labels import label_map as built

        label_map = built()
    if model is None:
        result = rules.classify(title, lead)
        path = _path_of(result.category)
        return Decision(path, display_name(path) if path else None, coins, model="rules")
    doc = feature_module.document(title, lead, categories, label_map)
    scores = model.scores(doc)
    allowed = {k for c in model.classes if (k := _rule_key(c))}
    ruled = rules.classify(title, lead, allowed=allowed)
    for path in model.classes:
        key = _rule_key(path)
        scores[path] += RULE_WEIGHT * ruled.scores.get(key, 0.0)
    best = max(model.classes, key=lambda c: (scores[c], c))
    _, probabilities = _softmax(scores)
    reasons = [f"model {model.version}: " + ", ".join(model.reasons(doc, best))]
    fired = ruled.reasons.get(_rule_key(best) or "", [])
    if fired:
        reasons.append("rules: " + "; ".join(fired))
    mapped = [f[4:] for f in doc if f.startswith("map:")]
    if mapped:
        reasons.append("outlet labels map to: " + ", ".join(display_name(p) for p in mapped))
    return Decision(
        category=best,
        name=display_name(best),
        coins=coins,
        probabilities=probabilities,
        reasons=reasons,
        model=model.version,
        label=mapped[0] if len(set(mapped)) == 1 else None,
    )


def _softmax(scores: dict[str, float]) -> tuple[str, dict[str, float]]:
    top = max(scores.values())
    exp = {c: math.exp(s - top) for c, s in scores.items()}
    total = sum(exp.values())
    return max(scores, key=scores.get), {c: v / total for c, v in exp.items()}


def _path_of(key: str | None) -> str | None:
    if key is None:
        return None
    parent = "crypto/" if key in rules.CRYPTO_CHILDREN else ""
    slug = next(s[0] for k, _, s in rules.CATEGORIES if k == key)
    return parent + slug
