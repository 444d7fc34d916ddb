"""Prescriptions through the facade: profile checks, serials, log, reprints, voids."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from practice_desk.domain import formulary
from practice_desk.domain.errors import Conflict, NotPermitted, ValidationError
from practice_desk.domain.prescriptions import PracticeProfile, Prescriber
from practice_desk.domain.regimens import DoseSchedule, DoseUnit, Order, details_for
from practice_desk.practice import Practice
from tests.helpers import NURSE_PASSWORD, patient_data

PROFILE = PracticeProfile(
    name="Riverside Demo Psychiatry",
    address="100 Example Avenue\nAnytown, NY 01234",
    phone="(555) 555-0100",
    prescriber=Prescriber(
        name="Dr Alex Sample", credentials="MD", dea="AS1234563", npi="1234567893"
    ),
)
ADDRESS = {
    "line1": "12 Placeholder Street",
    "city": "Anytown",
    "state": "NY",
    "postal_code": "01234",
}


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def _order(
    practice: Practice, patient_id: int, drug_id: str, strength: float, schedule: DoseSchedule
) -> Order:
    drug = formulary.load().drugs[drug_id]
    product = next(
        p for p in drug.products if p.strength_mg == strength and p.form.value == "tablet"
    )
    order, _ = practice.start_medication(
        patient_id, details_for(drug, product=product, schedule=schedule), start=date(2027, 1, 4)
    )
    return order


@pytest.fixture
def ready(practice: Practice) -> tuple[Practice, int]:
    assert practice.save_practice_profile(PROFILE) == []
    patient = practice.add_patient(
        patient_data(address=ADDRESS, given_name="Zoë", family_name="Ñúñez")
    )
    return practice, patient.id


def test_profile_checks_dea_and_npi(practice: Practice) -> None:
    bad_dea = PROFILE.model_copy(
        update={"prescriber": PROFILE.prescriber.model_copy(update={"dea": "AS1234567"})}
    )
    with pytest.raises(ValidationError, match="DEA number is not valid"):
        practice.save_practice_profile(bad_dea)
    bad_npi = PROFILE.model_copy(
        update={"prescriber": PROFILE.prescriber.model_copy(update={"npi": "1234567890"})}
    )
    with pytest.raises(ValidationError, match="NPI is not valid"):
        practice.save_practice_profile(bad_npi)
    other_letter = PROFILE.model_copy(
        update={"prescriber": PROFILE.prescriber.model_copy(update={"dea": "AB1234563"})}
    )
    warnings = practice.save_practice_profile(other_letter)
    assert warnings and "does not match the surname initial" in warnings[0]
    assert practice.practice_profile() == other_letter


def test_write_print_reprint_and_void(ready: tuple[Practice, int]) -> None:
    practice, patient_id = ready
    order = _order(practice, patient_id, "sertraline", 50, DoseSchedule(morning=1))
    [rx] = practice.write_prescription(order.id, quantity=30, days_supply=30, refills=2)
    first = _text(practice.print_prescriptions([rx.serial]))
    assert f"Rx #{rx.serial:06d}" in first and "Zoë Ñúñez" in first
    assert "Quantity: 30 (thirty) tablets" in first and "1 tablet in the morning" in first
    assert "COPY" not in first
    again = _text(practice.print_prescriptions([rx.serial]))
    assert f"COPY - reprint of Rx #{rx.serial} first printed" in again
    code = again.split("Verify: ")[1].split()[0]
    assert practice.verify_prescription(rx.serial, code)
    assert not practice.verify_prescription(rx.serial, "AAAA-BBBB")

    practice.void_prescription(rx.serial, "wrong quantity")
    with pytest.raises(Conflict, match="already voided"):
        practice.void_prescription(rx.serial, "again")
    with pytest.raises(ValidationError, match="voided and cannot be printed"):
        practice.print_prescriptions([rx.serial])
    assert not practice.verify_prescription(rx.serial, code)
    [(stored, events)] = practice.prescription_log(patient_id)
    assert stored.status == "voided"
    assert [e.kind for e in events] == ["written", "printed", "reprinted", "voided"]


def test_schedule_ii_series_through_the_facade(ready: tuple[Practice, int]) -> None:
    practice, patient_id = ready
    order = _order(practice, patient_id, "methylphenidate", 10, DoseSchedule(morning=1, noon=1))
    with pytest.raises(ValidationError, match="cannot have refills"):
        practice.write_prescription(order.id, quantity=60, days_supply=30, refills=1)
    series = practice.write_prescription(
        order.id, quantity=60, days_supply=30, series=3, issued=date(2027, 1, 4)
    )
    assert [s.rx.do_not_fill_before for s in series] == [None, date(2027, 2, 3), date(2027, 3, 5)]
    assert len({s.serial for s in series}) == 3
    pages = PdfReader(io.BytesIO(practice.print_prescriptions([s.serial for s in series]))).pages
    assert len(pages) == 3


def test_controlled_prescription_needs_the_patient_address(practice: Practice) -> None:
    practice.save_practice_profile(PROFILE)
    patient_id = practice.add_patient(patient_data()).id  # no address
    order = _order(practice, patient_id, "methylphenidate", 10, DoseSchedule(morning=1))
    with pytest.raises(ValidationError, match="full address"):
        practice.write_prescription(order.id, quantity=30, days_supply=30)


def test_nurse_prints_handouts_but_not_prescriptions(with_nurse: Practice) -> None:
    with_nurse.save_practice_profile(PROFILE)
    patient_id = with_nurse.add_patient(patient_data(address=ADDRESS)).id
    order = _order(with_nurse, patient_id, "sertraline", 50, DoseSchedule(morning=1))
    with_nurse.lock()
    with_nurse.unlock("nurse1", NURSE_PASSWORD)
    with pytest.raises(NotPermitted, match="write prescriptions"):
        with_nurse.write_prescription(order.id, quantity=30, days_supply=30)
    handout = _text(with_nurse.handout_pdf("sertraline", "en"))
    assert "Sertraline (Zoloft)" in handout and "988" in handout
    summary = _text(with_nurse.visit_summary_pdf(patient_id, "es", visit_date=date(2027, 1, 4)))
    assert "Resumen de la visita" in summary and "sertraline" in summary and "NUEVO" in summary
    assert "1 tableta por la mañana" in summary and "tableta de 50 mg" in summary
    medication_list = _text(with_nurse.medication_list_pdf(patient_id))
    assert "Current medication list" in medication_list


def test_recovery_sheet_only_for_this_practices_key(created) -> None:  # type: ignore[no-untyped-def]
    from practice_desk.domain.errors import WrongRecoveryKey
    from practice_desk.vault.keys import new_recovery_key

    practice, recovery_key = created
    text = _text(practice.recovery_sheet_pdf(recovery_key))
    for group in recovery_key.split("-"):
        assert group in text
    assert practice.vault_id in text and "backup drives" in " ".join(text.split())
    with pytest.raises(WrongRecoveryKey):
        practice.recovery_sheet_pdf(new_recovery_key())


def test_the_printed_list_says_which_medicines_were_not_checked(practice: Practice) -> None:
    practice.save_practice_profile(PROFILE)
    patient_id = practice.add_patient(patient_data(address=ADDRESS)).id
    _order(practice, patient_id, "sertraline", 50, DoseSchedule(morning=1))
    listing = " ".join(_text(practice.medication_list_pdf(patient_id)).split())
    assert "Not checked for interactions" not in listing  # everything on it was checked
    practice.start_medication(
        patient_id,
        details_for("Moonflower tea", schedule=DoseSchedule(morning=25), dose_unit=DoseUnit.MG),
    )
    listing = " ".join(_text(practice.medication_list_pdf(patient_id)).split())
    assert "Moonflower tea Not checked for interactions" in listing
    assert "could not be checked against your other medicines" in listing
    assert listing.count("Not checked for interactions") == 2  # the mark, and its note
    spanish = " ".join(_text(practice.medication_list_pdf(patient_id, "es")).split())
    assert "Sin revisar las interacciones" in spanish


def test_a_prescription_never_names_another_brand_s_product(ready: tuple[Practice, int]) -> None:
    practice, patient_id = ready
    drug = formulary.load().drugs["methylphenidate"]
    concerta = next(p for p in drug.products if p.strength_mg == 36 and p.release == "ER")
    order, _ = practice.start_medication(
        patient_id, details_for(drug, product=concerta, schedule=DoseSchedule(morning=1))
    )
    [rx] = practice.write_prescription(order.id, quantity=30, days_supply=30)
    assert rx.rx.brand == "Concerta"  # the product's own name, not "Ritalin"
    assert rx.rx.form == "extended-release tablet"
    text = " ".join(_text(practice.preview_prescriptions([rx.serial])).split())
    assert "Ritalin" not in text
    assert "methylphenidate (Concerta) 36 mg extended-release tablet" in text
    plain = next(p for p in drug.products if p.strength_mg == 10 and p.form == "tablet")
    order, _ = practice.start_medication(
        patient_id, details_for(drug, product=plain, schedule=DoseSchedule(morning=1))
    )
    [rx] = practice.write_prescription(order.id, quantity=30, days_supply=30)
    assert rx.rx.brand == ""  # a plain generic tablet: no brand among the many
