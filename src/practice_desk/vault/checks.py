"""SQLite's own checks of the practice file, run beside the audit-chain check.

cipher_integrity_check (every page's HMAC) and integrity_check with the foreign-key check
each get their own read-only connection and thread; SQLite lets go of the GIL while it
works, so both overlap the chain verification on the caller's thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from practice_desk.domain.errors import VaultDamaged
from practice_desk.vault.db import CACHE_KIB, Connection, DatabaseError, connect

#: integrity_check visits index pages again; a cache holding the file decrypts each once.
_MAX_CACHE_KIB = 256 * 1024


def _cipher(conn: Connection) -> list[str]:
    return [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]


def _structure(conn: Connection) -> list[str]:
    result = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    problems = [] if result == ["ok"] else result
    problems += [
        f"foreign key broken in {r[0]} row {r[1]}" for r in conn.execute("PRAGMA foreign_key_check")
    ]
    return problems


def _run(
    path: Path,
    data_key: bytes,
    work: Callable[[Connection], list[str]],
    *,
    cache_all: bool = False,
) -> list[str]:
    """work's problems, on a read-only connection of its own."""
    try:
        conn = connect(path, data_key, second=True)
    except VaultDamaged as exc:
        return [str(exc)]
    try:
        conn.execute("PRAGMA query_only = ON")
        if cache_all:
            size_kib = min(max(path.stat().st_size // 1024 + 1024, CACHE_KIB), _MAX_CACHE_KIB)
            conn.execute(f"PRAGMA cache_size = -{size_kib}")
        return work(conn)
    except DatabaseError as exc:
        return [f"the database cannot be read: {exc}"]
    finally:
        conn.close()


class SqliteVerdict:
    """The problems SQLite's checks found, once the block they ran beside has ended."""

    problems: list[str]


@contextlib.contextmanager
def sqlite_checks_beside(path: Path, data_key: bytes) -> Iterator[SqliteVerdict]:
    verdict = SqliteVerdict()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="pd-check") as pool:
        futures: list[Future[list[str]]] = [
            pool.submit(_run, path, data_key, _cipher),
            pool.submit(_run, path, data_key, _structure, cache_all=True),
        ]
        yield verdict
        verdict.problems = [p for future in futures for p in future.result()]
