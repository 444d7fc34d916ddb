"""The formulary build tool: the app's compiled.json is the reviewed sources, validated.

Bad source lines are reported with their file and line, combinations take on their
ingredients' rules, and the change table records what each release added, removed and
changed.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from practice_desk.domain import formulary, safety
from practice_desk.domain.formulary import Formulary

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_formulary", ROOT / "tools" / "build_formulary.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
HEADER = ",".join(TOOL.HEADER)
GOOD = (
    "fakodone,fakodone,Fakocet,,opioid,false,II,opioid;cns_depressant;controlled,,0,"
    "FDA label Fakocet (fakodone) - a made-up test drug,L,2026-12-02"
)
COMBO = (
    "fakodone_sertraline,fakodone / sertraline,Fakozol,,opioid,false,II,,"
    "fakodone;sertraline,0,a made-up test combination,L,2026-12-02"
)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A copy of the shipped sources to plant lines in."""
    folder = tmp_path / "formulary"
    shutil.copytree(ROOT / "resources" / "formulary", folder)
    return folder


def _plant(folder: Path, *lines: str, header: str = HEADER) -> None:
    text = "\n".join((header, *lines)) + "\n"
    (folder / "catalogue" / "test.csv").write_text(text, "utf-8")


def test_the_shipped_compiled_formulary_is_its_sources_built() -> None:
    assert TOOL.main(["--check"]) == 0, "run tools/build_formulary.py and commit the result"


def test_the_app_loads_exactly_what_the_tool_built() -> None:
    data, problems = TOOL.read_sources()
    assert problems == []
    loaded = formulary.load()
    assert set(loaded.drugs) == set(data["drugs"])
    assert [r.id for r in loaded.rules] == [r["id"] for r in data["rules"]]
    assert loaded.version == data["version"]


def test_a_good_catalogue_line_becomes_a_drug(sources: Path) -> None:
    _plant(sources, GOOD)
    data, problems = TOOL.read_sources(sources)
    assert problems == []
    drug = Formulary.model_validate(data).find("Fakocet")
    assert drug is not None and drug.id == "fakodone"
    assert drug.schedule == "II" and "opioid" in drug.tags


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (GOOD.replace("opioid;cns", "opioidd;cns"), "unknown tags"),
        (GOOD.replace(",false,", ",maybe,"), "psychiatric must be true or false"),
        (GOOD.replace(",II,", ",VI,"), "schedule"),
        (GOOD.replace(",0,FDA", ",4,FDA"), "acb_score"),
        (GOOD.replace("fakodone,fakodone", "sertraline,fakodone"), "defined twice"),
        (GOOD.replace("fakodone,fakodone", "Fako-done,fakodone"), "id"),
        (GOOD.rsplit(",", 1)[0], "expected 13 columns"),
    ],
)
def test_a_bad_catalogue_line_is_named_by_file_and_line(
    sources: Path, line: str, expected: str
) -> None:
    _plant(sources, GOOD.replace("fakodone", "okdrug").replace("Fakocet", "Okcet"), line)
    _, problems = TOOL.read_sources(sources)
    assert len(problems) == 1
    assert "test.csv:3" in problems[0] and expected in problems[0]


def test_a_wrong_header_is_refused(sources: Path) -> None:
    _plant(sources, GOOD, header=HEADER.replace("acb", "anticholinergic"))
    _, problems = TOOL.read_sources(sources)
    assert problems and "header" in problems[0]


def test_a_combination_must_name_drugs_that_exist(sources: Path) -> None:
    _plant(sources, COMBO)
    _, problems = TOOL.read_sources(sources)
    assert problems and "fakodone" in problems[0] and "not in the formulary" in problems[0]


def test_a_combination_meets_its_ingredients_rules(sources: Path) -> None:
    _plant(sources, GOOD, COMBO)
    data, problems = TOOL.read_sources(sources)
    assert problems == []
    built = Formulary.model_validate(data)
    combo = built.drugs["fakodone_sertraline"]
    # The tags of both ingredients, so tag rules (opioid + serotonergic) see it...
    assert {"opioid", "serotonergic"} <= combo.tags
    # ...and rules naming an ingredient by id see it too.
    assert built.matches(combo, "sertraline") and not built.matches(combo, "fluoxetine")
    # Found by its ingredients in any order, joined as people write them.
    for typed in ("sertraline/fakodone", "Fakodone + Zoloft 50 mg", "fakodone and sertraline"):
        assert built.find(typed) is combo, typed
    assert built.find("fakodone/fluoxetine") is None  # no such product


def test_the_change_table_records_a_release(tmp_path: Path) -> None:
    old = {"drugs": {"a": {"x": 1}, "b": {"x": 1}}, "rules": [{"id": "R1", "s": 1}]}
    new = {"drugs": {"a": {"x": 2}, "c": {"x": 1}}, "rules": [{"id": "R1", "s": 1}]}
    drugs = TOOL.diff(old, new, "drugs")
    assert drugs == {"added": ["c"], "removed": ["b"], "changed": {"a": ["x"]}}
    assert TOOL.diff(old, new, "rules") == {"added": [], "removed": [], "changed": {}}
    # A second build under the same version: adding and removing again cancels out.
    again = TOOL.merge(drugs, {"added": ["b"], "removed": ["c"], "changed": {}})
    assert again == {"added": [], "removed": [], "changed": {"a": ["x"], "b": [
        "(removed and added back)"
    ]}}  # fmt: skip
    text = TOOL.changes_markdown([{"version": "9.9", "date": "2027-01-01", "drugs": drugs,
                                   "rules": TOOL.diff(old, new, "rules")}])  # fmt: skip
    assert "## 9.9 (2027-01-01)" in text and "| c | b | a (x) |" in text


def test_compiled_json_is_one_drug_per_line_and_reads_back() -> None:
    data, _ = TOOL.read_sources()
    text = TOOL.render(data)
    assert json.loads(text) == data
    assert len(text.splitlines()) >= len(data["drugs"]) + len(data["rules"])


def test_a_combination_shares_its_ingredient_warnings_in_the_safety_check() -> None:
    """Norco is hydrocodone with acetaminophen: an acetaminophen allergy and a second
    acetaminophen product are both found in it."""
    alerts = safety.check(
        [safety.Med(name="Norco"), safety.Med(name="Tylenol")],
        patient=safety.PatientFacts(allergies=("acetaminophen",)),
    )
    allergy = [a for a in alerts if a.kind is safety.AlertKind.ALLERGY]
    assert {a.drugs for a in allergy} == {("hydrocodone_acetaminophen",), ("acetaminophen",)}
    duplicate = [a for a in alerts if a.kind is safety.AlertKind.DUPLICATE]
    assert len(duplicate) == 1 and "both contain acetaminophen" in duplicate[0].message
    # Without the shared ingredient there is no duplicate.
    other = safety.check([safety.Med(name="Norco"), safety.Med(name="ibuprofen")])
    assert not [a for a in other if a.kind is safety.AlertKind.DUPLICATE]
