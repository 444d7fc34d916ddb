"""The Today view: what needs doing today and this week, across the practice."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from practice_desk.domain.appointments import Appointment, VisitStatus
from practice_desk.domain.errors import PracticeError
from practice_desk.practice import Practice
from practice_desk.practice.results import PatientDue
from practice_desk.ui import prompts
from practice_desk.ui.chart.visits import kind_name, status_name
from practice_desk.ui.i18n import fill, long_date
from practice_desk.ui.naming import named

if TYPE_CHECKING:
    from practice_desk.ui.chart.visits import BookVisitDialog

BACKUP_REMINDER_DAYS = 7
#: Rows shown per list; the earliest (most overdue) come first.
SHOWN = 60


class TodayView(QScrollArea):
    """Visits, monitoring, taper steps this week and the backup status."""

    patient_chosen = Signal(int)

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
        #: Days after which the backup reminder shows (the practice preference).
        self.reminder_days = BACKUP_REMINDER_DAYS
        self.setObjectName("today_view")
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.text = named(QLabel(), "today_text")
        self.text.setWordWrap(True)
        self.text.setOpenExternalLinks(False)
        self.text.linkActivated.connect(self._on_text_link_activated)
        self.text.setAccessibleName(self.tr("Today"))
        self.booking: BookVisitDialog | None = None
        self._names: dict[int, str] = {}
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.setWidget(body)

    def refresh(self, today: date | None = None, reminder_days: int | None = None) -> None:
        """``reminder_days`` defaults to the practice preference set at unlock."""
        today = today or date.today()
        reminder_days = reminder_days or self.reminder_days
        week = today + timedelta(days=7)
        p = self._practice
        # Earliest first; a long list is cut so the page stays readable (and quick).
        now = datetime.combine(today, datetime.now().time())
        visits = p.appointments.visit_day(now=now)
        all_follow = [(pid, day) for pid, day in p.follow_ups_due(until=week) if day > today]
        all_due = p.practice_due(today=today, within_days=7)
        follow = all_follow[:SHOWN]
        # Checks due: one line per patient, most overdue first, so a long list stays readable.
        by_patient: dict[int, list[PatientDue]] = {}
        for d in all_due:
            by_patient.setdefault(d.patient_id, []).append(d)
        shown_patients = list(by_patient.items())[:SHOWN]
        overdue = [v for v in visits.overdue if v.on < today][:SHOWN]
        unbooked = visits.unbooked[:SHOWN]
        injections = p.regimens.injections_due(until=week, today=today)[:SHOWN]
        tapers = p.active_tapers()
        unsigned = p.unsigned_notes()
        ids = {pid for pid, _ in follow} | {pid for pid, _ in shown_patients}
        ids |= {t.patient_id for t in tapers} | {pid for _note, pid in unsigned}
        todays = visits.today[:SHOWN]
        ids |= {v.patient_id for v in todays + overdue} | {pid for pid, _ in unbooked}
        ids |= {d.patient_id for d in injections}
        names = {s.id: s.display_name for s in p.patient_summaries(sorted(ids))}
        self._names = names

        def who(patient_id: int) -> str:
            return (
                f"<a href='{patient_id}'>{escape(names.get(patient_id, '#' + str(patient_id)))}</a>"
            )

        # Words come from self.tr() outside the f-strings: lupdate does not read inside them.
        sections = ["<h2>" + self.tr("Today, %1").replace("%1", long_date(today)) + "</h2>"]
        last = p.last_verified_backup()
        if last is None:
            none_yet = self.tr("No verified backup yet. Make one today (Practice → Back up).")
            sections.append(f"<p><b>⚠ {none_yet}</b></p>")
        else:
            backed_up = self.tr("Last verified backup: %1").replace("%1", long_date(last[0].date()))
            if p.backup_overdue(days=reminder_days, today=today):
                late_backup = self.tr("more than %n day(s) ago. Make one today.", "", reminder_days)
                sections.append(f"<p><b>⚠ {backed_up} — {late_backup}</b></p>")
            else:
                sections.append(f"<p>✓ {backed_up}</p>")

        rows = [self._visit_row(v, who(v.patient_id), now) for v in todays]
        rows += self._more(len(visits.today) - len(todays))
        sections.append(self._section(self.tr("Visits today"), rows, self.tr("None booked.")))
        if overdue:
            rows = [self._visit_row(v, who(v.patient_id), now, day=True) for v in overdue]
            rows += self._more(len([v for v in visits.overdue if v.on < today]) - len(overdue))
            sections.append(self._section(self.tr("Past visits never marked"), rows))
        rows = [f"<li>{who(pid)} — {long_date(day)}</li>" for pid, day in follow]
        rows += self._more(len(all_follow) - len(follow))
        sections.append(self._section(self.tr("Visits booked this week"), rows))
        book = escape(self.tr("Book a follow-up…"))
        rows = [
            f"<li>{who(pid)} — "
            + escape(fill(self.tr("last seen %1"), long_date(day)))
            + f" — <a href='book:{pid}'>{book}</a></li>"
            for pid, day in unbooked
        ]
        rows += self._more(len(visits.unbooked) - len(unbooked))
        if rows:
            sections.append(self._section(self.tr("Seen lately, no follow-up booked"), rows))

        rows = [
            f"<li>{who(d.patient_id)} — {escape(d.order.details.product.title())}: "
            f"{long_date(d.due)}</li>"
            if d.order.details.product
            else f"<li>{who(d.patient_id)} — {escape(d.order.details.name)}: "
            f"{long_date(d.due)}</li>"
            for d in injections
        ]
        sections.append(self._section(self.tr("Injections due this week"), rows))

        rows = []
        for pid, items in shown_patients:
            overdue_count = sum(d.item.overdue for d in items)
            count = self.tr("%n due", "", len(items))
            if overdue_count:
                count += ", " + self.tr("%n overdue", "", overdue_count)
            listed = "; ".join(
                f"{escape(d.item.what)} ({escape(d.drug)}) {long_date(d.item.due)}"
                for d in items[:3]
            ) + ("; …" if len(items) > 3 else "")
            rows.append(f"<li>{who(pid)} — <b>{escape(count)}</b>: {listed}</li>")
        if len(by_patient) > SHOWN:
            more = self.tr(
                "…and %n more patients; each chart lists its own.", "", len(by_patient) - SHOWN
            )
            rows.append(f"<li><i>{escape(more)}</i></li>")
        sections.append(self._section(self.tr("Labs and checks due"), rows))

        rows = []
        for taper in tapers:
            for step in taper.plan.steps:
                if today <= step.start <= week:
                    dose = (
                        self.tr("%1 mg/day").replace("%1", f"{step.daily_mg:g}")
                        if step.daily_mg
                        else self.tr("stop")
                    )
                    starts = (
                        self.tr("step %1 (%2) from %3")
                        .replace("%1", str(step.number))
                        .replace("%2", dose)
                        .replace("%3", long_date(step.start))
                    )
                    rows.append(
                        f"<li>{who(taper.patient_id)} — {escape(taper.plan.drug_name)}: "
                        f"{starts}</li>"
                    )
        sections.append(self._section(self.tr("Taper steps starting this week"), rows))

        drafts: dict[int, int] = {}
        for _note_id, pid in unsigned:
            drafts[pid] = drafts.get(pid, 0) + 1
        rows = [
            f"<li>{who(pid)} — " + self.tr("%n draft note(s) to sign", "", count) + "</li>"
            for pid, count in drafts.items()
        ]
        sections.append(self._section(self.tr("Unsigned notes"), rows, self.tr("None.")))
        self.text.setText("".join(sections))

    def _visit_row(self, visit: Appointment, who: str, now: datetime, day: bool = False) -> str:
        b = visit.booking
        when = f"{long_date(b.on)} {b.at:%H:%M}" if day else f"{b.at:%H:%M}"
        what = f"{escape(kind_name(b.kind))} ({b.minutes} min)"
        if visit.status is not VisitStatus.BOOKED:
            state = f" — <i>{escape(status_name(visit.status))}</i>"
        else:
            key = f"{visit.id}:{visit.row_version}"
            came, missed = escape(self.tr("attended")), escape(self.tr("did not attend"))
            state = f" — <a href='attended:{key}'>{came}</a> · <a href='missed:{key}'>{missed}</a>"
            if visit.overdue(now) and not day:
                state = " <b>(" + escape(self.tr("past its time")) + ")</b>" + state
        note = f" — <i>{escape(b.note)}</i>" if b.note else ""
        return f"<li>{when} {who} — {what}{note}{state}</li>"

    def _more(self, hidden: int) -> list[str]:
        if hidden <= 0:
            return []
        more = self.tr("…and %n more, later ones; each chart lists its own.", "", hidden)
        return [f"<li><i>{escape(more)}</i></li>"]

    def _section(self, title: str, rows: list[str], empty: str = "") -> str:
        body = "".join(rows) if rows else "<li>" + (empty or self.tr("Nothing due.")) + "</li>"
        return f"<h3>{escape(title)}</h3><ul>{body}</ul>"

    def _on_text_link_activated(self, link: str) -> None:
        kind, _, rest = link.partition(":")
        if not rest:
            self.patient_chosen.emit(int(link))
        elif kind == "book":
            self._book(int(rest))
        elif kind in ("attended", "missed"):
            visit_id, row_version = (int(x) for x in rest.split(":"))
            visits = self._practice.appointments
            mark = visits.mark_attended if kind == "attended" else visits.mark_missed
            try:
                mark(visit_id, row_version)
            except PracticeError as exc:
                prompts.warn(self, self.tr("Visit not marked"), str(exc))
            self.refresh()

    def _book(self, patient_id: int) -> None:
        from practice_desk.ui.chart.visits import BookVisitDialog

        if self.booking is not None:
            self.booking.deleteLater()
        name = self._names.get(patient_id, f"#{patient_id}")
        self.booking = BookVisitDialog(self._practice, patient_id, name, self)
        self.booking.saved.connect(lambda _visit: self.refresh())
        self.booking.open()
