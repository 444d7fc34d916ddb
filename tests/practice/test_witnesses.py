"""Going back in time: an older practice file put back with its own key file is genuine in
every signature, so only witnesses see it: this computer's memory and a later backup."""

from __future__ import annotations

import shutil
from pathlib import Path

from practice_desk.practice import Practice
from practice_desk.practice.backups import restore_backup
from practice_desk.vault.keyslots import sidecar_path
from tests.helpers import PASSWORD, patient_data


def _copy_pair(vault: Path, to: Path) -> None:
    to.mkdir(exist_ok=True)
    for part in (vault, sidecar_path(vault)):
        shutil.copy2(part, to / part.name)


def _put_back(saved: Path, vault: Path) -> None:
    for part in (vault, sidecar_path(vault)):
        shutil.copy2(saved / part.name, part)
    for suffix in ("-wal", "-shm"):
        vault.with_name(vault.name + suffix).unlink(missing_ok=True)


def _open(vault: Path) -> Practice:
    practice = Practice.open(vault)
    practice.unlock("drsmith", PASSWORD)
    return practice


def test_an_older_copy_put_back_is_noticed_by_this_computer(
    practice: Practice, vault_path: Path, tmp_path: Path
) -> None:
    practice.add_patient(patient_data())
    practice.close()
    _copy_pair(vault_path, tmp_path / "older")
    later = _open(vault_path)
    later.add_patient(patient_data(given_name="Bea"))
    later.close()

    _put_back(tmp_path / "older", vault_path)
    rolled = _open(vault_path)

    [warning] = rolled.integrity_warnings
    assert "went back in time" in warning and "no longer has" in warning
    assert not rolled.check().ok
    assert "witness.went_back" in [e.action for e in rolled.audit_events(limit=5)]
    rolled.close()


def test_the_same_practice_opened_again_is_quiet(practice: Practice, vault_path: Path) -> None:
    practice.add_patient(patient_data())
    practice.close()
    again = _open(vault_path)
    assert again.integrity_warnings == []
    again.close()


def test_a_restore_is_going_back_on_purpose(
    practice: Practice, vault_path: Path, tmp_path: Path
) -> None:
    (tmp_path / "usb").mkdir()
    report = practice.backup_to(tmp_path / "usb")
    practice.add_patient(patient_data())
    practice.close()
    restore_backup(report.path, vault_path, username="drsmith", password=PASSWORD)
    restored = _open(vault_path)
    assert restored.integrity_warnings == [] and restored.patient_count() == 0
    restored.close()


def test_check_against_a_backup_confirms_the_practice_continues_it(
    practice: Practice, vault_path: Path, tmp_path: Path
) -> None:
    practice.add_patient(patient_data())
    practice.close()
    _copy_pair(vault_path, tmp_path / "older")
    practice = _open(vault_path)
    (tmp_path / "usb").mkdir()
    report = practice.backup_to(tmp_path / "usb")
    practice.add_patient(patient_data(given_name="Bea"))
    assert practice.check_against_backup(report.path, username="drsmith", password=PASSWORD) == []
    practice.close()

    # Someone on another computer puts the older copy back: this computer's memory is not
    # there, but the backup made since still tells.
    _put_back(tmp_path / "older", vault_path)
    from practice_desk.practice import witness

    witness.forget(practice.vault_id)
    rolled = _open(vault_path)
    assert rolled.integrity_warnings == []
    [problem] = rolled.check_against_backup(report.path, username="drsmith", password=PASSWORD)
    assert f"does not continue {report.path.name}" in problem and "rolled back" in problem
    rolled.close()
