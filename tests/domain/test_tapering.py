"""Taper plans: one measure at a time, every amount takeable, zero reached or explained."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from practice_desk.domain import formulary
from practice_desk.domain.formulary import Drug, Product
from practice_desk.domain.taper_checks import exceeds
from practice_desk.domain.taper_doses import devices
from practice_desk.domain.tapering import Strategy, TaperPlan, plan, suggested_settings
from tests.domain.test_taper_properties import named

START = date(2027, 1, 4)
DRUGS = formulary.load().drugs


def make_drug(products: list[dict[str, object]], **extra: object) -> Drug:
    data: dict[str, object] = {
        "id": "testdrug",
        "generic": "testdrug",
        "class": "ssri",
        "psychiatric": True,
        "source": "synthetic test drug",
        "last_verified": "2026-11-25",
        "products": products,
    }
    data.update(extra)
    return Drug.model_validate(data)


CITALOPRAM_LIKE = make_drug(
    [
        {"form": "tablet", "strength_mg": 10, "scored": True, "splittable": True},
        {"form": "tablet", "strength_mg": 20, "scored": True, "splittable": True},
        {"form": "tablet", "strength_mg": 40, "scored": True, "splittable": True},
        {"form": "solution", "strength_mg": 2, "mg_per_ml": 2},
    ]
)


def product(drug: str, form: str, mg: float, release: str = "IR") -> Product:
    return next(
        p
        for p in DRUGS[drug].products
        if p.form == form and p.strength_mg == mg and p.release == release
    )


def doses(taper: TaperPlan) -> list[float]:
    return [s.daily_mg for s in taper.steps]


# --- behaviour a prescriber relies on ----------------------------------------------------


def test_hyperbolic_steps_cut_a_share_of_the_current_dose() -> None:
    taper = plan(
        CITALOPRAM_LIKE, 20, strategy="hyperbolic", step_percent=10, interval_days=28, start=START
    )
    cuts = [a - b for a, b in zip([20.0, *doses(taper)], doses(taper), strict=False)][:10]
    assert doses(taper)[:3] == [18.0, 16.4, 14.8]  # 9, 8.2, 7.4 mL: whole 0.2 mL marks
    assert cuts[0] > cuts[-1]  # mg cuts shrink as the dose falls
    assert taper.steps[0].start == START and taper.steps[0].end == date(2027, 1, 31)
    assert taper.steps[1].start == date(2027, 2, 1)
    # The tablets cannot make a 10% cut from 20 mg, so the liquid starts at once, announced.
    assert taper.steps[0].how == (
        "9.0 mL of the 2 mg/mL oral solution, measured with a 10 mL oral syringe marked in 0.2 mL"
    )


def test_a_plan_never_goes_back_from_liquid_to_tablets() -> None:
    taper = plan(
        CITALOPRAM_LIKE, 20, strategy="hyperbolic", step_percent=10, interval_days=28, start=START
    )
    kinds = ["mL" in s.how for s in taper.steps if s.daily_mg]
    assert all(kinds)  # once on the liquid, every later step is liquid (15 mg: no tablets)


def test_tablets_are_kept_while_they_can_hold_the_cut() -> None:
    taper = plan(
        CITALOPRAM_LIKE, 40, strategy="hyperbolic", step_percent=25, interval_days=28, start=START
    )
    assert doses(taper)[:3] == [30.0, 25.0, 20.0]
    assert "mL" not in taper.steps[0].how
    first_liquid = next(s for s in taper.steps if "mL" in s.how)
    assert first_liquid.number > 3
    assert "a new bottle, the 2 mg/mL oral solution" in first_liquid.note
    assert all("mL" in s.how for s in taper.steps[first_liquid.number - 1 : -1])


def test_lithium_uses_its_capsules_and_never_switches_to_liquid() -> None:
    settings_ = suggested_settings(DRUGS["lithium"])
    taper = plan(
        "lithium",
        900,
        strategy=settings_.strategy,
        step_percent=settings_.step_percent,
        interval_days=settings_.interval_days,
        start=START,
        current_product=product("lithium", "capsule", 300),
    )
    assert doses(taper) == [750, 600, 450, 300, 150, 0]
    assert not any("mL" in s.how for s in taper.steps)
    assert any("mania or depression for 3 months" in w for w in taper.warnings)


def test_lithium_faster_than_two_weeks_is_refused_and_four_weeks_warned() -> None:
    capsule = product("lithium", "capsule", 300)
    with pytest.raises(ValueError, match="less than 2 weeks"):
        plan("lithium", 900, strategy="linear", step_mg=450, interval_days=6, start=START)
    quick = plan(
        "lithium", 900, strategy="linear", step_mg=300, interval_days=7, start=START,
        current_product=capsule,
    )  # fmt: skip
    assert quick.reaches_zero
    assert any("faster than the 28 days advised" in w for w in quick.warnings)
    slow = plan(
        "lithium", 900, strategy="linear", step_mg=150, interval_days=14, start=START,
        current_product=capsule,
    )  # fmt: skip
    assert not any("days advised" in w for w in slow.warnings)


def test_every_liquid_step_names_a_syringe_whose_marks_measure_it() -> None:
    taper = plan(
        "lorazepam", 3, step_percent=10, interval_days=14, start=START,
        current_product=product("lorazepam", "tablet", 1),
    )  # fmt: skip
    liquid = [s for s in taper.steps if s.device]
    assert liquid, "lorazepam 3 mg at 10% needs the concentrate"
    by_name = {d.name: d for d in devices()}
    for step in liquid:
        device = by_name[step.device]
        assert len(step.times) == 3  # lorazepam's usual three doses a day
        for share in step.times:
            marks = share.ml / device.mark_ml
            assert abs(marks - round(marks)) < 1e-6 and share.ml <= device.capacity_ml
        assert step.device in step.how
    # The smallest volumes are measured in hundredths, never with the concentrate's dropper.
    assert any(s.device.startswith("1 mL oral syringe marked in 0.01 mL") for s in liquid)


def test_linear_plan_warns_about_its_steep_last_steps_and_high_stop() -> None:
    # Venlafaxine XR 150 -> 0 in 12 weeks: 150, 112.5, 75, 37.5, stop.
    taper = plan(
        "venlafaxine", 150, strategy="linear", step_percent=25, interval_days=21, start=START,
        current_product=product("venlafaxine", "capsule", 150, "ER"),
    )  # fmt: skip
    assert doses(taper) == [112.5, 75, 37.5, 0]
    assert any("stops venlafaxine from 37.5 mg a day, 25% of the starting dose" in w
               for w in taper.warnings)  # fmt: skip
    assert named(taper, 3) and named(taper, 4)
    assert any("linear plan" in w and "4 (stop)" in w for w in taper.warnings)


def test_an_antipsychotic_faster_than_its_minimum_is_warned() -> None:
    # Quetiapine 300 -> 0 linearly in 8 weeks.
    taper = plan(
        "quetiapine", 300, strategy="linear", step_percent=25, interval_days=14, start=START,
        current_product=product("quetiapine", "tablet", 300),
    )  # fmt: skip
    assert taper.reaches_zero
    assert any(w.startswith("Faster than 10% of the dose every 30 days") for w in taper.warnings)
    slow = plan(
        "quetiapine", 300, strategy="hyperbolic", step_percent=25, interval_days=90, start=START,
        current_product=product("quetiapine", "tablet", 300),
    )  # fmt: skip
    assert not any(w.startswith("Faster than") for w in slow.warnings)


def test_final_stop_is_its_own_step_with_advice() -> None:
    taper = plan(
        "clonazepam", 2, strategy="linear", step_mg=0.25, interval_days=14, start=START,
        current_product=product("clonazepam", "tablet", 1),
    )  # fmt: skip
    final = taper.steps[-1]
    assert final.daily_mg == 0 and final.end is None
    assert "Keep filling in the diary for 4 more weeks" in final.note
    assert final.note_es.startswith("Deje de tomarlo hoy")
    assert named(taper, final.number)  # the stop from 0.25 mg is named, not "no warnings"


def test_a_chosen_final_dose_is_stated() -> None:
    taper = plan(
        "sertraline", 100, step_percent=25, interval_days=28, start=START, final_mg=12.5,
        current_product=product("sertraline", "tablet", 100),
    )  # fmt: skip
    assert taper.final_mg == 12.5
    last = doses(taper)[-2]
    assert last == 12.5  # landed on, not stepped past
    assert any(f"last dose before stopping is {last:g} mg a day, as chosen" in w
               for w in taper.warnings)  # fmt: skip
    assert "the last dose your prescriber chose" in taper.steps[-1].note


def test_compounded_liquid_comes_with_a_pharmacy_order() -> None:
    settings_ = suggested_settings(DRUGS["venlafaxine"])
    taper = plan(
        "venlafaxine", 150, strategy=settings_.strategy, step_percent=settings_.step_percent,
        interval_days=settings_.interval_days, start=START,
        current_product=product("venlafaxine", "capsule", 150, "ER"),
    )  # fmt: skip
    order = taper.pharmacy_order
    assert order is not None and order.mg_per_ml > 0
    assert taper.reaches_zero
    ml_days = sum(ml * ((end - begin).days + 1) for begin, end, ml in order.schedule if end)
    assert order.total_ml >= ml_days
    assert order.devices and all(d.endswith("mL") for d in order.devices)
    assert any("compounded by a pharmacy" in w for w in taper.warnings)
    # Without compounding, the plan says what to order instead of planning with it.
    plain = plan(
        "venlafaxine", 150, strategy=settings_.strategy, step_percent=settings_.step_percent,
        interval_days=settings_.interval_days, start=START, allow_compounding=False,
        current_product=product("venlafaxine", "capsule", 150, "ER"),
    )  # fmt: skip
    assert plain.pharmacy_order is None
    assert any("a pharmacy can compound one" in w for w in plain.warnings)


def test_custom_doses_are_rounded_to_what_can_be_taken() -> None:
    taper = plan(
        CITALOPRAM_LIKE, 40, strategy="custom", custom_mg=[30, 20, 12.5, 5, 0], start=START
    )
    assert doses(taper)[:2] == [30.0, 20.0] and doses(taper)[-1] == 0.0
    assert abs(doses(taper)[2] - 12.5) <= 1.25
    with pytest.raises(ValueError, match="go down"):
        plan(CITALOPRAM_LIKE, 40, strategy="custom", custom_mg=[30, 35, 0])
    unfinished = plan(CITALOPRAM_LIKE, 40, strategy="custom", custom_mg=[30, 20], start=START)
    assert not unfinished.reaches_zero
    assert any("stays on 20 mg a day until the plan is reviewed" in w for w in unfinished.warnings)


def test_bad_settings_are_explained() -> None:
    with pytest.raises(ValueError, match="more than 0 mg"):
        plan(CITALOPRAM_LIKE, 0)
    with pytest.raises(ValueError, match="between 1% and 50%"):
        plan(CITALOPRAM_LIKE, 20, step_percent=80)
    with pytest.raises(ValueError, match="not in the formulary"):
        plan("no-such-drug", 20)
    with pytest.raises(ValueError, match="last dose before stopping"):
        plan(CITALOPRAM_LIKE, 20, final_mg=25)


@pytest.mark.parametrize("interval", [1, 7, 28])
def test_dates_follow_the_interval(interval: int) -> None:
    taper = plan(
        CITALOPRAM_LIKE, 20, strategy="linear", step_mg=5, interval_days=interval, start=START
    )
    gaps = {(b.start - a.start).days for a, b in zip(taper.steps, taper.steps[1:], strict=False)}
    assert gaps == {interval}


def test_benzodiazepine_can_be_switched_to_diazepam_first() -> None:
    taper = plan("lorazepam", 2, via_diazepam=True, step_percent=10, interval_days=14, start=START)
    assert taper.drug_id == "diazepam" and taper.start_mg == 10  # 2 mg lorazepam ~ 10 mg diazepam
    assert "switch 2 mg a day of lorazepam to about 10 mg a day of diazepam" in taper.warnings[0]
    with pytest.raises(ValueError, match="Only a benzodiazepine"):
        plan("sertraline", 50, via_diazepam=True)


def test_stopping_at_once_is_called_out() -> None:
    capsule_only = make_drug([{"form": "capsule", "strength_mg": 7.5}], tags=["antidepressant"])
    taper = plan(capsule_only, 7.5, step_percent=25, start=START, allow_liquid=False)
    assert doses(taper) == [0.0]
    assert named(taper, 1)
    assert any("stops testdrug from 7.5 mg a day, 100% of the starting dose" in w
               for w in taper.warnings)  # fmt: skip


def test_suggested_settings_come_from_the_formulary_data() -> None:
    assert suggested_settings(DRUGS["lithium"]).strategy is Strategy.LINEAR
    assert suggested_settings(DRUGS["paroxetine"]).step_percent == 10
    assert suggested_settings(DRUGS["sertraline"]).step_percent == 25
    assert suggested_settings(DRUGS["quetiapine"]).interval_days == 90
    assert suggested_settings(DRUGS["alprazolam"]).interval_days == 14


def test_opening_capsules_is_an_announced_off_label_opt_in() -> None:
    capsule = product("venlafaxine", "capsule", 150, "ER")
    settings_: dict[str, Any] = dict(
        step_percent=10, interval_days=28, start=START, current_product=capsule
    )
    plain = plan("venlafaxine", 150, allow_compounding=False, **settings_)
    assert not any("beads" in s.how for s in plain.steps)  # never without the opt-in
    opened = plan(
        "venlafaxine", 150, allow_compounding=False, allow_capsule_opening=True, **settings_
    )
    assert opened.reaches_zero
    beads = [s for s in opened.steps if "of the beads of a" in s.how]
    assert beads and "count all its beads" in opened.steps[0].note
    assert "cuente todas las bolitas" in opened.steps[0].note_es
    assert any(w.startswith("Off-label: from step 1") for w in opened.warnings)
    # Shares are whole twentieths of a capsule, and the day's dose adds up.
    for step in beads:
        for part in step.parts:
            assert round(part.per_day * 20, 6) == int(round(part.per_day * 20, 6))
    # Far fewer steps jump more than the chosen cut than with whole capsules alone.
    assert sum(1 for s in opened.steps[:-1] if exceeds(opened, s)) < sum(
        1 for s in plain.steps[:-1] if exceeds(plain, s)
    )
    # With compounding allowed, the compounded liquid still wins where beads cannot hold.
    both = plan("venlafaxine", 150, allow_capsule_opening=True, **settings_)
    assert both.pharmacy_order is not None


def test_non_oral_products_are_refused_and_sublinguals_are_never_compounded() -> None:
    patch = (
        product("fentanyl", "patch", 0.6)
        if any(p.form == "patch" and p.strength_mg == 0.6 for p in DRUGS["fentanyl"].products)
        else next(p for p in DRUGS["fentanyl"].products if p.form == "patch")
    )
    with pytest.raises(ValueError, match="doses taken by mouth"):
        plan("fentanyl", patch.strength_mg, current_product=patch, start=START)
    film = next(p for p in DRUGS["buprenorphine_naloxone"].products if p.form == "film")
    taper = plan(
        "buprenorphine_naloxone", film.strength_mg * 2, step_percent=10, current_product=film,
        start=START,
    )  # fmt: skip
    assert taper.pharmacy_order is None
    assert not any("mL" in s.how for s in taper.steps)
    assert any("not equivalent mg for mg" in w for w in taper.warnings)
    with pytest.raises(ValueError, match="more than 0 mg"):
        plan("sertraline", float("inf"), start=START)
    with pytest.raises(ValueError, match="not both"):
        plan("sertraline", 100, dose_times={"daily": 1, "morning": 1}, start=START)


def test_a_custom_plan_says_which_listed_doses_it_could_not_give() -> None:
    taper = plan(
        "sertraline", 100, strategy="custom", custom_mg=[75, 40, 20, 10, 0], allow_liquid=False,
        allow_splitting=False, start=START,
    )  # fmt: skip
    assert [s.daily_mg for s in taper.steps] == [75, 25, 0]
    assert any("step 2 (40 mg asked, 25 mg given)" in w for w in taper.warnings)
    assert any("before the listed doses 20 mg, 10 mg" in w for w in taper.warnings)
    kept = plan("sertraline", 100, strategy="custom", custom_mg=[75, 50, 25, 0], start=START)
    assert not any("asked" in w or "listed doses" in w for w in kept.warnings)


def test_leaving_a_modified_release_product_says_to_divide_the_dose() -> None:
    xl = product("bupropion", "tablet", 300, "ER")
    once = plan("bupropion", 300, current_product=xl, step_percent=10, allow_compounding=False,
                dose_times={"morning": 1}, start=START)  # fmt: skip
    assert any("usually divided over the day" in w for w in once.warnings)
    assert any(
        w.startswith("More than 150 mg of immediate-release bupropion at one time: steps 1 (")
        for w in once.warnings
    )
    divided = plan("bupropion", 300, current_product=xl, step_percent=10,
                   allow_compounding=False, dose_times={"morning": 1, "evening": 1},
                   start=START)  # fmt: skip
    assert not any("usually divided" in w for w in divided.warnings)
    # Twice a day, only the first step still holds more than 150 mg at once (175 mg).
    [over] = [w for w in divided.warnings if "at one time" in w]
    assert "step 1 (175 mg at once)" in over and "step 2" not in over
