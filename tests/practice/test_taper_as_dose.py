"""While a taper runs, its step is the dose everywhere; ending it leaves one coherent order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from practice_desk.domain import formulary
from practice_desk.domain.errors import ValidationError
from practice_desk.domain.records import StoredTaper
from practice_desk.domain.regimens import DoseSchedule, DoseUnit, Order, OrderStatus, details_for
from practice_desk.practice import Practice
from tests.helpers import patient_data
from tests.practice.test_prescribing import ADDRESS, PROFILE

TODAY = date.today()


def _sertraline(practice: Practice, patient_id: int, mg: float = 100) -> Order:
    drug = formulary.load().drugs["sertraline"]
    tablet = next(p for p in drug.products if p.strength_mg == 100 and p.form == "tablet")
    order, _ = practice.start_medication(
        patient_id,
        details_for(drug, product=tablet, schedule=DoseSchedule(morning=mg / 100)),
        start=TODAY - timedelta(days=400),
    )
    return order


def _taper(practice: Practice, order: Order, days_ago: int) -> StoredTaper:
    """Sertraline tapered 25% every 28 days, step 1 having begun ``days_ago`` days ago."""
    plan = practice.plan_taper(
        order.id, start=TODAY - timedelta(days=days_ago), step_percent=25, interval_days=28
    )
    return practice.start_taper(order.patient_id, plan, order_id=order.id)


@pytest.fixture
def patient_id(practice: Practice) -> int:
    practice.save_practice_profile(PROFILE)
    return practice.add_patient(patient_data(address=ADDRESS)).id


def test_before_step_one_the_order_is_today_s_dose(practice: Practice, patient_id: int) -> None:
    order = _sertraline(practice, patient_id)
    _taper(practice, order, days_ago=-3)  # starts in three days
    [current] = practice.medications(patient_id)
    assert current == order and current.details.daily_mg == 100


def test_the_step_in_force_is_the_dose_and_the_history_lists_each_step(
    practice: Practice, patient_id: int
) -> None:
    order = _sertraline(practice, patient_id)
    taper = _taper(practice, order, days_ago=30)  # step 2 began two days ago
    steps = taper.plan.steps
    [current] = practice.medications(patient_id)
    assert current.id == order.id  # actions on today's dose reach the stored order
    assert current.details.daily_mg == steps[1].daily_mg == 62.5
    assert current.start == steps[1].start
    assert current.reason == f"taper step 2 of {len(steps)}"
    assert "Taper step 2 of" in current.details.directions()
    history = practice.medications(patient_id, include_history=True)
    assert [o.details.daily_mg for o in history] == [100, 75, 62.5]
    assert [o.status for o in history] == [
        OrderStatus.CHANGED,
        OrderStatus.CHANGED,
        OrderStatus.ACTIVE,
    ]
    assert history[0].end == steps[0].start and history[1].end == steps[1].start
    assert history[1].previous_id == history[0].id and history[2].previous_id == history[1].id
    # Two products make 62.5 mg (50 mg + half of 25 mg): the step reads in mg, with its words.
    assert current.details.dose_unit is DoseUnit.MG
    assert current.details.schedule.morning == 62.5


def test_the_safety_check_and_the_visit_summary_use_the_step(
    practice: Practice, patient_id: int
) -> None:
    order = _sertraline(practice, patient_id, mg=250)  # above the 200 mg maximum
    above = [a for a in practice.check_medications(patient_id) if "maximum" in a.message]
    assert above
    _taper(practice, order, days_ago=1)  # step 1: 187.5 mg, under the maximum
    assert not [a for a in practice.check_medications(patient_id) if "maximum" in a.message]
    facts = practice.visit_facts(patient_id, visit_date=TODAY - timedelta(days=1))
    [line] = facts.medications
    assert line.change == "dose_changed" and "Taper step 1 of" in line.directions


def test_a_tapered_order_changes_only_through_its_taper(
    practice: Practice, patient_id: int
) -> None:
    order = _sertraline(practice, patient_id)
    _taper(practice, order, days_ago=30)
    details = details_for(
        "sertraline", product=order.details.product, schedule=DoseSchedule(morning=1)
    )
    with pytest.raises(ValidationError, match=r"being tapered.*Tapers tab"):
        practice.change_dose(order.id, details, row_version=order.row_version, reason="higher")
    with pytest.raises(ValidationError, match="being tapered"):
        practice.stop_medication(order.id, row_version=order.row_version, reason="stop")
    with pytest.raises(ValidationError, match="from the taper step"):
        practice.write_prescription(order.id, quantity=30, days_supply=30)
    assert practice.prescription_log(patient_id) == []
    assert practice.medications(patient_id)[0].details.daily_mg == 62.5


def test_abandoning_keeps_the_step_in_force_as_the_order(
    practice: Practice, patient_id: int
) -> None:
    order = _sertraline(practice, patient_id)
    taper = _taper(practice, order, days_ago=30)
    during = practice.medications(patient_id, include_history=True)
    practice.end_taper(taper.id, row_version=taper.row_version, completed=False, reason="relapse")
    after = practice.medications(patient_id, include_history=True)
    assert [(o.details, o.start, o.end, o.status, o.reason) for o in after] == [
        (o.details, o.start, o.end, o.status, o.reason) for o in during
    ]
    assert all(o.id > 0 for o in after)  # now stored, not a view
    [current] = practice.medications(patient_id)
    assert current.details.daily_mg == 62.5 and current.id != order.id
    # It is an ordinary order again: the dose can change.
    details = details_for(
        "sertraline", product=order.details.product, schedule=DoseSchedule(morning=1)
    )
    practice.change_dose(current.id, details, row_version=current.row_version, reason="relapse")


def test_a_completed_taper_leaves_the_medication_stopped(
    practice: Practice, patient_id: int
) -> None:
    order = _sertraline(practice, patient_id)
    plan = practice.plan_taper(
        order.id,
        start=TODAY - timedelta(days=200),
        step_percent=50,
        interval_days=28,
        allow_liquid=False,
    )
    taper = practice.start_taper(patient_id, plan, order_id=order.id)
    assert practice.medications(patient_id) == []  # the stop step has begun
    stopped = practice.medications(patient_id, include_history=True)[-1]
    assert stopped.status is OrderStatus.STOPPED and stopped.end == plan.steps[-1].start
    practice.end_taper(taper.id, row_version=taper.row_version, completed=True)
    history = practice.medications(patient_id, include_history=True)
    assert history[-1].status is OrderStatus.STOPPED and history[-1].id > 0
    assert history[-1].end_reason.endswith("stopped")
    assert practice.medications(patient_id) == []


def test_a_taper_dated_before_its_order_still_ends_coherently(
    practice: Practice, patient_id: int
) -> None:
    drug = formulary.load().drugs["sertraline"]
    tablet = next(p for p in drug.products if p.strength_mg == 100 and p.form == "tablet")
    order, _ = practice.start_medication(
        patient_id, details_for(drug, product=tablet, schedule=DoseSchedule(morning=1))
    )  # today, while the taper below is dated to have begun 30 days ago
    taper = _taper(practice, order, days_ago=30)
    during = practice.medications(patient_id, include_history=True)
    assert [o.details.daily_mg for o in during] == [75, 62.5]
    practice.end_taper(taper.id, row_version=taper.row_version, completed=False)
    # Stored in the order things were recorded: the order, then the steps that replace it.
    history = sorted(practice.medications(patient_id, include_history=True), key=lambda o: o.id)
    assert [o.details.daily_mg for o in history] == [100, 75, 62.5]
    assert history[0].status is OrderStatus.CHANGED and history[0].end == history[0].start
    assert [o.active for o in history] == [False, False, True]
    assert history[1].previous_id == history[0].id


def test_a_drug_stopped_by_a_taper_still_counts_for_washouts(
    practice: Practice, patient_id: int
) -> None:
    order = _sertraline(practice, patient_id, mg=50)
    plan = practice.plan_taper(
        order.id, start=TODAY - timedelta(days=40), strategy="custom", custom_mg=[25, 0],
        interval_days=28,
    )  # fmt: skip
    practice.start_taper(patient_id, plan, order_id=order.id)  # stopped 12 days ago
    phenelzine = details_for(
        "phenelzine",
        product=next(p for p in formulary.load().drugs["phenelzine"].products),
        schedule=DoseSchedule(morning=1),
    )
    alerts = practice.check_medications(patient_id, phenelzine)
    assert any(a.severity == "contraindicated" for a in alerts), alerts


def test_a_stop_only_taper_dated_before_its_order_can_be_ended(
    practice: Practice, patient_id: int
) -> None:
    drug = formulary.load().drugs["sertraline"]
    tablet = next(p for p in drug.products if p.strength_mg == 100 and p.form == "tablet")
    order, _ = practice.start_medication(
        patient_id,
        details_for(drug, product=tablet, schedule=DoseSchedule(morning=1)),
        start=TODAY - timedelta(days=10),
    )
    plan = practice.plan_taper(
        order.id, start=TODAY - timedelta(days=60), strategy="custom", custom_mg=[0]
    )
    taper = practice.start_taper(patient_id, plan, order_id=order.id)
    assert practice.medications(patient_id) == []
    assert len(practice.medications(patient_id, include_history=True)) == 1
    practice.end_taper(taper.id, row_version=taper.row_version, completed=True)
    [stored] = practice.medications(patient_id, include_history=True)
    assert stored.status is OrderStatus.STOPPED and stored.id == order.id
