"""How fast a drug may be tapered: suggested settings and limits, from tapering.toml.

Drug-specific taper behaviour lives in the formulary data pack with its source, not in code:
a drug takes the first group whose ``match`` it meets, and a ``[[drug]]`` table may
override single fields for one drug.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from practice_desk.domain import formulary
from practice_desk.domain.formulary import Drug

WithdrawalClass = Literal["antidepressant", "benzodiazepine", "antipsychotic", "lithium", "other"]
StrategyName = Literal["hyperbolic", "linear"]


class TaperRules(BaseModel):
    """What the planner suggests and warns about for one drug."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    group: str
    withdrawal: WithdrawalClass = "other"
    strategy: StrategyName = "hyperbolic"
    step_percent: float = Field(25, gt=0, le=50)
    interval_days: int = Field(28, ge=1, le=365)
    why: str = ""
    stop_fraction: float | None = Field(None, gt=0, le=1)
    max_percent: float | None = Field(None, gt=0)
    per_days: int | None = Field(None, ge=1)
    warn_total_days: int | None = Field(None, ge=1)
    refuse_total_days: int | None = Field(None, ge=1)
    slow_percent: float | None = Field(None, gt=0)
    slow_days: int | None = Field(None, ge=1)
    slow_note: str = ""
    after_stop: str = ""
    #: The most immediate-release drug a single dose may hold, and why (bupropion: 150 mg).
    ir_single_dose_max_mg: float | None = Field(None, gt=0)
    ir_note: str = ""
    #: The usual times of day and shares when the order does not give them
    #: ({"morning": 1, "bedtime": 1}); empty for once a day.
    dose_times: dict[str, float] = Field(default_factory=dict)
    source: str = Field(min_length=5)
    status: Literal["V", "S", "L"] = "L"


class _Group(TaperRules):
    id: str
    match: tuple[str, ...] = ()


class _Override(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str


@cache
def _table() -> tuple[tuple[_Group, ...], dict[str, dict[str, object]]]:
    data = formulary.read_resource("tapering.toml")
    groups = tuple(
        _Group.model_validate({**raw, "group": raw["id"]}) for raw in data.get("group", [])
    )
    known = formulary.load().drugs
    overrides: dict[str, dict[str, object]] = {}
    for raw in data.get("drug", []):
        entry = _Override.model_validate(raw)
        if entry.id not in known:
            raise ValueError(f"tapering.toml names unknown drug {entry.id!r}")
        overrides[entry.id] = {k: v for k, v in raw.items() if k != "id"}
    return groups, overrides


@cache
def rules_for(drug_id: str) -> TaperRules:
    """The taper rules of a formulary drug (its group's, with its own overrides)."""
    drug = formulary.load().drugs[drug_id]
    return _rules(drug)


def _rules(drug: Drug) -> TaperRules:
    groups, overrides = _table()
    data = formulary.load()
    for group in groups:
        if not group.match or any(data.matches(drug, ref) for ref in group.match):
            fields = group.model_dump(exclude={"id", "match"})
            extra = overrides.get(drug.id, {})
            if extra:
                # A drug's own source goes before its group's, so both are cited.
                fields["source"] = f"{extra.get('source', '')}; {group.source}".strip("; ")
                fields.update({k: v for k, v in extra.items() if k != "source"})
            return TaperRules.model_validate(fields)
    raise ValueError("tapering.toml needs a last group with an empty match")


def rules_of(drug: Drug) -> TaperRules:
    """As rules_for, also for a drug made up in a test (not in the formulary)."""
    if formulary.load().drugs.get(drug.id) is drug:
        return rules_for(drug.id)
    return _rules(drug)
