"""A small linear model for categories: multinomial naive Bayes over the features of
features.py (log-scaled counts), trained in pure Python in well under a second on a few
thousand headlines, stored as JSON.

Naive Bayes, not logistic regression or scikit-learn: on the few hundred to few thousand
labelled headlines a site has, it is as accurate as the alternatives we measured (see the
README) and it trains and predicts in microseconds without numpy or scipy. An outlet label
that maps to one of our categories ("map:" feature) adds MAP_BONUS to that category: the
outlet's own section is strong evidence, but the words can still outvote it.
"""

import datetime as dt
import json
import math
from collections import Counter
from dataclasses import dataclass, field

FORMAT = 1
ALPHA = 0.3  # additive smoothing
MAP_BONUS = 5.0  # nats (odds of about 150 to 1) for a category an outlet label maps to
MIN_COUNT = 1  # features seen fewer times in training are ignored


@dataclass
class Model:
    classes: list[str]  # category paths, e.g. "crypto/bitcoin"
    priors: dict[str, float]  # log P(class)
    weights: dict[str, dict[str, float]]  # feature -> class -> log P(feature | class)
    unseen: dict[str, float]  # class -> log P(an unseen feature | class)
    version: str = ""
    trained_at: str = ""
    examples: dict[str, int] = field(default_factory=dict)  # how many, by origin
    label_counts: dict[str, int] = field(default_factory=dict)

    def scores(self, features: Counter) -> dict[str, float]:
        """Return the log score of each class for a document's features."""
        scores = dict(self.priors)
        for feature, count in features.items():
            if feature.startswith("map:"):
                target = feature[4:]
                if target in scores:
                    scores[target] += MAP_BONUS
                continue
            row = self.weights.get(feature)
            if row is None:
                continue
            scale = math.log1p(count)
            for cls in self.classes:
                scores[cls] += scale * row.get(cls, self.unseen[cls])
        return scores

    def predict(self, features: Counter) -> tuple[str, dict[str, float]]:
        """Return the best class and the probability of each class."""
        scores = self.scores(features)
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exp.values())
        probabilities = {c: v / total for c, v in exp.items()}
        best = max(self.classes, key=lambda c: (scores[c], c))
        return best, probabilities

    def reasons(self, features: Counter, best: str, limit: int = 6) -> list[str]:
        """Return the features that speak most for `best` against the other classes."""
        others = [c for c in self.classes if c != best]
        if not others:
            return []
        ranked = []
        for feature, count in features.items():
            if feature.startswith("map:"):
                if feature[4:] == best:
                    ranked.append((MAP_BONUS, feature))
                continue
            row = self.weights.get(feature)
            if row is None:
                continue
            mine = row.get(best, self.unseen[best])
            rest = max(row.get(c, self.unseen[c]) for c in others)
            ranked.append((math.log1p(count) * (mine - rest), feature))
        return [f for gain, f in sorted(ranked, reverse=True)[:limit] if gain > 0]

    def as_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "version": self.version,
                "trained_at": self.trained_at,
                "classes": self.classes,
                "priors": self.priors,
                "unseen": self.unseen,
                "weights": self.weights,
                "examples": self.examples,
                "label_counts": self.label_counts,
            },
            separators=(",", ":"),
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> "Model":
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"model format {data.get('format')!r}, expected {FORMAT}")
        return cls(
            classes=data["classes"],
            priors=data["priors"],
            weights=data["weights"],
            unseen=data["unseen"],
            version=data["version"],
            trained_at=data["trained_at"],
            examples=data.get("examples", {}),
            label_counts=data.get("label_counts", {}),
        )


def train(
    examples: list[tuple[Counter, str]],
    *,
    origins: dict[str, int] | None = None,
    priors: dict[str, float] | None = None,
) -> Model:
    """Fit a model on (features, category path) pairs; the classes are the labels seen.
    `priors` (shares by class) replaces the shares of the examples, which say more about
    how a training set was put together than about the news a site takes in."""
    if not examples:
        raise ValueError("no training examples")
    label_counts = Counter(label for _, label in examples)
    classes = sorted(label_counts)
    totals: dict[str, float] = dict.fromkeys(classes, 0.0)
    counts: dict[str, Counter] = {}
    seen: Counter = Counter()
    for features, label in examples:
        for feature, count in features.items():
            if feature.startswith("map:"):
                continue
            value = math.log1p(count)
            counts.setdefault(feature, Counter())[label] += value
            totals[label] += value
            seen[feature] += 1
    vocabulary = [f for f, n in seen.items() if n >= MIN_COUNT]
    size = len(vocabulary)
    n = len(examples)
    if priors:
        total = sum(priors.get(c, 0.0) for c in classes) or 1.0
        floor = 0.01
        log_priors = {c: math.log(max(priors.get(c, 0.0) / total, floor)) for c in classes}
    else:
        log_priors = {c: math.log(label_counts[c] / n) for c in classes}
    unseen = {c: math.log(ALPHA / (totals[c] + ALPHA * size)) for c in classes}
    weights = {}
    for feature in vocabulary:
        row = counts[feature]
        weights[feature] = {
            c: round(math.log((row[c] + ALPHA) / (totals[c] + ALPHA * size)), 5)
            for c in classes
            if row[c]
        }
    now = dt.datetime.now(dt.UTC)
    return Model(
        classes=classes,
        priors=log_priors,
        weights=weights,
        unseen=unseen,
        version=f"{now:%Y%m%d%H%M%S}-{n}",
        trained_at=now.isoformat(timespec="seconds"),
        examples=dict(origins or {"examples": n}),
        label_counts=dict(label_counts),
    )
