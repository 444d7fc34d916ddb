"""The practice profile, prescriptions and their log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from practice_desk.domain.errors import NotFound
from practice_desk.domain.prescriptions import PracticeProfile, Prescription
from practice_desk.domain.records import RxEvent, StoredRx
from practice_desk.vault.db import Connection


def _now() -> str:
    return datetime.now(UTC).isoformat()


def profile(conn: Connection) -> PracticeProfile | None:
    row = conn.execute("SELECT data FROM practice_profile WHERE id = 1").fetchone()
    return PracticeProfile.model_validate_json(row[0]) if row else None


def save_profile(conn: Connection, value: PracticeProfile, user_id: int | None) -> None:
    conn.execute(
        "INSERT INTO practice_profile (id, data, updated_at, updated_by) VALUES (1, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET data = excluded.data, row_version = row_version + 1, "
        "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        (value.model_dump_json(), _now(), user_id),
    )


def add(
    conn: Connection, patient_id: int, order_id: int | None, rx: Prescription, user_id: int | None
) -> StoredRx:
    cursor = conn.execute(
        "INSERT INTO prescriptions (patient_id, order_id, status, data, created_at, created_by) "
        "VALUES (?, ?, 'written', '{}', ?, ?)",
        (patient_id, order_id, _now(), user_id),
    )
    serial = int(cursor.lastrowid)
    numbered = rx.model_copy(update={"serial": serial})
    conn.execute(
        "UPDATE prescriptions SET data = ? WHERE id = ?", (numbered.model_dump_json(), serial)
    )
    add_event(conn, serial, "written", "", user_id)
    return get(conn, serial)


def _stored(row: tuple[Any, ...]) -> StoredRx:
    return StoredRx(
        serial=row[0],
        patient_id=row[1],
        order_id=row[2],
        status=row[3],
        rx=Prescription.model_validate_json(row[4]),
        first_printed_at=datetime.fromisoformat(row[5]) if row[5] else None,
    )


_COLUMNS = "id, patient_id, order_id, status, data, first_printed_at"


def get(conn: Connection, serial: int) -> StoredRx:
    row = conn.execute(f"SELECT {_COLUMNS} FROM prescriptions WHERE id = ?", (serial,)).fetchone()
    if row is None:
        raise NotFound(f"There is no prescription number {serial}.")
    return _stored(row)


def for_patient(conn: Connection, patient_id: int) -> list[StoredRx]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM prescriptions WHERE patient_id = ? ORDER BY id DESC", (patient_id,)
    ).fetchall()
    return [_stored(r) for r in rows]


def mark_printed(conn: Connection, serial: int) -> None:
    conn.execute(
        "UPDATE prescriptions SET status = 'printed', "
        "first_printed_at = coalesce(first_printed_at, ?) WHERE id = ? AND status != 'voided'",
        (_now(), serial),
    )


def void(conn: Connection, serial: int) -> None:
    conn.execute("UPDATE prescriptions SET status = 'voided' WHERE id = ?", (serial,))


def add_event(conn: Connection, serial: int, kind: str, note: str, user_id: int | None) -> None:
    conn.execute(
        "INSERT INTO prescription_events (prescription_id, kind, note, at, user_id) "
        "VALUES (?, ?, ?, ?, ?)",
        (serial, kind, note, _now(), user_id),
    )


def events(conn: Connection, serial: int) -> list[RxEvent]:
    rows = conn.execute(
        "SELECT prescription_id, kind, note, at, user_id FROM prescription_events "
        "WHERE prescription_id = ? ORDER BY id",
        (serial,),
    ).fetchall()
    return [
        RxEvent(
            prescription_id=r[0],
            kind=r[1],
            note=r[2],
            at=datetime.fromisoformat(r[3]),
            user_id=r[4],
        )
        for r in rows
    ]
