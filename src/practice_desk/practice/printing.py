"""Documents for a chart: handouts, taper calendars, medication lists and visit summaries.

Each returns PDF bytes; nothing is written to disk here. Printing is audited.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from practice_desk.domain import handouts
from practice_desk.domain.appointments import KIND_WORDS, Appointment, VisitStatus
from practice_desk.domain.errors import Conflict, ValidationError
from practice_desk.domain.regimens import Order, OrderStatus
from practice_desk.domain.users import Permission
from practice_desk.practice.as_taken import orders_as_taken
from practice_desk.practice.prescribing import RxService
from practice_desk.practice.results import due_for
from practice_desk.practice.session import Service, Session, use_case
from practice_desk.practice.trust import Trust
from practice_desk.vault.keys import format_recovery_key, parse_recovery_key

if TYPE_CHECKING:  # documents/ (ReportLab) loads when something is first printed
    from practice_desk.documents.base import Language, Paper
    from practice_desk.documents.cards import CardVisit
    from practice_desk.documents.sheets import MedicationLine, VisitFacts


class DocumentsService(Service):
    """Handouts, taper calendars, visit summaries, medication lists, Recovery Sheets."""

    def __init__(self, session: Session, rx: RxService, trust: Trust) -> None:
        super().__init__(session)
        self._rx = rx
        self._trust = trust

    def _paper(self, value: str | None) -> Paper:
        """The paper asked for, else the practice's paper size from its preferences."""
        chosen = value or self._store.preferences.load().rx_paper
        return "a4" if chosen == "a4" else "letter"

    @use_case(Permission.MANAGE_USERS)
    def recovery_sheet_pdf(self, recovery_key: str, *, paper: str | None = None) -> bytes:
        """The Recovery Sheet for the key shown at setup (checked against this practice)."""
        self._vault.keys.check_recovery_key(recovery_key)  # WrongRecoveryKey if not ours
        profile = self._store.prescriptions.profile()
        from practice_desk.documents.sheets import RecoveryFacts, render_recovery_sheet

        facts = RecoveryFacts(
            practice_name=profile.name if profile else self._vault.path.stem,
            vault_id=self._vault.keys.vault_id,
            recovery_key=format_recovery_key(parse_recovery_key(recovery_key)),
            created=date.today(),
            anchor=self._trust.trust_anchor(),
        )
        pdf = render_recovery_sheet(facts, paper=self._paper(paper), specimen=self._marking)
        self._audit("document.printed", None, {"kind": "recovery_sheet"})
        return pdf

    @use_case()
    def note_export(self, kind: str, patient_id: int | None = None) -> None:
        """Record that a document left the practice as an unencrypted file (Save as PDF)."""
        self._audit("document.exported", patient_id, {"kind": kind})

    @use_case(Permission.PRINT_HANDOUT)
    def handout_pdf(
        self, drug_id: str, language: Language = "en", *, paper: str | None = None
    ) -> bytes:
        try:
            handout = handouts.get(drug_id, language)
        except ValueError as exc:
            raise ValidationError("handout", str(exc)) from None
        from practice_desk.documents.sheets import render_handout

        pdf = render_handout(
            handout, self._rx._profile(), paper=self._paper(paper), specimen=self._marking
        )
        self._audit("document.printed", None, {"kind": "handout", "drug_id": drug_id})
        return pdf

    @use_case(Permission.PRINT_HANDOUT)
    def taper_calendar_pdf(
        self, taper_id: int, language: Language = "en", *, paper: str | None = None
    ) -> bytes:
        taper = self._store.tapers.get(taper_id)
        patient = self._store.patients.get(taper.patient_id)
        name = f"{patient.details.given_name} {patient.details.family_name}"
        from practice_desk.documents.taper_calendar import render_taper_calendar

        pdf = render_taper_calendar(
            taper.plan,
            patient_name=name,
            profile=self._rx._profile(),
            language=language,
            paper=self._paper(paper),
            specimen=self._marking,
        )
        self._audit(
            "document.printed", taper.patient_id, {"kind": "taper_calendar", "taper_id": taper_id}
        )
        return pdf

    @use_case(Permission.VIEW_CHART)
    def visit_facts(
        self,
        patient_id: int,
        *,
        visit_date: date | None = None,
        instructions: str = "",
        language: Language = "en",
    ) -> VisitFacts:
        """Today's list with changes marked (new, dose changed, stopped on the visit date)."""
        day = visit_date or date.today()
        patient = self._store.patients.get(patient_id)
        history = orders_as_taken(self._store, patient_id, day)
        lines = [
            _line(o, day, language)
            for o in history
            if o.active or (o.status is OrderStatus.STOPPED and o.end == day)
        ]
        follow = next(
            (
                a.on
                for a in self._store.appointments.for_patient(patient_id)
                if a.status is VisitStatus.BOOKED and a.on > day
            ),
            None,
        )
        due = [
            f"{d.item.what} ({d.drug}): {d.item.due.day} {d.item.due:%b %Y}"
            for d in due_for(self._store, patient_id, day)
            if (d.item.due - day).days <= 30
        ]
        from practice_desk.documents.sheets import VisitFacts

        return VisitFacts(
            patient_name=f"{patient.details.given_name} {patient.details.family_name}",
            date_of_birth=patient.details.date_of_birth,
            visit_date=day,
            medications=tuple(lines),
            instructions=instructions,
            next_appointment=follow,
            labs_due=tuple(due),
            allergies=tuple(
                (a.substance, a.reaction, a.severity.value) for a in patient.details.allergies
            ),
            no_known_allergies=patient.details.no_known_allergies,
        )

    @use_case(Permission.PRINT_HANDOUT)
    def visit_summary_pdf(
        self,
        patient_id: int,
        language: Language = "en",
        *,
        instructions: str = "",
        visit_date: date | None = None,
        paper: str | None = None,
    ) -> bytes:
        facts = self.visit_facts(
            patient_id, visit_date=visit_date, instructions=instructions, language=language
        )
        from practice_desk.documents.sheets import render_visit_summary

        pdf = render_visit_summary(
            facts,
            self._rx._profile(),
            language=language,
            paper=self._paper(paper),
            specimen=self._marking,
        )
        self._audit("document.printed", patient_id, {"kind": "visit_summary"})
        return pdf

    @use_case(Permission.PRINT_HANDOUT)
    def medication_list_pdf(
        self, patient_id: int, language: Language = "en", *, paper: str | None = None
    ) -> bytes:
        facts = self.visit_facts(patient_id, language=language)
        from practice_desk.documents.sheets import render_medication_list

        pdf = render_medication_list(
            facts,
            self._rx._profile(),
            language=language,
            paper=self._paper(paper),
            specimen=self._marking,
        )
        self._audit("document.printed", patient_id, {"kind": "medication_list"})
        return pdf

    @use_case(Permission.PRINT_HANDOUT)
    def appointment_card_pdf(
        self, appointment_id: int, language: Language = "en", *, paper: str | None = None
    ) -> bytes:
        """A card with one booked visit, and the patient's later bookings (up to three)."""
        visit = self._store.appointments.get(appointment_id)
        if visit.status is not VisitStatus.BOOKED:
            raise Conflict(f"This visit was {visit.status.value}: there is no card to print.")
        patient = self._store.patients.get(visit.patient_id)
        later = [
            a
            for a in self._store.appointments.for_patient(visit.patient_id)
            if a.status is VisitStatus.BOOKED and a.booking.starts > visit.booking.starts
        ][:3]
        from practice_desk.documents.cards import CardFacts, render_appointment_card

        facts = CardFacts(
            patient_name=f"{patient.details.given_name} {patient.details.family_name}",
            visit=_card_visit(visit, language),
            later=tuple(_card_visit(a, language) for a in later),
        )
        pdf = render_appointment_card(
            facts,
            self._rx._profile(),
            language=language,
            paper=self._paper(paper),
            specimen=self._marking,
        )
        self._audit("document.printed", visit.patient_id, {"kind": "appointment_card"})
        return pdf


def _card_visit(visit: Appointment, language: Language) -> CardVisit:
    from practice_desk.documents.cards import CardVisit

    booking = visit.booking
    english, spanish = KIND_WORDS[booking.kind]
    return CardVisit(
        on=booking.on,
        at=booking.at,
        minutes=booking.minutes,
        kind=spanish if language == "es" else english,
        note=booking.note,
    )


def _line(order: Order, day: date, language: Language) -> MedicationLine:
    d = order.details
    product = d.product
    strength = product.title(language) if product else ""
    if order.status is OrderStatus.STOPPED:
        change = "stopped"
    elif order.start == day and order.previous_id is not None:
        change = "dose_changed"
    elif order.start == day:
        change = "new"
    else:
        change = "unchanged"
    from practice_desk.documents.sheets import MedicationLine

    return MedicationLine(
        name=d.name,
        strength_form=strength,
        directions=d.directions(language),
        change=change,
        external=bool(d.external_prescriber),
        checked=d.checked,
    )
