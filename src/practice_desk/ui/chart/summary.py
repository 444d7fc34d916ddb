"""The chart's first tab: what matters today for this patient."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from practice_desk.domain.changes import Change
from practice_desk.domain.preferences import Preferences
from practice_desk.domain.regimens import Order
from practice_desk.domain.users import Permission
from practice_desk.practice import Practice
from practice_desk.practice.chart import Chart
from practice_desk.ui.chart.tab import ChartTabBase
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP, long_date
from practice_desk.ui.naming import named

if TYPE_CHECKING:
    from practice_desk.ui.chart.visits import BookVisitDialog, VisitsDialog

_MARK = {
    "contraindicated": QT_TRANSLATE_NOOP("SummaryTab", "✖ Contraindicated"),
    "major": QT_TRANSLATE_NOOP("SummaryTab", "⚠ Major"),
    "moderate": QT_TRANSLATE_NOOP("SummaryTab", "◆ Moderate"),
    "info": "ℹ",
}


class SummaryTab(QScrollArea, ChartTabBase):
    defer_when_hidden = False  # never holds the previous patient while behind
    concerns = frozenset(
        {
            Change.PATIENT,
            Change.MEDICATIONS,
            Change.NOTES,
            Change.RESULTS,
            Change.TAPERS,
            Change.APPOINTMENTS,
        }
    )
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
        self.text.linkActivated.connect(self._on_link_activated)
        self.booking: BookVisitDialog | None = None
        self.visits: VisitsDialog | None = None
        self._language = "en"
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.setWidget(body)
        self.clear()

    def clear(self) -> None:
        self.text.setText(self.tr("<p style='color:#555'>Choose a patient from the list.</p>"))

    def show_chart(self, chart: Chart) -> None:
        # Words come from self.tr() outside the f-strings: lupdate does not read inside them.
        patient = chart.patient
        d = patient.details
        today = chart.today
        who = ", ".join(x for x in (d.pronouns, d.gender_identity) if x)
        born = (
            self.tr("Born %1 (age %2)")
            .replace("%1", long_date(d.date_of_birth))
            .replace("%2", str(d.age()))
        )
        number = self.tr("Chart %1").replace("%1", escape(patient.chart_number))
        archived = self.tr("ARCHIVED")
        parts = [
            f"<h2>{escape(patient.display_name)}</h2>",
            f"<p>{born} · {number}"
            f"{' · ' + escape(who) if who else ''}"
            f"{' · <b>' + archived + '</b>' if patient.archived else ''}</p>",
            f"<p>{escape(d.phone or '')} {escape(d.email)}<br>{escape(d.address.one_line())}</p>",
        ]
        alerts = chart.alerts
        if alerts:
            rows = "".join(
                f"<li><b>{escape(self.tr(_MARK[a.severity.value]))}:</b> {escape(a.message)} "
                f"<i>{escape(a.action)}</i></li>"
                for a in alerts
            )
            parts.append(_section(self.tr("Alerts"), rows))
        meds = chart.medications
        rows = "".join(self._medication(o) for o in meds)
        rows = rows or "<li>" + self.tr("No active medications") + "</li>"
        parts.append(_section(self.tr("Medications"), rows))
        for taper in chart.tapers:
            step = chart.steps.get(taper.id)
            if step is not None:
                now = (
                    self.tr("step %1 — %2 mg/day")
                    .replace("%1", str(step.number))
                    .replace("%2", f"{step.daily_mg:g}")
                )
                title = self.tr("Taper")
                parts.append(
                    f"<p><b>{escape(title)}:</b> {escape(taper.plan.drug_name)}, "
                    f"{escape(now)}, {escape(step.how)}</p>"
                )
        parts.append(self._next_visit(chart))
        parts.append(self._last_note(chart))
        due = [x for x in chart.due if (x.item.due - today).days <= 30]
        if due:
            overdue = self.tr("OVERDUE")
            rows = "".join(
                f"<li>{escape(x.item.what)} ({escape(x.drug)}): {long_date(x.item.due)}"
                f"{' <b>' + overdue + '</b>' if x.item.overdue else ''}</li>"
                for x in due
            )
            parts.append(_section(self.tr("Labs due"), rows))
        scores = []
        for scale_id, label in (("phq9", "PHQ-9"), ("gad7", "GAD-7")):
            history = chart.scale_history(scale_id)
            if history:
                trend = " → ".join(str(r.total) for r in history[-4:])
                last = history[-1]
                when = long_date(last.taken_on)
                scores.append(f"<li>{label}: {trend} ({escape(last.band)}, {when})</li>")
        if scores:
            parts.append(_section(self.tr("Latest scores"), "".join(scores)))
        from practice_desk.ui.chart.banner import allergies_html, allergy_words

        allergies = "".join(f"<li>{allergy_words(a)}</li>" for a in d.allergies)
        diagnoses = "".join(
            f"<li>{escape(x.code)} {escape(x.description)}</li>" for x in d.diagnoses
        )
        no_diagnoses = self.tr("None recorded")
        parts.append(_section(self.tr("Allergies"), allergies or f"<li>{allergies_html(d)}</li>"))
        parts.append(_section(self.tr("Diagnoses"), diagnoses or f"<li>{no_diagnoses}</li>"))
        self.text.setText("".join(parts))

    def _last_note(self, chart: Chart) -> str:
        """The latest visit note's date, kind and plan; unsigned drafts are called out."""
        from practice_desk.ui.chart.notes import template_title

        heading = escape(self.tr("Last visit note"))
        notes = chart.notes
        if not notes:
            return f"<p><b>{heading}:</b> " + escape(self.tr("none yet")) + "</p>"
        last = notes[0]
        state = self.tr("signed") if last.signed else self.tr("draft, not signed")
        plan = last.content.sections.get("plan", "")
        plan_words = self.tr("Plan")
        text = (
            f"<p><b>{heading}:</b> {long_date(last.content.visit_date)}, "
            f"{escape(template_title(last.content.template))} ({state})"
            f"{'<br>' + plan_words + ': ' + escape(plan) if plan else ''}"
        )
        drafts = sum(not n.signed for n in notes)
        if drafts:
            text += "<br><b>" + self.tr("%n unsigned note(s)", "", drafts) + "</b>"
        return text + "</p>"

    def _next_visit(self, chart: Chart) -> str:
        """The first visit still booked, and links to book one or see them all."""
        from practice_desk.ui.chart.visits import visit_words

        title = escape(self.tr("Next visit"))
        upcoming = chart.next_visit
        if upcoming is None:
            shown = escape(self.tr("none booked"))
        else:
            shown = escape(visit_words(upcoming))
            if upcoming.overdue(datetime.now()):
                shown += " <b>(" + escape(self.tr("past its time, not marked")) + ")</b>"
            if upcoming.booking.note:
                shown += f" — <i>{escape(upcoming.booking.note)}</i>"
        links = []
        if Permission.BOOK_VISITS in chart.may:
            links.append("<a href='book'>" + escape(self.tr("Book a visit…")) + "</a>")
        links.append("<a href='visits'>" + escape(self.tr("All visits…")) + "</a>")
        return f"<p><b>{title}:</b> {shown}<br>{' · '.join(links)}</p>"

    def _on_link_activated(self, link: str) -> None:
        chart = self.snapshot
        if chart is None:
            return
        from practice_desk.ui.chart.visits import BookVisitDialog, VisitsDialog

        name = chart.patient.display_name
        if link == "book":
            if self.booking is not None:
                self.booking.deleteLater()
            self.booking = BookVisitDialog(self._practice, chart.patient_id, name, self)
            self.booking.saved.connect(self._on_visits_changed)
            self.booking.open()
        elif link == "visits":
            if self.visits is not None:
                self.visits.deleteLater()
            self.visits = VisitsDialog(
                self._practice, chart.patient_id, name, self, language=self._language
            )
            self.visits.changed.connect(self._on_visits_changed)
            self.visits.open()

    def _on_visits_changed(self) -> None:
        self.refresh()
        self.changed.emit()

    def apply_preferences(self, preferences: Preferences) -> None:
        self._language = preferences.handout_language

    def _medication(self, order: Order) -> str:
        d = order.details
        product = escape(d.product.title()) if d.product else ""
        daily = self.tr("%1 mg/day").replace("%1", f"{d.daily_mg:g}") if d.daily_mg else ""
        dose = f" ({daily})" if daily else ""
        unchecked = "" if d.checked else " <i>(" + self.tr("not checked") + ")</i>"
        how = escape(d.directions())
        return f"<li><b>{escape(d.name)}</b> {product} — {how}{dose}{unchecked}</li>"


def _section(title: str, rows: str) -> str:
    """A heading and its list, as the summary shows each part of the record."""
    return f"<h3>{escape(title)}</h3><ul>{rows}</ul>"
