"""Write a frozen example vault for the current formats into tests/fixtures/.

Run once per new sidecar or schema version and commit the result; never regenerate an
old one. Tests open every frozen vault to prove later versions still read it.

    PRACTICE_DESK_TEST_WEAK_KDF=1 python tools/freeze_vault_fixture.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from practice_desk.practice import Practice
from practice_desk.vault import keyslots, migrate

PASSWORD = "frozen fixture password"  # noqa: S105 - a test fixture's published password
NURSE_PASSWORD = "frozen nurse password"  # noqa: S105


def _add_regimen(practice: Practice, patient_id: int) -> None:
    from datetime import date

    from practice_desk.domain import formulary
    from practice_desk.domain.regimens import DoseSchedule, details_for

    drug = formulary.load().find("sertraline")
    assert drug is not None
    tablet = next(p for p in drug.products if p.strength_mg == 50)
    order, _ = practice.start_medication(
        patient_id,
        details_for(drug, product=tablet, schedule=DoseSchedule(morning=1)),
        start=date(2026, 1, 5),
        reason="frozen fixture",
    )
    practice.change_dose(
        order.id,
        details_for(drug, product=tablet, schedule=DoseSchedule(morning=2)),
        row_version=order.row_version,
        reason="partial response",
        on=date(2026, 2, 2),
    )


def _add_results(practice: Practice, patient_id: int) -> None:
    from datetime import date

    practice.record_lab(patient_id, "weight", 61.5, taken_on=date(2026, 1, 5))
    practice.record_scale(
        patient_id, "phq9", [2, 2, 1, 1, 1, 1, 1, 0, 0], taken_on=date(2026, 1, 5)
    )
    practice.set_follow_up(patient_id, date(2026, 3, 2), "frozen fixture")
    order = practice.medications(patient_id)[0]
    plan = practice.plan_taper(
        order.id, start=date(2026, 3, 2), strategy="hyperbolic", step_percent=25, interval_days=28
    )
    practice.start_taper(patient_id, plan, order_id=order.id)


def _add_prescription(practice: Practice) -> None:
    from practice_desk.domain.prescriptions import PracticeProfile, Prescriber

    practice.save_practice_profile(
        PracticeProfile(
            name="Frozen Fixture Practice",
            address="1 Example Road\nAnytown, NY 01234",
            phone="(555) 555-0100",
            prescriber=Prescriber(name="Dr Frozen", dea="AF1234563", npi="1234567893"),
        )
    )
    ada = practice.find_patient_ids("frozenfixture")[0]
    from datetime import date

    from practice_desk.domain import formulary
    from practice_desk.domain.regimens import DoseSchedule, details_for

    drug = formulary.load().drugs["lamotrigine"]
    tablet = next(p for p in drug.products if p.strength_mg == 100 and p.form.value == "tablet")
    order, _ = practice.start_medication(
        ada,
        details_for(drug, product=tablet, schedule=DoseSchedule(morning=1)),
        start=date(2026, 1, 5),
    )
    [rx] = practice.write_prescription(
        order.id, quantity=30, days_supply=30, issued=date(2026, 1, 5)
    )
    practice.print_prescriptions([rx.serial])


def _add_note(practice: Practice) -> None:
    from datetime import date

    from practice_desk.domain.notes import NoteContent

    ada = practice.find_patient_ids("frozenfixture")[0]
    note = practice.save_note(
        ada,
        NoteContent.model_validate(
            {
                "template": "follow_up",
                "visit_date": date(2026, 1, 5),
                "symptoms": "Frozen fixture worry improving",
                "sections": {"plan": "Continue lamotrigine"},
            }
        ),
    )
    signed = practice.sign_note(note.id, row_version=note.row_version)
    practice.add_addendum(signed.id, "Frozen fixture addendum")


def main() -> int:
    if os.environ.get("PRACTICE_DESK_TEST_WEAK_KDF") != "1":
        print("set PRACTICE_DESK_TEST_WEAK_KDF=1 so the fixture opens quickly in tests")
        return 2
    name = f"vault-sidecar{keyslots.VERSION}-schema{migrate.latest_version()}"
    folder = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / name
    if folder.exists():
        print(f"{folder} exists; frozen fixtures are never regenerated")
        return 1
    folder.mkdir(parents=True)
    practice, recovery_key = Practice.create(
        folder / "frozen.pdvault", "drfrozen", PASSWORD, "Dr Frozen"
    )
    practice.add_user("nurse1", "Nurse Frozen", "nurse", NURSE_PASSWORD)
    practice.add_patient(
        {
            "family_name": "Frozenfixture",
            "given_name": "Ada",
            "date_of_birth": "1984-03-21",
            "phone": "(555) 555-0142",
            "diagnoses": ["F41.1"],
            "allergies": [{"substance": "penicillin", "reaction": "hives", "severity": "moderate"}],
        }
    )
    zoe = practice.add_patient(
        {"family_name": "Ólafsdóttir-Frozen", "given_name": "Zoë", "date_of_birth": "1990-12-01"}
    )
    if migrate.latest_version() >= 2:
        _add_regimen(practice, zoe.id)
    if migrate.latest_version() >= 3:
        _add_results(practice, zoe.id)
    if migrate.latest_version() >= 4:
        _add_prescription(practice)
    if migrate.latest_version() >= 5:
        _add_note(practice)
    practice.close()
    (folder / "frozen.pdvault.lock").unlink(missing_ok=True)
    (folder / "recovery-key.txt").write_text(recovery_key + "\n")
    print(f"wrote {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
