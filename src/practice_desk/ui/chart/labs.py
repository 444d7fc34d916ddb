"""The Labs tab: enter a result, read what it means, see past results and what is due.

What a number means comes from ``domain.monitoring.classify`` (through
``Practice.record_lab``); what is due from ``Practice.monitoring_due``. The tab only shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain import monitoring
from practice_desk.domain.changes import Change
from practice_desk.domain.errors import PracticeError
from practice_desk.domain.monitoring import Lab, LabFlag
from practice_desk.practice import Practice
from practice_desk.practice.chart import Chart
from practice_desk.practice.results import PatientDue
from practice_desk.ui.chart.tab import ChartTabBase
from practice_desk.ui.i18n import long_date
from practice_desk.ui.naming import named
from practice_desk.ui.table_model import RowsModel

if TYPE_CHECKING:  # the rows the facade hands back
    from practice_desk.domain.records import LabResult

_Index = QModelIndex | QPersistentModelIndex
_RED = QColor("#b3261e")
_AMBER = QColor("#8a5300")
#: Message styles by level: alerts need action, high/low need a look, the rest are information.
_STYLES = {
    "alert": "background: #fdecea; border: 2px solid #b3261e; color: #5f0f0a;",
    "abnormal": "background: #fff4e0; border: 1px solid #8a5300; color: #4a2d00;",
    "normal": "background: #e8f5e9; border: 1px solid #1b5e20; color: #0d3010;",
}


def has_range(lab: Lab) -> bool:
    return any(b is not None for b in (lab.low, lab.high, lab.alert_low, lab.alert_high))


def number(value: float) -> str:
    return f"{value:g}"


def short_range(lab: Lab) -> str:
    """The usual range with its unit: "0.6–1.2 mmol/L", "≥ 60 mL/min/1.73 m²", or "—"."""
    unit = f" {lab.unit}" if lab.unit else ""
    if lab.low is not None and lab.high is not None:
        return f"{number(lab.low)}–{number(lab.high)}{unit}"
    if lab.low is not None:
        return f"≥ {number(lab.low)}{unit}"
    if lab.high is not None:
        return f"≤ {number(lab.high)}{unit}"
    return "—"


def result_words(result: LabResult) -> str:
    """ "1.6 mmol/L", "negative", or both: a number always with its unit."""
    parts = []
    if result.value is not None:
        parts.append(f"{number(result.value)} {result.unit}".strip())
    if result.text:
        parts.append(f"({result.text})" if parts else result.text)
    return " ".join(parts)


class LabResultsModel(RowsModel):
    """A patient's results, newest first, each with what it means in words."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                self.tr("Date"),
                self.tr("Test"),
                self.tr("Result"),
                self.tr("Reading"),
                self.tr("Range"),
            ],
            parent,
        )
        self._labs = monitoring.labs()
        self._flags: dict[int, LabFlag | None] = {}

    def set_results(self, results: Sequence[LabResult]) -> None:
        self._flags = {r.id: self._classify(r) for r in results}
        self.set_rows(sorted(results, key=lambda r: (r.taken_on, r.id), reverse=True))

    def _classify(self, result: LabResult) -> LabFlag | None:
        lab = self._labs.get(result.test_id)
        if result.value is None or lab is None or not has_range(lab):
            return None
        return monitoring.classify(result.test_id, result.value)

    def _cells(self, row: LabResult) -> tuple[str, ...]:
        lab = self._labs.get(row.test_id)
        return (
            long_date(row.taken_on),
            lab.name if lab else row.test_id,
            result_words(row),
            self._reading(row),
            short_range(lab) if lab else "",
        )

    def _reading(self, row: LabResult) -> str:
        flag = self._flags.get(row.id)
        if flag is None:
            return (
                self.tr("in words: not checked")
                if row.value is None
                else self.tr("no range: judge clinically")
            )
        return {
            "normal": self.tr("within range"),
            "low": self.tr("▼ low"),
            "high": self.tr("▲ high"),
            "alert_low": self.tr("⚠ ALERT: low"),
            "alert_high": self.tr("⚠ ALERT: high"),
        }[flag.level]

    def _extra(self, row: LabResult, column: int, role: int) -> Any:
        flag = self._flags.get(row.id)
        if flag is None or column != 3:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return flag.message
        if role == Qt.ItemDataRole.ForegroundRole and flag.level != "normal":
            return _RED if flag.level.startswith("alert") else _AMBER
        return None


class DueModel(RowsModel):
    """What monitoring is due, earliest first, with OVERDUE spelled out."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [self.tr("Test"), self.tr("For"), self.tr("Due"), self.tr("Status"), self.tr("Why")],
            parent,
        )
        self._today = date.today()

    def set_due(self, due: Sequence[PatientDue], today: date) -> None:
        self._today = today
        self.set_rows(due)

    def _cells(self, row: PatientDue) -> tuple[str, ...]:
        item = row.item
        return (item.what, row.drug, long_date(item.due), self._status(row), item.reason)

    def _status(self, row: PatientDue) -> str:
        days = (row.item.due - self._today).days
        if row.item.overdue:
            text = self.tr("⚠ OVERDUE by 1 day") if days == -1 else self.tr("⚠ OVERDUE by %1 days")
            return text.replace("%1", str(-days))
        if days == 0:
            return self.tr("due today")
        return (self.tr("due tomorrow") if days == 1 else self.tr("due in %1 days")).replace(
            "%1", str(days)
        )

    def _extra(self, row: PatientDue, column: int, role: int) -> Any:
        if not row.item.overdue or column != 3:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return _RED
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None


class _ResultSpin(QDoubleSpinBox):
    """A number field that starts empty ("—"), so an untouched field is never saved as 0."""

    EMPTY = -1.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(self.EMPTY, 1_000_000)
        self.setDecimals(2)
        self.setSpecialValueText("—")
        self.setValue(self.EMPTY)

    def result(self) -> float | None:
        """The number entered, or None when the field is empty (below 0 is the empty mark)."""
        return None if self.value() < 0 else self.value()

    def stepBy(self, steps: int) -> None:
        if self.result() is None:
            if steps > 0:
                self.setValue(0.0)
            return
        target = self.value() + steps * self.singleStep()
        self.setValue(target if target >= 0 else self.EMPTY)


class LabsTab(QWidget, ChartTabBase):
    """Record lab results and measurements for the open patient; see them and what is due."""

    concerns = frozenset({Change.RESULTS, Change.MEDICATIONS, Change.TAPERS})

    changed = Signal()

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labs_tab")
        self._practice = practice
        self._patient_id: int | None = None
        self._labs = monitoring.labs()

        self.test = named(QComboBox(), "lab_test")
        self.test.setAccessibleName(self.tr("Test"))
        for lab in sorted(self._labs.values(), key=lambda lab: lab.name.lower()):
            shown = f"{lab.name} ({lab.unit})" if lab.unit else lab.name
            self.test.addItem(shown, lab.id)
            if lab.note:
                self.test.setItemData(self.test.count() - 1, lab.note, Qt.ItemDataRole.ToolTipRole)
        self.value = named(_ResultSpin(), "lab_value")
        self.value.setAccessibleName(self.tr("Result as a number"))
        self.unit = named(QLabel(), "lab_unit")
        self.unit_choice = named(QComboBox(), "lab_unit_choice")
        self.unit_choice.setAccessibleName(self.tr("Unit of the result"))
        self.unit_choice.setVisible(False)
        self.words = named(QLineEdit(), "lab_words")
        self.words.setAccessibleName(self.tr("Result in words"))
        self.words.setPlaceholderText(self.tr("e.g. negative, 128/82, normal"))
        self.taken_on = named(QDateEdit(), "lab_date")
        self.taken_on.setDisplayFormat("d MMM yyyy")
        self.taken_on.setCalendarPopup(True)
        self.taken_on.setAccessibleName(self.tr("Date the sample was taken"))
        self.range = named(QLabel(), "lab_range")
        self.range.setWordWrap(True)
        self.range.setStyleSheet("color: #444")
        self.save_button = named(QPushButton(self.tr("&Save result")), "lab_save")
        self.message = named(QLabel(), "lab_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setAccessibleName(self.tr("What the result means"))
        self.message.setVisible(False)

        number_row = QHBoxLayout()
        number_row.addWidget(self.value, 1)
        number_row.addWidget(self.unit)
        number_row.addWidget(self.unit_choice)
        form = QFormLayout()
        form.addRow(self._buddy(self.tr("&Test:"), self.test), self.test)
        form.addRow(self._buddy(self.tr("&Number:"), self.value), number_row)
        form.addRow(self._buddy(self.tr("or in &words:"), self.words), self.words)
        form.addRow(self._buddy(self.tr("&Taken on:"), self.taken_on), self.taken_on)
        form.addRow("", self.range)
        entry = QGroupBox(self.tr("Enter a result"))
        entry_layout = QVBoxLayout(entry)
        entry_layout.addLayout(form)
        entry_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        entry_layout.addWidget(self.message)
        entry_layout.addStretch(1)
        self.form = entry

        self.due_model = DueModel(self)
        self.due = self._table(self.due_model, "lab_due", self.tr("Monitoring due"), stretch=(0, 4))
        self.due.setToolTip(self.tr("Double-click a row to enter that result."))
        self.due_empty = named(QLabel(), "lab_due_empty")
        self.due_empty.setWordWrap(True)
        due_box = QGroupBox(self.tr("Due"))
        due_layout = QVBoxLayout(due_box)
        due_layout.addWidget(self.due_empty)
        due_layout.addWidget(self.due)

        self.results_model = LabResultsModel(self)
        self.results = self._table(
            self.results_model, "lab_results", self.tr("Past results"), stretch=(3,)
        )
        results_box = QGroupBox(self.tr("Results (newest first)"))
        QVBoxLayout(results_box).addWidget(self.results)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(entry)
        top.addWidget(due_box)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        whole = QSplitter(Qt.Orientation.Vertical)
        whole.addWidget(top)
        whole.addWidget(results_box)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(whole)

        self.test.currentIndexChanged.connect(self._on_test_changed)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.due.activated.connect(self._on_due_activated)
        self.test.setCurrentIndex(max(self.test.findData("lithium_level"), 0))
        self._on_test_changed(self.test.currentIndex())
        self.clear()

    # --- the tab contract --------------------------------------------------------------------

    def show_chart(self, chart: Chart) -> None:
        """Load a patient's results and monitoring due, with an empty form for today; the
        same patient again (a result was saved) keeps the message about it."""
        if chart.patient_id == self._patient_id:
            self._refresh()
            return
        self._patient_id = chart.patient_id
        self.form.setEnabled(True)
        today = QDate.currentDate()
        self.taken_on.setMaximumDate(today)
        self.taken_on.setDate(today)
        self._reset_entry()
        self.message.setVisible(False)
        self._refresh()

    def clear(self) -> None:
        """Forget the patient (on lock)."""
        self._patient_id = None
        self._reset_entry()
        self.message.clear()
        self.message.setVisible(False)
        self.form.setEnabled(False)
        self.results_model.set_results([])
        self.due_model.set_due([], date.today())
        self.due_empty.setText(self.tr("No patient is open."))

    # --- slots -------------------------------------------------------------------------------

    def _on_test_changed(self, _index: int) -> None:
        lab = self._lab()
        numeric = bool(lab.unit or lab.units)
        self.value.setEnabled(numeric)
        if not numeric:
            self.value.setValue(_ResultSpin.EMPTY)
        self.unit.setText(lab.unit or self.tr("(enter in words)"))
        self.unit.setVisible(not lab.units)  # several units: the number's is chosen
        self.unit_choice.clear()
        self.unit_choice.addItems(list(lab.units))
        self.unit_choice.setVisible(bool(lab.units))
        self.range.setText(self._range_words(lab))

    def _on_due_activated(self, index: QModelIndex) -> None:
        due: PatientDue = self.due_model.row_item(index.row())
        position = self.test.findData(due.item.item_id)
        if position >= 0:
            self.test.setCurrentIndex(position)
            (self.value if self.value.isEnabled() else self.words).setFocus()

    def _on_save_clicked(self) -> None:
        if self._patient_id is None:
            return
        lab = self._lab()
        value = self.value.result() if self.value.isEnabled() else None
        taken_on: date = self.taken_on.date().toPython()  # type: ignore[assignment]
        try:
            saved, flag = self._practice.record_lab(
                self._patient_id,
                lab.id,
                value,
                taken_on=taken_on,
                text=self.words.text(),
                unit=self.unit_choice.currentText() if lab.units else None,
            )
        except PracticeError as exc:
            self._show_message("alert", str(exc), bold=self.tr("Not saved:"))
            return
        head = (
            self.tr("Saved %1 result of %2.")
            .replace("%1", lab.name)
            .replace("%2", long_date(saved.taken_on))
        )
        if flag is None:
            words = self.tr("“%1” is recorded as written; results in words are not checked.")
            self._show_message("normal", words.replace("%1", saved.text), bold=f"✓ {head}")
        elif flag.level.startswith("alert"):
            self._show_message("alert", f"{flag.message} {head}", bold="⚠ " + self.tr("ALERT:"))
        elif flag.level in ("low", "high"):
            mark = "▲ " + (self.tr("High:") if flag.level == "high" else self.tr("Low:"))
            self._show_message("abnormal", f"{flag.message} {head}", bold=mark)
        else:
            mark = "✓" if has_range(lab) else "ℹ"
            self._show_message("normal", f"{flag.message} {head}", bold=mark)
        self._reset_entry()
        self.refresh()
        self.changed.emit()

    # --- helpers -----------------------------------------------------------------------------

    def _lab(self) -> Lab:
        return self._labs[str(self.test.currentData())]

    def _range_words(self, lab: Lab) -> str:
        unit = f" {lab.unit}" if lab.unit else ""
        if lab.low is not None and lab.high is not None:
            text = self.tr("Range %1–%2%3.").replace("%1", number(lab.low))
            text = text.replace("%2", number(lab.high)).replace("%3", unit)
        elif lab.low is not None:
            text = self.tr("Range %1%2 or more.").replace("%1", number(lab.low))
            text = text.replace("%2", unit)
        elif lab.high is not None:
            text = self.tr("Range up to %1%2.").replace("%1", number(lab.high))
            text = text.replace("%2", unit)
        else:
            text = self.tr("No range is checked for this test.")
        if lab.alert_high is not None:
            text += " " + self.tr("Alert at %1%2 or more.").replace(
                "%1", number(lab.alert_high)
            ).replace("%2", unit)
        if lab.alert_low is not None:
            text += " " + self.tr("Alert below %1%2.").replace("%1", number(lab.alert_low)).replace(
                "%2", unit
            )
        return text

    def _show_message(self, kind: str, text: str, *, bold: str = "") -> None:
        html = f"<b>{escape(bold)}</b> {escape(text)}" if bold else escape(text)
        self.message.setStyleSheet(f"QLabel {{ {_STYLES[kind]} padding: 6px; }}")
        self.message.setText(html)
        self.message.setVisible(True)

    def _reset_entry(self) -> None:
        self.value.setValue(_ResultSpin.EMPTY)
        self.words.clear()

    def _refresh(self) -> None:
        chart = self.snapshot
        if self._patient_id is None or chart is None:
            return
        today = chart.today
        self.results_model.set_results(chart.labs)
        due = chart.due
        self.due_model.set_due(due, today)
        self.due_empty.setText(
            self.tr("Nothing is due: no current medication needs monitoring.") if not due else ""
        )
        self.due_empty.setVisible(not due)

    def _table(
        self, model: QAbstractTableModel, name: str, accessible: str, stretch: Sequence[int]
    ) -> QTableView:
        view = named(QTableView(), name)
        view.setModel(model)
        view.setAccessibleName(accessible)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.setWordWrap(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        return view

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label
