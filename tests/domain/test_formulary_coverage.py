"""Coverage: the formulary knows the drugs on a real US medication list.

The list is the 300 most prescribed US outpatient drugs of 2023 (ClinCalc DrugStats, from
MEPS; see tests/data/top300_us.md). At least 98% must be recognised both by the generic
name as the list writes it (combinations as "acetaminophen; hydrocodone") and by a brand.
"""

from __future__ import annotations

import csv
from pathlib import Path

from practice_desk.domain import formulary, safety

TOP300 = Path(__file__).resolve().parents[1] / "data" / "top300_us.csv"


def _rows() -> list[dict[str, str]]:
    with TOP300.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_list_is_the_whole_top_300() -> None:
    rows = _rows()
    assert len(rows) == 300 and {int(r["rank"]) for r in rows} == set(range(1, 301))


def test_at_least_98_percent_of_the_top_300_are_recognised_by_generic_name() -> None:
    data = formulary.load()
    missing = [r["generic"] for r in _rows() if data.find(r["generic"]) is None]
    assert len(missing) <= 6, f"{len(missing)} not recognised: {missing}"


def test_at_least_98_percent_of_the_top_300_are_recognised_by_brand() -> None:
    data = formulary.load()
    branded = [r for r in _rows() if r["brand"]]
    missing = [r["brand"] for r in branded if data.find(r["brand"]) is None]
    assert len(missing) <= len(branded) * 0.02, f"{len(missing)} not recognised: {missing}"


def test_a_brand_and_its_generic_are_the_same_drug() -> None:
    """Recognised is not enough: Norco must be hydrocodone with acetaminophen, not
    something else that happens to share a word."""
    data = formulary.load()
    wrong = []
    for row in _rows():
        by_generic, by_brand = data.find(row["generic"]), data.find(row["brand"] or "-")
        if by_generic and by_brand and by_generic.id != by_brand.id:
            # A combination's brand may be filed under the combination, its generic
            # under the same combination: anything else is a wrong match.
            wrong.append((row["generic"], by_generic.id, row["brand"], by_brand.id))
    assert len(wrong) <= 6, wrong


def test_a_real_list_is_checked_not_waved_through() -> None:
    """Ten of the top 300 on one list: none comes back "not checked"."""
    names = ["atorvastatin", "metformin", "levothyroxine", "omeprazole", "metoprolol",
             "amlodipine", "Norco", "Zyrtec", "albuterol", "vitamin D3"]  # fmt: skip
    alerts = safety.check_names(names)
    assert [a.message for a in alerts if a.kind is safety.AlertKind.NOT_CHECKED] == []
