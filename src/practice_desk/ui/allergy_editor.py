"""Allergies entered as rows: a substance the formulary knows (offered as one types) or
free text shown as not checked, the reaction, its severity; and "No known drug
allergies" recorded as an answer, not assumed from an empty list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain import formulary
from practice_desk.domain.allergies import choices, resolve
from practice_desk.domain.patients import Allergy, AllergySeverity
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP
from practice_desk.ui.naming import named

SEVERITIES = {
    AllergySeverity.UNKNOWN: QT_TRANSLATE_NOOP("AllergyEditor", "severity not known"),
    AllergySeverity.MILD: QT_TRANSLATE_NOOP("AllergyEditor", "mild"),
    AllergySeverity.MODERATE: QT_TRANSLATE_NOOP("AllergyEditor", "moderate"),
    AllergySeverity.SEVERE: QT_TRANSLATE_NOOP("AllergyEditor", "severe"),
}
SUBSTANCE, REACTION, SEVERITY, CHECKED = range(4)


class AllergyEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allergy_editor")
        self._known = formulary.load()
        self._choices = QStringListModel(choices(self._known), self)
        self.table = named(QTableWidget(0, 4), "allergy_rows")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Substance"), self.tr("Reaction"), self.tr("Severity"), ""]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(SUBSTANCE, 190)
        self.table.setColumnWidth(REACTION, 170)
        self.table.setMinimumHeight(110)
        self.table.setAccessibleName(self.tr("Allergies"))
        self.add_button = named(QPushButton(self.tr("&Add allergy")), "allergy_add")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = named(QPushButton(self.tr("Remove")), "allergy_remove")
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.none_known = named(
            QCheckBox(self.tr("No known drug allergies (asked)")), "allergy_none_known"
        )
        self.none_known.toggled.connect(self._update)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.none_known)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._update()

    # --- rows ------------------------------------------------------------------------------

    def add_row(self, allergy: Allergy | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        substance = named(
            QLineEdit(allergy.substance if allergy else ""), f"allergy_substance_{row}"
        )
        substance.setPlaceholderText(self.tr("drug or class, e.g. penicillins"))
        substance.setAccessibleName(self.tr("Substance"))
        completer = QCompleter(self._choices, substance)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        substance.setCompleter(completer)
        substance.textChanged.connect(self._update)
        reaction = named(QLineEdit(allergy.reaction if allergy else ""), f"allergy_reaction_{row}")
        reaction.setPlaceholderText(self.tr("e.g. hives"))
        reaction.setAccessibleName(self.tr("Reaction"))
        severity = named(QComboBox(), f"allergy_severity_{row}")
        for value, words in SEVERITIES.items():
            severity.addItem(self.tr(words), value.value)
        if allergy is not None:
            severity.setCurrentIndex(severity.findData(allergy.severity.value))
        severity.setAccessibleName(self.tr("Severity"))
        self.table.setCellWidget(row, SUBSTANCE, substance)
        self.table.setCellWidget(row, REACTION, reaction)
        self.table.setCellWidget(row, SEVERITY, severity)
        self.table.setCellWidget(row, CHECKED, named(QLabel(), f"allergy_checked_{row}"))
        self.none_known.setChecked(False)
        self._update()
        substance.setFocus()
        return row

    def set_allergies(self, allergies: tuple[Allergy, ...], none_known: bool) -> None:
        self.table.setRowCount(0)
        for allergy in allergies:
            self.add_row(allergy)
        self.none_known.setChecked(none_known and not allergies)
        self._update()

    def allergies(self) -> list[dict[str, Any]]:
        """The rows typed, as the patient record takes them (empty substances left out)."""
        found = []
        for row in range(self.table.rowCount()):
            substance = self._cell(row, SUBSTANCE, QLineEdit).text().strip()
            if not substance:
                continue
            found.append(
                {
                    "substance": substance,
                    "reaction": self._cell(row, REACTION, QLineEdit).text().strip(),
                    "severity": self._cell(row, SEVERITY, QComboBox).currentData(),
                }
            )
        return found

    def substance_field(self, row: int) -> QLineEdit:
        field: QLineEdit = self._cell(row, SUBSTANCE, QLineEdit)
        return field

    def reaction_field(self, row: int) -> QLineEdit:
        field: QLineEdit = self._cell(row, REACTION, QLineEdit)
        return field

    def checked_words(self, row: int) -> str:
        """What the row says about the check: "✓ checked" or "⚠ not checked"."""
        label: QLabel = self._cell(row, CHECKED, QLabel)
        return label.text()

    def checked(self, row: int) -> bool:
        """Does the allergy check read this row's substance?"""
        text = self._cell(row, SUBSTANCE, QLineEdit).text()
        return resolve(text, self._known) is not None

    def _cell(self, row: int, column: int, kind: type[Any]) -> Any:
        widget = self.table.cellWidget(row, column)
        assert isinstance(widget, kind)
        return widget

    def _on_remove_clicked(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.rowCount():
            rows = [self.table.rowCount() - 1]
        for row in rows:
            self.table.removeRow(row)
        self._update()

    def _update(self) -> None:
        for row in range(self.table.rowCount()):
            label = self._cell(row, CHECKED, QLabel)
            text = self._cell(row, SUBSTANCE, QLineEdit).text().strip()
            if not text:
                label.setText("")
            elif self.checked(row):
                label.setText("✓ " + self.tr("checked"))
                label.setToolTip(self.tr("The safety check reads this substance."))
            else:
                label.setText("⚠ " + self.tr("not checked"))
                label.setToolTip(
                    self.tr(
                        "Not a drug or class Practice Desk knows: no check can warn about "
                        "it. Choose a name from the list if there is one."
                    )
                )
        has_rows = self.table.rowCount() > 0
        self.none_known.setEnabled(not has_rows)
        if has_rows and self.none_known.isChecked():
            self.none_known.setChecked(False)
        self.remove_button.setEnabled(has_rows)
