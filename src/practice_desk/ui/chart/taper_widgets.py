"""Pieces of the Tapers tab: the steps table model, the dose chart, small widget helpers."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from practice_desk.domain.regimens import Order
from practice_desk.domain.tapering import Step, Strategy, TaperPlan
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP, fill, long_date
from practice_desk.ui.naming import named
from practice_desk.ui.plot import Axis, Series, TimePlot
from practice_desk.ui.table_model import RowsModel

_ERROR_STYLE = "color: #a00000;"
_ADVICE_STYLE = "background: #fff4d6; border: 1px solid #d9a400; padding: 6px;"


def _mg(value: float) -> str:
    return f"{value:g} mg"


def _order_label(order: Order) -> str:
    d = order.details
    product = f" {d.product.label()}" if d.product else ""
    a_day = QCoreApplication.translate("TaperWidgets", "%1 a day")
    daily = f" ({a_day.replace('%1', _mg(d.daily_mg))})" if d.daily_mg else ""
    return f"{d.name}{product} — {d.directions()}{daily}"


class StepsModel(RowsModel):
    """The steps of a plan; the step in force today is marked in words, bold and shaded."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                self.tr("Step"),
                self.tr("From"),
                self.tr("To"),
                self.tr("Target (mg/day)"),
                self.tr("Practical (mg/day)"),
                self.tr("How to take each day"),
                self.tr("Cut (% of previous)"),
            ],
            parent,
        )
        self._current: int | None = None

    def set_steps(self, steps: tuple[Step, ...], current: int | None = None) -> None:
        self._current = current
        self.set_rows(steps)

    def _cells(self, row: Any) -> tuple[str, ...]:
        current = row.number == self._current
        return tuple(self._text(row, column, current) for column in range(7))

    def _extra(self, row: Any, column: int, role: int) -> Any:
        step: Step = row
        current = step.number == self._current
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and current:
            return QBrush(QColor("#dcefdc"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3, 4, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and step.rounding_error_mg:
            return fill(
                self.tr("Rounded to a dose that can be measured: %1 from the target."),
                f"{step.rounding_error_mg:+g} mg",
            )
        return None

    def _text(self, step: Step, column: int, current: bool) -> str:
        if column == 0:
            return f"▶ {step.number} " + self.tr("(now)") if current else str(step.number)
        if column == 1:
            return long_date(step.start)
        if column == 2:
            return long_date(step.end) if step.end else self.tr("— (stopped)")
        if column == 3:
            return _mg(step.target_mg)
        if column == 4:
            return _mg(step.daily_mg)
        if column == 5:
            return step.how
        if step.cut_percent < 0:
            return fill(self.tr("+%1 % (back up)"), f"{-step.cut_percent:g}")
        return f"{step.cut_percent:g} %"


#: The "how to take" column keeps at least this much room (Spanish headers are longer).
HOW_MIN_WIDTH = 260
HOW_COLUMN = 5


class _StepsTable(QTableView):
    """The steps, each column as wide as its contents and "how to take" given the rest
    of the width but never less than HOW_MIN_WIDTH (the table scrolls sideways then)."""

    def fit(self) -> None:
        header = self.horizontalHeader()
        others = 0
        for column in range(header.count()):
            if column != HOW_COLUMN:
                self.resizeColumnToContents(column)
                others += header.sectionSize(column)
        room = self.viewport().width() - others
        header.resizeSection(HOW_COLUMN, max(HOW_MIN_WIDTH, room))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


def _steps_table(model: StepsModel, name: str, label: str) -> QTableView:
    table = named(_StepsTable(), name)
    table.setModel(model)
    table.setAccessibleName(label)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    model.modelReset.connect(table.fit)
    table.setMinimumHeight(220)
    return table


class DoseChart(TimePlot):
    """Daily mg over the dates of the plan, as steps, with today marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taper_chart")
        self.setAccessibleName(self.tr("Dose curve: daily mg by date"))
        self.setMinimumHeight(220)
        self.set_empty_text(self.tr("No taper plan to show yet."))

    def show_plan(self, plan: TaperPlan, today: date) -> None:
        points: list[tuple[date, float]] = []
        labels: list[str] = []
        top = plan.start_mg
        for step in plan.steps:
            points.append((step.start, step.daily_mg))
            labels.append(_mg(step.daily_mg))
            top = max(top, step.daily_mg)
        if plan.steps:
            last = plan.steps[-1]
            until = last.end or last.start + timedelta(days=plan.interval_days)
            points.append((until + timedelta(1), last.daily_mg))
            labels.append("")
        left = Axis(self.tr("Daily dose (mg)"), 0, top * 1.08 or 1, unit=" mg")
        self.set_title(self.tr("Daily dose (mg) by date"))
        self.set_axes(left)
        self.set_series(
            [
                Series(
                    self.tr("Daily dose (mg)"),
                    tuple(points),
                    step=True,
                    marker="circle",
                    labels=tuple(labels),
                )
            ]
        )
        self.set_today(today)


def _label(name: str, accessible: str, *, wrap: bool = True, style: str = "") -> QLabel:
    label = named(QLabel(), name)
    label.setWordWrap(wrap)
    label.setAccessibleName(accessible)
    label.setTextFormat(Qt.TextFormat.RichText)
    if style:
        label.setStyleSheet(style)
    return label


def _button(text: str, name: str) -> QPushButton:
    button = named(QPushButton(text), name)
    button.setAccessibleName(text.replace("…", ""))
    return button


def _days(name: str, accessible: str, value: int) -> QSpinBox:
    spin = named(QSpinBox(), name)
    spin.setRange(1, 365)
    spin.setValue(value)
    spin.setSuffix(QCoreApplication.translate("TaperWidgets", " days"))
    spin.setAccessibleName(accessible)
    return spin


def _strategy_combo(name: str) -> QComboBox:
    combo = named(QComboBox(), name)
    combo.addItem(
        QCoreApplication.translate("TaperWidgets", "Hyperbolic (a % of the current dose)"),
        Strategy.HYPERBOLIC.value,
    )
    combo.addItem(
        QCoreApplication.translate("TaperWidgets", "Linear (the same mg each step)"),
        Strategy.LINEAR.value,
    )
    combo.setAccessibleName(QCoreApplication.translate("TaperWidgets", "Strategy"))
    return combo


def _percent(name: str, accessible: str) -> QDoubleSpinBox:
    spin = named(QDoubleSpinBox(), name)
    spin.setRange(1, 50)
    spin.setDecimals(1)
    spin.setSuffix(" %")
    spin.setAccessibleName(accessible)
    return spin


class _Blocked:
    """Set several widgets at once without each change re-planning."""

    def __init__(self, *widgets: QObject) -> None:
        self._widgets = widgets

    def __enter__(self) -> None:
        for widget in self._widgets:
            widget.blockSignals(True)

    def __exit__(self, *_exc: object) -> None:
        for widget in self._widgets:
            widget.blockSignals(False)


def plan_outline(plan: TaperPlan) -> str:
    """A planned taper in a line (steps, when it stops, products), then its warnings."""
    translate = QCoreApplication.translate
    days = (plan.steps[-1].start - plan.steps[0].start).days if plan.steps else 0
    stops = (
        fill(
            translate("TapersTab", "stops on %1, about %2 weeks after it starts"),
            long_date(plan.end),
            round(days / 7),
        )
        if plan.end
        else translate("TapersTab", "does not reach zero")
    )
    outline = " · ".join(
        (
            translate("TapersTab", "%n step(s)", "", len(plan.steps)),
            stops,
            fill(translate("TapersTab", "products: %1"), escape(", ".join(plan.products))),
        )
    )
    if not plan.warnings:
        return outline + "<br>" + translate("TapersTab", "No warnings for this plan.")
    items = "".join(f"<li>{escape(w)}</li>" for w in plan.warnings)
    title = translate("TapersTab", "Warnings")
    return f"{outline}<br><b style='color:#8a5a00'>{title}:</b><ul style='margin:0'>{items}</ul>"


class DoseTimes(QWidget):
    """The times of day a taper's doses are taken at: the order's, or as the prescriber ticks."""

    changed = Signal()
    _NAMES = (
        ("morning", QT_TRANSLATE_NOOP("DoseTimes", "morning")),
        ("noon", QT_TRANSLATE_NOOP("DoseTimes", "noon")),
        ("evening", QT_TRANSLATE_NOOP("DoseTimes", "evening")),
        ("bedtime", QT_TRANSLATE_NOOP("DoseTimes", "bedtime")),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "taper_dose_times")
        self._order: dict[str, float] = {}
        self.checks: dict[str, QCheckBox] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for key, words in self._NAMES:
            check = named(QCheckBox(self.tr(words)), f"taper_time_{key}")
            check.setAccessibleName(fill(self.tr("%1 dose"), self.tr(words)))
            check.toggled.connect(self.changed)
            self.checks[key] = check
            row.addWidget(check)
        self.note = named(QLabel(), "taper_dose_times_note")
        row.addWidget(self.note, 1)

    def show_order(self, times: dict[str, float]) -> None:
        """Tick the order's times; none ticked is once a day at no set time."""
        self._order = dict(times)
        with _Blocked(*self.checks.values()):
            for key, check in self.checks.items():
                check.setChecked(key in times)
        self._say()

    def chosen(self) -> dict[str, dict[str, float]]:
        """``{"dose_times": {...}}`` for plan_taper: the order's shares while its times are
        kept, equal shares when the prescriber changes them, once a day when none."""
        ticked = [key for key, check in self.checks.items() if check.isChecked()]
        self._say()
        if not ticked:
            return {"dose_times": {"daily": 1.0}}
        if set(ticked) == set(self._order):
            return {"dose_times": {key: self._order[key] for key in ticked}}
        return {"dose_times": dict.fromkeys(ticked, 1.0)}

    def _say(self) -> None:
        none = not any(check.isChecked() for check in self.checks.values())
        self.note.setText(self.tr("(none ticked: once a day)") if none else "")
