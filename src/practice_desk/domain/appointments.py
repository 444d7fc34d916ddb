"""Visits booked with the practice: when, how long, what for, and what became of them.

A booking is made from the chart, from Today, or from a signed note whose plan says when
to come back ("next visit in 4 weeks"). Today lists today's visits, those past their time
and never marked, and patients seen lately with nothing booked.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

#: The length of a visit a clinic can book, in minutes.
MIN_MINUTES, MAX_MINUTES = 5, 240
#: How far ahead a visit can be booked.
MAX_AHEAD = timedelta(days=2 * 366)
#: Patients seen within this many days with nothing booked show on Today.
SEEN_WITHIN_DAYS = 90


class VisitKind(StrEnum):
    EVALUATION = "evaluation"
    FOLLOW_UP = "follow_up"
    INJECTION = "injection"
    LAB_DRAW = "lab_draw"


#: What each kind is called (English, Spanish), on screen and on the printed card.
KIND_WORDS: dict[VisitKind, tuple[str, str]] = {
    VisitKind.EVALUATION: ("Evaluation", "Evaluación"),
    VisitKind.FOLLOW_UP: ("Medication follow-up", "Control de medicación"),
    VisitKind.INJECTION: ("Injection", "Inyección"),
    VisitKind.LAB_DRAW: ("Lab draw", "Extracción de análisis"),
}

#: The usual length of each kind, offered when booking.
USUAL_MINUTES: dict[VisitKind, int] = {
    VisitKind.EVALUATION: 60,
    VisitKind.FOLLOW_UP: 30,
    VisitKind.INJECTION: 15,
    VisitKind.LAB_DRAW: 15,
}


class VisitStatus(StrEnum):
    BOOKED = "booked"
    ATTENDED = "attended"
    CANCELLED = "cancelled"
    MISSED = "missed"


class Booking(BaseModel):
    """What is asked for when a visit is booked or moved."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    on: date
    at: time
    minutes: int = Field(ge=MIN_MINUTES, le=MAX_MINUTES)
    kind: VisitKind = VisitKind.FOLLOW_UP
    note: str = Field(default="", max_length=200)

    @field_validator("at")
    @classmethod
    def _whole_minutes(cls, value: time) -> time:
        return value.replace(second=0, microsecond=0, tzinfo=None)

    @field_validator("note")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return " ".join(value.split())

    @property
    def starts(self) -> datetime:
        return datetime.combine(self.on, self.at)

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.minutes)


class Appointment(BaseModel):
    """A stored visit."""

    model_config = ConfigDict(frozen=True)

    id: int
    patient_id: int
    booking: Booking
    status: VisitStatus
    #: Why it was cancelled, or what happened at it.
    outcome: str = ""
    row_version: int = 1

    @property
    def on(self) -> date:
        return self.booking.on

    def overdue(self, now: datetime) -> bool:
        """Booked, its time gone by, and never marked attended or missed."""
        return self.status is VisitStatus.BOOKED and self.booking.ends <= now


def check_booking(booking: Booking, today: date) -> str:
    """What is wrong with booking this visit now, in words ("" when nothing)."""
    if booking.on < today:
        return "A visit cannot be booked on a day that has passed."
    if booking.on > today + MAX_AHEAD:
        return "A visit can be booked up to two years ahead."
    return ""


def clashes(booking: Booking, others: list[Appointment], keep: int = 0) -> list[Appointment]:
    """Booked visits (other than ``keep``) whose time overlaps this one."""
    return [
        a
        for a in others
        if a.id != keep
        and a.status is VisitStatus.BOOKED
        and a.booking.starts < booking.ends
        and booking.starts < a.booking.ends
    ]


_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "eight": 8,
    "ten": 10,
    "twelve": 12,
    "un": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "seis": 6,
    "ocho": 8,
}
_UNIT_DAYS = {"day": 1, "week": 7, "wk": 7, "month": 30, "mo": 30, "dia": 1, "semana": 7, "mes": 30}
_RETURN = re.compile(
    r"\b(?:next\s+(?:visit|appointment|appt|follow[\s-]?up)|follow[\s-]?up|f/u|return|"
    r"rtc|see\s+(?:again|back)|come\s+back|recheck|revisit|pr[oó]xima\s+(?:visita|cita)|"
    r"control|volver)\b[^.;\n]{0,24}?\b(?:in|en|within)?\s*"
    r"(?P<n>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")(?:\s*(?:-|to|a)\s*\d{1,3})?\s*"
    r"(?P<unit>days?|weeks?|wks?|months?|mos?|d[ií]as?|semanas?|mes(?:es)?)\b",
    re.IGNORECASE,
)


def next_visit_in(plan_text: str) -> timedelta | None:
    """When a note's plan says to come back ("next visit in 4 weeks", "RTC 6 wks",
    "follow up in 2-3 weeks" (the first number), "próxima cita en 1 mes"); None when it
    does not say. A month counts as 30 days."""
    found = _RETURN.search(plan_text)
    if found is None:
        return None
    raw = found["n"].lower()
    count = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = found["unit"].lower().replace("í", "i")
    per = next(days for stem, days in _UNIT_DAYS.items() if unit.startswith(stem))
    if count < 1 or count * per > MAX_AHEAD.days:
        return None
    return timedelta(days=count * per)
