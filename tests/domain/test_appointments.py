"""Visit bookings: limits at both sides, overlaps, and when a note's plan says to return."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from pydantic import ValidationError

from practice_desk.domain.appointments import (
    MAX_AHEAD,
    Appointment,
    Booking,
    VisitKind,
    VisitStatus,
    check_booking,
    clashes,
    next_visit_in,
)

TODAY = date(2027, 3, 10)


def _booking(on: date = TODAY, at: time = time(10, 0), minutes: int = 30) -> Booking:
    return Booking(on=on, at=at, minutes=minutes, kind=VisitKind.FOLLOW_UP)


def _visit(
    id_: int, at: time, minutes: int = 30, status: VisitStatus = VisitStatus.BOOKED
) -> Appointment:
    return Appointment(
        id=id_, patient_id=1, booking=_booking(at=at, minutes=minutes), status=status
    )


@pytest.mark.parametrize(
    ("minutes", "ok"), [(4, False), (5, True), (240, True), (241, False), (0, False)]
)
def test_a_visit_lasts_five_minutes_to_four_hours(minutes: int, ok: bool) -> None:
    if ok:
        assert _booking(minutes=minutes).minutes == minutes
    else:
        with pytest.raises(ValidationError):
            _booking(minutes=minutes)


def test_a_note_fits_one_line_of_200_characters() -> None:
    assert Booking(on=TODAY, at=time(9), minutes=30, note="  bring\nthe  list ").note == (
        "bring the list"
    )
    assert len(Booking(on=TODAY, at=time(9), minutes=30, note="x" * 200).note) == 200
    with pytest.raises(ValidationError):
        Booking(on=TODAY, at=time(9), minutes=30, note="x" * 201)


def test_seconds_are_dropped_and_the_end_is_start_plus_length() -> None:
    booking = _booking(at=time(9, 45, 30), minutes=30)
    assert booking.at == time(9, 45)
    assert booking.ends == datetime(2027, 3, 10, 10, 15)


@pytest.mark.parametrize(
    ("on", "problem"),
    [
        (TODAY - timedelta(days=1), "a day that has passed"),
        (TODAY, ""),
        (TODAY + MAX_AHEAD, ""),
        (TODAY + MAX_AHEAD + timedelta(days=1), "up to two years ahead"),
    ],
)
def test_a_visit_is_booked_from_today_to_two_years_ahead(on: date, problem: str) -> None:
    found = check_booking(_booking(on=on), TODAY)
    assert (problem in found) if problem else found == ""


@pytest.mark.parametrize(
    ("at", "minutes", "clash"),
    [
        (time(9, 30), 30, False),  # ends as the other begins
        (time(9, 31), 30, True),
        (time(10, 29), 5, True),
        (time(10, 30), 30, False),  # begins as the other ends
        (time(10, 0), 30, True),
    ],
)
def test_visits_clash_only_when_their_times_overlap(at: time, minutes: int, clash: bool) -> None:
    other = _visit(7, time(10, 0), 30)
    assert clashes(_booking(at=at, minutes=minutes), [other]) == ([other] if clash else [])


def test_a_visit_does_not_clash_with_itself_or_with_cancelled_ones() -> None:
    booked = _visit(7, time(10, 0))
    cancelled = _visit(8, time(10, 0), status=VisitStatus.CANCELLED)
    assert clashes(_booking(at=time(10, 0)), [booked, cancelled], keep=7) == []
    assert clashes(_booking(at=time(10, 0)), [booked, cancelled]) == [booked]


def test_a_visit_is_overdue_once_its_end_has_passed_unmarked() -> None:
    visit = _visit(1, time(10, 0), 30)
    assert not visit.overdue(datetime(2027, 3, 10, 10, 29))
    assert visit.overdue(datetime(2027, 3, 10, 10, 30))
    attended = _visit(1, time(10, 0), 30, VisitStatus.ATTENDED)
    assert not attended.overdue(datetime(2027, 3, 11))


@pytest.mark.parametrize(
    ("plan", "days"),
    [
        ("Continue sertraline. Next visit in 4 weeks.", 28),
        ("RTC 6 wks", 42),
        ("follow up in 2-3 weeks with labs", 14),
        ("Follow-up in two weeks", 14),
        ("return in 1 month", 30),
        ("See again in 10 days if worse", 10),
        ("F/U 3 months", 90),
        ("Próxima cita en 1 mes", 30),
        ("control en 15 días", 15),
        ("Next appointment in a week", 7),
        ("Continue the same dose.", None),
        ("Increase to 100 mg in 2 weeks", None),  # a dose change, not a visit
        ("return in 0 weeks", None),
        ("return in 30 months", None),  # beyond two years
        ("", None),
    ],
)
def test_when_a_plan_says_to_come_back(plan: str, days: int | None) -> None:
    expected = timedelta(days=days) if days is not None else None
    assert next_visit_in(plan) == expected


# --- doses every so many days (long-acting injections) -------------------------------------


def _injection_order(start: date, every: int = 28) -> object:
    from practice_desk.domain.regimens import DoseSchedule, DoseUnit, Order, details_for

    details = details_for(
        "paliperidone", schedule=DoseSchedule(amount=156, every_days=every), dose_unit=DoseUnit.MG
    )
    return Order(id=1, patient_id=1, details=details, start=start)


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2027, 1, 1), date(2027, 1, 4)),  # before the first dose: the first dose
        (date(2027, 1, 4), date(2027, 1, 4)),  # the day of a dose: today
        (date(2027, 1, 5), date(2027, 2, 1)),  # the day after: 28 days on
        (date(2027, 2, 1), date(2027, 2, 1)),
        (date(2027, 2, 2), date(2027, 3, 1)),
    ],
)
def test_the_next_injection_counts_from_the_first_dose(today: date, due: date) -> None:
    order = _injection_order(date(2027, 1, 4))
    assert order.next_dose(today) == due  # type: ignore[attr-defined]


def test_an_interval_schedule_is_its_own_kind_of_schedule() -> None:
    from practice_desk.domain.regimens import DoseSchedule

    every = DoseSchedule(amount=1, every_days=28)
    assert every.per_day == pytest.approx(1 / 28) and every.times() == {}
    assert every.words("injection") == "1 injection every 28 days"
    assert every.words("injection", "es") == "1 inyección cada 28 días"
    for bad in (
        {"amount": 1, "every_days": 28, "morning": 1},
        {"amount": 1, "every_days": 28, "as_needed": True, "max_per_day": 1},
        {"every_days": 28},
        {"amount": 1, "every_days": 366},
        {"amount": 1, "every_days": -1},
    ):
        with pytest.raises(ValidationError):
            DoseSchedule.model_validate(bad)
    assert DoseSchedule(amount=1, every_days=365).every_days == 365
    tablet = DoseSchedule(morning=1)
    assert tablet.every_days == 0
