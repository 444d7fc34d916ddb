"""The Audit tab (prescribers): who opened or changed this chart, and when."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from practice_desk.domain.audit import AuditEvent
from practice_desk.domain.changes import Change
from practice_desk.practice import Practice
from practice_desk.practice.chart import Chart
from practice_desk.ui.chart.tab import ChartTabBase
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP
from practice_desk.ui.naming import named
from practice_desk.ui.table_model import RowsModel

#: How each recorded action reads in the table.
ACTIONS = {
    "chart.read": QT_TRANSLATE_NOOP("AuditModel", "opened the chart"),
    "patient.added": QT_TRANSLATE_NOOP("AuditModel", "registered the patient"),
    "patient.updated": QT_TRANSLATE_NOOP("AuditModel", "changed patient details"),
    "patient.archived": QT_TRANSLATE_NOOP("AuditModel", "archived the patient"),
    "patient.unarchived": QT_TRANSLATE_NOOP("AuditModel", "restored the patient from the archive"),
    "medication.started": QT_TRANSLATE_NOOP("AuditModel", "started a medication"),
    "medication.changed": QT_TRANSLATE_NOOP("AuditModel", "changed a dose"),
    "medication.stopped": QT_TRANSLATE_NOOP("AuditModel", "stopped a medication"),
    "medication.entered_in_error": QT_TRANSLATE_NOOP(
        "AuditModel", "marked a medication entered in error"
    ),
    "safety.override": QT_TRANSLATE_NOOP("AuditModel", "overrode a contraindication"),
    "lab.recorded": QT_TRANSLATE_NOOP("AuditModel", "recorded a lab result"),
    "scale.recorded": QT_TRANSLATE_NOOP("AuditModel", "recorded a rating scale"),
    "follow_up.set": QT_TRANSLATE_NOOP("AuditModel", "booked a follow-up"),
    "appointment.booked": QT_TRANSLATE_NOOP("AuditModel", "booked a visit"),
    "appointment.moved": QT_TRANSLATE_NOOP("AuditModel", "moved a visit"),
    "appointment.cancelled": QT_TRANSLATE_NOOP("AuditModel", "cancelled a visit"),
    "appointment.attended": QT_TRANSLATE_NOOP("AuditModel", "marked a visit attended"),
    "appointment.missed": QT_TRANSLATE_NOOP("AuditModel", "marked a visit not attended"),
    "taper.started": QT_TRANSLATE_NOOP("AuditModel", "started a taper"),
    "taper.hold": QT_TRANSLATE_NOOP("AuditModel", "held a taper step"),
    "taper.extend": QT_TRANSLATE_NOOP("AuditModel", "extended a taper step"),
    "taper.step_back": QT_TRANSLATE_NOOP("AuditModel", "stepped a taper back"),
    "taper.replan": QT_TRANSLATE_NOOP("AuditModel", "re-planned a taper"),
    "taper.symptoms": QT_TRANSLATE_NOOP("AuditModel", "logged withdrawal symptoms"),
    "taper.ended": QT_TRANSLATE_NOOP("AuditModel", "ended a taper"),
    "rx.written": QT_TRANSLATE_NOOP("AuditModel", "wrote a prescription"),
    "rx.previewed": QT_TRANSLATE_NOOP("AuditModel", "previewed a prescription"),
    "rx.printed": QT_TRANSLATE_NOOP("AuditModel", "printed a prescription"),
    "rx.reprinted": QT_TRANSLATE_NOOP("AuditModel", "reprinted a prescription"),
    "rx.voided": QT_TRANSLATE_NOOP("AuditModel", "voided a prescription"),
    "document.printed": QT_TRANSLATE_NOOP("AuditModel", "printed a document"),
    "document.exported": QT_TRANSLATE_NOOP("AuditModel", "saved a document as an unencrypted PDF"),
    "note.drafted": QT_TRANSLATE_NOOP("AuditModel", "started a visit note"),
    "note.edited": QT_TRANSLATE_NOOP("AuditModel", "edited a draft note"),
    "note.signed": QT_TRANSLATE_NOOP("AuditModel", "signed a visit note"),
    "note.addendum": QT_TRANSLATE_NOOP("AuditModel", "added an addendum"),
    "note.found_in_search": QT_TRANSLATE_NOOP(
        "AuditModel", "saw this chart's notes in a search of all patients"
    ),
    "permission.refused": QT_TRANSLATE_NOOP("AuditModel", "was refused an action"),
}


class AuditModel(RowsModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent)
        self._headers = [self.tr("When (UTC)"), self.tr("Who"), self.tr("What"), self.tr("Details")]

    def _cells(self, row: AuditEvent) -> tuple[str, ...]:
        what = ACTIONS.get(row.action, row.action)
        details = ", ".join(f"{k}: {v}" for k, v in sorted(row.detail.items()))
        return (f"{row.at:%d %b %Y %H:%M}", row.username, self.tr(what), details)

    def _extra(self, row: Any, column: int, role: int) -> Any:
        return None


class AuditTab(QWidget, ChartTabBase):
    concerns = frozenset(Change)  # every change is an event
    changed = Signal()

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
        self.setObjectName("audit_tab")
        self.model = AuditModel(self)
        self.table = named(QTableView(), "audit_table")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Audit trail of this chart"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = named(QLabel(), "audit_note")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Everyone who opened or changed this chart, newest first."))
        )
        layout.addWidget(self.table)
        layout.addWidget(self.note)

    def show_chart(self, chart: Chart) -> None:
        events = chart.audit
        if events is None:  # hidden for this role, and not read for it
            self.clear()
            return
        self.model.set_rows(events)
        self.note.setText(self.tr("%n event(s) shown.", "", len(events)))
        self.table.resizeColumnsToContents()

    def clear(self) -> None:
        self.model.set_rows([])
        self.note.clear()
