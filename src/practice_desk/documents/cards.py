"""The appointment card: a cut-out card with the next visit, for the patient to keep."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from pydantic import BaseModel, ConfigDict
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from practice_desk.documents.base import Language, Paper, Specimen, build, para, t
from practice_desk.domain.prescriptions import PracticeProfile
from practice_desk.domain.wording import long_date


class CardVisit(BaseModel):
    model_config = ConfigDict(frozen=True)

    on: date
    at: time
    minutes: int
    #: What the visit is for, in the card's language.
    kind: str
    note: str = ""


class CardFacts(BaseModel):
    model_config = ConfigDict(frozen=True)

    patient_name: str
    visit: CardVisit
    #: Further visits already booked, soonest first.
    later: tuple[CardVisit, ...] = ()


def clock(at: time, language: Language) -> str:
    """10:30 AM in English (as US clinics write it), 10:30 h in Spanish."""
    if language == "es":
        return f"{at:%H:%M} h"
    return f"{at.hour % 12 or 12}:{at:%M} {'AM' if at.hour < 12 else 'PM'}"


def _when(visit: CardVisit, language: Language) -> str:
    return f"{long_date(visit.on, language)}, {clock(visit.at, language)}"


def render_appointment_card(
    facts: CardFacts,
    profile: PracticeProfile,
    *,
    language: Language = "en",
    paper: Paper = "letter",
    specimen: Specimen = False,
) -> bytes:
    visit = facts.visit
    rows: list[list[Flowable]] = [
        [para(t("card_for", language), "small"), para(facts.patient_name, "bold")],
        [para(t("card_when", language), "small"), para(_when(visit, language), "title")],
        [para(t("card_kind", language), "small"), para(visit.kind, "big")],
        [
            para(t("card_length", language), "small"),
            para(t("card_minutes", language).format(n=visit.minutes)),
        ],
    ]
    if visit.note:
        rows.append([para(t("card_note", language), "small"), para(visit.note)])
    phone = f"{profile.name} · {profile.phone}" if profile.phone else profile.name
    inside: list[Flowable] = [
        para(t("card_title", language), "h2"),
        para(phone, "bold"),
        para(
            " · ".join(line.strip() for line in profile.address.splitlines() if line.strip()),
            "small",
        ),
        Spacer(1, 3 * mm),
        _grid(rows),
        Spacer(1, 3 * mm),
        para(t("card_call", language), "small"),
        para(t("card_bring", language), "small"),
    ]
    if facts.later:
        inside += [
            para(t("card_later", language), "h2"),
            *(para(f"{_when(v, language)} — {v.kind}", "small") for v in facts.later),
        ]
    card = Table([[inside]], colWidths=[120 * mm])
    card.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 6 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 4 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5 * mm),
            ]
        )
    )
    card.hAlign = "LEFT"
    return build(
        [card], paper=paper, title=t("card_title", language), specimen=specimen, language=language
    )


def _grid(rows: Sequence[list[Flowable]]) -> Table:
    grid = Table(list(rows), colWidths=[22 * mm, 86 * mm])
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    grid.hAlign = "LEFT"
    return grid
