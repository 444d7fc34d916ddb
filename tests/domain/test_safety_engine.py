"""The safety engine's mechanics, on a small synthetic formulary (data tests are separate)."""

from __future__ import annotations

from datetime import date

import pytest

from practice_desk.domain.formulary import Drug, Formulary, Rule
from practice_desk.domain.safety import (
    AlertKind,
    AlertSeverity,
    Med,
    PatientFacts,
    StoppedMed,
    check,
    check_names,
)

TODAY = date(2027, 3, 1)


def drug(drug_id: str, cls: str, tags: list[str] | None = None, **extra: object) -> Drug:
    data: dict[str, object] = {
        "id": drug_id,
        "generic": drug_id,
        "class": cls,
        "psychiatric": True,
        "tags": tags or [],
        "source": f"synthetic label of {drug_id}",
        "last_verified": "2026-11-25",
    }
    data.update(extra)
    return Drug.model_validate(data)


DRUGS = [
    drug("ssri_a", "ssri", ["serotonergic"], brands=["Brandia"], max_daily_mg=200),
    drug("ssri_b", "ssri", ["serotonergic"], max_daily_mg=40, geriatric_max_daily_mg=20),
    drug("maoi_a", "maoi", ["maoi", "serotonergic"]),
    drug("mirt", "nassa", ["serotonergic"]),
    drug("longssri", "ssri", ["serotonergic"]),
    drug("cloz", "sga", ["antipsychotic"], monitoring=["clozapine_anc"]),
    drug("olan", "sga", ["antipsychotic"]),
    drug("valp", "anticonvulsant_mood", pregnancy_warning="serious harm to an unborn baby."),
]
RULES = [
    Rule(
        id="R1",
        a=("class:maoi",),
        b=("tag:serotonergic",),
        unless=(),
        severity="contraindicated",
        reason="serotonin syndrome can be fatal.",
        action="Do not combine.",
        washout_days=14,
        washout_after={"longssri": 35},
        source="synthetic",
    ),
    Rule(
        id="R2",
        a=("cloz",),
        b=("patient:smoker",),
        severity="major",
        reason="smoking lowers levels.",
        action="Check a level when smoking changes.",
        source="synthetic",
    ),
    Rule(
        id="R3",
        a=("tag:serotonergic",),
        b=("tag:serotonergic",),
        unless=("mirt",),
        severity="moderate",
        reason="additive serotonergic effects.",
        action="Monitor.",
        source="synthetic",
    ),
]
DATA = Formulary(
    version="test",
    date=date(2026, 11, 25),
    duplicate_classes=frozenset({"ssri"}),
    duplicate_tags=frozenset({"antipsychotic"}),
    drugs={d.id: d for d in DRUGS},
    rules=tuple(RULES),
)


def run(*names: str, **kwargs: object) -> list:  # type: ignore[type-arg]
    return check([Med(name=n) for n in names], data=DATA, today=TODAY, **kwargs)  # type: ignore[arg-type]


def test_contraindicated_pair_is_reported_once_with_the_worst_rule() -> None:
    alerts = [a for a in run("maoi_a", "ssri_a") if a.kind is AlertKind.INTERACTION]
    assert len(alerts) == 1
    assert alerts[0].severity is AlertSeverity.CONTRAINDICATED and alerts[0].rule_id == "R1"
    assert alerts[0].action == "Do not combine."


def test_unless_keeps_accepted_combinations_quiet() -> None:
    assert not [a for a in run("ssri_a", "mirt") if a.kind is AlertKind.INTERACTION]


def test_brand_names_are_recognised_and_unknown_names_are_not_checked() -> None:
    alerts = run("Brandia", "maoi_a", "Grandma's tonic")
    assert any(a.rule_id == "R1" for a in alerts)
    unknown = [a for a in alerts if a.kind is AlertKind.NOT_CHECKED]
    assert unknown and "not in the formulary" in unknown[0].message


def test_washout_after_a_stop_uses_the_stopped_drugs_own_window() -> None:
    recent = StoppedMed(name="longssri", ended=date(2027, 2, 1))  # 28 days ago; needs 35
    alerts = run("maoi_a", stopped=[recent])
    assert any("wait 35 days, until 8 Mar 2027" in a.message for a in alerts)
    older = StoppedMed(name="ssri_a", ended=date(2027, 2, 1))  # 28 days ago; needs 14
    assert not [a for a in run("maoi_a", stopped=[older]) if a.kind is AlertKind.INTERACTION]


def test_patient_flags_trigger_their_rules() -> None:
    assert not [a for a in run("cloz") if a.rule_id == "R2"]
    smoker = run("cloz", patient=PatientFacts(smoker=True))
    assert [a.severity for a in smoker if a.rule_id == "R2"] == [AlertSeverity.MAJOR]


def test_duplicates_by_class_and_by_tag() -> None:
    assert [a.kind for a in run("ssri_a", "ssri_b") if a.kind is AlertKind.DUPLICATE]
    assert [a.kind for a in run("cloz", "olan") if a.kind is AlertKind.DUPLICATE]
    assert not [a for a in run("ssri_a", "cloz") if a.kind is AlertKind.DUPLICATE]


def test_maximum_and_age_limits() -> None:
    over = check([Med(name="ssri_b", daily_mg=60)], data=DATA, today=TODAY)
    assert [a.kind for a in over] == [AlertKind.MAX_DOSE]
    older = check(
        [Med(name="ssri_b", daily_mg=30)], data=DATA, today=TODAY, patient=PatientFacts(age=70)
    )
    assert [a.kind for a in older] == [AlertKind.AGE]
    assert "patient is 70" in older[0].message
    younger = check(
        [Med(name="ssri_b", daily_mg=30)], data=DATA, today=TODAY, patient=PatientFacts(age=50)
    )
    assert younger == []


def test_allergy_by_name_and_by_class() -> None:
    by_name = run("ssri_a", patient=PatientFacts(allergies=("Brandia",)))
    assert by_name[0].kind is AlertKind.ALLERGY
    assert by_name[0].severity is AlertSeverity.CONTRAINDICATED
    by_class = run("ssri_a", patient=PatientFacts(allergies=("SSRIs",)))
    assert (
        by_class[0].severity is AlertSeverity.MAJOR
        and "belongs to that class" in by_class[0].message
    )


def test_pregnancy_warning_only_when_pregnancy_is_possible() -> None:
    assert not run("valp")
    alerts = run("valp", patient=PatientFacts(pregnancy_possible=True))
    assert alerts[0].kind is AlertKind.PREGNANCY


def test_overdue_monitoring_for_a_listed_drug() -> None:
    overdue = (("clozapine_anc", "ANC", date(2027, 2, 20)),)
    alerts = run("cloz", patient=PatientFacts(overdue_monitoring=overdue))
    assert alerts[0].kind is AlertKind.MONITORING and "overdue by 9 days" in alerts[0].message
    assert not run("olan", patient=PatientFacts(overdue_monitoring=overdue))


def test_alerts_come_most_severe_first() -> None:
    alerts = run("maoi_a", "ssri_a", "ssri_b")
    ranks = [a.severity.rank for a in alerts]
    assert ranks == sorted(ranks, reverse=True)


def test_formulary_refuses_rules_that_name_unknown_things() -> None:
    bad = Rule(
        id="X",
        a=("nosuchdrug",),
        b=("tag:serotonergic",),
        severity="major",
        reason="a reason that is long",
        action="Act now.",
        source="synthetic",
    )
    with pytest.raises(ValueError, match="not in the formulary"):
        Formulary(version="t", date=date(2026, 1, 1), drugs={d.id: d for d in DRUGS}, rules=(bad,))


@pytest.mark.parametrize(("age", "warned"), [(60, False), (61, True), (None, False)])
def test_citalopram_over_20_mg_is_flagged_above_age_60_not_at_it(
    age: int | None, warned: bool
) -> None:
    # The label: no more than 20 mg a day for patients "greater than 60 years of age".
    alerts = check_names(["citalopram"], age=age, daily_mg=[30])
    assert any(a.kind is AlertKind.AGE for a in alerts) is warned
    quiet = check_names(["citalopram"], age=age, daily_mg=[20])
    assert not any(a.kind is AlertKind.AGE for a in quiet)


@pytest.mark.parametrize(
    ("drug", "mg", "younger", "older"),
    [("tramadol", 400, 75, 76), ("Emsam", 9, 64, 65)],
)
def test_geriatric_ceilings_start_at_the_label_age(
    drug: str, mg: float, younger: int, older: int
) -> None:
    def aged(age: int) -> bool:
        return any(a.kind is AlertKind.AGE for a in check_names([drug], age=age, daily_mg=[mg]))

    assert not aged(younger) and aged(older)
