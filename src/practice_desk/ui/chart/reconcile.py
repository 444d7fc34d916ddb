"""Medication reconciliation: what the patient reports taking, against the chart.

Read-only: the dialog compares and says what differs, in words; the chart changes only
through the Medications tab's Add, Change dose and Stop buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain.errors import PracticeError
from practice_desk.domain.regimens import DoseNote, ReconcileItem, ReconcileKind, Reported
from practice_desk.domain.reported import Unreadable, UnreadReason, parse_reported_list
from practice_desk.domain.search import fold
from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.i18n import fill
from practice_desk.ui.naming import named
from practice_desk.ui.screen import fit_to_screen
from practice_desk.ui.table_model import RowsModel

# Kinds a clinician has to resolve, each with its row colours (background, text).
_COLOURS = {
    ReconcileKind.DOSE_DIFFERS: (QColor("#fff4e0"), QColor("#4a2d00")),
    ReconcileKind.NEW: (QColor("#e3f0fd"), QColor("#0b3a66")),
    ReconcileKind.MISSING: (QColor("#fdecea"), QColor("#5f0f0a")),
}
_UNCOMPARED = QColor("#8a5300")
_STYLES = {
    "differs": "background: #fff4e0; border: 1px solid #8a5300; color: #4a2d00; padding: 4px;",
    "matches": "background: #e8f5e9; border: 1px solid #1b5e20; color: #0d3010; padding: 4px;",
}


def is_difference(item: ReconcileItem) -> bool:
    return item.kind in _COLOURS


def is_uncompared(item: ReconcileItem) -> bool:
    """The same medication, but a dose on one side is not known, so "same" is not proven."""
    return item.kind is ReconcileKind.SAME and (
        item.reported is None or item.reported.daily_mg is None or item.chart_daily_mg is None
    )


class ReconcileModel(RowsModel):
    """One row per reported line or unreported chart medication, with the result in words."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [self.tr("What"), self.tr("Reported"), self.tr("In the chart"), self.tr("Result")],
            parent,
        )

    def set_items(self, items: Sequence[ReconcileItem]) -> None:
        self.set_rows(items)

    def item(self, row: int) -> ReconcileItem:
        found: ReconcileItem = self.row_item(row)
        return found

    def _cells(self, row: ReconcileItem) -> tuple[str, ...]:
        return (self._what(row), self._reported(row), self._chart(row), self.result(row))

    def _extra(self, row: ReconcileItem, column: int, role: int) -> Any:
        colours = _COLOURS.get(row.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1 and row.reported is not None and row.reported.text:
                return fill(self.tr("Typed: “%1”"), row.reported.text)
            return self._cells(row)[column]
        if colours is not None and role == Qt.ItemDataRole.BackgroundRole:
            return colours[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            if colours is not None:
                return colours[1]
            return _UNCOMPARED if is_uncompared(row) and column == 3 else None
        if role == Qt.ItemDataRole.FontRole and column == 3 and colours is not None:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _what(self, row: ReconcileItem) -> str:
        said = row.reported.name if row.reported is not None else ""
        if said and fold(said) != fold(row.name):
            return fill(self.tr("%1 (reported as %2)"), row.name, said)
        return row.name

    def _mg(self, value: float) -> str:
        return fill(self.tr("%1 mg/day"), f"{value:g}")

    def _reported(self, row: ReconcileItem) -> str:
        if row.reported is None:
            return self.tr("not reported")
        if row.reported.daily_mg is not None:
            return self._mg(row.reported.daily_mg)
        return self.dose_note(row.reported)

    def dose_note(self, reported: Reported) -> str:
        """Why the reported daily dose is not known, in a clinician's words."""
        return {
            None: self.tr("dose not given"),
            DoseNote.NOT_GIVEN: self.tr("dose not given"),
            DoseNote.NO_UNIT: self.tr("amount without a unit (mg? tablets?)"),
            DoseNote.NOT_MG: self.tr("not in mg (tablets, mL or units)"),
            DoseNote.SEVERAL_AMOUNTS: self.tr("more than one amount: check the dose"),
            DoseNote.FREQUENCY_UNCLEAR: self.tr("how often is unclear"),
            DoseNote.AS_NEEDED: self.tr("as needed"),
            DoseNote.NOT_DAILY: self.tr("not daily (weekly, monthly…)"),
        }[reported.dose_note]

    def _chart(self, row: ReconcileItem) -> str:
        if row.kind is ReconcileKind.NEW:
            return self.tr("not in the chart")
        if row.chart_daily_mg is None:
            return self.tr("dose not in mg")
        return self._mg(row.chart_daily_mg)

    def result(self, row: ReconcileItem) -> str:
        if row.kind is ReconcileKind.NEW:
            return self.tr("not in the chart — new to us")
        if row.kind is ReconcileKind.MISSING:
            return self.tr("in the chart but not reported — ask if still taken")
        if row.kind is ReconcileKind.DOSE_DIFFERS:
            return fill(
                self.tr("dose differs: reported %1, chart %2"),
                self._mg((row.reported.daily_mg or 0) if row.reported else 0),
                self._mg(row.chart_daily_mg or 0),
            )
        if is_uncompared(row):
            return self.tr("same medication — dose not compared: ask the dose")
        return self.tr("matches")


class ReconcileDialog(QDialog):
    """Type or paste the patient's list; Compare shows each difference from the chart."""

    compared = Signal()

    def __init__(self, practice: Practice, patient_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
        self._patient_id = patient_id
        self.setObjectName("reconcile_dialog")
        self.setWindowTitle(prompts.titled(parent, self.tr("Reconcile medications")))
        fit_to_screen(self, 780, 640)

        intro = QLabel(
            self.tr(
                "Type or paste what the patient says they take (from the bag, a list or a "
                "letter), one medication a line, e.g. “Zoloft 100 mg daily”. This only "
                "compares: change the chart with Add, Change dose and Stop."
            )
        )
        intro.setWordWrap(True)
        self.reported = named(QPlainTextEdit(), "reconcile_reported")
        self.reported.setAccessibleName(self.tr("What the patient reports taking"))
        self.reported.setPlaceholderText(
            self.tr("sertraline 100 mg daily\nlithium 300 mg twice a day\nmelatonin")
        )
        self.reported.setTabChangesFocus(True)
        self.compare_button = named(QPushButton(self.tr("&Compare")), "reconcile_compare")
        self.compare_button.setToolTip(self.tr("Compare with the chart (Ctrl+Enter)"))
        self.compare_button.clicked.connect(self._on_compare_clicked)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._on_compare_clicked)

        self.summary = named(QLabel(), "reconcile_summary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Reconciliation summary"))
        self.model = ReconcileModel(self)
        self.results = named(QTableView(), "reconcile_results")
        self.results.setModel(self.model)
        self.results.setAccessibleName(self.tr("Reported against the chart"))
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setWordWrap(False)
        self.results.verticalHeader().hide()
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.unreadable = named(QLabel(), "reconcile_unreadable")
        self.unreadable.setWordWrap(True)
        self.unreadable.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.unreadable.setStyleSheet("color: #8a5300")
        self.unreadable.setAccessibleName(self.tr("Lines not read"))
        self.error = named(QLabel(), "reconcile_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000; font-weight: bold")
        self.error.setAccessibleName(self.tr("Problem"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.compare_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reported, 1)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 2)
        layout.addWidget(self.unreadable)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._show_summary()
        self._show_unreadable([])

    def compare(self) -> None:
        """Read the typed list and compare it with the chart's active medications."""
        self.error.clear()
        read = parse_reported_list(self.reported.toPlainText())
        self._show_unreadable(read.unreadable)
        if not read.reported:
            # An empty list would mark every chart medication "not reported".
            self.model.set_items([])
            self._show_summary(self.tr("Type at least one medication, one a line."))
            return
        try:
            items = self._practice.reconcile_medications(self._patient_id, list(read.reported))
        except PracticeError as exc:
            self.error.setText(str(exc))
            return
        self.model.set_items(items)
        self.results.resizeColumnsToContents()
        self._show_summary()
        self.compared.emit()

    def _on_compare_clicked(self) -> None:
        self.compare()

    def _show_summary(self, message: str = "") -> None:
        items = [self.model.item(r) for r in range(self.model.rowCount())]
        if message or not items:
            self.summary.setText(message or self.tr("Type the patient's list, then Compare."))
            self.summary.setStyleSheet("")
            return
        differences = sum(is_difference(i) for i in items)
        uncompared = sum(is_uncompared(i) for i in items)
        parts = [
            self.tr("%n difference(s) to resolve.", "", differences)
            if differences
            else self.tr("No differences: the list matches the chart.")
        ]
        if uncompared:
            parts.append(self.tr("%n dose(s) not compared: ask the dose.", "", uncompared))
        self.summary.setText(" ".join(parts))
        self.summary.setStyleSheet(
            _STYLES["differs"] if differences or uncompared else _STYLES["matches"]
        )

    def _show_unreadable(self, lines: Sequence[Unreadable]) -> None:
        why = {
            UnreadReason.NO_NAME: self.tr(
                "no medication name; start the line with it, e.g. “sertraline 100 mg”"
            ),
            UnreadReason.TOO_LONG: self.tr("too long for one medication; put one a line"),
        }
        self.unreadable.setText(
            "\n".join(
                fill(self.tr("Line %1 not read: “%2” — %3."), str(u.line), u.text, why[u.reason])
                for u in lines
            )
        )
        self.unreadable.setVisible(bool(lines))
