"""What to watch for while a drug is tapered: a checklist per withdrawal class.

From resources/formulary/withdrawal.toml: each class's symptoms (offered in the chart's
symptom log), the four the printed calendar asks the patient to rate, and when to seek
help at once. A drug's class comes from tapering.toml (taper_rules.py).
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from practice_desk.domain import formulary
from practice_desk.domain.taper_rules import WithdrawalClass, rules_for
from practice_desk.domain.wording import Language


class Words(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    en: str = Field(min_length=3)
    es: str = Field(min_length=3)

    def said(self, language: Language) -> str:
        return self.es if language == "es" else self.en


class Checklist(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: WithdrawalClass
    symptoms: tuple[str, ...] = Field(min_length=4)
    diary: tuple[str, ...] = Field(min_length=4, max_length=4)
    urgent: Words
    source: str = Field(min_length=5)
    status: Literal["V", "S", "L"] = "L"

    @model_validator(mode="after")
    def _diary_is_checked(self) -> Checklist:
        if not set(self.diary) <= set(self.symptoms):
            raise ValueError(f"{self.id}: the diary rates symptoms not on its checklist")
        return self


class _Table(BaseModel):
    symptoms: dict[str, Words]
    classes: dict[str, Checklist]

    @model_validator(mode="after")
    def _known(self) -> _Table:
        for checklist in self.classes.values():
            unknown = set(checklist.symptoms) - set(self.symptoms)
            if unknown:
                raise ValueError(f"{checklist.id} names unknown symptoms {sorted(unknown)}")
        return self


@cache
def _table() -> _Table:
    data = formulary.read_resource("withdrawal.toml")
    return _Table(
        symptoms=data["symptom"],
        classes={c["id"]: c for c in data["class"]},
    )


def symptoms() -> dict[str, Words]:
    """Every symptom any checklist names, by key."""
    return _table().symptoms


def checklist(withdrawal: str) -> Checklist:
    """The checklist of a withdrawal class ("other" for one not listed)."""
    classes = _table().classes
    return classes.get(withdrawal, classes["other"])


def for_drug(drug_id: str) -> Checklist:
    """The checklist for tapering a formulary drug."""
    if drug_id not in formulary.load().drugs:
        return checklist("other")
    return checklist(rules_for(drug_id).withdrawal)


def label(key: str, language: Language = "en") -> str:
    words = symptoms().get(key)
    return words.said(language) if words else key
