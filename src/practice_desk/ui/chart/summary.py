"""The chart's first tab: what matters today for this patient."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from practice_desk.domain.regimens import Order
from practice_desk.practice import Practice
from practice_desk.ui.naming import named
from practice_desk.ui.patient_list import long_date

_MARK = {
    "contraindicated": "⛔ Contraindicated",
    "major": "⚠ Major",
    "moderate": "• Moderate",
    "info": "ℹ",
}


class SummaryTab(QScrollArea):
    changed = Signal()

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
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
        self.text.setText(self.tr("<p style='color:#555'>Choose a patient from the list.</p>"))

    def show_patient(self, patient_id: int) -> None:
        p = self._practice
        patient = p.get_patient(patient_id)
        d = patient.details
        today = date.today()
        who = ", ".join(x for x in (d.pronouns, d.gender_identity) if x)
        parts = [
            f"<h2>{escape(patient.display_name)}</h2>",
            f"<p>{self.tr('Born')} {long_date(d.date_of_birth)} ({self.tr('age')} {d.age()}) · "
            f"{self.tr('Chart')} {escape(patient.chart_number)}"
            f"{' · ' + escape(who) if who else ''}"
            f"{' · <b>' + self.tr('ARCHIVED') + '</b>' if patient.archived else ''}</p>",
            f"<p>{escape(d.phone or '')} {escape(d.email)}<br>{escape(d.address.one_line())}</p>",
        ]
        alerts = p.check_medications(patient_id, today=today)
        if alerts:
            rows = "".join(
                f"<li><b>{escape(_MARK[a.severity.value])}:</b> {escape(a.message)} "
                f"<i>{escape(a.action)}</i></li>"
                for a in alerts
            )
            parts.append(f"<h3>{self.tr('Alerts')}</h3><ul>{rows}</ul>")
        meds = p.medications(patient_id)
        rows = "".join(self._medication(o) for o in meds)
        rows = rows or f"<li>{self.tr('No active medications')}</li>"
        parts.append(f"<h3>{self.tr('Medications')}</h3><ul>{rows}</ul>")
        for taper in p.tapers(patient_id):
            step = p.taper_step(taper.id, today=today)
            if step is not None:
                parts.append(
                    f"<p><b>{self.tr('Taper')}:</b> {escape(taper.plan.drug_name)}, "
                    f"{self.tr('step')} {step.number} — {step.daily_mg:g} mg/day, "
                    f"{escape(step.how)}</p>"
                )
        follow = p.follow_up(patient_id)
        parts.append(
            f"<p><b>{self.tr('Next follow-up')}:</b> "
            f"{long_date(follow[0]) if follow else self.tr('none booked')}</p>"
        )
        parts.append(self._last_note(patient_id))
        due = [
            x for x in p.monitoring_due(patient_id, today=today) if (x.item.due - today).days <= 30
        ]
        if due:
            rows = "".join(
                f"<li>{escape(x.item.what)} ({escape(x.drug)}): {long_date(x.item.due)}"
                f"{' <b>' + self.tr('OVERDUE') + '</b>' if x.item.overdue else ''}</li>"
                for x in due
            )
            parts.append(f"<h3>{self.tr('Labs due')}</h3><ul>{rows}</ul>")
        scores = []
        for scale_id, label in (("phq9", "PHQ-9"), ("gad7", "GAD-7")):
            history = p.scale_history(patient_id, scale_id)
            if history:
                trend = " → ".join(str(r.total) for r in history[-4:])
                last = history[-1]
                when = long_date(last.taken_on)
                scores.append(f"<li>{label}: {trend} ({escape(last.band)}, {when})</li>")
        if scores:
            parts.append(f"<h3>{self.tr('Latest scores')}</h3><ul>{''.join(scores)}</ul>")
        unknown = self.tr("reaction not recorded")
        allergies = (
            "".join(
                f"<li>{escape(a.substance)} — {escape(a.reaction or unknown)} "
                f"({escape(a.severity.value)})</li>"
                for a in d.allergies
            )
            or f"<li>{self.tr('No known allergies recorded')}</li>"
        )
        diagnoses = (
            "".join(f"<li>{escape(x.code)} {escape(x.description)}</li>" for x in d.diagnoses)
            or f"<li>{self.tr('None recorded')}</li>"
        )
        parts.append(f"<h3>{self.tr('Allergies')}</h3><ul>{allergies}</ul>")
        parts.append(f"<h3>{self.tr('Diagnoses')}</h3><ul>{diagnoses}</ul>")
        self.text.setText("".join(parts))

    def _last_note(self, patient_id: int) -> str:
        """The latest visit note's date, kind and plan; unsigned drafts are called out."""
        from practice_desk.ui.chart.notes import TEMPLATE_TITLES

        notes = self._practice.notes(patient_id)
        if not notes:
            return f"<p><b>{self.tr('Last visit note')}:</b> {self.tr('none yet')}</p>"
        last = notes[0]
        state = self.tr("signed") if last.signed else self.tr("draft, not signed")
        plan = last.content.sections.get("plan", "")
        text = (
            f"<p><b>{self.tr('Last visit note')}:</b> {long_date(last.content.visit_date)}, "
            f"{escape(self.tr(TEMPLATE_TITLES[last.content.template]))} ({state})"
            f"{'<br>' + self.tr('Plan') + ': ' + escape(plan) if plan else ''}"
        )
        drafts = sum(not n.signed for n in notes)
        if drafts:
            text += f"<br><b>{self.tr('%n unsigned note(s)', '', drafts)}</b>"
        return text + "</p>"

    def _medication(self, order: Order) -> str:
        d = order.details
        product = escape(d.product.label()) if d.product else ""
        dose = f" ({d.daily_mg:g} mg/day)" if d.daily_mg else ""
        unchecked = "" if d.checked else f" <i>({self.tr('not checked')})</i>"
        how = escape(d.directions())
        return f"<li><b>{escape(d.name)}</b> {product} — {how}{dose}{unchecked}</li>"
