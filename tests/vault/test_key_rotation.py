"""Replacing the data key: removing a user, a reset whose old password may be known, a new
recovery key. What was revoked must stop working; everyone else must still get in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlcipher3

from practice_desk.domain.errors import UnknownUser, WrongPassword, WrongRecoveryKey
from practice_desk.practice import Practice
from practice_desk.vault import backup as backup_files
from practice_desk.vault.keyslots import KeySlots, sidecar_path
from tests.helpers import NURSE_PASSWORD, PASSWORD, patient_data

NEW_NURSE_PASSWORD = "kettle lantern orchard 42"


def _opens_with(vault: Path, raw_key: str) -> bool:
    """Does this raw key (as export-key prints it) open the practice file?"""
    conn = sqlcipher3.connect(str(vault))
    try:
        conn.execute(f'PRAGMA key = "{raw_key}"')
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()
    return True


def _reopen(vault: Path, user: str, password: str) -> Practice:
    practice = Practice.open(vault)
    try:
        practice.unlock(user, password)
    except BaseException:
        practice.close()
        raise
    return practice


def test_removing_a_user_revokes_their_old_key_file_copy(
    with_nurse: Practice, vault_path: Path, tmp_path: Path
) -> None:
    practice = with_nurse
    practice.add_patient(patient_data())
    # What the nurse takes home before she leaves: the key file, and her password.
    kept = tmp_path / "kept.keys"
    shutil.copy(sidecar_path(vault_path), kept)
    old_key = practice.export_data_key()
    chain_key = practice._vault.audit_key

    rotation = practice.remove_user("nurse1")

    assert rotation.needs_reset == [] and rotation.recovery_key is None
    assert not _opens_with(vault_path, old_key)
    assert _opens_with(vault_path, practice.export_data_key())
    # Her copy still opens with her password, but what it opens is the old key.
    opened = KeySlots.load(kept).open_with_password("nurse1", NURSE_PASSWORD)
    assert f"x'{opened.data_key.hex()}'" == old_key
    # Job keys (the audit chain, prescription codes) live on, so history still verifies.
    assert practice._vault.audit_key == chain_key
    assert practice.check().ok
    [event] = [e for e in practice.audit_events() if e.action == "key.rotated"]
    assert event.detail["reason"] == "user removed" and event.detail["username"] == "nurse1"
    assert event.detail["generation"] == 2
    practice.close()

    again = _reopen(vault_path, "drsmith", PASSWORD)
    assert again.patient_count() == 1 and again.check().ok
    again.close()
    with pytest.raises(UnknownUser):
        _reopen(vault_path, "nurse1", NURSE_PASSWORD)


def test_every_remaining_slot_gets_the_new_key(
    created: tuple[Practice, str], vault_path: Path
) -> None:
    practice, recovery = created
    practice.add_user("nurse1", "Nurse One", "nurse", NURSE_PASSWORD)
    practice.add_user("nurse2", "Nurse Two", "nurse", NEW_NURSE_PASSWORD)
    practice.remove_user("nurse2")
    practice.close()
    for user, password in [("drsmith", PASSWORD), ("nurse1", NURSE_PASSWORD)]:
        _reopen(vault_path, user, password).close()
    rescued = Practice.open(vault_path)
    rescued.unlock_with_recovery_key(recovery)
    assert rescued.check().ok
    rescued.close()


def test_a_reset_rotates_only_when_the_old_password_may_be_known(
    with_nurse: Practice, vault_path: Path
) -> None:
    practice = with_nurse
    before = practice.export_data_key()
    assert practice.reset_password("nurse1", NEW_NURSE_PASSWORD) is None
    assert practice.export_data_key() == before
    rotation = practice.reset_password("nurse1", "quince marble harbour 8", old_may_be_known=True)
    assert rotation is not None and rotation.needs_reset == []
    assert practice.export_data_key() != before
    assert not _opens_with(vault_path, before)
    practice.close()
    _reopen(vault_path, "nurse1", "quince marble harbour 8").close()


def test_a_new_recovery_key_replaces_the_old_one(
    created: tuple[Practice, str], vault_path: Path, tmp_path: Path
) -> None:
    practice, old_recovery = created
    kept = tmp_path / "kept.keys"
    shutil.copy(sidecar_path(vault_path), kept)

    rotation = practice.new_recovery_key()

    assert rotation.recovery_key and rotation.recovery_key != old_recovery
    practice.recovery_sheet_pdf(rotation.recovery_key)  # the new key is this practice's
    with pytest.raises(WrongRecoveryKey):
        practice.recovery_sheet_pdf(old_recovery)
    # The old key file copy with the old recovery key yields only the old data key.
    old_key = KeySlots.load(kept).open_with_recovery_key(old_recovery).data_key
    assert not _opens_with(vault_path, f"x'{old_key.hex()}'")
    practice.close()

    locked = Practice.open(vault_path)
    with pytest.raises(WrongRecoveryKey):
        locked.unlock_with_recovery_key(old_recovery)
    locked.unlock_with_recovery_key(rotation.recovery_key)
    assert locked.check().ok
    locked.close()


def test_a_backup_made_before_rotation_still_opens_with_its_own_slots(
    with_nurse: Practice, tmp_path: Path
) -> None:
    practice = with_nurse
    practice.add_patient(patient_data())
    (tmp_path / "usb").mkdir()
    report = practice.backup_to(tmp_path / "usb")
    practice.remove_user("nurse1")
    # Rotation does not reach copies made before it: the removed nurse still opens this one.
    verified = backup_files.verify_backup_file(
        report.path,
        data_key=backup_files.unlock_backup(
            report.path, username="nurse1", password=NURSE_PASSWORD
        )[1],
    )
    assert verified.row_counts["patients"] == 1


def test_nurses_cannot_rotate_or_make_recovery_keys(with_nurse: Practice, vault_path: Path) -> None:
    from practice_desk.domain.errors import NotPermitted

    with_nurse.close()
    nurse = _reopen(vault_path, "nurse1", NURSE_PASSWORD)
    generation = nurse._vault.keyslots.generation
    with pytest.raises(NotPermitted):
        nurse.rotate_data_key()
    with pytest.raises(NotPermitted):
        nurse.new_recovery_key()
    assert nurse._vault.keyslots.generation == generation
    nurse.close()


# --- the key file's seal --------------------------------------------------------------------


def _edit_key_file(vault: Path, change: dict[str, object]) -> None:
    path = sidecar_path(vault)
    data = json.loads(path.read_text())
    data.update(change)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "change",
    [{"audit_head": None}, {"generation": 7}, {"mac": None}],
    ids=["audit head removed", "generation edited", "seal removed"],
)
def test_an_edit_without_a_password_is_reported_at_unlock_and_by_check(
    practice: Practice, vault_path: Path, change: dict[str, object]
) -> None:
    practice.add_patient(patient_data())
    practice.close()
    _edit_key_file(vault_path, change)

    reopened = _reopen(vault_path, "drsmith", PASSWORD)

    [warning] = reopened.integrity_warnings
    assert "changed outside Practice Desk" in warning or "lost its seal" in warning
    report = reopened.check()
    assert not report.ok and warning in report.problems
    events = [e for e in reopened.audit_events() if e.action == "keyfile.changed_outside"]
    assert events and events[0].detail["found"] == warning
    assert reopened.patient_count() == 1  # the practice itself still opens
    reopened.close()
    # Recorded in the audit trail and sealed afresh: the next unlock is quiet.
    quiet = _reopen(vault_path, "drsmith", PASSWORD)
    assert quiet.integrity_warnings == [] and quiet.check().ok
    quiet.close()


def test_an_untouched_key_file_passes(practice: Practice, vault_path: Path) -> None:
    practice.close()
    again = _reopen(vault_path, "drsmith", PASSWORD)
    assert again.integrity_warnings == [] and again.check().ok
    again.close()


def test_a_slot_swapped_in_from_another_practice_is_refused(
    practice: Practice, vault_path: Path, tmp_path: Path
) -> None:
    other, _ = Practice.create(tmp_path / "other.pdvault", "drsmith", PASSWORD, "Dr Other")
    other.close()
    practice.close()
    ours = json.loads(sidecar_path(vault_path).read_text())
    theirs = json.loads(sidecar_path(tmp_path / "other.pdvault").read_text())
    ours["slots"] = [
        s if s["username"] != "drsmith" else next(t for t in theirs["slots"] if t["username"])
        for s in ours["slots"]
    ]
    sidecar_path(vault_path).write_text(json.dumps(ours))
    locked = Practice.open(vault_path)
    # Its keys are bound to the other practice's id: nothing in it opens this practice.
    with pytest.raises(WrongPassword):
        locked.unlock("drsmith", PASSWORD)
    locked.close()


# --- key files from before version 2 ----------------------------------------------------------

FROZEN_V1 = Path(__file__).resolve().parents[1] / "fixtures" / "vault-sidecar1-schema5"


def test_a_version_1_key_file_is_upgraded_slot_by_slot_and_rotation_says_who_is_left_out(
    tmp_path: Path,
) -> None:
    work = tmp_path / "frozen"
    shutil.copytree(FROZEN_V1, work)
    vault = work / "frozen.pdvault"
    old_recovery = (work / "recovery-key.txt").read_text()

    practice = _reopen(vault, "drfrozen", "frozen fixture password")
    slots = KeySlots.load(sidecar_path(vault))
    # The slot used to unlock now has keys; the file is sealed and version 2.
    assert slots.version == 2 and slots.mac is not None
    assert not slots.password_slot("drfrozen").legacy  # type: ignore[union-attr]
    assert slots.password_slot("nurse1").legacy  # type: ignore[union-attr]
    assert practice.integrity_warnings == [] and practice.check().ok

    rotation = practice.rotate_data_key()

    # The nurse's old slot cannot be given the new key without her password; the old
    # recovery slot cannot either, so the practice gets a new recovery key at once.
    assert rotation.needs_reset == ["nurse1"]
    assert rotation.recovery_key is not None
    practice.reset_password("nurse1", NEW_NURSE_PASSWORD)
    practice.close()
    _reopen(vault, "nurse1", NEW_NURSE_PASSWORD).close()
    locked = Practice.open(vault)
    with pytest.raises(WrongRecoveryKey):
        locked.unlock_with_recovery_key(old_recovery)
    locked.unlock_with_recovery_key(rotation.recovery_key)
    assert locked.check().ok and locked.patient_count() == 2
    locked.close()
