"""Taper plans: from today's daily dose down to zero in steps a patient can really take.

Strategies (clinical-notes §1-§3):

- ``hyperbolic``: each step cuts a fixed percentage of the *current* dose (NICE NG222
  §1.4.17; Horowitz & Taylor 2019), so the cuts in mg shrink as the dose falls;
- ``linear``: each step cuts the same number of mg;
- ``custom``: the prescriber lists the daily doses.

A plan measures doses one way at a time: tablets or capsules (whole, or halves where the
product may be split) while they can make the chosen cut, then, at most once and always
to something finer, one oral liquid of one concentration (the one the pharmacy sells, or
one compounded for the patient). It never goes back, so a patient never holds two bottles
of different strengths (ISMP has warned of five-fold errors with concentrated liquids).
Every candidate route is walked and the best kept: the chosen cut held, a final dose low
enough, nothing compounded when a marketed product will do, the patient's own product
first, tablets before liquids.

The warnings describe the plan as made (taper_checks.py), not the settings asked for.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from pydantic import BaseModel, ConfigDict

from practice_desk.domain import formulary, taper_checks
from practice_desk.domain.formulary import Drug, Product
from practice_desk.domain.taper_checks import change_note, stop_note
from practice_desk.domain.taper_doses import (
    RANK_COMPOUNDED,
    SWALLOWED_FORMS,
    UG,
    WHOLE_FORMS,
    StepPart,
    compounded_liquid,
    measures,
    oral_products,
    times_of,
)
from practice_desk.domain.taper_routes import Ladder, Walk, routes
from practice_desk.domain.taper_routes import Strategy as Strategy  # part of this API
from practice_desk.domain.taper_rules import TaperRules, rules_of


class StepTime(BaseModel):
    """One time of day in a step: how much, and how to take it."""

    model_config = ConfigDict(frozen=True)

    time: str  # morning, noon, evening, bedtime, or daily
    mg: float
    how: str
    how_es: str = ""
    ml: float = 0.0  # for a liquid step: the volume measured at this time


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
    #: The oral syringe a liquid step is measured with.
    device: str = ""
    #: Said on this step: a new product or bottle, or what to do after stopping.
    note: str = ""
    note_es: str = ""
    #: Each time of day's amount; empty in plans saved before doses were divided.
    times: tuple[StepTime, ...] = ()

    @property
    def days(self) -> int | None:
        return (self.end - self.start).days + 1 if self.end else None


class PharmacyOrder(BaseModel):
    """What to ask a compounding pharmacy for when no marketed product can make the steps."""

    model_config = ConfigDict(frozen=True)

    drug_name: str
    product: str  # the compounded liquid's label, with its concentration
    mg_per_ml: float
    total_ml: float
    devices: tuple[str, ...]
    #: (first day, last day or None for the last, mL a day) for each step that uses it.
    schedule: tuple[tuple[date, date | None, float], ...]


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
    #: The last dose before stopping, when the prescriber chose it.
    final_mg: float | None = None
    #: A linear plan's cut in mg, when the prescriber gave it instead of a percentage.
    step_mg: float | None = None
    #: The times of day the doses are taken at (("daily",) when once a day).
    dose_times: tuple[str, ...] = ("daily",)
    #: A custom plan's doses as the prescriber listed them.
    custom_mg: tuple[float, ...] = ()
    #: The product choices the plan was made with (a re-plan keeps them).
    allow_liquid: bool = True
    allow_splitting: bool = True
    allow_compounding: bool = True
    allow_capsule_opening: bool = False
    pharmacy_order: PharmacyOrder | None = None

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
    allow_compounding: bool = True,
    dose_times: Mapping[str, float] | None = None,
    allow_capsule_opening: bool = False,
) -> TaperPlan:
    """A taper from daily_mg to zero, or as far as it can go with the reason and what to do.

    ``step_percent`` is the largest cut a step may make, as a percentage of the current dose
    (hyperbolic) or of the starting dose (linear, unless ``step_mg`` is given). Below
    ``final_mg`` (default: 1/40 of the starting dose) the next step is zero. A compounded
    liquid is planned (with a pharmacy order) only when no marketed product can make the
    steps and ``allow_compounding`` is on. ``dose_times`` ({"morning": 1, "bedtime": 1})
    keeps the patient's times of day and their shares; by default the drug's usual ones
    (tapering.toml), else once a day. ``allow_capsule_opening`` (off-label, opted in) lets
    a plan open capsules and count a share of their beads, before any compounding.
    """
    found = formulary.load().find(drug) if isinstance(drug, str) else drug
    if found is None:
        raise ValueError(f"“{drug}” is not in the formulary, so a taper cannot be planned for it.")
    drug = found
    notes: list[str] = []
    if via_diazepam and drug.id != "diazepam":
        if "benzodiazepine_like" not in drug.tags:
            raise ValueError("Only a benzodiazepine or z-drug can be switched to diazepam first.")
        equivalent = diazepam_equivalent(drug, daily_mg)
        notes.append(
            f"First switch {daily_mg:g} mg a day of {drug.generic} to about {equivalent:g} mg a "
            "day of diazepam, gradually over 1-2 weeks (one dose at a time), then follow this "
            "plan. Equivalents are approximate; adjust for age, liver function and sedation "
            "(Joint Clinical Practice Guideline on Benzodiazepine Tapering, 2025)."
        )
        drug = formulary.load().drugs["diazepam"]
        daily_mg = equivalent
        current_product = None
    strategy = Strategy(strategy)
    if current_product is not None and not (
        current_product.is_liquid or current_product.form in WHOLE_FORMS
    ):
        raise ValueError(
            f"The taper planner plans doses taken by mouth; the {current_product.label()} "
            f"of {drug.generic} needs a plan of its own (its label says how to reduce it)."
        )
    if not (daily_mg > 0 and math.isfinite(daily_mg)):
        raise ValueError("The current daily dose must be more than 0 mg.")
    if not 0 < step_percent <= 50:
        raise ValueError("Each step may cut between 1% and 50% of the dose.")
    if not 1 <= interval_days <= 365:
        raise ValueError("A step lasts between 1 and 365 days.")
    if final_mg is not None and not 0 < final_mg < daily_mg:
        raise ValueError("The last dose before stopping must be above 0 mg and below today's.")
    if step_mg is not None and not 0 < step_mg <= daily_mg:
        raise ValueError("Each linear step must cut more than 0 mg and no more than today's dose.")
    _check_custom(strategy, custom_mg, daily_mg)
    start = start or date.today()
    rules = rules_of(drug)
    times = times_of(dict(dose_times if dose_times is not None else rules.dose_times))
    pool = list(products) if products is not None else oral_products(drug, current_product)
    start_ug = round(daily_mg * UG)
    found_measures = measures(
        pool, allow_splitting, allow_liquid, times, start_ug, allow_opening=allow_capsule_opening
    )
    # A compounded liquid replaces swallowed tablets or capsules only, mg for mg.
    swallowed = current_product is None or (
        current_product.is_liquid or current_product.form in SWALLOWED_FORMS
    )
    compounding = (
        allow_liquid
        and allow_compounding
        and products is None
        and swallowed
        and any(p.form in SWALLOWED_FORMS or p.is_liquid for p in pool)
    )
    if not found_measures and not compounding:
        raise ValueError(f"No oral product of {drug.generic} is available to plan with.")
    ladder = Ladder(
        drug,
        strategy,
        start_ug,
        step_percent / 100,
        round(step_mg * UG) if step_mg else None,
        [round(mg * UG) for mg in custom_mg],
        round(final_mg * UG) if final_mg else None,
        times,
    )
    current = next((m for m in found_measures if current_product and m.uses(current_product)), None)
    best = min(
        (
            ladder.walk(route)
            for route in routes(
                found_measures, current, compounding, changing=current_product is not None
            )
        ),
        key=lambda walk: walk.score(current),
    )
    steps = _steps(best, start, interval_days, start_ug, current_product, rules, final_mg)
    _refuse_too_fast(drug, rules, steps)
    made = TaperPlan(
        drug_id=drug.id,
        drug_name=drug.generic,
        start_mg=daily_mg,
        strategy=strategy,
        step_percent=step_percent,
        interval_days=interval_days,
        steps=tuple(steps),
        warnings=(),
        products=tuple(dict.fromkeys(m.label for m in best.used)),
        final_mg=final_mg,
        step_mg=step_mg,
        dose_times=tuple(t for t, _ in times),
        custom_mg=tuple(custom_mg) if strategy is Strategy.CUSTOM else (),
        allow_liquid=allow_liquid,
        allow_splitting=allow_splitting,
        allow_compounding=allow_compounding,
        allow_capsule_opening=allow_capsule_opening,
        pharmacy_order=_pharmacy_order(drug, steps, best),
    )
    first = best.used[0] if best.used else None
    if (
        first is not None
        and (current_product is None or first.uses(current_product))
        and not first.can_make(start_ug)
    ):
        notes.append(
            f"{daily_mg:g} mg a day cannot be made exactly from the products used; the first "
            "step starts from the nearest dose below it that can."
        )
    notes += best.unfinished
    notes += taper_checks.warnings(
        made,
        drug,
        rules,
        best,
        pool,
        (allow_liquid, allow_liquid and allow_compounding),
        current_product,
    )
    return made.model_copy(update={"warnings": tuple(notes)})


def _check_custom(strategy: Strategy, custom_mg: Sequence[float], daily_mg: float) -> None:
    if strategy is not Strategy.CUSTOM:
        return
    if not custom_mg:
        raise ValueError("A custom taper needs its list of daily doses.")
    if any(b > a for a, b in pairwise(custom_mg)):
        raise ValueError("The doses of a custom taper must go down (or stay), never up.")
    if custom_mg[0] > daily_mg:
        raise ValueError("The first dose of a custom taper is above the current dose.")
    if any(mg < 0 for mg in custom_mg):
        raise ValueError("A custom dose cannot be below 0 mg.")


def _steps(
    walk: Walk,
    start: date,
    interval_days: int,
    start_ug: int,
    current_product: Product | None,
    rules: TaperRules,
    final_mg: float | None,
) -> list[Step]:
    steps: list[Step] = []
    previous = start_ug
    for number, ((target, dose), used) in enumerate(
        zip(walk.doses, walk.measure_of, strict=True), start=1
    ):
        begins = start + timedelta(days=interval_days * (number - 1))
        final = dose.ug == 0
        cut = (previous - dose.ug) / previous * 100 if previous else 0.0
        note = note_es = ""
        if final:
            note, note_es = stop_note(previous / UG, rules, chosen=final_mg is not None)
        else:
            before = walk.used[used - 1] if used > 0 else None
            changed = (
                (used > 0 and walk.measure_of[number - 2] != used)
                if number > 1
                else (current_product is not None and not walk.used[used].uses(current_product))
            )
            if changed:
                note, note_es = change_note(begins, walk.used[used], before, current_product, dose)
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
                device=dose.device.name if dose.device else "",
                times=tuple(
                    StepTime(
                        time=share.time,
                        mg=share.mg,
                        how=dose.time_words(share),
                        how_es=dose.time_words(share, "es"),
                        ml=share.liquid_ml,
                    )
                    for share in dose.per_time
                ),
                note=note,
                note_es=note_es,
            )
        )
        previous = dose.ug
    return steps


def _refuse_too_fast(drug: Drug, rules: TaperRules, steps: Sequence[Step]) -> None:
    if not rules.refuse_total_days or not steps or steps[-1].daily_mg != 0:
        return
    days = (steps[-1].start - steps[0].start).days
    if len(steps) == 1:
        raise ValueError(
            f"The chosen products cannot make a smaller dose, so {drug.generic} would stop at "
            f"once; it should not be stopped over less than {_weeks(rules.refuse_total_days)}. "
            "Allow the oral liquid or another strength."
        )
    if days < rules.refuse_total_days:
        raise ValueError(
            f"{drug.generic.capitalize()} should not be stopped over less than "
            f"{_weeks(rules.refuse_total_days)}. {rules.why} Choose longer steps."
        )


def _weeks(days: int) -> str:
    return f"{days // 7} weeks" if days % 7 == 0 else f"{days} days"


def _pharmacy_order(drug: Drug, steps: Sequence[Step], walk: Walk) -> PharmacyOrder | None:
    liquid = next((m.liquid for m in walk.used if m.rank == RANK_COMPOUNDED), None)
    if liquid is None or liquid.mg_per_ml is None:
        return None
    label = liquid.label()
    schedule = []
    total = 0.0
    for step in steps:
        ml = sum(p.per_day for p in step.parts if p.product == label)
        if ml:
            schedule.append((step.start, step.end, ml))
            total += ml * (step.days or 0)
    devices = tuple(dict.fromkeys(s.device for s in steps if s.device and s.parts))
    return PharmacyOrder(
        drug_name=drug.generic,
        product=label,
        mg_per_ml=liquid.mg_per_ml,
        total_ml=float(math.ceil(total / 10) * 10),
        devices=devices,
        schedule=tuple(schedule),
    )


def continuing(drug: Drug, old: TaperPlan, anchor: Step) -> dict[str, Any]:
    """plan() options that continue ``old`` from ``anchor``: the same product choices and
    times of day (with the anchor's shares), and the product the patient takes then:
    once on a liquid, the same bottle to the end; on tablets, the same tablets first
    (plan() may then change once, to something finer)."""
    options: dict[str, Any] = {
        "allow_liquid": old.allow_liquid,
        "allow_splitting": old.allow_splitting,
        "allow_compounding": old.allow_compounding,
        "allow_capsule_opening": old.allow_capsule_opening,
    }
    shares = {t.time: t.mg for t in anchor.times if t.mg}
    if shares:
        options["dose_times"] = shares
    label = anchor.parts[0].product if anchor.parts else ""
    order = old.pharmacy_order
    if order is not None and label == order.product:
        liquid = compounded_liquid(drug, 0).model_copy(
            update={"strength_mg": order.mg_per_ml, "mg_per_ml": order.mg_per_ml}
        )
        return options | {"products": [liquid]}
    product = next((p for p in drug.products if p.label() == label), None)
    if product is not None and product.is_liquid:
        return options | {"products": [product]}
    return options | {"current_product": product}


# --- suggested settings ---------------------------------------------------------------------


class Settings(BaseModel):
    strategy: Strategy
    step_percent: float
    interval_days: int
    why: str


def suggested_settings(drug: Drug) -> Settings:
    """A cautious starting point by drug group, with its source (tapering.toml)."""
    rules = rules_of(drug)
    return Settings(
        strategy=Strategy(rules.strategy),
        step_percent=rules.step_percent,
        interval_days=rules.interval_days,
        why=rules.why,
    )


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
