"""Labs, scales, follow-ups, monitoring due dates and tapers through the facade."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from practice_desk.domain import formulary
from practice_desk.domain.errors import ConcurrentEdit, Conflict, NotPermitted, ValidationError
from practice_desk.domain.regimens import DoseSchedule, details_for
from practice_desk.domain.taper_progress import SymptomEntry
from practice_desk.practice import Practice
from tests.helpers import NURSE_PASSWORD, patient_data

D0 = date(2026, 1, 5)


def _product(name: str, strength: float, form: str = "tablet") -> formulary.Product:
    drug = formulary.load().find(name)
    assert drug is not None
    return next(p for p in drug.products if p.strength_mg == strength and p.form.value == form)


@pytest.fixture
def patient_id(practice: Practice) -> int:
    return practice.add_patient(patient_data()).id


def test_lithium_monitoring_follows_results_and_dose_changes(
    practice: Practice, patient_id: int
) -> None:
    lithium = details_for(
        "lithium", product=_product("lithium", 300, "capsule"), schedule=DoseSchedule(bedtime=2)
    )
    order, _ = practice.start_medication(patient_id, lithium, start=D0)
    due = {d.item.item_id: d.item for d in practice.monitoring_due(patient_id, today=D0)}
    assert due["lithium_level"].due == D0 + timedelta(days=7)
    assert due["egfr"].due == D0 and due["tsh"].due == D0  # baseline

    _saved, flag = practice.record_lab(
        patient_id, "lithium_level", 0.7, taken_on=D0 + timedelta(days=7)
    )
    assert flag is not None and flag.level == "normal"
    later = {
        d.item.item_id: d.item
        for d in practice.monitoring_due(patient_id, today=D0 + timedelta(days=8))
    }
    assert later["lithium_level"].due > D0 + timedelta(days=30)

    practice.change_dose(
        order.id,
        details_for(
            "lithium", product=_product("lithium", 300, "capsule"), schedule=DoseSchedule(bedtime=3)
        ),
        row_version=1,
        reason="low level",
        on=D0 + timedelta(days=20),
    )
    after_change = {
        d.item.item_id: d.item
        for d in practice.monitoring_due(patient_id, today=D0 + timedelta(days=21))
    }
    assert after_change["lithium_level"].due == D0 + timedelta(days=27)

    _, toxic = practice.record_lab(
        patient_id, "lithium_level", 1.6, taken_on=D0 + timedelta(days=27)
    )
    assert toxic is not None and toxic.level == "alert_high"
    assert [r.value for r in practice.lab_results(patient_id, "lithium_level")] == [0.7, 1.6]


def test_practice_wide_due_list(practice: Practice, patient_id: int) -> None:
    clozapine = details_for(
        "clozapine", product=_product("clozapine", 100), schedule=DoseSchedule(bedtime=1)
    )
    practice.start_medication(patient_id, clozapine, start=D0)
    other = practice.add_patient(patient_data(given_name="Ben")).id
    practice.start_medication(
        other,
        details_for(
            "sertraline", product=_product("sertraline", 50), schedule=DoseSchedule(morning=1)
        ),
        start=D0,
    )
    due = practice.practice_due(today=D0 + timedelta(days=10))
    assert {d.patient_id for d in due} == {patient_id}  # sertraline needs no monitoring
    anc = [d for d in due if d.item.item_id == "anc"]
    assert anc and anc[0].item.overdue


def test_bad_lab_entries_are_refused(practice: Practice, patient_id: int) -> None:
    with pytest.raises(ValidationError, match="not a test"):
        practice.record_lab(patient_id, "unicorn_level", 1.0, taken_on=D0)
    with pytest.raises(ValidationError, match="future"):
        practice.record_lab(
            patient_id, "lithium_level", 1.0, taken_on=date.today() + timedelta(days=3)
        )
    with pytest.raises(ValidationError, match="Enter the result"):
        practice.record_lab(patient_id, "lithium_level", None, taken_on=D0)
    assert practice.lab_results(patient_id) == []


def test_phq9_with_item_nine_raises_its_flag_and_builds_a_trend(
    practice: Practice, patient_id: int
) -> None:
    first = practice.record_scale(patient_id, "phq9", [2, 2, 2, 2, 2, 2, 2, 2, 1], taken_on=D0)
    assert first.result.band == "moderately severe"
    assert [f.id for f in first.result.flags] == ["suicide_risk"]
    practice.record_scale(
        patient_id, "phq9", [1, 1, 1, 1, 1, 0, 0, 0, 0], taken_on=D0 + timedelta(days=42)
    )
    trend = practice.scale_history(patient_id, "phq9")
    assert [(r.total, r.band) for r in trend] == [(17, "moderately severe"), (5, "mild")]
    with pytest.raises(ValidationError, match="9 answers"):
        practice.record_scale(patient_id, "phq9", [1, 2, 3], taken_on=D0)


def test_nurse_records_scales_and_labs_but_not_tapers(
    with_nurse: Practice, patient_id: int
) -> None:
    order, _ = with_nurse.start_medication(
        patient_id,
        details_for(
            "sertraline", product=_product("sertraline", 50), schedule=DoseSchedule(morning=1)
        ),
        start=D0,
    )
    with_nurse.lock()
    with_nurse.unlock("nurse1", NURSE_PASSWORD)
    with_nurse.record_scale(patient_id, "gad7", [1] * 7, taken_on=D0)
    with_nurse.record_lab(patient_id, "weight", 70.5, taken_on=D0)
    plan = with_nurse.plan_taper(order.id, start=D0, strategy="hyperbolic", step_percent=25)
    with pytest.raises(NotPermitted):
        with_nurse.start_taper(patient_id, plan, order_id=order.id)


def test_follow_ups(practice: Practice, patient_id: int) -> None:
    practice.set_follow_up(patient_id, D0 + timedelta(days=28), "med review")
    assert practice.follow_up(patient_id) == (D0 + timedelta(days=28), "med review")
    assert practice.follow_ups_due(until=D0 + timedelta(days=30)) == [
        (patient_id, D0 + timedelta(days=28))
    ]
    assert practice.follow_ups_due(until=D0) == []


def test_a_taper_in_progress(practice: Practice, patient_id: int) -> None:
    tablet = _product("sertraline", 50)
    order, _ = practice.start_medication(
        patient_id,
        details_for("sertraline", product=tablet, schedule=DoseSchedule(morning=2)),
        start=D0,
    )
    plan = practice.plan_taper(
        order.id, start=date(2026, 3, 2), strategy="hyperbolic", step_percent=25, interval_days=28
    )
    taper = practice.start_taper(patient_id, plan, order_id=order.id)
    assert [t.id for t in practice.active_tapers()] == [taper.id]
    step = practice.taper_step(taper.id, today=date(2026, 3, 10))
    assert step is not None and step.number == 1 and step.daily_mg == 75

    advice = practice.log_withdrawal(
        taper.id,
        SymptomEntry(on=date(2026, 3, 9), step=1, symptoms=("dizziness", "electric"), severity=6),
    )
    assert advice and "holding this step" in advice
    held = practice.extend_taper_step(
        taper.id, row_version=taper.row_version, step=1, days=14, hold=True, reason="dizziness"
    )
    assert held.plan.steps[1].start == plan.steps[1].start + timedelta(days=14)
    with pytest.raises(ConcurrentEdit):
        practice.extend_taper_step(taper.id, row_version=taper.row_version, step=1, days=7)

    back = practice.step_back_taper(
        held.id,
        row_version=held.row_version,
        step=2,
        on=held.plan.steps[1].start + timedelta(days=3),
    )
    assert back.plan.steps[2].daily_mg == back.plan.steps[0].daily_mg  # back to the tolerated dose
    assert back.plan.steps[3].daily_mg == held.plan.steps[1].daily_mg  # then tries again

    slower = practice.replan_taper(
        back.id,
        row_version=back.row_version,
        from_step=4,
        strategy="hyperbolic",
        step_percent=10,
        interval_days=28,
    )
    assert slower.plan.steps[:3] == back.plan.steps[:3]
    assert slower.plan.steps[3].daily_mg < back.plan.steps[2].daily_mg
    kinds = [e.kind for e in practice.taper_events(taper.id)]
    assert kinds == ["started", "symptoms", "hold", "step_back", "replan"]
    ended = practice.end_taper(taper.id, row_version=slower.row_version, completed=True)
    assert ended.status == "completed" and practice.active_tapers() == []
    with pytest.raises(Conflict, match="has ended"):  # the record is there; its state says no
        practice.extend_taper_step(taper.id, row_version=ended.row_version, step=1, days=7)


def test_overdue_monitoring_shows_in_the_safety_check(practice: Practice, patient_id: int) -> None:
    lithium = details_for(
        "lithium", product=_product("lithium", 300, "capsule"), schedule=DoseSchedule(bedtime=2)
    )
    practice.start_medication(patient_id, lithium, start=D0)
    alerts = practice.check_medications(patient_id, today=D0 + timedelta(days=30))
    overdue = [a for a in alerts if a.kind.value == "monitoring"]
    assert any("Lithium level" in a.message and "overdue" in a.message for a in overdue)


def test_two_tapers_starting_within_two_weeks_are_warned(
    practice: Practice, patient_id: int
) -> None:
    sertraline, _ = practice.start_medication(
        patient_id,
        details_for(
            "sertraline", product=_product("sertraline", 50), schedule=DoseSchedule(morning=2)
        ),
        start=D0,
    )
    clonazepam, _ = practice.start_medication(
        patient_id,
        details_for(
            "clonazepam", product=_product("clonazepam", 1), schedule=DoseSchedule(bedtime=1)
        ),
        start=D0,
    )
    first = practice.plan_taper(sertraline.id, start=date(2026, 3, 2), step_percent=25)
    assert not any("Another taper" in w for w in first.warnings)
    practice.start_taper(patient_id, first, order_id=sertraline.id)
    for days, warned in ((13, True), (-13, True), (14, False), (-14, False)):
        second = practice.plan_taper(
            clonazepam.id, start=date(2026, 3, 2) + timedelta(days=days), step_percent=10
        )
        said = [w for w in second.warnings if "Another taper" in w]
        assert bool(said) is warned, days
        if warned:
            assert "sertraline from 2 Mar 2026" in said[0]


def test_a_replanned_taper_stays_on_its_bottle(practice: Practice, patient_id: int) -> None:
    order, _ = practice.start_medication(
        patient_id,
        details_for(
            "paroxetine", product=_product("paroxetine", 20), schedule=DoseSchedule(morning=1)
        ),
        start=D0,
    )
    plan = practice.plan_taper(order.id, start=date(2026, 3, 2), step_percent=10)
    assert "mL" in plan.steps[0].how  # the suspension from the first step
    taper = practice.start_taper(patient_id, plan, order_id=order.id)
    faster = practice.replan_taper(
        taper.id,
        row_version=taper.row_version,
        from_step=3,
        strategy="hyperbolic",
        step_percent=40,
        interval_days=28,
    )
    later = [s for s in faster.plan.steps[2:] if s.daily_mg]
    # 40% cuts would be easy with halves of 10 mg tablets, but the patient keeps the bottle.
    assert later and all(s.parts[0].product == "2 mg/mL oral suspension" for s in later)


def test_a_replan_keeps_the_times_of_day_and_the_product_choices(
    practice: Practice, patient_id: int
) -> None:
    order, _ = practice.start_medication(
        patient_id,
        details_for(
            "lorazepam", product=_product("lorazepam", 1), schedule=DoseSchedule(bedtime=2)
        ),
        start=D0,
    )
    plan = practice.plan_taper(
        order.id, start=date(2026, 3, 2), step_percent=10, interval_days=14,
        allow_compounding=False,
    )  # fmt: skip
    assert plan.dose_times == ("bedtime",) and not plan.allow_compounding
    taper = practice.start_taper(patient_id, plan, order_id=order.id)
    later = practice.replan_taper(
        taper.id, row_version=taper.row_version, from_step=3, strategy="hyperbolic",
        step_percent=5, interval_days=28,
    )  # fmt: skip
    assert later.plan.dose_times == ("bedtime",)  # not lorazepam's usual three times a day
    assert later.plan.pharmacy_order is None and not later.plan.allow_compounding
    assert all(t.time == "bedtime" for s in later.plan.steps[2:] for t in s.times)


@pytest.mark.parametrize(
    ("value", "unit", "stored"),
    [
        (110.0, "mg/dL", "mg/dL"),
        (6.1, "%", "%"),
        (6.4, "mmol/L", "mmol/L"),
        (43.0, "mmol/mol", "mmol/mol"),
    ],
)
def test_glucose_or_hba1c_is_saved_with_the_unit_it_was_given_in(
    practice: Practice, patient_id: int, value: float, unit: str, stored: str
) -> None:
    saved, _flag = practice.record_lab(
        patient_id, "glucose_or_a1c", value, taken_on=date.today(), unit=unit
    )
    assert (saved.value, saved.unit) == (value, stored)


def test_a_number_without_its_unit_is_refused_for_a_test_of_several_units(
    practice: Practice, patient_id: int
) -> None:
    for unit in (None, "g/L"):
        with pytest.raises(ValidationError, match="Say which unit") as raised:
            practice.record_lab(patient_id, "glucose_or_a1c", 110, taken_on=date.today(), unit=unit)
        assert raised.value.field == "unit"
    assert practice.lab_results(patient_id) == []
    # A single-unit test keeps its own unit whatever is passed.
    saved, _ = practice.record_lab(patient_id, "weight", 70, taken_on=date.today(), unit="lb")
    assert saved.unit == "kg"
