"""Drug–disease checks from the chart's ICD-10-CM codes: each rule on both sides of its codes."""

from __future__ import annotations

from datetime import date

import pytest

from practice_desk.domain.conditions import LabFact, rules
from practice_desk.domain.safety import AlertKind, check_names


def _conditions(names: list[str], codes: list[str]) -> list[tuple[str, str]]:
    return [
        (a.severity.value, a.rule_id or "")
        for a in check_names(names, diagnoses=codes)
        if a.kind is AlertKind.CONDITION
    ]


@pytest.mark.parametrize(
    ("drug", "matching", "near_miss", "severity", "rule"),
    [
        ("bupropion", "G40.909", "G41.0", "contraindicated", "D01"),
        ("Wellbutrin XL", "F50.2", "F50.8", "contraindicated", "D01"),
        ("Adderall", "I42.0", "I44.0", "major", "D02"),
        ("methylphenidate", "Q21.1", "Q25.0", "major", "D02"),
        ("amitriptyline", "I21.4", "I20.9", "contraindicated", "D03"),
        ("quetiapine", "F03.90", "F04", "major", "D04"),
        ("risperidone", "G30.1", "G32.89", "major", "D04"),
        ("valproate", "K74.60", "K80.20", "contraindicated", "D05"),
        ("lithium", "N18.4", "N18.2", "major", "D06"),
        ("lithium", "E87.1", "E87.2", "major", "D06"),
        ("citalopram", "I45.81", "I45.89", "major", "D07"),
        ("clozapine", "D70.9", "D69.6", "major", "D08"),
    ],
)
def test_a_drug_with_a_named_diagnosis_and_not_with_its_neighbour(
    drug: str, matching: str, near_miss: str, severity: str, rule: str
) -> None:
    assert (severity, rule) in _conditions([drug], [matching])
    assert _conditions([drug], [near_miss]) == []
    assert _conditions([drug], []) == []


def test_the_alert_names_the_drug_the_condition_and_the_code() -> None:
    [alert] = [
        a for a in check_names(["bupropion"], diagnoses=["G40.909"])
        if a.kind is AlertKind.CONDITION
    ]  # fmt: skip
    assert alert.message.startswith("Bupropion with a seizure disorder")
    assert "(G40.909)" in alert.message and alert.action and alert.source


def test_a_drug_outside_the_rule_is_quiet() -> None:
    assert _conditions(["sertraline"], ["G40.909", "F03.90", "K74.60", "I45.81"]) == []


def test_every_rule_names_known_drugs_and_a_source() -> None:
    loaded = rules()
    assert len(loaded) >= 8
    assert all(r.source and r.status in ("V", "S", "L") for r in loaded)


def _lab(test: str, value: float | None = None, text: str = "") -> LabFact:
    return LabFact(test=test, value=value, text=text, unit="", taken_on=date(2027, 1, 4))


def _lab_alerts(drug: str, lab: LabFact) -> list[tuple[str, str]]:
    return [
        (a.severity.value, a.rule_id or "")
        for a in check_names([drug], labs=[lab])
        if a.kind is AlertKind.LAB
    ]


@pytest.mark.parametrize(
    ("drug", "test", "beyond", "within", "expected"),
    [
        ("lithium", "egfr", 29, 30, ("major", "L01")),
        ("lithium", "sodium", 134, 135, ("major", "L02")),
        ("citalopram", "ecg", 501, 500, ("major", "L03")),
        ("clozapine", "anc", 999, 1000, ("major", "L04")),
        ("clozapine", "anc", 1499, 1500, ("moderate", "L05")),
        ("haloperidol", "potassium", 3.4, 3.5, ("major", "L07")),
        ("citalopram", "magnesium", 1.6, 1.7, ("major", "L08")),
    ],
)
def test_a_latest_result_beyond_its_limit_and_at_it(
    drug: str, test: str, beyond: float, within: float, expected: tuple[str, str]
) -> None:
    assert _lab_alerts(drug, _lab(test, beyond)) == [expected]
    at_limit = _lab_alerts(drug, _lab(test, within))
    assert expected not in at_limit
    assert _lab_alerts("sertraline", _lab(test, beyond)) == []  # another drug is quiet


def test_the_most_severe_lab_check_speaks_once() -> None:
    assert _lab_alerts("clozapine", _lab("anc", 800)) == [("major", "L04")]


@pytest.mark.parametrize("drug", ["carbamazepine", "oxcarbazepine"])
def test_a_positive_hla_b1502_genotype_is_flagged(drug: str) -> None:
    assert _lab_alerts(drug, _lab("hla_b1502", text="Positive")) == [("major", "L06")]
    assert _lab_alerts(drug, _lab("hla_b1502", text="negative")) == []


def test_the_lab_alert_says_the_result_and_its_date() -> None:
    [alert] = [
        a for a in check_names(["lithium"], labs=[_lab("sodium", 131)])
        if a.kind is AlertKind.LAB
    ]  # fmt: skip
    assert "low sodium" in alert.message and "131 on 4 Jan 2027" in alert.message


@pytest.mark.parametrize(
    ("written", "flagged"),
    [
        ("Positive", True),
        ("Positive.", True),
        ("positive (heterozygous)", True),
        ("POS", True),
        ("detected", True),
        ("+", True),
        ("negative", False),
        ("Not detected", False),
        ("NEG", False),
        ("pending", False),
    ],
)
def test_a_genotype_is_read_however_it_was_written(written: str, flagged: bool) -> None:
    found = _lab_alerts("carbamazepine", _lab("hla_b1502", text=written))
    assert (found == [("major", "L06")]) is flagged
