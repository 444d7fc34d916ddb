"""What a TimePlot draws, as plain data: series, value axes and bands, and the date ticks.

Kept apart from the widget so the arithmetic (round tick values, which dates to mark and
how to word them) reads, and is tested, without painting anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from practice_desk.ui.i18n import long_date, short_month

Side = Literal["left", "right"]
Marker = Literal["", "circle", "square", "diamond", "triangle"]

#: Colours that stay distinct for the common colour-vision deficiencies (Okabe and Ito).
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
TODAY_COLOR = "#b3261e"


@dataclass(frozen=True)
class Series:
    """One line of (date, value) points, read against the left or the right axis.

    A step line holds each value until the next point's date (a dose holds until it
    changes) and ends at its last point. A NaN value breaks the line there. ``labels``,
    one per point ("" for none), are written beside the points. ``nudge`` lifts the line
    by that many font heights, so lines that hold the same value run side by side
    instead of hiding one another.
    """

    name: str
    points: tuple[tuple[date, float], ...]
    color: str = PALETTE[0]
    axis: Side = "left"
    step: bool = False
    marker: Marker = ""
    dashed: bool = False
    labels: tuple[str, ...] = ()
    nudge: float = 0.0

    def runs(self) -> list[list[tuple[date, float]]]:
        """The unbroken stretches of the line (split where a value is NaN)."""
        out: list[list[tuple[date, float]]] = [[]]
        for day, value in self.points:
            if math.isnan(value):
                if out[-1]:
                    out.append([])
            else:
                out[-1].append((day, value))
        return [run for run in out if run]

    def label(self, index: int) -> str:
        return self.labels[index] if index < len(self.labels) else ""


@dataclass(frozen=True)
class Band:
    """A shaded stretch of an axis with a name, e.g. a severity band of a rating scale."""

    low: float
    high: float
    label: str
    color: str = "#f3f3f3"


@dataclass(frozen=True)
class Axis:
    """A value axis: its range, title and tick unit; ``step`` fixes the tick interval."""

    title: str
    low: float
    high: float
    unit: str = ""
    step: float | None = None
    bands: tuple[Band, ...] = ()

    def ticks(self, most: int) -> list[float]:
        """Round tick values inside the range, no more than about ``most`` of them."""
        span = self.high - self.low
        if span <= 0:
            return [self.low]
        step = self.step or nice_step(span, most)
        first = math.ceil(self.low / step - 1e-9) * step
        count = int((self.high - first) / step + 1e-9) + 1
        return [round(first + i * step, 10) for i in range(count)]

    def text(self, value: float) -> str:
        return f"{value:g}{self.unit}"


def nice_step(span: float, most: int) -> float:
    """The smallest of 1, 2, 5 x 10^n that splits ``span`` into at most ``most`` parts."""
    raw = span / max(1, most)
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw * (1 - 1e-9))


X_STEPS: tuple[tuple[str, int, int], ...] = (  # unit, count, about how many days
    ("day", 1, 1),
    ("day", 2, 2),
    ("week", 1, 7),
    ("week", 2, 14),
    ("month", 1, 30),
    ("month", 2, 61),
    ("month", 3, 91),
    ("month", 6, 182),
    ("year", 1, 365),
    ("year", 2, 730),
    ("year", 5, 1826),
    ("year", 10, 3652),
)


def tick_dates(first: date, last: date, unit: str, count: int) -> list[date]:
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        day = first + timedelta((7 - first.weekday()) % 7) if unit == "week" else first
        return [day + timedelta(i * days) for i in range((last - day).days // days + 1)]
    out: list[date] = []
    if unit == "month":
        year, month = first.year, first.month + (first.day > 1)
        while (year, month) <= (last.year, last.month):
            if month > 12:
                year, month = year + 1, 1
                continue
            if (month - 1) % count == 0:
                out.append(date(year, month, 1))
            month += 1
        return [d for d in out if d <= last]
    year = first.year + (first > date(first.year, 1, 1))
    return [date(y, 1, 1) for y in range(year, last.year + 1) if y % count == 0]


def tick_label(day: date, unit: str, previous: date | None) -> str:
    """Days and weeks as "4 Jan" (with the year when it changes), months as "Jan 2025"."""
    new_year = previous is None or previous.year != day.year
    if unit == "year":
        return str(day.year)
    if unit == "month":
        return f"{short_month(day.month)} {day.year}" if new_year else short_month(day.month)
    return long_date(day) if new_year else f"{day.day} {short_month(day.month)}"
