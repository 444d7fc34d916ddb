"""Forgiving names: strengths, release words and salts typed with a name; slips only suggested."""

from __future__ import annotations

import pytest

from practice_desk.domain import formulary
from practice_desk.domain.drug_names import distance, near, read
from practice_desk.domain.safety import AlertKind, check_names

DATA = formulary.load()


@pytest.mark.parametrize(
    ("typed", "drug_id", "products"),
    [
        ("Lexapro 10 mg", "escitalopram", ["10 mg tablet"]),
        ("Zoloft 50mg", "sertraline", ["50 mg tablet"]),
        ("quetiapine XR", "quetiapine", ["50 mg ER tablet", "150 mg ER tablet"]),
        ("bupropion HCl XL 300 mg", "bupropion", ["300 mg ER tablet"]),
        ("clonazepam ODT 0.5 mg", "clonazepam", ["0.5 mg odt"]),
        ("Xanax .5mg", "alprazolam", ["0.5 mg tablet"]),
        ("Concerta 36 mg", "methylphenidate", ["36 mg ER tablet"]),
        ("amphetamine salts", "amphetamine_salts", []),
        ("lithium carbonate 300 mg", "lithium", ["300 mg capsule"]),
    ],
)
def test_names_are_read_with_what_was_typed_beside_them(
    typed: str, drug_id: str, products: list[str]
) -> None:
    drug = DATA.find(typed)
    assert drug is not None and drug.id == drug_id
    labels = [p.label() for p in DATA.products_for(typed)]
    assert set(products) <= set(labels)
    if "XR" in typed or "XL" in typed:
        assert all(" ER " in f" {label} " for label in labels)  # the release narrows
    strength = read(typed).strength_mg
    if strength is not None:  # the strength narrows to the products of that strength
        assert labels and all(
            strength in (p.strength_mg, p.mg_per_ml) for p in DATA.products_for(typed)
        )


def test_a_typed_strength_is_read_in_mg() -> None:
    assert read("levothyroxine 50 mcg").strength_mg == 0.05
    assert read("Xanax .5mg").strength_mg == 0.5
    assert read("Depakote 1 g").strength_mg == 1000
    assert read("Seroquel").strength_mg is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("sertaline", "sertraline"), ("sertralin", "sertraline"), ("quetapine", "quetiapine"),
     ("prozak", "fluoxetine"), ("lamotrigene", "lamotrigine"), ("venlafaxien", "venlafaxine")],
)  # fmt: skip
def test_a_slip_is_suggested_never_taken(typed: str, meant: str) -> None:
    assert DATA.find(typed) is None
    near_drug = DATA.suggest(typed)
    assert near_drug is not None and near_drug.generic == meant
    [alert] = check_names([typed])
    assert alert.kind is AlertKind.NOT_CHECKED and alert.suggestion == meant
    assert f"Did you mean {meant}?" in alert.message


def test_an_unknown_name_is_never_checked_as_its_neighbour() -> None:
    # "sertaline" with phenelzine would be contraindicated if it were taken for sertraline.
    alerts = check_names(["sertaline", "Nardil"])
    assert [a.kind for a in alerts] == [AlertKind.NOT_CHECKED]
    assert check_names(["sertraline", "Nardil"])[0].severity == "contraindicated"


def test_how_near_is_near_enough() -> None:
    # Under 4 letters nothing is suggested; otherwise one slip, never two.
    assert near("zol", ["zoloft"]) == []
    assert near("adderal", ["adderall"]) == [(1, "adderall")]
    assert near("sertarline", ["sertraline"]) == [(1, "sertraline")]  # two neighbours swapped
    assert near("sertrlne", ["sertraline"]) == []  # two slips
    assert near("amoxapine", ["loxapine"]) == []  # a real drug, not a slip
    assert distance("abc", "xyz", 1) == 2  # gives up past the limit


def test_strengths_are_read_as_people_type_them() -> None:
    assert read("clonidine 100 µg").strength_mg == 0.1  # the micro sign
    assert read("lithium 1,000 mg").strength_mg == 1000
    assert read("Xanax 0,5 mg").strength_mg == 0.5
    assert read("Zoloft 50").strength_mg == 50 and read("Zoloft 50").name == "zoloft"
    assert [p.label() for p in DATA.products_for("sertraline 20 mg/mL")] == [
        "20 mg/mL oral concentrate"
    ]
    assert all(not p.is_liquid for p in DATA.products_for("clonidine 100 mcg"))


def test_two_drugs_equally_near_suggest_neither() -> None:
    # "scitalopram" is one slip from citalopram and one from escitalopram: no guess.
    assert {n for d, n in near("scitalopram", DATA._by_name) if d == 1} >= {
        "citalopram",
        "escitalopram",
    }
    assert DATA.suggest("scitalopram") is None
    [alert] = check_names(["scitalopram"])
    assert alert.suggestion == "" and "Did you mean" not in alert.message
