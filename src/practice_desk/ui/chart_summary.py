"""The chart's summary: who the patient is, allergies and diagnoses."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from practice_desk.domain.patients import Patient
from practice_desk.ui.naming import named
from practice_desk.ui.patient_list import long_date


class ChartSummary(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart_summary")
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.text = named(QLabel(), "chart_text")
        self.text.setWordWrap(True)
        self.text.setAccessibleName(self.tr("Chart summary"))
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.setWidget(body)
        self.clear()

    def clear(self) -> None:
        self.text.setText(self.tr("<p style='color:#666'>Choose a patient from the list.</p>"))

    def show_patient(self, patient: Patient) -> None:
        d = patient.details
        unknown_reaction = self.tr("reaction not recorded")
        allergies = (
            "".join(
                f"<li>{escape(a.substance)} — {escape(a.reaction or unknown_reaction)} "
                f"({escape(a.severity.value)})</li>"
                for a in d.allergies
            )
            or f"<li>{self.tr('No known allergies recorded')}</li>"
        )
        diagnoses = (
            "".join(f"<li>{escape(x.code)} {escape(x.description)}</li>" for x in d.diagnoses)
            or f"<li>{self.tr('None recorded')}</li>"
        )
        who = ", ".join(p for p in (d.pronouns, d.gender_identity) if p)
        self.text.setText(
            f"<h2>{escape(patient.display_name)}</h2>"
            f"<p>{self.tr('Born')} {long_date(d.date_of_birth)} ({self.tr('age')} {d.age()}) · "
            f"{self.tr('Chart')} {escape(patient.chart_number)}"
            f"{' · ' + escape(who) if who else ''}"
            f"{' · <b>' + self.tr('ARCHIVED') + '</b>' if patient.archived else ''}</p>"
            f"<p>{escape(d.phone or '')} {escape(d.email)}<br>{escape(d.address.one_line())}</p>"
            f"<h3>{self.tr('Allergies')}</h3><ul>{allergies}</ul>"
            f"<h3>{self.tr('Diagnoses')}</h3><ul>{diagnoses}</ul>"
        )
