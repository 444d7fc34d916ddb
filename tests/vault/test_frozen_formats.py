"""Every format version ever shipped still opens: the frozen example vaults in fixtures/."""

from __future__ import annotations

import shutil
from datetime import date, time
from pathlib import Path

import pytest

from practice_desk.domain.appointments import VisitKind, VisitStatus
from practice_desk.practice import Practice
from practice_desk.vault import migrate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FROZEN = sorted(FIXTURES.glob("vault-sidecar*-schema*"))


def test_there_is_a_frozen_vault_for_the_current_formats() -> None:
    from practice_desk.vault import keyslots

    current = f"vault-sidecar{keyslots.VERSION}-schema{migrate.latest_version()}"
    assert current in [f.name for f in FROZEN], "run tools/freeze_vault_fixture.py and commit it"


def _schema(folder: Path) -> int:
    return int(folder.name.rsplit("schema", 1)[1])


@pytest.mark.parametrize("frozen", FROZEN, ids=lambda p: p.name)
def test_frozen_vault_opens_and_upgrades(frozen: Path, tmp_path: Path) -> None:
    work = tmp_path / frozen.name
    shutil.copytree(frozen, work)
    vault = work / "frozen.pdvault"

    practice = Practice.open(vault)
    practice.unlock("drfrozen", "frozen fixture password")
    names = [s.display_name for s in practice.search_patients("")]
    assert names == ["Frozenfixture, Ada", "Ólafsdóttir-Frozen, Zoë"]
    ada = practice.get_patient(practice.find_patient_ids("frozenfixture")[0])
    assert ada.details.diagnoses[0].description == "Generalized anxiety disorder"
    assert ada.details.allergies[0].substance == "penicillin"
    zoe = practice.find_patient_ids("zoe")[0]
    history = practice.medications(zoe, include_history=True)
    if _schema(frozen) >= 2:
        stored = [o for o in history if not o.reason.startswith("taper step")]
        assert [o.details.daily_mg for o in stored] == [50, 100]
        assert history[1].previous_id == history[0].id
        # From schema 3 the 100 mg order is tapered: its started steps follow it, each
        # with the dose and reason of its step (a plan saved before doses were divided).
        stepped = history[len(stored) :]
        if stepped:
            steps = practice.tapers(zoe)[0].plan.steps
            assert [o.details.daily_mg for o in stepped] == [
                s.daily_mg for s in steps[: len(stepped)]
            ]
            assert stepped[0].reason == f"taper step 1 of {len(steps)}"
            assert stepped[-1].active and history[1].end_reason == stepped[0].reason
    else:
        assert history == []  # upgraded from before medications existed: an empty timeline
    if _schema(frozen) >= 3:
        assert [r.value for r in practice.lab_results(zoe)] == [61.5]
        assert [r.total for r in practice.scale_history(zoe, "phq9")] == [9]
        tapers = practice.tapers(zoe)
        assert len(tapers) == 1 and tapers[0].plan.steps[0].daily_mg == 75
        # A follow-up date (schema 3 to 6) is a visit booked at 09:00 from schema 7.
        [visit] = practice.appointments.visits(zoe)
        assert (visit.on, visit.booking.at, visit.booking.minutes) == (
            date(2026, 3, 2),
            time(9, 0),
            30,
        )
        assert (visit.booking.kind, visit.booking.note) == (VisitKind.FOLLOW_UP, "frozen fixture")
        assert visit.status is VisitStatus.BOOKED
    if _schema(frozen) >= 4:
        assert practice.practice_profile() is not None
        ada_id = practice.find_patient_ids("frozenfixture")[0]
        [(rx, events)] = practice.prescription_log(ada_id)
        assert rx.rx.drug == "lamotrigine" and [e.kind for e in events] == ["written", "printed"]
    if _schema(frozen) >= 5:
        [note] = practice.notes(ada.id)
        assert note.signed and [a.text for a in note.addenda] == ["Frozen fixture addendum"]
        assert [n.id for n in practice.search_notes("frozen worry")] == [note.id]
    assert practice.check().ok
    practice.close()

    # Unlocking migrated the copy to the current schema; the recovery key still opens it.
    practice = Practice.open(vault)
    practice.unlock_with_recovery_key((work / "recovery-key.txt").read_text())
    assert practice.patient_count() == 2
    practice.close()
    practice = Practice.open(vault)
    practice.unlock("nurse1", "frozen nurse password")
    assert practice.user.role.value == "nurse"
    practice.close()
