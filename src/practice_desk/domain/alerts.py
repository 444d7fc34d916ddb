"""What the safety checks say: an alert's kind, its severity and its words."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class AlertKind(StrEnum):
    INTERACTION = "interaction"
    DUPLICATE = "duplicate"
    MAX_DOSE = "max_dose"
    AGE = "age"
    ALLERGY = "allergy"
    PREGNANCY = "pregnancy"
    MONITORING = "monitoring"
    CONDITION = "condition"  # a drug with a diagnosis on the chart
    LAB = "lab"  # a drug with a recorded result
    BURDEN = "burden"  # a load added up over the whole list (anticholinergic, serotonergic)
    NOT_CHECKED = "not_checked"


class AlertSeverity(StrEnum):
    CONTRAINDICATED = "contraindicated"
    MAJOR = "major"
    MODERATE = "moderate"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"contraindicated": 3, "major": 2, "moderate": 1, "info": 0}[self.value]


class Alert(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: AlertKind
    severity: AlertSeverity
    message: str
    action: str = ""
    #: For a name not checked: the known name it is probably a slip for, if one is near.
    suggestion: str = ""
    source: str = ""
    drugs: tuple[str, ...] = ()  # formulary ids (or the free text) the alert is about
    rule_id: str = ""
