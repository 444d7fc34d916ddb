"""The shipped data pack: complete, sourced, and every interaction rule reachable."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from practice_desk.domain import formulary, monitoring
from practice_desk.domain.formulary import Drug, InteractionSeverity, Rule
from practice_desk.domain.safety import AlertKind, AlertSeverity, check_names
from practice_desk.domain.search import fold

DATA = formulary.load()


def test_the_pack_covers_what_a_practice_prescribes() -> None:
    psychiatric = [d for d in DATA.drugs.values() if d.psychiatric]
    other = [d for d in DATA.drugs.values() if not d.psychiatric]
    assert len(psychiatric) >= 60 and len(other) >= 40
    classes = {d.drug_class for d in psychiatric}
    assert {"ssri", "snri", "tca", "maoi", "sga", "fga", "benzodiazepine", "stimulant"} <= classes


def test_every_drug_is_sourced_named_uniquely_and_dispensable() -> None:
    names = Counter(fold(n) for d in DATA.drugs.values() for n in d.names)
    assert [n for n, c in names.items() if c > 1] == []
    curated = {
        raw["id"]
        for path in resources.files("practice_desk.resources").joinpath("formulary").iterdir()
        if path.name.startswith("drugs-")
        for raw in formulary.read_resource(path.name).get("drug", [])
    }
    for drug in DATA.drugs.values():
        assert len(drug.source) >= 10, drug.id
        # The curated drugs can be prescribed; the catalogue's are recognised and checked.
        assert bool(drug.products) is (drug.id in curated), drug.id
        if drug.psychiatric and drug.products:
            assert drug.handout == drug.id


def test_monitoring_protocols_named_by_drugs_exist() -> None:
    known = set(monitoring.protocols())
    for drug in DATA.drugs.values():
        assert set(drug.monitoring) <= known, drug.id


def _example(rule: Rule, side: tuple[str, ...], other: Drug | None = None) -> Drug | None:
    for drug in sorted(DATA.drugs.values(), key=lambda d: d.id):
        if drug is other or any(DATA.matches(drug, ref) for ref in rule.unless):
            continue
        if any(DATA.matches(drug, ref) for ref in side):
            return drug
    return None


@pytest.mark.parametrize("rule", [r for r in DATA.rules], ids=lambda r: r.id)
def test_every_rule_fires_for_an_example_pair(rule: Rule) -> None:
    first = _example(rule, rule.a)
    assert first is not None, f"{rule.id}: nothing in the formulary matches side a"
    if any(ref.startswith("patient:") for ref in rule.b):
        return  # patient-fact rules are exercised in test_smoking_rules
    second = _example(rule, rule.b, other=first)
    assert second is not None, f"{rule.id}: nothing in the formulary matches side b"
    # A rule for some patients only is checked with such a patient (65 for older adults).
    age = 80 if "patient:older_adult" in rule.when else None
    # ...and a long QT diagnosis for the rules that need a torsade risk factor.
    diagnoses = ["I45.81"] if "patient:qt_risk_factor" in rule.when else []
    alerts = [
        a
        for a in check_names([first.id, second.id], age=age, diagnoses=diagnoses)
        if a.kind is AlertKind.INTERACTION and set(a.drugs) == {first.id, second.id}
    ]
    assert alerts, f"{rule.id} did not fire for {first.id} + {second.id}"
    # The pair reports its most severe rule, which is at least as severe as this one.
    assert alerts[0].severity.rank >= AlertSeverity(rule.severity.value).rank
    assert alerts[0].source and alerts[0].action


# (names, most severe interaction expected or None) — the table clinicians would check.
TABLE: list[tuple[tuple[str, ...], InteractionSeverity | None]] = [
    (("Nardil", "Zoloft"), InteractionSeverity.CONTRAINDICATED),
    (("tranylcypromine", "pseudoephedrine"), InteractionSeverity.CONTRAINDICATED),
    (("phenelzine", "meperidine"), InteractionSeverity.CONTRAINDICATED),
    (("phenelzine", "dextromethorphan"), InteractionSeverity.CONTRAINDICATED),
    (("linezolid", "sertraline"), InteractionSeverity.CONTRAINDICATED),
    (("citalopram", "pimozide"), InteractionSeverity.CONTRAINDICATED),
    (("thioridazine", "fluoxetine"), InteractionSeverity.CONTRAINDICATED),
    (("pimozide", "clarithromycin"), InteractionSeverity.CONTRAINDICATED),
    (("lithium", "ibuprofen"), InteractionSeverity.MAJOR),
    (("lithium", "hydrochlorothiazide"), InteractionSeverity.MAJOR),
    (("lithium", "lisinopril"), InteractionSeverity.MAJOR),
    (("clozapine", "fluvoxamine"), InteractionSeverity.MAJOR),
    (("clozapine", "carbamazepine"), InteractionSeverity.MAJOR),
    (("alprazolam", "oxycodone"), InteractionSeverity.MAJOR),
    (("sertraline", "tramadol"), InteractionSeverity.MAJOR),
    (("valproate", "lamotrigine"), InteractionSeverity.MAJOR),
    (("sertraline", "sumatriptan"), InteractionSeverity.MODERATE),
    (("lithium", "sertraline"), InteractionSeverity.MODERATE),
    (("lithium", "furosemide"), InteractionSeverity.MODERATE),
    # Common, accepted combinations: no interaction alert at all.
    (("sertraline", "mirtazapine"), None),
    (("escitalopram", "bupropion"), None),
    (("lithium", "lamotrigine"), None),
    (("sertraline", "quetiapine"), None),
    (("sertraline", "trazodone"), None),
    (("aripiprazole", "sertraline"), None),
    (("lamotrigine", "bupropion"), None),
]


@pytest.mark.parametrize(
    ("names", "expected"), TABLE, ids=lambda v: "+".join(v) if isinstance(v, tuple) else str(v)
)
def test_interaction_table(names: tuple[str, ...], expected: InteractionSeverity | None) -> None:
    interactions = [a for a in check_names(names) if a.kind is AlertKind.INTERACTION]
    if expected is None:
        assert interactions == [], [a.message for a in interactions]
    else:
        assert interactions, f"no alert for {names}"
        assert interactions[0].severity.value == expected.value, interactions[0]


def test_smoking_rules() -> None:
    from practice_desk.domain.safety import Med, PatientFacts, check

    quiet = check([Med(name="clozapine")])
    assert not [a for a in quiet if "smoker" in a.message]
    alerts = check([Med(name="clozapine")], patient=PatientFacts(smoker=True))
    assert any(a.severity is AlertSeverity.MAJOR and "smoker" in a.message for a in alerts)


def test_check_names_finds_brands_and_age_limits() -> None:
    alerts = check_names(["Celexa"], age=70, daily_mg=[40])
    assert [a.kind for a in alerts] == [AlertKind.AGE]
    assert "aged 61 and over" in alerts[0].message
    assert check_names(["Celexa"], age=55, daily_mg=[40]) == []
    over = check_names(["sertraline"], daily_mg={"Sertraline": 300})
    assert [a.kind for a in over] == [AlertKind.MAX_DOSE]
    with pytest.raises(ValueError, match="one daily dose per drug"):
        check_names(["sertraline", "lithium"], daily_mg=[50])


def test_valproate_carries_its_pregnancy_warning() -> None:
    from practice_desk.domain.safety import Med, PatientFacts, check

    alerts = check([Med(name="Depakote")], patient=PatientFacts(pregnancy_possible=True))
    assert [a.kind for a in alerts] == [AlertKind.PREGNANCY]
