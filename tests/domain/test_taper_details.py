"""What each step of a plan says, to the digit: cuts, rounding, stop and change notes, the
pharmacy order, a chosen last dose, saved plans read back, and how a re-plan continues."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from practice_desk.domain.tapering import (
    PharmacyOrder,
    Step,
    StepTime,
    TaperPlan,
    continuing,
    plan,
    suggested_settings,
)
from tests.domain.test_tapering import DRUGS, product

START = date(2027, 1, 4)


def _venlafaxine() -> TaperPlan:
    """150 mg ER capsules: only a compounded liquid makes the small steps."""
    chosen = suggested_settings(DRUGS["venlafaxine"])
    return plan(
        "venlafaxine", 150, strategy=chosen.strategy, step_percent=chosen.step_percent,
        interval_days=chosen.interval_days, start=START,
        current_product=product("venlafaxine", "capsule", 150, "ER"),
    )  # fmt: skip


def _sertraline(**settings: object) -> TaperPlan:
    return plan(
        "sertraline", 100, step_percent=25, interval_days=28, start=START,
        current_product=product("sertraline", "tablet", 100), **settings,  # type: ignore[arg-type]
    )  # fmt: skip


def test_defaults_are_ten_percent_every_four_weeks() -> None:
    taper = plan("sertraline", 100, start=START)
    assert (taper.step_percent, taper.interval_days) == (10.0, 28)
    assert taper.steps[1].start == START + timedelta(days=28)


def test_each_step_lasts_its_interval_and_the_stop_has_no_end() -> None:
    taper = _sertraline()
    assert [s.days for s in taper.steps[:-1]] == [28] * (len(taper.steps) - 1)
    assert taper.steps[0].end == START + timedelta(days=27)
    assert taper.steps[-1].days is None and taper.steps[-1].end is None
    assert taper.end == taper.steps[-1].start != taper.steps[-2].start


def test_cut_and_rounding_are_stated_exactly_for_every_step() -> None:
    for taper in (_sertraline(), _venlafaxine()):
        previous = taper.start_mg
        for step in taper.steps:
            assert step.cut_percent == round((previous - step.daily_mg) / previous * 100, 1)
            assert step.rounding_error_mg == pytest.approx(
                round(step.daily_mg - step.target_mg, 3), abs=1e-9
            )
            previous = step.daily_mg
    # A step that cannot be made exactly says by how much, and which way.
    [first] = [s for s in _venlafaxine().steps if s.number == 1]
    assert (first.target_mg, first.daily_mg, first.rounding_error_mg) == (135.0, 136.0, 1.0)
    assert first.cut_percent == 9.3  # 136 of 150, to one decimal


def test_the_stop_note_names_the_last_dose() -> None:
    taper = _sertraline()
    last = taper.steps[-2].daily_mg
    assert taper.steps[-1].note.startswith(f"Stop taking it today (after {last:g} mg a day).")


def test_a_change_of_product_is_said_on_the_step_it_happens_only() -> None:
    taper = _sertraline()
    changes = [s.number for s in taper.steps if "a new bottle" in s.note]
    first_liquid = next(s.number for s in taper.steps if "oral concentrate" in s.how)
    assert changes == [first_liquid]
    assert not any(s.note for s in taper.steps[: first_liquid - 1])
    # Starting on a product the plan does not use is a change on step 1.
    moved = plan("sertraline", 37, step_percent=25, start=START, current_product=None)
    assert "a new bottle" not in moved.steps[0].note
    on_liquid = plan(
        "sertraline", 100, step_percent=25, start=START, allow_splitting=False,
        products=[product("sertraline", "concentrate", 20)],
        current_product=product("sertraline", "tablet", 100),
    )  # fmt: skip
    assert "a new bottle" in on_liquid.steps[0].note


def test_a_dose_that_cannot_be_made_is_said_and_one_that_can_is_not() -> None:
    words = "cannot be made exactly from the products used"
    inexact = plan("sertraline", 37, step_percent=25, start=START)
    exact = plan("sertraline", 50, step_percent=25, start=START)
    assert any(words in w for w in inexact.warnings)
    assert not any(words in w for w in exact.warnings)


def test_no_product_at_all_is_refused_in_words() -> None:
    with pytest.raises(ValueError, match="No oral product of sertraline is available"):
        plan("sertraline", 100, start=START, products=[])


def test_a_drug_that_must_not_stop_at_once_is_refused_when_nothing_smaller_exists() -> None:
    capsule = product("lithium", "capsule", 300)
    with pytest.raises(ValueError, match="would stop at once; it should not be stopped over"):
        plan("lithium", 300, start=START, products=[capsule], allow_splitting=False)


@pytest.mark.parametrize(
    ("drug", "daily", "settings", "last"),
    [
        ("lorazepam", 2, {"step_percent": 25, "final_mg": 0.5}, 0.5),
        ("sertraline", 100, {"step_percent": 25, "final_mg": 12.5}, 12.5),
        ("sertraline", 100, {"strategy": "linear", "step_mg": 25, "final_mg": 12.5}, 12.5),
        ("sertraline", 100, {"strategy": "linear", "step_mg": 25, "final_mg": 50}, 50),
    ],
)
def test_a_chosen_last_dose_is_landed_on_not_stepped_past(
    drug: str, daily: float, settings: dict[str, object], last: float
) -> None:
    taper = plan(drug, daily, start=START, **settings)  # type: ignore[arg-type]
    doses = [s.daily_mg for s in taper.steps]
    assert doses[-2:] == [last, 0.0]
    assert min(doses[:-1]) == last
    assert any(f"The last dose before stopping is {last:g} mg a day, as chosen" in w
               for w in taper.warnings)  # fmt: skip


def test_the_pharmacy_order_covers_exactly_the_steps_on_the_compounded_liquid() -> None:
    taper = _venlafaxine()
    order = taper.pharmacy_order
    assert order is not None
    using = [s for s in taper.steps if any(p.product == order.product for p in s.parts)]
    assert [(s.start, s.end) for s in using] == [(b, e) for b, e, _ in order.schedule]
    assert [sum(p.per_day for p in s.parts) for s in using] == [ml for _, _, ml in order.schedule]
    ml_days = sum(ml * ((end - begin).days + 1) for begin, end, ml in order.schedule if end)
    assert order.total_ml == math.ceil(ml_days / 10) * 10 == 2310
    assert order.devices == tuple(dict.fromkeys(s.device for s in using))
    assert order.mg_per_ml == 20.0 and order.drug_name == "venlafaxine"


def test_a_tablet_plan_measures_no_millilitres() -> None:
    taper = _sertraline()
    tablets = [s for s in taper.steps if "tablet" in s.how]
    assert tablets and all(t.ml == 0 for s in tablets for t in s.times)


def test_plans_and_their_parts_cannot_be_changed_once_made() -> None:
    taper = _venlafaxine()
    step = taper.steps[0]
    assert taper.pharmacy_order is not None
    for model, field in (
        (taper, "start_mg"),
        (step, "daily_mg"),
        (step.times[0], "mg"),
        (taper.pharmacy_order, "total_ml"),
    ):
        with pytest.raises(ValidationError, match="frozen"):
            setattr(model, field, 1.0)
    assert isinstance(step, Step) and isinstance(step.times[0], StepTime)
    assert isinstance(taper.pharmacy_order, PharmacyOrder)


def test_a_plan_saved_before_product_choices_reads_back_with_the_old_defaults() -> None:
    saved = _sertraline().model_dump(mode="json")
    for name in ("allow_liquid", "allow_splitting", "allow_compounding", "allow_capsule_opening"):
        del saved[name]
    old = TaperPlan.model_validate(saved)
    assert (old.allow_liquid, old.allow_splitting, old.allow_compounding) == (True, True, True)
    assert old.allow_capsule_opening is False


def test_a_re_plan_continues_on_what_the_patient_takes_at_the_anchor() -> None:
    # On the compounded liquid: the same bottle's strength to the end.
    venlafaxine = _venlafaxine()
    anchor = venlafaxine.steps[3]
    options = continuing(DRUGS["venlafaxine"], venlafaxine, anchor)
    [liquid] = options["products"]
    assert liquid.mg_per_ml == liquid.strength_mg == 20.0
    assert options["dose_times"] == {"daily": anchor.daily_mg}
    assert "current_product" not in options
    # On tablets: the same tablets first.
    sertraline = _sertraline()
    options = continuing(DRUGS["sertraline"], sertraline, sertraline.steps[1])
    assert options["current_product"] == product("sertraline", "tablet", 50)
    assert "products" not in options
    # On a marketed liquid: that bottle only.
    on_liquid = next(s for s in sertraline.steps if "oral concentrate" in s.how)
    options = continuing(DRUGS["sertraline"], sertraline, on_liquid)
    assert [p.label() for p in options["products"]] == ["20 mg/mL oral concentrate"]
    # The choices the plan was made with carry over.
    chosen = _sertraline(allow_liquid=False, allow_capsule_opening=True)
    options = continuing(DRUGS["sertraline"], chosen, chosen.steps[0])
    assert (options["allow_liquid"], options["allow_capsule_opening"]) == (False, True)
    assert (options["allow_splitting"], options["allow_compounding"]) == (True, True)


@pytest.mark.parametrize(
    ("choices", "hint"),
    [
        ({"allow_compounding": False}, "for smaller steps (allow compounding to plan with it)."),
        ({"allow_liquid": False}, "for smaller steps (allow liquids to plan with it)."),
    ],
)
def test_the_advice_names_the_choice_that_would_allow_smaller_steps(
    choices: dict[str, Any], hint: str
) -> None:
    chosen = suggested_settings(DRUGS["venlafaxine"])
    taper = plan(
        "venlafaxine", 150, strategy=chosen.strategy, step_percent=chosen.step_percent,
        interval_days=chosen.interval_days, start=START,
        current_product=product("venlafaxine", "capsule", 150, "ER"), **choices,
    )  # fmt: skip
    assert any(hint in w for w in taper.warnings)
