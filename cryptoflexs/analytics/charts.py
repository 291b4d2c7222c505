"""A bar chart laid out on the server, drawn by the template as inline SVG.

No JavaScript and no third-party requests: the admin page shows the chart as soon as the
HTML arrives, and the same numbers are in a table next to it for screen readers.
"""

import datetime as dt
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    day: dt.date
    value: int
    x: float
    y: float
    width: float
    height: float
    center: float
    label: str  # the day under the bar, or "" where labels would crowd


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    bottom: float
    right: float
    bars: list[Bar]
    ticks: list[Tick]
    label_y: float


def nice_ceiling(value: int) -> int:
    """Return a round axis top not below `value`: the smallest of 1, 2, 3, 4, 5, 6, 8 × 10ⁿ."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 3, 4, 5, 6, 8, 10) if value <= step * power)


def bar_chart(
    series: list[tuple[dt.date, int]],
    *,
    width: int = 720,
    height: int = 220,
    label_every: int = 7,
) -> BarChart:
    """Lay out one bar per (day, value); label every `label_every`-th day counting back
    from the last one, so the newest day always has its date under it."""
    left, right, top, bottom_margin = 56, 8, 12, 24
    bottom = height - bottom_margin
    plot_width, plot_height = width - left - right, bottom - top
    axis_top = nice_ceiling(max((value for _, value in series), default=0))
    step = plot_width / max(len(series), 1)
    bar_width = round(step * 0.7, 1)
    bars = []
    for index, (day, value) in enumerate(series):
        bar_height = round(value / axis_top * plot_height, 1)
        from_end = len(series) - 1 - index
        bars.append(
            Bar(
                day=day,
                value=value,
                x=round(left + index * step + (step - bar_width) / 2, 1),
                y=round(bottom - bar_height, 1),
                width=bar_width,
                height=bar_height,
                center=round(left + index * step + step / 2, 1),
                label=day.strftime("%b %-d") if from_end % label_every == 0 else "",
            )
        )
    ticks = [
        Tick(value=value, y=round(bottom - value / axis_top * plot_height, 1))
        for value in sorted({0, axis_top // 2, axis_top})
    ]
    return BarChart(
        width=width,
        height=height,
        left=left,
        bottom=bottom,
        right=width - right,
        bars=bars,
        ticks=ticks,
        label_y=height - 8,
    )
