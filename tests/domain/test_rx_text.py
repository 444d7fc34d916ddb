"""Prescription words built in domain/: quantities, taper directions, the patient line."""

from __future__ import annotations

from datetime import date

import pytest

from practice_desk.domain import formulary, rx_text
from practice_desk.domain.patients import Patient, parse_details
from practice_desk.domain.tapering import Step, StepTime


@pytest.mark.parametrize(
    ("amount", "liquid", "expected"),
    [
        (30, False, 30.0),
        (30.0000001, False, 30.0),  # float noise is not a 31st tablet
        (30.01, False, 31.0),  # a real part of a tablet is a whole one more
        (2.9 * 28, True, 81.2),  # 81.19999999 is 81.2 mL, never 81.1
        (81.21, True, 81.3),  # liquid rounds up to the next 0.1 mL
        (81.2, True, 81.2),
        (0.04, True, 0.1),
    ],
)
def test_dispensed_quantity_is_enough_and_never_a_hair_short(
    amount: float, liquid: bool, expected: float
) -> None:
    assert rx_text.dispense_quantity(amount, liquid=liquid) == expected


def _step(times: tuple[StepTime, ...], how: str, device: str = "") -> Step:
    return Step(
        number=3,
        start=date(2027, 1, 4),
        end=date(2027, 1, 31),
        target_mg=75,
        daily_mg=75,
        how=how,
        cut_percent=25,
        rounding_error_mg=0,
        times=times,
        device=device,
    )


def test_a_single_time_of_day_is_said_with_the_dose() -> None:
    step = _step((StepTime(time="morning", mg=75, how="1 x 75 mg tablet"),), "1 x 75 mg tablet")
    assert rx_text.taper_step_directions(step) == (
        "Each day take 1 x 75 mg tablet in the morning (75 mg a day), "
        "from 4 Jan 2027 to 31 Jan 2027."
    )


def test_a_divided_dose_reads_as_the_step_says_and_a_liquid_names_its_syringe() -> None:
    split = _step(
        (
            StepTime(time="morning", mg=50, how="1 x 50 mg tablet"),
            StepTime(time="bedtime", mg=25, how="1 x 25 mg tablet"),
        ),
        "In the morning: 1 x 50 mg tablet; at bedtime: 1 x 25 mg tablet",
    )
    assert rx_text.taking(split).startswith("in the morning: 1 x 50 mg tablet; at bedtime")
    liquid = _step(
        (StepTime(time="bedtime", mg=7.5, how="3.75 mL"),), "3.75 mL", device="5 mL oral syringe"
    )
    assert rx_text.taking(liquid) == "3.75 mL at bedtime, measured with a 5 mL oral syringe"


def test_taper_note_names_the_other_products_of_the_step() -> None:
    step = _step((), "x")
    assert rx_text.taper_note(step, 8, []) == "Part of a taper: step 3 of 8."
    assert rx_text.taper_note(step, 8, ["25 mg tablet"]) == (
        "Part of a taper: step 3 of 8, with 25 mg tablet."
    )


def _patient(**address: str) -> Patient:
    details = parse_details(
        {
            "family_name": "Quillwhistle",
            "given_name": "Ada",
            "date_of_birth": "1984-03-21",
            "address": address,
        }
    )
    return Patient(id=1, chart_number="000001", details=details, row_version=1, archived=False)


def test_the_address_is_printed_only_when_complete() -> None:
    full = _patient(line1="1 Mock St", city="Anytown", state="NY", postal_code="05336")
    assert rx_text.patient_on_rx(full).address == "1 Mock St\nAnytown, NY 05336"
    no_city = _patient(line1="1 Mock St", state="NY", postal_code="05336")
    assert rx_text.patient_on_rx(no_city).address == ""
    assert rx_text.patient_on_rx(full).name == "Ada Quillwhistle"


def test_a_prescription_names_the_product_as_dispensed() -> None:
    drug = formulary.load().drugs["sertraline"]
    tablet = next(p for p in drug.products if p.strength_mg == 50 and not p.is_liquid)
    rx = rx_text.prescription(
        _patient(),
        drug,
        tablet,
        directions="1 tablet in the morning",
        quantity=30,
        days_supply=30,
        refills=0,
        substitution_permitted=True,
        note_to_pharmacist="",
        issued=date(2027, 1, 4),
    )
    assert (rx.drug, rx.strength, rx.form, rx.quantity_unit) == (
        "sertraline",
        "50 mg",
        "tablet",
        "tablets",
    )
    assert rx.schedule == ""
