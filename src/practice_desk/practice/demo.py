"""A synthetic demo practice: obviously fake people, the same ones for the same seed.

Surnames are invented (Quillwhistle, Bramblebottom), phone numbers are in the 555-01xx
range set aside for fiction, and email addresses are at example.org.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from practice_desk.domain.errors import NotPermitted
from practice_desk.domain.patients import (
    Address,
    Allergy,
    AllergySeverity,
    Diagnosis,
    EmergencyContact,
    PatientDetails,
    Pharmacy,
    Sex,
)
from practice_desk.domain.prescriptions import PracticeProfile, Prescriber
from practice_desk.practice.demo_history import add_history
from practice_desk.practice.facade import Practice

DEMO_USER = "demo"
DEMO_NURSE = "nurse"
DEMO_PASSWORD = "demo practice only"  # noqa: S105 - printed on the demo unlock screen by design
#: Complete, so that every document prints; the numbers are all zeros with a valid check
#: digit (they pass the DEA and NPI checks and belong to no one), and every page the demo
#: practice prints is marked DEMO PRACTICE - NOT VALID.
DEMO_PROFILE = PracticeProfile(
    name="Demo Practice (synthetic patients)",
    address="1 Example Street\nAnytown, NY 01234",
    phone="(555) 555-0100",
    prescriber=Prescriber(
        name="Dr Demo Prescriber",
        credentials="MD",
        dea="AP0000000",
        npi="1000000004",
        licence="DEMO 000000",
    ),
)
#: Birth dates are drawn back from this fixed day so a seed always gives the same people.
_ANCHOR = date(2026, 1, 1)

_GIVEN = [
    "Ada",
    "Ben",
    "Cora",
    "Dev",
    "Esme",
    "Felix",
    "Gia",
    "Hugo",
    "Iris",
    "Jonah",
    "Kira",
    "Leo",
    "Mina",
    "Nico",
    "Opal",
    "Pax",
    "Quinn",
    "Rosa",
    "Sami",
    "Tess",
    "Uma",
    "Vito",
    "Wren",
    "Xavi",
    "Yara",
    "Zane",
    "José",
    "Zoë",
    "Siobhán",
    "Łucja",
    "Renée",
    "Søren",
    "Amélie",
    "Björn",
    "Chloé",
    "Dário",
    "Émile",
    "Inés",
    "Jürgen",
    "Noémi",
]
_FAMILY_START = [
    "Bramble",
    "Quill",
    "Fen",
    "Thistle",
    "Marrow",
    "Pickle",
    "Wobble",
    "Tumble",
    "Bumble",
    "Sprocket",
    "Nettle",
    "Puddle",
    "Crumble",
    "Dapple",
    "Fizz",
    "Gobble",
    "Higgle",
    "Jingle",
    "Kettle",
    "Lark",
    "Mumble",
    "Noodle",
    "Pebble",
    "Quibble",
    "Rattle",
    "Snickle",
    "Tinker",
    "Umber",
    "Waffle",
    "Yonder",
    "Zephyr",
    "Østen",
    "Ñoddle",
    "Öckel",
]
_FAMILY_END = [
    "wick",
    "worth",
    "bottom",
    "thorpe",
    "kins",
    "muddle",
    "berry",
    "feather",
    "whistle",
    "pot",
    "stone",
    "field",
    "ton",
    "by",
    "hollow",
]
_STREETS = [
    "Example",
    "Sample",
    "Placeholder",
    "Pretend",
    "Makebelieve",
    "Fictional",
    "Demo",
    "Mock",
]
_ALLERGENS = ("penicillin", "sulfonamides", "latex", "codeine", "peanuts", "lamotrigine")
_DIAGNOSES = (
    "F32.1",
    "F33.1",
    "F41.1",
    "F43.10",
    "F31.81",
    "F90.2",
    "F42.2",
    "F20.9",
    "F41.0",
    "F51.01",
)
_PRONOUNS = {Sex.FEMALE: "she/her", Sex.MALE: "he/him", Sex.INTERSEX: "they/them", Sex.UNKNOWN: ""}


def _phone(rng: random.Random) -> str:
    return f"({rng.randint(201, 989)}) 555-01{rng.randint(0, 99):02d}"


def demo_patients(count: int, seed: int = 1) -> Iterator[PatientDetails]:
    rng = random.Random(seed)
    for _ in range(count):
        family = rng.choice(_FAMILY_START) + rng.choice(_FAMILY_END)
        given = rng.choice(_GIVEN)
        sex = rng.choice([Sex.FEMALE, Sex.MALE, Sex.FEMALE, Sex.MALE, Sex.INTERSEX, Sex.UNKNOWN])
        born = _ANCHOR - timedelta(days=rng.randint(18 * 365, 90 * 365))
        allergens = rng.sample(_ALLERGENS, k=rng.choice([0, 0, 0, 1, 2]))
        yield PatientDetails(
            family_name=family,
            given_name=given,
            preferred_name=given[:3] if rng.random() < 0.1 else "",
            date_of_birth=born,
            sex=sex,
            pronouns=_PRONOUNS[sex],
            address=Address(
                line1=f"{rng.randint(1, 999)} {rng.choice(_STREETS)} Street",
                city="Anytown",
                state=rng.choice(["NY", "CA", "TX", "OR", "MA"]),
                postal_code=f"0{rng.randint(1000, 9999)}",
            ),
            phone=_phone(rng),
            email=f"{given.lower()}.{family.lower()}@example.org"
            if given.isascii() and family.isascii()
            else "",
            emergency_contact=EmergencyContact(
                name=f"{rng.choice(_GIVEN)} {family}", relationship="relative", phone=_phone(rng)
            ),
            pharmacy=Pharmacy(
                name="Demo Corner Pharmacy", phone="(555) 555-0100", fax="(555) 555-0101"
            ),
            allergies=tuple(
                Allergy(substance=a, reaction="rash", severity=AllergySeverity.MODERATE)
                for a in allergens
            ),
            # Most were asked; a few charts still say nobody has.
            no_known_allergies=not allergens and rng.random() < 0.8,
            diagnoses=tuple(
                Diagnosis(code=c) for c in rng.sample(_DIAGNOSES, k=rng.choice([1, 1, 2]))
            ),
            notes="Synthetic demo patient.",
        )


def populate(
    practice: Practice,
    patients: int,
    seed: int = 1,
    batch: int = 500,
    progress: Callable[[int, int], None] | None = None,
    *,
    with_history: bool = True,
) -> int:
    """Add `patients` synthetic patients in batches; returns how many were added.

    Refused for a practice not created as a demo: generated patients could never be
    removed from a real record (patients are archived, not deleted).
    """
    if not practice.is_demo:
        raise NotPermitted(
            "This is not a demo practice. Synthetic patients can only be added to a practice "
            "created with “practice-desk demo”."
        )
    added = 0
    pending: list[PatientDetails] = []
    rng = random.Random(seed * 7919)
    today = date.today()

    def flush() -> int:
        with practice.batch():
            ids = practice.add_patients(pending)
            if with_history:
                for patient_id in ids:
                    add_history(practice, rng, patient_id, today)
        pending.clear()
        return len(ids)

    for details in demo_patients(patients, seed):
        pending.append(details)
        if len(pending) >= batch:
            added += flush()
            if progress:
                progress(added, patients)
    if pending:
        added += flush()
    if progress:
        progress(added, patients)
    return added


def create_demo_practice(path: Path, patients: int = 200, seed: int = 1) -> Practice:
    """A new demo practice (prescriber "demo", nurse "nurse", both DEMO_PASSWORD), unlocked."""
    practice, _recovery = Practice.create(
        path, DEMO_USER, DEMO_PASSWORD, full_name="Dr Demo Prescriber", demo=True
    )
    practice.add_user(DEMO_NURSE, "Demo Nurse", "nurse", DEMO_PASSWORD)
    practice.save_practice_profile(DEMO_PROFILE)
    populate(practice, patients, seed)
    return practice
