"""The Prescriptions tab: write from an active medication or a taper step, preview, print;
reprint and void.

The facade applies the 21 CFR 1306 rules and numbers every prescription; this tab reads
the form, shows the refusal in words, and previews exactly the bytes it will print.
Rendering a prescription (``print_prescriptions``) is what the facade counts as its first
print, so any later print of the same serial is a marked COPY.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pydantic
from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain import formulary
from practice_desk.domain.changes import Change
from practice_desk.domain.errors import PracticeError
from practice_desk.domain.regimens import DoseUnit, Order
from practice_desk.domain.users import Permission
from practice_desk.practice import Practice
from practice_desk.practice.chart import Chart, RxLog
from practice_desk.ui import prompts
from practice_desk.ui.chart.pdf_preview import PdfPreview
from practice_desk.ui.chart.rx_log import RxLogModel
from practice_desk.ui.chart.tab import ChartTabBase
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP, fill, long_date
from practice_desk.ui.naming import named

if TYPE_CHECKING:
    from practice_desk.domain.records import StoredTaper

_ERROR_STYLE = "color: #a00000;"
#: How the Prescription fields read when pydantic refuses a value.
_FIELDS = {
    "quantity": QT_TRANSLATE_NOOP("PrescriptionsTab", "Quantity"),
    "days_supply": QT_TRANSLATE_NOOP("PrescriptionsTab", "Days' supply"),
    "refills": QT_TRANSLATE_NOOP("PrescriptionsTab", "Refills"),
    "directions": QT_TRANSLATE_NOOP("PrescriptionsTab", "Directions"),
    "note_to_pharmacist": QT_TRANSLATE_NOOP("PrescriptionsTab", "Note to pharmacist"),
    "series_total": QT_TRANSLATE_NOOP("PrescriptionsTab", "Series"),
}


def _rx_label(order: Order) -> str:
    d = order.details
    product = f" {d.product.title()}" if d.product else ""
    return f"{d.name}{product} — {d.directions()}"


class PrescriptionsTab(QWidget, ChartTabBase):
    concerns = frozenset({Change.PRESCRIPTIONS, Change.MEDICATIONS, Change.TAPERS})
    changed = Signal()

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prescriptions_tab")
        self._practice = practice
        self._patient_id: int | None = None
        self._orders: list[Order] = []
        self._tapers: list[StoredTaper] = []
        self._taper_step_number: int | None = None
        self._quantity_edited = False
        self._preview_title = ""
        self.work: QWidget | None = None  # built the first time a prescriber opens a chart

        self.message = named(QLabel(), "rx_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAccessibleName(self.tr("Prescriptions"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.clear()

    # --- the contract ----------------------------------------------------------------------

    def show_chart(self, chart: Chart) -> None:
        """Load the patient; for the same patient (the chart refreshing) keep the preview."""
        same = chart.patient_id == self._patient_id
        self._patient_id = chart.patient_id
        if not self._practice.user.may(Permission.PRESCRIBE):
            self.message.setText(
                self.tr(
                    "Prescribing is for prescribers. A nurse can see the medications in the "
                    "chart and print handouts from the Documents tab."
                )
            )
            self.pages.setCurrentWidget(self.message)
            return
        if self.work is None:
            self.work = self._build_work()
            self.pages.addWidget(self.work)
        self.pages.setCurrentWidget(self.work)
        if same:
            self._load_orders(keep=self.medication.currentData())
            self._load_log(keep=self._selected_serial(), log=chart.prescriptions)
            return
        self.error.clear()
        self.log_error.clear()
        self.preview.clear(self.tr("Write a prescription to see it here before printing."))
        self.preview_caption.clear()
        self._preview_title = ""
        self.print_button.setEnabled(False)
        self._load_orders()
        self._load_log(log=chart.prescriptions)

    def clear(self) -> None:
        self._patient_id = None
        self._orders = []
        self.message.setText(self.tr("Choose a patient to write or review prescriptions."))
        self.pages.setCurrentWidget(self.message)
        if self.work is not None:
            self.medication.clear()
            self.log_model.set_log([])
            self.preview.clear()
            self.error.clear()
            self.log_error.clear()
            self.print_button.setEnabled(False)

    # --- building --------------------------------------------------------------------------

    def _build_work(self) -> QWidget:
        self.medication = named(QComboBox(), "rx_medication")
        self.medication.setAccessibleName(self.tr("Medication to prescribe"))
        self.schedule = named(QLabel(), "rx_schedule")
        self.schedule.setWordWrap(True)
        self.directions = named(QLineEdit(), "rx_directions")
        self.directions.setAccessibleName(self.tr("Directions"))
        self.quantity = named(QDoubleSpinBox(), "rx_quantity")
        self.quantity.setRange(0, 9999)
        self.quantity.setDecimals(1)
        self.quantity.setAccessibleName(self.tr("Quantity"))
        self.days = named(QSpinBox(), "rx_days")
        self.days.setRange(1, 365)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr("Days' supply"))
        self.refills = named(QSpinBox(), "rx_refills")
        self.refills.setRange(0, 11)
        self.refills.setAccessibleName(self.tr("Refills"))
        self.substitution = named(QCheckBox(self.tr("Substitution permitted")), "rx_substitution")
        self.substitution.setChecked(True)
        self.substitution.setAccessibleName(self.substitution.text())
        self.note = named(QLineEdit(), "rx_note")
        self.note.setMaxLength(300)  # what a prescription holds
        self.note.setAccessibleName(self.tr("Note to pharmacist"))
        self.series = named(QSpinBox(), "rx_series")
        self.series.setRange(1, 3)
        self.series.setSuffix(self.tr(" prescription(s), each for the days' supply"))
        self.series.setAccessibleName(self.tr("Schedule II series: number of prescriptions"))
        self.series_label = QLabel(self.tr("Schedule II series:"))
        self.write_button = named(QPushButton(self.tr("Write and preview")), "rx_write")
        self.write_button.setAccessibleName(self.tr("Write and preview"))
        self.taper_step = named(QLabel(), "rx_taper_step")
        self.taper_step.setWordWrap(True)
        self.taper_step.setAccessibleName(self.tr("Taper step in force"))
        self.taper_button = named(QPushButton(self.tr("From the taper step…")), "rx_taper_write")
        self.taper_button.setAccessibleName(
            self.tr("Write prescriptions for the taper step in force")
        )
        self.error = named(QLabel(), "rx_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setAccessibleName(self.tr("Problem with the prescription"))

        form = QFormLayout()
        form.addRow(self.tr("Medication:"), self.medication)
        form.addRow("", self.schedule)
        form.addRow(self.tr("Directions:"), self.directions)
        form.addRow(self.tr("Quantity:"), self.quantity)
        form.addRow(self.tr("Days' supply:"), self.days)
        form.addRow(self.tr("Refills:"), self.refills)
        form.addRow("", self.substitution)
        form.addRow(self.tr("Note to pharmacist:"), self.note)
        form.addRow(self.series_label, self.series)
        write_box = named(QGroupBox(self.tr("Write a prescription")), "rx_write_box")
        write_layout = QVBoxLayout(write_box)
        write_layout.addLayout(form)
        write_row = QHBoxLayout()
        write_row.addWidget(self.taper_step, 1)
        write_row.addWidget(self.taper_button)
        write_row.addWidget(self.write_button)
        write_layout.addLayout(write_row)
        write_layout.addWidget(self.error)

        self.log_model = RxLogModel(self)
        self.log = named(QTableView(), "rx_log")
        self.log.setModel(self.log_model)
        self.log.setAccessibleName(self.tr("Prescription log"))
        self.log.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.log.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.log.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.log.verticalHeader().setVisible(False)
        self.log.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.log.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.reprint_button = named(QPushButton(self.tr("Reprint (COPY)…")), "rx_reprint")
        self.reprint_button.setAccessibleName(self.tr("Reprint as a copy"))
        self.void_button = named(QPushButton(self.tr("Void…")), "rx_void")
        self.void_button.setAccessibleName(self.tr("Void the prescription"))
        self.log_error = named(QLabel(), "rx_log_error")
        self.log_error.setWordWrap(True)
        self.log_error.setStyleSheet(_ERROR_STYLE)
        self.log_error.setAccessibleName(self.tr("Problem with the log action"))
        log_box = named(QGroupBox(self.tr("Prescription log")), "rx_log_box")
        log_layout = QVBoxLayout(log_box)
        log_layout.addWidget(self.log)
        log_buttons = QHBoxLayout()
        log_buttons.addStretch(1)
        log_buttons.addWidget(self.reprint_button)
        log_buttons.addWidget(self.void_button)
        log_layout.addLayout(log_buttons)
        log_layout.addWidget(self.log_error)

        self.preview = PdfPreview(name="rx_preview")
        self.preview_caption = named(QLabel(), "rx_preview_caption")
        self.preview_caption.setWordWrap(True)
        self.print_button = named(QPushButton(self.tr("Print…")), "rx_print")
        self.print_button.setAccessibleName(self.tr("Print the previewed prescription"))
        preview_box = named(QGroupBox(self.tr("Preview")), "rx_preview_box")
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.preview_caption)
        preview_layout.addWidget(self.preview, 1)
        print_row = QHBoxLayout()
        print_row.addStretch(1)
        print_row.addWidget(self.print_button)
        preview_layout.addLayout(print_row)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(write_box)
        left_layout.addWidget(log_box, 1)
        splitter = named(QSplitter(Qt.Orientation.Horizontal), "rx_splitter")
        splitter.addWidget(left)
        splitter.addWidget(preview_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        self.medication.currentIndexChanged.connect(self._on_medication_changed)
        self.days.valueChanged.connect(self._on_days_changed)
        self.quantity.valueChanged.connect(self._on_quantity_changed)
        self.write_button.clicked.connect(self._on_write_clicked)
        self.taper_button.clicked.connect(self._on_taper_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.reprint_button.clicked.connect(self._on_reprint_clicked)
        self.void_button.clicked.connect(self._on_void_clicked)
        return splitter

    # --- loading ---------------------------------------------------------------------------

    def _load_orders(self, keep: int | None = None) -> None:
        chart = self.snapshot
        assert chart is not None
        self._orders = [
            o for o in chart.medications if o.details.drug_id and not o.details.external_prescriber
        ]
        self._tapers = chart.tapers
        self.medication.blockSignals(True)
        self.medication.clear()
        for order in self._orders:
            self.medication.addItem(_rx_label(order), order.id)
        kept = self.medication.findData(keep) if keep is not None else -1
        if kept >= 0:
            self.medication.setCurrentIndex(kept)
        self.medication.blockSignals(False)
        self.write_button.setEnabled(bool(self._orders))
        if not self._orders:
            self.error.setText(self.tr("No active medication prescribed here to write for."))
        if kept < 0:  # a new choice: fill the form from the order; else keep what was typed
            self._on_medication_changed()
        else:  # the taper may have moved on (or started) since
            self._show_taper_step()

    def _load_log(self, keep: int | None = None, log: RxLog | None = None) -> None:
        """The log from the chart shown, or read now (after printing or voiding here)."""
        assert self._patient_id is not None
        if log is None:
            log = self._practice.prescription_log(self._patient_id)
        self.log_model.set_log(log)
        if self.log_model.rowCount():
            self.log.selectRow(0)
        if keep is not None:
            self._reselect(keep)

    def _order(self) -> Order | None:
        order_id = self.medication.currentData()
        return next((o for o in self._orders if o.id == order_id), None)

    # --- form slots ------------------------------------------------------------------------

    def _on_medication_changed(self, _index: int = 0) -> None:
        order = self._order()
        drug = formulary.load().drugs.get(order.details.drug_id or "") if order else None
        schedule = drug.schedule if drug else ""
        self.schedule.setText(
            self.tr("Schedule %1 controlled substance.").replace("%1", schedule) if schedule else ""
        )
        self.schedule.setVisible(bool(schedule))
        self.series.setValue(1)
        self.series.setVisible(schedule == "II")
        self.series_label.setVisible(schedule == "II")
        # A new medication starts from a clean form: nothing carries over from another drug.
        self.refills.setValue(0)
        self.substitution.setChecked(True)
        self.note.clear()
        self.directions.setText(order.details.directions() if order else "")
        product = order.details.product if order else None
        liquid = bool(product and product.is_liquid)
        unit = " mL" if liquid else f" {product.form.value}s" if product else ""
        self.quantity.blockSignals(True)
        self.quantity.setDecimals(1 if liquid else 0)
        self.quantity.setSuffix(unit)
        self.quantity.blockSignals(False)
        self._quantity_edited = False
        self._suggest_quantity()
        self._show_taper_step()

    def _taper(self) -> StoredTaper | None:
        """The active taper of the chosen medication, if there is one."""
        order = self._order()
        if order is None:
            return None
        return next(
            (
                t
                for t in self._tapers
                if t.order_id == order.id
                or (t.order_id is None and t.plan.drug_id == order.details.drug_id)
            ),
            None,
        )

    def _show_taper_step(self) -> None:
        taper = self._taper()
        self.taper_step.setVisible(taper is not None)
        self.taper_button.setVisible(taper is not None)
        self._taper_step_number = None
        if taper is None or not taper.plan.steps:
            self.taper_step.clear()
            return
        # Before the taper starts, its first step is the one to prescribe.
        shown = self.snapshot.steps.get(taper.id) if self.snapshot is not None else None
        step = shown or taper.plan.steps[0]
        self._taper_step_number = step.number
        total = len(taper.plan.steps)
        if step.end is None:
            text = fill(
                self.tr("Step %1 of %2: stop from %3"), step.number, total, long_date(step.start)
            )
        else:
            text = fill(
                self.tr("Step %1 of %2: %3 mg a day from %4 to %5"),
                step.number,
                total,
                f"{step.daily_mg:g}",
                long_date(step.start),
                long_date(step.end),
            )
        self.taper_step.setText(text)

    def _suggest_quantity(self) -> None:
        """Enough for the days' supply at the ordered dose, while the prescriber has not typed
        a quantity of their own (doses ordered in mg leave it to them)."""
        order = self._order()
        if self._quantity_edited or order is None:
            return
        per_day = order.details.schedule.per_day
        exact = order.details.dose_unit in (DoseUnit.UNIT, DoseUnit.ML)
        value = math.ceil(per_day * self.days.value() * 10) / 10 if exact else 0
        self.quantity.blockSignals(True)
        self.quantity.setValue(value)
        self.quantity.blockSignals(False)

    def _on_days_changed(self, _value: int) -> None:
        self._suggest_quantity()

    def _on_quantity_changed(self, _value: float) -> None:
        self._quantity_edited = True

    def _on_write_clicked(self) -> None:
        order = self._order()
        if order is None:
            return
        self.error.clear()
        try:
            written = self._practice.write_prescription(
                order.id,
                quantity=self.quantity.value(),
                days_supply=self.days.value(),
                refills=self.refills.value(),
                substitution_permitted=self.substitution.isChecked(),
                note_to_pharmacist=self.note.text().strip(),
                directions=self.directions.text().strip() or None,
                series=self.series.value() if not self.series.isHidden() else 1,
            )
        except PracticeError as error:
            self.error.setText(str(error))
            return
        except pydantic.ValidationError as error:
            self.error.setText(self._words(error))
            return
        serials = [rx.serial for rx in written]
        self._on_medication_changed()  # a fresh form: a second click is a deliberate new Rx
        numbers = ", ".join(f"#{s:06d}" for s in serials)
        self._render(serials, self.tr("Rx %1 — ready to print").replace("%1", numbers))
        self.changed.emit()

    def _on_taper_clicked(self) -> None:
        taper = self._taper()
        if taper is None or self._taper_step_number is None:
            return
        self.error.clear()
        options: dict[str, Any] = {
            "refills": self.refills.value(),
            "substitution_permitted": self.substitution.isChecked(),
            "note_to_pharmacist": self.note.text().strip(),
        }
        try:
            step, drafts = self._practice.draft_taper_prescription(
                taper.id, self._taper_step_number, **options
            )
        except PracticeError as error:
            self.error.setText(str(error))
            return
        except pydantic.ValidationError as error:
            self.error.setText(self._words(error))
            return
        lines = [
            fill(
                self.tr("%1 %2 %3: %4 %5 for %6 days"),
                rx.drug,
                rx.strength,
                rx.form,
                f"{rx.quantity:g}",
                rx.quantity_unit,
                rx.days_supply,
            )
            for rx in drafts
        ]
        question = fill(
            self.tr("Write these prescriptions for step %1 of %2 of the %3 taper?"),
            step.number,
            len(taper.plan.steps),
            taper.plan.drug_name,
        )
        directions = fill(self.tr("Directions: %1"), drafts[0].directions)
        if not prompts.confirm(
            self,
            self.tr("Prescribe the taper step"),
            "\n\n".join([question, "\n".join(lines), directions]),
        ):
            return
        try:
            written = self._practice.write_taper_prescription(taper.id, step.number, **options)
        except PracticeError as error:
            self.error.setText(str(error))
            return
        except pydantic.ValidationError as error:
            self.error.setText(self._words(error))
            return
        serials = [rx.serial for rx in written]
        self._on_medication_changed()
        numbers = ", ".join(f"#{s:06d}" for s in serials)
        if self._render(serials, self.tr("Rx %1 — ready to print").replace("%1", numbers)):
            self._reselect(serials[0])
        self.changed.emit()

    def _words(self, error: pydantic.ValidationError) -> str:
        return " ".join(
            f"{self.tr(_FIELDS.get(str(e['loc'][-1]), str(e['loc'][-1])))}: {e['msg']}."
            for e in error.errors()
        )

    # --- preview and printing --------------------------------------------------------------

    def _render(self, serials: list[int], caption: str) -> bool:
        try:
            pdf = self._practice.preview_prescriptions(serials)
        except PracticeError as error:
            self.log_error.setText(str(error))
            return False
        self._preview_serials = serials
        self.preview.show_pdf(pdf)
        self.preview_caption.setText(caption)
        self._preview_title = self.tr("Prescription %1").replace(
            "%1", ", ".join(f"#{s:06d}" for s in serials)
        )
        self.print_button.setEnabled(True)
        self._load_log()
        return True

    def print_current(self) -> bool:
        """Ctrl+P: print the previewed prescriptions (written and previewed first)."""
        if not self.preview.pdf or not getattr(self, "_preview_serials", None):
            return False
        self._on_print_clicked()
        return True

    def _on_print_clicked(self) -> None:
        """Print what is previewed; only a print that went ahead is logged as printed.

        The preview is exactly what prints (a reprint previews as a marked COPY), so a
        print dialog closed with Cancel leaves the prescription unprinted in the log.
        """
        serials = getattr(self, "_preview_serials", None)
        if not self.preview.pdf or not serials:
            return
        if not prompts.print_pdf(self, self.preview.pdf, self._preview_title):
            return
        try:
            self._practice.print_prescriptions(serials)  # logs "printed" or "reprinted"
        except PracticeError as error:
            self.log_error.setText(str(error))
            return
        self._load_log()
        self.preview_caption.setText(
            self.preview_caption.text().split(" — ")[0] + self.tr(" — sent to the printer")
        )

    def _selected_serial(self) -> int | None:
        rows = self.log.selectionModel().selectedRows()
        return self.log_model.serial(rows[0].row()) if rows else None

    def _on_reprint_clicked(self) -> None:
        self.log_error.clear()
        serial = self._selected_serial()
        if serial is None:
            self.log_error.setText(self.tr("Choose a prescription in the log first."))
            return
        caption = self.tr("COPY of Rx #%1 — marked as a reprint").replace("%1", f"{serial:06d}")
        if self._render([serial], caption):
            self._reselect(serial)
            self._on_print_clicked()
            self.changed.emit()

    def _on_void_clicked(self) -> None:
        self.log_error.clear()
        serial = self._selected_serial()
        if serial is None:
            self.log_error.setText(self.tr("Choose a prescription in the log first."))
            return
        number = f"#{serial:06d}"
        reason = prompts.ask_text(
            self,
            self.tr("Void Rx %1").replace("%1", number),
            self.tr("Why is Rx %1 voided? The log keeps the reason.").replace("%1", number),
        )
        if reason is None:
            return
        if not prompts.confirm(
            self,
            self.tr("Void Rx %1").replace("%1", number),
            self.tr(
                "Void Rx %1? It can never be printed again, and a pharmacy that calls to "
                "verify it will be told it is not valid."
            ).replace("%1", number),
        ):
            return
        try:
            self._practice.void_prescription(serial, reason)
        except PracticeError as error:
            self.log_error.setText(str(error))
            return
        self._load_log()
        self._reselect(serial)
        if self._preview_title.endswith(number):
            self.preview.clear(self.tr("Rx %1 was voided.").replace("%1", number))
            self.preview_caption.clear()
            self.print_button.setEnabled(False)
        self.changed.emit()

    def _reselect(self, serial: int) -> None:
        for row in range(self.log_model.rowCount()):
            if self.log_model.serial(row) == serial:
                self.log.selectRow(row)
                return
