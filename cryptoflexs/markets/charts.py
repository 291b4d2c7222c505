"""A price chart as inline SVG, drawn on the server (no script, no image request), with
its text alternative: a one-sentence summary and a table of sampled values."""

import datetime as dt
from dataclasses import dataclass, field

from .formatting import pct, usd

WIDTH, HEIGHT = 640, 240
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 8, 8, 12, 12
TABLE_ROWS = 12
RANGE_WORDS = {"1d": "24 hours", "7d": "7 days", "30d": "30 days", "1y": "year"}


@dataclass
class Chart:
    range_name: str
    points: int = 0
    line: str = ""
    area: str = ""
    direction: str = "flat"
    summary: str = ""
    high: float | None = None
    low: float | None = None
    first_at: dt.datetime | None = None
    last_at: dt.datetime | None = None
    gridlines: list[float] = field(default_factory=list)
    table: list[tuple[dt.datetime, float]] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT


def _xy(i: int, price: float, n: int, low: float, high: float) -> tuple[float, float]:
    span = high - low or abs(high) or 1.0
    x = PAD_LEFT + (WIDTH - PAD_LEFT - PAD_RIGHT) * (i / max(n - 1, 1))
    y = PAD_TOP + (HEIGHT - PAD_TOP - PAD_BOTTOM) * (1 - (price - low) / span)
    return round(x, 1), round(y, 1)


def price_chart(name: str, series: list[tuple[dt.datetime, float]], range_name: str) -> Chart:
    """Return the chart of `series` ((time, price) sorted by time) for the template."""
    chart = Chart(range_name=range_name, points=len(series))
    words = RANGE_WORDS.get(range_name, range_name)
    if len(series) < 2:
        chart.summary = f"Not enough price history for {name} over the last {words} yet."
        return chart
    prices = [p for _, p in series]
    low, high = min(prices), max(prices)
    xy = [_xy(i, p, len(series), low, high) for i, p in enumerate(prices)]
    chart.line = "M" + " L".join(f"{x},{y}" for x, y in xy)
    bottom = HEIGHT - PAD_BOTTOM
    chart.area = f"{chart.line} L{xy[-1][0]},{bottom} L{xy[0][0]},{bottom} Z"
    chart.high, chart.low = high, low
    chart.first_at, chart.last_at = series[0][0], series[-1][0]
    chart.gridlines = [round(PAD_TOP + (HEIGHT - PAD_TOP - PAD_BOTTOM) * f, 1) for f in (0, 0.5, 1)]
    first, last = prices[0], prices[-1]
    change = (last / first - 1) * 100 if first else 0.0
    chart.direction = "up" if change > 0 else "down" if change < 0 else "flat"
    verb = {"up": "rose", "down": "fell", "flat": "was unchanged"}[chart.direction]
    moved = f" {pct(abs(change), signed=False)}" if chart.direction != "flat" else ""
    chart.summary = (
        f"Over the last {words} {name} {verb}{moved}, from {usd(first)} to {usd(last)}; "
        f"high {usd(high)}, low {usd(low)}."
    )
    step = max(1, (len(series) - 1) // (TABLE_ROWS - 1))
    table = series[::step]
    if table[-1] != series[-1]:
        table.append(series[-1])
    chart.table = table[-TABLE_ROWS:] if len(table) > TABLE_ROWS else table
    return chart
