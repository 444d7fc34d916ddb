"""One read for an open chart: everything its tabs show, and one audit event."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from practice_desk.domain.appointments import Appointment, VisitStatus
from practice_desk.domain.audit import AuditEvent
from practice_desk.domain.notes import Note
from practice_desk.domain.patients import Patient
from practice_desk.domain.records import LabResult, RxEvent, ScaleRecord, StoredRx, StoredTaper
from practice_desk.domain.regimens import Order
from practice_desk.domain.safety import Alert
from practice_desk.domain.taper_progress import SymptomEntry
from practice_desk.domain.tapering import Step
from practice_desk.domain.users import Permission
from practice_desk.practice.appointments import AppointmentsService
from practice_desk.practice.notes import NotesService
from practice_desk.practice.prescribing import RxService
from practice_desk.practice.regimens import RegimensService
from practice_desk.practice.results import PatientDue, ResultsService
from practice_desk.practice.session import Service, Session, use_case
from practice_desk.practice.tapers import TapersService

#: Each prescription with its events (written, printed, reprinted, voided).
RxLog = list[tuple[StoredRx, list[RxEvent]]]

#: How many of the chart's own audit events the Audit tab shows.
AUDIT_SHOWN = 500


@dataclass(frozen=True)
class Chart:
    """A patient's record as of one moment, read in one go (a snapshot: it does not
    change when the record does; read a new one)."""

    patient: Patient
    today: date
    #: The whole medication timeline as taken, oldest first (active and stopped).
    history: list[Order]
    alerts: list[Alert]
    #: Newest first.
    notes: list[Note]
    #: Every rating scale, oldest first.
    scales: list[ScaleRecord]
    labs: list[LabResult]
    due: list[PatientDue]
    #: Active tapers, with the step each is on today (None before it starts or after it ends).
    tapers: list[StoredTaper]
    steps: dict[int, Step | None]
    symptoms: dict[int, list[SymptomEntry]]
    #: Every visit, soonest first.
    visits: list[Appointment]
    #: None when the user may not see them (not a prescriber).
    prescriptions: RxLog | None = None
    audit: list[AuditEvent] | None = None
    #: What the signed-in user may do here.
    may: frozenset[Permission] = field(default_factory=frozenset)

    @property
    def patient_id(self) -> int:
        return self.patient.id

    @property
    def medications(self) -> list[Order]:
        """The active list."""
        return [o for o in self.history if o.active]

    @property
    def next_visit(self) -> Appointment | None:
        """The first visit still booked (one past its time and never marked first)."""
        return next((v for v in self.visits if v.status is VisitStatus.BOOKED), None)

    def scale_history(self, scale_id: str) -> list[ScaleRecord]:
        return [r for r in self.scales if r.scale_id == scale_id]


class ChartService(Service):
    """Reads a whole chart at once, from the services that keep its parts."""

    def __init__(
        self,
        session: Session,
        *,
        regimens: RegimensService,
        results: ResultsService,
        tapers: TapersService,
        rx: RxService,
        notes: NotesService,
        appointments: AppointmentsService,
    ) -> None:
        super().__init__(session)
        self._regimens, self._results, self._tapers = regimens, results, tapers
        self._rx, self._notes, self._appointments = rx, notes, appointments

    @use_case(Permission.VIEW_CHART)
    def chart(self, patient_id: int, *, today: date | None = None, audit: bool = True) -> Chart:
        """Open a chart: the whole record its tabs show, audited once as a chart read.

        ``audit=False`` re-reads a chart already open (after a change made in it), which
        is not a new opening.
        """
        today = today or date.today()
        user = self.user
        patient = self._store.patients.get(patient_id)
        if audit:  # first, so that the Audit tab shows this opening too
            self._audit("chart.read", patient_id)
        history = self._regimens.medications(patient_id, include_history=True)
        tapers = self._tapers.tapers(patient_id)
        chart = Chart(
            patient=patient,
            today=today,
            history=history,
            alerts=self._regimens.check_medications(patient_id, today=today),
            notes=self._notes.notes(patient_id),
            scales=self._results.scale_history(patient_id),
            labs=self._results.lab_results(patient_id),
            due=self._results.monitoring_due(patient_id, today=today),
            tapers=tapers,
            steps={t.id: self._tapers.taper_step(t.id, today=today) for t in tapers},
            symptoms={t.id: self._tapers.withdrawal_log(t.id) for t in tapers},
            visits=self._appointments.visits(patient_id),
            prescriptions=(
                self._rx.prescription_log(patient_id) if user.may(Permission.PRESCRIBE) else None
            ),
            audit=(
                self._store.audit.events(patient_id, AUDIT_SHOWN)
                if user.may(Permission.READ_AUDIT)
                else None
            ),
            may=frozenset(p for p in Permission if user.may(p)),
        )
        return chart
