from __future__ import annotations

from pathlib import Path

import pytest

from practice_desk.practice import Practice
from practice_desk.vault import db
from tests.helpers import PASSWORD, patient_data


def _raw(practice: Practice):  # type: ignore[no-untyped-def]
    """The open connection, as an attacker with the data key would use it."""
    return practice._vault.conn


def test_intact_vault_checks_clean(practice: Practice) -> None:
    for n in range(5):
        practice.add_patient(patient_data(given_name=f"Ada{n}"))
    report = practice.check()
    assert report.ok, report.problems


def test_altered_audit_row_is_reported_with_its_number(
    practice: Practice, vault_path: Path
) -> None:
    for n in range(5):
        practice.add_patient(patient_data(given_name=f"Ada{n}"))
    conn = _raw(practice)
    with db.transaction(conn):
        conn.execute("DROP TRIGGER audit_is_append_only_update")
        conn.execute("UPDATE audit SET username = 'nurse1' WHERE seq = 3")
    report = practice.check()
    assert not report.ok
    assert any("audit event 3" in p and "altered" in p for p in report.problems)


def test_deleted_audit_row_is_reported(practice: Practice) -> None:
    for n in range(5):
        practice.add_patient(patient_data(given_name=f"Ada{n}"))
    conn = _raw(practice)
    with db.transaction(conn):
        conn.execute("DROP TRIGGER audit_is_append_only_delete")
        conn.execute("DELETE FROM audit WHERE seq = 2")
    report = practice.check()
    assert any("audit event 2 is missing" in p for p in report.problems)


def test_audit_rows_cannot_be_changed_through_sql(practice: Practice) -> None:
    conn = _raw(practice)
    with pytest.raises(db.IntegrityError, match="cannot be changed"):
        conn.execute("UPDATE audit SET action = 'x' WHERE seq = 1")
    with pytest.raises(db.IntegrityError, match="cannot be deleted"):
        conn.execute("DELETE FROM audit")


def test_lock_and_unlock_are_audited(practice: Practice) -> None:
    practice.lock()
    practice.unlock("drsmith", PASSWORD)
    actions = [e.action for e in practice.audit_events()]
    assert actions[:3] == ["unlock", "audit.sealed", "lock"]


def test_deleting_the_newest_events_is_caught(practice: Practice, vault_path: Path) -> None:
    for n in range(5):
        practice.add_patient(patient_data(given_name=f"Ada{n}"))
    practice.lock()  # the key file records how far the trail reached
    practice.unlock("drsmith", PASSWORD)
    conn = _raw(practice)
    last = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    with db.transaction(conn):
        conn.execute("DROP TRIGGER audit_is_append_only_delete")
        conn.execute("DELETE FROM audit WHERE seq > ?", (last - 4,))
    report = practice.check()
    assert any("events deleted" in p for p in report.problems), report.problems


def test_an_older_copy_of_the_practice_file_is_caught(practice: Practice, vault_path: Path) -> None:
    practice.close()
    older = vault_path.read_bytes()
    again = Practice.open(vault_path)
    again.unlock("drsmith", PASSWORD)
    again.add_patient(patient_data())
    again.close()
    vault_path.write_bytes(older)  # swap in the earlier database, keep the newer key file
    rolled = Practice.open(vault_path)
    rolled.unlock("drsmith", PASSWORD)
    report = rolled.check()
    assert any("older copy" in p for p in report.problems), report.problems
    rolled.close()
