"""Visits: booking, moving, cancelling and marking them, and what Today lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from practice_desk.domain.appointments import (
    SEEN_WITHIN_DAYS,
    USUAL_MINUTES,
    Appointment,
    Booking,
    VisitKind,
    VisitStatus,
    check_booking,
    clashes,
)
from practice_desk.domain.changes import Change
from practice_desk.domain.errors import Conflict, ValidationError
from practice_desk.domain.users import Permission
from practice_desk.practice.session import Service, use_case

#: When a follow-up booked by date alone (``set_follow_up``) is.
DEFAULT_TIME = time(9, 0)


@dataclass(frozen=True)
class VisitDay:
    """What Today lists about visits."""

    today: list[Appointment]
    #: Booked visits whose time has passed, never marked attended or missed.
    overdue: list[Appointment]
    #: (patient id, last seen) of patients seen lately with nothing booked.
    unbooked: list[tuple[int, date]]


class AppointmentsService(Service):
    """Each patient's visits, and the practice's day."""

    @use_case(Permission.BOOK_VISITS, changes=(Change.APPOINTMENTS,))
    def book(self, patient_id: int, booking: Booking, *, today: date | None = None) -> Appointment:
        """Book a visit (audited). A day that has passed is refused in words; a visit of
        the same patient at an overlapping time too."""
        self._refuse(patient_id, booking, today or date.today(), keep=0)
        made = self._store.appointments.add(patient_id, booking, self._actor_id)
        self._audit("appointment.booked", patient_id, _detail(made))
        return made

    @use_case(Permission.BOOK_VISITS, changes=(Change.APPOINTMENTS,))
    def move_visit(
        self, appointment_id: int, booking: Booking, row_version: int, *, today: date | None = None
    ) -> Appointment:
        """Change a booked visit's day, time, length, kind or note (audited)."""
        current = self._booked(appointment_id)
        self._refuse(current.patient_id, booking, today or date.today(), keep=current.id)
        moved = self._store.appointments.move(appointment_id, booking, row_version, self._actor_id)
        self._audit(
            "appointment.moved",
            moved.patient_id,
            _detail(moved) | {"from": current.booking.starts.isoformat(timespec="minutes")},
        )
        return moved

    @use_case(Permission.BOOK_VISITS, changes=(Change.APPOINTMENTS,))
    def cancel_visit(self, appointment_id: int, row_version: int, reason: str = "") -> Appointment:
        return self._mark(appointment_id, VisitStatus.CANCELLED, reason, row_version)

    @use_case(Permission.BOOK_VISITS, changes=(Change.APPOINTMENTS,))
    def mark_attended(self, appointment_id: int, row_version: int) -> Appointment:
        return self._mark(appointment_id, VisitStatus.ATTENDED, "", row_version)

    @use_case(Permission.BOOK_VISITS, changes=(Change.APPOINTMENTS,))
    def mark_missed(self, appointment_id: int, row_version: int) -> Appointment:
        return self._mark(appointment_id, VisitStatus.MISSED, "", row_version)

    @use_case(Permission.VIEW_CHART)
    def visits(self, patient_id: int) -> list[Appointment]:
        """Every visit of one patient, soonest first."""
        return self._store.appointments.for_patient(patient_id)

    @use_case(Permission.VIEW_CHART)
    def next_visit(self, patient_id: int) -> Appointment | None:
        """The first visit still booked: one past its time and never marked comes first."""
        return next(
            (
                a
                for a in self._store.appointments.for_patient(patient_id)
                if a.status is VisitStatus.BOOKED
            ),
            None,
        )

    @use_case(Permission.VIEW_CHART)
    def visit_day(self, *, now: datetime | None = None) -> VisitDay:
        """Today's visits, those overdue (past their time, never marked) and patients seen
        in the last 90 days with nothing booked."""
        moment = now or datetime.now()
        day = moment.date()
        store = self._store.appointments
        booked_before = store.between(date.min, day, VisitStatus.BOOKED)
        return VisitDay(
            today=store.between(day, day),
            overdue=[a for a in booked_before if a.overdue(moment)],
            unbooked=store.seen_without_booking(day - timedelta(days=SEEN_WITHIN_DAYS), day),
        )

    # --- the names used before visits were booked in full ---------------------------------

    @use_case(Permission.BOOK_VISITS, changes=(Change.APPOINTMENTS,))
    def set_follow_up(self, patient_id: int, due_on: date, note: str = "") -> Appointment:
        """Book a medication follow-up on a day (at 09:00), or move the next one there."""
        booking = Booking(
            on=due_on,
            at=DEFAULT_TIME,
            minutes=USUAL_MINUTES[VisitKind.FOLLOW_UP],
            kind=VisitKind.FOLLOW_UP,
            note=note,
        )
        upcoming = self.next_visit(patient_id)
        if upcoming is not None and upcoming.booking.kind is VisitKind.FOLLOW_UP:
            booking = booking.model_copy(update={"at": upcoming.booking.at})
            return self.move_visit(
                upcoming.id, booking, upcoming.row_version, today=min(due_on, date.today())
            )
        return self.book(patient_id, booking, today=min(due_on, date.today()))

    @use_case(Permission.VIEW_CHART)
    def follow_up(self, patient_id: int) -> tuple[date, str] | None:
        """(day, note) of the next booked visit."""
        upcoming = self.next_visit(patient_id)
        return (upcoming.on, upcoming.booking.note) if upcoming else None

    @use_case(Permission.VIEW_CHART)
    def follow_ups_due(self, *, until: date) -> list[tuple[int, date]]:
        """(patient id, day) of visits booked up to a day, overdue ones first."""
        booked = self._store.appointments.between(date.min, until, VisitStatus.BOOKED)
        return [(a.patient_id, a.on) for a in booked]

    # --- checks ------------------------------------------------------------------------

    def _refuse(self, patient_id: int, booking: Booking, today: date, keep: int) -> None:
        self._store.patients.get(patient_id)  # NotFound in words for a chart that is not there
        problem = check_booking(booking, today)
        if problem:
            raise ValidationError("on", problem)
        overlap = clashes(booking, self._store.appointments.for_patient(patient_id), keep)
        if overlap:
            other = overlap[0].booking
            raise ValidationError(
                "at",
                f"This patient already has a visit booked at {other.at:%H:%M} on that day "
                f"({other.minutes} minutes). Choose another time, or move that visit.",
            )

    def _booked(self, appointment_id: int) -> Appointment:
        current = self._store.appointments.get(appointment_id)
        if current.status is not VisitStatus.BOOKED:
            raise Conflict(f"This visit was already marked {current.status.value}.")
        return current

    def _mark(
        self, appointment_id: int, status: VisitStatus, outcome: str, row_version: int
    ) -> Appointment:
        self._booked(appointment_id)
        marked = self._store.appointments.set_status(
            appointment_id, status, " ".join(outcome.split())[:200], row_version, self._actor_id
        )
        self._audit(f"appointment.{status.value}", marked.patient_id, _detail(marked))
        return marked


def _detail(appointment: Appointment) -> dict[str, object]:
    booking = appointment.booking
    detail: dict[str, object] = {
        "at": booking.starts.isoformat(timespec="minutes"),
        "minutes": booking.minutes,
        "kind": booking.kind.value,
    }
    if appointment.outcome:
        detail["reason"] = appointment.outcome
    return detail
