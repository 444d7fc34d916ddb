"""Booking visits in the window: from the chart, from a signed note's plan and from Today;
moving, cancelling, marking and printing a card; words on a refused booking; Esc asks."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.qtbot import QtBot

from practice_desk.domain.appointments import Booking, VisitKind, VisitStatus
from practice_desk.domain.notes import Template
from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.chart.notes import NotesTab
from practice_desk.ui.chart.summary import SummaryTab
from practice_desk.ui.chart.visits import BookVisitDialog
from practice_desk.ui.today import TodayView
from tests.documents.test_taper_calendar import _text as pdf_text
from tests.helpers import patient_data
from tests.practice.test_notes import content
from tests.practice.test_prescribing import PROFILE

TODAY = date.today()


@pytest.fixture
def patient_id(practice: Practice) -> int:
    return practice.add_patient(patient_data()).id


@pytest.fixture
def summary(practice: Practice, patient_id: int, qtbot: QtBot) -> SummaryTab:
    tab = SummaryTab(practice)
    qtbot.addWidget(tab)
    tab.show_patient(patient_id)
    tab.show()
    return tab


def _fill(dialog: BookVisitDialog, day: date, at: time, kind: VisitKind | None = None) -> None:
    dialog.day.setDate(QDate(day.year, day.month, day.day))
    dialog.time.setTime(QTime(at.hour, at.minute))
    if kind is not None:
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind.value))


def test_book_from_the_chart_summary_and_see_it_there(
    summary: SummaryTab, practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    assert "Next visit:</b> none booked" in summary.text.text()
    summary.text.linkActivated.emit("book")
    dialog = summary.booking
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Book a visit — Quillwhistle, Ada"
    _fill(dialog, TODAY + timedelta(days=14), time(15, 45), VisitKind.INJECTION)
    assert dialog.minutes.value() == 15  # the usual length of an injection visit
    qtbot.keyClicks(dialog.note, "second dose")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible()
    [visit] = practice.appointments.visits(patient_id)
    assert (visit.booking.at, visit.booking.kind, visit.booking.note) == (
        time(15, 45),
        VisitKind.INJECTION,
        "second dose",
    )
    summary.refresh()
    assert "15:45 — Injection (15 min)" in summary.text.text()


def test_a_refused_booking_says_why_and_stays_open(
    summary: SummaryTab, practice: Practice, patient_id: int
) -> None:
    booking = Booking(on=TODAY + timedelta(days=3), at=time(10), minutes=30)
    practice.appointments.book(patient_id, booking)
    summary.text.linkActivated.emit("book")
    dialog = summary.booking
    assert dialog is not None
    _fill(dialog, TODAY + timedelta(days=3), time(10, 15))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert "already has a visit booked at 10:00" in dialog.error.text()
    assert len(practice.appointments.visits(patient_id)) == 1


def test_escape_asks_before_throwing_away_a_typed_booking(
    summary: SummaryTab, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary.text.linkActivated.emit("book")
    dialog = summary.booking
    assert dialog is not None
    asked: list[str] = []
    monkeypatch.setitem(prompts.answers, "confirm", lambda title, text: asked.append(title))
    qtbot.keyClicks(dialog.note, "x")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["Discard this booking? — Quillwhistle, Ada"] and dialog.isVisible()
    monkeypatch.setitem(prompts.answers, "confirm", lambda *_: True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_visits_dialog_moves_cancels_marks_and_prints_a_card(
    summary: SummaryTab, practice: Practice, patient_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice.save_practice_profile(PROFILE)
    for days in (7, 21):
        practice.appointments.book(
            patient_id, Booking(on=TODAY + timedelta(days=days), at=time(9), minutes=30)
        )
    summary.refresh()
    summary.text.linkActivated.emit("visits")
    visits = summary.visits
    assert visits is not None and visits.windowTitle() == "Visits — Quillwhistle, Ada"
    assert visits.table.rowCount() == 2 and visits.selected() is not None
    # Move the first to 11:30.
    visits.move_button.click()
    assert visits.booking is not None
    assert visits.booking.windowTitle() == "Move the visit — Quillwhistle, Ada"
    visits.booking.time.setTime(QTime(11, 30))
    visits.booking.buttons.button(visits.booking.buttons.StandardButton.Ok).click()
    first, second = practice.appointments.visits(patient_id)
    assert first.booking.at == time(11, 30)
    # Print its card, in Spanish.
    printed: list[bytes] = []
    monkeypatch.setitem(prompts.answers, "print_pdf", lambda pdf, title: printed.append(pdf))
    visits.card_language.setCurrentIndex(visits.card_language.findData("es"))
    visits.card_button.click()
    assert "11:30 h" in pdf_text(printed[0]) and "Tarjeta de cita" in pdf_text(printed[0])
    # Cancel it with a reason; mark the other attended.
    monkeypatch.setitem(prompts.answers, "ask_text", lambda *_: "patient travelling")
    visits.cancel_button.click()
    visits.table.selectRow(1)
    visits.attended_button.click()
    first, second = practice.appointments.visits(patient_id)
    assert (first.status, first.outcome) == (VisitStatus.CANCELLED, "patient travelling")
    assert second.status is VisitStatus.ATTENDED
    assert not visits.move_button.isEnabled()  # nothing left booked to act on
    assert "Next visit:</b> none booked" in summary.text.text()


def test_signing_a_note_whose_plan_says_when_offers_that_visit(
    practice: Practice, patient_id: int, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = NotesTab(practice)
    qtbot.addWidget(tab)
    tab.apply_role(prescriber=True)
    tab.show_patient(patient_id)
    tab.show()
    tab.template.setCurrentIndex(tab.template.findData(Template.FOLLOW_UP))
    tab.new_button.click()
    qtbot.keyClicks(tab.editor.sections["plan"], "Continue sertraline. Next visit in 4 weeks.")
    questions: list[str] = []

    def answer(title: str, text: str) -> bool:
        questions.append(text)
        return True

    monkeypatch.setitem(prompts.answers, "confirm", answer)
    tab.sign_button.click()
    [note] = practice.notes(patient_id)
    due = note.content.visit_date + timedelta(days=28)
    assert note.signed and any("around" in q for q in questions)
    dialog = tab.booking
    assert dialog is not None and dialog.isVisible()
    assert dialog.day.date() == QDate(due.year, due.month, due.day)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    [visit] = practice.appointments.visits(patient_id)
    assert visit.on == due and visit.booking.kind is VisitKind.FOLLOW_UP


def test_a_plan_without_a_return_time_offers_nothing(
    practice: Practice, patient_id: int, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = NotesTab(practice)
    qtbot.addWidget(tab)
    tab.apply_role(prescriber=True)
    tab.show_patient(patient_id)
    tab.template.setCurrentIndex(tab.template.findData(Template.FOLLOW_UP))
    tab.new_button.click()
    qtbot.keyClicks(tab.editor.sections["plan"], "Continue the same dose.")
    monkeypatch.setitem(prompts.answers, "confirm", lambda *_: True)
    tab.sign_button.click()
    assert tab.booking is None


def test_today_books_an_unbooked_patient_and_marks_a_visit(
    practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    note = practice.save_note(patient_id, content(visit_date=TODAY - timedelta(days=5)))
    practice.sign_note(note.id, row_version=note.row_version)
    other = practice.add_patient(patient_data(given_name="Todd")).id
    visit = practice.appointments.book(
        other, Booking(on=TODAY, at=time(23, 55), minutes=5, kind=VisitKind.LAB_DRAW)
    )
    view = TodayView(practice)
    qtbot.addWidget(view)
    view.refresh()
    text = view.text.text()
    assert "Seen lately, no follow-up booked" in text and f"book:{patient_id}" in text
    assert "23:55" in text and "Lab draw (5 min)" in text
    view.text.linkActivated.emit(f"book:{patient_id}")
    dialog = view.booking
    assert dialog is not None and dialog.windowTitle() == "Book a visit — Quillwhistle, Ada"
    _fill(dialog, TODAY + timedelta(days=3), time(10, 0))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "Seen lately, no follow-up booked" not in view.text.text()
    assert "Visits booked this week" in view.text.text()
    view.text.linkActivated.emit(f"attended:{visit.id}:{visit.row_version}")
    [marked] = practice.appointments.visits(other)
    assert marked.status is VisitStatus.ATTENDED
    assert "attended" in view.text.text() and f"attended:{visit.id}" not in view.text.text()


def test_a_stale_mark_from_today_says_so_and_changes_nothing(
    practice: Practice, patient_id: int, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    visit = practice.appointments.book(patient_id, Booking(on=TODAY, at=time(23, 50), minutes=5))
    view = TodayView(practice)
    qtbot.addWidget(view)
    view.refresh()
    practice.appointments.cancel_visit(visit.id, visit.row_version)
    warned: list[Any] = []
    monkeypatch.setitem(prompts.answers, "warn", lambda title, text: warned.append(text))
    view.text.linkActivated.emit(f"attended:{visit.id}:{visit.row_version}")
    assert warned and "already marked cancelled" in warned[0]
    [kept] = practice.appointments.visits(patient_id)
    assert kept.status is VisitStatus.CANCELLED
