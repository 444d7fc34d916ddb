"""The SQLCipher store: the repositories of ``domain/storage.py`` on one connection.

Each repository's methods are the ``*_repo`` module functions with the connection bound,
so the SQL stays in one place per table and vault tests can still call the functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Concatenate, ParamSpec, TypeVar

from practice_desk.domain.errors import StorageError
from practice_desk.domain.storage import (
    AppointmentRepository,
    AuditRepository,
    NoteRepository,
    OrderRepository,
    PatientRepository,
    PreferenceRepository,
    PrescriptionRepository,
    RecordSeals,
    ResultRepository,
    RosterRepository,
    SettingRepository,
    TaperRepository,
    UserRepository,
)
from practice_desk.vault import (
    appointments_repo,
    audit_repo,
    notes_repo,
    orders_repo,
    patients_repo,
    preferences_repo,
    prescriptions_repo,
    records_repo,
    results_repo,
    roster_repo,
    tapers_repo,
    users_repo,
)
from practice_desk.vault.db import Connection, DatabaseError, IntegrityError, transaction

P = ParamSpec("P")
R = TypeVar("R")


def _on(function: Callable[Concatenate[Connection, P], R]) -> Callable[Concatenate[Any, P], R]:
    """``function`` as a method of a repository: its connection comes from the repository,
    and a database error comes out as the StorageError the services know."""

    def method(self: _Repository, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(self.conn, *args, **kwargs)
        except IntegrityError:
            raise
        except DatabaseError as exc:  # what SQLite calls it stays here
            raise StorageError(str(exc)) from None

    method.__name__ = method.__qualname__ = function.__name__
    method.__doc__ = function.__doc__
    return method


class _Repository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn


class Patients(_Repository):
    add = _on(patients_repo.add)
    get = _on(patients_repo.get)
    update = _on(patients_repo.update)
    set_archived = _on(patients_repo.set_archived)
    count = _on(patients_repo.count)
    search_ids = _on(patients_repo.search_ids)
    summaries = _on(patients_repo.summaries)


class Orders(_Repository):
    add = _on(orders_repo.add)
    get = _on(orders_repo.get)
    end = _on(orders_repo.end)
    for_patient = _on(orders_repo.for_patient)
    given_every_few_days = _on(orders_repo.given_every_few_days)
    add_override = _on(orders_repo.add_override)


class Notes(_Repository):
    add = _on(notes_repo.add)
    get = _on(notes_repo.get)
    update = _on(notes_repo.update)
    sign = _on(notes_repo.sign)
    add_addendum = _on(notes_repo.add_addendum)
    for_patient = _on(notes_repo.for_patient)
    unsigned = _on(notes_repo.unsigned)
    search = _on(notes_repo.search)


class Results(_Repository):
    add_lab = _on(results_repo.add_lab)
    labs = _on(results_repo.labs)
    add_scale = _on(results_repo.add_scale)
    scales = _on(results_repo.scales)
    patients_on_medication = _on(results_repo.patients_on_medication)


class Appointments(_Repository):
    add = _on(appointments_repo.add)
    get = _on(appointments_repo.get)
    move = _on(appointments_repo.move)
    set_status = _on(appointments_repo.set_status)
    for_patient = _on(appointments_repo.for_patient)
    between = _on(appointments_repo.between)
    seen_without_booking = _on(appointments_repo.seen_without_booking)


class Tapers(_Repository):
    add = _on(tapers_repo.add)
    get = _on(tapers_repo.get)
    save = _on(tapers_repo.save)
    for_patient = _on(tapers_repo.for_patient)
    active_all = _on(tapers_repo.active_all)
    add_event = _on(tapers_repo.add_event)
    events = _on(tapers_repo.events)


class Prescriptions(_Repository):
    profile = _on(prescriptions_repo.profile)
    save_profile = _on(prescriptions_repo.save_profile)
    add = _on(prescriptions_repo.add)
    get = _on(prescriptions_repo.get)
    for_patient = _on(prescriptions_repo.for_patient)
    mark_printed = _on(prescriptions_repo.mark_printed)
    void = _on(prescriptions_repo.void)
    add_event = _on(prescriptions_repo.add_event)
    events = _on(prescriptions_repo.events)


class Preferences(_Repository):
    load = _on(preferences_repo.load)
    save = _on(preferences_repo.save)


class Settings(_Repository):
    def get(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def put(self, values: dict[str, str]) -> None:
        self.conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            sorted(values.items()),
        )


class Users(_Repository):
    add = _on(users_repo.add)
    active = _on(users_repo.active)
    by_username = _on(users_repo.by_username)
    by_slot = _on(users_repo.by_slot)
    deactivate = _on(users_repo.deactivate)


class Roster(_Repository):
    entries = _on(roster_repo.entries)
    last = _on(roster_repo.last)
    append = _on(roster_repo.append)


class Audit(_Repository):
    events = _on(audit_repo.events)
    events_of = _on(audit_repo.events_of)
    last_action = _on(audit_repo.last_action)
    head = _on(audit_repo.head)
    hash_of = _on(audit_repo.hash_of)


class Records(_Repository):
    kinds = records_repo.SEALED_TABLES
    pending = _on(records_repo.pending)
    take_unsealed = _on(records_repo.take_unsealed)
    current_digests = _on(records_repo.current_digests)


class SqlStore:
    """Every repository over one SQLCipher connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.patients: PatientRepository = Patients(conn)
        self.orders: OrderRepository = Orders(conn)
        self.notes: NoteRepository = Notes(conn)
        self.results: ResultRepository = Results(conn)
        self.appointments: AppointmentRepository = Appointments(conn)
        self.tapers: TaperRepository = Tapers(conn)
        self.prescriptions: PrescriptionRepository = Prescriptions(conn)
        self.preferences: PreferenceRepository = Preferences(conn)
        self.settings: SettingRepository = Settings(conn)
        self.users: UserRepository = Users(conn)
        self.roster: RosterRepository = Roster(conn)
        self.audit: AuditRepository = Audit(conn)
        self.records: RecordSeals = Records(conn)

    def transaction(self) -> AbstractContextManager[object]:
        return _transaction(self.conn)

    @property
    def in_transaction(self) -> bool:
        return bool(self.conn.in_transaction)


@contextmanager
def _transaction(conn: Connection) -> Iterator[object]:
    with transaction(conn):
        yield None
