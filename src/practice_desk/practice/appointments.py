"""Follow-up visits: when each patient is next due to be seen."""

from __future__ import annotations

from datetime import date

from practice_desk.domain.changes import Change
from practice_desk.domain.users import Permission
from practice_desk.practice.session import Service, use_case


class AppointmentsService(Service):
    """The next follow-up of each patient (booking visits in full is issue 15's)."""

    @use_case(Permission.EDIT_DEMOGRAPHICS, changes=(Change.PATIENT,))
    def set_follow_up(self, patient_id: int, due_on: date, note: str = "") -> None:
        with self._change():
            self._store.results.set_follow_up(patient_id, due_on, note.strip(), self._actor_id)
            self._audit("follow_up.set", patient_id, {"due_on": due_on.isoformat()})

    @use_case(Permission.VIEW_CHART)
    def follow_up(self, patient_id: int) -> tuple[date, str] | None:
        return self._store.results.follow_up(patient_id)

    @use_case(Permission.VIEW_CHART)
    def follow_ups_due(self, *, until: date) -> list[tuple[int, date]]:
        """(patient id, date) of follow-ups due by a date, overdue ones first."""
        return self._store.results.follow_ups_until(until)
