"""Drug–disease and drug–lab checks (resources/formulary/conditions.toml).

A disease rule's codes are ICD-10-CM prefixes: "G40" matches G40.909 but not G41. A lab
check looks at the latest recorded result of one test. The drug side uses the same
references as interaction rules (ids, ``class:``, ``tag:``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from practice_desk.domain import formulary
from practice_desk.domain.formulary import Drug, InteractionSeverity


class ConditionRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    drugs: tuple[str, ...] = Field(min_length=1)
    codes: tuple[str, ...] = Field(min_length=1)
    condition: str = Field(min_length=5)
    severity: InteractionSeverity
    reason: str = Field(min_length=10)
    action: str = Field(min_length=5)
    source: str = Field(min_length=5)
    status: Literal["V", "S", "L"] = "L"

    def matching_code(self, codes: Sequence[str]) -> str | None:
        """The first chart code this rule's codes cover, or None."""
        return covered(codes, self.codes)


class LabCheck(BaseModel):
    """A drug with the latest result of a test beyond a limit (or with a genotype)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    drugs: tuple[str, ...] = Field(min_length=1)
    test: str
    below: float | None = None
    above: float | None = None
    text: str = ""
    severity: InteractionSeverity
    reason: str = Field(min_length=10)
    action: str = Field(min_length=5)
    source: str = Field(min_length=5)
    status: Literal["V", "S", "L"] = "L"

    def fires(self, result: LabFact) -> bool:
        if self.text:
            return _reads_as(result.text) == self.text.casefold()
        if result.value is None:
            return False
        return (self.below is not None and result.value < self.below) or (
            self.above is not None and result.value > self.above
        )


class LabFact(BaseModel):
    """The latest result of one test, as the checks need it."""

    model_config = ConfigDict(frozen=True)

    test: str
    value: float | None = None
    text: str = ""
    unit: str = ""
    taken_on: date

    def said(self) -> str:
        shown = f"{self.value:g} {self.unit}".strip() if self.value is not None else self.text
        return f"{shown} on {self.taken_on.day} {self.taken_on:%b %Y}"


#: How a qualitative result is written, read as "positive" or "negative".
_NEGATIVE = re.compile(r"\b(neg|negative|not\s+detected|absent|non-?carrier)\b|^-$")
_POSITIVE = re.compile(r"\b(pos|positive|detected|present|carrier|heterozygous|homozygous)\b|^\+$")


def _reads_as(text: str) -> str:
    """ "positive", "negative" or "" (unclear) for a result written in words."""
    said = text.strip().casefold()
    if _NEGATIVE.search(said):
        return "negative"
    return "positive" if _POSITIVE.search(said) else ""


def _plain(code: str) -> str:
    return code.replace(".", "").strip().upper()


def covered(codes: Sequence[str], prefixes: Sequence[str]) -> str | None:
    """The first chart code under one of the ICD-10-CM prefixes ("G40" covers G40.909),
    dots and case aside; None when none is."""
    wanted = tuple(_plain(prefix) for prefix in prefixes)
    return next((code for code in codes if _plain(code).startswith(wanted)), None)


@cache
def rules() -> tuple[ConditionRule, ...]:
    """The drug–disease rules, each drug reference checked against the formulary."""
    found = tuple(
        ConditionRule.model_validate(r)
        for r in formulary.read_resource("conditions.toml").get("condition", [])
    )
    for rule in found:
        _known(rule.id, rule.drugs)
    return found


def _known(entry: str, refs: Sequence[str]) -> None:
    data = formulary.load()
    classes = frozenset(d.drug_class for d in data.drugs.values())
    for ref in refs:
        # The drug side names drugs only: a patient flag here would never match.
        if ref.startswith("patient:") or not formulary.known_reference(ref, data.drugs, classes):
            raise ValueError(f"conditions.toml: {entry} names {ref!r}, not in the formulary")


@cache
def lab_checks() -> tuple[LabCheck, ...]:
    """The drug–lab checks, each drug reference checked against the formulary."""
    found = tuple(
        LabCheck.model_validate(c)
        for c in formulary.read_resource("conditions.toml").get("lab_check", [])
    )
    for check in found:
        _known(check.id, check.drugs)
    return found


def matches(drug: Drug, rule: ConditionRule | LabCheck) -> bool:
    data = formulary.load()
    return any(data.matches(drug, ref) for ref in rule.drugs)
