"""Visit notes: templates with structured fields and free text; signed notes are locked.

After signing, a note changes only by addenda, each with its author and time.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Template(StrEnum):
    INITIAL_EVALUATION = "initial_evaluation"
    FOLLOW_UP = "follow_up"
    BRIEF_CHECK = "brief_check"


class Adherence(StrEnum):
    NOT_ASKED = ""
    FULL = "takes every dose"
    MOSTLY = "misses a few doses"
    POOR = "misses many doses"
    STOPPED = "stopped on their own"


#: The sections each template offers, in order (their keys in NoteContent.sections).
TEMPLATE_SECTIONS: dict[Template, tuple[str, ...]] = {
    Template.INITIAL_EVALUATION: (
        "reason_for_referral",
        "history_of_present_illness",
        "psychiatric_history",
        "medical_history",
        "substance_use",
        "family_and_social_history",
        "mental_status",
        "risk_assessment",
        "assessment",
        "plan",
    ),
    Template.FOLLOW_UP: (
        "interval_history",
        "mental_status",
        "risk_assessment",
        "assessment",
        "plan",
    ),
    Template.BRIEF_CHECK: ("how_things_are", "plan"),
}


class NoteContent(BaseModel):
    """What the clinician writes."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    template: Template = Template.FOLLOW_UP
    visit_date: date
    symptoms: str = Field("", max_length=2000)
    side_effects: str = Field("", max_length=2000)
    adherence: Adherence = Adherence.NOT_ASKED
    sections: dict[str, str] = Field(default_factory=dict)
    body: str = Field("", max_length=50_000)

    def text(self) -> str:
        """Everything written, for full-text search."""
        parts = [
            self.symptoms,
            self.side_effects,
            self.adherence.value,
            *self.sections.values(),
            self.body,
        ]
        return "\n".join(p for p in parts if p)


class Addendum(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    author: str
    at: datetime


class Note(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    patient_id: int
    content: NoteContent
    author: str
    signed_by: str = ""
    signed_at: datetime | None = None
    addenda: tuple[Addendum, ...] = ()
    row_version: int = 1

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


def search_terms(text: str) -> str:
    """A safe FTS5 query from what was typed: every word must appear (prefixes match)."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    return " AND ".join(f'"{w}"*' for w in words)
