"""Backups with real files and real faults: full drive, pulled drive, damage, crashes."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from practice_desk.domain.errors import VaultInUse, WrongPassword
from practice_desk.practice import Practice
from practice_desk.practice.backups import restore_backup, verify_backup
from practice_desk.vault import backup as backup_files
from practice_desk.vault.backup import BackupInvalid, BackupTargetFull, BackupTargetGone
from practice_desk.vault.db import connect
from tests.helpers import PASSWORD, patient_data


@pytest.fixture
def filled(practice: Practice) -> Practice:
    for n in range(60):
        practice.add_patient(patient_data(given_name=f"Ada{n}", notes="n" * 300))
    return practice


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _credentials() -> dict[str, str]:
    return {"username": "drsmith", "password": PASSWORD}


def test_backup_is_encrypted_complete_and_recorded(filled: Practice, usb: Path) -> None:
    report = filled.backup_to(usb)
    assert report.path.name.startswith("practice-") and report.path.suffix == ".pdbackup"
    assert report.row_counts["patients"] == 60
    data = report.path.read_bytes()
    assert b"SQLite format 3" not in data and b"Quillwhistle" not in data and b"Ada1" not in data
    assert [p.name for p in usb.iterdir()] == [report.path.name]  # no .partial left
    _when, where = filled.last_verified_backup()  # type: ignore[misc]
    assert where == str(usb) and not filled.backup_overdue()
    assert verify_backup(report.path, **_credentials()).row_counts == report.row_counts


def test_the_recovery_key_opens_a_backup(created: tuple[Practice, str], usb: Path) -> None:
    practice, recovery_key = created
    report = practice.backup_to(usb)
    assert verify_backup(report.path, recovery_key=recovery_key).vault_id == practice.vault_id
    with pytest.raises(WrongPassword):
        verify_backup(report.path, username="drsmith", password="not the password")


class _FailingFile:
    """A file that fails after a number of bytes, as a full or pulled USB drive does."""

    def __init__(self, path: Path, limit: int, code: int) -> None:
        self._file = path.open("xb")
        self._left, self._code = limit, code

    def write(self, data: bytes) -> int:
        if len(data) > self._left:
            self._file.write(data[: self._left])
            raise OSError(self._code, os.strerror(self._code))
        self._left -= len(data)
        return self._file.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()


@pytest.mark.parametrize(
    ("code", "error", "words"),
    [
        (errno.ENOSPC, BackupTargetFull, "drive is full"),
        (errno.EIO, BackupTargetGone, "may have been removed"),
    ],
)
def test_full_or_pulled_drive_leaves_nothing_and_changes_nothing(
    filled: Practice, usb: Path, vault_path: Path, code: int, error: type, words: str
) -> None:
    earlier = filled.backup_to(usb)
    earlier_bytes = earlier.path.read_bytes()
    vault_before = filled.patient_count()
    with pytest.raises(error, match=words):
        backup_files.create_backup(
            vault_path,
            filled._vault.data_key,
            filled._vault.keyslots,
            usb,
            opener=lambda p: _FailingFile(p, 100_000, code),
        )
    assert sorted(p.name for p in usb.iterdir()) == [earlier.path.name]  # no partial file
    assert earlier.path.read_bytes() == earlier_bytes
    assert filled.patient_count() == vault_before and filled.check().ok
    assert not list(vault_path.parent.glob(".pd-backup-*"))  # the local snapshot is gone too


def _no_checker_left() -> bool:
    return not [t for t in threading.enumerate() if t.name == "pd-backup-check"]


def _break_an_index(snapshot: Path, key: bytes) -> None:
    conn = connect(snapshot, key)  # every page stays validly encrypted: only
    conn.execute("PRAGMA writable_schema = ON")  # integrity_check can see this
    conn.execute(
        "UPDATE sqlite_master SET sql = replace(sql, '(given_key)', '(phone_rev)') "
        "WHERE name = 'patients_by_given'"
    )
    conn.close()


def _flip(snapshot: Path, position: int) -> None:
    data = bytearray(snapshot.read_bytes())
    data[position % len(data)] ^= 0x5A
    snapshot.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (_break_an_index, r"damaged: .*index"),  # integrity_check
        (lambda snapshot, _key: _flip(snapshot, -3000), "damaged"),  # cipher_integrity_check
        (lambda snapshot, _key: _flip(snapshot, 100), "cannot be read"),  # page 1: no decrypt
    ],
    ids=["broken index", "flipped last page", "flipped first page"],
)
def test_a_snapshot_failing_its_checks_is_never_put_in_place(
    filled: Practice,
    usb: Path,
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: Any,
    words: str,
) -> None:
    """The checks run on helper threads beside the write: their verdict still decides."""
    earlier = filled.backup_to(usb)
    made = backup_files._snapshot

    def damaged(
        source: Path, key: bytes, snapshot: Path, progress: Any
    ) -> tuple[dict[str, int], int]:
        found = made(source, key, snapshot, progress)
        damage(snapshot, key)
        return found

    monkeypatch.setattr(backup_files, "_snapshot", damaged)
    with pytest.raises(BackupInvalid, match=words):
        backup_files.create_backup(vault_path, filled._vault.data_key, filled._vault.keyslots, usb)
    assert sorted(p.name for p in usb.iterdir()) == [earlier.path.name]
    assert not list(vault_path.parent.glob(".pd-backup-*")) and _no_checker_left()


@pytest.mark.parametrize("at", [0.2, 0.7])
def test_cancelling_during_the_copy_or_the_write_leaves_nothing(
    filled: Practice, usb: Path, vault_path: Path, at: float
) -> None:
    class Cancelled(BaseException):
        pass

    seen: list[float] = []

    def progress(fraction: float) -> None:
        seen.append(fraction)
        if fraction >= at:
            raise Cancelled

    with pytest.raises(Cancelled):
        backup_files.create_backup(
            vault_path,
            filled._vault.data_key,
            filled._vault.keyslots,
            usb,
            progress=progress,
        )
    assert seen == sorted(seen)
    assert list(usb.iterdir()) == [] and not list(vault_path.parent.glob(".pd-backup-*"))
    assert _no_checker_left() and filled.check().ok


@pytest.mark.parametrize("where", ["header", "middle", "last page"])
def test_damaged_backups_fail_verify_and_restore_refuses(
    filled: Practice, usb: Path, tmp_path: Path, where: str
) -> None:
    report = filled.backup_to(usb)
    data = bytearray(report.path.read_bytes())
    _, offset = backup_files.read_header(report.path)
    position = {
        "header": 200,
        "middle": offset + (len(data) - offset) // 2,
        "last page": len(data) - 100,
    }[where]
    data[position] ^= 0x5A
    report.path.write_bytes(bytes(data))
    with pytest.raises(BackupInvalid, match=r"damaged|altered"):
        verify_backup(report.path, **_credentials())
    target = tmp_path / "restored.pdvault"
    with pytest.raises(BackupInvalid):
        restore_backup(report.path, target, **_credentials())
    assert not target.exists() and not list(tmp_path.glob(".restored*"))


def test_truncated_and_foreign_files_are_refused_in_words(
    filled: Practice, usb: Path, tmp_path: Path
) -> None:
    report = filled.backup_to(usb)
    report.path.write_bytes(report.path.read_bytes()[:-5000])
    with pytest.raises(BackupInvalid, match="incomplete"):
        verify_backup(report.path, **_credentials())
    other = tmp_path / "holiday.jpg"
    other.write_bytes(b"\xff\xd8\xff\xe0 not a backup at all")
    with pytest.raises(BackupInvalid, match="not a Practice Desk backup"):
        verify_backup(other, **_credentials())


def test_rotation_keeps_the_newest(filled: Practice, usb: Path) -> None:
    from datetime import UTC, datetime, timedelta

    made = []
    for day in range(4):
        made.append(
            backup_files.create_backup(
                filled._vault.path,
                filled._vault.data_key,
                filled._vault.keyslots,
                usb,
                now=datetime(2027, 1, 1, tzinfo=UTC) + timedelta(days=day),
            ).path
        )
    (usb / "notes.txt").write_text("someone else's file")
    removed = backup_files.rotate(usb, filled.vault_id, 2, made[-1])
    assert sorted(removed) == sorted(made[:2])
    assert sorted(p.name for p in usb.iterdir()) == sorted(
        [made[2].name, made[3].name, "notes.txt"]
    )


def test_restore_to_a_new_laptop_and_over_the_practice(
    filled: Practice, usb: Path, tmp_path: Path, vault_path: Path
) -> None:
    report = filled.backup_to(usb)
    filled.add_patient(patient_data(given_name="AfterBackup"))
    with pytest.raises(VaultInUse):
        restore_backup(report.path, vault_path, **_credentials())  # still open here
    filled.close()

    laptop = tmp_path / "new-laptop" / "clinic.pdvault"
    laptop.parent.mkdir()
    _restored, kept = restore_backup(report.path, laptop, **_credentials())
    assert kept is None
    with Practice.open(laptop) as fresh:
        fresh.unlock("drsmith", PASSWORD)
        assert fresh.patient_count() == 60 and fresh.check().ok

    _, kept = restore_backup(report.path, vault_path, **_credentials())
    assert kept is not None and kept.exists()
    with Practice.open(vault_path) as back:
        back.unlock("drsmith", PASSWORD)
        assert back.patient_count() == 60  # the patient added after the backup is not there
    with Practice.open(kept) as old:
        old.unlock("drsmith", PASSWORD)
        assert old.patient_count() == 61  # but the previous practice was kept whole


_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from practice_desk.vault.db import connect
    conn = connect(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]))
    print("ready", flush=True)
    n = 0
    while True:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (f"busy{n}", "x" * 2000))
        conn.execute("COMMIT")
        n += 1
        time.sleep(0.002)
""")


@pytest.mark.parametrize("step_pages", [None, 2], ids=["default steps", "2-page steps"])
def test_backup_while_another_writer_is_busy_is_a_consistent_snapshot(
    filled: Practice,
    usb: Path,
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    step_pages: int | None,
) -> None:
    if step_pages is not None:  # many steps, each while the writer commits: one snapshot
        monkeypatch.setattr(backup_files, "_STEP_PAGES", step_pages)
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(vault_path), filled._vault.data_key.hex()],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        reports = [filled.backup_to(usb, keep=10) for _ in range(3)]
    finally:
        writer.kill()
        writer.wait()
        if writer.stdout is not None:
            writer.stdout.close()
    for report in reports:
        verify_backup(report.path, **_credentials())  # integrity and counts as recorded


_RESTORER = textwrap.dedent("""
    import sys
    from practice_desk.practice.backups import restore_backup
    restore_backup(sys.argv[1], sys.argv[2], username="drsmith", password=sys.argv[3])
    print("done", flush=True)
""")


@pytest.mark.slow
def test_kill_during_restore_leaves_old_or_new_whole(
    filled: Practice, usb: Path, vault_path: Path
) -> None:
    report = filled.backup_to(usb)  # 60 patients
    for n in range(5):
        filled.add_patient(patient_data(given_name=f"Later{n}"))
    filled.close()  # the practice now has 65
    from practice_desk.practice import witness
    from practice_desk.vault.keyslots import KeySlots, sidecar_path

    old_db, old_keys = vault_path.read_bytes(), sidecar_path(vault_path).read_bytes()
    rng = random.Random(5)
    outcomes = set()
    whole: float | None = (
        None  # how long one restore takes on this machine, timed on the first trial
    )
    for _trial in range(13):
        for leftover in vault_path.parent.glob("clinic.pdvault*"):
            if leftover.name != "clinic.pdvault.lock":
                leftover.unlink()
        for leftover in vault_path.parent.glob(".clinic.pdvault*"):
            leftover.unlink()
        vault_path.write_bytes(old_db)
        sidecar_path(vault_path).write_bytes(old_keys)
        witness.forget(KeySlots.load(sidecar_path(vault_path)).vault_id)  # put back on purpose
        child = subprocess.Popen(
            [sys.executable, "-c", _RESTORER, str(report.path), str(vault_path), PASSWORD],
            stdout=subprocess.PIPE,
            text=True,
        )
        timing = whole is None
        if timing:  # kills spread over the restore's own length, however slow
            started = time.perf_counter()
            child.wait()
            whole = time.perf_counter() - started
        else:
            time.sleep(rng.uniform(0.2, 1.1) * (whole or 0.0))
            child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
        with Practice.open(vault_path) as practice:  # finishes an interrupted swap first
            practice.unlock("drsmith", PASSWORD)
            count = practice.patient_count()
            assert count in (60, 65)
            assert practice.check().ok
            if not timing:
                outcomes.add(count)
    assert outcomes == {60, 65}  # kills landed both before and after the swap


def test_a_crash_right_after_the_journal_is_finished_on_next_open(
    filled: Practice, usb: Path, vault_path: Path
) -> None:
    report = filled.backup_to(usb)
    filled.add_patient(patient_data(given_name="Later"))
    filled.close()

    class Crash(BaseException):
        pass

    def crash(step: str) -> None:
        raise Crash(step)

    from practice_desk.practice import witness
    from practice_desk.vault.restore import journal_path
    from practice_desk.vault.restore import restore_backup as restore_files

    with pytest.raises(Crash):
        restore_files(
            report.path,
            vault_path,
            username="drsmith",
            password=PASSWORD,
            after_step=crash,
            before_swap=witness.forget,  # as Practice's restore does
        )
    assert journal_path(vault_path).exists()
    with Practice.open(vault_path) as practice:
        practice.unlock("drsmith", PASSWORD)
        assert practice.patient_count() == 60 and practice.check().ok
    assert not journal_path(vault_path).exists()


def test_a_backup_asking_for_hours_of_key_stretching_is_refused(
    filled: Practice, usb: Path
) -> None:
    import json
    import struct

    from practice_desk.vault.backup import unlock_backup

    report = filled.backup_to(usb)
    raw = report.path.read_bytes()
    (length,) = struct.unpack(">I", raw[8:12])
    header = json.loads(raw[12 : 12 + length])
    slot = next(s for s in header["keyslots"]["slots"] if s["kind"] == "password")
    slot["kdf"]["time_cost"] = 1000
    new = json.dumps(header).encode()
    hostile = usb / "hostile.pdbackup"
    hostile.write_bytes(raw[:8] + struct.pack(">I", len(new)) + new + raw[12 + length :])
    with pytest.raises(BackupInvalid, match="1000 passes"):
        unlock_backup(hostile, username="drsmith", password=PASSWORD)


def test_a_backup_is_readable_by_its_owner_only(filled: Practice, usb: Path) -> None:
    report = filled.backup_to(usb)
    assert report.path.stat().st_mode & 0o777 == 0o600


def test_leftovers_of_a_killed_backup_are_cleared_and_nobody_elses(
    filled: Practice, usb: Path, vault_path: Path
) -> None:
    """A killed backup leaves an encrypted snapshot beside the practice and a .partial on
    the drive; the next open and the next backup remove this practice's, and stale ones,
    but not a fresh partial of another practice backing up to the same drive."""
    import json
    import os
    import struct
    import time

    from practice_desk.vault import leftovers

    report = filled.backup_to(usb)
    vault_id = filled._vault.keyslots.vault_id
    raw = report.path.read_bytes()

    def partial(name: str, owner: str, age: float = 0) -> Path:
        header = json.dumps({"vault_id": owner}).encode()
        path = usb / name
        path.write_bytes(raw[:8] + struct.pack(">I", len(header)) + header + b"x" * 100)
        os.utime(path, (time.time() - age, time.time() - age))
        return path

    mine = partial("practice-20270101-000000.pdbackup.partial", vault_id)
    theirs = partial("practice-20270101-000001.pdbackup.partial", "another-practice")
    stale = partial("practice-20260101-000000.pdbackup.partial", "another", age=7200)
    scratch = vault_path.parent / (leftovers.scratch_prefix(vault_path) + "abc123")
    scratch.mkdir()
    (scratch / "snapshot.db").write_bytes(b"encrypted copy")
    filled.close()

    reopened = Practice.open(vault_path)
    assert not scratch.exists()  # cleared on open: this practice holds its lock
    reopened.unlock("drsmith", PASSWORD)
    reopened.backup_to(usb)
    assert not mine.exists() and not stale.exists()
    assert theirs.exists()  # another practice may be writing it right now
    reopened.close()


def test_restore_never_replaces_a_folder_or_another_practice(
    filled: Practice, usb: Path, tmp_path: Path
) -> None:
    from practice_desk.domain.errors import VaultExists

    report = filled.backup_to(usb)
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("keep me")
    with pytest.raises(VaultExists, match="is a folder"):
        restore_backup(report.path, documents, **_credentials())
    assert (documents / "letter.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir() if "before-restore" in p.name) == []

    stranger = tmp_path / "notes.pdvault"
    stranger.write_text("not a practice")
    with pytest.raises(VaultExists, match="not a Practice Desk practice"):
        restore_backup(report.path, stranger, **_credentials())
    assert stranger.read_text() == "not a practice"

    other, _key = Practice.create(tmp_path / "other.pdvault", "drjones", "a different practice")
    other.close()
    before = (tmp_path / "other.pdvault").read_bytes()
    with pytest.raises(VaultExists, match="different practice"):
        restore_backup(report.path, tmp_path / "other.pdvault", **_credentials())
    assert (tmp_path / "other.pdvault").read_bytes() == before


@pytest.mark.parametrize(
    "journal",
    [
        "{not json",
        json.dumps({"steps": "nope"}),
        json.dumps({"steps": [["{victim}", "{vault}.moved"]]}),
        json.dumps({"steps": [["{vault}", "{elsewhere}"]]}),
    ],
    ids=["invalid json", "wrong shape", "names another file", "moves the practice away"],
)
def test_a_planted_restore_journal_is_set_aside_and_renames_nothing(
    filled: Practice, vault_path: Path, tmp_path: Path, journal: str
) -> None:
    from practice_desk.vault.restore import journal_path

    filled.close()
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    elsewhere = tmp_path / "elsewhere" / "stolen.pdvault"
    text = (
        journal.replace("{victim}", str(victim))
        .replace("{vault}", str(vault_path))
        .replace("{elsewhere}", str(elsewhere))
    )
    journal_path(vault_path).write_text(text)
    with Practice.open(vault_path) as practice:  # opens, no traceback
        practice.unlock("drsmith", PASSWORD)
        assert practice.check().ok
    assert victim.read_text() == "mine" and vault_path.exists()
    assert not journal_path(vault_path).exists()
    assert list(vault_path.parent.glob(journal_path(vault_path).name + ".refused-*"))


@pytest.mark.parametrize(
    "change",
    [
        lambda h: h["row_counts"].update(patients=h["row_counts"]["patients"] + 1),
        lambda h: h.update(created_at="2020-01-01T00:00:00Z"),
        lambda h: h.update(app_version="9.9.9"),
    ],
    ids=["row count", "date", "app version"],
)
def test_an_edited_backup_header_fails_its_seal(filled: Practice, usb: Path, change: Any) -> None:
    import struct

    report = filled.backup_to(usb)
    raw = report.path.read_bytes()
    (length,) = struct.unpack(">I", raw[8:12])
    header = json.loads(raw[12 : 12 + length])
    change(header)
    new = json.dumps(header).encode()
    edited = usb / "edited.pdbackup"
    edited.write_bytes(raw[:8] + struct.pack(">I", len(new)) + new + raw[12 + length :])
    with pytest.raises(BackupInvalid, match="altered"):
        verify_backup(edited, **_credentials())
    assert verify_backup(report.path, **_credentials()).path == report.path  # the original


def test_a_full_disk_is_called_a_full_disk_never_damage(
    filled: Practice, usb: Path, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the practice's own disk full, a backup (which first copies the practice beside
    itself) and a reopen both say so, and how much room is needed; nothing suggests a
    restore, which would roll back a healthy practice."""
    import sqlcipher3

    from practice_desk.domain.errors import DiskFull
    from practice_desk.vault import db

    def no_room(*_args: Any, **_kwargs: Any) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_files.tempfile, "mkdtemp", no_room)  # type: ignore[attr-defined]
    with pytest.raises(DiskFull, match="A backup first makes an encrypted copy") as caught:
        filled.backup_to(usb)
    assert "restore" not in str(caught.value).lower()
    monkeypatch.undo()

    def full_snapshot(*_args: Any, **_kwargs: Any) -> Any:
        raise sqlcipher3.DatabaseError("database or disk is full")

    monkeypatch.setattr(backup_files, "_snapshot", full_snapshot)
    with pytest.raises(DiskFull, match="disk holding the practice is full"):
        filled.backup_to(usb)
    monkeypatch.undo()
    filled.close()

    real_connect = db.sqlcipher3.connect  # type: ignore[attr-defined]

    class FullDisk:
        def __init__(self, conn: Any) -> None:
            self._conn = conn

        def execute(self, sql: str, *args: Any) -> Any:
            if "journal_mode" in sql:
                raise sqlcipher3.DatabaseError("database or disk is full")
            return self._conn.execute(sql, *args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._conn, name)

    monkeypatch.setattr(
        db.sqlcipher3,  # type: ignore[attr-defined]
        "connect",
        lambda *a, **k: FullDisk(real_connect(*a, **k)),
    )
    reopened = Practice.open(vault_path)
    with pytest.raises(DiskFull, match="It is not damaged") as caught:
        reopened.unlock("drsmith", PASSWORD)
    assert "restore" not in str(caught.value).lower()
    reopened.close()
    monkeypatch.undo()
    with Practice.open(vault_path) as healthy:  # once there is room, all is as it was
        healthy.unlock("drsmith", PASSWORD)
        assert healthy.patient_count() == 60 and healthy.check().ok
