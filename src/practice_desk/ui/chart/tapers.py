"""The Tapers tab: plan a taper, start it, follow it step by step, and log withdrawal symptoms.

Every number here comes from the facade (``plan_taper`` and friends); the tab only reads
the form, shows the plan in words and dates, and passes the prescriber's decisions back.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain import formulary
from practice_desk.domain.changes import Change
from practice_desk.domain.errors import PracticeError
from practice_desk.domain.regimens import Order
from practice_desk.domain.tapering import Step, Strategy, TaperPlan, suggested_settings
from practice_desk.domain.users import Permission
from practice_desk.practice import Practice
from practice_desk.practice.chart import Chart
from practice_desk.ui import prompts
from practice_desk.ui.chart.tab import ChartTabBase
from practice_desk.ui.chart.taper_symptoms import SymptomLogMixin
from practice_desk.ui.chart.taper_widgets import (  # noqa: F401 - shared with the tab
    _ADVICE_STYLE,
    _ERROR_STYLE,
    DoseChart,
    DoseTimes,
    StepsModel,
    _Blocked,
    _button,
    _days,
    _label,
    _mg,
    _order_label,
    _percent,
    _steps_table,
    _strategy_combo,
    plan_outline,
)
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP, fill, long_date
from practice_desk.ui.naming import named

#: How each strategy reads in the summary of a taper.
_STRATEGY_WORDS = {
    Strategy.HYPERBOLIC: QT_TRANSLATE_NOOP("TapersTab", "hyperbolic"),
    Strategy.LINEAR: QT_TRANSLATE_NOOP("TapersTab", "linear"),
    Strategy.CUSTOM: QT_TRANSLATE_NOOP("TapersTab", "custom"),
}


class TapersTab(SymptomLogMixin, QWidget, ChartTabBase):
    concerns = frozenset({Change.TAPERS, Change.MEDICATIONS})
    changed = Signal()

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tapers_tab")
        self._practice = practice
        self._patient_id: int | None = None
        self._keep_taper: int | None = None  # the taper to show after the chart reads again
        self._orders: list[Order] = []
        self._plan: TaperPlan | None = None
        self._tapers: list[Any] = []  # StoredTaper

        body = QWidget()
        column = QVBoxLayout(body)
        self.heading = _label("taper_heading", self.tr("Tapers"))
        column.addWidget(self.heading)
        column.addWidget(self._build_active())
        column.addWidget(self._build_symptoms())
        column.addWidget(self._build_planner())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.clear()

    # --- building ------------------------------------------------------------------------

    def _build_planner(self) -> QGroupBox:
        box = named(QGroupBox(self.tr("Plan a taper")), "taper_planner")
        form = QFormLayout()
        self.medication = named(QComboBox(), "taper_medication")
        self.medication.setAccessibleName(self.tr("Medication to taper"))
        self.strategy = _strategy_combo("taper_strategy")
        self.percent = _percent("taper_percent", self.tr("Largest cut per step, percent"))
        self.interval = _days("taper_interval", self.tr("Days on each step"), 28)
        self.start = named(QDateEdit(), "taper_start")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("d MMM yyyy")
        self.start.setAccessibleName(self.tr("First step starts on"))
        self.allow_liquid = named(QCheckBox(self.tr("Oral liquid allowed")), "taper_liquid")
        self.allow_split = named(QCheckBox(self.tr("Tablet splitting allowed")), "taper_split")
        self.allow_compounding = named(
            QCheckBox(self.tr("Compounded liquid allowed")), "taper_compounding"
        )
        self.allow_opening = named(
            QCheckBox(self.tr("Open capsules and count beads (off-label)")), "taper_opening"
        )
        checks = (self.allow_liquid, self.allow_split, self.allow_compounding, self.allow_opening)
        for check in checks:
            check.setChecked(check is not self.allow_opening)  # opening capsules: opt in
            check.setAccessibleName(check.text())
        self.allow_opening.setToolTip(
            self.tr(
                "Off-label: the patient opens each capsule and takes a counted share of its "
                "beads. Used only where no marketed product can make the steps."
            )
        )
        self.why = _label("taper_why", self.tr("Why these settings"), style="color: #333;")
        form.addRow(self.tr("Medication:"), self.medication)
        form.addRow(self.tr("Strategy:"), self.strategy)
        form.addRow(self.tr("Largest cut each step:"), self.percent)
        form.addRow(self.tr("Each step lasts:"), self.interval)
        form.addRow(self.tr("First step starts:"), self.start)
        options = QGridLayout()
        options.addWidget(self.allow_liquid, 0, 0)
        options.addWidget(self.allow_split, 0, 1)
        options.addWidget(self.allow_compounding, 1, 0)
        options.addWidget(self.allow_opening, 1, 1)
        options.setColumnStretch(2, 1)
        form.addRow(self.tr("Products:"), options)
        self.dose_times = DoseTimes()
        form.addRow(self.tr("Doses at:"), self.dose_times)
        form.addRow(self.tr("Suggested because:"), self.why)

        self.preview_model = StepsModel(self)
        self.preview = _steps_table(self.preview_model, "taper_preview", self.tr("Planned steps"))
        self.warnings = _label("taper_warnings", self.tr("Warnings about this plan"))
        self.plan_error = _label(
            "taper_plan_error", self.tr("Planning problem"), style=_ERROR_STYLE
        )
        self.start_button = _button(self.tr("Start this taper"), "taper_start_button")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)

        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(
            named(QLabel(self.tr("<b>Preview</b> (not saved)")), "taper_preview_title")
        )
        layout.addWidget(self.preview)
        layout.addWidget(self.warnings)
        layout.addWidget(self.plan_error)
        layout.addLayout(buttons)

        self.medication.currentIndexChanged.connect(self._on_medication_changed)
        for signal in (
            self.strategy.currentIndexChanged,
            self.percent.valueChanged,
            self.interval.valueChanged,
            self.start.dateChanged,
            self.allow_liquid.toggled,
            self.allow_split.toggled,
            self.allow_compounding.toggled,
            self.allow_opening.toggled,
            self.dose_times.changed,
        ):
            signal.connect(self._on_settings_changed)
        self.start_button.clicked.connect(self._on_start_clicked)
        return box

    def _build_active(self) -> QGroupBox:
        box = named(QGroupBox(self.tr("Taper in progress")), "taper_active")
        self.active_box = box
        self.taper_choice = named(QComboBox(), "taper_choice")
        self.taper_choice.setAccessibleName(self.tr("Taper in progress"))
        self.summary = _label("taper_summary", self.tr("Where the taper is today"))
        self.steps_model = StepsModel(self)
        self.steps = _steps_table(self.steps_model, "taper_steps", self.tr("Steps of the taper"))
        self.chart = DoseChart()

        self.stay_days = _days("taper_stay_days", self.tr("Days to stay longer"), 14)
        self.hold_button = _button(self.tr("Hold (symptoms)"), "taper_hold")
        self.extend_button = _button(self.tr("Extend"), "taper_extend")
        self.back_days = _days("taper_back_days", self.tr("Days back on the previous dose"), 28)
        self.back_button = _button(self.tr("Step back to the previous dose"), "taper_step_back")
        self.replan_from = named(QSpinBox(), "taper_replan_from")
        self.replan_from.setPrefix(self.tr("step "))
        self.replan_from.setAccessibleName(self.tr("Re-plan from step"))
        self.replan_strategy = _strategy_combo("taper_replan_strategy")
        self.replan_percent = _percent("taper_replan_percent", self.tr("Re-plan: largest cut"))
        self.replan_interval = _days("taper_replan_interval", self.tr("Re-plan: days a step"), 28)
        self.replan_button = _button(self.tr("Re-plan"), "taper_replan")
        self.reason = named(QLineEdit(), "taper_reason")
        self.reason.setPlaceholderText(self.tr("Reason, recorded with the change"))
        self.reason.setAccessibleName(self.tr("Reason for the change"))
        self.complete_button = _button(self.tr("End: completed"), "taper_end_completed")
        self.abandon_button = _button(self.tr("End: stopped early"), "taper_end_abandoned")
        self.action_error = _label("taper_action_error", self.tr("Problem"), style=_ERROR_STYLE)

        grid = QGridLayout()
        self.stay_label = named(QLabel(), "taper_stay_label")
        grid.addWidget(self.stay_label, 0, 0)
        grid.addWidget(self.stay_days, 0, 1)
        grid.addWidget(self.hold_button, 0, 2)
        grid.addWidget(self.extend_button, 0, 3)
        self.back_label = named(QLabel(), "taper_back_label")
        grid.addWidget(self.back_label, 1, 0)
        grid.addWidget(self.back_days, 1, 1)
        grid.addWidget(self.back_button, 1, 2, 1, 2)
        replan = QHBoxLayout()
        replan.addWidget(self.replan_from)
        replan.addWidget(self.replan_strategy, 1)
        replan.addWidget(self.replan_percent)
        replan.addWidget(QLabel(self.tr("every")))
        replan.addWidget(self.replan_interval)
        grid.addWidget(QLabel(self.tr("Re-plan from")), 2, 0)
        grid.addLayout(replan, 2, 1, 1, 2)
        grid.addWidget(self.replan_button, 2, 3)
        grid.addWidget(QLabel(self.tr("Reason:")), 3, 0)
        grid.addWidget(self.reason, 3, 1, 1, 3)
        ends = QHBoxLayout()
        ends.addStretch(1)
        ends.addWidget(self.complete_button)
        ends.addWidget(self.abandon_button)

        layout = QVBoxLayout(box)
        layout.addWidget(self.taper_choice)
        layout.addWidget(self.summary)
        layout.addWidget(self.steps)
        layout.addWidget(self.chart)
        layout.addLayout(grid)
        layout.addLayout(ends)
        layout.addWidget(self.action_error)

        self.taper_choice.currentIndexChanged.connect(self._on_taper_choice_changed)
        self.hold_button.clicked.connect(lambda: self._on_stay_clicked(hold=True))
        self.extend_button.clicked.connect(lambda: self._on_stay_clicked(hold=False))
        self.back_button.clicked.connect(self._on_back_clicked)
        self.replan_button.clicked.connect(self._on_replan_clicked)
        self.complete_button.clicked.connect(lambda: self._on_end_clicked(completed=True))
        self.abandon_button.clicked.connect(lambda: self._on_end_clicked(completed=False))
        return box

    # --- the contract ----------------------------------------------------------------------

    def show_chart(self, chart: Chart) -> None:
        """Load the patient; for the same patient (the chart refreshing) keep what is chosen."""
        same = chart.patient_id == self._patient_id
        self._patient_id = chart.patient_id
        may_change = self._practice.user.may(Permission.CHANGE_REGIMEN)
        refusal = "" if may_change else self.tr("Only a prescriber can change a taper.")
        for button in (
            self.start_button,
            self.hold_button,
            self.extend_button,
            self.back_button,
            self.replan_button,
            self.complete_button,
            self.abandon_button,
        ):
            button.setEnabled(may_change)
            button.setToolTip(refusal)
        if not same:
            self.advice.hide()
        keep, self._keep_taper = self._keep_taper or self.taper_choice.currentData(), None
        self._load_tapers(keep=keep if same else None)
        self._load_orders(keep=self.medication.currentData() if same else None)

    def clear(self) -> None:
        self._patient_id = None
        self._orders, self._tapers, self._plan = [], [], None
        with _Blocked(self.medication, self.taper_choice):
            self.medication.clear()
            self.taper_choice.clear()
        self.heading.setText(self.tr("Choose a patient to see or plan a taper."))
        self.preview_model.set_steps(())
        self.steps_model.set_steps(())
        for label in (self.warnings, self.plan_error, self.why, self.summary, self.action_error):
            label.clear()
        self.advice.hide()
        self.log_history.clear()
        self.active_box.hide()
        self.symptoms_box.hide()
        self.start_button.setEnabled(False)

    # --- loading ---------------------------------------------------------------------------

    def _load_tapers(self, keep: int | None = None) -> None:
        assert self.snapshot is not None
        self._tapers = self.snapshot.tapers
        with _Blocked(self.taper_choice):
            self.taper_choice.clear()
            for taper in self._tapers:
                plan = taper.plan
                self.taper_choice.addItem(
                    fill(
                        self.tr("%1 from %2 a day"), plan.drug_name.capitalize(), _mg(plan.start_mg)
                    ),
                    taper.id,
                )
            index = self.taper_choice.findData(keep) if keep is not None else 0
            self.taper_choice.setCurrentIndex(max(index, 0))
        self.taper_choice.setVisible(len(self._tapers) > 1)
        self.active_box.setVisible(bool(self._tapers))
        self.symptoms_box.setVisible(bool(self._tapers))
        count = len(self._tapers)
        self.heading.setText(
            fill(self.tr("<b>Tapers in progress: %1.</b>"), count)
            if count
            else self.tr("No taper in progress. Plan one below from an active medication.")
        )
        self._show_taper()

    def _load_orders(self, keep: int | None = None) -> None:
        assert self.snapshot is not None
        known = formulary.load().drugs
        orders = [o for o in self.snapshot.medications if o.details.drug_id in known]
        # Psychiatric medications first: the planner opens on one (not on lisinopril).
        psychiatric = {i for i, d in known.items() if d.psychiatric}
        self._orders = sorted(orders, key=lambda o: o.details.drug_id not in psychiatric)
        if self._orders and self._orders[0].details.drug_id not in psychiatric:
            self.heading.setText(
                self.heading.text()
                + " "
                + self.tr("No psychiatric medication is active; the others are offered.")
            )
        tapering = {t.plan.drug_id for t in self._tapers}
        with _Blocked(self.medication):
            self.medication.clear()
            for order in self._orders:
                note = self.tr(" (taper in progress)") if order.details.drug_id in tapering else ""
                self.medication.addItem(_order_label(order) + note, order.id)
            kept = self.medication.findData(keep) if keep is not None else -1
            if kept >= 0:
                self.medication.setCurrentIndex(kept)
        if not self._orders:
            self.why.clear()
            self.preview_model.set_steps(())
            self.warnings.clear()
            self.plan_error.setText(self.tr("No active formulary medication to taper."))
            self.start_button.setEnabled(False)
            return
        if kept >= 0:
            self._on_settings_changed()  # the same medication: keep the prescriber's settings
        else:
            self._on_medication_changed()

    def _current_taper(self) -> Any:
        taper_id = self.taper_choice.currentData()
        return next((t for t in self._tapers if t.id == taper_id), None)

    def _show_taper(self) -> None:
        taper = self._current_taper()
        self.action_error.clear()
        if taper is None:
            self.steps_model.set_steps(())
            self.chart.set_series([])
            self.summary.clear()
            self.log_history.clear()
            return
        plan: TaperPlan = taper.plan
        assert self.snapshot is not None
        today = self.snapshot.today
        step = self.snapshot.steps.get(taper.id)
        number = step.number if step else None
        self.steps_model.set_steps(plan.steps, number)
        self.stay_label.setText(fill(self.tr("Stay on step %1 longer by"), number or 1))
        self.back_label.setText(
            fill(self.tr("Go back from step %1 to the previous dose for"), number or 1)
        )
        if number is not None:
            self.steps.scrollTo(self.steps_model.index(number - 1, 0))
        self.chart.show_plan(plan, today)
        self.summary.setText(self._summary_html(plan, step))
        last = len(plan.steps)
        self.replan_from.setRange(2, max(last, 2))
        self.replan_from.setValue(min((number or 1) + 1, last))
        strategy = plan.strategy.value if plan.strategy is not Strategy.CUSTOM else "hyperbolic"
        self.replan_strategy.setCurrentIndex(max(self.replan_strategy.findData(strategy), 0))
        self.replan_percent.setValue(plan.step_percent)
        self.replan_interval.setValue(plan.interval_days)
        self.back_days.setValue(plan.interval_days)
        self._show_checklist(plan.drug_id)
        self._show_log(taper.id)

    def _summary_html(self, plan: TaperPlan, step: Step | None) -> str:
        first = plan.steps[0] if plan.steps else None
        head = fill(
            self.tr("<b>%1</b>: from %2 a day, %3, %4 % every %5 days."),
            escape(plan.drug_name.capitalize()),
            _mg(plan.start_mg),
            escape(self.tr(_STRATEGY_WORDS.get(plan.strategy, plan.strategy.value))),
            f"{plan.step_percent:g}",
            plan.interval_days,
        )
        if step is None:
            when = long_date(first.start) if first else "—"
            return head + "<br>" + fill(self.tr("Not started yet: step 1 begins on %1."), when)
        now = fill(
            self.tr("<b>Today: step %1 of %2</b> (since %3): <b>%4 a day</b> — %5."),
            step.number,
            len(plan.steps),
            long_date(step.start),
            _mg(step.daily_mg),
            escape(step.how),
        )
        following = next((s for s in plan.steps if s.number == step.number + 1), None)
        if following is not None:
            now += "<br>" + fill(
                self.tr("Next change on %1: %2 a day."),
                long_date(following.start),
                _mg(following.daily_mg),
            )
        elif step.daily_mg == 0:
            now += "<br>" + self.tr("This is the final step: the medication has been stopped.")
        else:
            now += "<br>" + self.tr("The plan ends above zero; see its warnings or re-plan.")
        return head + "<br>" + now

    # --- planner slots -------------------------------------------------------------------

    def _selected_order(self) -> Order | None:
        order_id = self.medication.currentData()
        return next((o for o in self._orders if o.id == order_id), None)

    def _on_medication_changed(self, _index: int = 0) -> None:
        order = self._selected_order()
        drug = formulary.load().drugs.get(order.details.drug_id or "") if order else None
        if drug is not None:
            settings = suggested_settings(drug)
            with _Blocked(self.strategy, self.percent, self.interval, self.start):
                self.strategy.setCurrentIndex(
                    max(self.strategy.findData(settings.strategy.value), 0)
                )
                self.percent.setValue(settings.step_percent)
                self.interval.setValue(settings.interval_days)
                self.start.setDate(QDate.currentDate())
            self.why.setText(escape(settings.why))
        if order is not None:
            self.dose_times.show_order(order.details.schedule.times())
        self._on_settings_changed()

    def _on_settings_changed(self, *_args: object) -> None:
        order = self._selected_order()
        self._plan = None
        self.plan_error.clear()
        self.warnings.clear()
        if order is None:
            self.preview_model.set_steps(())
            self.start_button.setEnabled(False)
            return
        day = self.start.date()
        try:
            plan = self._practice.plan_taper(
                order.id,
                start=date(day.year(), day.month(), day.day()),
                strategy=self.strategy.currentData(),
                step_percent=self.percent.value(),
                interval_days=self.interval.value(),
                allow_liquid=self.allow_liquid.isChecked(),
                allow_splitting=self.allow_split.isChecked(),
                allow_compounding=self.allow_compounding.isChecked(),
                allow_capsule_opening=self.allow_opening.isChecked(),
                **self.dose_times.chosen(),
            )
        except PracticeError as error:
            self.preview_model.set_steps(())
            self.plan_error.setText(escape(str(error)))
            self.start_button.setEnabled(False)
            return
        self.preview_model.set_steps(plan.steps)
        if not plan.steps:
            self.plan_error.setText(
                self.tr(
                    "No step can be made with these settings and products (see the warning). "
                    "Try a larger cut, or allow liquid or splitting."
                )
            )
            self.warnings.setText(plan_outline(plan))
            self.start_button.setEnabled(False)
            return
        self._plan = plan
        self.warnings.setText(plan_outline(plan))
        self.start_button.setEnabled(self._practice.user.may(Permission.CHANGE_REGIMEN))

    def _on_start_clicked(self) -> None:
        order = self._selected_order()
        if self._plan is None or order is None or self._patient_id is None:
            return
        try:
            taper = self._practice.start_taper(self._patient_id, self._plan, order_id=order.id)
        except PracticeError as error:
            self.plan_error.setText(escape(str(error)))
            return
        self._keep_taper = taper.id
        self.refresh()
        self.changed.emit()

    # --- taper in progress slots -----------------------------------------------------------

    def _on_taper_choice_changed(self, _index: int) -> None:
        self.advice.hide()
        self._show_taper()

    def _step_now(self, taper: Any) -> int:
        step = self.snapshot.steps.get(taper.id) if self.snapshot is not None else None
        return step.number if step else 1

    def _apply(self, change: Any) -> None:
        taper = self._current_taper()
        if taper is None:
            return
        try:
            saved = change(taper)
        except PracticeError as error:
            self.action_error.setText(escape(str(error)))
            return
        self.reason.clear()
        self._keep_taper = saved.id
        self.refresh()
        self.changed.emit()

    def _on_stay_clicked(self, *, hold: bool) -> None:
        self._apply(
            lambda t: self._practice.extend_taper_step(
                t.id,
                row_version=t.row_version,
                step=self._step_now(t),
                days=self.stay_days.value(),
                hold=hold,
                reason=self.reason.text().strip(),
            )
        )

    def _on_back_clicked(self) -> None:
        self._apply(
            lambda t: self._practice.step_back_taper(
                t.id,
                row_version=t.row_version,
                step=self._step_now(t),
                on=date.today(),
                days=self.back_days.value(),
                reason=self.reason.text().strip(),
            )
        )

    def _on_replan_clicked(self) -> None:
        self._apply(
            lambda t: self._practice.replan_taper(
                t.id,
                row_version=t.row_version,
                from_step=self.replan_from.value(),
                reason=self.reason.text().strip(),
                strategy=self.replan_strategy.currentData(),
                step_percent=self.replan_percent.value(),
                interval_days=self.replan_interval.value(),
            )
        )

    def _on_end_clicked(self, *, completed: bool) -> None:
        taper = self._current_taper()
        if taper is None:
            return
        text = fill(
            self.tr("Mark the %1 taper as completed?")
            if completed
            else self.tr("End the %1 taper before its last step? The plan stays in the record."),
            taper.plan.drug_name,
        )
        if not prompts.confirm(self, self.tr("End taper"), text):
            return
        self._apply(
            lambda t: self._practice.end_taper(
                t.id,
                row_version=t.row_version,
                completed=completed,
                reason=self.reason.text().strip(),
            )
        )

    # --- symptom slots ---------------------------------------------------------------------
