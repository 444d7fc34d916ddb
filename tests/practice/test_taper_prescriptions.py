"""Prescriptions written from a taper step: one per product, the step's directions and days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from practice_desk.domain.errors import NotPermitted, ValidationError
from practice_desk.domain.records import StoredTaper
from practice_desk.domain.regimens import DoseSchedule
from practice_desk.practice import Practice
from tests.helpers import NURSE_PASSWORD, patient_data
from tests.practice.test_prescribing import ADDRESS, PROFILE, _order

D0 = date(2026, 3, 2)


def _taper(practice: Practice, start: date = D0, **settings: object) -> StoredTaper:
    """Sertraline 100 mg each morning, tapered from ``start`` in 28-day steps."""
    patient_id = practice.add_patient(patient_data(address=ADDRESS)).id
    order = _order(practice, patient_id, "sertraline", 100, DoseSchedule(morning=1))
    plan = practice.plan_taper(order.id, start=start, interval_days=28, **settings)
    return practice.start_taper(patient_id, plan, order_id=order.id)


@pytest.fixture
def ready(practice: Practice) -> Practice:
    practice.save_practice_profile(PROFILE)
    return practice


def test_a_single_product_step(ready: Practice) -> None:
    taper = _taper(ready, step_percent=25, allow_liquid=False)
    step = taper.plan.steps[2]
    assert step.how == "In the morning: 1 x 50 mg tablet" and step.days == 28
    [rx] = ready.write_taper_prescription(taper.id, 3, refills=1, issued=D0)
    assert rx.rx.drug == "sertraline" and rx.rx.strength == "50 mg"
    assert rx.rx.directions == (
        "Each day take 1 x 50 mg tablet in the morning (50 mg a day), "
        "from 27 Apr 2026 to 24 May 2026."
    )
    assert (rx.rx.quantity, rx.rx.quantity_unit, rx.rx.days_supply) == (28, "tablets", 28)
    assert rx.rx.refills == 1
    total = len(taper.plan.steps)
    assert rx.rx.note_to_pharmacist == f"Part of a taper: step 3 of {total}."
    assert rx.patient_id == taper.patient_id and rx.order_id == taper.order_id
    [(logged, events)] = ready.prescription_log(taper.patient_id)
    assert logged.serial == rx.serial and [e.kind for e in events] == ["written"]


def test_a_two_product_step_gives_two_prescriptions(ready: Practice) -> None:
    taper = _taper(ready, step_percent=25, allow_liquid=False)
    total = len(taper.plan.steps)
    fifty, twenty_five = ready.write_taper_prescription(
        taper.id, 2, note_to_pharmacist="Please dispense together."
    )
    directions = (
        "Each day take 1 x 50 mg tablet + 1 x half of a 25 mg tablet in the morning "
        "(62.5 mg a day), "
        "from 30 Mar 2026 to 26 Apr 2026."
    )
    assert fifty.rx.directions == twenty_five.rx.directions == directions
    assert (fifty.rx.strength, fifty.rx.quantity, fifty.rx.days_supply) == ("50 mg", 28, 28)
    assert (twenty_five.rx.strength, twenty_five.rx.quantity) == ("25 mg", 14)
    assert fifty.rx.note_to_pharmacist == (
        f"Part of a taper: step 2 of {total}, with 25 mg tablet. Please dispense together."
    )
    assert "with 50 mg tablet" in twenty_five.rx.note_to_pharmacist
    assert fifty.serial != twenty_five.serial


def test_a_liquid_step_and_the_step_in_force_today(ready: Practice) -> None:
    taper = _taper(ready, start=date.today() - timedelta(days=30), step_percent=10)
    step = taper.plan.steps[1]  # in force today
    assert step.parts[0].unit == "mL" and step.parts[0].per_day == 4.2
    [rx] = ready.write_taper_prescription(taper.id)
    assert rx.rx.directions.startswith(
        "Each day take 4.2 mL of the 20 mg/mL oral concentrate in the morning, measured with a "
        "5 mL oral syringe marked in 0.2 mL (84 mg a day), from "
    )
    assert "5 mL oral syringe marked in 0.2 mL" in rx.rx.directions
    assert (rx.rx.quantity, rx.rx.quantity_unit) == (117.6, "mL")  # 4.2 mL x 28 days, not 117.7
    assert rx.rx.strength == "20 mg/mL" and rx.rx.note_to_pharmacist.startswith(
        "Part of a taper: step 2 of"
    )


def test_the_final_stop_step_and_an_ended_taper_are_refused(ready: Practice) -> None:
    taper = _taper(ready, step_percent=50, allow_liquid=False)
    last = taper.plan.steps[-1]
    assert last.end is None and last.daily_mg == 0
    with pytest.raises(ValidationError, match="nothing to dispense"):
        ready.write_taper_prescription(taper.id, last.number)
    with pytest.raises(ValidationError, match="no step 99"):
        ready.write_taper_prescription(taper.id, 99)
    ready.end_taper(taper.id, row_version=taper.row_version, completed=False)
    with pytest.raises(ValidationError, match="taper has ended"):
        ready.write_taper_prescription(taper.id, 1)
    assert ready.prescription_log(taper.patient_id) == []


def test_a_nurse_cannot_write_from_a_taper(with_nurse: Practice) -> None:
    with_nurse.save_practice_profile(PROFILE)
    taper = _taper(with_nurse, step_percent=25, allow_liquid=False)
    with_nurse.lock()
    with_nurse.unlock("nurse1", NURSE_PASSWORD)
    with pytest.raises(NotPermitted, match="write prescriptions"):
        with_nurse.write_taper_prescription(taper.id, 1)


def test_a_note_too_long_beside_the_taper_line_is_refused_in_words(ready: Practice) -> None:
    taper = _taper(ready, step_percent=25, allow_liquid=False)
    with pytest.raises(ValidationError, match="keep your note to"):
        ready.write_taper_prescription(taper.id, 3, note_to_pharmacist="x" * 290)
    assert ready.prescription_log(taper.patient_id) == []
    [rx] = ready.write_taper_prescription(taper.id, 3, note_to_pharmacist="Blister packs please.")
    assert rx.rx.note_to_pharmacist.endswith("Blister packs please.")
