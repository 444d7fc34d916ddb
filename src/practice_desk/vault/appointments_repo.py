"""Booked visits."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from practice_desk.domain.appointments import Appointment, Booking, VisitStatus
from practice_desk.domain.errors import ConcurrentEdit, NotFound
from practice_desk.vault.db import Connection

_COLUMNS = "id, patient_id, on_day, at, minutes, kind, note, status, outcome, row_version"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _appointment(row: tuple[Any, ...]) -> Appointment:
    return Appointment(
        id=row[0],
        patient_id=row[1],
        booking=Booking(
            on=date.fromisoformat(row[2]),
            at=time.fromisoformat(row[3]),
            minutes=row[4],
            kind=row[5],
            note=row[6],
        ),
        status=row[7],
        outcome=row[8],
        row_version=row[9],
    )


def add(conn: Connection, patient_id: int, booking: Booking, user_id: int | None) -> Appointment:
    now = _now()
    cursor = conn.execute(
        "INSERT INTO appointments (patient_id, on_day, at, minutes, kind, note, created_at, "
        "created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            patient_id,
            booking.on.isoformat(),
            booking.at.strftime("%H:%M"),
            booking.minutes,
            booking.kind.value,
            booking.note,
            now,
            user_id,
            now,
            user_id,
        ),
    )
    return get(conn, int(cursor.lastrowid))


def get(conn: Connection, appointment_id: int) -> Appointment:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM appointments WHERE id = ?", (appointment_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"There is no visit {appointment_id}.")
    return _appointment(row)


def move(
    conn: Connection,
    appointment_id: int,
    booking: Booking,
    row_version: int,
    user_id: int | None,
) -> Appointment:
    cursor = conn.execute(
        "UPDATE appointments SET on_day = ?, at = ?, minutes = ?, kind = ?, note = ?, "
        "row_version = row_version + 1, updated_at = ?, updated_by = ? "
        "WHERE id = ? AND row_version = ?",
        (
            booking.on.isoformat(),
            booking.at.strftime("%H:%M"),
            booking.minutes,
            booking.kind.value,
            booking.note,
            _now(),
            user_id,
            appointment_id,
            row_version,
        ),
    )
    if cursor.rowcount != 1:
        raise ConcurrentEdit("visit")
    return get(conn, appointment_id)


def set_status(
    conn: Connection,
    appointment_id: int,
    status: VisitStatus,
    outcome: str,
    row_version: int,
    user_id: int | None,
) -> Appointment:
    cursor = conn.execute(
        "UPDATE appointments SET status = ?, outcome = ?, row_version = row_version + 1, "
        "updated_at = ?, updated_by = ? WHERE id = ? AND row_version = ?",
        (status.value, outcome, _now(), user_id, appointment_id, row_version),
    )
    if cursor.rowcount != 1:
        raise ConcurrentEdit("visit")
    return get(conn, appointment_id)


def for_patient(conn: Connection, patient_id: int) -> list[Appointment]:
    """Every visit of one patient, soonest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM appointments WHERE patient_id = ? ORDER BY on_day, at, id",
        (patient_id,),
    ).fetchall()
    return [_appointment(r) for r in rows]


def between(
    conn: Connection, first: date, last: date, status: VisitStatus | None = None
) -> list[Appointment]:
    """Visits from first to last (inclusive) of patients not archived, in time order."""
    sql = (
        f"SELECT {', '.join('a.' + c.strip() for c in _COLUMNS.split(','))} FROM appointments a "
        "JOIN patients p ON p.id = a.patient_id WHERE p.archived = 0 AND a.on_day BETWEEN ? AND ?"
    )
    args: list[Any] = [first.isoformat(), last.isoformat()]
    if status is not None:
        sql += " AND a.status = ?"
        args.append(status.value)
    rows = conn.execute(sql + " ORDER BY a.on_day, a.at, a.id", args).fetchall()
    return [_appointment(r) for r in rows]


def seen_without_booking(conn: Connection, since: date, today: date) -> list[tuple[int, date]]:
    """(patient id, last seen) of patients not archived who were seen since a day (a signed
    note, or a visit marked attended) and have nothing booked from today on; longest
    ago first."""
    rows = conn.execute(
        "WITH seen AS ("
        "  SELECT patient_id, visit_date AS day FROM notes WHERE signed_at IS NOT NULL"
        "  UNION ALL"
        "  SELECT patient_id, on_day FROM appointments WHERE status = 'attended'"
        ") "
        "SELECT s.patient_id, MAX(s.day) AS last FROM seen s "
        "JOIN patients p ON p.id = s.patient_id AND p.archived = 0 "
        "WHERE s.day >= ? AND s.day <= ? AND NOT EXISTS ("
        "  SELECT 1 FROM appointments a WHERE a.patient_id = s.patient_id"
        "  AND a.status = 'booked' AND a.on_day >= ?) "
        "GROUP BY s.patient_id ORDER BY last, s.patient_id",
        (since.isoformat(), today.isoformat(), today.isoformat()),
    ).fetchall()
    return [(int(r[0]), date.fromisoformat(r[1])) for r in rows]
