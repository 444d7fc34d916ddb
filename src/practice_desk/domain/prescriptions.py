"""Prescription rules: DEA and NPI check digits, quantities in words, controlled substances.

Controlled-substance rules follow 21 CFR 1306 (as summarised in shared/reference
security-notes §5): patient address and the prescriber's DEA number are required; Schedule
II has no refills and may be written as a series covering up to 90 days, each later
prescription dated "do not fill before"; Schedules III and IV allow at most 5 refills
within 6 months of issue.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from datetime import date, timedelta
from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from practice_desk.domain.errors import ValidationError
from practice_desk.domain.formulary import DeaSchedule

MAX_C2_SERIES_DAYS = 90
MAX_C3_C4_REFILLS = 5

_DEA = re.compile(r"^[A-Z][A-Z9][0-9]{7}$")
#: First letters of DEA registrations that a prescriber can hold (practitioner, mid-level,
#: hospital, teaching institution, and the retired X of the DATA waiver).
_PRESCRIBER_DEA_TYPES = set("ABFGMPRX")


# --- check digits ------------------------------------------------------------------------------


def is_valid_dea(text: str) -> bool:
    """Two letters and seven digits whose last digit checks: (d1+d3+d5) + 2(d2+d4+d6)."""
    value = text.strip().upper()
    if not _DEA.match(value) or value[0] not in _PRESCRIBER_DEA_TYPES:
        return False
    d = [int(c) for c in value[2:]]
    total = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])
    return total % 10 == d[6]


def dea_surname_warning(dea: str, surname: str) -> str | None:
    """The DEA number's second letter is normally the registrant's surname initial."""
    value = dea.strip().upper()
    initial = surname.strip()[:1].upper()
    if len(value) > 1 and value[1] != "9" and initial and value[1] != initial:
        return (
            f"The DEA number's second letter ({value[1]}) does not match the surname initial "
            f"({initial}). Check the number on the DEA certificate."
        )
    return None


def is_valid_npi(text: str) -> bool:
    """Ten digits whose last is the Luhn check digit of 80840 + the first nine (CMS)."""
    value = text.strip()
    if not re.fullmatch(r"[0-9]{10}", value):
        return False
    digits = [int(c) for c in "80840" + value[:9]]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10 == int(value[9])


# --- quantities --------------------------------------------------------------------------------

_ONES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905


def quantity_in_words(n: float) -> str:
    """``120`` -> ``"one hundred twenty"``; ``7.5`` -> ``"seven and one half"``."""
    if n < 0 or n >= 1_000_000:
        raise ValueError("Quantities are written in words from 0 to 999,999.")
    whole = int(n)
    fraction = round(n - whole, 2)
    words = _integer_words(whole)
    if fraction == 0:
        return words
    named = {0.5: "one half", 0.25: "one quarter", 0.75: "three quarters"}
    if fraction in named:
        return f"{words} and {named[fraction]}" if whole else named[fraction]
    tenths = str(fraction)[2:]
    return f"{words} point {' '.join(_ONES[int(c)] for c in tenths)}"


def _integer_words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {_integer_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{_integer_words(thousands)} thousand" + (f" {_integer_words(rest)}" if rest else "")


#: Quantity check-off bands printed on the form; the band holding the quantity is marked.
QUANTITY_BANDS: tuple[tuple[int, int | None], ...] = (
    (1, 24),
    (25, 49),
    (50, 74),
    (75, 100),
    (101, 150),
    (151, None),
)


def quantity_band(quantity: float) -> int:
    """Index of the band in QUANTITY_BANDS that holds the quantity. The printed bands name
    whole numbers; a quantity between two (49.5 mL) belongs to the lower band, whose range
    runs up to the next band's first number."""
    band = 0
    for index, (low, _high) in enumerate(QUANTITY_BANDS):
        if quantity >= low:
            band = index
    return band


# --- the prescription ---------------------------------------------------------------------------


class Prescriber(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=2, max_length=120)
    credentials: str = Field("", max_length=60)  # MD, DO, PMHNP-BC
    dea: str = Field("", max_length=9)
    npi: str = Field("", max_length=10)
    licence: str = Field("", max_length=60)  # state and number

    @property
    def surname(self) -> str:
        return self.name.replace("Dr ", "").replace("Dr. ", "").split()[-1] if self.name else ""


class PracticeProfile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=2, max_length=120)
    address: str = Field("", max_length=300)  # lines separated by newlines
    phone: str = Field("", max_length=40)
    fax: str = Field("", max_length=40)
    logo_png: bytes | None = None
    prescriber: Prescriber


_PROFILE_WORDS = {
    "name": "Name",
    "address": "Address",
    "phone": "Phone",
    "fax": "Fax",
    "credentials": "Credentials",
    "dea": "DEA number",
    "npi": "NPI",
    "licence": "Licence",
}


def parse_profile(data: dict[str, Any]) -> PracticeProfile:
    """Validate a typed-in profile, naming every field at fault (``prescriber.name`` etc.)."""
    try:
        return PracticeProfile.model_validate(data)
    except pydantic.ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = ".".join(str(p) for p in error["loc"])
            last = str(error["loc"][-1]) if error["loc"] else ""
            label = _PROFILE_WORDS.get(last, "This field")
            if last == "name":
                label = (
                    "The prescriber's name"
                    if loc.startswith("prescriber")
                    else ("The practice name")
                )
            if error["type"] in ("string_too_short", "missing"):
                message = f"{label} is needed."
            elif error["type"] == "string_too_long":
                message = f"{label} is too long (at most {error['ctx']['max_length']} characters)."
            else:
                message = f"{label}: {error['msg']}."
            problems.append((loc, message))
        failure = ValidationError(problems[0][0], problems[0][1])
        failure.problems = problems
        raise failure from None


def check_profile(profile: PracticeProfile) -> list[str]:
    """Errors refuse saving; this returns warnings worth showing (the DEA letter)."""
    p = profile.prescriber
    if p.dea and not is_valid_dea(p.dea):
        raise ValidationError(
            "dea",
            "That DEA number is not valid: two letters then seven digits, whose last "
            "digit must match the check digit. Check it against the DEA certificate.",
        )
    if p.npi and not is_valid_npi(p.npi):
        raise ValidationError(
            "npi",
            "That NPI is not valid: ten digits whose last digit must match the check "
            "digit. Check it in the NPPES registry.",
        )
    warning = dea_surname_warning(p.dea, p.surname) if p.dea else None
    return [warning] if warning else []


class PatientOnRx(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    date_of_birth: date
    address: str = ""


class Prescription(BaseModel):
    """One printed prescription (one of a Schedule II series, if part of one)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    serial: int = 0  # assigned by the vault
    issued: date
    patient: PatientOnRx
    drug: str = Field(min_length=2)  # generic name
    brand: str = ""
    strength: str = Field(min_length=1)  # "50 mg", "2 mg/mL"
    form: str = Field(min_length=2)  # tablet, capsule, oral solution
    directions: str = Field(min_length=3, max_length=400)
    quantity: float = Field(gt=0)
    quantity_unit: str = Field(min_length=2)  # tablets, capsules, mL
    days_supply: int = Field(ge=1, le=365)
    refills: int = Field(0, ge=0, le=11)
    substitution_permitted: bool = True
    note_to_pharmacist: str = Field("", max_length=300)
    schedule: DeaSchedule = ""
    do_not_fill_before: date | None = None
    series_index: int = Field(1, ge=1)
    series_total: int = Field(1, ge=1, le=3)

    @property
    def controlled(self) -> bool:
        return bool(self.schedule)


def check_prescription(rx: Prescription, prescriber: Prescriber) -> None:
    """Refuse what federal rules forbid, with the rule in words (ValidationError)."""
    if rx.controlled:
        if not rx.patient.address.strip():
            raise ValidationError(
                "patient.address",
                "A controlled-substance prescription must show the patient's "
                "full address (21 CFR 1306.05). Add it to the patient's details first.",
            )
        if not is_valid_dea(prescriber.dea):
            raise ValidationError(
                "dea",
                "A controlled-substance prescription needs the prescriber's valid DEA "
                "number (21 CFR 1306.05). Add it in the practice profile.",
            )
    if rx.schedule == "II":
        if rx.refills:
            raise ValidationError(
                "refills",
                "Schedule II prescriptions cannot have refills (21 CFR 1306.12). "
                "Write a series of up to 90 days' supply instead.",
            )
    elif rx.series_total > 1:
        raise ValidationError("series", "Only Schedule II prescriptions are written as a series.")
    if rx.schedule in ("III", "IV") and rx.refills > MAX_C3_C4_REFILLS:
        raise ValidationError(
            "refills",
            f"Schedule {rx.schedule} prescriptions allow at most {MAX_C3_C4_REFILLS} "
            "refills within 6 months of the date issued (21 CFR 1306.22).",
        )


def c2_series(first: Prescription, count: int) -> list[Prescription]:
    """A Schedule II series: each prescription the same supply, the later ones dated
    "do not fill before" the day the previous supply runs out (21 CFR 1306.12(b))."""
    if first.schedule != "II":
        raise ValidationError("series", "Only Schedule II prescriptions are written as a series.")
    if not 1 <= count <= 3:
        raise ValidationError("series", "A series has one to three prescriptions.")
    if first.days_supply * count > MAX_C2_SERIES_DAYS:
        raise ValidationError(
            "series",
            f"A Schedule II series may cover at most {MAX_C2_SERIES_DAYS} days in total; "
            f"{count} x {first.days_supply} days is {first.days_supply * count}.",
        )
    return [
        first.model_copy(
            update={
                "series_index": i + 1,
                "series_total": count,
                "do_not_fill_before": None
                if i == 0
                else first.issued + timedelta(days=first.days_supply * i),
            }
        )
        for i in range(count)
    ]


def verification_code(secret: bytes, rx: Prescription) -> str:
    """A short code from the serial and the content, to confirm a prescription by phone.

    Keyed with the practice's secret, so it cannot be made up for a forged form.
    """
    content = "|".join(
        [
            str(rx.serial),
            rx.issued.isoformat(),
            rx.patient.name,
            rx.patient.date_of_birth.isoformat(),
            rx.drug,
            rx.strength,
            f"{rx.quantity:g}",
            str(rx.refills),
            rx.do_not_fill_before.isoformat() if rx.do_not_fill_before else "",
        ]
    )
    digest = hmac.new(secret, content.encode("utf-8"), hashlib.sha256).digest()
    code = base64.b32encode(digest[:5]).decode("ascii")
    return f"{code[:4]}-{code[4:]}"
