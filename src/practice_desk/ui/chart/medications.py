"""The medications tab: what the patient takes now, how it got there, and quick checks."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain.changes import Change
from practice_desk.domain.errors import PracticeError
from practice_desk.domain.regimens import Order, OrderStatus
from practice_desk.domain.safety import check_names
from practice_desk.domain.users import Permission
from practice_desk.practice import Practice
from practice_desk.practice.chart import Chart
from practice_desk.ui import prompts
from practice_desk.ui.chart.medication_form import MedicationForm, alert_list, fill_alerts
from practice_desk.ui.chart.medication_timeline import MedicationTimeline
from practice_desk.ui.chart.reconcile import ReconcileDialog
from practice_desk.ui.chart.tab import ChartTabBase
from practice_desk.ui.i18n import long_date
from practice_desk.ui.naming import named

_Index = QModelIndex | QPersistentModelIndex
_Column = tuple[str, Callable[[Order], str]]


class OrdersModel(QAbstractTableModel):
    """A few orders of one patient (a chart holds tens, not thousands), one per row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._orders: list[Order] = []
        self._columns: list[_Column] = self.columns()

    def columns(self) -> list[_Column]:
        raise NotImplementedError

    def set_orders(self, orders: Sequence[Order]) -> None:
        self.beginResetModel()
        self._orders = list(orders)
        self.endResetModel()

    def order(self, row: int) -> Order:
        return self._orders[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._orders)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        return self._columns[index.column()][1](self._orders[index.row()])

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation is Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section][0]
        return None

    # --- cells shared by both tables ----------------------------------------------------

    def _name(self, order: Order) -> str:
        d = order.details
        return d.name if d.checked else d.name + self.tr(" (not checked)")

    def _product(self, order: Order) -> str:
        return order.details.product.title() if order.details.product else "—"

    def _daily(self, order: Order) -> str:
        mg = order.details.daily_mg
        if mg is None:
            return self.tr("not known")
        text = self.tr("%1 mg/day").replace("%1", f"{mg:g}")
        return self.tr("up to %1").replace("%1", text) if order.details.schedule.as_needed else text


class ActiveMedicationsModel(OrdersModel):
    def columns(self) -> list[_Column]:
        return [
            (self.tr("Medication"), self._name),
            (self.tr("Product"), self._product),
            (self.tr("Directions"), lambda o: o.details.directions()),
            (self.tr("Daily dose"), self._daily),
            (self.tr("This dose since"), lambda o: long_date(o.start)),
            (self.tr("Prescriber"), self._prescriber),
        ]

    def _prescriber(self, order: Order) -> str:
        external = order.details.external_prescriber
        return self.tr("%1 (external)").replace("%1", external) if external else order.prescriber


class MedicationHistoryModel(OrdersModel):
    def columns(self) -> list[_Column]:
        return [
            (self.tr("Medication"), self._name),
            (self.tr("Daily dose"), self._daily),
            (self.tr("Status"), self._status),
            (self.tr("Start"), lambda o: long_date(o.start)),
            (self.tr("End"), lambda o: long_date(o.end) if o.end else "—"),
            (self.tr("Reason"), lambda o: o.reason or "—"),
            (self.tr("End reason"), lambda o: o.end_reason or "—"),
            (self.tr("Directions"), lambda o: o.details.directions()),
        ]

    def _status(self, order: Order) -> str:
        if order.in_error:
            return self.tr("Entered in error")
        return {
            OrderStatus.ACTIVE: self.tr("Active"),
            OrderStatus.CHANGED: self.tr("Dose changed"),
            OrderStatus.STOPPED: self.tr("Stopped"),
        }[order.status]


def _table(model: OrdersModel, name: str, accessible: str) -> QTableView:
    table = named(QTableView(), name)
    table.setModel(model)
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


#: Active medications shown without scrolling; a longer list scrolls.
ACTIVE_ROWS_SHOWN = 8


class MedicationsTab(QWidget, ChartTabBase):
    """Active list, history, the add/change/stop actions and a combination check."""

    defer_when_hidden = False  # never holds the previous patient while behind
    concerns = frozenset({Change.MEDICATIONS, Change.TAPERS, Change.RESULTS, Change.PATIENT})

    changed = Signal()

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
        self._patient_id: int | None = None
        self.form: MedicationForm | None = None
        self.reconcile: ReconcileDialog | None = None
        self.setObjectName("medications_tab")

        self.active_model = ActiveMedicationsModel(self)
        self.active = _table(self.active_model, "medications_active", self.tr("Active medications"))
        self.active.selectionModel().selectionChanged.connect(self._on_active_selection_changed)
        self.active.doubleClicked.connect(self._on_change_clicked)
        self.active_title = named(QLabel(), "medications_active_title")
        self.history_model = MedicationHistoryModel(self)
        self.history = _table(
            self.history_model, "medications_history", self.tr("Medication history")
        )
        self.list_alerts = alert_list("medications_alerts", self.tr("Alerts for the active list"))
        self.list_alerts.setMaximumHeight(110)

        self.add_button = named(QPushButton(self.tr("&Add medication…")), "medications_add")
        self.change_button = named(QPushButton(self.tr("C&hange dose…")), "medications_change")
        self.stop_button = named(QPushButton(self.tr("S&top…")), "medications_stop")
        # Read-only, so whoever sees the chart may reconcile (nurses too).
        self.reconcile_button = named(QPushButton(self.tr("&Reconcile…")), "medications_reconcile")
        self.reconcile_button.setToolTip(
            self.tr("Compare what the patient reports taking with this list")
        )
        self.add_button.clicked.connect(self._on_add_clicked)
        self.reconcile_button.clicked.connect(self._on_reconcile_clicked)
        self.change_button.clicked.connect(self._on_change_clicked)
        self.stop_button.clicked.connect(self._on_stop_clicked)
        self.actions_bar = named(QWidget(), "medications_actions")
        bar = QHBoxLayout(self.actions_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.add_button,
            self.reconcile_button,
            self.change_button,
            self.stop_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        self.error = named(QLabel(), "medications_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000; font-weight: bold")
        self.error.setAccessibleName(self.tr("Problem"))

        self.combo_names = named(QLineEdit(), "combo_check_names")
        self.combo_names.setAccessibleName(self.tr("Drug names to check together"))
        self.combo_names.setPlaceholderText(self.tr("Names, separated by commas: Nardil, Zoloft"))
        self.combo_names.setClearButtonEnabled(True)
        self.combo_names.returnPressed.connect(self._on_combo_check_clicked)
        self.combo_button = named(QPushButton(self.tr("Chec&k")), "combo_check_button")
        self.combo_button.clicked.connect(self._on_combo_check_clicked)
        self.combo_results = alert_list("combo_check_results", self.tr("Combination check results"))

        now = QWidget()
        now_layout = QVBoxLayout(now)
        now_layout.setContentsMargins(0, 0, 0, 0)
        now_layout.addWidget(self.active_title)
        now_layout.addWidget(self.active, 2)
        now_layout.addWidget(self.list_alerts, 1)
        now_layout.addWidget(self.actions_bar)
        now_layout.addWidget(self.error)
        self.timeline = MedicationTimeline()
        # The timeline and the history table share one place, so the active list keeps its
        # room on a 1366 x 768 laptop; the timeline comes first.
        self.views = named(QTabWidget(), "medications_views")
        self.views.addTab(self.timeline, self.tr("Dose timeline, with PHQ-9 and GAD-7 totals"))
        self.views.addTab(
            self.history, self.tr("History (every start, dose change and stop, oldest first)")
        )
        combo = QGroupBox(self.tr("Check a combination (any drugs; not this patient's chart)"))
        combo_layout = QVBoxLayout(combo)
        row = QHBoxLayout()
        row.addWidget(self.combo_names, 1)
        row.addWidget(self.combo_button)
        combo_layout.addLayout(row)
        combo_layout.addWidget(self.combo_results)
        splitter = QSplitter(Qt.Orientation.Vertical)
        for part in (now, self.views, combo):
            splitter.addWidget(part)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([260, 340, 150])
        QVBoxLayout(self).addWidget(splitter)
        self.clear()

    # --- the tab contract --------------------------------------------------------------------

    def show_chart(self, chart: Chart) -> None:
        patient_id = chart.patient_id
        if patient_id != self._patient_id:
            self._close_reconcile()
        self._patient_id = patient_id
        self.error.clear()
        p = self._practice
        may_view = p.is_unlocked and p.user.may(Permission.VIEW_CHART)
        may_change = p.is_unlocked and p.user.may(Permission.CHANGE_REGIMEN)
        for button in (self.add_button, self.change_button, self.stop_button):
            button.setVisible(may_change)
        self.reconcile_button.setVisible(may_view)
        self.actions_bar.setVisible(may_view or may_change)
        self._show(chart)

    def clear(self) -> None:
        self._patient_id = None
        if self.form is not None:
            self.form.done(QDialog.DialogCode.Rejected)  # the chart closes: no question
        self._close_reconcile()
        self.active_model.set_orders([])
        self.history_model.set_orders([])
        self.timeline.clear()
        self.list_alerts.clear()
        self.active_title.setText(self.tr("<b>Active medications</b>"))
        self.error.clear()
        self.actions_bar.setVisible(False)
        self._on_active_selection_changed()

    def _show(self, chart: Chart) -> None:
        active, history, alerts = chart.medications, chart.history, chart.alerts
        results = chart.scales
        self.active_model.set_orders(active)
        self.history_model.set_orders(history)
        self.timeline.show_course(history, results, chart.today)
        for table in (self.active, self.history):
            table.resizeColumnsToContents()
        self._fit_active_rows(len(active))
        self.active_title.setText(
            self.tr("<b>Active medications</b> (%1)").replace("%1", str(len(active)))
            if active
            else self.tr("<b>Active medications</b>: none recorded")
        )
        fill_alerts(self.list_alerts, alerts, self.tr("✓ No alerts for the active list."))
        self._on_active_selection_changed()

    def _fit_active_rows(self, count: int) -> None:
        """Room for every active medication, up to eight rows, before the views below get
        theirs (one row and a scroll bar made six medications look like one)."""
        shown = min(max(count, 1), ACTIVE_ROWS_SHOWN)
        rows = shown * self.active.verticalHeader().defaultSectionSize()
        chrome = self.active.horizontalHeader().height() + 2 * self.active.frameWidth()
        scroll = self.active.horizontalScrollBar().sizeHint().height()
        self.active.setMinimumHeight(rows + chrome + scroll)

    def _selected(self) -> Order | None:
        rows = self.active.selectionModel().selectedRows()
        return self.active_model.order(rows[0].row()) if rows else None

    def _on_active_selection_changed(
        self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None
    ) -> None:
        chosen = self._selected() is not None
        self.change_button.setEnabled(chosen)
        self.stop_button.setEnabled(chosen)
        self.add_button.setEnabled(self._patient_id is not None)
        self.reconcile_button.setEnabled(self._patient_id is not None)

    # --- actions -----------------------------------------------------------------------------

    def _open_form(self, order: Order | None) -> None:
        if self._patient_id is None or not self.add_button.isVisibleTo(self):
            return
        if self.form is not None:
            self.form.deleteLater()
        self.error.clear()
        self.form = MedicationForm(self._practice, self._patient_id, order, self)
        self.form.accepted.connect(self._on_form_accepted)
        self.form.open()

    def _on_reconcile_clicked(self) -> None:
        if self._patient_id is None or not self.reconcile_button.isVisibleTo(self):
            return
        if self.reconcile is None:
            self.reconcile = ReconcileDialog(self._practice, self._patient_id, self)
        elif self.reconcile.reported.toPlainText().strip():
            self.reconcile.compare()  # the chart may have changed since the last look
        self.reconcile.open()

    def _close_reconcile(self) -> None:
        """A reconciliation belongs to one patient's chart: gone when the patient changes."""
        if self.reconcile is not None:
            self.reconcile.reject()
            self.reconcile.deleteLater()
            self.reconcile = None

    def _on_add_clicked(self) -> None:
        self._open_form(None)

    def _on_change_clicked(self) -> None:
        order = self._selected()
        if order is not None:
            self._open_form(order)

    def _on_form_accepted(self) -> None:
        self.refresh()
        self.changed.emit()

    def _on_stop_clicked(self) -> None:
        order = self._selected()
        if order is None:
            return
        what = f"{order.details.name} — {order.details.directions()}"
        how = prompts.choose(
            self,
            self.tr("Stop medication"),
            self.tr(
                "Stop %1 today? It moves to the history. If it was entered in error and never "
                "taken, say so: it then leaves no washout and no line on the timeline."
            ).replace("%1", what),
            [self.tr("Stop it today"), self.tr("Entered in error (never taken)")],
        )
        if how is None:
            return
        in_error = how == 1
        reason = prompts.ask_text(
            self,
            self.tr("Reason for stopping"),
            (
                self.tr("What was wrong with this entry of %1? (optional)")
                if in_error
                else self.tr("Why is %1 stopped? The history keeps the reason.")
            ).replace("%1", order.details.name),
        )
        if reason is None:
            return
        try:
            self._practice.stop_medication(
                order.id, row_version=order.row_version, reason=reason, in_error=in_error
            )
        except PracticeError as exc:
            self.error.setText(str(exc))
            return
        self.refresh()
        self.changed.emit()

    def _on_combo_check_clicked(self) -> None:
        names = [n.strip() for n in self.combo_names.text().split(",") if n.strip()]
        if len(names) < 2:
            self.combo_results.clear()
            self.combo_results.addItem(self.tr("Type at least two names, separated by commas."))
            return
        fill_alerts(
            self.combo_results,
            check_names(names),
            self.tr("✓ No interactions or duplicates found between: %1.").replace(
                "%1", ", ".join(names)
            ),
        )
