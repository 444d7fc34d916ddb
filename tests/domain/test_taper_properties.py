"""Properties of every taper plan, over every drug in the formulary, and fourteen real plans."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_desk.domain import formulary
from practice_desk.domain.formulary import Drug, Product, Release
from practice_desk.domain.taper_checks import exceeds
from practice_desk.domain.taper_doses import MIN_DOSE_ML, devices, oral_products
from practice_desk.domain.tapering import TaperPlan, plan, suggested_settings
from practice_desk.domain.wording import time_of_day

START = date(2027, 1, 4)
DRUGS = formulary.load().drugs
TAPERABLE = sorted(d for d, drug in DRUGS.items() if oral_products(drug))
DEVICES = {d.name: d for d in devices()}


def named(taper: TaperPlan, number: int) -> bool:
    """Some warning about steps names step ``number``: "Step 3 (", "steps 2 (..) and 3 ("."""
    pattern = re.compile(rf"(?<![\d.]){number} \(")
    return any("tep" in w and pattern.search(w) for w in taper.warnings)


def check_plan(
    taper: TaperPlan, drug: Drug, start_mg: float, current: Product | None, opened: bool = False
) -> None:
    """Everything every plan must be, whatever the drug, dose, strategy and rate."""
    labels = {p.label(): p for p in drug.products}
    liquids: set[str] = set()
    measures: list[object] = []
    previous = start_mg
    for step in taper.steps:
        assert step.daily_mg <= previous + 1e-9, (step, previous)  # never up
        total = 0.0
        kinds: set[object] = set()
        for part in step.parts:
            if part.unit == "mL":
                liquids.add(part.product)
                kinds.add(part.product)
                device = DEVICES[step.device]
                # Every dose is whole marks of its syringe, fits in it, and can be drawn up.
                for share in step.times:
                    marks = share.ml / device.mark_ml
                    assert abs(marks - round(marks)) < 1e-6, (step.how, device.name)
                    assert share.ml == 0 or MIN_DOSE_ML <= share.ml <= device.capacity_ml
                    assert device.name in step.how
                assert abs(sum(t.ml for t in step.times) - part.per_day) < 1e-6
                total += part.per_day * float(part.product.split(" mg/mL")[0])
            else:
                product = labels[part.product]
                kinds.add((product.form, product.release))
                fraction = part.per_day % 1
                if fraction and opened and product.form == "capsule":
                    # Opted in: a share of an opened capsule's beads, in twentieths.
                    assert abs(fraction * 20 - round(fraction * 20)) < 1e-6, step
                elif fraction:
                    # Only a splittable immediate-release tablet is ever split.
                    assert product.splittable and product.release is Release.IMMEDIATE, step
                    assert fraction in (0.5,) or product.quarters, step
                total += part.per_day * product.strength_mg
        assert abs(total - step.daily_mg) < 1e-3, (step.how, total, step.daily_mg)
        if step.daily_mg:
            # The times of day add up to the day's dose, each said in the directions.
            assert abs(sum(t.mg for t in step.times) - step.daily_mg) < 1e-3, step
            assert [t.time for t in step.times] == list(taper.dose_times)
            for share in step.times:
                if share.mg and len(step.times) > 1:
                    assert f"{time_of_day(share.time)}: {share.how}".lower() in step.how.lower()
        if step.daily_mg:
            assert len(kinds) == 1, step.how  # one measure per step
            measures.append(kinds.pop())
        previous = step.daily_mg
    # Never more than one liquid concentration; never back to an earlier product.
    assert len(liquids) <= 1, liquids
    changes = [m for i, m in enumerate(measures) if i == 0 or measures[i - 1] != m]
    assert len(changes) == len(set(changes)), changes
    assert len(changes) <= 2, changes
    if current is not None and measures:
        own = current.label() if current.is_liquid else (current.form, current.release)
        assert measures[0] == own or len(changes) == 1, (current, changes)
    # Zero, or the reason and what to do.
    assert taper.reaches_zero or any(
        "cut off" in w or "until the plan is reviewed" in w for w in taper.warnings
    ), taper.warnings
    # Every step that cuts more than the chosen rate is named, the final stop included.
    for step in taper.steps:
        if exceeds(taper, step):
            assert named(taper, step.number), (step.number, step.cut_percent, taper.warnings)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Drug, float, Product | None]:
    drug = DRUGS[draw(st.sampled_from(TAPERABLE))]
    products = oral_products(drug)
    current = draw(st.none() | st.sampled_from(products))
    if current is not None:
        if current.is_liquid:
            start = draw(st.integers(1, 40)) * (current.mg_per_ml or 1) / 4
        else:
            start = current.strength_mg * draw(st.integers(1, 3))
    else:
        base = min(p.strength_mg for p in products)
        start = base * draw(st.integers(1, 12)) / 2
    return drug, round(start, 3), current


@settings(max_examples=250, deadline=None)
@given(
    case=cases(),
    strategy=st.sampled_from(["hyperbolic", "linear"]),
    percent=st.integers(5, 50),
    allow_liquid=st.booleans(),
    allow_splitting=st.booleans(),
    opening=st.sampled_from([False, False, False, True]),
)
def test_every_plan_is_takeable_one_measure_at_a_time(
    case: tuple[Drug, float, Product | None],
    strategy: str,
    percent: int,
    allow_liquid: bool,
    allow_splitting: bool,
    opening: bool,
) -> None:
    drug, start_mg, current = case
    try:
        taper = plan(
            drug,
            start_mg,
            strategy=strategy,
            step_percent=percent,
            interval_days=28,
            allow_liquid=allow_liquid,
            allow_splitting=allow_splitting,
            allow_capsule_opening=opening,
            current_product=current,
            start=START,
        )
    except ValueError as refused:
        # Only a drug with a minimum taper length may refuse, and it says why.
        assert "should not be stopped over less than" in str(refused)
        assert suggested_settings(drug).why in str(refused) or "at once" in str(refused)
        return
    check_plan(taper, drug, start_mg, current, opened=opening)


# --- fourteen plans a practice makes every month -------------------------------------------


def _product(drug: str, form: str, mg: float, release: str = "IR") -> Product:
    return next(
        p
        for p in DRUGS[drug].products
        if p.form == form and p.strength_mg == mg and p.release == release
    )


TABLE = [
    ("paroxetine", 20, ("tablet", 20)),
    ("sertraline", 100, ("tablet", 100)),
    ("escitalopram", 20, ("tablet", 20)),
    ("fluoxetine", 40, ("capsule", 20)),
    ("venlafaxine", 150, ("capsule", 150, "ER")),
    ("duloxetine", 60, ("capsule", 60, "DR")),
    ("mirtazapine", 30, ("tablet", 30)),
    ("quetiapine", 300, ("tablet", 300)),
    ("lithium", 900, ("capsule", 300)),
    ("clonazepam", 2, ("tablet", 1)),
    ("alprazolam", 4, ("tablet", 1)),
    ("lorazepam", 3, ("tablet", 1)),
    ("diazepam", 20, ("tablet", 10)),
    ("methadone", 60, ("tablet", 10)),
]


@pytest.mark.parametrize(("drug_id", "daily_mg", "current"), TABLE)
def test_common_plans_reach_zero_with_the_suggested_settings(
    drug_id: str, daily_mg: float, current: tuple[str, float] | tuple[str, float, str]
) -> None:
    drug = DRUGS[drug_id]
    suggested = suggested_settings(drug)
    product = _product(drug_id, *current)
    taper = plan(
        drug,
        daily_mg,
        strategy=suggested.strategy,
        step_percent=suggested.step_percent,
        interval_days=suggested.interval_days,
        current_product=product,
        start=START,
    )
    check_plan(taper, drug, daily_mg, product)
    assert taper.reaches_zero, taper.warnings
    last = [s.daily_mg for s in taper.steps if s.daily_mg][-1]
    if suggested.strategy == "hyperbolic":
        assert last <= daily_mg / 10, last  # stops from a tenth of the start or less
        assert not any(exceeds(taper, s) for s in taper.steps[:-1]), taper.warnings
    final = taper.steps[-1]
    assert final.end is None and final.note


@settings(max_examples=80, deadline=None)
@given(
    case=cases(),
    shares=st.lists(st.integers(0, 100), min_size=1, max_size=6),
    to_zero=st.booleans(),
)
def test_custom_plans_follow_their_list_or_say_where_they_end(
    case: tuple[Drug, float, Product | None], shares: list[int], to_zero: bool
) -> None:
    drug, start_mg, current = case
    custom = [round(start_mg * share / 100, 3) for share in sorted(shares, reverse=True)]
    if to_zero:
        custom.append(0)
    try:
        taper = plan(
            drug, start_mg, strategy="custom", custom_mg=custom, current_product=current,
            start=START,
        )  # fmt: skip
    except ValueError as refused:
        assert "should not be stopped over less than" in str(refused)
        return
    check_plan(taper, drug, start_mg, current)
    if not taper.reaches_zero:
        assert any("until the plan is reviewed" in w for w in taper.warnings)
