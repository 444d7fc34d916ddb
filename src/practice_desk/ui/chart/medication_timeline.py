"""The dose timeline of the Medications tab: daily doses and PHQ-9/GAD-7 totals by date.

Each medication is one step line: its total daily dose holds from the day it starts or
changes until the next change, and a stopped medication ends, with a short bar, on its
stop date. As-needed orders are dashed lines at their daily maximum. PHQ-9 and GAD-7
totals are points joined by lines, read against the right axis in raw points (so a GAD-7
of 21 sits below a PHQ-9 of 27, as on paper).

How doses of different drugs share the left axis: in mg when there is one drug, or when
the drugs' highest doses are within a factor of four of each other (sertraline 100 mg
beside quetiapine 150 mg), because a psychiatrist reads doses in mg. When they differ
more (lithium 900 mg beside aripiprazole 5 mg), an mg axis flattens the smaller drug
into the floor and hides its titration, so the axis shows each drug as a percentage of
its own highest charted dose instead. Either way every step is labelled with its dose
in mg, so the number on the line is always the real one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from practice_desk.domain import scales
from practice_desk.domain.regimens import Order
from practice_desk.ui.i18n import long_date
from practice_desk.ui.plot import PALETTE, Axis, Marker, Series, TimePlot

if TYPE_CHECKING:  # the rows the facade hands back
    from practice_desk.domain.records import ScaleRecord

#: The scales drawn on the right axis, with their colour and marker.
SCORES: tuple[tuple[str, str, Marker, bool], ...] = (
    ("phq9", "#222222", "circle", False),
    ("gad7", "#6b6b6b", "square", True),
)
#: Above this ratio between the drugs' highest doses, the left axis is in % of each drug's own.
MG_AXIS_RATIO = 4.0
_NAN = float("nan")


@dataclass(frozen=True)
class DoseLine:
    """One medication's total daily mg by date; NaN where it was not taken."""

    name: str
    as_needed: bool
    points: tuple[tuple[date, float], ...]
    stopped: date | None  # the last stop date, when nothing of it is taken now

    @property
    def peak(self) -> float:
        return max((v for _, v in self.points if not math.isnan(v)), default=0.0)


def dose_lines(orders: Sequence[Order], today: date) -> tuple[list[DoseLine], list[str]]:
    """Lines per medication (as-needed kept apart), and names whose daily dose is unknown."""
    groups: dict[tuple[str, bool], list[Order]] = defaultdict(list)
    unknown: list[str] = []
    for order in orders:
        d = order.details
        if not order.taken:  # entered in error: never taken
            continue
        if d.daily_mg is None:
            if d.name not in unknown:
                unknown.append(d.name)
            continue
        key = ((d.drug_id or d.name).casefold(), d.schedule.as_needed)
        groups[key].append(order)
    lines = [line for group in groups.values() if (line := _line(group, today)).points]
    lines.sort(key=lambda line: (min(d for d, _ in line.points), line.name))
    return lines, unknown


def _line(orders: list[Order], today: date) -> DoseLine:
    ongoing = [max(today, o.start) for o in orders if o.end is None]
    last = max([*ongoing, *(o.end for o in orders if o.end is not None)])
    edges = sorted({o.start for o in orders} | {o.end for o in orders if o.end} | {last})
    points: list[tuple[date, float]] = []
    if len(edges) == 1:  # started today (or stopped the day it started): a dose, no length yet
        # What is taken from today on; an order stopped the day it started and replaced
        # the same day does not add to it (300 mg stopped and restarted is 300 mg, not 600).
        running = [o.details.daily_mg or 0 for o in orders if o.end is None]
        total = sum(running) if running else max(o.details.daily_mg or 0 for o in orders)
        points = [(last, total)]
    for day in edges[:-1]:
        taken = [o for o in orders if o.start <= day and (o.end is None or day < o.end)]
        value = sum(o.details.daily_mg or 0 for o in taken) if taken else _NAN
        if points and (points[-1][1] == value or (math.isnan(value) and math.isnan(points[-1][1]))):
            continue
        points.append((day, value))
    while points and math.isnan(points[-1][1]):
        points.pop()
    if points:
        points.append((last, points[-1][1]))
    first = orders[0].details
    return DoseLine(
        name=first.name,
        as_needed=first.schedule.as_needed,
        points=tuple(points),
        stopped=None if ongoing else last,
    )


class MedicationTimeline(TimePlot):
    """Doses as step lines (left axis), PHQ-9 and GAD-7 totals (right axis), one time axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("medication_timeline")
        self.setAccessibleName(self.tr("Dose timeline with PHQ-9 and GAD-7 scores"))
        self.setMinimumHeight(240)
        self.set_empty_text(self.tr("No doses or scores to show yet."))
        self.lines: list[DoseLine] = []

    def show_course(
        self, orders: Sequence[Order], results: Sequence[ScaleRecord], today: date
    ) -> None:
        """Draw a patient's medications (the whole history) and scale results up to today."""
        self.lines, unknown = dose_lines(orders, today)
        peaks = [line.peak for line in self.lines if line.peak > 0]
        in_mg = len(peaks) < 2 or max(peaks) / min(peaks) <= MG_AXIS_RATIO
        series = [self._dose_series(line, i, in_mg) for i, line in enumerate(self.lines)]
        words = [self._dose_words(line) for line in self.lines]
        top = 0.0
        for scale_id, color, marker, dashed in SCORES:
            scale = scales.get(scale_id)
            top = max(top, scale.max_total)
            taken = sorted((r for r in results if r.scale_id == scale_id), key=_when)
            if not taken:
                continue
            series.append(
                Series(
                    scale.short_name,
                    tuple((r.taken_on, float(r.total)) for r in taken),
                    color=color,
                    axis="right",
                    marker=marker,
                    dashed=dashed,
                )
            )
            words.append(self._score_words(scale, taken[-1]))
        if unknown:
            unknown_words = self.tr("Not charted (daily dose not known): %1")
            words.append(unknown_words.replace("%1", ", ".join(unknown)))
        left = (
            Axis(self.tr("Daily dose (mg)"), 0, max(peaks, default=1) * 1.15, unit=" mg")
            if in_mg
            else Axis(self.tr("% of each drug's highest dose"), 0, 115, unit=" %", step=25)
        )
        right = Axis(self.tr("PHQ-9 / GAD-7 total"), 0, top, step=5)
        self.set_axes(left, right)
        self.set_x_range(None)
        self.set_today(today)
        self.set_series(series)
        self.set_description(". ".join(words) + "." if words else None)

    def clear(self) -> None:
        self.lines = []
        self.set_series([])
        self.set_description(None)

    def _dose_series(self, line: DoseLine, index: int, in_mg: bool) -> Series:
        scale = 1.0 if in_mg or not line.peak else 100.0 / line.peak
        name = self.tr("%1 (as needed)").replace("%1", line.name) if line.as_needed else line.name
        last = len(line.points) - 1
        return Series(
            name,
            tuple((day, mg * scale) for day, mg in line.points),
            color=PALETTE[index % 6],
            step=True,
            dashed=line.as_needed,
            # Drugs at the same height (each at its own 100 %) run side by side, not hidden.
            nudge=0.22 * index,
            labels=tuple(
                "" if math.isnan(mg) or i == last else f"{mg:g} mg"
                for i, (_, mg) in enumerate(line.points)
            ),
        )

    def _dose_words(self, line: DoseLine) -> str:
        steps = [(d, mg) for d, mg in line.points[:-1] if not math.isnan(mg)]
        history = ", ".join(
            self.tr("%1 mg from %2").replace("%1", f"{mg:g}").replace("%2", long_date(d))
            for d, mg in steps
        )
        if line.stopped is not None:
            text = self.tr("%1: %2; stopped %3").replace("%3", long_date(line.stopped))
        else:
            text = self.tr("%1: %2; taken now")
        name = self.tr("%1 (as needed)").replace("%1", line.name) if line.as_needed else line.name
        return text.replace("%1", name).replace("%2", history)

    def _score_words(self, scale: scales.Scale, latest: ScaleRecord) -> str:
        text = self.tr("%1 latest %2 of %3 on %4")
        text = (
            text.replace("%1", scale.short_name)
            .replace("%2", str(latest.total))
            .replace("%3", str(scale.max_total))
            .replace("%4", long_date(latest.taken_on))
        )
        return text + (f" ({latest.band})" if latest.band else "")


def _when(record: ScaleRecord) -> tuple[date, int]:
    return record.taken_on, record.id
