"""The form to start a medication or change its dose, with a live safety check.

The form only gathers what the prescriber types; the facade decides what is allowed
(checks, overrides, reasons) and the form shows its alerts and refusals in plain words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain import formulary
from practice_desk.domain.errors import OverrideRequired, PracticeError
from practice_desk.domain.formulary import Drug, Form, Product
from practice_desk.domain.regimens import DoseSchedule, DoseUnit, Order, OrderDetails, details_for
from practice_desk.domain.safety import Alert, AlertKind, AlertSeverity
from practice_desk.practice import Practice
from practice_desk.practice.regimens import override_reason_problem
from practice_desk.ui import prompts
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP
from practice_desk.ui.naming import named
from practice_desk.ui.screen import fit_to_screen, scrolling

#: Severity words with an icon, so colour is never the only signal; text and background
#: colours are both set so the contrast holds in any theme.
_LOOK = {
    AlertSeverity.CONTRAINDICATED: (
        QT_TRANSLATE_NOOP("MedicationForm", "✖ Contraindicated:"),
        "#7a0000",
        "#fde0e0",
    ),
    AlertSeverity.MAJOR: (QT_TRANSLATE_NOOP("MedicationForm", "⚠ Major:"), "#5c3200", "#ffe9c7"),
    AlertSeverity.MODERATE: (
        QT_TRANSLATE_NOOP("MedicationForm", "◆ Moderate:"),
        "#403500",
        "#fff8d6",
    ),
    AlertSeverity.INFO: (QT_TRANSLATE_NOOP("MedicationForm", "ℹ Info:"), "#1f2d3d", "#e8eef5"),
}
_TIMES = ("morning", "noon", "evening", "bedtime")
#: How "n times a day" reads as times of day when an old order is opened for a change.
_SPREAD = {1: ("morning",), 2: ("morning", "evening"), 3: ("morning", "noon", "evening")}


def alert_text(alert: Alert) -> str:
    prefix = QCoreApplication.translate("MedicationForm", _LOOK[alert.severity][0])
    action = f"\n    → {alert.action}" if alert.action else ""
    return f"{prefix} {alert.message}{action}"


def fill_alerts(view: QListWidget, alerts: Sequence[Alert], empty: str) -> None:
    """One item per alert, most severe first; ``empty`` when there are none."""
    view.clear()
    for alert in alerts:
        _, ink, paper = _LOOK[alert.severity]
        item = QListWidgetItem(alert_text(alert))
        item.setForeground(QBrush(QColor(ink)))
        item.setBackground(QBrush(QColor(paper)))
        if alert.source:
            item.setToolTip(alert.source)
        view.addItem(item)
    if not alerts:
        view.addItem(QListWidgetItem(empty))


def alert_list(name: str, accessible: str) -> QListWidget:
    view = named(QListWidget(), name)
    view.setAccessibleName(accessible)
    view.setWordWrap(True)
    view.setResizeMode(QListWidget.ResizeMode.Adjust)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setSpacing(2)
    return view


def _line(name: str, accessible: str, placeholder: str = "") -> QLineEdit:
    edit = named(QLineEdit(), name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    return edit


def _note(name: str) -> QLabel:
    label = named(QLabel(), name)
    label.setWordWrap(True)
    return label


def plain_words(exc: Exception) -> str:
    """A pydantic validation error (or any ValueError) as sentences, without field dumps."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        return " ".join(str(e["msg"]).removeprefix("Value error, ") for e in errors())
    return str(exc)


#: Alerts that depend on the dose: not shown before one is given.
DOSE_KINDS = frozenset({AlertKind.MAX_DOSE, AlertKind.AGE, AlertKind.NOT_CHECKED})


class MedicationForm(QDialog):
    """Start a medication (``order`` None) or change the dose of ``order``."""

    def __init__(
        self,
        practice: Practice,
        patient_id: int,
        order: Order | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._practice = practice
        self._patient_id = patient_id
        self._order = order
        self._drug: Drug | None = None
        self.saved: Order | None = None
        self.setObjectName("medication_form")
        self.setWindowTitle(
            prompts.titled(
                parent,
                self.tr("Start a medication")
                if order is None
                else self.tr("Change the dose of %1").replace("%1", order.details.name),
            )
        )
        fit_to_screen(self, 680, 720)  # room for the error line beside the dose row

        data = formulary.load()
        names = sorted({n for d in data.drugs.values() for n in (d.generic, *d.brands)})
        self.drug = _line(
            "med_form_drug",
            self.tr("Medication name"),
            self.tr("Generic or brand name, e.g. sertraline or Zoloft"),
        )
        completer = QCompleter(names, self.drug)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.drug.setCompleter(completer)
        self.match = _note("med_form_match")

        self.product = named(QComboBox(), "med_form_product")
        self.product.setAccessibleName(self.tr("Product (form and strength)"))
        self.product.setPlaceholderText(self.tr("no product: not in the formulary"))

        self.as_needed = named(QCheckBox(self.tr("&As needed (PRN)")), "med_form_as_needed")
        self.unit = named(QLabel(), "med_form_unit")
        self.times: dict[str, QDoubleSpinBox] = {}
        self._grid = QGridLayout()
        titles = (self.tr("Morning"), self.tr("Noon"), self.tr("Evening"), self.tr("Bedtime"))
        for column, (key, title) in enumerate(zip(_TIMES, titles, strict=True)):
            self.times[key] = self._amount(f"med_form_{key}", title, 0, column)[1]
        each, self.prn_amount = self._amount("med_form_prn_amount", self.tr("Each time"), 2, 0)
        most, self.max_per_day = self._amount(
            "med_form_max_per_day", self.tr("At most a day"), 2, 1
        )
        self._prn_labels = [each, most]
        self._each = each
        self.every_days = named(QSpinBox(), "med_form_every_days")
        self.every_days.setRange(1, 365)
        self.every_days.setValue(28)
        self.every_days.setSuffix(self.tr(" days"))
        self.every_days.setAccessibleName(self.tr("Every so many days"))
        self._every_label = QLabel(self.tr("Every"))
        self._every_label.setBuddy(self.every_days)
        self._grid.addWidget(self._every_label, 2, 2)
        self._grid.addWidget(self.every_days, 3, 2)
        self.summary = _note("med_form_summary")

        self.start = named(QDateEdit(QDate.currentDate()), "med_form_start")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("d MMM yyyy")
        self.start.setAccessibleName(self.tr("Start date") if order is None else self.tr("Date"))
        self.external = _line(
            "med_form_external",
            self.tr("Prescribed elsewhere by"),
            self.tr("Leave empty when you prescribe it"),
        )
        self.reason = _line("med_form_reason", self.tr("Reason"))
        self.override = _line(
            "med_form_override",
            self.tr("Reason for overriding a contraindication"),
            self.tr("Only needed for a contraindicated combination; it is audited"),
        )

        self.alerts = alert_list("med_form_alerts", self.tr("Safety check"))
        self.alerts.setMinimumHeight(110)
        self.error = _note("med_form_error")
        self.error.setStyleSheet("color: #a00000; font-weight: bold")
        self.error.setAccessibleName(self.tr("Why it was not saved"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button: QPushButton = named(
            self.buttons.button(QDialogButtonBox.StandardButton.Save), "med_form_save"
        )
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Medication:"), self.drug)
        form.addRow("", self.match)
        form.addRow(self.tr("&Product:"), self.product)
        form.addRow("", self.as_needed)
        form.addRow(self.tr("Dose:"), self.unit)
        form.addRow("", self._grid)
        form.addRow("", self.summary)
        form.addRow(
            self.tr("Star&t date:") if order is None else self.tr("Change o&n:"), self.start
        )
        form.addRow(self.tr("Prescribed &elsewhere by:"), self.external)
        form.addRow(
            self.tr("&Reason:") if order is None else self.tr("&Reason (required):"), self.reason
        )
        self._override_label = QLabel(self.tr("&Override reason:"))
        self._override_label.setBuddy(self.override)
        form.addRow(self._override_label, self.override)
        safety = QGroupBox(self.tr("Safety check (this patient's list with this change)"))
        QVBoxLayout(safety).addWidget(self.alerts)
        body = QVBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(form)
        body.addWidget(safety, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        chain: list[QWidget] = [self.drug, self.product, self.as_needed, *self.times.values()]
        chain += [self.prn_amount, self.max_per_day, self.start, self.external, self.reason]
        chain += [self.override, self.alerts, self.save_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

        self._load(order)
        self.drug.textChanged.connect(self._on_drug_text_changed)
        self.product.currentIndexChanged.connect(self._on_product_changed)
        self.as_needed.toggled.connect(self._on_as_needed_toggled)
        for box in (*self.times.values(), self.prn_amount, self.max_per_day):
            box.valueChanged.connect(self._on_field_edited)
        self.every_days.valueChanged.connect(self._on_field_edited)
        self.start.dateChanged.connect(self._on_field_edited)
        self.external.textChanged.connect(self._on_field_edited)
        self._on_drug_text_changed(self.drug.text())
        self._on_as_needed_toggled(self.as_needed.isChecked())
        self._typed = self._values()  # what Esc compares with before asking

    def _values(self) -> tuple[object, ...]:
        boxes = (*self.times.values(), self.prn_amount, self.max_per_day)
        return (
            self.drug.text(), self.product.currentIndex(), self.as_needed.isChecked(),
            *(box.value() for box in boxes), self.every_days.value(), self.start.date(),
            self.external.text(),
            self.reason.text(), self.override.text(),
        )  # fmt: skip

    def reject(self) -> None:
        """Esc or Cancel: ask before throwing away what was typed."""
        if self._values() != self._typed and not prompts.confirm(
            self,
            self.tr("Discard this medication?"),
            self.tr("What you typed has not been saved. Close without saving it?"),
        ):
            return
        super().reject()

    def _amount(
        self, name: str, title: str, row: int, column: int
    ) -> tuple[QLabel, QDoubleSpinBox]:
        """An amount box under its label, in the schedule grid."""
        box = named(QDoubleSpinBox(), name)
        box.setRange(0, 9999)
        box.setDecimals(2)
        box.setSingleStep(0.25)  # quarter tablets
        box.setAccessibleName(title)
        label = QLabel(title)
        label.setBuddy(box)
        self._grid.addWidget(label, row, column)
        self._grid.addWidget(box, row + 1, column)
        return label, box

    def _load(self, order: Order | None) -> None:
        if order is None:
            return
        d = order.details
        self.drug.setText(d.name)
        self.drug.setReadOnly(True)  # a dose change keeps the medication
        self.drug.setToolTip(self.tr("To switch medication, stop this one and start the other."))
        self._drug = formulary.load().drugs.get(d.drug_id) if d.drug_id else None
        self._fill_products()
        if self._drug is not None:
            at = self.product.findData(self._product_key(d.product, d.dose_unit))
            self.product.setCurrentIndex(max(at, 0))
        s = d.schedule
        self.as_needed.setChecked(s.as_needed)
        self.prn_amount.setValue(s.amount if s.as_needed or s.every_days else 0)
        if s.every_days:
            self.every_days.setValue(s.every_days)
        self.max_per_day.setValue(s.max_per_day or 0)
        for key in _TIMES:  # "n times a day" shows as amounts at times of day
            spread = (
                s.times_per_day and not s.as_needed and key in _SPREAD.get(s.times_per_day, _TIMES)
            )
            self.times[key].setValue(s.amount if spread else getattr(s, key))
        self.external.setText(d.external_prescriber)
        self.start.setMinimumDate(QDate(order.start.year, order.start.month, order.start.day))

    # --- reading the form ------------------------------------------------------------------

    def _product_key(self, product: Product | None, unit: DoseUnit) -> int:
        if self._drug is None or product is None or unit is DoseUnit.MG:
            return -1
        return self._drug.products.index(product) if product in self._drug.products else -1

    def _fill_products(self) -> None:
        self.product.blockSignals(True)
        self.product.clear()
        if self._drug is not None:
            self.product.addItem(self.tr("— choose the form and strength —"), None)
            for i, product in enumerate(self._drug.products):
                self.product.addItem(product.title(), i)
            self.product.addItem(self.tr("Amount in mg (no particular product)"), -1)
            # One product only, or one that fits what was typed ("Lexapro 10 mg"): chosen.
            typed = formulary.load().products_for(self.drug.text())
            if len(self._drug.products) == 1 or len(typed) == 1:
                only = typed[0] if len(typed) == 1 else self._drug.products[0]
                self.product.setCurrentIndex(self._drug.products.index(only) + 1)
            elif not self._drug.products:  # known and checked, but no products: mg
                self.product.setCurrentIndex(self.product.count() - 1)
        self.product.setEnabled(self._drug is not None and bool(self._drug.products))
        self.product.blockSignals(False)

    def _chosen(self) -> tuple[Product | None, DoseUnit]:
        key = self.product.currentData()
        if self._drug is None or key == -1:
            return None, DoseUnit.MG
        if key is None:
            return None, DoseUnit.UNIT
        product = self._drug.products[key]
        return product, DoseUnit.ML if product.is_liquid else DoseUnit.UNIT

    def details(self) -> OrderDetails:
        """The order as typed; ValueError (in plain words) when something is missing."""
        name = self.drug.text().strip()
        if not name:
            raise ValueError(self.tr("Type the medication's name."))
        product, unit = self._chosen()
        if self._injection():
            schedule = DoseSchedule(
                amount=self.prn_amount.value(), every_days=self.every_days.value()
            )
        elif self.as_needed.isChecked():
            schedule = DoseSchedule(
                as_needed=True,
                amount=self.prn_amount.value(),
                max_per_day=self.max_per_day.value() or None,
            )
        else:
            schedule = DoseSchedule(**{key: box.value() for key, box in self.times.items()})
        return details_for(
            self._drug or name,
            product=product,
            schedule=schedule,
            dose_unit=unit,
            external_prescriber=self.external.text(),
        )

    def _day(self) -> date:
        return self.start.date().toPython()  # type: ignore[return-value]

    # --- live feedback -----------------------------------------------------------------------

    def _on_drug_text_changed(self, text: str) -> None:
        if not self.drug.isReadOnly():
            found = formulary.load().find(text.strip()) if text.strip() else None
            if found is not self._drug or self.product.count() == 0:
                self._drug = found
                self._fill_products()
        if self._drug is not None:
            brand = "" if text.strip().casefold() == self._drug.generic else f"{text.strip()} = "
            self.match.setText(
                self.tr("✓ %1%2 — in the formulary; checked for interactions and doses.")
                .replace("%1", brand)
                .replace("%2", self._drug.generic)
            )
        elif text.strip():
            near = formulary.load().suggest(text.strip())
            self.match.setText(
                self.tr(
                    "Not in the formulary: saved as free text with doses in mg, and NOT checked "
                    "for interactions. Check the spelling, or check it yourself."
                )
                + (" " + self.tr("Did you mean %1?").replace("%1", near.generic) if near else "")
            )
        else:
            self.match.setText("")
        self._on_field_edited()

    def _injection(self) -> bool:
        """A long-acting injection: a dose every so many days, not at times of day."""
        product, _unit = self._chosen()
        return product is not None and product.form is Form.INJECTION

    def _on_product_changed(self) -> None:
        product, _unit = self._chosen()
        if product is not None and product.interval_days:
            self.every_days.setValue(product.interval_days[0])  # the label's interval
            if not self.prn_amount.value():
                self.prn_amount.setValue(1)
        self._on_as_needed_toggled(self.as_needed.isChecked())

    def _on_as_needed_toggled(self, on: bool) -> None:
        injection = self._injection()
        self.as_needed.setVisible(not injection)
        for box in self.times.values():
            box.setEnabled(not on and not injection)  # kept, but not used, meanwhile
        for widget in (self.prn_amount, self.max_per_day, *self._prn_labels):
            widget.setVisible(on or injection)
        self.max_per_day.setVisible(on and not injection)
        self._prn_labels[1].setVisible(on and not injection)
        self._each.setText(self.tr("Each dose") if injection else self.tr("Each time"))
        for widget in (self.every_days, self._every_label):
            widget.setVisible(injection)
        self._on_field_edited()

    def _on_field_edited(self) -> None:
        product, unit = self._chosen()
        if unit is DoseUnit.MG:
            words = self.tr("amounts in mg")
        elif product is None:
            words = self.tr("choose the product first")
        elif product.is_liquid:
            words = self.tr("amounts in mL of %1").replace("%1", product.label())
        else:
            words = self.tr("amounts in number of: %1").replace("%1", product.label())
        self.unit.setText(words)
        try:
            details = self.details()
        except ValueError as exc:
            self.summary.setText("")
            waiting = self.tr("Not checked yet: %1").replace("%1", plain_words(exc))
            if self._drug is None:
                self._show_check([], waiting)
                return
            # The medicine is known: what does not depend on the dose shows at once.
            probe = details_for(self._drug, schedule=DoseSchedule(morning=1), dose_unit=DoseUnit.MG)
            try:
                alerts = self._practice.check_medications(
                    self._patient_id,
                    probe,
                    replacing=self._order.id if self._order else None,
                    today=self._day(),
                )
            except PracticeError:
                alerts = []
            alerts = [a for a in alerts if a.kind not in DOSE_KINDS]
            self._show_check(
                alerts, self.tr("✓ No interactions or allergies so far; %1").replace("%1", waiting)
            )
            return
        mg = details.daily_mg
        self.summary.setText(
            f"= {details.directions()}"
            + ("" if mg is None else " — " + self.tr("%1 mg/day").replace("%1", f"{mg:g}"))
            + (self.tr(" at most") if details.schedule.as_needed and mg is not None else "")
        )
        try:
            alerts = self._practice.check_medications(
                self._patient_id,
                details,
                replacing=self._order.id if self._order else None,
                today=self._day(),
            )
        except PracticeError as exc:
            self._show_check([], str(exc))
            return
        self._show_check(alerts, self.tr("✓ No alerts for this patient's list with this change."))

    def _show_check(self, alerts: Sequence[Alert], empty: str) -> None:
        fill_alerts(self.alerts, alerts, empty)
        self._need_override(any(a.severity is AlertSeverity.CONTRAINDICATED for a in alerts))

    def _need_override(self, needs: bool) -> None:
        self.override.setEnabled(needs)
        self._override_label.setEnabled(needs)
        self._override_label.setText(
            self.tr("&Override reason (required):") if needs else self.tr("&Override reason:")
        )

    # --- saving ------------------------------------------------------------------------------

    def _on_save_clicked(self) -> None:
        self.error.clear()
        try:
            details = self.details()
        except ValueError as exc:
            self.error.setText(plain_words(exc))
            return
        words = {
            "reason": self.reason.text().strip(),
            "override_reason": self.override.text() if self.override.isEnabled() else "",
        }
        p, order = self._practice, self._order
        reason = words["override_reason"].strip()
        if reason and not override_reason_problem(reason):
            question = (
                self.tr(
                    "Save %1 although the check says it must not be given with this "
                    "patient's list? Your reason goes in the audit trail: “%2”"
                )
                .replace("%1", details.name)
                .replace("%2", reason)
            )
            if not prompts.confirm(self, self.tr("Override a contraindication"), question):
                return
        try:
            if order is None:
                self.saved, _ = p.start_medication(
                    self._patient_id, details, start=self._day(), **words
                )
            else:
                self.saved, _ = p.change_dose(
                    order.id, details, row_version=order.row_version, on=self._day(), **words
                )
        except OverrideRequired as exc:
            self._need_override(True)
            self.override.setFocus()
            self.error.setText(str(exc))
            return
        except PracticeError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
