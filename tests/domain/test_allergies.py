"""Allergies: what the check reads from each way a chart records one, both sides of each
match; "no known drug allergies" recorded, not assumed; dates of birth as clinics type them."""

from __future__ import annotations

from datetime import date

import pytest

from practice_desk.domain import formulary
from practice_desk.domain.alerts import AlertKind
from practice_desk.domain.allergies import keys, resolve, substance_part
from practice_desk.domain.errors import ValidationError
from practice_desk.domain.patients import parse_details
from practice_desk.domain.safety import AlertSeverity, Med, PatientFacts, check
from practice_desk.domain.wording import read_date

DATA = formulary.load()


def _allergy_alerts(drug: str, allergy: str) -> list[AlertSeverity]:
    alerts = check([Med(name=drug)], patient=PatientFacts(allergies=(allergy,)))
    return [a.severity for a in alerts if a.kind is AlertKind.ALLERGY]


@pytest.mark.parametrize(
    ("allergy", "drug", "expected"),
    [
        ("lamotrigine - rash (SJS)", "lamotrigine", [AlertSeverity.CONTRAINDICATED]),
        ("lamotrigine – rash", "lamotrigine", [AlertSeverity.CONTRAINDICATED]),
        ("lamotrigine: rash", "lamotrigine", [AlertSeverity.CONTRAINDICATED]),
        ("Lamictal (rash)", "lamotrigine", [AlertSeverity.CONTRAINDICATED]),
        ("lamotrigine", "Lamictal XR", [AlertSeverity.CONTRAINDICATED]),
        ("lamotrigine - rash (SJS)", "valproate", []),
        ("benzodiazepines", "lorazepam", [AlertSeverity.MAJOR]),
        ("benzodiazepines", "zolpidem", []),
        ("penicillin - hives", "amoxicillin", [AlertSeverity.MAJOR]),
        ("Augmentin", "amoxicillin", [AlertSeverity.CONTRAINDICATED]),  # an ingredient
        ("shellfish", "lamotrigine", []),
        ("", "lamotrigine", []),
    ],
)
def test_the_allergy_check_reads_the_substance_however_it_was_written(
    allergy: str, drug: str, expected: list[AlertSeverity]
) -> None:
    assert _allergy_alerts(drug, allergy) == expected


def test_the_alert_names_the_substance_without_the_reaction() -> None:
    [alert] = [
        a
        for a in check(
            [Med(name="lamotrigine")], patient=PatientFacts(allergies=("lamotrigine - rash (SJS)",))
        )
        if a.kind is AlertKind.ALLERGY
    ]
    assert alert.message == "The chart records an allergy to lamotrigine."


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("lamotrigine - rash (SJS)", "lamotrigine"),
        ("co-trimoxazole", "co-trimoxazole"),  # a hyphen inside a name is the name
        ("codeine: hives", "codeine"),
        ("sulfa (hives)", "sulfa"),
        ("penicillin, severe", "penicillin"),
        ("amoxicillin/clavulanate", "amoxicillin"),
    ],
)
def test_the_substance_is_read_up_to_the_reaction(text: str, part: str) -> None:
    assert substance_part(text) == part
    assert keys(text)[-1] == part.casefold()


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("Lamictal", "drug", "lamotrigine"),
        ("penicillins", "class", "penicillins"),
        ("Penicillin", "class", "penicillins"),
        ("SSRI", "class", "ssris"),
        ("shellfish", None, None),
        ("latex", None, None),
    ],
)
def test_what_the_formulary_knows_and_what_stays_free_text(
    text: str, kind: str | None, name: str | None
) -> None:
    found = resolve(text, DATA)
    assert (found.kind, found.name) == (kind, name) if found else kind is None


def _patient(**extra: object) -> dict[str, object]:
    return {"family_name": "Example", "given_name": "Ada", "date_of_birth": "1984-03-21"} | extra


def test_no_known_allergies_is_an_answer_and_excludes_a_list() -> None:
    asked = parse_details(_patient(no_known_allergies=True))
    assert asked.allergies_asked and asked.no_known_allergies
    not_asked = parse_details(_patient())
    assert not not_asked.allergies_asked
    listed = parse_details(_patient(allergies=[{"substance": "penicillins"}]))
    assert listed.allergies_asked and not listed.no_known_allergies
    with pytest.raises(ValidationError, match="not both") as raised:
        parse_details(_patient(no_known_allergies=True, allergies=[{"substance": "latex"}]))
    assert raised.value.field == "allergies"


TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("03/14/1975", False, date(1975, 3, 14)),
        ("14/03/1975", True, date(1975, 3, 14)),
        ("14/03/1975", False, date(1975, 3, 14)),  # 14 cannot be a month
        ("03/04/1975", False, date(1975, 3, 4)),  # the clinic's order decides
        ("03/04/1975", True, date(1975, 4, 3)),
        ("12/12/1975", True, date(1975, 12, 12)),
        ("14 Mar 1975", False, date(1975, 3, 14)),
        ("Mar 14, 1975", False, date(1975, 3, 14)),
        ("March 14th, 1975", False, date(1975, 3, 14)),
        ("1975-03-14", True, date(1975, 3, 14)),
        ("14 de marzo de 1975", True, date(1975, 3, 14)),
        ("14 mar 1975", True, date(1975, 3, 14)),
        ("14.03.1975", True, date(1975, 3, 14)),
        ("3/14/75", False, date(1975, 3, 14)),
        ("1/2/26", False, date(2026, 1, 2)),  # a two-digit year up to this year
        ("1/2/27", False, date(1927, 1, 2)),  # and past it, the century before
        ("31/02/1975", True, None),
        ("13/13/1975", False, None),
        ("14 Foo 1975", False, None),
        ("14 03", False, None),
        ("", False, None),
        ("1975", False, None),
    ],
)
def test_dates_of_birth_as_clinics_type_them(
    text: str, day_first: bool, expected: date | None
) -> None:
    assert read_date(text, day_first=day_first, today=TODAY) == expected
