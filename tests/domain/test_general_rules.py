"""Rules by property: each fires in both orders; accepted combinations stay below major."""

from __future__ import annotations

import pytest

from practice_desk.domain.safety import AlertKind, check_names

MAJOR_OR_WORSE = {"major", "contraindicated"}


def _interaction(first: str, second: str) -> tuple[str, str] | None:
    found = [a for a in check_names([first, second]) if a.kind is AlertKind.INTERACTION]
    assert len(found) <= 1  # one alert per pair: the most severe rule speaks
    return (found[0].severity.value, found[0].rule_id or "") if found else None


@pytest.mark.parametrize(
    ("first", "second", "severity", "rule"),
    [
        # An opioid with any CNS depressant, not only benzodiazepines (FDA 2016).
        ("oxycodone", "quetiapine", "major", "G01"),
        ("methadone", "mirtazapine", "major", "G01"),
        ("hydrocodone", "cyclobenzaprine", "major", "G01"),
        ("oxycodone", "clonazepam", "major", "I53"),  # the specific rule still speaks
        # Clozapine with an anticholinergic (FDA 2020).
        ("clozapine", "benztropine", "major", "G02"),
        ("clozapine", "hydroxyzine", "major", "G02"),
        ("valproate", "topiramate", "major", "G03"),
        ("linezolid", "pseudoephedrine", "major", "G04"),
        ("linezolid", "methylphenidate", "major", "G04"),
        ("amitriptyline", "tramadol", "major", "G05"),
        ("fluoxetine", "risperidone", "moderate", "G06"),
        ("paroxetine", "risperidone", "moderate", "G06"),
        ("carbamazepine", "fluconazole", "major", "G07"),
        ("carbamazepine", "erythromycin", "major", "G07"),
        # Drugs of the long-tail catalogue meet the same rules by their tags.
        ("escitalopram", "ondansetron", "major", "G11"),
        ("haloperidol", "methadone", "major", "G11"),
        ("haloperidol", "azithromycin", "major", "G11"),
        ("haloperidol", "domperidone", "major", "G11"),
        ("selegiline", "sertraline", "major", "G12"),  # oral selegiline, an MAO-B drug
        ("rasagiline", "amitriptyline", "major", "G12"),
        ("procarbazine", "phentermine", "major", "G12"),
        ("ciprofloxacin", "ramelteon", "major", "G13"),
        ("fluvoxamine", "ramelteon", "contraindicated", "I65a"),  # the specific rule
        ("metoclopramide", "haloperidol", "major", "G14"),
        ("metoclopramide", "quetiapine", "major", "G14"),
        ("phenelzine", "gepirone", "contraindicated", "I03"),
        ("samidorphan", "oxycodone", "contraindicated", "I66"),
        ("Lybalvi", "hydrocodone", "contraindicated", "I66"),  # through its ingredient
        ("sertraline", "dabigatran", "moderate", "I25a"),
        ("omeprazole", "citalopram", "major", "I26b"),
        ("lorazepam", "Norco", "major", "I53"),  # a combination's opioid
        ("clozapine", "diphenhydramine", "major", "G02"),
        ("sertraline", "ibrutinib", "moderate", "G17"),
        ("duloxetine", "ginkgo", "moderate", "G17"),
        ("bupropion", "mefloquine", "moderate", "G18"),
        ("bupropion", "chlorpromazine", "moderate", "G18"),
        ("bupropion", "tramadol", "major", "I22b"),  # the specific rule speaks
        ("amitriptyline", "tramadol", "major", "G05"),  # the specific rule speaks
    ],
)
def test_each_rule_fires_in_both_orders(first: str, second: str, severity: str, rule: str) -> None:
    assert _interaction(first, second) == (severity, rule)
    assert _interaction(second, first) == (severity, rule)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("aripiprazole", "fluoxetine"),  # adjunctive aripiprazole in depression
        ("aripiprazole", "paroxetine"),
        ("aripiprazole", "bupropion"),
        ("quetiapine", "clonazepam"),  # common, additive sedation: moderate
        ("olanzapine", "lorazepam"),
        ("zolpidem", "quetiapine"),
        ("sertraline", "trazodone"),
        ("lithium", "quetiapine"),
        ("risperidone", "sertraline"),  # sertraline is a moderate CYP2D6 inhibitor only
        ("clozapine", "quetiapine"),  # no anticholinergic tag: duplicate, not G02
        ("sertraline", "atorvastatin"),
        ("escitalopram", "metoprolol"),  # ONC non-interruptive: beta-blocker with an SSRI
        ("lorazepam", "omeprazole"),  # ONC non-interruptive: omeprazole with a benzodiazepine
        ("lithium", "levothyroxine"),
        ("bupropion", "metformin"),
        ("bupropion", "sertraline"),  # SSRIs are not seizure-threshold drugs here
        ("clozapine", "Ciprodex"),  # ear drops: not the ciprofloxacin tablets' CYP1A2 rule
        ("lithium", "Maxitrol"),  # eye drops: not neomycin's kidney rule
    ],
)
def test_accepted_combinations_stay_below_major(first: str, second: str) -> None:
    found = _interaction(first, second)
    assert found is None or found[0] not in MAJOR_OR_WORSE, found


def test_the_opioid_rule_needs_both_sides() -> None:
    assert _interaction("oxycodone", "sertraline") is None  # not a CNS depressant
    assert _interaction("quetiapine", "mirtazapine") != ("major", "G01")  # no opioid


@pytest.mark.parametrize(("age", "warned"), [(64, False), (65, True), (None, False)])
def test_hyponatraemia_pairs_are_for_older_adults(age: int | None, warned: bool) -> None:
    for first, second in (("sertraline", "hydrochlorothiazide"), ("chlorthalidone", "duloxetine")):
        found = [
            a.rule_id
            for a in check_names([first, second], age=age)
            if a.kind is AlertKind.INTERACTION
        ]
        assert (found == ["G08"]) is warned, (first, second, age, found)


@pytest.mark.parametrize(("drug", "severity"), [("clozapine", "major"), ("olanzapine", "moderate")])
def test_stopping_smoking_with_varenicline_is_linked_to_cyp1a2_drugs(
    drug: str, severity: str
) -> None:
    assert _interaction(drug, "varenicline") == (severity, "G09" if drug == "clozapine" else "G10")
    assert _interaction("varenicline", drug) == (severity, "G09" if drug == "clozapine" else "G10")
    assert _interaction("sertraline", "varenicline") is None


@pytest.mark.parametrize(
    ("first", "second"),
    [("haloperidol", "methadone"), ("haloperidol", "azithromycin"), ("ondansetron", "methadone"),
     ("azithromycin", "ondansetron"), ("escitalopram", "ondansetron"),
     ("chlorpromazine", "amiodarone"), ("escitalopram", "levofloxacin")],
)  # fmt: skip
def test_two_drugs_whose_labels_warn_of_torsade_are_major(first: str, second: str) -> None:
    assert _interaction(first, second) == ("major", "G11")
    assert _interaction(second, first) == ("major", "G11")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("quetiapine", "citalopram"),  # the citalopram rule's accepted partners
        ("citalopram", "trazodone"),
        ("quetiapine", "mirtazapine"),
    ],
)
def test_possible_qt_pairs_stay_below_major(first: str, second: str) -> None:
    found = _interaction(first, second)
    assert found is None or found[0] not in MAJOR_OR_WORSE, found


def _burden(names: list[str], age: int | None = None) -> list[tuple[str, str]]:
    return [
        (a.severity.value, a.message)
        for a in check_names(names, age=age)
        if a.kind is AlertKind.BURDEN
    ]


@pytest.mark.parametrize(
    ("names", "age", "severity"),
    [
        (["paroxetine"], None, None),  # 3 on its own is one drug, not a list's load
        (["diphenhydramine", "trazodone"], None, "moderate"),  # 3 + 1
        (["oxybutynin", "benztropine"], 70, "major"),  # older adult
        (["oxybutynin", "benztropine"], 64, "moderate"),
        (["trazodone", "metoprolol"], None, None),  # under 3
    ],
)
def test_anticholinergic_burden_is_added_up_over_the_list(
    names: list[str], age: int | None, severity: str | None
) -> None:
    found = [(s, m) for s, m in _burden(names, age) if m.startswith("Anticholinergic")]
    if severity is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0][0] == severity, found


def test_three_serotonergic_drugs_are_a_load_two_are_not() -> None:
    def load(names: list[str]) -> list[str]:
        return [m for _, m in _burden(names) if "serotonergic" in m]

    assert load(["sertraline", "trazodone"]) == []
    assert load(["sertraline", "trazodone", "tramadol"]) != []


@pytest.mark.parametrize(
    ("drug", "smoking", "expected"),
    [
        ("clozapine", "stopped", ("major", "G15")),
        ("clozapine", "smoker", ("major", "I43")),
        ("clozapine", "no", None),
        ("clozapine", None, None),
        ("olanzapine", "stopped", ("moderate", "G16")),
        ("sertraline", "stopped", None),
    ],
)
def test_stopping_smoking_is_a_fact_the_cyp1a2_rules_read(
    drug: str, smoking: str | None, expected: tuple[str, str] | None
) -> None:
    found = [
        (a.severity.value, a.rule_id)
        for a in check_names([drug], smoking=smoking)  # type: ignore[arg-type]
        if a.kind is AlertKind.INTERACTION
    ]
    assert found == ([expected] if expected else [])
    if expected and smoking == "stopped":
        [alert] = [a for a in check_names([drug], smoking="stopped") if a.rule_id]
        assert "just stopped smoking" in alert.message


def test_nicotine_replacement_is_linked_like_varenicline() -> None:
    assert _interaction("clozapine", "Nicorette") == ("major", "G09")


def _qt_pair(**facts: object) -> tuple[str, str]:
    [found] = [
        (a.severity.value, a.rule_id)
        for a in check_names(["haloperidol", "methadone"], **facts)  # type: ignore[arg-type]
        if a.kind is AlertKind.INTERACTION
    ]
    return found


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({}, ("major", "G11")),
        ({"diagnoses": ["I45.81"]}, ("contraindicated", "G11b")),  # long QT
        ({"diagnoses": ["R00.1"]}, ("contraindicated", "G11b")),  # bradycardia
        ({"diagnoses": ["I50.22"]}, ("contraindicated", "G11b")),  # heart failure
        ({"diagnoses": ["I10"]}, ("major", "G11")),
        ({"labs": [("potassium", 3.4)]}, ("contraindicated", "G11b")),
        ({"labs": [("potassium", 3.5)]}, ("major", "G11")),
        ({"labs": [("magnesium", 1.6)]}, ("contraindicated", "G11b")),
        ({"labs": [("magnesium", 1.7)]}, ("major", "G11")),
    ],
)
def test_a_qt_pair_is_stronger_with_a_risk_factor_on_the_chart(
    facts: dict[str, object], expected: tuple[str, str]
) -> None:
    from datetime import date

    from practice_desk.domain.conditions import LabFact

    if "labs" in facts:
        facts = {
            "labs": [
                LabFact(test=t, value=v, taken_on=date(2027, 1, 4))
                for t, v in facts["labs"]  # type: ignore[attr-defined]
            ]
        }
    assert _qt_pair(**facts) == expected


def test_qt_tags_follow_the_label_review() -> None:
    """Clozapine's label reports torsade: a known-risk drug. The VMAT2 inhibitors,
    pitolisant and pimavanserin warn of QT prolongation only: possible risk, no major pair."""
    assert _interaction("clozapine", "haloperidol") == ("major", "G11")
    for drug in ("deutetrabenazine", "tetrabenazine", "pitolisant", "pimavanserin"):
        found = _interaction(drug, "escitalopram")
        assert found is None or found[1] != "G11", (drug, found)
