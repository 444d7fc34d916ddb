"""The band above every chart tab: whose chart this is (name, age and date of birth,
chart number) and their allergies, so that no tab, and no return after a lock, leaves it
unsaid."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from practice_desk.domain import formulary
from practice_desk.domain.allergies import resolve
from practice_desk.domain.patients import Allergy, PatientDetails
from practice_desk.practice.chart import Chart
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP, long_date
from practice_desk.ui.naming import named

_STYLE = (
    "QLabel#chart_banner { background: #eef3fa; border: 1px solid #b8c7dc; "
    "border-radius: 3px; padding: 5px 8px; }"
)
SEVERITY_WORDS = {
    "mild": QT_TRANSLATE_NOOP("ChartBanner", "mild"),
    "moderate": QT_TRANSLATE_NOOP("ChartBanner", "moderate"),
    "severe": QT_TRANSLATE_NOOP("ChartBanner", "severe"),
    "unknown": "",
}


class ChartBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "chart_banner")
        self.setStyleSheet(_STYLE)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName(self.tr("Patient"))
        self.hide()

    def present(self, chart: Chart) -> None:
        patient = chart.patient
        d = patient.details
        who = (
            self.tr("%1 y · born %2 · Chart %3")
            .replace("%1", str(d.age(chart.today)))
            .replace("%2", long_date(d.date_of_birth))
            .replace("%3", escape(patient.chart_number))
        )
        archived = " · <b>" + escape(self.tr("ARCHIVED")) + "</b>" if patient.archived else ""
        self.setText(
            f"<span style='font-size:12pt'><b>{escape(patient.display_name)}</b></span>"
            f" &nbsp; {who}{archived}<br>{allergies_html(d)}"
        )
        self.show()

    def clear_patient(self) -> None:
        self.clear()
        self.hide()


def _tr(source: str) -> str:
    return str(QCoreApplication.translate("ChartBanner", source))


def allergies_html(d: PatientDetails) -> str:
    """The allergy line, in red when there are allergies; said when nobody has asked."""
    if d.allergies:
        listed = "; ".join(allergy_words(a) for a in d.allergies)
        title = escape(QCoreApplication.translate("ChartBanner", "Allergies:"))
        return f"<span style='color:#a00000'><b>{title}</b> {listed}</span>"
    if d.no_known_allergies:
        return escape(QCoreApplication.translate("ChartBanner", "No known drug allergies"))
    asked = QCoreApplication.translate("ChartBanner", "Allergies not recorded: ask the patient")
    return "<b>⚠ " + escape(asked) + "</b>"


def allergy_words(allergy: Allergy) -> str:
    """ "<b>penicillins</b> (hives, severe)", with "not checked" for free text."""
    severity = SEVERITY_WORDS[allergy.severity.value]
    details = [allergy.reaction, _tr(severity) if severity else ""]
    said = ", ".join(escape(x) for x in details if x)
    text = f"<b>{escape(allergy.substance)}</b>" + (f" ({said})" if said else "")
    if resolve(allergy.substance, formulary.load()) is None:
        text += " <i>(" + escape(QCoreApplication.translate("ChartBanner", "not checked")) + ")</i>"
    return text
