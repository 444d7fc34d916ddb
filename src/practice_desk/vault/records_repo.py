"""Digests of the rows that matter clinically, for the signed audit seals.

Triggers note every row of these tables that changes (table ``unsealed``); the seal made
at each lock carries a digest of each, signed by the session's user. A row's digest is
the SHA-256 of all its columns as stored, so any edit shows. Rows are named by rowid (the
id column where a table has one).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from practice_desk.domain.storage import DELETED
from practice_desk.vault.db import Connection

#: Tables whose rows are sealed, with what a person calls one row.
SEALED_TABLES = {
    "meta": "practice setting (row)",
    "patients": "patient record",
    "medication_orders": "medication order",
    "safety_overrides": "safety override",
    "prescriptions": "prescription",
    "practice_profile": "practice profile",
    "notes": "visit note",
    "note_addenda": "note addendum",
    "taper_plans": "taper plan",
}
_CHUNK = 500


def _digest(row: tuple[object, ...] | None) -> str:
    if row is None:
        return DELETED
    text = json.dumps(list(row), ensure_ascii=True, separators=(",", ":"), default=repr)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def current_digests(conn: Connection, table: str, ids: Iterable[int]) -> dict[int, str]:
    """Each row's digest now (DELETED for a row that is gone)."""
    if table not in SEALED_TABLES:
        raise ValueError(f"{table} is not sealed")
    wanted = sorted(set(ids))
    found: dict[int, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        cursor = conn.execute(f"SELECT rowid, * FROM {table} WHERE rowid IN ({marks})", chunk)
        for row in cursor:
            found[int(row[0])] = _digest(tuple(row[1:]))
    return {i: found.get(i, DELETED) for i in wanted}


def pending(conn: Connection) -> set[tuple[str, int]]:
    """(table, row id) of every row changed since the last seal."""
    return {(str(t), int(i)) for t, i in conn.execute("SELECT tbl, row_id FROM unsealed")}


def take_unsealed(conn: Connection) -> dict[str, dict[str, str]]:
    """Digests of every row changed since the last seal, and the list emptied (inside the
    seal's transaction)."""
    pending: dict[str, list[int]] = {}
    for table, row_id in conn.execute("SELECT tbl, row_id FROM unsealed ORDER BY tbl, row_id"):
        pending.setdefault(str(table), []).append(int(row_id))
    conn.execute("DELETE FROM unsealed")
    return {
        table: {str(i): d for i, d in current_digests(conn, table, ids).items()}
        for table, ids in pending.items()
        if table in SEALED_TABLES
    }
