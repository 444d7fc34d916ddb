"""Changes that fail halfway leave a consistent practice: no half-made files, no stray keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from practice_desk.domain.errors import StorageError, UnknownUser, VaultTooNew, WrongRecoveryKey
from practice_desk.practice import Practice
from practice_desk.vault import keys, users_repo
from practice_desk.vault import vault as vault_module
from practice_desk.vault.keyslots import sidecar_path
from practice_desk.vault.store import Users
from tests.helpers import NURSE_PASSWORD, PASSWORD


def _all_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("fail_at", [1, 2])
def test_create_that_fails_while_placing_files_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    real_place = vault_module._place
    calls = []

    def flaky_place(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == fail_at:
            raise OSError(28, "No space left on device")
        real_place(source, target)

    monkeypatch.setattr(vault_module, "_place", flaky_place)
    with pytest.raises(OSError, match="No space"):
        Practice.create(tmp_path / "new.pdvault", "drsmith", PASSWORD)
    assert _all_files(tmp_path) == []  # dotfiles included: no temporary leftovers


def test_create_that_fails_in_the_database_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_add(*args: object, **kwargs: object) -> None:
        raise StorageError("disk I/O error")

    monkeypatch.setattr(users_repo, "add", broken_add)
    with pytest.raises(StorageError):
        Practice.create(tmp_path / "new.pdvault", "drsmith", PASSWORD)
    assert _all_files(tmp_path) == []


def test_lone_key_file_is_explained_at_create(tmp_path: Path) -> None:
    sidecar_path(tmp_path / "x.pdvault").write_text("{}")
    with pytest.raises(Exception, match="interrupted setup"):
        Practice.create(tmp_path / "x.pdvault", "drsmith", PASSWORD)


def test_user_add_that_fails_leaves_no_working_key(
    practice: Practice, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_add(*args: object, **kwargs: object) -> None:
        raise StorageError("database or disk is full")

    monkeypatch.setattr(Users, "add", broken_add)
    with pytest.raises(StorageError):
        practice.add_user("nurse1", "Nurse One", "nurse", NURSE_PASSWORD)
    monkeypatch.undo()
    assert "nurse1" not in sidecar_path(vault_path).read_text()
    practice.close()
    again = Practice.open(vault_path)
    with pytest.raises(UnknownUser):
        again.unlock("nurse1", NURSE_PASSWORD)
    again.close()


def test_key_slot_left_without_its_user_is_removed_at_unlock(
    practice: Practice, vault_path: Path
) -> None:
    # As if the program died after saving the key file but before the user row committed.
    practice._vault.keyslots.set_password(
        "orphan-slot", "ghost", "ghost password 123", practice._vault.data_key
    )
    practice._vault.save_keyslots()
    practice.close()
    again = Practice.open(vault_path)
    assert "ghost" in again.usernames()
    again.unlock("drsmith", PASSWORD)
    assert "ghost" not in again.usernames()
    assert "ghost" not in sidecar_path(vault_path).read_text()
    again.close()


def test_user_removal_that_fails_still_locks_the_user_out(
    with_nurse: Practice, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_deactivate(*args: object, **kwargs: object) -> None:
        raise StorageError("disk I/O error")

    monkeypatch.setattr(Users, "deactivate", broken_deactivate)
    with pytest.raises(StorageError):
        with_nurse.remove_user("nurse1")
    monkeypatch.undo()
    with_nurse.close()
    again = Practice.open(vault_path)
    with pytest.raises(UnknownUser):
        again.unlock("nurse1", NURSE_PASSWORD)
    again.unlock("drsmith", PASSWORD)
    again.remove_user("nurse1")  # finishing the job works
    assert [u.username for u in again.users()] == ["drsmith"]
    again.close()


def test_failed_recovery_key_attempts_are_counted(
    created: tuple[Practice, str], vault_path: Path
) -> None:
    practice, recovery_key = created
    practice.close()
    again = Practice.open(vault_path)
    for _ in range(2):
        with pytest.raises(WrongRecoveryKey):
            again.unlock_with_recovery_key(keys.new_recovery_key())
    again.unlock_with_recovery_key(recovery_key)
    assert [f.username for f in again.failed_attempts] == ["(recovery key)", "(recovery key)"]
    again.close()


def test_text_typed_as_user_name_is_not_kept(practice: Practice, vault_path: Path) -> None:
    practice.close()
    again = Practice.open(vault_path)
    with pytest.raises(UnknownUser):
        again.unlock(PASSWORD, PASSWORD)  # password typed into the user box
    assert PASSWORD not in sidecar_path(vault_path).read_text()
    again.unlock("drsmith", PASSWORD)
    assert [f.username for f in again.failed_attempts] == ["(unknown user)"]
    again.close()


def test_key_file_from_a_newer_version_is_refused(practice: Practice, vault_path: Path) -> None:
    practice.close()
    data = json.loads(sidecar_path(vault_path).read_text())
    data["version"] = 99
    sidecar_path(vault_path).write_text(json.dumps(data))
    with pytest.raises(VaultTooNew):
        Practice.open(vault_path)


def test_impossible_kdf_settings_are_reported_as_damage(
    practice: Practice, vault_path: Path
) -> None:
    practice.close()
    data = json.loads(sidecar_path(vault_path).read_text())
    data["slots"][0]["kdf"]["memory_kib"] = 0
    sidecar_path(vault_path).write_text(json.dumps(data))
    with pytest.raises(Exception, match="damaged"):
        Practice.open(vault_path)


def test_database_is_opened_with_full_synchronous_writes(practice: Practice) -> None:
    conn = practice._vault.conn
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
