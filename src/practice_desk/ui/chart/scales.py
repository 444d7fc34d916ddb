"""The Scales tab: give a rating scale item by item, see its score live, save it, see the trend.

Scoring, bands and flags come from ``domain.scales.score``; saving goes through
``Practice.record_scale``, which scores again and refuses incomplete or wrong answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain import scales
from practice_desk.domain.changes import Change
from practice_desk.domain.errors import PracticeError
from practice_desk.practice import Practice
from practice_desk.practice.chart import Chart
from practice_desk.ui import prompts
from practice_desk.ui.chart.tab import ChartTabBase
from practice_desk.ui.i18n import long_date
from practice_desk.ui.naming import named
from practice_desk.ui.plot import Axis, Band, Series, TimePlot
from practice_desk.ui.table_model import RowsModel

if TYPE_CHECKING:  # the rows the facade hands back
    from practice_desk.domain.records import ScaleRecord

_Index = QModelIndex | QPersistentModelIndex
_ACRONYMS = {"ptsd": "PTSD", "td": "TD"}
_ALERT_STYLE = "background: #fdecea; border: 2px solid #b3261e; border-radius: 4px;"
_INFO_STYLE = "background: #e8f0fe; border: 1px solid #1a56c4; border-radius: 4px;"
#: Severity bands shaded from pale green (least) to pale red (most), light enough to read on.
_BAND_SHADES = ("#edf6ed", "#f7f7e4", "#fdf2df", "#fde8dd", "#fadada")


def flag_title(flag_id: str) -> str:
    """A flag's id as a heading: "suicide_risk" -> "Suicide risk"."""
    words = [_ACRONYMS.get(word, word) for word in flag_id.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


class ScaleHistoryModel(RowsModel):
    """Past results of one scale for one patient, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent)
        self._headers = [self.tr("Date"), self.tr("Total"), self.tr("Band"), self.tr("Flags")]
        self._scale: scales.Scale | None = None

    def set_records(self, scale: scales.Scale | None, records: Sequence[ScaleRecord]) -> None:
        self._scale = scale
        rows = sorted(records, key=lambda r: (r.taken_on, r.id), reverse=True) if scale else []
        self.set_rows(rows)

    def _extra(self, record: ScaleRecord, column: int, role: int) -> Any:
        assert self._scale is not None
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and record.flags:
            messages = {rule.id: rule.message for rule in self._scale.flags}
            return "\n\n".join(messages.get(f, flag_title(f)) for f in record.flags)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and self._alerts(record):
            return QColor("#b3261e")
        return None

    def _alerts(self, record: ScaleRecord) -> list[str]:
        assert self._scale is not None
        alert_ids = {rule.id for rule in self._scale.flags if rule.severity == "alert"}
        return [f for f in record.flags if f in alert_ids]

    def _cells(self, record: ScaleRecord) -> tuple[str, str, str, str]:
        assert self._scale is not None
        alerts = self._alerts(record)
        flags = [f"⚠ {flag_title(f)}" for f in alerts]
        flags += [f"ℹ {flag_title(f)}" for f in record.flags if f not in alerts]
        return (
            long_date(record.taken_on),
            self.tr("%1 of %2")
            .replace("%1", str(record.total))
            .replace("%2", str(self._scale.max_total)),
            record.band or "—",
            ", ".join(flags) or self.tr("none"),
        )


class ScalesTab(QWidget, ChartTabBase):
    """Record a rating scale for the open patient and follow its totals over time."""

    concerns = frozenset({Change.RESULTS, Change.PATIENT})

    changed = Signal()

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scales_tab")
        self._practice = practice
        self._patient_id: int | None = None
        self._sex: str | None = None
        self._scale = scales.get(scales.available()[0].id)
        self._groups: dict[str, QButtonGroup] = {}

        self.chooser = named(QComboBox(), "scale_chooser")
        # Long scale names are elided rather than widening the form past a laptop screen.
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chooser.setMinimumContentsLength(20)
        self.chooser.setAccessibleName(self.tr("Rating scale"))
        for info in scales.available():
            self.chooser.addItem(info.title, info.id)
            self.chooser.setItemData(
                self.chooser.count() - 1, info.description, Qt.ItemDataRole.ToolTipRole
            )
        self.taken_on = named(QDateEdit(), "scale_date")
        self.taken_on.setDisplayFormat("d MMM yyyy")
        self.taken_on.setCalendarPopup(True)
        self.taken_on.setAccessibleName(self.tr("Date the scale was given"))

        self.description = named(QLabel(), "scale_description")
        self.description.setWordWrap(True)
        self.instructions = named(QLabel(), "scale_instructions")
        self.instructions.setWordWrap(True)
        self.instructions.setAccessibleName(self.tr("Instructions"))

        self.items_area = named(QScrollArea(), "scale_items")
        self.items_area.setWidgetResizable(True)
        self.items_area.setFrameShape(QFrame.Shape.NoFrame)

        self.total = named(QLabel(), "scale_total")
        self.total.setWordWrap(True)
        self.total.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.total.setAccessibleName(self.tr("Total score"))
        self.flags_box = named(QFrame(), "scale_flags_box")
        self._flag_icon = QLabel()
        self.flags = named(QLabel(), "scale_flags")
        self.flags.setWordWrap(True)
        self.flags.setTextFormat(Qt.TextFormat.RichText)
        self.flags.setAccessibleName(self.tr("Flags"))
        flag_row = QHBoxLayout(self.flags_box)
        flag_row.addWidget(self._flag_icon, 0, Qt.AlignmentFlag.AlignTop)
        flag_row.addWidget(self.flags, 1)
        self.message = named(QLabel(), "scale_message")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Save result"))

        self.save_button = named(QPushButton(self.tr("&Save scale")), "scale_save")
        self.clear_button = named(QPushButton(self.tr("Clear answers")), "scale_clear")

        self.chart_view = named(TimePlot(), "scale_chart")
        self.chart_view.setMinimumHeight(260)
        self.chart_view.setAccessibleName(self.tr("Trend of past totals"))
        self.chart_view.set_legend_visible(False)

        self.history_model = ScaleHistoryModel(self)
        self.history = named(QTableView(), "scale_history")
        self.history.setModel(self.history_model)
        self.history.setAccessibleName(self.tr("Past results"))
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.setWordWrap(False)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.history_title = QLabel()

        top = QHBoxLayout()
        scale_label = QLabel(self.tr("&Scale:"))
        scale_label.setBuddy(self.chooser)
        date_label = QLabel(self.tr("&Date given:"))
        date_label.setBuddy(self.taken_on)
        top.addWidget(scale_label)
        top.addWidget(self.chooser, 1)
        top.addWidget(date_label)
        top.addWidget(self.taken_on)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        self.form = QWidget()
        left = QVBoxLayout(self.form)
        left.addLayout(top)
        left.addWidget(self.description)
        left.addWidget(self.instructions)
        left.addWidget(self.items_area, 1)
        left.addWidget(self.total)
        left.addWidget(self.flags_box)
        left.addWidget(self.message)
        left.addLayout(buttons)

        table = QWidget()
        below = QVBoxLayout(table)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.history_title)
        below.addWidget(self.history)
        history = QSplitter(Qt.Orientation.Vertical)
        history.addWidget(self.chart_view)
        history.addWidget(table)
        history.setStretchFactor(0, 3)
        history.setStretchFactor(1, 2)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.form)
        splitter.addWidget(history)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 560])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)

        start = self.chooser.findData("phq9")
        self.chooser.setCurrentIndex(max(start, 0))
        self._current_index = self.chooser.currentIndex()
        self.chooser.currentIndexChanged.connect(self._on_chooser_changed)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self._load_scale(str(self.chooser.currentData()))
        self.clear()

    # --- the tab contract --------------------------------------------------------------------

    def show_chart(self, chart: Chart) -> None:
        """Load a patient: an empty form for today and that patient's past results; the
        same patient again (a result was saved) keeps the message saying so."""
        same = chart.patient_id == self._patient_id
        self._patient_id, self._sex = chart.patient_id, chart.patient.details.sex.value
        if same:
            self._refresh_history()
            return
        self.message.clear()
        self.form.setEnabled(True)
        self._reset_date()
        self._reset_answers()
        self._refresh_history()

    def clear(self) -> None:
        """Forget the patient (on lock): no answers, no history, nothing to save."""
        self._patient_id, self._sex = None, None
        self._reset_answers()
        self.message.clear()
        self.form.setEnabled(False)
        self._refresh_history()

    # --- reading the form --------------------------------------------------------------------

    def answers(self) -> dict[str, int]:
        """The answers chosen so far, by item id."""
        return {
            item_id: group.checkedId()
            for item_id, group in self._groups.items()
            if group.checkedId() != -1
        }

    def option_button(self, item_id: str, value: int) -> QRadioButton:
        """The radio button that answers ``item_id`` with ``value``."""
        button = self._groups[item_id].button(value)
        assert isinstance(button, QRadioButton)
        return button

    # --- slots -------------------------------------------------------------------------------

    def _on_chooser_changed(self, index: int) -> None:
        if index == self._current_index:
            return
        if self.answers() and not prompts.confirm(
            self,
            self.tr("Change scale"),
            self.tr("Discard the answers given so far on the %1?").replace(
                "%1", self._scale.short_name
            ),
        ):
            self.chooser.blockSignals(True)
            self.chooser.setCurrentIndex(self._current_index)
            self.chooser.blockSignals(False)
            return
        self._current_index = index
        self.message.clear()
        self._load_scale(str(self.chooser.itemData(index)))
        self._refresh_history()

    def _on_answer_clicked(self, _value: int) -> None:
        self.message.clear()
        self._update_score()

    def _on_clear_clicked(self) -> None:
        self.message.clear()
        self._reset_answers()

    def _on_save_clicked(self) -> None:
        if self._patient_id is None:
            return
        taken_on: date = self.taken_on.date().toPython()  # type: ignore[assignment]
        try:
            saved = self._practice.record_scale(
                self._patient_id,
                self._scale.id,
                self.answers(),
                taken_on=taken_on,
                sex=self._sex,
            )
        except PracticeError as exc:
            self._show_error(str(exc))
            return
        result = saved.result
        self._reset_answers()
        self.total.setText(
            self.tr("Saved %1 of %2: total %3")
            .replace("%1", self._scale.short_name)
            .replace("%2", long_date(taken_on))
            .replace("%3", self._total_words(result))
        )
        self._show_flags(result.flags)
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(
            self.tr("✓ The %1 was saved to the chart.").replace("%1", self._scale.short_name)
        )
        self.refresh()
        self.changed.emit()

    # --- drawing -----------------------------------------------------------------------------

    def _load_scale(self, scale_id: str) -> None:
        """Build one row of radio buttons per item of the scale."""
        self._scale = scales.get(scale_id)
        self.description.setText(self._scale.description)
        self.instructions.setText(f"<b>{escape(self._scale.instructions)}</b>")
        host = QWidget()
        grid = QVBoxLayout(host)
        self._groups = {}
        group_box: QGroupBox | None = None
        box_layout: QVBoxLayout | None = None
        for item in self._scale.items:
            if item.group and (group_box is None or group_box.title() != item.group):
                group_box = QGroupBox(item.group)
                box_layout = QVBoxLayout(group_box)
                grid.addWidget(group_box)
            elif not item.group:
                group_box, box_layout = None, None
            row = self._item_row(item)
            (box_layout if box_layout is not None else grid).addWidget(row)
        grid.addStretch(1)
        old = self.items_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.items_area.setWidget(host)
        self._update_score()

    def _item_row(self, item: scales.Item) -> QWidget:
        row = QWidget()
        layout = QGridLayout(row)
        layout.setContentsMargins(0, 4, 0, 4)
        optional = "" if item.scored else " " + self.tr("(optional, not added to the total)")
        text = QLabel(f"<b>{escape(item.id)}.</b> {escape(item.text)}{escape(optional)}")
        text.setWordWrap(True)
        layout.addWidget(text, 0, 0)
        options = QGridLayout()
        options.setContentsMargins(16, 0, 0, 0)
        # Long answer labels (PHQ-9's, the AIMS anchors) take two columns, so the form leaves
        # room for the trend chart on a 1366 x 768 laptop instead of scrolling sideways.
        wide = sum(len(option.label) for option in item.options) > 40
        columns = 2 if wide else len(item.options)
        group = QButtonGroup(row)
        for position, option in enumerate(item.options):
            button = named(
                QRadioButton(f"{option.label} ({option.value})"),
                f"scale_item_{item.id}_option_{option.value}",
            )
            button.setAccessibleName(
                self.tr("Item %1: %2").replace("%1", item.id).replace("%2", option.label)
            )
            group.addButton(button, option.value)
            options.addWidget(button, position // columns, position % columns)
        options.setColumnStretch(columns, 1)
        layout.addLayout(options, 1, 0)
        group.idClicked.connect(self._on_answer_clicked)
        self._groups[item.id] = group
        return row

    def _update_score(self) -> None:
        given = self.answers()
        needed = [item.id for item in self._scale.scored_items]
        missing = [item_id for item_id in needed if item_id not in given]
        if missing:
            self.total.setText(
                self.tr("Answered %1 of %2 — answer all %2 items to see the total.")
                .replace("%1", str(len(needed) - len(missing)))
                .replace("%2", str(len(needed)))
            )
            self._show_flags(())
            return
        try:
            result = scales.score(self._scale.id, given, sex=self._sex)
        except ValueError as exc:
            self.total.setText(str(exc))
            self._show_flags(())
            return
        self.total.setText(self.tr("Total %1").replace("%1", self._total_words(result)))
        self._show_flags(result.flags)

    def _total_words(self, result: scales.ScaleResult) -> str:
        """ "12 of 27 — moderate": the total, what it is out of, and its band if it has one."""
        words = self.tr("%1 of %2").replace("%1", str(result.total))
        words = words.replace("%2", str(result.max_total))
        return words + (f" — {result.band}" if result.band else "")

    def _show_flags(self, flags: Sequence[scales.Flag]) -> None:
        self.flags_box.setVisible(bool(flags))
        if not flags:
            self.flags.clear()
            return
        alert = any(flag.severity == "alert" for flag in flags)
        self.flags_box.setStyleSheet(
            f"QFrame#scale_flags_box {{ {_ALERT_STYLE if alert else _INFO_STYLE} }}"
        )
        icon = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if alert
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        self._flag_icon.setPixmap(self.style().standardIcon(icon).pixmap(32, 32))
        self.flags.setText(
            "<br><br>".join(
                f"<b>{'⚠' if flag.severity == 'alert' else 'ℹ'} "
                f"{escape(flag_title(flag.id))}:</b> {escape(flag.message)}"
                for flag in flags
            )
        )

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet("color: #a00000; font-weight: bold;")
        self.message.setText(self.tr("Not saved: %1").replace("%1", text))

    def _reset_answers(self) -> None:
        for group in self._groups.values():
            checked = group.checkedButton()
            if checked is not None:
                group.setExclusive(False)
                checked.setChecked(False)
                group.setExclusive(True)
        self._update_score()

    def _reset_date(self) -> None:
        today = QDate.currentDate()
        self.taken_on.setMaximumDate(today)
        self.taken_on.setDate(today)

    def _refresh_history(self) -> None:
        chart = self.snapshot
        records = (
            chart.scale_history(self._scale.id)
            if chart is not None and chart.patient_id == self._patient_id
            else []
        )
        self.history_model.set_records(self._scale, records)
        self.history_title.setText(
            self.tr("<b>Past %1 results</b> (newest first)").replace("%1", self._scale.short_name)
        )
        self._draw_trend(records)

    def _draw_trend(self, records: Sequence[ScaleRecord]) -> None:
        """Totals by date, each labelled, over the scale's severity bands (named at the side)."""
        scale = self._scale
        ordered = sorted(records, key=lambda r: (r.taken_on, r.id))
        title = self.tr("%1 totals over time") if ordered else self.tr("No %1 results yet")
        self.chart_view.set_title(title.replace("%1", scale.short_name), self.tr("Date given"))
        self.chart_view.set_empty_text(
            self.tr("No %1 results yet. Saved results appear here by date.").replace(
                "%1", scale.short_name
            )
        )
        first = ordered[0].taken_on if ordered else date.today()
        last = ordered[-1].taken_on if ordered else date.today()
        self.chart_view.set_x_range(first - timedelta(14), last + timedelta(14))
        span = scale.max_total - scale.min_total
        count = len(scale.bands)
        bands = tuple(
            Band(
                band.min,
                band.max + 1 if band.max < scale.max_total else band.max,
                band.label,
                _BAND_SHADES[round(i * (len(_BAND_SHADES) - 1) / max(1, count - 1))],
            )
            for i, band in enumerate(scale.bands)
        )
        axis = Axis(
            self.tr("Total (%1 to %2)")
            .replace("%1", str(scale.min_total))
            .replace("%2", str(scale.max_total)),
            scale.min_total,
            scale.max_total,
            step=next(i for i in (1, 2, 5, 10, 20, 50) if span / i <= 8),
            bands=bands,
        )
        self.chart_view.set_axes(axis)
        self.chart_view.set_series(
            [
                Series(
                    scale.short_name,
                    tuple((r.taken_on, float(r.total)) for r in ordered),
                    marker="circle",
                    labels=tuple(str(r.total) for r in ordered),
                )
            ]
        )
