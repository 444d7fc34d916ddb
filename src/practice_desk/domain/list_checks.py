"""Checks over the whole medication list rather than a pair: anticholinergic burden and
serotonergic load, added up drug by drug, and each drug's pregnancy and breastfeeding
notes when the chart records either."""

from __future__ import annotations

from collections.abc import Sequence

from practice_desk.domain import formulary
from practice_desk.domain.alerts import Alert, AlertKind, AlertSeverity
from practice_desk.domain.conditions import LabFact, covered
from practice_desk.domain.formulary import Drug, Formulary

#: A total Anticholinergic Cognitive Burden score from which the list is flagged: each point
#: was linked to cognitive decline, and 3 or more to higher mortality (Fox 2011; ACB 2012).
ACB_THRESHOLD = 3
#: Serotonergic drugs on one list from which the load is flagged (the risk of serotonin
#: syndrome rises with each drug added; Boyer and Shannon, NEJM 2005).
SEROTONERGIC_THRESHOLD = 3


def burdens(data: Formulary, drugs: Sequence[Drug], age: int | None) -> list[Alert]:
    unique = list({d.id: d for d in drugs}.values())
    alerts = []
    scored = [(d, d.acb_score or sum(p.acb_score for p in data.ingredients(d))) for d in unique]
    scored = [(d, score) for d, score in scored if score]
    total = sum(score for _, score in scored)
    if total >= ACB_THRESHOLD and len(scored) >= 2:  # one drug alone is its label's matter
        older = age is not None and age >= formulary.OLDER_ADULT_AGE
        which = ", ".join(f"{d.generic} {score}" for d, score in scored)
        alerts.append(
            Alert(
                kind=AlertKind.BURDEN,
                severity=AlertSeverity.MAJOR if older else AlertSeverity.MODERATE,
                message=f"Anticholinergic burden {total} ({which}): from 3, confusion, falls "
                "and memory problems are more likely"
                + (f", especially at {age}." if older else "."),
                action="Look for a drug with less anticholinergic effect; in older adults "
                "avoid two or more strongly anticholinergic drugs.",
                source="Anticholinergic Cognitive Burden scale (Boustani 2008, 2012 update); "
                "AGS Beers Criteria 2023",
                drugs=tuple(d.id for d, _ in scored),
            )
        )
    serotonergic = [d for d in unique if data.matches(d, "tag:serotonergic")]
    if len(serotonergic) >= SEROTONERGIC_THRESHOLD:
        names = ", ".join(d.generic for d in serotonergic)
        alerts.append(
            Alert(
                kind=AlertKind.BURDEN,
                severity=AlertSeverity.MODERATE,
                message=f"{len(serotonergic)} serotonergic drugs on one list ({names}): the "
                "risk of serotonin syndrome rises with each one added.",
                action="Check that each is needed; warn about agitation, sweating, tremor, "
                "fever and diarrhoea, and start or raise one at a time.",
                source="Boyer and Shannon, N Engl J Med 2005 (serotonin syndrome); labels of "
                "each drug, warnings (serotonin syndrome)",
                drugs=tuple(d.id for d in serotonergic),
            )
        )
    return alerts


#: ICD-10-CM codes that mean the patient is pregnant: chapter 15 (O00-O9A), Z33.1
#: (pregnant state, incidental), Z34 (supervision of normal pregnancy), Z3A (weeks of
#: gestation). Breastfeeding: Z39.1 (care and examination of lactating mother).
PREGNANCY_CODES = ("O", "Z33.1", "Z34", "Z3A")
LACTATION_CODES = ("Z39.1",)


def _has(diagnoses: Sequence[str], prefixes: Sequence[str]) -> bool:
    return covered(diagnoses, prefixes) is not None


def is_pregnant(diagnoses: Sequence[str]) -> bool:
    """The chart's diagnoses record a pregnancy."""
    return _has(diagnoses, PREGNANCY_CODES)


def pregnancy_notes(drugs: Sequence[Drug], diagnoses: Sequence[str]) -> list[Alert]:
    """Each drug's pregnancy note while the chart records a pregnancy, and its
    breastfeeding note while it records breastfeeding."""
    wanted = [
        ("pregnancy_note", "Pregnancy", PREGNANCY_CODES),
        ("lactation_note", "Breastfeeding", LACTATION_CODES),
    ]
    alerts = []
    for field, title, codes in wanted:
        if not _has(diagnoses, codes):
            continue
        for drug in {d.id: d for d in drugs}.values():
            note = getattr(drug, field)
            if note:
                alerts.append(
                    Alert(
                        kind=AlertKind.PREGNANCY,
                        severity=AlertSeverity.MODERATE,
                        message=f"{title}: {drug.generic}: {note}",
                        action="Weigh the benefit against the risk with the patient, and "
                        "record the decision.",
                        source=drug.source,
                        drugs=(drug.id,),
                    )
                )
    return alerts


#: Diagnoses that make torsade de pointes more likely on QT-prolonging drugs: congenital or
#: acquired long QT (I45.81), a slow heart rate (R00.1), heart failure (I50).
QT_RISK_CODES = ("I45.81", "R00.1", "I50")
#: Latest results below which the same is true (labs.toml ids, lower limits of normal).
QT_RISK_LABS = {"potassium": 3.5, "magnesium": 1.7}


def qt_risk_factor(diagnoses: Sequence[str], labs: Sequence[LabFact]) -> bool:
    """The chart records a torsade risk factor: a diagnosis or a low potassium or magnesium
    (the labels of citalopram, haloperidol and methadone name each)."""
    if _has(diagnoses, QT_RISK_CODES):
        return True
    return any(
        lab.value is not None and lab.test in QT_RISK_LABS and lab.value < QT_RISK_LABS[lab.test]
        for lab in labs
    )
