"""Drug–disease checks: a drug with a diagnosis on the chart (resources/formulary/conditions.toml).

A rule's codes are ICD-10-CM prefixes: "G40" matches G40.909 but not G41. The drug side
uses the same references as interaction rules (ids, ``class:``, ``tag:``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from practice_desk.domain import formulary
from practice_desk.domain.formulary import Drug, Severity


class ConditionRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    drugs: tuple[str, ...] = Field(min_length=1)
    codes: tuple[str, ...] = Field(min_length=1)
    condition: str = Field(min_length=5)
    severity: Severity
    reason: str = Field(min_length=10)
    action: str = Field(min_length=5)
    source: str = Field(min_length=5)
    status: Literal["V", "S", "L"] = "L"

    def matching_code(self, codes: Sequence[str]) -> str | None:
        """The first chart code this rule's codes cover, or None."""
        for code in codes:
            plain = _plain(code)
            if any(plain.startswith(_plain(prefix)) for prefix in self.codes):
                return code
        return None


def _plain(code: str) -> str:
    return code.replace(".", "").strip().upper()


@cache
def rules() -> tuple[ConditionRule, ...]:
    """The drug–disease rules, each drug reference checked against the formulary."""
    data = formulary.load()
    found = tuple(
        ConditionRule.model_validate(r)
        for r in formulary.read_resource("conditions.toml").get("condition", [])
    )
    classes = {d.drug_class for d in data.drugs.values()}
    for rule in found:
        for ref in rule.drugs:
            kind, _, name = ref.partition(":")
            known = (
                ref in data.drugs
                if not name
                else (name in classes if kind == "class" else name in formulary.TAGS)
            )
            if not known:
                raise ValueError(f"condition rule {rule.id} names {ref!r}, not in the formulary")
    return found


def matches(drug: Drug, rule: ConditionRule) -> bool:
    data = formulary.load()
    return any(data.matches(drug, ref) for ref in rule.drugs)
