"""Stored records as the rest of the app sees them, whatever keeps them.

The storage (``vault/``, SQLCipher today) returns these; services and the window use them
and never a row, a cursor or a connection.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from practice_desk.domain.prescriptions import Prescription
from practice_desk.domain.tapering import TaperPlan

TaperStatus = Literal["active", "completed", "abandoned"]
RxStatus = Literal["written", "printed", "voided"]


class LabResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    patient_id: int
    test_id: str
    value: float | None
    text: str
    unit: str
    taken_on: date


class ScaleRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    patient_id: int
    scale_id: str
    answers: dict[str, int]
    total: int
    band: str
    flags: tuple[str, ...]
    taken_on: date


class StoredTaper(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    patient_id: int
    order_id: int | None
    status: TaperStatus
    plan: TaperPlan
    row_version: int


class TaperEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str
    step: int | None
    data: dict[str, Any]
    at: datetime
    user_id: int | None


class StoredRx(BaseModel):
    model_config = ConfigDict(frozen=True)

    serial: int
    patient_id: int
    order_id: int | None
    status: RxStatus
    rx: Prescription
    first_printed_at: datetime | None


class RxEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    prescription_id: int
    kind: str
    note: str
    at: datetime
    user_id: int | None
