"""The words of a prescription, built from the record: who it is for, what is dispensed,
how much, and the directions of a taper step. No storage and no session here: the rx
service reads the record and hands it to these."""

from __future__ import annotations

import math
from datetime import date

from practice_desk.domain import formulary, wording
from practice_desk.domain.patients import Patient
from practice_desk.domain.prescriptions import PatientOnRx, Prescription
from practice_desk.domain.tapering import Step

#: How a release type reads on the form line ("extended-release tablet").
RELEASE_WORDS = {"ER": "extended-release ", "DR": "delayed-release "}


def dispense_quantity(amount: float, *, liquid: bool) -> float:
    """Enough for the days: whole tablets, or liquid to 0.1 mL (never a hair short)."""
    exact = round(amount * 10, 6) if liquid else round(amount, 6)  # 2.9 x 28 is not 81.2000001
    return math.ceil(exact) / 10 if liquid else float(math.ceil(exact))


def taking(step: Step) -> str:
    """What to take, worded to follow "Each day take": "1 x 50 mg tablet in the morning",
    or "in the morning: ...; at bedtime: ..." when the day's dose is divided."""
    timed = [t for t in step.times if t.mg]
    if len(timed) > 1:
        return step.how[:1].lower() + step.how[1:]
    if len(timed) == 1 and timed[0].time != "daily":
        device = f", measured with a {step.device}" if step.device else ""
        return f"{timed[0].how} {wording.time_of_day(timed[0].time)}{device}"
    return step.how


def taper_step_directions(step: Step) -> str:
    """The directions of one taper step, dated: a pharmacist dispenses them as written."""
    assert step.end is not None, "a step with no end is the stop: nothing is dispensed"
    return (
        f"Each day take {taking(step)} ({step.daily_mg:g} mg a day), "
        f"from {wording.long_date(step.start)} to {wording.long_date(step.end)}."
    )


def taper_note(step: Step, total: int, others: list[str]) -> str:
    """The pharmacist's line on each prescription of a taper step."""
    return f"Part of a taper: step {step.number} of {total}" + (
        f", with {' and '.join(others)}." if others else "."
    )


def patient_on_rx(patient: Patient) -> PatientOnRx:
    """The patient as a prescription names them (the address only when complete)."""
    d = patient.details
    address = d.address
    lines = (
        address.line1,
        address.line2,
        f"{address.city}, {address.state} {address.postal_code}".strip(", "),
    )
    return PatientOnRx(
        name=f"{d.given_name} {d.family_name}",
        date_of_birth=d.date_of_birth,
        address="\n".join(x for x in lines if x.strip()) if address.is_complete() else "",
    )


def prescription(
    patient: Patient,
    drug: formulary.Drug,
    product: formulary.Product,
    *,
    directions: str,
    quantity: float,
    days_supply: int,
    refills: int,
    substitution_permitted: bool,
    note_to_pharmacist: str,
    issued: date,
) -> Prescription:
    """One prescription of a product for the patient (not yet checked or numbered)."""
    liquid = product.is_liquid
    return Prescription(
        issued=issued,
        patient=patient_on_rx(patient),
        drug=drug.generic,
        # The product's own name (Concerta), else a brand only where the drug has one:
        # with several (Ritalin, Concerta, ...) the first would name another product.
        brand=product.name or (drug.brands[0] if len(drug.brands) == 1 else ""),
        strength=f"{product.mg_per_ml:g} mg/mL" if liquid else f"{product.strength_mg:g} mg",
        form=("oral " + product.form.value)
        if liquid
        else RELEASE_WORDS.get(product.release.value, "") + product.form.value,
        directions=directions,
        quantity=quantity,
        quantity_unit="mL" if liquid else product.form.value + "s",
        days_supply=days_supply,
        refills=refills,
        substitution_permitted=substitution_permitted,
        note_to_pharmacist=note_to_pharmacist,
        schedule=drug.schedule,
    )
