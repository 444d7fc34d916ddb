"""A taper in progress: where the patient is, and holding, extending, stepping back, re-planning.

Every change returns a new list of steps with the dates moved, so the printed calendar and
the chart always agree. The withdrawal log is the drug's checklist (withdrawal.py) with a
0-10 severity; when symptoms rise the step should be held (NICE NG222 §1.4.17: do not
reduce further until withdrawal symptoms have resolved or are tolerable).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from practice_desk.domain import withdrawal
from practice_desk.domain.tapering import Step, TaperPlan

#: Every symptom of every withdrawal checklist (withdrawal.toml), by key, in English: a
#: logged entry may name any of them, so entries made before a drug's list changed still load.
SYMPTOMS: dict[str, str] = {key: words.en for key, words in withdrawal.symptoms().items()}
#: Severity at which the next reduction should wait.
HOLD_AT_SEVERITY = 5
#: A rise of this much since the previous entry at the same step also suggests holding.
HOLD_ON_RISE = 2


class Change(StrEnum):
    HOLD = "hold"
    EXTEND = "extend"
    STEP_BACK = "step_back"
    REPLAN = "replan"


class SymptomEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    on: date
    step: int = Field(ge=1)
    symptoms: tuple[str, ...] = ()
    severity: int = Field(ge=0, le=10)
    note: str = Field("", max_length=1000)

    @field_validator("symptoms")
    @classmethod
    def _known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [s for s in value if s not in SYMPTOMS]
        if unknown:
            raise ValueError(f"Unknown symptom {unknown[0]!r}; choose from the checklist.")
        return value


def current_step(steps: Sequence[Step], today: date) -> Step | None:
    """The step in force today (the last one started), or None before the first starts."""
    started = [s for s in steps if s.start <= today]
    return started[-1] if started else None


def _shift(steps: Sequence[Step], after: int, days: int) -> list[Step]:
    """Move every step after number ``after`` by days, and stretch step ``after``'s end."""
    moved = []
    for step in steps:
        if step.number == after and step.end is not None:
            moved.append(step.model_copy(update={"end": step.end + timedelta(days=days)}))
        elif step.number > after:
            moved.append(
                step.model_copy(
                    update={
                        "start": step.start + timedelta(days=days),
                        "end": step.end + timedelta(days=days) if step.end else None,
                    }
                )
            )
        else:
            moved.append(step)
    return moved


def extend(plan: TaperPlan, step_number: int, days: int) -> TaperPlan:
    """Stay on a step for longer (a hold is an extension decided because of symptoms)."""
    if not 1 <= days <= 365:
        raise ValueError("A step can be extended by 1 to 365 days.")
    step = _find(plan, step_number)
    if step.daily_mg == 0:
        raise ValueError("The final step (stopping) cannot be extended.")
    return plan.model_copy(update={"steps": tuple(_shift(plan.steps, step_number, days))})


def step_back(plan: TaperPlan, step_number: int, on: date, days: int | None = None) -> TaperPlan:
    """Return to the previous step's dose from ``on`` for ``days`` (default: one interval).

    The current step ends the day before; the returned-to dose becomes a new step, and the
    remaining steps (starting again with the one stepped back from) follow it.
    """
    current = _find(plan, step_number)
    if step_number == 1:
        raise ValueError("The first step has no earlier dose to go back to; hold it instead.")
    if on < current.start:
        raise ValueError("Stepping back must be dated on or after the current step began.")
    previous = _find(plan, step_number - 1)
    length = days or plan.interval_days
    back = previous.model_copy(
        update={
            "start": on,
            "end": on + timedelta(days=length - 1),
            # Negative: going back up is the opposite of a cut.
            "cut_percent": round((current.daily_mg - previous.daily_mg) / current.daily_mg * 100, 1)
            if current.daily_mg
            else 0.0,
        }
    )
    cut_short = (
        current.model_copy(update={"end": on - timedelta(days=1)}) if on > current.start else None
    )
    rest_start = on + timedelta(days=length)
    rest: list[Step] = []
    offset = (rest_start - current.start).days
    for step in plan.steps:
        if step.number >= step_number:
            rest.append(
                step.model_copy(
                    update={
                        "start": step.start + timedelta(days=offset),
                        "end": step.end + timedelta(days=offset) if step.end else None,
                    }
                )
            )
    before = [s for s in plan.steps if s.number < step_number]
    ordered = [*before, *([cut_short] if cut_short else []), back, *rest]
    renumbered = tuple(s.model_copy(update={"number": i}) for i, s in enumerate(ordered, start=1))
    return plan.model_copy(update={"steps": renumbered})


def replan(old: TaperPlan, new: TaperPlan, from_step: int) -> TaperPlan:
    """Keep the steps before from_step and continue with ``new`` (planned from that step's dose)."""
    kept = [s for s in old.steps if s.number < from_step]
    continued = [
        s.model_copy(update={"number": len(kept) + i}) for i, s in enumerate(new.steps, start=1)
    ]
    return new.model_copy(
        update={
            "steps": tuple(kept + continued),
            "start_mg": old.start_mg,
            "warnings": new.warnings,
        }
    )


def suggestion(entries: Sequence[SymptomEntry], step_number: int) -> str | None:
    """Advice when withdrawal symptoms at this step call for holding the next reduction."""
    here = sorted((e for e in entries if e.step == step_number), key=lambda e: e.on)
    if not here:
        return None
    latest = here[-1]
    rising = len(here) > 1 and latest.severity - here[-2].severity >= HOLD_ON_RISE
    if latest.severity >= HOLD_AT_SEVERITY or rising:
        why = "are rising" if rising else f"are at {latest.severity} out of 10"
        return (
            f"Withdrawal symptoms {why}. Consider holding this step until they have settled or "
            "are tolerable before the next reduction; if they are severe, go back to the last "
            "dose that was tolerated and continue more slowly (NICE NG222 §1.4.17)."
        )
    return None


def _find(plan: TaperPlan, number: int) -> Step:
    for step in plan.steps:
        if step.number == number:
            return step
    raise ValueError(f"The plan has no step {number}.")
