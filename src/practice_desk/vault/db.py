"""The one place a SQLCipher connection is opened and keyed."""

from __future__ import annotations

import contextlib
import errno
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from practice_desk.domain.errors import DiskFull, StorageError, VaultDamaged

Connection = Any  # sqlcipher3 ships no type information
DatabaseError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError

PLAINTEXT_HEADER = b"SQLite format 3\x00"
CACHE_KIB = 64 * 1024


def raw_key_literal(data_key: bytes) -> bytes:
    # The x'..' form hands SQLCipher the 256 bits directly: no PBKDF2, no password in SQL.
    if len(data_key) != 32:
        raise ValueError("the data key must be 32 bytes")
    return f"x'{data_key.hex()}'".encode("ascii")


def connect(
    path: Path, data_key: bytes, *, create: bool = False, second: bool = False
) -> Connection:
    """Open the vault database keyed with data_key, or raise VaultDamaged in words.

    ``second`` is for an extra connection beside the practice's own (a backup): it skips
    the checkpoint and size check made when a practice is opened, which would wait for
    writers.
    """
    if not create:
        _refuse_plaintext(path)
    conn = sqlcipher3.connect(str(path), timeout=10.0, isolation_level=None)
    try:
        # SQLCipher otherwise writes its own diagnostics to stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.set_key(raw_key_literal(data_key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if not create and not second:
            _refuse_truncated(conn, path)
    except DatabaseError as exc:
        conn.close()
        if disk_full(path, exc):
            raise DiskFull(
                f"The disk holding {path.name} is full ({free_megabytes(path)} MB free), so "
                "the practice cannot be opened. It is not damaged: free some space on that "
                "disk (old downloads, the wastebasket) and open it again."
            ) from None
        raise VaultDamaged(
            f"The practice file {path.name} is damaged and cannot be read ({exc}). "
            "Your password was accepted; restore the practice from a backup."
        ) from None
    except BaseException:
        conn.close()
        raise
    return conn


#: Below this much free space an error opening or copying the practice is taken for a
#: full disk (SQLite needs room for its write-ahead log and shared memory files).
LOW_SPACE_BYTES = 16 * 1024 * 1024


def free_megabytes(path: Path) -> int:
    try:
        return shutil.disk_usage(path.parent).free // (1024 * 1024)
    except OSError:
        return 0


def disk_full(path: Path, exc: BaseException | None = None) -> bool:
    """The error came from a full disk (SQLite says so, or the disk has almost no room)."""
    if exc is not None and (
        "full" in str(exc).lower()
        or getattr(exc, "errno", None)
        in (
            errno.ENOSPC,
            errno.EDQUOT,
        )
    ):
        return True
    try:
        return shutil.disk_usage(path.parent).free < LOW_SPACE_BYTES
    except OSError:
        return False


def _refuse_plaintext(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head == PLAINTEXT_HEADER:
        raise VaultDamaged(
            f"{path.name} is an unencrypted database, not a Practice Desk practice. "
            "Practice Desk only opens encrypted practice files."
        )
    if len(head) < 16:
        raise VaultDamaged(
            f"The practice file {path.name} is empty or cut short; restore it from a backup."
        )


def _refuse_truncated(conn: Connection, path: Path) -> None:
    # Pages committed to the WAL but not yet copied back would look like a short file.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    page_count = int(conn.execute("PRAGMA page_count").fetchone()[0])
    if path.stat().st_size < page_size * page_count:
        raise DatabaseError("the file is shorter than its own page count says")


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error.

    Inside an open transaction it becomes a savepoint, so a batch of changes (an import,
    demo data) commits once while each change still rolls back on its own.
    A write the disk refuses (full, damaged file, device gone) comes out as StorageError.
    """
    if conn.in_transaction:
        with _savepoint(conn):
            yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except DatabaseError as exc:
        raise StorageError(str(exc)) from None
    try:
        yield conn
    except BaseException as exc:
        with contextlib.suppress(DatabaseError):
            conn.execute("ROLLBACK")
        if isinstance(exc, DatabaseError) and not isinstance(exc, IntegrityError):
            raise StorageError(str(exc)) from None
        raise
    try:
        conn.execute("COMMIT")
    except DatabaseError as exc:
        with contextlib.suppress(DatabaseError):
            conn.execute("ROLLBACK")
        raise StorageError(str(exc)) from None


@contextlib.contextmanager
def _savepoint(conn: Connection) -> Iterator[None]:
    conn.execute("SAVEPOINT change")
    try:
        yield
    except BaseException:
        with contextlib.suppress(DatabaseError):
            conn.execute("ROLLBACK TO change")
            conn.execute("RELEASE change")
        raise
    conn.execute("RELEASE change")


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (executescript would commit early)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlcipher3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip() and not current.strip().startswith("--"):
        statements.append(current.strip())
    return statements
