"""Rows of medication_orders as domain Orders."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from practice_desk.domain.errors import ConcurrentEdit, NotFound
from practice_desk.domain.patients import STORED
from practice_desk.domain.regimens import Order, OrderStatus
from practice_desk.vault.db import Connection

_COLUMNS = "id, patient_id, status, start_date, end_date, previous_id, row_version, data"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _order(row: tuple[Any, ...]) -> Order:
    extra = json.loads(row[7])
    # Read back as stored: an order keeps the product it was written for (STORED).
    return Order.model_validate(
        {
            "id": row[0],
            "patient_id": row[1],
            "status": OrderStatus(row[2]),
            "start": date.fromisoformat(row[3]),
            "end": date.fromisoformat(row[4]) if row[4] else None,
            "previous_id": row[5],
            "row_version": row[6],
            "details": extra["details"],
            "reason": extra.get("reason", ""),
            "end_reason": extra.get("end_reason", ""),
            "prescriber": extra.get("prescriber", ""),
            "in_error": extra.get("in_error", False),
        },
        context=STORED,
    )


def _data(order: Order) -> str:
    return json.dumps(
        {
            "details": order.details.model_dump(mode="json"),
            "reason": order.reason,
            "end_reason": order.end_reason,
            "prescriber": order.prescriber,
            **({"in_error": True} if order.in_error else {}),
        },
        sort_keys=True,
    )


def add(conn: Connection, order: Order, user_id: int | None) -> Order:
    now = _now()
    cursor = conn.execute(
        "INSERT INTO medication_orders (patient_id, drug_id, status, start_date, end_date, "
        "previous_id, data, created_at, created_by, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            order.patient_id,
            order.details.drug_id,
            order.status.value,
            order.start.isoformat(),
            order.end.isoformat() if order.end else None,
            order.previous_id,
            _data(order),
            now,
            user_id,
            now,
            user_id,
        ),
    )
    return order.model_copy(update={"id": int(cursor.lastrowid), "row_version": 1})


def get(conn: Connection, order_id: int) -> Order:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM medication_orders WHERE id = ?", (order_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"There is no medication order number {order_id}.")
    return _order(row)


def end(
    conn: Connection,
    order: Order,
    status: OrderStatus,
    on: date,
    reason: str,
    user_id: int | None,
    in_error: bool = False,
) -> Order:
    ended = order.model_copy(
        update={"status": status, "end": on, "end_reason": reason, "in_error": in_error}
    )
    cursor = conn.execute(
        "UPDATE medication_orders SET status = ?, end_date = ?, data = ?, "
        "row_version = row_version + 1, updated_at = ?, updated_by = ? "
        "WHERE id = ? AND row_version = ? AND status = 'active'",
        (status.value, on.isoformat(), _data(ended), _now(), user_id, order.id, order.row_version),
    )
    if cursor.rowcount != 1:
        raise ConcurrentEdit("medication")
    return get(conn, order.id)


def for_patient(conn: Connection, patient_id: int, active_only: bool = False) -> list[Order]:
    sql = f"SELECT {_COLUMNS} FROM medication_orders WHERE patient_id = ?"
    if active_only:
        sql += " AND status = 'active'"
    sql += " ORDER BY start_date, id"
    return [_order(r) for r in conn.execute(sql, (patient_id,)).fetchall()]


def add_override(
    conn: Connection, order_id: int, rule_ids: list[str], reason: str, user_id: int | None
) -> None:
    conn.execute(
        "INSERT INTO safety_overrides (order_id, rule_ids, reason, at, user_id) "
        "VALUES (?, ?, ?, ?, ?)",
        (order_id, ",".join(rule_ids), reason, _now(), user_id),
    )


def given_every_few_days(conn: Connection) -> list[Order]:
    """Active orders of patients not archived with a dose every so many days (long-acting
    injections), for the practice's list of doses due."""
    rows = conn.execute(
        f"SELECT {', '.join('o.' + c.strip() for c in _COLUMNS.split(','))} "
        "FROM medication_orders o JOIN patients p ON p.id = o.patient_id "
        "WHERE o.status = 'active' AND p.archived = 0 "
        "AND json_extract(o.data, '$.details.schedule.every_days') > 0 "
        "ORDER BY o.patient_id, o.id"
    ).fetchall()
    return [_order(r) for r in rows]
