"""What the services ask of storage, whatever keeps the records.

Each Protocol below is one kind of record's repository; ``Store`` gathers them with the
one transaction they share. ``vault/store.py`` implements them on SQLCipher. The services
(``practice/``) see only these names: never a connection, a row, SQL or a key's bytes, so
a second store (a database server for an office network, see ARCHITECTURE.md) would be a
new implementation of this file and nothing above it would change.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any, Protocol

from practice_desk.domain.appointments import Appointment, Booking, VisitStatus
from practice_desk.domain.audit import AuditEvent
from practice_desk.domain.notes import Note, NoteContent
from practice_desk.domain.patients import Patient, PatientDetails, PatientSummary
from practice_desk.domain.preferences import Preferences
from practice_desk.domain.prescriptions import PracticeProfile, Prescription
from practice_desk.domain.records import (
    LabResult,
    RxEvent,
    ScaleRecord,
    StoredRx,
    StoredTaper,
    TaperEvent,
    TaperStatus,
)
from practice_desk.domain.regimens import Order, OrderStatus
from practice_desk.domain.roster import RosterEntry
from practice_desk.domain.search import PatientQuery
from practice_desk.domain.tapering import TaperPlan
from practice_desk.domain.users import Role, User

#: A sealed record's digest when the record is gone.
DELETED = "deleted"


class PatientRepository(Protocol):
    def add(self, details: PatientDetails, user_id: int | None) -> Patient: ...
    def get(self, patient_id: int) -> Patient: ...
    def update(
        self, patient_id: int, details: PatientDetails, row_version: int, user_id: int | None
    ) -> Patient: ...
    def set_archived(
        self, patient_id: int, archived: bool, row_version: int, user_id: int | None
    ) -> Patient: ...
    def count(self, include_archived: bool = False) -> int: ...
    def search_ids(
        self, query: PatientQuery, include_archived: bool = False, limit: int = 500
    ) -> list[int]:
        """Charts matching a search, best first (full-text search where the store has it)."""
        ...

    def summaries(self, ids: Iterable[int]) -> list[PatientSummary]: ...


class OrderRepository(Protocol):
    def add(self, order: Order, user_id: int | None) -> Order: ...
    def get(self, order_id: int) -> Order: ...
    def end(
        self,
        order: Order,
        status: OrderStatus,
        on: date,
        reason: str,
        user_id: int | None,
        in_error: bool = False,
    ) -> Order: ...
    def for_patient(self, patient_id: int, active_only: bool = False) -> list[Order]: ...
    def given_every_few_days(self) -> list[Order]:
        """Active orders with a dose every so many days (long-acting injections)."""
        ...

    def add_override(
        self, order_id: int, rule_ids: list[str], reason: str, user_id: int | None
    ) -> None: ...


class NoteRepository(Protocol):
    def add(
        self, patient_id: int, content: NoteContent, author_id: int | None, author: str
    ) -> Note: ...
    def get(self, note_id: int) -> Note: ...
    def update(self, note_id: int, content: NoteContent, row_version: int) -> Note: ...
    def sign(self, note_id: int, row_version: int, signer: str) -> Note: ...
    def add_addendum(self, note_id: int, text: str, author: str) -> Note: ...
    def for_patient(self, patient_id: int) -> list[Note]: ...
    def unsigned(self) -> list[tuple[int, int]]: ...
    def search(self, query: str, patient_id: int | None = None, limit: int = 100) -> list[int]: ...


class ResultRepository(Protocol):
    def add_lab(
        self,
        patient_id: int,
        test_id: str,
        value: float | None,
        text: str,
        unit: str,
        taken_on: date,
        user_id: int | None,
    ) -> LabResult: ...
    def labs(self, patient_id: int, test_id: str | None = None) -> list[LabResult]: ...
    def add_scale(
        self,
        patient_id: int,
        scale_id: str,
        answers: dict[str, int],
        total: int,
        band: str,
        flags: tuple[str, ...],
        taken_on: date,
        user_id: int | None,
    ) -> ScaleRecord: ...
    def scales(self, patient_id: int, scale_id: str | None = None) -> list[ScaleRecord]: ...
    def patients_on_medication(self, drug_ids: Collection[str] | None = None) -> list[int]: ...


class AppointmentRepository(Protocol):
    def add(self, patient_id: int, booking: Booking, user_id: int | None) -> Appointment: ...
    def get(self, appointment_id: int) -> Appointment: ...
    def move(
        self, appointment_id: int, booking: Booking, row_version: int, user_id: int | None
    ) -> Appointment: ...
    def set_status(
        self,
        appointment_id: int,
        status: VisitStatus,
        outcome: str,
        row_version: int,
        user_id: int | None,
    ) -> Appointment: ...
    def for_patient(self, patient_id: int) -> list[Appointment]: ...
    def between(
        self, first: date, last: date, status: VisitStatus | None = None
    ) -> list[Appointment]: ...
    def seen_without_booking(self, since: date, today: date) -> list[tuple[int, date]]: ...


class TaperRepository(Protocol):
    def add(
        self, patient_id: int, order_id: int | None, plan: TaperPlan, user_id: int | None
    ) -> StoredTaper: ...
    def get(self, taper_id: int) -> StoredTaper: ...
    def save(
        self, taper: StoredTaper, plan: TaperPlan, status: TaperStatus, user_id: int | None
    ) -> StoredTaper: ...
    def for_patient(self, patient_id: int, active_only: bool = True) -> list[StoredTaper]: ...
    def active_all(self) -> list[StoredTaper]: ...
    def add_event(
        self,
        taper_id: int,
        kind: str,
        step: int | None,
        data: dict[str, Any],
        user_id: int | None,
    ) -> None: ...
    def events(self, taper_id: int) -> list[TaperEvent]: ...


class PrescriptionRepository(Protocol):
    def profile(self) -> PracticeProfile | None: ...
    def save_profile(self, value: PracticeProfile, user_id: int | None) -> None: ...
    def add(
        self, patient_id: int, order_id: int | None, rx: Prescription, user_id: int | None
    ) -> StoredRx: ...
    def get(self, serial: int) -> StoredRx: ...
    def for_patient(self, patient_id: int) -> list[StoredRx]: ...
    def mark_printed(self, serial: int) -> None: ...
    def void(self, serial: int) -> None: ...
    def add_event(self, serial: int, kind: str, note: str, user_id: int | None) -> None: ...
    def events(self, serial: int) -> list[RxEvent]: ...


class PreferenceRepository(Protocol):
    def load(self) -> Preferences: ...
    def save(self, value: Preferences) -> None: ...


class SettingRepository(Protocol):
    """The practice's own small facts (when the last backup was made, ...)."""

    def get(self, key: str) -> str | None: ...
    def put(self, values: dict[str, str]) -> None: ...


class UserRepository(Protocol):
    def add(self, username: str, full_name: str, role: Role, slot_id: str) -> User: ...
    def active(self) -> list[User]: ...
    def by_username(self, username: str) -> User | None: ...
    def by_slot(self, slot_id: str) -> User | None: ...
    def deactivate(self, user_id: int) -> None: ...


class RosterRepository(Protocol):
    def entries(self) -> list[RosterEntry]: ...
    def last(self) -> tuple[int, str]: ...
    def append(self, entry: RosterEntry) -> None: ...


class AuditRepository(Protocol):
    """Reading the audit trail (events are appended through the key store, which signs)."""

    def events(self, patient_id: int | None = None, limit: int = 1000) -> list[AuditEvent]: ...
    def events_of(self, action: str) -> list[AuditEvent]: ...
    def last_action(self) -> str | None: ...
    def head(self) -> tuple[int, str] | None: ...
    def hash_of(self, seq: int) -> str | None: ...


class RecordSeals(Protocol):
    """Digests of the records a seal covers."""

    #: Each sealed kind of record, with what a person calls one.
    kinds: dict[str, str]

    def pending(self) -> set[tuple[str, int]]:
        """Records changed since the last seal."""
        ...

    def take_unsealed(self) -> dict[str, dict[str, str]]: ...
    def current_digests(self, kind: str, ids: Iterable[int]) -> dict[int, str]: ...


class Store(Protocol):
    """Every repository, and the one transaction a use case and its audit share."""

    patients: PatientRepository
    orders: OrderRepository
    notes: NoteRepository
    results: ResultRepository
    appointments: AppointmentRepository
    tapers: TaperRepository
    prescriptions: PrescriptionRepository
    preferences: PreferenceRepository
    settings: SettingRepository
    users: UserRepository
    roster: RosterRepository
    audit: AuditRepository
    records: RecordSeals

    def transaction(self) -> AbstractContextManager[object]:
        """All or nothing; inside an open one, a nested part that rolls back on its own."""
        ...

    @property
    def in_transaction(self) -> bool: ...
