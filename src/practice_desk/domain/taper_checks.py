"""Warnings from a taper plan as it was made: the cuts it really makes, where it stops, how fast.

Each warning names the steps it is about, so the prescriber, the screen and the printed
plan all say the same thing. The limits come from tapering.toml (taper_rules.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from practice_desk.domain import wording
from practice_desk.domain.formulary import Drug, Product, Release
from practice_desk.domain.taper_doses import RANK_SOLID, SWALLOWED_FORMS, UG, Dose, Measure
from practice_desk.domain.taper_rules import TaperRules

if TYPE_CHECKING:
    from practice_desk.domain.taper_routes import Walk
    from practice_desk.domain.tapering import Step, TaperPlan

#: A linear plan's cuts grow as a share of the dose; beyond this share per step they are
#: flagged (the 2025 Joint Clinical Practice Guideline on benzodiazepine tapering: "should
#: typically not exceed 25% every 2 weeks"; clinical-notes §2.1).
LINEAR_LAST_CUT_PERCENT = 25.0
_EPSILON = 1e-6


def change_note(
    on: date,
    measure: Measure,
    before: Measure | None,
    current: Product | None,
    dose: Dose,
) -> tuple[str, str]:
    """What the patient is told on the step where the product changes (English, Spanish)."""
    en_day, es_day = wording.long_date(on, "en"), wording.long_date(on, "es")
    if measure.liquid is not None:
        liquid = measure.liquid
        device = dose.device
        en = (
            f"From {en_day}: a new bottle, the {liquid.label('en')}, a different product "
            "from before. Measure every dose with the "
            + (device.says("en") if device else "oral syringe")
            + "; do not use a kitchen spoon or another bottle's dropper."
        )
        es = (
            f"Desde el {es_day}: un frasco nuevo, {liquid.label('es')}, un producto distinto "
            "del anterior. Mida cada dosis con la "
            + (device.says("es") if device else "jeringa oral")
            + "; no use cucharas de cocina ni el gotero de otro frasco."
        )
        return en, es
    old = (
        before.label
        if before is not None
        else (current.label() if current is not None else "the product taken until now")
    )
    if measure.opened:
        return (
            f"From {en_day}: open the capsule over a clean, dry plate, count all its beads, "
            "and take the share shown (35% is 7 beads in every 20) with a spoonful of soft "
            "food, without chewing; throw the rest away. Ask the pharmacist to show you once.",
            f"Desde el {es_day}: abra la cápsula sobre un plato limpio y seco, cuente todas "
            "las bolitas y tome la parte indicada (35% son 7 de cada 20) con una cucharada de "
            "comida blanda, sin masticar; tire el resto. Pida al farmacéutico que se lo enseñe.",
        )
    en = f"From {en_day}: change from the {old} to the {measure.label}; do not take both."
    es = f"Desde el {es_day}: cambie de {old} a {measure.label}; no tome los dos."
    return en, es


def warnings(
    plan: TaperPlan,
    drug: Drug,
    rules: TaperRules,
    walk: Walk,
    pool: Sequence[Product],
    allowed: tuple[bool, bool],
    current: Product | None = None,
) -> list[str]:
    """Every warning the plan as made calls for, in the order a prescriber reads them.

    ``allowed``: (liquids, compounding), for the advice on what would allow smaller steps;
    ``current``: the product the patient takes now."""
    steps = plan.steps
    found: list[str] = []
    found += _changes(steps)
    found += _release(plan, drug, rules, walk, current)
    if plan.pharmacy_order is not None:
        order = plan.pharmacy_order
        first = next(s for s in steps if s.parts and s.parts[0].product == order.product)
        found.append(
            f"No marketed product of {drug.generic} can make these steps: from step "
            f"{first.number} the plan uses a {order.mg_per_ml:g} mg/mL oral liquid compounded "
            "by a pharmacy (tapering strips are an alternative). Print the pharmacy order with "
            "the calendar."
        )
    opened = next((s for s in steps if "of the beads of a" in s.how), None)  # opted in
    if opened is not None:
        found.append(
            f"Off-label: from step {opened.number} the plan opens the capsules and counts a "
            "share of their beads (the method is printed on the calendar). Check with the "
            "pharmacist that this capsule's contents may be taken apart and swallowed without "
            "chewing; a compounded liquid is the alternative."
        )
    found += _over_cuts(plan, drug, walk, pool, allowed)
    found += _custom_changes(plan)
    found += _final_stop(plan, drug, rules)
    found += _linear_end(plan)
    found += _pace(plan, rules)
    if rules.slow_note and (
        (rules.slow_percent and plan.step_percent > rules.slow_percent)
        or (rules.slow_days and plan.interval_days < rules.slow_days)
    ):
        found.append(rules.slow_note)
    if plan.reaches_zero and rules.after_stop:
        found.append(rules.after_stop)
    return found


def _release(
    plan: TaperPlan, drug: Drug, rules: TaperRules, walk: Walk, current: Product | None
) -> list[str]:
    """Immediate-release doses where the patient took a modified-release product: said,
    with the drug's single-dose limit when it has one (bupropion: 150 mg)."""
    immediate = {i for i, m in enumerate(walk.used) if m.liquid is not None or m.rank == RANK_SOLID}
    steps = [
        s
        for s, used in zip(plan.steps, walk.measure_of, strict=True)
        if s.daily_mg and used in immediate
    ]
    found = []
    if current is not None and current.release is not Release.IMMEDIATE and steps:
        once = len([t for t in plan.dose_times if t != "daily"]) < 2
        found.append(
            f"From step {steps[0].number} the plan uses immediate-release {drug.generic} in "
            f"place of the {current.label()}"
            + (
                ": immediate-release doses are usually divided over the day, so set the "
                "times of day (Doses at) before starting."
                if once
                else "."
            )
        )
    limit = rules.ir_single_dose_max_mg
    if limit:
        over = [s for s in steps if any(t.mg > limit + _EPSILON for t in s.times)]
        if over:
            named = _names([(s, f"{max(t.mg for t in s.times):g} mg at once") for s in over])
            found.append(
                f"More than {limit:g} mg of immediate-release {drug.generic} at one time: "
                f"{named}. Divide the day's dose over more times of day ({rules.ir_note})."
            )
    return found


def _changes(steps: Sequence[Step]) -> list[str]:
    return [f"Step {s.number}: {s.note}" for s in steps if s.note and s.daily_mg > 0]


def _names(numbered: Sequence[tuple[Step, str]]) -> str:
    """ "step 3 (33%)" or "steps 3 (33%), 4 (50%) and 5 (100%)"."""
    items = [f"{s.number} ({why})" for s, why in numbered]
    if len(items) == 1:
        return f"step {items[0]}"
    return f"steps {', '.join(items[:-1])} and {items[-1]}"


def _previous(plan: TaperPlan, step: Step) -> float:
    index = step.number - 1
    return plan.start_mg if index == 0 else plan.steps[index - 1].daily_mg


def exceeds(plan: TaperPlan, step: Step) -> bool:
    """True when the step cuts more than the plan's chosen rate."""
    before = _previous(plan, step)
    if plan.strategy == "hyperbolic":
        return (before - step.daily_mg) / before * 100 > plan.step_percent + _EPSILON
    if plan.strategy == "linear":
        cut_ug = round((before - step.daily_mg) * UG)
        return cut_ug > _linear_cut_ug(plan)
    return False


def _linear_cut_ug(plan: TaperPlan) -> int:
    return round((plan.step_mg or plan.start_mg * plan.step_percent / 100) * UG)


def _over_cuts(
    plan: TaperPlan, drug: Drug, walk: Walk, pool: Sequence[Product], allowed: tuple[bool, bool]
) -> list[str]:
    over = [s for s in plan.steps if s.daily_mg > 0 and exceeds(plan, s)]
    rate = (
        f"{plan.step_percent:g}% of the dose"
        if plan.strategy == "hyperbolic"
        else f"{_linear_cut_ug(plan) / UG:g} mg"
    )
    found = []
    solid = [s for s in over if not s.device]
    if solid:
        named = _names([(s, f"{s.cut_percent:g}%") for s in solid])
        found.append(
            f"The chosen products cannot make smaller cuts: {named} cut more than the chosen "
            f"{rate}. {_hint(drug, walk, pool, allowed)}"
        )
    measured = [s for s in over if s.device]
    if measured:
        named = _names([(s, f"{s.cut_percent:g}%") for s in measured])
        found.append(
            f"At these volumes the oral syringe's marks cannot measure a smaller cut: {named} "
            f"cut more than the chosen {rate}. Hold those steps longer if they are hard."
        )
    return found


def _custom_changes(plan: TaperPlan) -> list[str]:
    """A custom plan says where it could not give the doses listed, and which it left out."""
    if plan.strategy != "custom" or not plan.custom_mg:
        return []
    found = []
    moved = [
        s
        for s in plan.steps
        if s.daily_mg and abs(s.daily_mg - s.target_mg) > s.target_mg * 0.1 + _EPSILON
    ]
    if moved:
        named = _names([(s, f"{s.target_mg:g} mg asked, {s.daily_mg:g} mg given") for s in moved])
        found.append(
            f"The chosen products cannot make every dose listed: {named}. Allow other products, "
            "or change the list."
        )
    listed = [mg for mg in plan.custom_mg if mg > 0]
    given = [s for s in plan.steps if s.daily_mg > 0]
    if plan.reaches_zero and len(given) < len(listed):
        left = ", ".join(f"{mg:g} mg" for mg in listed[len(given) :])
        found.append(
            f"The plan stops at step {plan.steps[-1].number}, before the listed doses {left}: "
            "the chosen products cannot make them. Allow other products, or change the list."
        )
    return found


def _final_stop(plan: TaperPlan, drug: Drug, rules: TaperRules) -> list[str]:
    if not plan.reaches_zero:
        return []
    final = plan.steps[-1]
    last = _previous(plan, final)
    share = last / plan.start_mg * 100
    day = wording.long_date(final.start)
    found = []
    if plan.final_mg is not None:
        found.append(
            f"The last dose before stopping is {last:g} mg a day, as chosen "
            f"({share:.0f}% of the starting dose)."
        )
    elif rules.stop_fraction is not None and last > plan.start_mg * rules.stop_fraction + _EPSILON:
        found.append(
            f"Step {final.number} ({day}) stops {drug.generic} from {last:g} mg a day, "
            f"{share:.0f}% of the starting dose: tapers of this kind usually go down to "
            f"{rules.stop_fraction:.0%} of the starting dose or less before stopping "
            f"({_cited(rules.source)})."
        )
    if exceeds(plan, final) and not found:
        found.append(
            f"Step {final.number} ({day}) stops from {last:g} mg a day ({share:.1f}% of the "
            "starting dose): the last cut is the whole remaining dose. Stop only when the step "
            "before was well tolerated; stay longer on it if needed."
        )
    elif exceeds(plan, final):
        found[-1] += f" The last cut (step {final.number}) is the whole remaining dose."
    return found


def _linear_end(plan: TaperPlan) -> list[str]:
    if plan.strategy != "linear":
        return []
    steep = [s for s in plan.steps if s.cut_percent > LINEAR_LAST_CUT_PERCENT + _EPSILON]
    if not steep:
        return []
    named = _names([(s, "stop" if s.daily_mg == 0 else f"{s.cut_percent:g}%") for s in steep])
    return [
        f"In this linear plan each cut is a bigger share of what is left: {named} cut more "
        f"than {LINEAR_LAST_CUT_PERCENT:g}% of the dose. Consider smaller or slower last steps, "
        "or a hyperbolic plan."
    ]


def _pace(plan: TaperPlan, rules: TaperRules) -> list[str]:
    found = []
    moving = [s for s in plan.steps if s.daily_mg > 0]
    if rules.max_percent and rules.per_days:
        fast = [
            s
            for s in moving
            if s.cut_percent * rules.per_days / (s.days or plan.interval_days)
            > rules.max_percent + _EPSILON
        ]
        if fast:
            named = _names([(s, f"{s.cut_percent:g}% in {s.days} days") for s in fast])
            found.append(
                f"Faster than {rules.max_percent:g}% of the dose every {rules.per_days} days: "
                f"{named}. {rules.why}"
            )
    if rules.warn_total_days and plan.reaches_zero and len(plan.steps) > 0:
        days = (plan.steps[-1].start - plan.steps[0].start).days
        if days < rules.warn_total_days:
            found.append(
                f"This plan stops {plan.drug_name} in {days} days, faster than the "
                f"{rules.warn_total_days} days advised. {rules.why}"
            )
    return found


def _hint(drug: Drug, walk: Walk, pool: Sequence[Product], allowed: tuple[bool, bool]) -> str:
    """What would allow smaller steps: a marketed liquid not used, or a compounded one."""
    allow_liquid, compounding = allowed
    used_liquids = {m.liquid for m in walk.used if m.liquid is not None}
    unused = [p for p in pool if p.is_liquid and p not in used_liquids]
    if unused:
        verb = "would" if allow_liquid else "(allow liquids) would"
        return f"The {unused[0].label()} {verb} allow smaller steps."
    if used_liquids:
        return "A slower rate, or longer steps, would keep each cut within the chosen one."
    if not any(p.form in SWALLOWED_FORMS for p in pool if not p.is_liquid):
        return (
            "Smaller steps of a product absorbed under the tongue need other strengths; a "
            "swallowed liquid is not equivalent mg for mg. Ask the pharmacist."
        )
    missing = (
        " (allow liquids to plan with it)"
        if not allow_liquid
        else " (allow compounding to plan with it)"
        if not compounding
        else ""
    )
    return (
        f"No marketed liquid of {drug.generic} is listed: a pharmacy can compound one, or "
        f"make tapering strips, for smaller steps{missing}."
    )


def stop_note(last_mg: float, rules: TaperRules, *, chosen: bool) -> tuple[str, str]:
    """What the patient is told on the day they stop (English, Spanish).

    Withdrawal symptoms start within days of a cut and settle quickly if the last dose is
    taken again; relapse comes on more slowly, over weeks (Carlat, hyperbolic SSRI taper
    table; clinical-notes §1.1 row 12)."""
    en = (
        f"Stop taking it today (after {last_mg:g} mg a day"
        + (", the last dose your prescriber chose" if chosen else "")
        + "). Keep filling in the diary for 4 more weeks. If symptoms are severe, call us: "
        "going back to the last dose usually settles withdrawal within days."
    )
    es = (
        f"Deje de tomarlo hoy (después de {last_mg:g} mg al día"
        + (", la última dosis que eligió su médico" if chosen else "")
        + "). Siga anotando en el diario 4 semanas más. Si los síntomas son fuertes, "
        "llámenos: volver a la última dosis suele calmar la abstinencia en pocos días."
    )
    if rules.after_stop:
        en += " " + rules.after_stop
    return en, es


def _cited(source: str) -> str:
    """A rule's first source as printed for people: without our internal note numbers."""
    return re.sub(r"\s*\(clinical-notes[^)]*\)", "", source.split(";")[0]).strip()
