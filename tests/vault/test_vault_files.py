"""The practice file on disk: encryption, key slots, damage, locking."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from practice_desk.domain.errors import (
    NotPermitted,
    VaultDamaged,
    VaultExists,
    VaultInUse,
    VaultTooNew,
    WrongPassword,
    WrongRecoveryKey,
)
from practice_desk.practice import Practice
from practice_desk.vault import db
from practice_desk.vault.keyslots import sidecar_path
from tests.helpers import NURSE_PASSWORD, PASSWORD, patient_data

PAGE = 4096


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pages(path: Path) -> list[bytes]:
    data = path.read_bytes()
    return [data[i : i + PAGE] for i in range(0, len(data), PAGE)]


def test_database_is_encrypted_on_disk(practice: Practice, vault_path: Path) -> None:
    practice.add_patient(patient_data())
    practice.close()
    assert vault_path.read_bytes()[:16] != db.PLAINTEXT_HEADER
    import sqlite3

    plain = sqlite3.connect(vault_path)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()


def test_wrong_password_is_refused_and_changes_nothing(
    practice: Practice, vault_path: Path
) -> None:
    patient = practice.add_patient(patient_data())
    practice.close()
    before = _sha(vault_path)
    reopened = Practice.open(vault_path)
    with pytest.raises(WrongPassword):
        reopened.unlock("drsmith", "not the password")
    assert not reopened.is_unlocked
    assert _sha(vault_path) == before
    reopened.unlock("drsmith", PASSWORD)
    assert reopened.get_patient(patient.id).details.family_name == "Quillwhistle"
    assert [f.username for f in reopened.failed_attempts] == ["drsmith"]
    actions = [e.action for e in reopened.audit_events()]
    assert actions[:3] == ["chart.read", "unlock", "unlock.failed"]
    reopened.close()
    # Shown once: the next unlock starts from zero.
    again = Practice.open(vault_path)
    again.unlock("drsmith", PASSWORD)
    assert again.failed_attempts == []
    again.close()


def test_recovery_key_opens_and_allows_a_password_reset(
    created: tuple[Practice, str], vault_path: Path
) -> None:
    practice, recovery_key = created
    practice.add_patient(patient_data())
    practice.close()
    rescue = Practice.open(vault_path)
    rescue.unlock_with_recovery_key(recovery_key)
    assert rescue.unlocked_with_recovery_key
    assert rescue.patient_count() == 1
    rescue.reset_password("drsmith", "a brand new password")
    rescue.close()
    later = Practice.open(vault_path)
    with pytest.raises(WrongPassword):
        later.unlock("drsmith", PASSWORD)
    later.unlock("drsmith", "a brand new password")
    assert "unlock.recovery_key" in [e.action for e in later.audit_events()]
    later.close()


def test_wrong_recovery_key_is_refused(created: tuple[Practice, str], vault_path: Path) -> None:
    practice, _recovery_key = created
    practice.close()
    other = Practice.open(vault_path)
    from practice_desk.vault.keys import new_recovery_key

    with pytest.raises(WrongRecoveryKey, match="does not open this practice"):
        other.unlock_with_recovery_key(new_recovery_key())
    other.close()


def test_password_change_rewraps_one_slot_and_never_reencrypts(
    with_nurse: Practice, vault_path: Path
) -> None:
    practice = with_nurse
    for n in range(150):
        practice.add_patient(patient_data(given_name=f"Ada{n}", notes="x" * 500))
    practice.close()
    sidecar = json.loads(sidecar_path(vault_path).read_text())
    pages_before = _pages(vault_path)

    practice = Practice.open(vault_path)
    practice.unlock("drsmith", PASSWORD)
    practice.change_password(PASSWORD, "my new long password")
    practice.close()

    pages_after = _pages(vault_path)
    # The salt (first 16 bytes) is unchanged and only the pages the audit event touched
    # differ: a rekey would rewrite every page with fresh IVs.
    assert pages_after[0][:16] == pages_before[0][:16]
    changed = sum(1 for a, b in zip(pages_before, pages_after, strict=False) if a != b)
    assert len(pages_before) > 40
    assert changed <= 6, f"{changed} of {len(pages_before)} pages changed"
    after = json.loads(sidecar_path(vault_path).read_text())
    slots_before = {s["slot_id"]: s for s in sidecar["slots"]}
    slots_after = {s["slot_id"]: s for s in after["slots"]}
    assert slots_before.keys() == slots_after.keys()
    differing = [k for k in slots_before if slots_before[k] != slots_after[k]]
    assert len(differing) == 1 and slots_after[differing[0]]["username"] == "drsmith"

    practice = Practice.open(vault_path)
    practice.unlock("drsmith", "my new long password")
    practice.close()
    practice = Practice.open(vault_path)
    practice.unlock("nurse1", NURSE_PASSWORD)  # other slots untouched
    practice.close()


def test_nurse_cannot_administer_users_or_read_the_audit_trail(
    with_nurse: Practice, vault_path: Path
) -> None:
    with_nurse.close()
    nurse = Practice.open(vault_path)
    nurse.unlock("nurse1", NURSE_PASSWORD)
    with pytest.raises(NotPermitted, match="nurse cannot add, remove or reset users"):
        nurse.add_user("other", "Other", "nurse", "another password 1")
    with pytest.raises(NotPermitted):
        nurse.reset_password("drsmith", "taking over now")
    with pytest.raises(NotPermitted, match="read the audit trail"):
        nurse.audit_events()
    nurse.change_password(NURSE_PASSWORD, "nurse changes own pw")  # everyone may do this
    assert [u.username for u in nurse.users()] == ["drsmith", "nurse1"]
    nurse.close()


def test_second_instance_is_refused_in_words(practice: Practice, vault_path: Path) -> None:
    with pytest.raises(VaultInUse, match="already open"):
        Practice.open(vault_path)
    practice.close()
    Practice.open(vault_path).close()  # free again once the first has closed


def test_init_refuses_an_existing_path(practice: Practice, vault_path: Path) -> None:
    with pytest.raises(VaultExists):
        Practice.create(vault_path, "someone", "another password 1")


def test_failed_create_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "x.pdvault"
    with pytest.raises(Exception, match="does not exist"):
        Practice.create(target, "drsmith", PASSWORD)
    from practice_desk.domain.errors import ValidationError

    with pytest.raises(ValidationError):
        Practice.create(tmp_path / "y.pdvault", "drsmith", "short")
    assert (
        list(tmp_path.iterdir()) == [tmp_path / "missing-folder"] or list(tmp_path.iterdir()) == []
    )


def test_truncated_vault_gives_a_clear_error(practice: Practice, vault_path: Path) -> None:
    for n in range(100):
        practice.add_patient(patient_data(given_name=f"Ada{n}", notes="y" * 400))
    practice.close()
    data = vault_path.read_bytes()
    vault_path.write_bytes(data[: len(data) // 2])
    reopened = Practice.open(vault_path)
    with pytest.raises(VaultDamaged, match="damaged"):
        reopened.unlock("drsmith", PASSWORD)
    reopened.close()


def test_corrupt_first_page_gives_a_clear_error(practice: Practice, vault_path: Path) -> None:
    practice.close()
    data = bytearray(vault_path.read_bytes())
    data[100:140] = b"\x00" * 40
    vault_path.write_bytes(bytes(data))
    reopened = Practice.open(vault_path)
    with pytest.raises(VaultDamaged, match="password was accepted"):
        reopened.unlock("drsmith", PASSWORD)
    reopened.close()


def test_corrupt_later_page_is_found_by_check(practice: Practice, vault_path: Path) -> None:
    for n in range(100):
        practice.add_patient(patient_data(given_name=f"Ada{n}", notes="z" * 400))
    practice.close()
    data = bytearray(vault_path.read_bytes())
    middle = (len(data) // PAGE // 2) * PAGE + 200
    data[middle : middle + 16] = bytes(16)
    vault_path.write_bytes(bytes(data))
    reopened = Practice.open(vault_path)
    try:
        reopened.unlock("drsmith", PASSWORD)
    except VaultDamaged:
        pass  # also acceptable: refused at unlock with words
    else:
        report = reopened.check()
        assert not report.ok
        assert any("HMAC" in p or "damaged" in p or "malformed" in p for p in report.problems)
    reopened.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "{not json",
        lambda text: text.replace('"kind": "password"', '"kind": "magic"'),
        lambda text: "",
    ],
)
def test_damaged_key_file_gives_a_clear_error(practice: Practice, vault_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    practice.close()
    keys_file = sidecar_path(vault_path)
    keys_file.write_text(damage(keys_file.read_text()))
    with pytest.raises(VaultDamaged, match=r"key file .* is damaged"):
        Practice.open(vault_path)


def test_missing_key_file_is_explained(practice: Practice, vault_path: Path) -> None:
    practice.close()
    sidecar_path(vault_path).unlink()
    with pytest.raises(VaultDamaged, match="missing"):
        Practice.open(vault_path)


def test_tampered_slot_is_refused_as_wrong_password(practice: Practice, vault_path: Path) -> None:
    practice.close()
    keys_file = sidecar_path(vault_path)
    data = json.loads(keys_file.read_text())
    slot = next(s for s in data["slots"] if s["kind"] == "password")
    wrapped = bytearray(__import__("base64").b64decode(slot["wrapped"]))
    wrapped[0] ^= 1
    slot["wrapped"] = __import__("base64").b64encode(bytes(wrapped)).decode()
    keys_file.write_text(json.dumps(data))
    reopened = Practice.open(vault_path)
    with pytest.raises(WrongPassword):
        reopened.unlock("drsmith", PASSWORD)
    reopened.close()


def test_vault_newer_than_the_app_is_refused(practice: Practice, vault_path: Path) -> None:
    practice._vault.conn.execute("PRAGMA user_version = 99")
    practice.close()
    reopened = Practice.open(vault_path)
    with pytest.raises(VaultTooNew, match="newer version of Practice Desk"):
        reopened.unlock("drsmith", PASSWORD)
    reopened.close()


def test_plain_sqlite_file_is_not_opened(
    tmp_path: Path, practice: Practice, vault_path: Path
) -> None:
    import sqlite3

    practice.close()
    plain_path = tmp_path / "plain.pdvault"
    plain = sqlite3.connect(plain_path)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    sidecar_path(plain_path).write_bytes(sidecar_path(vault_path).read_bytes())
    other = Practice.open(plain_path)
    with pytest.raises(VaultDamaged, match="unencrypted"):
        other.unlock("drsmith", PASSWORD)
    other.close()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("time_cost", 1000, "1000 passes"),
        ("memory_kib", 4 * 1024 * 1024, "KiB of memory"),
        ("parallelism", 64, "64 lanes"),
    ],
)
def test_a_key_file_asking_for_hours_of_key_stretching_is_refused_at_once(
    practice: Practice, vault_path: Path, field: str, value: int, words: str
) -> None:
    """A planted slot with Argon2 settings no Practice Desk ever writes is refused before
    anything is derived (in well under a second), and the practice file is untouched."""
    import time

    practice.close()
    keys_file = sidecar_path(vault_path)
    data = json.loads(keys_file.read_text())
    slot = next(s for s in data["slots"] if s["kind"] == "password")
    slot["kdf"][field] = value
    keys_file.write_text(json.dumps(data))
    before = vault_path.read_bytes()
    started = time.perf_counter()
    with pytest.raises(VaultDamaged, match=words):
        Practice.open(vault_path)
    assert time.perf_counter() - started < 2.0  # no derivation ran (hours at 1000 passes)
    assert vault_path.read_bytes() == before


def test_the_app_never_writes_settings_it_would_refuse() -> None:
    from practice_desk.vault import keys
    from practice_desk.vault.keyslots import KdfSpec, excessive_kdf

    spec = KdfSpec.from_argon2(
        keys.Argon2Params.fresh(keys.MAX_TIME_COST, keys.MAX_MEMORY_KIB, keys.MAX_PARALLELISM)
    )
    assert excessive_kdf(json.loads(spec.model_dump_json())) == ""
    assert excessive_kdf({"slots": [{"kdf": {"name": "argon2id", "time_cost": 41}}]})


def test_after_five_wrong_passwords_the_next_try_waits(
    practice: Practice, vault_path: Path
) -> None:
    """Guessing stays slow: after five wrong tries in a row even the right password waits
    (30 s, doubling); the recovery key is never held back; a success clears the count."""
    from datetime import UTC, datetime, timedelta

    from practice_desk.domain.errors import TooManyAttempts

    practice.close()
    reopened = Practice.open(vault_path)
    for _ in range(5):
        with pytest.raises(WrongPassword):
            reopened.unlock("drsmith", "not the password")
    with pytest.raises(TooManyAttempts, match=r"5 wrong tries in a row: wait (2\d|30) seconds"):
        reopened.unlock("drsmith", PASSWORD)
    reopened.close()

    def age_failures(seconds: int) -> None:
        keys_file = sidecar_path(vault_path)
        data = json.loads(keys_file.read_text())
        past = datetime.now(UTC) - timedelta(seconds=seconds)
        for failure in data["failed_unlocks"]:
            failure["at"] = past.isoformat()
        keys_file.write_text(json.dumps(data))

    age_failures(25)  # still inside the 30 s wait
    with Practice.open(vault_path) as waiting, pytest.raises(TooManyAttempts):
        waiting.unlock("drsmith", PASSWORD)
    age_failures(31)  # the wait is over
    with Practice.open(vault_path) as later:
        with pytest.raises(WrongPassword):
            later.unlock("drsmith", "still not it")  # the sixth: now 60 s
        with pytest.raises(TooManyAttempts, match=r"wait (5\d|60) seconds"):
            later.unlock("drsmith", PASSWORD)
    age_failures(61)
    with Practice.open(vault_path) as opened:
        opened.unlock("drsmith", PASSWORD)
        assert [f.username for f in opened.failed_attempts] == ["drsmith"] * 6
    with Practice.open(vault_path) as fresh:  # the success cleared the count
        with pytest.raises(WrongPassword):
            fresh.unlock("drsmith", "not the password")
        fresh.unlock("drsmith", PASSWORD)
