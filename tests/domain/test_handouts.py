"""Handout texts: one per prescribable psychiatric drug, plain to read, crisis line on each."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from practice_desk.domain import formulary, handouts

#: Every psychiatric drug that can be prescribed (has products) gets a handout; the
#: catalogue's long tail is recognised for safety checks only.
PSYCHIATRIC = sorted(d.id for d in formulary.load().drugs.values() if d.psychiatric and d.products)


def test_every_psychiatric_drug_has_an_english_handout() -> None:
    missing = sorted(set(PSYCHIATRIC) - handouts.available("en"))
    assert missing == []


def test_at_least_twenty_spanish_handouts() -> None:
    assert len(handouts.available("es")) >= 20
    assert handouts.available("es") <= set(PSYCHIATRIC)


@pytest.mark.parametrize("drug_id", PSYCHIATRIC)
def test_english_handout_reads_at_grade_eight_or_below(drug_id: str) -> None:
    handout = handouts.get(drug_id, "en")
    assert handouts.grade_level(handout.body_text()) <= 8.0
    assert "988" in handout.call_us_if[0]
    assert handout.source


@pytest.mark.parametrize("drug_id", sorted(handouts.available("es")))
def test_spanish_handout_has_the_crisis_line(drug_id: str) -> None:
    handout = handouts.get(drug_id, "es")
    assert "988" in handout.call_us_if[0]
    assert handout.language == "es"


def test_boxed_warnings_are_in_the_handouts() -> None:
    for drug_id in ("sertraline", "lamotrigine", "clozapine", "alprazolam", "valproate"):
        warnings = " ".join(handouts.get(drug_id, "en").serious_warnings)
        assert "Boxed warning" in warnings, drug_id


def test_grade_level_tells_plain_from_dense_text() -> None:
    plain = "Take one pill each day. Call us if you feel worse."
    dense = "Pharmacokinetic considerations necessitate individualized therapeutic monitoring."
    assert handouts.grade_level(plain) < 6 < handouts.grade_level(dense)


def test_every_printed_string_exists_in_both_languages() -> None:
    text = (
        resources.files("practice_desk.resources")
        .joinpath("i18n/documents.toml")
        .read_text("utf-8")
    )
    for key, value in tomllib.loads(text).items():
        assert set(value) == {"en", "es"}, key
        assert value["en"].strip() and value["es"].strip(), key


def test_unknown_handout_is_explained() -> None:
    with pytest.raises(ValueError, match="no ES handout"):
        handouts.get("ibuprofen", "es")
