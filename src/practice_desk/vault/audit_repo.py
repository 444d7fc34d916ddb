"""The append-only, hash-chained audit table."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from practice_desk.domain.audit import (
    GENESIS,
    AuditEvent,
    detail_text,
    first_broken_link,
    link_hash,
)
from practice_desk.vault.db import Connection


def append(
    conn: Connection,
    chain_key: bytes,
    *,
    user_id: int | None,
    username: str,
    action: str,
    patient_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one event, linked to the last. Call inside the transaction of the change it records."""
    last = head(conn)
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    event = AuditEvent(
        seq=seq,
        at=datetime.now(UTC),
        user_id=user_id,
        username=username,
        action=action,
        patient_id=patient_id,
        detail=detail or {},
        prev_hash=prev,
    )
    event = event.model_copy(update={"hash": link_hash(chain_key, event)})
    conn.execute(
        "INSERT INTO audit (seq, at, user_id, username, action, patient_id, detail, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.seq,
            event.at.isoformat(),
            event.user_id,
            event.username,
            event.action,
            event.patient_id,
            detail_text(event.detail),
            event.prev_hash,
            event.hash,
        ),
    )
    return event


def _event(row: tuple[Any, ...]) -> AuditEvent:
    return AuditEvent(
        seq=row[0],
        at=datetime.fromisoformat(row[1]),
        user_id=row[2],
        username=row[3],
        action=row[4],
        patient_id=row[5],
        detail=json.loads(row[6]),
        prev_hash=row[7],
        hash=row[8],
    )


_SELECT = (
    "SELECT seq, at, user_id, username, action, patient_id, detail, prev_hash, hash FROM audit"
)


def events(conn: Connection, patient_id: int | None = None, limit: int = 1000) -> list[AuditEvent]:
    """Newest first; for one patient's chart when patient_id is given."""
    if patient_id is None:
        rows = conn.execute(f"{_SELECT} ORDER BY seq DESC LIMIT ?", (limit,)).fetchall()
    else:
        rows = conn.execute(
            f"{_SELECT} WHERE patient_id = ? ORDER BY seq DESC LIMIT ?", (patient_id, limit)
        ).fetchall()
    return [_event(r) for r in rows]


def events_of(conn: Connection, action: str) -> list[AuditEvent]:
    """Every event of one kind, oldest first."""
    rows = conn.execute(f"{_SELECT} WHERE action = ? ORDER BY seq", (action,)).fetchall()
    return [_event(r) for r in rows]


def last_action(conn: Connection) -> str | None:
    row = conn.execute("SELECT action FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return str(row[0]) if row else None


def verify_chain(conn: Connection, chain_key: bytes) -> str | None:
    """None when every link holds, else a sentence naming the first broken one."""
    return first_broken_link(chain_key, conn.execute(f"{_SELECT} ORDER BY seq"))


def head(conn: Connection) -> tuple[int, str] | None:
    """(seq, hash) of the newest event."""
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else None


def hash_of(conn: Connection, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
    return str(row[0]) if row else None


def last_of(conn: Connection, action: str) -> AuditEvent | None:
    """The newest event of one kind."""
    row = conn.execute(
        f"{_SELECT} WHERE action = ? ORDER BY seq DESC LIMIT 1", (action,)
    ).fetchone()
    return _event(row) if row else None
