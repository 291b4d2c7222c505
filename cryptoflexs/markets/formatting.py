"""How prices read: "$97,120", "$2.35", "$0.00001423", "$1.93T", "+3.4 %"."""

import math


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def usd(value: float | None) -> str:
    """Return a dollar price with as many digits as it needs (four significant below $1)."""
    value = _number(value)
    if value is None:
        return "—"
    if value >= 1000:
        return f"${value:,.0f}"
    if value >= 1:
        return f"${value:,.2f}"
    if value <= 0:
        return "$0"
    digits = max(2, 3 - math.floor(math.log10(value)))
    return f"${value:.{digits}f}"


def compact_usd(value: float | None) -> str:
    """Return a large dollar amount in short form: $1.93T, $45.2B, $830M."""
    value = _number(value)
    if value is None:
        return "—"
    for size, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            scaled = value / size
            digits = 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0
            return f"${scaled:.{digits}f}{unit}"
    return f"${value:,.0f}"


def pct(value: float | None, *, signed: bool = True) -> str:
    """Return a percentage with one decimal, signed by default ("+3.4 %", "-1.2 %")."""
    value = _number(value)
    if value is None:
        return "—"
    rounded = round(value, 1) + 0.0  # no "-0.0"
    sign = "+" if signed and rounded > 0 else ""
    return f"{sign}{rounded:.1f} %"


def direction(value: float | None) -> str:
    value = _number(value)
    if value is None or round(value, 1) == 0:
        return "flat"
    return "up" if value > 0 else "down"
