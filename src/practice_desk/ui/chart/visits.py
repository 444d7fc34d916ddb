"""Booking a visit, and one patient's visits: move, cancel, mark attended or missed.

Both dialogs name the patient in their title. They open window-modal (``open()``), and
their owner keeps them in an attribute, so tests drive the real widgets.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain.appointments import (
    MAX_MINUTES,
    MIN_MINUTES,
    USUAL_MINUTES,
    Appointment,
    Booking,
    VisitKind,
    VisitStatus,
    next_visit_in,
)
from practice_desk.domain.errors import PracticeError
from practice_desk.domain.notes import Note
from practice_desk.domain.users import Permission
from practice_desk.practice import Practice
from practice_desk.practice.chart import Chart
from practice_desk.ui import prompts
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP, fill, long_date
from practice_desk.ui.naming import named
from practice_desk.ui.screen import fit_to_screen

_ERROR_STYLE = "color: #a00000;"

KIND_NAMES = {
    VisitKind.EVALUATION: QT_TRANSLATE_NOOP("Visits", "Evaluation"),
    VisitKind.FOLLOW_UP: QT_TRANSLATE_NOOP("Visits", "Medication follow-up"),
    VisitKind.INJECTION: QT_TRANSLATE_NOOP("Visits", "Injection"),
    VisitKind.LAB_DRAW: QT_TRANSLATE_NOOP("Visits", "Lab draw"),
}
STATUS_NAMES = {
    VisitStatus.BOOKED: QT_TRANSLATE_NOOP("Visits", "booked"),
    VisitStatus.ATTENDED: QT_TRANSLATE_NOOP("Visits", "attended"),
    VisitStatus.CANCELLED: QT_TRANSLATE_NOOP("Visits", "cancelled"),
    VisitStatus.MISSED: QT_TRANSLATE_NOOP("Visits", "did not attend"),
}


def _translate(source: str) -> str:
    return str(QCoreApplication.translate("Visits", source))


def kind_name(kind: VisitKind) -> str:
    return _translate(KIND_NAMES[kind])


def status_name(status: VisitStatus) -> str:
    return _translate(STATUS_NAMES[status])


def visit_words(visit: Appointment) -> str:
    """ "Tue 12 Jan 2027, 14:30 — Medication follow-up (30 min)" in the interface language."""
    booking = visit.booking
    return fill(
        QCoreApplication.translate("Visits", "%1 at %2 — %3 (%4 min)"),
        long_date(booking.on),
        f"{booking.at:%H:%M}",
        kind_name(booking.kind),
        booking.minutes,
    )


class BookVisitDialog(QDialog):
    """Book a visit for one patient, or move one (``visit`` given)."""

    saved = Signal(object)  # the Appointment booked or moved

    def __init__(
        self,
        practice: Practice,
        patient_id: int,
        patient_name: str,
        parent: QWidget | None = None,
        *,
        visit: Appointment | None = None,
        on: date | None = None,
        kind: VisitKind = VisitKind.FOLLOW_UP,
    ) -> None:
        super().__init__(parent)
        self._practice = practice
        self._patient_id = patient_id
        self._visit = visit
        self.setObjectName("book_visit")
        title = self.tr("Move the visit — %1") if visit else self.tr("Book a visit — %1")
        self.setWindowTitle(fill(title, patient_name))
        booking = visit.booking if visit else None
        self.day = named(QDateEdit(), "visit_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setMinimumDate(QDate.currentDate())
        self.time = named(QTimeEdit(), "visit_time")
        self.time.setDisplayFormat("HH:mm")
        self.minutes = named(QSpinBox(), "visit_minutes")
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(self.tr(" min"))
        self.kind = named(QComboBox(), "visit_kind")
        for value in VisitKind:
            self.kind.addItem(kind_name(value), value.value)
        self.note = named(QLineEdit(), "visit_note")
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(self.tr("e.g. fasting for labs (optional)"))
        chosen = booking.kind if booking else kind
        self.kind.setCurrentIndex(self.kind.findData(chosen.value))
        first = booking.on if booking else (on or date.today())
        self.day.setDate(QDate(first.year, first.month, first.day))
        at = booking.at if booking else time(9, 0)
        self.time.setTime(QTime(at.hour, at.minute))
        self.minutes.setValue(booking.minutes if booking else USUAL_MINUTES[chosen])
        self.note.setText(booking.note if booking else "")
        self._usual = self.minutes.value() == USUAL_MINUTES[chosen]
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.minutes.valueChanged.connect(self._on_minutes_changed)
        form = QFormLayout()
        for label, widget in (
            (self.tr("&Day:"), self.day),
            (self.tr("&Time:"), self.time),
            (self.tr("&Length:"), self.minutes),
            (self.tr("&Kind of visit:"), self.kind),
            (self.tr("&Note:"), self.note),
        ):
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            form.addRow(label, widget)
        self.error = named(QLabel(), "visit_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Move") if visit else self.tr("&Book"))
        ok.setObjectName("visit_ok")
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._shown = self._values()
        fit_to_screen(self, 440, self.sizeHint().height())

    def booking(self) -> Booking:
        day = self.day.date()
        at = self.time.time()
        return Booking(
            on=date(day.year(), day.month(), day.day()),
            at=time(at.hour(), at.minute()),
            minutes=self.minutes.value(),
            kind=VisitKind(self.kind.currentData()),
            note=self.note.text(),
        )

    def _values(self) -> tuple[object, ...]:
        return (self.day.date(), self.time.time(), self.minutes.value(), self.kind.currentIndex(),
                self.note.text())  # fmt: skip

    def _on_kind_changed(self) -> None:
        if self._usual:  # follow the kind until a length is chosen by hand
            self.minutes.blockSignals(True)
            self.minutes.setValue(USUAL_MINUTES[VisitKind(self.kind.currentData())])
            self.minutes.blockSignals(False)

    def _on_minutes_changed(self) -> None:
        self._usual = False

    def _on_ok_clicked(self) -> None:
        visits = self._practice.appointments
        try:
            booking = self.booking()
            if self._visit is None:
                made = visits.book(self._patient_id, booking)
            else:
                made = visits.move_visit(self._visit.id, booking, self._visit.row_version)
        except (PracticeError, ValueError) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.saved.emit(made)
        self.accept()

    def reject(self) -> None:
        """Esc or Cancel: ask before throwing away what was typed."""
        if self._values() != self._shown and not prompts.confirm(
            self,
            self.tr("Discard this booking?"),
            self.tr("The visit has not been booked. Close without booking it?"),
        ):
            return
        super().reject()


class VisitsDialog(QDialog):
    """One patient's visits, soonest first, with what can be done to each."""

    changed = Signal()

    def __init__(
        self,
        practice: Practice,
        patient_id: int,
        patient_name: str,
        parent: QWidget | None = None,
        *,
        language: str = "en",
    ) -> None:
        super().__init__(parent)
        self._practice = practice
        self._patient_id = patient_id
        self._name = patient_name
        self._visits: list[Appointment] = []
        self.booking: BookVisitDialog | None = None
        self.setObjectName("visits_dialog")
        self.setWindowTitle(fill(self.tr("Visits — %1"), patient_name))
        self.table = named(QTableWidget(0, 5), "visits_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Day and time"), self.tr("Length"), self.tr("Kind"), self.tr("Status"),
             self.tr("Note")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Visits"))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.book_button = self._button(self.tr("&Book a visit…"), "visits_book", self._on_book)
        self.move_button = self._button(self.tr("&Move…"), "visits_move", self._on_move)
        self.cancel_button = self._button(
            self.tr("&Cancel visit…"), "visits_cancel", self._on_cancel
        )
        self.attended_button = self._button(
            self.tr("&Attended"), "visits_attended", self._on_attended
        )
        self.missed_button = self._button(
            self.tr("Did &not attend"), "visits_missed", self._on_missed
        )
        self.card_button = self._button(self.tr("&Print card…"), "visits_card", self._on_card)
        self.card_language = named(QComboBox(), "visits_card_language")
        self.card_language.addItem(self.tr("English"), "en")
        self.card_language.addItem(self.tr("Español (Spanish)"), "es")
        self.card_language.setCurrentIndex(max(0, self.card_language.findData(language)))
        self.card_language.setAccessibleName(self.tr("Language of the card"))
        self.error = named(QLabel(), "visits_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        row = QHBoxLayout()
        for button in (self.book_button, self.move_button, self.cancel_button,
                       self.attended_button, self.missed_button, self.card_button):  # fmt: skip
            row.addWidget(button)
        row.addWidget(self.card_language)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        QShortcut(QKeySequence("Ctrl+N"), self, self._on_book)
        fit_to_screen(self, 760, 420)
        self.refresh()

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = named(QPushButton(text), name)
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        try:
            self._visits = self._practice.appointments.visits(self._patient_id)
        except PracticeError as exc:
            self.error.setText(str(exc))
            return
        now = datetime.now()
        self.table.setRowCount(len(self._visits))
        for row, visit in enumerate(self._visits):
            b = visit.booking
            status = status_name(visit.status)
            if visit.overdue(now):
                status = fill(self.tr("%1 (past its time, not marked)"), status)
            cells = (
                f"{long_date(b.on)} {b.at:%H:%M}",
                self.tr("%1 min").replace("%1", str(b.minutes)),
                kind_name(b.kind),
                status,
                visit.outcome or b.note,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, visit.id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        upcoming = next(
            (i for i, v in enumerate(self._visits) if v.status is VisitStatus.BOOKED), None
        )
        if upcoming is not None:
            self.table.selectRow(upcoming)
        self._update_buttons()

    def selected(self) -> Appointment | None:
        rows = self.table.selectionModel().selectedRows()
        return self._visits[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        visit = self.selected()
        booked = visit is not None and visit.status is VisitStatus.BOOKED
        for button in (self.move_button, self.cancel_button, self.attended_button,
                       self.missed_button, self.card_button):  # fmt: skip
            button.setEnabled(booked)

    def _on_book(self) -> None:
        self._open_booking(None)

    def _on_move(self) -> None:
        visit = self.selected()
        if visit is not None and visit.status is VisitStatus.BOOKED:
            self._open_booking(visit)

    def _open_booking(self, visit: Appointment | None) -> None:
        if self.booking is not None:
            self.booking.deleteLater()
        self.booking = BookVisitDialog(
            self._practice, self._patient_id, self._name, self, visit=visit
        )
        self.booking.saved.connect(self._on_saved)
        self.booking.open()

    def _on_saved(self) -> None:
        self.error.clear()
        self.refresh()
        self.changed.emit()

    def _on_cancel(self) -> None:
        visit = self.selected()
        if visit is None:
            return
        reason = prompts.ask_text(
            self,
            fill(self.tr("Cancel the visit — %1"), self._name),
            fill(self.tr("Cancel the visit on %1? Reason (optional):"), visit_words(visit)),
        )
        if reason is None:
            return
        self._act(lambda: self._practice.appointments.cancel_visit(
            visit.id, visit.row_version, reason))  # fmt: skip

    def _on_attended(self) -> None:
        visit = self.selected()
        if visit is not None:
            self._act(lambda: self._practice.appointments.mark_attended(
                visit.id, visit.row_version))  # fmt: skip

    def _on_missed(self) -> None:
        visit = self.selected()
        if visit is not None:
            self._act(lambda: self._practice.appointments.mark_missed(
                visit.id, visit.row_version))  # fmt: skip

    def _on_card(self) -> None:
        visit = self.selected()
        if visit is None or visit.status is not VisitStatus.BOOKED:
            return
        try:
            pdf = self._practice.appointment_card_pdf(visit.id, self.card_language.currentData())
        except PracticeError as exc:
            self.error.setText(str(exc))
            return
        prompts.print_pdf(self, pdf, fill(self.tr("Appointment card — %1"), self._name))

    def _act(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except PracticeError as exc:
            self.error.setText(str(exc))
            return
        self._on_saved()


def offer_from_plan(
    parent: QWidget, practice: Practice, chart: Chart, note: Note, saved: Any = None
) -> BookVisitDialog | None:
    """After signing: when the plan says to come back ("next visit in 4 weeks"), offer to
    book that visit, on that day (or today if it has passed). The dialog, when opened;
    ``saved`` (a signal or callable) hears of the visit booked."""
    wait = next_visit_in(note.content.sections.get("plan", ""))
    if wait is None or Permission.BOOK_VISITS not in chart.may:
        return None
    day = max(note.content.visit_date + wait, date.today())
    name = chart.patient.display_name
    question = fill(
        QCoreApplication.translate(
            "Visits", "The plan says when to come back: around %1. Book that visit now?"
        ),
        long_date(day),
    )
    if chart.next_visit is not None:
        question += " " + fill(
            QCoreApplication.translate("Visits", "Already booked: %1."),
            visit_words(chart.next_visit),
        )
    title = fill(QCoreApplication.translate("Visits", "Book the next visit — %1"), name)
    if not prompts.confirm(parent, title, question):
        return None
    dialog = BookVisitDialog(practice, chart.patient_id, name, parent, on=day)
    if saved is not None:
        dialog.saved.connect(saved)
    dialog.open()
    return dialog
