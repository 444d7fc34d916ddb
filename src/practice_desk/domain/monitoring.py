"""Monitoring: which tests a medication needs, when they are due, and what a result means.

Protocols live in ``resources/formulary/monitoring.toml`` and tests with their ranges in
``labs.toml``; both are validated once when first loaded. Scheduling is pure date arithmetic
over a medication's start, its dose changes and the dates of results already recorded.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import cache
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from practice_desk.domain import formulary

#: A baseline result this many days before the start still counts (more if window_days says so).
BASELINE_WINDOW_DAYS = 30

Level = Literal["normal", "low", "high", "alert_low", "alert_high"]
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ID = r"^[a-z0-9_]+$"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Phase(_Strict):
    """Repeat every ``every_days`` while the latest result falls before ``until_day``."""

    until_day: int | None = Field(None, gt=0)
    every_days: int = Field(gt=0)


class Item(_Strict):
    """One test: fixed days after the start and after each dose change, then repeating phases."""

    id: str = Field(pattern=_ID)
    what: str = Field(min_length=3)
    at_start_days: tuple[int, ...] = ()
    after_change_days: tuple[int, ...] = ()
    phases: tuple[Phase, ...] = ()
    window_days: int = Field(7, ge=0)

    @model_validator(mode="after")
    def _schedule_makes_sense(self) -> Item:
        if not (self.at_start_days or self.after_change_days or self.phases):
            raise ValueError(f"item {self.id} is never due")
        if any(d < 0 for d in (*self.at_start_days, *self.after_change_days)):
            raise ValueError(f"item {self.id} has a negative day offset")
        ends = [p.until_day for p in self.phases]
        if ends and (ends[-1] is not None or None in ends[:-1]):
            raise ValueError(f"item {self.id}: only the last phase is open-ended, and it must be")
        bounded = [e for e in ends if e is not None]
        if bounded != sorted(set(bounded)):
            raise ValueError(f"item {self.id}: phase ends must increase")
        return self


class Protocol(_Strict):
    id: str = Field(pattern=_ID)
    title: str
    source: str = Field(min_length=10)
    status: Literal["V", "S", "L"]
    note: str = ""
    items: tuple[Item, ...] = Field(alias="item", min_length=1)

    @model_validator(mode="after")
    def _unique_items(self) -> Protocol:
        ids = [i.id for i in self.items]
        if len(ids) != len(set(ids)):
            raise ValueError(f"protocol {self.id} lists a test twice")
        return self


class Advice(_Strict):
    """Words shown for a level; with ``below``, only for values under it."""

    level: Literal["low", "high", "alert_low", "alert_high"]
    below: float | None = None
    says: str = ""
    action: str = ""


class Lab(_Strict):
    """A test with its range: below ``low`` is low, above ``high`` high; the alerts need action."""

    id: str = Field(pattern=_ID)
    name: str
    unit: str = ""
    #: A test reported in one of several units (glucose in mg/dL or mmol/L, HbA1c in % or
    #: mmol/mol): the unit is chosen with each result, the first offered first.
    units: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    alert_low: float | None = None
    alert_high: float | None = None
    note: str = ""
    source: str = Field(min_length=5)
    advice: tuple[Advice, ...] = ()

    @model_validator(mode="after")
    def _ordered(self) -> Lab:
        bounds = [self.alert_low, self.low, self.high, self.alert_high]
        present = [b for b in bounds if b is not None]
        if present != sorted(present) or len(present) != len(set(present)):
            raise ValueError(f"lab {self.id}: need alert_low < low < high < alert_high")
        for a in self.advice:
            if getattr(self, a.level) is None:
                raise ValueError(f"lab {self.id} advises on {a.level} but sets no {a.level}")
        return self


class DueItem(_Strict):
    """When one test is next due for one medication, and why."""

    protocol_id: str
    item_id: str
    what: str
    due: date
    overdue: bool
    reason: str


class LabFlag(_Strict):
    """A result placed against its range, with a message in plain words."""

    lab_id: str
    value: float
    level: Level
    message: str


_Row = TypeVar("_Row", Lab, Protocol)


class _ProtocolFile(_Strict):
    protocol: tuple[Protocol, ...]


class _LabFile(_Strict):
    lab: tuple[Lab, ...]


def _by_id(rows: tuple[_Row, ...], file: str) -> dict[str, _Row]:
    found = {row.id: row for row in rows}
    if len(found) != len(rows):
        raise ValueError(f"{file} defines an id twice")
    return found


@cache
def _labs() -> dict[str, Lab]:
    return _by_id(_LabFile.model_validate(formulary.read_resource("labs.toml")).lab, "labs.toml")


@cache
def _protocols() -> dict[str, Protocol]:
    data = formulary.read_resource("monitoring.toml")
    found = _by_id(_ProtocolFile.model_validate(data).protocol, "monitoring.toml")
    for protocol in found.values():
        for item in protocol.items:
            if item.id not in _labs():
                raise ValueError(f"protocol {protocol.id} names test {item.id}, not in labs.toml")
    return found


def labs() -> dict[str, Lab]:
    """Every test the protocols use, by id (validated once per process)."""
    return dict(_labs())


def protocols() -> dict[str, Protocol]:
    """Every monitoring protocol, by id (validated once per process)."""
    return dict(_protocols())


def due_items(
    protocol_ids: Iterable[str],
    *,
    started: date,
    changes: Sequence[date] = (),
    results: Mapping[str, Sequence[date]] = {},
    today: date,
) -> list[DueItem]:
    """The next due date of each test for one medication, earliest first.

    A fixed time point (the start or a dose change plus an offset) is due unless a result
    meets it; a repeating test is due one interval after its latest result (or the start).
    The earlier of the two wins. A test in several protocols appears once, at its earliest.
    Dose changes before the start belong to an earlier course and are ignored.
    """
    known = _protocols()
    own_changes = sorted(c for c in set(changes) if c >= started)
    best: dict[str, DueItem] = {}
    for protocol_id in protocol_ids:
        if protocol_id not in known:
            raise ValueError(f"unknown monitoring protocol {protocol_id!r}")
        for item in known[protocol_id].items:
            found = _next_due(item, started, own_changes, sorted(results.get(item.id, ())))
            if found is None:
                continue
            due, reason = found
            current = best.get(item.id)
            if current is None or due < current.due:
                best[item.id] = DueItem(
                    protocol_id=protocol_id,
                    item_id=item.id,
                    what=item.what,
                    due=due,
                    overdue=due < today,
                    reason=reason,
                )
    return sorted(best.values(), key=lambda d: (d.due, d.item_id))


def _next_due(
    item: Item, started: date, changes: Sequence[date], taken: Sequence[date]
) -> tuple[date, str] | None:
    def met(earliest: date) -> bool:
        return any(t >= earliest for t in taken)

    options: list[tuple[date, str]] = []
    for offset in item.at_start_days:
        point = started + timedelta(offset)
        if offset == 0:
            if not met(started - timedelta(max(BASELINE_WINDOW_DAYS, item.window_days))):
                options.append((point, "baseline"))
        elif not met(max(point - timedelta(item.window_days), started)):
            options.append((point, f"{_duration(offset)} after starting on {_day(started)}"))
    for change in changes:
        for offset in item.after_change_days:
            point = change + timedelta(offset)
            # A result from the day of the change was probably taken before it.
            floor = change + timedelta(1 if offset else 0)
            if not met(max(point - timedelta(item.window_days), floor)):
                reason = f"{_duration(offset)} after the dose change on {_day(change)}"
                options.append((point, reason))
    if item.phases:
        anchor = max([started, *taken])
        day = (anchor - started).days
        index = next(
            i for i, p in enumerate(item.phases) if p.until_day is None or day < p.until_day
        )
        phase = item.phases[index]
        options.append((anchor + timedelta(phase.every_days), _phase_reason(item.phases, index)))
    return min(options, key=lambda o: o[0], default=None)


def _phase_reason(phases: Sequence[Phase], index: int) -> str:
    every = f"every {phases[index].every_days} days"
    until = phases[index].until_day
    since = phases[index - 1].until_day if index else None
    if until is not None and since is None:
        return f"{every} in the first {_duration(until).removeprefix('1 ')}"
    if until is not None and since is not None:
        return f"{every} from {_duration(since)} to {_duration(until)} of treatment"
    if since is not None:
        return f"{every} after the first {_duration(since).removeprefix('1 ')}"
    return every


def _duration(days: int) -> str:
    """Days as people say them: 365 -> "1 year", 182 -> "6 months", 28 -> "4 weeks"."""
    if days < 28:
        return _plural(days, "day")
    if days % 365 == 0:
        return _plural(days // 365, "year")
    months = round(days / 30.44)
    if months and abs(days - months * 30.44) <= 2:
        return _plural(months, "month")
    if days % 7 == 0:
        return _plural(days // 7, "week")
    return _plural(days, "day")


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _day(value: date) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def classify(lab_id: str, value: float) -> LabFlag:
    """Where a result falls against the test's range, with plain words for the clinician."""
    lab = _labs().get(lab_id)
    if lab is None:
        raise ValueError(f"unknown test {lab_id!r}: it is not in labs.toml")
    if not math.isfinite(value):
        raise ValueError(f"{lab.name} result must be a number, not {value!r}")
    level: Level = "normal"
    if lab.alert_high is not None and value >= lab.alert_high:
        level = "alert_high"
    elif lab.alert_low is not None and value < lab.alert_low:
        level = "alert_low"
    elif lab.high is not None and value > lab.high:
        level = "high"
    elif lab.low is not None and value < lab.low:
        level = "low"
    return LabFlag(lab_id=lab_id, value=value, level=level, message=_message(lab, value, level))


def _message(lab: Lab, value: float, level: Level) -> str:
    unit = f" {lab.unit}" if lab.unit else ""
    head = f"{lab.name} {_num(value)}{unit}"
    if level == "normal":
        if lab.low is not None and lab.high is not None:
            return f"{head} is within the range ({_num(lab.low)}–{_num(lab.high)}{unit})."
        if lab.low is not None:
            return f"{head} is within the range ({_num(lab.low)}{unit} or more)."
        if lab.high is not None:
            return f"{head} is within the range (up to {_num(lab.high)}{unit})."
        return f"{head}: no range is recorded for this test; judge it clinically."
    fits = [a for a in lab.advice if a.level == level and (a.below is None or value < a.below)]
    advice = min(fits, key=lambda a: math.inf if a.below is None else a.below, default=None)
    if level == "alert_high":
        says, bound = "is at or above the alert level", f"{_num(_bound(lab.alert_high))} or more"
    elif level == "alert_low":
        cut = advice.below if advice and advice.below is not None else _bound(lab.alert_low)
        says, bound = "is below the alert level", f"below {_num(cut)}"
    elif lab.low is not None and lab.high is not None:
        says = f"is {'below' if level == 'low' else 'above'} the range"
        bound = f"{_num(lab.low)}–{_num(lab.high)}{unit}"
    elif level == "low":
        says, bound = "is low", f"below {_num(_bound(lab.low))}"
    else:
        says, bound = "is high", f"above {_num(_bound(lab.high))}"
    if advice and advice.says:
        says = advice.says
    action = f": {advice.action}" if advice and advice.action else ""
    return f"{head} {says} ({bound}){action}."


def _bound(value: float | None) -> float:
    if value is None:  # classify() reaches a level only through its bound
        raise AssertionError("a flagged level without its bound")
    return value


def _num(value: float) -> str:
    return f"{value:g}"
