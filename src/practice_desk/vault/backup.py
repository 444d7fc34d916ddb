"""Backup files: one self-contained, encrypted ``.pdbackup`` per backup.

Layout: ``PDBACKUP`` magic, a 4-byte header length, a JSON header (format, vault id,
creation time, app version, schema version, row counts, payload size and SHA-256, the key
slots, and an HMAC over all of it made with a key derived from the data key), then the
payload: a SQLCipher copy of the database made with SQLite's online backup API, keyed with
the same data key. Any user's password or the recovery key opens it; nothing in it is
plaintext clinical data.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import json
import os
import re
import struct
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from practice_desk import __version__
from practice_desk.domain.audit import AuditEvent
from practice_desk.domain.errors import DiskFull, PracticeError, WrongPassword
from practice_desk.vault import audit_repo, keys, leftovers
from practice_desk.vault.backup_checks import BackupInvalid as BackupInvalid
from practice_desk.vault.backup_checks import check_database, checks_beside, row_counts
from practice_desk.vault.db import (
    DatabaseError,
    connect,
    disk_full,
    free_megabytes,
)
from practice_desk.vault.files import create_private, fsync_directory
from practice_desk.vault.keyslots import KeySlots, excessive_kdf
from practice_desk.vault.migrate import latest_version, schema_version

MAGIC = b"PDBACKUP"
FORMAT = 1
SUFFIX = ".pdbackup"
HEADER_PURPOSE = "practice-desk/backup-header"
_NAME = re.compile(r"^practice-\d{8}-\d{6}(-\d+)?\.pdbackup$")
_CHUNK = 1 << 20
#: Backup API pages per step (16 MiB of 4 KiB pages): progress, and a chance to cancel.
_STEP_PAGES = 4096
_STREAM_CACHE_KIB = 2048
Progress = Callable[[float], None]


class BackupFailed(PracticeError):
    """The backup could not be written; the practice and earlier backups are unchanged."""


class BackupTargetFull(BackupFailed):
    def __init__(self) -> None:
        super().__init__(
            "The backup drive is full. Nothing was written and the practice and earlier backups "
            "are unchanged. Free some space on the drive (or use another one) and try again."
        )


class BackupTargetGone(BackupFailed):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"The backup drive could not be written ({detail}); it may have been removed. "
            "Nothing was saved there; the practice is unchanged. Plug it in again and retry."
        )


class BackupHeader(BaseModel):
    model_config = ConfigDict(frozen=True)

    format: int
    vault_id: str
    created_at: datetime
    app_version: str
    schema_version: int
    row_counts: dict[str, int]
    payload_bytes: int
    payload_sha256: str
    keyslots: dict[str, Any]
    mac: str = ""

    def signed_part(self) -> bytes:
        body = self.model_dump(mode="json", exclude={"mac"})
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


class BackupReport(BaseModel):
    """What a verified backup holds."""

    model_config = ConfigDict(frozen=True)

    path: Path
    vault_id: str
    created_at: datetime
    app_version: str
    schema_version: int
    row_counts: dict[str, int]
    size_bytes: int


def backup_name(now: datetime) -> str:
    return f"practice-{now:%Y%m%d-%H%M%S}{SUFFIX}"


def _practice_disk_full(vault_path: Path) -> DiskFull:
    size = vault_path.stat().st_size // (1024 * 1024) + 1
    return DiskFull(
        f"The disk holding the practice is full ({free_megabytes(vault_path)} MB free). A "
        f"backup first makes an encrypted copy beside the practice (about {size} MB): free "
        "that much space there and try again. Nothing was changed, and the practice is fine."
    )


def _translate(exc: OSError) -> BackupFailed:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return BackupTargetFull()
    return BackupTargetGone(exc.strerror or str(exc))


@contextlib.contextmanager
def _scratch(
    near: Path,
    prefix: str = leftovers.SCRATCH_PREFIX,
    *,
    full: Callable[[], Exception] | None = None,
) -> Iterator[Path]:
    """A scratch folder on the local disk for an encrypted snapshot; always removed.
    ``full`` makes the error raised when the disk has no room for the folder."""
    try:
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=near))
    except OSError as exc:
        if full is not None and disk_full(near / prefix, exc):
            raise full() from None
        raise
    try:
        yield folder
    finally:
        for child in folder.iterdir():
            child.unlink(missing_ok=True)
        folder.rmdir()


def create_backup(
    vault_path: Path,
    data_key: bytes,
    keyslots: KeySlots,
    target_dir: Path,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
    opener: Callable[[Path], Any] = create_private,
) -> BackupReport:
    """Write, flush and verify a backup in target_dir, then give it its final name.

    The snapshot is checked while it is written out: cipher_integrity_check and
    integrity_check run on two helper threads (SQLite lets go of the GIL) while this one
    writes, flushes and reads back the file. The file's digest binds it to the bytes
    checked, and nothing is renamed into place until every check has passed.
    """
    now = now or datetime.now(UTC)
    report_progress = progress or (lambda _f: None)
    if not target_dir.is_dir():
        raise BackupTargetGone(f"the folder {target_dir} does not exist")
    final = target_dir / backup_name(now)
    partial = final.with_name(final.name + ".partial")
    # What an earlier, killed backup left: its scratch copy here, its partial file there.
    leftovers.remove_scratch(vault_path)
    leftovers.remove_partials(target_dir, keyslots.vault_id)
    prefix = leftovers.scratch_prefix(vault_path)
    with _scratch(
        vault_path.parent, prefix, full=lambda: _practice_disk_full(vault_path)
    ) as scratch:
        snapshot = scratch / "snapshot.db"
        try:
            counts, version = _snapshot(
                vault_path, data_key, snapshot, lambda f: report_progress(0.45 * f)
            )
        except (OSError, DatabaseError) as exc:
            if not disk_full(vault_path, exc):
                raise
            raise _practice_disk_full(vault_path) from None
        try:
            with checks_beside(snapshot, data_key, final.name) as verdict:
                header = _sealed_header(snapshot, data_key, keyslots, now, version, counts)
                report_progress(0.5)
                _write(partial, header, snapshot, opener, report_progress)
                fsync_directory(target_dir)
                # The file on the drive must hold the very bytes that are being checked.
                _read_back(partial, header)
            if (verdict.counts, verdict.version) != (counts, version):
                raise BackupInvalid(
                    f"{final.name} does not hold what was copied (row counts differ)."
                )
            os.replace(partial, final)
            fsync_directory(target_dir)
        except OSError as exc:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise _translate(exc) from None
        except BaseException:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise
    report_progress(1.0)
    return BackupReport(
        path=final,
        vault_id=header.vault_id,
        created_at=now,
        app_version=__version__,
        schema_version=version,
        row_counts=counts,
        size_bytes=final.stat().st_size,
    )


def _snapshot(
    vault_path: Path, data_key: bytes, snapshot: Path, progress: Progress
) -> tuple[dict[str, int], int]:
    """Copy the vault to snapshot with SQLite's online backup API; its row counts and version.

    One read transaction on the source spans the counts and every backup step, so they
    describe the same moment while the app (or another process) keeps writing, and a
    writer never makes the copy start over.
    """
    source = connect(vault_path, data_key, second=True)
    try:
        target = connect(snapshot, data_key, create=True)
        try:
            # A scratch file written once and checked afterwards: no journal and no flushes
            # (the finished backup file is flushed); every page passes through once, so a
            # small page cache on both sides saves allocating one the size of the vault.
            target.execute("PRAGMA journal_mode = OFF")
            target.execute("PRAGMA synchronous = OFF")
            for conn in (source, target):
                conn.execute(f"PRAGMA cache_size = -{_STREAM_CACHE_KIB}")
            source.execute("BEGIN")
            counts = row_counts(source)
            version = schema_version(source)
            source.backup(
                target,
                pages=_STEP_PAGES,
                progress=lambda _status, left, total: progress(1 - left / max(total, 1)),
            )
            source.execute("COMMIT")
            target.execute(f"PRAGMA user_version = {version:d}")
        finally:
            target.close()
    finally:
        source.close()
    return counts, version


def _sealed_header(
    snapshot: Path,
    data_key: bytes,
    keyslots: KeySlots,
    now: datetime,
    version: int,
    counts: dict[str, int],
) -> BackupHeader:
    digest = hashlib.sha256()
    with snapshot.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    header = BackupHeader(
        format=FORMAT,
        vault_id=keyslots.vault_id,
        created_at=now,
        app_version=__version__,
        schema_version=version,
        row_counts=counts,
        payload_bytes=snapshot.stat().st_size,
        payload_sha256=digest.hexdigest(),
        keyslots=json.loads(keyslots.model_dump_json()) | {"failed_unlocks": []},
    )
    mac_key = keys.derive_subkey(data_key, HEADER_PURPOSE)
    return header.model_copy(
        update={"mac": hmac.new(mac_key, header.signed_part(), hashlib.sha256).hexdigest()}
    )


def _read_back(path: Path, header: BackupHeader) -> None:
    """Read the written file back from the device and compare it with what was meant."""
    read, offset = read_header(path)
    if read != header:
        raise BackupTargetGone("the header read back differs from what was written")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        handle.seek(offset)
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    if digest.hexdigest() != header.payload_sha256:
        raise BackupTargetGone("the data read back differs from what was written")


def _write(
    partial: Path,
    header: BackupHeader,
    snapshot: Path,
    opener: Callable[[Path], Any],
    progress: Progress,
) -> None:
    encoded = header.model_dump_json().encode("utf-8")
    total = max(snapshot.stat().st_size, 1)
    done = 0
    with opener(partial) as out, snapshot.open("rb") as payload:
        out.write(MAGIC + struct.pack(">I", len(encoded)) + encoded)
        for chunk in iter(lambda: payload.read(_CHUNK), b""):
            out.write(chunk)
            done += len(chunk)
            progress(0.5 + 0.4 * done / total)
        out.flush()
        os.fsync(out.fileno())


# --- reading ------------------------------------------------------------------------------------


def read_header(path: Path) -> tuple[BackupHeader, int]:
    """The header and the offset where the payload starts; BackupInvalid in words."""
    try:
        with path.open("rb") as handle:
            start = handle.read(12)
            if len(start) < 12 or start[:8] != MAGIC:
                raise BackupInvalid(f"{path.name} is not a Practice Desk backup file.")
            (length,) = struct.unpack(">I", start[8:])
            if length > 10_000_000:
                raise BackupInvalid(f"{path.name} is damaged: its header is unreadable.")
            raw = handle.read(length)
    except OSError as exc:
        raise BackupInvalid(f"{path.name} cannot be read ({exc.strerror}).") from None
    try:
        header = BackupHeader.model_validate_json(raw)
    except ValueError:
        raise BackupInvalid(f"{path.name} is damaged: its header is unreadable.") from None
    if header.format > FORMAT:
        raise BackupInvalid(
            f"{path.name} was made by a newer Practice Desk; install it to read this backup."
        )
    return header, 12 + length


def unlock_backup(
    path: Path,
    *,
    username: str | None = None,
    password: str | None = None,
    recovery_key: str | None = None,
) -> tuple[BackupHeader, bytes]:
    """Open a backup's own key slots with a password or the recovery key."""
    header, _ = read_header(path)
    if excessive := excessive_kdf(header.keyslots):
        raise BackupInvalid(
            f"{path.name} asks for password settings far beyond what Practice Desk uses "
            f"({excessive}): it was not made by Practice Desk and was refused."
        )
    try:
        slots = KeySlots.model_validate(header.keyslots)
    except ValueError:
        raise BackupInvalid(f"{path.name} is damaged: its key slots are unreadable.") from None
    if recovery_key is not None:
        data_key = slots.open_with_recovery_key(recovery_key).data_key
    elif username is not None and password is not None:
        data_key = slots.open_with_password(username, password).data_key
    else:
        raise WrongPassword("Give a user and password, or the recovery key, to open the backup.")
    return header, data_key


def verify_backup_file(
    path: Path,
    *,
    data_key: bytes,
    expected_counts: dict[str, int] | None = None,
    extract_to: Path | None = None,
) -> BackupReport:
    """Check the header seal, the payload digest, decryption, both integrity checks, counts."""
    header, offset = read_header(path)
    mac_key = keys.derive_subkey(data_key, HEADER_PURPOSE)
    expected_mac = hmac.new(mac_key, header.signed_part(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(header.mac, expected_mac):
        raise BackupInvalid(
            f"{path.name} is damaged or was altered: its header does not check out."
        )
    size = path.stat().st_size
    if size != offset + header.payload_bytes:
        raise BackupInvalid(
            f"{path.name} is incomplete (cut short or padded): it is {size} bytes, "
            f"it should be {offset + header.payload_bytes}."
        )
    scratch_owner = (
        contextlib.nullcontext(extract_to.parent) if extract_to else _scratch(path.parent)
    )
    with scratch_owner as scratch:
        copy = extract_to or Path(scratch) / "verify.db"
        digest = hashlib.sha256()
        with path.open("rb") as source, copy.open("wb") as out:
            source.seek(offset)
            for chunk in iter(lambda: source.read(_CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
            if extract_to is not None:  # it becomes the practice; a scratch copy need not
                out.flush()
                os.fsync(out.fileno())
        if digest.hexdigest() != header.payload_sha256:
            raise BackupInvalid(
                f"{path.name} is damaged: its contents do not match their checksum."
            )
        counts, version = check_database(copy, data_key, path.name)
        if counts != header.row_counts or (
            expected_counts is not None and counts != expected_counts
        ):
            raise BackupInvalid(
                f"{path.name} does not hold what its header says (row counts differ)."
            )
        if version > latest_version():
            raise BackupInvalid(
                f"{path.name} was made by a newer Practice Desk; install it to restore."
            )
    return BackupReport(
        path=path,
        vault_id=header.vault_id,
        created_at=header.created_at,
        app_version=header.app_version,
        schema_version=header.schema_version,
        row_counts=header.row_counts,
        size_bytes=size,
    )


def rotate(target_dir: Path, vault_id: str, keep: int, newest: Path) -> list[Path]:
    """Delete this practice's oldest backups beyond ``keep``; never the one just verified."""
    if keep < 1:
        raise ValueError("Keep at least one backup.")
    mine = []
    for path in target_dir.iterdir():
        if not _NAME.match(path.name):
            continue
        with contextlib.suppress(BackupInvalid):
            if read_header(path)[0].vault_id == vault_id:
                mine.append(path)
    mine.sort(key=lambda p: p.name, reverse=True)
    removed = []
    for path in mine[keep:]:
        if path != newest:
            path.unlink()
            removed.append(path)
    return removed


def last_event_of(
    backup: Path, vault_path: Path, action: str, **credentials: str
) -> tuple[str, AuditEvent | None]:
    """The practice a backup belongs to, and the last audit event of one kind in it (None
    when it has none), read from a verified scratch copy beside the practice."""
    header, data_key = unlock_backup(backup, **credentials)
    with tempfile.TemporaryDirectory(
        dir=vault_path.parent, prefix=leftovers.scratch_prefix(vault_path)
    ) as folder:
        copy = Path(folder) / "copy.pdvault"
        verify_backup_file(backup, data_key=data_key, extract_to=copy)
        conn = connect(copy, data_key, second=True)
        try:
            return header.vault_id, audit_repo.last_of(conn, action)
        except DatabaseError:
            return header.vault_id, None
        finally:
            conn.close()
