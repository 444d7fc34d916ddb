"""Specimen documents from synthetic data, marked "SPECIMEN - NOT VALID".

A practice prints these to check layout on its own printer and paper before real use.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from practice_desk.documents.base import Language
from practice_desk.documents.prescription import RxDocument, render_prescriptions
from practice_desk.documents.sheets import (
    MedicationLine,
    RecoveryFacts,
    VisitFacts,
    render_handout,
    render_medication_list,
    render_recovery_sheet,
    render_visit_summary,
)
from practice_desk.documents.taper_calendar import render_taper_calendar
from practice_desk.domain import handouts, tapering
from practice_desk.domain.prescriptions import (
    PatientOnRx,
    PracticeProfile,
    Prescriber,
    Prescription,
    c2_series,
    verification_code,
)

SPECIMEN_PATIENT = "Zoë Ñúñez-Łukasiewicz"
_DAY = date(2027, 1, 4)
_SECRET = b"specimen-only-not-a-practice-key!"

PROFILE = PracticeProfile(
    name="Riverside Demo Psychiatry",
    address="100 Example Avenue, Suite 2\nAnytown, NY 01234",
    phone="(555) 555-0100",
    fax="(555) 555-0101",
    prescriber=Prescriber(
        name="Dr Alex Sample",
        credentials="MD",
        dea="AS1234563",
        npi="1234567893",
        licence="NY 000000 (specimen)",
    ),
)
_PATIENT = PatientOnRx(
    name=SPECIMEN_PATIENT,
    date_of_birth=date(1984, 3, 21),
    address="12 Placeholder Street\nAnytown, NY 01234",
)


def _doc(rx: Prescription, reprint: date | None = None) -> RxDocument:
    return RxDocument(
        rx=rx, verification_code=verification_code(_SECRET, rx), reprint_of_date=reprint
    )


def specimens(language: Language = "en") -> dict[str, bytes]:
    """File name -> PDF bytes for every document Practice Desk prints."""
    sertraline = Prescription(
        serial=1001,
        issued=_DAY,
        patient=_PATIENT,
        drug="sertraline",
        brand="Zoloft",
        strength="50 mg",
        form="tablet",
        directions="Take 1 tablet by mouth each morning; from week 3, take 2 tablets each morning.",
        quantity=45,
        quantity_unit="tablets",
        days_supply=30,
        refills=2,
        note_to_pharmacist="Patient prefers blister packs.",
    )
    stimulant = Prescription(
        serial=1002,
        issued=_DAY,
        patient=_PATIENT,
        drug="methylphenidate",
        brand="Ritalin",
        strength="10 mg",
        form="tablet",
        directions="Take 1 tablet by mouth in the morning and 1 tablet at noon.",
        quantity=60,
        quantity_unit="tablets",
        days_supply=30,
        schedule="II",
        substitution_permitted=False,
    )
    series = [
        s.model_copy(update={"serial": 1002 + i}) for i, s in enumerate(c2_series(stimulant, 3))
    ]
    out = {
        "prescription-noncontrolled.pdf": render_prescriptions(
            [_doc(sertraline)], PROFILE, specimen=True
        ),
        "prescription-schedule-ii.pdf": render_prescriptions(
            [_doc(s) for s in series], PROFILE, specimen=True
        ),
        "prescription-reprint.pdf": render_prescriptions(
            [_doc(sertraline, reprint=date(2026, 12, 14))], PROFILE, specimen=True
        ),
        "recovery-sheet.pdf": render_recovery_sheet(
            RecoveryFacts(
                practice_name=PROFILE.name,
                vault_id="0123456789abcdef0123456789abcdef",
                recovery_key="000011-000022-000033-000044-000055-000066-000077-000088",
                created=_DAY,
                anchor="0A1B 2C3D 4E5F 6A7B 8C9D",
            ),
            specimen=True,
        ),
    }
    for lang in ("en", "es"):
        if "sertraline" in handouts.available(lang):
            handout = handouts.get("sertraline", lang)
            out[f"handout-sertraline-{lang}.pdf"] = render_handout(handout, PROFILE, specimen=True)
    plan = tapering.plan(
        "sertraline", 100, strategy="hyperbolic", step_percent=10, interval_days=28, start=_DAY
    )
    out["taper-calendar.pdf"] = render_taper_calendar(
        plan, patient_name=SPECIMEN_PATIENT, profile=PROFILE, language=language, specimen=True
    )
    facts = VisitFacts(
        patient_name=SPECIMEN_PATIENT,
        date_of_birth=date(1984, 3, 21),
        visit_date=_DAY,
        medications=(
            MedicationLine(
                name="sertraline",
                strength_form="50 mg tablet",
                directions="2 tablets in the morning",
                change="dose_changed",
            ),
            MedicationLine(
                name="trazodone",
                strength_form="50 mg tablet",
                directions="1 tablet at bedtime",
                change="new",
            ),
            MedicationLine(
                name="lorazepam",
                strength_form="1 mg tablet",
                directions="1 tablet when needed, at most 2 tablets a day",
                change="stopped",
            ),
            MedicationLine(
                name="lisinopril",
                strength_form="10 mg tablet",
                directions="1 tablet in the morning",
                external=True,
            ),
        ),
        instructions="Keep a sleep diary for two weeks and bring it to the next visit.",
        next_appointment=date(2027, 2, 1),
        labs_due=("Weight and blood pressure at the next visit",),
    )
    out["visit-summary.pdf"] = render_visit_summary(
        facts, PROFILE, language=language, specimen=True
    )
    out["medication-list.pdf"] = render_medication_list(
        facts, PROFILE, language=language, specimen=True
    )
    return out


def write_specimens(folder: Path, language: Language = "en") -> list[Path]:
    """Write every specimen into folder (created if needed); returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, pdf in specimens(language).items():
        path = folder / name
        path.write_bytes(pdf)
        written.append(path)
    return written
