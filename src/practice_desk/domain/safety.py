"""Medication safety checks over a whole medication list.

One engine for the chart (active list plus the proposed change) and for the quick "check
a combination" box: interactions from the formulary's rules (including MAOI washouts
after a stop), duplicate therapy, allergies, doses above the label maximum, age limits,
pregnancy warnings and overdue monitoring. Each alert says what is wrong, what to do, and
where that comes from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from itertools import combinations
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from practice_desk.domain import conditions, formulary
from practice_desk.domain.alerts import Alert as Alert
from practice_desk.domain.alerts import AlertKind as AlertKind
from practice_desk.domain.alerts import AlertSeverity as AlertSeverity
from practice_desk.domain.allergies import keys as allergy_keys
from practice_desk.domain.allergies import resolve as resolve_allergy
from practice_desk.domain.allergies import substance_part
from practice_desk.domain.formulary import Drug, Formulary, InteractionSeverity, Product, Rule
from practice_desk.domain.list_checks import (
    burdens,
    is_pregnant,
    pregnancy_notes,
    qt_risk_factor,
)
from practice_desk.domain.search import fold


class Med(BaseModel):
    """One medication for checking: a name as typed (or a formulary id) and its daily dose."""

    model_config = ConfigDict(frozen=True)

    name: str
    daily_mg: float | None = None
    #: The product ordered, where known: its own ceiling (bupropion SR) applies.
    product: Product | None = None


class StoppedMed(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    ended: date


class PatientFacts(BaseModel):
    """What the checks need to know about the patient."""

    model_config = ConfigDict(frozen=True)

    age: int | None = None
    smoker: bool = False
    #: Stopped smoking within formulary.STOPPED_SMOKING_DAYS (levels of CYP1A2 drugs rise).
    stopped_smoking: bool = False
    pregnancy_possible: bool = False
    allergies: tuple[str, ...] = ()
    #: ICD-10-CM codes of the chart's diagnoses, for drug–disease checks.
    diagnoses: tuple[str, ...] = ()
    #: The latest result of each test, for drug–lab checks.
    labs: tuple[conditions.LabFact, ...] = ()
    #: Monitoring overdue for this patient: (protocol id, what is overdue, due date).
    overdue_monitoring: tuple[tuple[str, str, date], ...] = ()


class _Resolved(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    med: Med
    drug: Drug | None = Field(default=None)


def check(
    meds: Sequence[Med],
    *,
    stopped: Sequence[StoppedMed] = (),
    patient: PatientFacts = PatientFacts(),  # noqa: B008 - frozen, never mutated
    today: date | None = None,
    data: Formulary | None = None,
) -> list[Alert]:
    """Every alert for the list, most severe first (stable order within a severity)."""
    data = data or formulary.load()
    today = today or date.today()
    resolved = [_Resolved(med=m, drug=data.find(m.name)) for m in meds]
    known = [r for r in resolved if r.drug is not None]
    alerts: list[Alert] = [_not_checked(data, r.med.name) for r in resolved if r.drug is None]
    drugs = [r.drug for r in known if r.drug is not None]
    alerts += _interactions(data, drugs, _flags(patient))
    alerts += _washouts(data, drugs, stopped, today)
    alerts += _patient_rules(data, drugs, patient)
    alerts += _conditions(drugs, patient.diagnoses)
    alerts += _lab_checks(drugs, patient.labs)
    alerts += _duplicates(data, drugs)
    alerts += burdens(data, drugs, patient.age)
    alerts += pregnancy_notes(drugs, patient.diagnoses)
    ceilings = _ceilings(data, known, drugs)
    for drug_id, total in _daily_totals(known).items():
        ceiling = ceilings.get(drug_id)
        alerts += _dose_alerts(data.drugs[drug_id], total, patient.age, ceiling)
    pregnant = patient.pregnancy_possible or is_pregnant(patient.diagnoses)
    for item in {r.drug.id: r for r in known if r.drug is not None}.values():
        assert item.drug is not None
        alerts += _allergy_alerts(data, item.drug, patient.allergies)
        if pregnant and item.drug.pregnancy_warning:
            alerts.append(
                Alert(
                    kind=AlertKind.PREGNANCY,
                    severity=AlertSeverity.MAJOR,
                    message=f"{item.drug.generic.capitalize()}: {item.drug.pregnancy_warning}",
                    action="Discuss pregnancy plans and effective contraception; consider "
                    "alternatives.",
                    source=item.drug.source,
                    drugs=(item.drug.id,),
                )
            )
    alerts += _monitoring(drugs, patient.overdue_monitoring, today)
    return sorted(alerts, key=lambda a: -a.severity.rank)


def _not_checked(data: Formulary, name: str) -> Alert:
    """An unknown name is said to be unchecked, with the near name it may be a slip for;
    the near drug is never checked in its place."""
    near = data.suggest(name)
    maybe = f" Did you mean {near.generic}?" if near else ""
    return Alert(
        kind=AlertKind.NOT_CHECKED,
        severity=AlertSeverity.INFO,
        message=f"“{name}” is not in the formulary, so it was not checked.{maybe}",
        action=(
            f"If you meant {near.generic}, correct the name so it is checked."
            if near
            else "Check it against the label yourself."
        ),
        drugs=(name,),
        suggestion=near.generic if near else "",
    )


def check_names(
    names: Iterable[str],
    *,
    age: int | None = None,
    daily_mg: Mapping[str, float] | Sequence[float | None] | None = None,
    diagnoses: Sequence[str] = (),
    labs: Sequence[conditions.LabFact] = (),
    smoking: Literal["smoker", "stopped", "no"] | None = None,
) -> list[Alert]:
    """Alerts for a list of drug names (generic, brand or synonym): the quick check box.
    ``diagnoses``: ICD-10-CM codes; ``labs``: latest results; for drug–disease and
    drug–lab checks. ``smoking``: "stopped" for a patient who has just stopped."""
    names = [n for n in (name.strip() for name in names) if n]
    if isinstance(daily_mg, Mapping):
        doses = {fold(k): v for k, v in daily_mg.items()}
        meds = [Med(name=n, daily_mg=doses.get(fold(n))) for n in names]
    elif daily_mg is not None:
        if len(daily_mg) != len(names):
            raise ValueError("Give one daily dose per drug name (or None where unknown).")
        meds = [Med(name=n, daily_mg=d) for n, d in zip(names, daily_mg, strict=True)]
    else:
        meds = [Med(name=n) for n in names]
    facts = PatientFacts(
        age=age,
        diagnoses=tuple(diagnoses),
        labs=tuple(labs),
        smoker=smoking == "smoker",
        stopped_smoking=smoking == "stopped",
    )
    return check(meds, patient=facts)


# --- interactions ------------------------------------------------------------------------


def _excluded(data: Formulary, rule: Rule, first: Drug, second: Drug) -> bool:
    return any(data.matches(d, ref) for ref in rule.unless for d in (first, second))


def _rule_alert(rule: Rule, first: Drug, second: Drug, prefix: str = "") -> Alert:
    return Alert(
        kind=AlertKind.INTERACTION,
        severity=AlertSeverity(rule.severity.value),
        message=f"{prefix}{first.generic.capitalize()} with {second.generic}: {rule.reason}",
        action=rule.action,
        source=rule.source,
        drugs=(first.id, second.id),
        rule_id=rule.id,
    )


def _matching_rules(
    data: Formulary,
    first: Drug,
    second: Drug,
    flags: frozenset[str] = frozenset(),
    sides: Mapping[str, tuple[frozenset[int], frozenset[int]]] | None = None,
) -> list[Rule]:
    a1, b1 = sides[first.id] if sides else data.rule_sides(first)
    a2, b2 = sides[second.id] if sides else data.rule_sides(second)
    indexes = sorted((a1 & b2) | (a2 & b1))
    rules = [
        data.rules[i]
        for i in indexes
        if not _excluded(data, data.rules[i], first, second)
        and flags.issuperset(data.rules[i].when)
    ]
    # One alert per pair: the most severe rule speaks (its id names the others' source).
    return sorted(rules, key=lambda r: -r.severity.rank)[:1]


def _interactions(
    data: Formulary, drugs: Sequence[Drug], flags: frozenset[str] = frozenset()
) -> list[Alert]:
    alerts = []
    sides = {d.id: data.rule_sides(d) for d in drugs}  # once per drug, not per pair
    for first, second in combinations(drugs, 2):
        if first.id == second.id:
            continue
        alerts += [
            _rule_alert(rule, first, second)
            for rule in _matching_rules(data, first, second, flags, sides)
        ]
    return alerts


def _flags(patient: PatientFacts) -> frozenset[str]:
    """The patient facts rules may name, as ``patient:<flag>``."""
    flags = set()
    if patient.smoker:
        flags.add("patient:smoker")
    if patient.stopped_smoking and not patient.smoker:
        flags.add("patient:stopped_smoking")
    if patient.age is not None and patient.age >= formulary.OLDER_ADULT_AGE:
        flags.add("patient:older_adult")
    if qt_risk_factor(patient.diagnoses, patient.labs):
        flags.add("patient:qt_risk_factor")
    return frozenset(flags)


def _washouts(
    data: Formulary, drugs: Sequence[Drug], stopped: Sequence[StoppedMed], today: date
) -> list[Alert]:
    alerts = []
    active_ids = {d.id for d in drugs}
    for past in stopped:
        old = data.find(past.name)
        if old is None or old.id in active_ids:
            continue
        for drug in drugs:
            for rule in _matching_rules(data, old, drug):
                days = _washout_days(rule, old)
                clear = past.ended + timedelta(days=days)
                if today < clear:
                    alerts.append(
                        _rule_alert(
                            rule,
                            old,
                            drug,
                            prefix=f"{old.generic.capitalize()} was stopped on "
                            f"{_day(past.ended)}; wait {days} days, until {_day(clear)}. ",
                        )
                    )
    return alerts


def _washout_days(rule: Rule, stopped: Drug) -> int:
    """Days a stopped drug still counts for a rule: the labels' washout table for that drug,
    else the rule's own window (labels set 14 days around MAOIs whatever the half-life)."""
    return rule.washout_after.get(stopped.id, rule.washout_days or 0)


#: How an alert names the patient fact a rule acts on.
_FACT_WORDS = {
    "patient:smoker": "in a smoker",
    "patient:stopped_smoking": "in a patient who has just stopped smoking",
}


def _patient_rules(data: Formulary, drugs: Sequence[Drug], patient: PatientFacts) -> list[Alert]:
    flags = set(_FACT_WORDS) & _flags(patient)  # facts that are a rule's whole side
    alerts = []
    for rule in data.rules:
        for drug_side, patient_side in ((rule.a, rule.b), (rule.b, rule.a)):
            facts = flags.intersection(patient_side)
            if not facts:
                continue
            words = _FACT_WORDS[min(facts)]
            for drug in drugs:
                if any(data.matches(drug, ref) for ref in drug_side):
                    alerts.append(
                        Alert(
                            kind=AlertKind.INTERACTION,
                            severity=AlertSeverity(rule.severity.value),
                            message=f"{drug.generic.capitalize()} {words}: {rule.reason}",
                            action=rule.action,
                            source=rule.source,
                            drugs=(drug.id,),
                            rule_id=rule.id,
                        )
                    )
    return alerts


def _conditions(drugs: Sequence[Drug], codes: Sequence[str]) -> list[Alert]:
    """Each drug with a diagnosis a drug–disease rule names (conditions.toml)."""
    if not codes:
        return []
    alerts = []
    for rule in conditions.rules():
        code = rule.matching_code(codes)
        if code is None:
            continue
        for drug in drugs:
            if conditions.matches(drug, rule):
                alerts.append(
                    Alert(
                        kind=AlertKind.CONDITION,
                        severity=AlertSeverity(rule.severity.value),
                        message=f"{drug.generic.capitalize()} with {rule.condition} ({code}): "
                        f"{rule.reason}",
                        action=rule.action,
                        source=rule.source,
                        drugs=(drug.id,),
                        rule_id=rule.id,
                    )
                )
    return alerts


def _lab_checks(drugs: Sequence[Drug], labs: Sequence[conditions.LabFact]) -> list[Alert]:
    """Each drug with a latest result a drug–lab check names (conditions.toml)."""
    latest = {lab.test: lab for lab in labs}
    alerts: dict[tuple[str, str], Alert] = {}  # per drug and test, the most severe speaks
    for check in conditions.lab_checks():
        result = latest.get(check.test)
        if result is None or not check.fires(result):
            continue
        for drug in drugs:
            held = alerts.get((drug.id, check.test))
            if conditions.matches(drug, check) and (
                held is None or held.severity.rank < AlertSeverity(check.severity.value).rank
            ):
                alerts[(drug.id, check.test)] = Alert(
                    kind=AlertKind.LAB,
                    severity=AlertSeverity(check.severity.value),
                    message=f"{drug.generic.capitalize()} with {check.reason} ({result.said()}).",
                    action=check.action,
                    source=check.source,
                    drugs=(drug.id,),
                    rule_id=check.id,
                )
    return list(alerts.values())


def _duplicates(data: Formulary, drugs: Sequence[Drug]) -> list[Alert]:
    alerts = []
    for first, second in combinations(drugs, 2):
        shared = {d.id for d in data.ingredients(first)} & {d.id for d in data.ingredients(second)}
        if first.id == second.id:
            what = f"{first.generic} is on the list twice"
        elif shared:
            both = ", ".join(data.drugs[i].generic for i in sorted(shared))
            what = f"{first.generic} and {second.generic} both contain {both}"
        elif first.drug_class == second.drug_class and first.drug_class in data.duplicate_classes:
            what = f"{first.generic} and {second.generic} are both {first.drug_class.upper()}s"
        else:
            tags = (first.tags & second.tags) & data.duplicate_tags
            if not tags:
                continue
            what = f"{first.generic} and {second.generic} are both {sorted(tags)[0]}s"
        alerts.append(
            Alert(
                kind=AlertKind.DUPLICATE,
                severity=AlertSeverity.MODERATE,
                message=f"Duplicate therapy: {what}.",
                action="Check that both are intended (for example a cross-taper) and document why.",
                source="APA practice guidelines; AGS Beers Criteria 2023",
                drugs=(first.id, second.id),
            )
        )
    return alerts


# --- per drug ------------------------------------------------------------------------------


def _ceilings(
    data: Formulary, known: Sequence[_Resolved], drugs: Sequence[Drug]
) -> dict[str, tuple[float, str]]:
    """Per drug, the maximum more specific than its label's: the lowest of its products'
    own and, while another drug is taken, the first of its co-medication ceilings."""
    ceilings = _product_ceilings(data, known)
    for drug in drugs:
        others = [d for d in drugs if d.id != drug.id]
        for rule in drug.ceilings:
            partner = next((d for d in others if data.matches(d, rule.with_)), None)
            if partner is not None:
                mine = (rule.max_daily_mg, f" taken with {partner.generic}")
                ceilings[drug.id] = min(ceilings.get(drug.id, mine), mine)
                break
    return ceilings


def _product_ceilings(data: Formulary, known: Sequence[_Resolved]) -> dict[str, tuple[float, str]]:
    """Per drug, the lowest ceiling of a product of its own among the orders (bupropion SR
    400 mg a day where the drug allows 450), with the product's words; a typed name counts
    when every product it can mean has the same ceiling ("bupropion SR")."""
    found: dict[str, tuple[float, str]] = {}
    for item in known:
        assert item.drug is not None
        if item.med.daily_mg is None:
            continue  # no dose to hold against a ceiling
        products = (item.med.product,) if item.med.product else data.products_for(item.med.name)
        ceilings = {p.max_daily_mg for p in products}
        if len(ceilings) != 1 or None in ceilings:
            continue
        product = products[0]
        words = (
            f"{product.name} {product.form.value}".strip()
            if product.name
            else (f"{product.release.value} {product.form.value}")
        )
        limit = (product.max_daily_mg or 0.0, f" for the {words}")
        if item.drug.id not in found or limit < found[item.drug.id]:
            found[item.drug.id] = limit
    return found


def _dose_alerts(
    drug: Drug, daily_mg: float | None, age: int | None, ceiling: tuple[float, str] | None = None
) -> list[Alert]:
    if daily_mg is None:
        return []
    alerts = []
    limit, what = (drug.max_daily_mg, "") if drug.max_daily_mg else (None, "")
    if ceiling:  # the product's own, or with a co-medication: more specific than the drug's
        limit, what = ceiling
    if limit and daily_mg > limit + 1e-9:
        alerts.append(
            Alert(
                kind=AlertKind.MAX_DOSE,
                severity=AlertSeverity.MAJOR,
                message=f"{drug.generic.capitalize()} {daily_mg:g} mg a day is above the usual "
                f"adult maximum of {limit:g} mg a day{what}.",
                action=drug.max_note or "Check the dose against the label.",
                source=drug.source,
                drugs=(drug.id,),
            )
        )
    older = drug.geriatric_from_age
    limit = drug.geriatric_max_daily_mg
    if age is not None and age >= older and limit and daily_mg > limit + 1e-9:
        alerts.append(
            Alert(
                kind=AlertKind.AGE,
                severity=AlertSeverity.MAJOR,
                message=f"{drug.generic.capitalize()} {daily_mg:g} mg a day is above the "
                f"{limit:g} mg a day advised for patients aged {older} and over "
                f"(this patient is {age}).",
                action=drug.max_note or f"Consider {limit:g} mg a day or less.",
                source=drug.source,
                drugs=(drug.id,),
            )
        )
    return alerts


def _daily_totals(known: Sequence[_Resolved]) -> dict[str, float | None]:
    """mg a day per drug, added up over every order of it (None when a dose is unknown)."""
    totals: dict[str, float | None] = defaultdict(float)
    for item in known:
        assert item.drug is not None
        current = totals[item.drug.id]
        dose = item.med.daily_mg
        totals[item.drug.id] = None if current is None or dose is None else current + dose
    return dict(totals)


def _allergy_alerts(data: Formulary, drug: Drug, allergies: Sequence[str]) -> list[Alert]:
    if not allergies:
        return []
    taken = (drug, *data.ingredients(drug))  # a combination: each ingredient too
    ids = {d.id for d in taken}
    names = {fold(n) for d in taken for n in d.names}
    groups = {g for d in taken for g in (d.drug_class, *d.tags)}
    classes = {g.replace("_", " ") for g in groups} | {g.replace("_", " ") + "s" for g in groups}
    alerts = []
    for allergy in allergies:
        # Free text from older charts ("lamotrigine - rash (SJS)") is read up to the reaction.
        readings = allergy_keys(allergy)
        named = resolve_allergy(allergy, data)
        if named is not None and named.kind == "drug":
            named_ids = {named.key, *(d.id for d in data.ingredients(data.drugs[named.key]))}
        else:
            named_ids = set()
        by_name = any(k in names for k in readings) or bool(named_ids & ids)
        by_class = any(k in classes for k in readings) or (
            named is not None and named.kind == "class" and named.key in groups
        )
        if by_name or by_class:
            alerts.append(
                Alert(
                    kind=AlertKind.ALLERGY,
                    severity=AlertSeverity.CONTRAINDICATED if by_name else AlertSeverity.MAJOR,
                    message=f"The chart records an allergy to {substance_part(allergy)}"
                    + ("" if by_name else f", and {drug.generic} belongs to that class")
                    + ".",
                    action="Do not give it unless the allergy record is wrong; ask the patient "
                    "what happened.",
                    source="patient's allergy record",
                    drugs=(drug.id,),
                )
            )
    return alerts


def _monitoring(
    drugs: Sequence[Drug], overdue: Sequence[tuple[str, str, date]], today: date
) -> list[Alert]:
    protocols = {p for d in drugs for p in d.monitoring}
    return [
        Alert(
            kind=AlertKind.MONITORING,
            severity=AlertSeverity.MODERATE,
            message=f"{what} was due on {_day(due)} and is overdue by {(today - due).days} days.",
            action="Order it, or record the result if it was done elsewhere.",
            source="monitoring protocol " + protocol,
        )
        for protocol, what, due in overdue
        if protocol in protocols
    ]


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


__all__ = [
    "Alert",
    "AlertKind",
    "AlertSeverity",
    "InteractionSeverity",
    "Med",
    "PatientFacts",
    "StoppedMed",
    "check",
    "check_names",
]
