"""Lab results and scale results."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import UTC, date, datetime
from typing import Any

from practice_desk.domain.records import LabResult, ScaleRecord
from practice_desk.vault.db import Connection


def _now() -> str:
    return datetime.now(UTC).isoformat()


def add_lab(
    conn: Connection,
    patient_id: int,
    test_id: str,
    value: float | None,
    text: str,
    unit: str,
    taken_on: date,
    user_id: int | None,
) -> LabResult:
    cursor = conn.execute(
        "INSERT INTO lab_results (patient_id, test_id, value, text, unit, taken_on, recorded_at, "
        "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (patient_id, test_id, value, text, unit, taken_on.isoformat(), _now(), user_id),
    )
    return LabResult(
        id=int(cursor.lastrowid),
        patient_id=patient_id,
        test_id=test_id,
        value=value,
        text=text,
        unit=unit,
        taken_on=taken_on,
    )


def labs(conn: Connection, patient_id: int, test_id: str | None = None) -> list[LabResult]:
    sql = (
        "SELECT id, patient_id, test_id, value, text, unit, taken_on FROM lab_results "
        "WHERE patient_id = ?"
    )
    params: list[Any] = [patient_id]
    if test_id:
        sql += " AND test_id = ?"
        params.append(test_id)
    rows = conn.execute(sql + " ORDER BY taken_on, id", params).fetchall()
    return [
        LabResult(
            id=r[0],
            patient_id=r[1],
            test_id=r[2],
            value=r[3],
            text=r[4],
            unit=r[5],
            taken_on=date.fromisoformat(r[6]),
        )
        for r in rows
    ]


def add_scale(
    conn: Connection,
    patient_id: int,
    scale_id: str,
    answers: dict[str, int],
    total: int,
    band: str,
    flags: tuple[str, ...],
    taken_on: date,
    user_id: int | None,
) -> ScaleRecord:
    cursor = conn.execute(
        "INSERT INTO scale_results (patient_id, scale_id, answers, total, band, flags, taken_on, "
        "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            patient_id,
            scale_id,
            json.dumps(answers, sort_keys=True),
            total,
            band,
            json.dumps(list(flags)),
            taken_on.isoformat(),
            _now(),
            user_id,
        ),
    )
    return ScaleRecord(
        id=int(cursor.lastrowid),
        patient_id=patient_id,
        scale_id=scale_id,
        answers=answers,
        total=total,
        band=band,
        flags=flags,
        taken_on=taken_on,
    )


def scales(conn: Connection, patient_id: int, scale_id: str | None = None) -> list[ScaleRecord]:
    sql = (
        "SELECT id, patient_id, scale_id, answers, total, band, flags, taken_on "
        "FROM scale_results WHERE patient_id = ?"
    )
    params: list[Any] = [patient_id]
    if scale_id:
        sql += " AND scale_id = ?"
        params.append(scale_id)
    rows = conn.execute(sql + " ORDER BY taken_on, id", params).fetchall()
    return [
        ScaleRecord(
            id=r[0],
            patient_id=r[1],
            scale_id=r[2],
            answers=json.loads(r[3]),
            total=r[4],
            band=r[5],
            flags=tuple(json.loads(r[6])),
            taken_on=date.fromisoformat(r[7]),
        )
        for r in rows
    ]


def patients_on_medication(conn: Connection, drug_ids: Collection[str] | None = None) -> list[int]:
    """Active patients with an active order; only for these drugs when ``drug_ids`` is given."""
    which = ""
    params: tuple[str, ...] = ()
    if drug_ids is not None:
        params = tuple(sorted(drug_ids))
        which = f" AND o.drug_id IN ({', '.join('?' * len(params))})" if params else " AND 0"
    rows = conn.execute(
        "SELECT DISTINCT o.patient_id FROM medication_orders o "
        "JOIN patients p ON p.id = o.patient_id "
        f"WHERE o.status = 'active' AND p.archived = 0{which} ORDER BY o.patient_id",
        params,
    ).fetchall()
    return [int(r[0]) for r in rows]
