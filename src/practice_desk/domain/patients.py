"""The patient record: demographics, contacts, allergies and diagnoses.

Validation speaks the clinician's language: every problem is reported with the field it
is about and a sentence that says what to fix.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import pydantic
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from practice_desk.domain import icd10
from practice_desk.domain.errors import ValidationError

MAX_AGE_YEARS = 120
#: Validation context for records read back from the vault: what was accepted when it was
#: saved stays readable even when a plausibility rule would now say otherwise.
STORED: dict[str, bool] = {"stored": True}


def _is_stored(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("stored"))


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    INTERSEX = "intersex"
    UNKNOWN = "unknown"


class AllergySeverity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"
    UNKNOWN = "unknown"


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _clean_phone(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("Enter the phone number as text, for example 555-010-1234.")
    if not value.strip():
        return None
    value = value.strip()
    if not 7 <= len(_digits(value)) <= 15:
        raise ValueError("Enter a phone number with 7 to 15 digits, for example 555-010-1234.")
    if re.search(r"[^0-9+()\-.\s/x]", value, re.IGNORECASE):
        raise ValueError("A phone number may only contain digits, spaces, +, -, (, ) and x.")
    return value


Phone = Annotated[str | None, pydantic.BeforeValidator(_clean_phone)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, frozen=True, validate_default=True
    )


class Address(_Model):
    line1: str = Field("", max_length=200)
    line2: str = Field("", max_length=200)
    city: str = Field("", max_length=100)
    state: str = Field("", max_length=50)
    postal_code: str = Field("", max_length=20)
    country: str = Field("US", max_length=60)

    def is_complete(self) -> bool:
        """A street, a city and a postal code: enough for a controlled-substance prescription."""
        return bool(self.line1 and self.city and self.postal_code)

    def one_line(self) -> str:
        parts = [self.line1, self.line2, self.city, f"{self.state} {self.postal_code}".strip()]
        return ", ".join(p for p in parts if p)


class EmergencyContact(_Model):
    name: str = Field("", max_length=200)
    relationship: str = Field("", max_length=100)
    phone: Phone = None


class Pharmacy(_Model):
    name: str = Field("", max_length=200)
    phone: Phone = None
    fax: Phone = None


class Allergy(_Model):
    substance: str = Field(max_length=200)
    reaction: str = Field("", max_length=300)
    severity: AllergySeverity = AllergySeverity.UNKNOWN

    @field_validator("substance")
    @classmethod
    def _substance_named(cls, value: str) -> str:
        if not value:
            raise ValueError("Name the substance the patient is allergic to.")
        return value


class Diagnosis(_Model):
    code: str
    description: str = ""

    @model_validator(mode="before")
    @classmethod
    def _known_code(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, str):
            data = {"code": data}
        if not isinstance(data, dict) or _is_stored(info):
            return data
        code = str(data.get("code", ""))
        entry = icd10.lookup(code)
        if entry is None:
            raise ValueError(
                f"“{code.strip()}” is not an ICD-10-CM code. Check the code, for example F32.1 "
                "for major depressive disorder, single episode, moderate."
            )
        return {**data, "code": entry.code, "description": entry.description}


class PatientDetails(_Model):
    """Everything a user types about a patient; the vault adds identity and versioning."""

    family_name: str = Field(max_length=100)
    given_name: str = Field(max_length=100)
    preferred_name: str = Field("", max_length=100)
    date_of_birth: date
    sex: Sex = Sex.UNKNOWN
    gender_identity: str = Field("", max_length=100)
    pronouns: str = Field("", max_length=50)
    address: Address = Address()
    phone: Phone = None
    email: str = Field("", max_length=200)
    emergency_contact: EmergencyContact = EmergencyContact()
    pharmacy: Pharmacy = Pharmacy()
    allergies: tuple[Allergy, ...] = ()
    #: Asked, and the patient knows of no drug allergy (recorded, never assumed from an
    #: empty list: an empty list with this False means nobody has asked yet).
    no_known_allergies: bool = False
    diagnoses: tuple[Diagnosis, ...] = ()
    #: Tobacco smoking (changes clozapine and olanzapine levels); None when not asked.
    smoker: bool | None = None
    #: The day the chart last changed from smoking to not smoking (recorded by the app):
    #: clozapine and olanzapine levels rise over the weeks after.
    smoking_stopped: date | None = None
    #: Could become pregnant: turns on the labels' pregnancy warnings.
    pregnancy_possible: bool = False
    notes: str = Field("", max_length=20_000)

    @field_validator("family_name", "given_name")
    @classmethod
    def _name_given(cls, value: str) -> str:
        if not value:
            raise ValueError("This name cannot be left blank.")
        if any(ord(ch) < 32 for ch in value):
            raise ValueError(
                "A name cannot contain control characters such as tabs or line breaks."
            )
        return value

    @field_validator("date_of_birth")
    @classmethod
    def _plausible_birth(cls, value: date, info: ValidationInfo) -> date:
        if _is_stored(info):
            return value
        today = date.today()
        if value > today:
            raise ValueError("The date of birth is in the future. Check the year.")
        if age_on(value, today) > MAX_AGE_YEARS:
            raise ValueError(
                f"The date of birth is more than {MAX_AGE_YEARS} years ago. Check the year."
            )
        return value

    @property
    def allergies_asked(self) -> bool:
        return bool(self.allergies) or self.no_known_allergies

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str) -> str:
        if value and not _EMAIL.match(value):
            raise ValueError("Enter an email address like name@example.org, or leave it empty.")
        return value

    @property
    def display_name(self) -> str:
        """``Family, Given (Preferred)`` as a chart header or list row shows it."""
        return display_name(self.family_name, self.given_name, self.preferred_name)

    @property
    def phone_digits(self) -> str:
        return _digits(self.phone or "")

    def age(self, on: date | None = None) -> int:
        return age_on(self.date_of_birth, on or date.today())


class Patient(BaseModel):
    """A stored patient: the details plus what the vault assigns."""

    model_config = ConfigDict(frozen=True)

    id: int
    chart_number: str
    row_version: int
    archived: bool = False
    details: PatientDetails

    @property
    def display_name(self) -> str:
        return self.details.display_name


class PatientSummary(BaseModel):
    """One row of the patient list: only what the list shows."""

    model_config = ConfigDict(frozen=True)

    id: int
    chart_number: str
    display_name: str
    date_of_birth: date
    phone: str | None
    archived: bool


def display_name(family: str, given: str, preferred: str = "") -> str:
    name = f"{family}, {given}"
    if preferred and preferred != given:
        name += f" ({preferred})"
    return name


def age_on(born: date, on: date) -> int:
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years


_FIELD_WORDS = {
    "family_name": "Family name",
    "given_name": "Given name",
    "preferred_name": "Preferred name",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "email": "Email",
    "phone": "Phone",
    "notes": "Notes",
}


def _friendly(error: Any) -> tuple[str, str]:
    """Turn one pydantic error into (dotted field, sentence)."""
    loc = ".".join(str(p) for p in error["loc"]) or "patient"
    kind = error["type"]
    label = _FIELD_WORDS.get(str(error["loc"][-1]) if error["loc"] else "", "This field")
    if kind == "value_error":
        message = str(error["ctx"]["error"])
    elif kind == "missing":
        message = f"{label} is required."
    elif kind in (
        "date_from_datetime_parsing",
        "date_parsing",
        "date_type",
        "date_from_datetime_inexact",
    ):
        message = f"{label}: enter a real date, for example 1984-03-21."
    elif kind == "string_too_long":
        message = f"{label} is too long (at most {error['ctx']['max_length']} characters)."
    elif kind == "enum":
        message = f"{label} must be one of: {error['ctx']['expected']}."
    elif kind == "extra_forbidden":
        message = f"“{loc}” is not a field of the patient record."
    elif kind in ("string_type", "model_type", "tuple_type", "dict_type", "model_attributes_type"):
        message = f"{label} has the wrong kind of value."
    else:
        message = f"{label}: {error['msg']}."
    return loc, message


def parse_details(data: dict[str, Any]) -> PatientDetails:
    """Validate user input into PatientDetails or raise our ValidationError.

    The error names the first field at fault; ``problems`` on it lists them all, so a
    form can mark every field at once.
    """
    try:
        details = PatientDetails.model_validate(data)
    except pydantic.ValidationError as exc:
        problems = [_friendly(e) for e in exc.errors()]
        error = ValidationError(problems[0][0], problems[0][1])
        error.problems = problems
        raise error from None
    if details.no_known_allergies and details.allergies:
        raise ValidationError(
            "allergies",
            "Either record the allergies or tick “No known drug allergies”, not both.",
        )
    return details
