"""Taper plans: from today's daily dose down to zero in steps a patient can really take.

Strategies (clinical-notes §1-§3):

- ``hyperbolic``: each step cuts a fixed percentage of the *current* dose (NICE NG222
  §1.4.17; Horowitz & Taylor 2019), so the cuts in mg shrink as the dose falls;
- ``linear``: each step cuts the same number of mg;
- ``custom``: the prescriber lists the daily doses.

Every target is rounded to a dose the chosen products can make (whole, half or quarter
tablets where the product may be split, oral liquid in 0.1 mL steps). Rounding never cuts
more than the chosen step; when no takeable dose fits, the plan stops there and says which
product would let it go on, instead of silently cutting more.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise

from pydantic import BaseModel, ConfigDict

from practice_desk.domain import formulary
from practice_desk.domain.formulary import Drug, Product, Release
from practice_desk.domain.taper_doses import (  # noqa: F401 - part of this API
    _WHOLE_FORMS,
    LIQUID_STEP_ML,
    MAX_LIQUID_ML,
    MAX_PIECES,
    UG,
    Dose,
    Doser,
    Piece,
    StepPart,
    usable_products,
)

MAX_STEPS = 200


class Strategy(StrEnum):
    HYPERBOLIC = "hyperbolic"
    LINEAR = "linear"
    CUSTOM = "custom"


class Step(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    start: date
    end: date | None  # None for the final stop
    target_mg: float
    daily_mg: float
    how: str
    how_es: str = ""  # the same in Spanish, for the Spanish calendar
    cut_percent: float  # of the previous practical dose
    rounding_error_mg: float  # practical minus target
    parts: tuple[StepPart, ...] = ()

    @property
    def days(self) -> int | None:
        return (self.end - self.start).days + 1 if self.end else None


class TaperPlan(BaseModel):
    model_config = ConfigDict(frozen=True)

    drug_id: str
    drug_name: str
    start_mg: float
    strategy: Strategy
    step_percent: float
    interval_days: int
    steps: tuple[Step, ...]
    warnings: tuple[str, ...]
    products: tuple[str, ...]

    @property
    def reaches_zero(self) -> bool:
        return bool(self.steps) and self.steps[-1].daily_mg == 0

    @property
    def end(self) -> date | None:
        return self.steps[-1].start if self.reaches_zero else None


# --- planning ---------------------------------------------------------------------------


def plan(
    drug: Drug | str,
    daily_mg: float,
    *,
    strategy: Strategy | str = Strategy.HYPERBOLIC,
    step_percent: float = 10.0,
    interval_days: int = 28,
    allow_liquid: bool = True,
    allow_splitting: bool = True,
    start: date | None = None,
    final_mg: float | None = None,
    step_mg: float | None = None,
    custom_mg: Sequence[float] = (),
    products: Sequence[Product] | None = None,
    via_diazepam: bool = False,
    current_product: Product | None = None,
) -> TaperPlan:
    """A taper from daily_mg to zero (or as far as the products allow, with the reason).

    ``step_percent`` is the largest cut a step may make, as a percentage of the current dose
    (hyperbolic) or of the starting dose (linear, unless ``step_mg`` is given). Below
    ``final_mg`` (default: 1/40 of the starting dose, or the smallest takeable amount) the
    next step is zero.
    """
    found = formulary.load().find(drug) if isinstance(drug, str) else drug
    if found is None:
        raise ValueError(f"“{drug}” is not in the formulary, so a taper cannot be planned for it.")
    drug = found
    switch_note = ""
    if via_diazepam and drug.id != "diazepam":
        if "benzodiazepine_like" not in drug.tags:
            raise ValueError("Only a benzodiazepine or z-drug can be switched to diazepam first.")
        equivalent = diazepam_equivalent(drug, daily_mg)
        switch_note = (
            f"First switch {daily_mg:g} mg a day of {drug.generic} to about {equivalent:g} mg a "
            "day of diazepam, gradually over 1-2 weeks (one dose at a time), then follow this "
            "plan. Equivalents are approximate; adjust for age, liver function and sedation "
            "(Joint Clinical Practice Guideline on Benzodiazepine Tapering, 2025)."
        )
        drug = formulary.load().drugs["diazepam"]
        daily_mg = equivalent
    strategy = Strategy(strategy)
    if not daily_mg > 0:
        raise ValueError("The current daily dose must be more than 0 mg.")
    if not 0 < step_percent <= 50:
        raise ValueError("Each step may cut between 1% and 50% of the dose.")
    if not 1 <= interval_days <= 365:
        raise ValueError("A step lasts between 1 and 365 days.")
    start = start or date.today()
    chosen = (
        list(products)
        if products is not None
        else usable_products(drug, allow_liquid, current_product)
    )
    if not allow_liquid:
        chosen = [p for p in chosen if not p.is_liquid]
    if not chosen:
        raise ValueError(f"No oral product of {drug.generic} is available to plan with.")
    start_ug = round(daily_mg * UG)
    doser = Doser(chosen, allow_splitting, start_ug)
    warnings: list[str] = [switch_note] if switch_note else []
    if not doser.can_make(start_ug):
        warnings.append(
            f"{daily_mg:g} mg a day cannot be made exactly from the chosen products; the first "
            "step starts from the nearest dose below it that can."
        )
    floor_ug = round(final_mg * UG) if final_mg else max(start_ug // 40, doser.smallest_ug)

    doses = _ladder(
        drug, doser, strategy, start_ug, step_percent, step_mg, custom_mg, floor_ug, warnings
    )
    steps = _steps(doses, start, interval_days, start_ug)
    stopping_days = (steps[-1].start - steps[0].start).days if steps else 0
    if drug.id == "lithium" and steps and steps[-1].daily_mg == 0 and stopping_days < 14:
        raise ValueError(
            "Lithium should not be stopped over less than 2 weeks (rapid stopping raises the "
            "risk of relapse; NICE CG185 advises at least 4 weeks). Choose longer steps."
        )
    if (
        current_product is not None
        and current_product.release is not Release.IMMEDIATE
        and all(p.release is Release.IMMEDIATE for p in chosen)
    ):
        warnings.append(
            f"The current {current_product.label()} is replaced by immediate-release products "
            "for the taper; immediate-release doses are usually split over the day as the "
            "label directs."
        )
    warnings += _drug_advice(drug, daily_mg, strategy, step_percent, interval_days, steps)
    return TaperPlan(
        drug_id=drug.id,
        drug_name=drug.generic,
        start_mg=daily_mg,
        strategy=strategy,
        step_percent=step_percent,
        interval_days=interval_days,
        steps=tuple(steps),
        warnings=tuple(warnings),
        products=tuple(p.label() for p in chosen),
    )


def _ladder(
    drug: Drug,
    doser: Doser,
    strategy: Strategy,
    start_ug: int,
    percent: float,
    step_mg: float | None,
    custom_mg: Sequence[float],
    floor_ug: int,
    warnings: list[str],
) -> list[tuple[int, Dose]]:
    """(target, practical dose) pairs, ending at zero or where no takeable step exists."""
    fraction = percent / 100
    linear_cut = round((step_mg if step_mg else start_ug / UG * fraction) * UG)
    if strategy is Strategy.CUSTOM:
        if not custom_mg:
            raise ValueError("A custom taper needs its list of daily doses.")
        if any(b > a for a, b in pairwise(custom_mg)):
            raise ValueError("The doses of a custom taper must go down (or stay), never up.")
        if custom_mg[0] * UG > start_ug:
            raise ValueError("The first dose of a custom taper is above the current dose.")
    ladder: list[tuple[int, Dose]] = []
    current = start_ug
    previous: Dose | None = None
    for index in range(MAX_STEPS):
        if strategy is Strategy.CUSTOM:
            if index == len(custom_mg):
                warnings.append("The custom doses end above zero; add the last steps.")
                return ladder
            target = round(custom_mg[index] * UG)
            # The prescriber chose the dose: round up to a tenth above it, and only below it
            # (by up to a tenth) when nothing above can be made.
            low, high = target, min(current, math.floor(target * 1.1))
            if target and doser.nearest(target, low, high) is None:
                low = math.ceil(target * 0.9)
        elif current <= floor_ug:
            target = low = high = 0
        elif strategy is Strategy.HYPERBOLIC:
            target = round(current * (1 - fraction))
            low, high = math.ceil(current * (1 - fraction)), current - 1
        else:
            # Targets count down from the start, so rounding never makes the steps drift.
            target = max(start_ug - (index + 1) * linear_cut, 0)
            low, high = max(target, current - linear_cut), current - 1
            if target < floor_ug:
                target = low = high = 0
        if target == 0:
            _note_final_cut(drug, doser, start_ug, current, floor_ug, warnings, strategy)
            ladder.append((0, Dose(ug=0)))
            return ladder
        dose = doser.nearest(target, low, high, previous)
        if dose is None:
            if current * 20 <= start_ug:
                # Already below a twentieth of the start: stop from here, and say so.
                warnings.append(_final_from(drug, doser, current, start_ug))
                ladder.append((0, Dose(ug=0)))
            else:
                warnings.append(_cannot_continue(drug, doser, current, target))
            return ladder
        ladder.append((target, dose))
        current, previous = dose.ug, dose
    warnings.append(f"The plan was cut off after {MAX_STEPS} steps; choose larger steps.")
    return ladder


def _note_final_cut(
    drug: Drug,
    doser: Doser,
    start_ug: int,
    current_ug: int,
    floor_ug: int,
    warnings: list[str],
    strategy: Strategy,
) -> None:
    """Say so when stopping happens from well above a fortieth of the starting dose."""
    if strategy is Strategy.LINEAR or current_ug * 40 <= start_ug * 1.01 + 1:
        return
    if current_ug == start_ug:
        warnings.append(
            f"The chosen products cannot make any dose below {current_ug / UG:g} mg a day, so this "
            f"plan stops {drug.generic} at once. {_product_hint(drug, doser, current_ug)}"
        )
    else:
        warnings.append(_final_from(drug, doser, current_ug, start_ug))


def _final_from(drug: Drug, doser: Doser, current_ug: int, start_ug: int) -> str:
    share = current_ug / start_ug * 100
    return (
        f"The last step stops from {current_ug / UG:g} mg a day ({share:.0f}% of the starting "
        f"dose), a bigger cut than the others. {_product_hint(drug, doser, current_ug)}"
    )


def _cannot_continue(drug: Drug, doser: Doser, current_ug: int, target_ug: int) -> str:
    now, want = current_ug / UG, target_ug / UG
    return (
        f"From {now:g} mg a day the next step (about {want:g} mg) cannot be made with the chosen "
        f"products without cutting more than planned. {_product_hint(drug, doser, current_ug)} "
        "The plan stops here."
    )


def _product_hint(drug: Drug, doser: Doser, current_ug: int) -> str:
    """Which product, not already in use, would allow smaller steps."""
    unused_liquids = [p for p in drug.products if p.is_liquid and p not in doser.liquids]
    in_use = {p.strength_mg for p in doser_products(doser)}
    smaller = sorted(
        p.strength_mg
        for p in drug.products
        if not p.is_liquid
        and p.form in _WHOLE_FORMS
        and p.strength_mg * UG < current_ug
        and p.strength_mg not in in_use
    )
    if unused_liquids:
        return f"The {unused_liquids[0].label()} would allow smaller steps."
    if smaller:
        return f"A {smaller[0]:g} mg {drug.generic} product would allow smaller steps."
    return "A compounding pharmacy can make a liquid or tapering strips for smaller steps."


def doser_products(doser: Doser) -> list[Product]:
    return [piece.product for group in doser._solid.values() for piece, _ in group]


def _steps(
    doses: list[tuple[int, Dose]], start: date, interval_days: int, start_ug: int
) -> list[Step]:
    steps: list[Step] = []
    previous = start_ug
    for number, (target, dose) in enumerate(doses, start=1):
        begins = start + timedelta(days=interval_days * (number - 1))
        final = dose.ug == 0
        cut = (previous - dose.ug) / previous * 100 if previous else 0.0
        steps.append(
            Step(
                number=number,
                start=begins,
                end=None if final else begins + timedelta(days=interval_days - 1),
                target_mg=target / UG,
                daily_mg=dose.mg,
                how=dose.words(),
                how_es=dose.words("es"),
                cut_percent=round(cut, 1),
                rounding_error_mg=round((dose.ug - target) / UG, 3),
                parts=dose.parts(),
            )
        )
        previous = dose.ug
    return steps


# --- drug-specific advice ------------------------------------------------------------------

#: Drugs with a higher risk of withdrawal symptoms, for which NICE NG222 §1.4.19 advises
#: particular care.
_HIGH_WITHDRAWAL = {"paroxetine", "venlafaxine", "desvenlafaxine"}


class Settings(BaseModel):
    strategy: Strategy
    step_percent: float
    interval_days: int
    why: str


def suggested_settings(drug: Drug) -> Settings:
    """A cautious starting point by drug group, with its source."""
    if drug.id == "lithium":
        return Settings(
            strategy=Strategy.LINEAR,
            step_percent=25,
            interval_days=14,
            why="Lithium: reduce over at least 4 weeks, preferably up to 3 months "
            "(NICE CG185; Faedda 1993; Baldessarini 1997).",
        )
    if "antipsychotic" in drug.tags:
        return Settings(
            strategy=Strategy.HYPERBOLIC,
            step_percent=25,
            interval_days=90,
            why="Antipsychotics: cut a quarter of the most recent dose every 3 to 6 months "
            "(Horowitz et al., Schizophr Bull 2021).",
        )
    if "benzodiazepine_like" in drug.tags:
        return Settings(
            strategy=Strategy.HYPERBOLIC,
            step_percent=10,
            interval_days=14,
            why="Benzodiazepines and z-drugs: 5-10% every 2-4 weeks, never more than 25% "
            "every 2 weeks (Joint Clinical Practice Guideline, 2025).",
        )
    if drug.drug_class == "anticonvulsant_mood":
        return Settings(
            strategy=Strategy.LINEAR,
            step_percent=25,
            interval_days=14,
            why="Anticonvulsant mood stabilisers: reduce over at least 4 weeks (NICE).",
        )
    percent = 10 if drug.id in _HIGH_WITHDRAWAL else 25
    return Settings(
        strategy=Strategy.HYPERBOLIC,
        step_percent=percent,
        interval_days=28,
        why="Antidepressants: each step a proportion of the current dose, smaller as the dose "
        "falls; hold while withdrawal symptoms last (NICE NG222 §1.4.17; Horowitz & Taylor "
        "2019).",
    )


def _drug_advice(
    drug: Drug,
    daily_mg: float,
    strategy: Strategy,
    percent: float,
    interval_days: int,
    steps: Sequence[Step],
) -> list[str]:
    advice: list[str] = []
    days = (steps[-1].start - steps[0].start).days if len(steps) > 1 else 0
    if drug.id == "lithium" and steps and steps[-1].daily_mg == 0 and days < 28:
        advice.append(
            f"This plan stops lithium in {days} days. Reduce over at least 4 weeks, preferably "
            "up to 3 months, and watch for mania and depression for 3 months after (NICE CG185)."
        )
    if drug.drug_class == "anticonvulsant_mood" and steps and steps[-1].daily_mg == 0 and days < 28:
        advice.append(
            f"This plan stops {drug.generic} in {days} days; NICE advises at least 4 weeks."
        )
    fastest = max((s.cut_percent for s in steps if s.daily_mg > 0), default=0.0)
    if "benzodiazepine_like" in drug.tags and fastest * 14 / interval_days > 25:
        advice.append(
            "Cuts of more than 25% every 2 weeks are faster than the 2025 Joint Clinical Practice "
            "Guideline on benzodiazepine tapering advises (start at 5-10% every 2-4 weeks)."
        )
    if "antipsychotic" in drug.tags and (percent > 25 or interval_days < 28):
        advice.append(
            "Antipsychotic tapers are usually slower: a quarter of the most recent dose every "
            "3-6 months, or at most 10% a month (Horowitz et al., Schizophr Bull 2021)."
        )
    if drug.id in _HIGH_WITHDRAWAL and (percent > 10 or interval_days < 28):
        advice.append(
            f"{drug.generic.capitalize()} often causes withdrawal symptoms; smaller steps or "
            "longer intervals may be needed (NICE NG222 §1.4.19)."
        )
    if drug.id == "clozapine":
        advice.append(
            "After stopping clozapine keep the blood-count monitoring going as the label says, "
            "and watch for cholinergic rebound and return of psychosis."
        )
    return advice


# --- benzodiazepine equivalents -------------------------------------------------------------


class Equivalent(BaseModel):
    drug_id: str
    mg_equal_to_10mg_diazepam: float
    source: str


def _equivalents() -> dict[str, Equivalent]:
    data = formulary.read_resource("benzodiazepine-equivalents.toml")
    rows = data.get("equivalent", [])
    assert isinstance(rows, list)
    return {e.drug_id: e for e in (Equivalent.model_validate(r) for r in rows)}


def diazepam_equivalent(drug: Drug | str, daily_mg: float) -> float:
    """The daily diazepam dose roughly equal to daily_mg of a benzodiazepine or z-drug."""
    drug_id = drug if isinstance(drug, str) else drug.id
    table = _equivalents()
    if drug_id not in table:
        raise ValueError(f"No diazepam equivalent is recorded for {drug_id}.")
    return round(daily_mg * 10 / table[drug_id].mg_equal_to_10mg_diazepam, 2)
