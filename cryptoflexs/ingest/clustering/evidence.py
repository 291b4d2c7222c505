"""What the same-story decision weighs (index.py compares; here the bars and the amounts)."""

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Thresholds:
    window_hours: float = 72.0
    # Similar enough: the cosine of the TF-IDF vectors plus the headline weight each entry
    # covers of the other's (the smaller of the two), each at least its minimum.
    similarity: float = 0.55
    min_cosine: float = 0.15
    min_coverage: float = 0.15
    # Predictions, wraps, lists and sponsored posts need more.
    kind_similarity: float = 0.8
    # Shared specifics worth `specifics_full` (IDF) lower the bar by `specifics_discount`.
    specifics_discount: float = 0.15
    specifics_full: float = 12.0
    # Hours within which the bar is flat; afterwards it rises by `decay` per day.
    fresh_hours: float = 12.0
    decay: float = 0.15
    # A shared name or amount counts as a specific when its IDF is at least this.
    specific_idf: float = 2.0
    # A shared name lowers the bar (as shared figures do) only when it is this rare.
    rare_name_idf: float = 4.5
    # Enough on its own (fresh, not a prediction or a wrap): this many shared figures that
    # pin an event, a shared name and a little common text.
    pinned_amounts: int = 2
    pinned_cosine: float = 0.08
    candidates: int = 10
    # A candidate shares telling words of at least this IDF weight in all.
    min_shared: float = 4.0
    # Joining a story: close to half its other members at least, by this much less.
    story_slack: float = 0.2


@dataclass
class Evidence:
    cosine: float
    coverage: float
    shared_names: list[str] = field(default_factory=list)
    shared_amounts: list[str] = field(default_factory=list)
    conflict: str = ""
    hours: float = 0.0
    specifics: float = 0.0  # the IDF weight of the shared names and amounts
    amount_specifics: float = 0.0  # the part of it that the shared amounts weigh

    @property
    def specific(self) -> bool:
        return bool(self.shared_names or self.shared_amounts)


_AMOUNT = re.compile(r"^(usd|pct|qty|num|ver):(?:([a-z0-9-]+):)?(.+)$")


def parse_amount(token: str) -> tuple[str, float] | None:
    match = _AMOUNT.match(token)
    if not match:
        return None
    kind, _, value = match.groups()
    if kind == "ver":
        # A version as a number that only the same version agrees with ("3.2.1" -> 3002001).
        major, minor, patch = (int(p) for p in value.split("."))
        return "ver", float(major * 1_000_000 + minor * 1000 + patch)
    try:
        number = float(value)
    except ValueError:
        return None
    # A count of coins and a bare number can be the same figure ("1,367 BTC" / "1,367").
    return ("count" if kind in ("qty", "num") else kind), number


def pins(amount: tuple[str, float]) -> bool:
    """Whether an amount can pin an event: not a price level ("$63,000", "$1.05"), which
    every analysis of a coin quotes."""
    kind, value = amount
    if kind == "usd":
        return value >= 1e6
    return kind != "count" or value >= 1000 or value != int(value)


def agree(a: tuple[str, float], b: tuple[str, float]) -> bool:
    """Whether two amounts are one figure, allowing for rounding ("$88M" / "$88.6M")."""
    if a[0] != b[0]:
        return False
    if a[0] == "ver":
        return a[1] == b[1]
    big = max(abs(a[1]), abs(b[1]))
    if a[0] == "pct":
        # Shares are rounded to a point at most ("20%" / "20.3%"); 96.9% is not 99%.
        return abs(a[1] - b[1]) <= max(0.5, 0.005 * big)
    return big == 0 or abs(a[1] - b[1]) / big <= 0.04
