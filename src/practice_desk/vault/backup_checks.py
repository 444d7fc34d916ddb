"""Checking a backup's database copy: cipher_integrity_check (then the row counts) and
integrity_check, each on its own connection and helper thread, beside the writing."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from practice_desk.domain.errors import PracticeError, VaultDamaged
from practice_desk.vault.db import CACHE_KIB, Connection, DatabaseError, connect
from practice_desk.vault.migrate import schema_version

#: Tables whose row counts a backup records and a verify compares.
COUNTED = (
    "patients",
    "users",
    "audit",
    "medication_orders",
    "lab_results",
    "scale_results",
    "taper_plans",
    "prescriptions",
)
#: At most this much page cache to check a copy (the vault's own connection keeps 64 MiB).
_CHECK_CACHE_KIB = 256 * 1024
T = TypeVar("T")


class BackupInvalid(PracticeError):
    """The file is not a backup, or not a whole one."""


def row_counts(conn: Connection) -> dict[str, int]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {
        t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
        for t in COUNTED
        if t in tables
    }


def _open_checked(db: Path, data_key: bytes, name: str, *, cache_all: bool) -> Connection:
    """A read-only connection to a copy being checked: opening it decrypts page 1."""
    try:
        conn = connect(db, data_key)
    except VaultDamaged:
        raise BackupInvalid(f"{name} is damaged: its database cannot be read.") from None
    try:
        # The checks read; they must never change the bytes whose digest is recorded.
        conn.execute("PRAGMA query_only = ON")
        if cache_all:
            # integrity_check visits index pages again; a cache that holds the whole copy
            # decrypts each page once (about a third faster at 10,000 patients).
            size_kib = min(max(db.stat().st_size // 1024 + 1024, CACHE_KIB), _CHECK_CACHE_KIB)
            conn.execute(f"PRAGMA cache_size = -{size_kib}")
    except BaseException:
        conn.close()
        raise
    return conn


def _cipher_check(conn: Connection, name: str) -> tuple[dict[str, int], int]:
    """Every page carries a valid HMAC (cipher_integrity_check returns no rows); then the
    row counts and schema version the copy holds."""
    problems = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
    if problems:
        raise BackupInvalid(f"{name} is damaged: {problems[0]}.")
    return row_counts(conn), schema_version(conn)


def _integrity_check(conn: Connection, name: str) -> None:
    result = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        raise BackupInvalid(f"{name} is damaged: {(result or ['no result'])[0]}.")


class _Check(Generic[T]):
    """One check of a copy on its own connection and thread.

    SQLite lets go of the GIL while it works, so checks on separate threads overlap each
    other and the file writing on the caller's thread.
    """

    def __init__(
        self,
        db: Path,
        data_key: bytes,
        name: str,
        work: Callable[[Connection, str], T],
        *,
        cache_all: bool = False,
    ) -> None:
        self._db, self._key, self._name, self._work = db, data_key, name, work
        self._cache_all = cache_all
        self._opened, self._halt = threading.Event(), threading.Event()
        self._conn: Connection | None = None
        self._result: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="pd-backup-check", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            self._conn = _open_checked(self._db, self._key, self._name, cache_all=self._cache_all)
        except BaseException as exc:  # handed to the caller's thread by outcome()
            self._error = exc
            return
        finally:
            self._opened.set()
        try:
            if not self._halt.is_set():
                self._result = self._work(self._conn, self._name)
        except BaseException as exc:
            self._error = exc
        finally:
            self._conn.close()

    def wait_opened(self) -> None:
        """Wait until the connection is open; BackupInvalid now if the copy does not open."""
        self._opened.wait()
        if self._conn is None:
            self.outcome()

    def cancel(self) -> None:
        """Stop the check early (its verdict is not wanted) and wait for its thread."""
        self._halt.set()
        if self._conn is not None:
            with contextlib.suppress(Exception):  # it may have finished and closed already
                self._conn.interrupt()
        self._thread.join()

    def outcome(self) -> T:
        """Wait for the check; its result, or BackupInvalid in words."""
        self._thread.join()
        if isinstance(self._error, DatabaseError):
            raise BackupInvalid(f"{self._name} is damaged: {self._error}.")
        if self._error is not None:
            raise self._error
        return cast(T, self._result)


class _Verdict:
    """The counts and schema version the checked copy holds, once the checks are done."""

    counts: dict[str, int]
    version: int


@contextlib.contextmanager
def checks_beside(db: Path, data_key: bytes, name: str) -> Iterator[_Verdict]:
    """cipher_integrity_check (then the counts) and integrity_check, each on a helper
    thread, while the block runs on this one.

    Both connections are open (so db is settled) before the block starts. Leaving the block
    waits for both and raises BackupInvalid unless both passed; an error in the block
    interrupts them instead.
    """
    cipher = _Check(db, data_key, name, _cipher_check)
    structure = _Check(db, data_key, name, _integrity_check, cache_all=True)
    checks: tuple[_Check[Any], ...] = (cipher, structure)
    for check in checks:
        check.start()
    verdict = _Verdict()
    try:
        for check in checks:
            check.wait_opened()
        yield verdict
    except BaseException:
        for check in checks:
            check.cancel()
        raise
    try:
        structure.outcome()
    except BaseException:
        cipher.cancel()  # no helper thread outlives the call with the copy open
        raise
    verdict.counts, verdict.version = cipher.outcome()


def check_database(db: Path, data_key: bytes, name: str) -> tuple[dict[str, int], int]:
    """Decrypts; cipher_integrity_check returns no rows; integrity_check says ok (both at once)."""
    with checks_beside(db, data_key, name) as verdict:
        pass
    return verdict.counts, verdict.version
