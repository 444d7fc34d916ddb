"""Rows of the patients table as domain Patients, and the patient-list search."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime

from practice_desk.domain.errors import ConcurrentEdit, NotFound
from practice_desk.domain.patients import (
    STORED,
    Patient,
    PatientDetails,
    PatientSummary,
    display_name,
)
from practice_desk.domain.search import PatientQuery, fold
from practice_desk.vault.db import Connection

_FULL = "id, chart_number, row_version, archived, data"


def _keys(details: PatientDetails) -> tuple[str, str, str, str, str]:
    return (
        fold(details.family_name),
        fold(details.given_name),
        fold(details.preferred_name),
        details.date_of_birth.isoformat(),
        details.phone_digits[::-1],
    )


def _now() -> str:
    return datetime.now(UTC).isoformat()


def add(conn: Connection, details: PatientDetails, user_id: int | None) -> Patient:
    next_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM patients").fetchone()[0])
    chart = f"{next_id:06d}"
    now = _now()
    conn.execute(
        "INSERT INTO patients (id, chart_number, family_key, given_key, preferred_key, "
        "date_of_birth, phone_rev, data, created_at, created_by, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (next_id, chart, *_keys(details), details.model_dump_json(), now, user_id, now, user_id),
    )
    return Patient(id=next_id, chart_number=chart, row_version=1, details=details)


def get(conn: Connection, patient_id: int) -> Patient:
    row = conn.execute(f"SELECT {_FULL} FROM patients WHERE id = ?", (patient_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no patient with record number {patient_id}.")
    return Patient(
        id=row[0],
        chart_number=row[1],
        row_version=row[2],
        archived=bool(row[3]),
        details=PatientDetails.model_validate_json(row[4], context=STORED),
    )


def update(
    conn: Connection,
    patient_id: int,
    details: PatientDetails,
    row_version: int,
    user_id: int | None,
) -> Patient:
    cursor = conn.execute(
        "UPDATE patients SET family_key = ?, given_key = ?, preferred_key = ?, date_of_birth = ?, "
        "phone_rev = ?, data = ?, row_version = row_version + 1, updated_at = ?, updated_by = ? "
        "WHERE id = ? AND row_version = ?",
        (*_keys(details), details.model_dump_json(), _now(), user_id, patient_id, row_version),
    )
    if cursor.rowcount != 1:
        get(conn, patient_id)  # NotFound when it does not exist at all
        raise ConcurrentEdit("patient record")
    return get(conn, patient_id)


def set_archived(
    conn: Connection, patient_id: int, archived: bool, row_version: int, user_id: int | None
) -> Patient:
    cursor = conn.execute(
        "UPDATE patients SET archived = ?, row_version = row_version + 1, updated_at = ?, "
        "updated_by = ? WHERE id = ? AND row_version = ?",
        (int(archived), _now(), user_id, patient_id, row_version),
    )
    if cursor.rowcount != 1:
        get(conn, patient_id)
        raise ConcurrentEdit("patient record")
    return get(conn, patient_id)


def _prefix_range(column: str, prefix: str) -> tuple[str, list[str]]:
    # A range on the folded key uses the index; LIKE would scan the table.
    return f"({column} >= ? AND {column} < ?)", [prefix, prefix + "\U0010ffff"]


def search_ids(
    conn: Connection, query: PatientQuery, include_archived: bool = False, limit: int = 500
) -> list[int]:
    """Ids of matching patients in list order (family name, given name)."""
    where: list[str] = []
    params: list[object] = []
    if query.birth_date:
        where.append("date_of_birth = ?")
        params.append(query.birth_date.isoformat())
    if query.number:
        alternatives = ["chart_number = ?"]
        params.append(f"{int(query.number):06d}" if len(query.number) <= 6 else query.number)
        if len(query.number) >= 4:
            clause, values = _prefix_range("phone_rev", query.number[::-1])
            alternatives.append(clause)
            params.extend(values)
        where.append("(" + " OR ".join(alternatives) + ")")
    for part in query.name_parts:
        alternatives = []
        for column in ("family_key", "given_key", "preferred_key"):
            clause, values = _prefix_range(column, part)
            alternatives.append(clause)
            params.extend(values)
        where.append("(" + " OR ".join(alternatives) + ")")
    if not include_archived:
        where.append("archived = 0")
    sql = "SELECT id FROM patients"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY family_key, given_key, id LIMIT ?"
    params.append(limit)
    return [int(r[0]) for r in conn.execute(sql, params).fetchall()]


def summaries(conn: Connection, ids: Iterable[int]) -> list[PatientSummary]:
    """List rows for ids, in the order given (ids missing from the table are skipped)."""
    wanted = list(ids)
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    rows = conn.execute(
        f"SELECT id, chart_number, archived, data FROM patients WHERE id IN ({marks})", wanted
    ).fetchall()
    found: dict[int, PatientSummary] = {}
    for row in rows:
        # The list needs four fields; reading them straight from the stored document keeps
        # a keystroke in the search box fast (no full validation of every row shown).
        data = json.loads(row[3])
        found[int(row[0])] = PatientSummary(
            id=row[0],
            chart_number=row[1],
            display_name=display_name(
                data["family_name"], data["given_name"], data.get("preferred_name", "")
            ),
            date_of_birth=date.fromisoformat(data["date_of_birth"]),
            phone=data.get("phone"),
            archived=bool(row[2]),
        )
    return [found[i] for i in wanted if i in found]


def count(conn: Connection, include_archived: bool = False) -> int:
    sql = "SELECT count(*) FROM patients" + ("" if include_archived else " WHERE archived = 0")
    return int(conn.execute(sql).fetchone()[0])
