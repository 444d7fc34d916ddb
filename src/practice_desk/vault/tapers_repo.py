"""Taper plans in progress and their event history."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from practice_desk.domain.errors import ConcurrentEdit, NotFound
from practice_desk.domain.records import StoredTaper, TaperEvent
from practice_desk.domain.records import TaperStatus as Status
from practice_desk.domain.tapering import TaperPlan
from practice_desk.vault.db import Connection

_COLUMNS = "id, patient_id, order_id, status, plan, row_version"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _taper(row: tuple[Any, ...]) -> StoredTaper:
    return StoredTaper(
        id=row[0],
        patient_id=row[1],
        order_id=row[2],
        status=row[3],
        plan=TaperPlan.model_validate_json(row[4]),
        row_version=row[5],
    )


def add(
    conn: Connection, patient_id: int, order_id: int | None, plan: TaperPlan, user_id: int | None
) -> StoredTaper:
    now = _now()
    cursor = conn.execute(
        "INSERT INTO taper_plans (patient_id, order_id, drug_id, status, plan, created_at, "
        "created_by, "
        "updated_at, updated_by) VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?)",
        (patient_id, order_id, plan.drug_id, plan.model_dump_json(), now, user_id, now, user_id),
    )
    return get(conn, int(cursor.lastrowid))


def get(conn: Connection, taper_id: int) -> StoredTaper:
    row = conn.execute(f"SELECT {_COLUMNS} FROM taper_plans WHERE id = ?", (taper_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no taper plan number {taper_id}.")
    return _taper(row)


def for_patient(conn: Connection, patient_id: int, active_only: bool = True) -> list[StoredTaper]:
    sql = f"SELECT {_COLUMNS} FROM taper_plans WHERE patient_id = ?"
    if active_only:
        sql += " AND status = 'active'"
    return [_taper(r) for r in conn.execute(sql + " ORDER BY id", (patient_id,)).fetchall()]


def active_all(conn: Connection) -> list[StoredTaper]:
    rows = conn.execute(
        "SELECT t.id, t.patient_id, t.order_id, t.status, t.plan, t.row_version "
        "FROM taper_plans t JOIN patients p ON p.id = t.patient_id "
        "WHERE t.status = 'active' AND p.archived = 0 ORDER BY t.id"
    ).fetchall()
    return [_taper(r) for r in rows]


def save(
    conn: Connection, taper: StoredTaper, plan: TaperPlan, status: Status, user_id: int | None
) -> StoredTaper:
    cursor = conn.execute(
        "UPDATE taper_plans SET plan = ?, status = ?, row_version = row_version + 1, "
        "updated_at = ?, "
        "updated_by = ? WHERE id = ? AND row_version = ?",
        (plan.model_dump_json(), status, _now(), user_id, taper.id, taper.row_version),
    )
    if cursor.rowcount != 1:
        raise ConcurrentEdit("taper plan")
    return get(conn, taper.id)


def add_event(
    conn: Connection,
    taper_id: int,
    kind: str,
    step: int | None,
    data: dict[str, Any],
    user_id: int | None,
) -> None:
    conn.execute(
        "INSERT INTO taper_events (plan_id, kind, step, data, at, user_id) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (taper_id, kind, step, json.dumps(data, sort_keys=True, default=str), _now(), user_id),
    )


def events(conn: Connection, taper_id: int) -> list[TaperEvent]:
    rows = conn.execute(
        "SELECT kind, step, data, at, user_id FROM taper_events WHERE plan_id = ? ORDER BY id",
        (taper_id,),
    ).fetchall()
    return [
        TaperEvent(
            kind=r[0],
            step=r[1],
            data=json.loads(r[2]),
            at=datetime.fromisoformat(r[3]),
            user_id=r[4],
        )
        for r in rows
    ]
