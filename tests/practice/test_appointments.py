"""Booking visits: book, move, cancel, attend, what Today lists, and who may do it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Literal

import pytest

from practice_desk.domain.appointments import Booking, VisitKind, VisitStatus
from practice_desk.domain.changes import Change, Changes
from practice_desk.domain.errors import ConcurrentEdit, Conflict, NotFound, ValidationError
from practice_desk.practice import Practice
from tests.documents.test_taper_calendar import _text as pdf_text
from tests.helpers import NURSE_PASSWORD, patient_data
from tests.practice.test_notes import content
from tests.practice.test_prescribing import PROFILE

TODAY = date.today()


def _booking(days: int = 7, at: time = time(10, 0), **extra: object) -> Booking:
    data: dict[str, object] = {
        "on": TODAY + timedelta(days=days),
        "at": at,
        "minutes": 30,
        "kind": VisitKind.FOLLOW_UP,
    }
    return Booking.model_validate(data | extra)


@pytest.fixture
def patient_id(practice: Practice) -> int:
    return practice.add_patient(patient_data()).id


def test_book_move_and_attend_a_visit_with_its_audit(practice: Practice, patient_id: int) -> None:
    heard: list[Changes] = []
    practice.session.subscribe(heard.append)
    booked = practice.appointments.book(patient_id, _booking(note="bring the pill box"))
    assert booked.status is VisitStatus.BOOKED and booked.booking.note == "bring the pill box"
    assert heard == [Changes(frozenset({Change.APPOINTMENTS}), patient_id)]
    moved = practice.appointments.move_visit(
        booked.id, _booking(days=8, at=time(14, 15), minutes=45), booked.row_version
    )
    assert (moved.on, moved.booking.at, moved.booking.minutes) == (
        TODAY + timedelta(days=8),
        time(14, 15),
        45,
    )
    assert practice.appointments.next_visit(patient_id) == moved
    assert practice.follow_up(patient_id) == (moved.on, "")
    attended = practice.appointments.mark_attended(moved.id, moved.row_version)
    assert attended.status is VisitStatus.ATTENDED
    assert practice.appointments.next_visit(patient_id) is None
    events = practice.audit_events(patient_id, limit=10)
    actions = [e.action for e in events]
    assert actions[:3] == ["appointment.attended", "appointment.moved", "appointment.booked"]
    moved_event = events[1]
    assert moved_event.detail["from"] == f"{TODAY + timedelta(days=7)}T10:00"
    assert moved_event.detail["at"] == f"{TODAY + timedelta(days=8)}T14:15"
    # Once marked, a visit is not moved or marked again.
    with pytest.raises(Conflict, match="already marked attended"):
        practice.appointments.cancel_visit(attended.id, attended.row_version)


def test_a_cancelled_visit_keeps_its_reason_and_frees_the_time(
    practice: Practice, patient_id: int
) -> None:
    booked = practice.appointments.book(patient_id, _booking())
    cancelled = practice.appointments.cancel_visit(
        booked.id, booked.row_version, "  patient  asked\nby phone "
    )
    assert (cancelled.status, cancelled.outcome) == (
        VisitStatus.CANCELLED,
        "patient asked by phone",
    )
    assert practice.audit_events(patient_id, limit=1)[0].detail["reason"] == (
        "patient asked by phone"
    )
    again = practice.appointments.book(patient_id, _booking())  # the same time, free again
    assert practice.appointments.next_visit(patient_id) == again


def test_bad_bookings_are_refused_in_words_and_change_nothing(
    practice: Practice, patient_id: int
) -> None:
    with pytest.raises(ValidationError, match="a day that has passed"):
        practice.appointments.book(patient_id, _booking(days=-1))
    first = practice.appointments.book(patient_id, _booking(at=time(10, 0)))
    with pytest.raises(ValidationError, match="already has a visit booked at 10:00"):
        practice.appointments.book(patient_id, _booking(at=time(10, 15)))
    with pytest.raises(NotFound):
        practice.appointments.book(patient_id + 99, _booking())
    with pytest.raises(ConcurrentEdit):
        practice.appointments.move_visit(first.id, _booking(days=9), first.row_version + 1)
    assert practice.appointments.visits(patient_id) == [first]
    # Moving a visit over its own time is not a clash.
    moved = practice.appointments.move_visit(first.id, _booking(at=time(10, 15)), first.row_version)
    assert moved.booking.at == time(10, 15)


def test_today_lists_todays_overdue_and_unbooked_patients(practice: Practice) -> None:
    today_id = practice.add_patient(patient_data(given_name="Todd")).id
    late_id = practice.add_patient(patient_data(given_name="Laura")).id
    seen_id = practice.add_patient(patient_data(given_name="Seena")).id
    booked_id = practice.add_patient(patient_data(given_name="Bo")).id
    now = datetime.combine(TODAY, time(12, 0))
    visit = practice.appointments.book(today_id, _booking(days=0, at=time(15, 0)))
    late = practice.appointments.book(late_id, _booking(days=-3), today=TODAY - timedelta(days=3))
    this_morning = practice.appointments.book(late_id, _booking(days=0, at=time(11, 0)))
    for pid in (seen_id, booked_id):
        note = practice.save_note(pid, content(visit_date=TODAY - timedelta(days=5)))
        practice.sign_note(note.id, row_version=note.row_version)
    practice.appointments.book(booked_id, _booking(days=30))
    day = practice.appointments.visit_day(now=now)
    assert [a.id for a in day.today] == [this_morning.id, visit.id]
    assert [a.id for a in day.overdue] == [late.id, this_morning.id]
    assert [pid for pid, _ in day.unbooked] == [seen_id]
    # Marking the overdue ones clears them; cancelling the only booking makes one unbooked.
    practice.appointments.mark_missed(late.id, late.row_version)
    practice.appointments.mark_attended(this_morning.id, this_morning.row_version)
    practice.appointments.cancel_visit(visit.id, visit.row_version)
    day = practice.appointments.visit_day(now=now)
    assert day.overdue == []
    assert [pid for pid, _ in day.unbooked] == [seen_id, late_id]  # attended this morning


def test_a_patient_seen_long_ago_or_archived_is_not_listed_as_unbooked(
    practice: Practice,
) -> None:
    old = practice.add_patient(patient_data(given_name="Olden"))
    note = practice.save_note(old.id, content(visit_date=TODAY - timedelta(days=91)))
    practice.sign_note(note.id, row_version=note.row_version)
    recent = practice.add_patient(patient_data(given_name="Rena"))
    note = practice.save_note(recent.id, content(visit_date=TODAY - timedelta(days=90)))
    practice.sign_note(note.id, row_version=note.row_version)
    unbooked = practice.appointments.visit_day().unbooked
    assert [pid for pid, _ in unbooked] == [recent.id]
    practice.archive_patient(recent.id, recent.row_version)
    assert practice.appointments.visit_day().unbooked == []


def test_set_follow_up_books_then_moves_the_same_visit(practice: Practice, patient_id: int) -> None:
    practice.set_follow_up(patient_id, TODAY + timedelta(days=28), "med review")
    practice.set_follow_up(patient_id, TODAY + timedelta(days=35), "med review")
    [visit] = practice.appointments.visits(patient_id)
    assert (visit.on, visit.booking.at, visit.booking.kind) == (
        TODAY + timedelta(days=35),
        time(9, 0),
        VisitKind.FOLLOW_UP,
    )
    assert practice.follow_ups_due(until=TODAY + timedelta(days=35)) == [(patient_id, visit.on)]
    assert practice.follow_ups_due(until=TODAY + timedelta(days=34)) == []


def test_a_nurse_books_visits_and_makes_backups(
    with_nurse: Practice, vault_path: Path, tmp_path: Path
) -> None:
    pid = with_nurse.add_patient(patient_data()).id
    with_nurse.close()
    nurse = Practice.open(vault_path)
    nurse.unlock("nurse1", NURSE_PASSWORD)
    try:
        visit = nurse.appointments.book(pid, _booking())
        assert nurse.appointments.visits(pid) == [visit]
        (tmp_path / "stick").mkdir()
        report = nurse.backup_to(tmp_path / "stick")
        assert report.path.exists()
    finally:
        nurse.close()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Appointment card", "2:30 PM", "Medication follow-up", "45 minutes", "Later"]),
        ("es", ["Tarjeta de cita", "14:30 h", "Control de medicación", "45 minutos", "siguientes"]),
    ],
)
def test_the_appointment_card_reads_back_in_either_language(
    practice: Practice, patient_id: int, language: Literal["en", "es"], words: list[str]
) -> None:
    practice.save_practice_profile(PROFILE)
    first = practice.appointments.book(
        patient_id, _booking(at=time(14, 30), minutes=45, note="fasting for labs")
    )
    practice.appointments.book(patient_id, _booking(days=35, kind=VisitKind.INJECTION))
    text = " ".join(pdf_text(practice.appointment_card_pdf(first.id, language)).split())
    for word in [*words, "fasting for labs", "(555) 555-0100"]:
        assert word in text
    assert practice.audit_events(patient_id, limit=1)[0].detail == {"kind": "appointment_card"}
    cancelled = practice.appointments.cancel_visit(first.id, first.row_version)
    with pytest.raises(Conflict, match="no card to print"):
        practice.appointment_card_pdf(cancelled.id)


PENICILLINS = {"substance": "penicillins", "reaction": "hives", "severity": "severe"}


@pytest.mark.parametrize(
    ("record", "words"),
    [
        (
            {"allergies": [PENICILLINS]},
            ["Allergies", "penicillins (hives, severe)"],
        ),
        ({"no_known_allergies": True}, ["No known drug allergies"]),
        ({}, ["Allergies not recorded"]),
    ],
)
def test_the_printed_medication_list_and_visit_summary_carry_the_allergies(
    practice: Practice, record: dict[str, object], words: list[str]
) -> None:
    practice.save_practice_profile(PROFILE)
    pid = practice.add_patient(patient_data(**record)).id
    for pdf in (practice.medication_list_pdf(pid), practice.visit_summary_pdf(pid)):
        text = " ".join(pdf_text(pdf).split())
        for word in words:
            assert word in text
    spanish = " ".join(pdf_text(practice.medication_list_pdf(pid, "es")).split())
    assert "Alergias" in spanish or "alergias" in spanish
