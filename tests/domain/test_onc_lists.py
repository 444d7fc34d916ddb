"""The published ONC interaction lists, restricted to pairs with a psychiatric drug.

High priority (Phansalkar et al., JAMIA 2012;19:735): at least 95% of the pairs must be
flagged at major or above. Non-interruptive (Phansalkar et al., JAMIA 2013;20:489): at most
5% may be raised to major. The pairs, how they were expanded from the papers' categories
and what is uncertain: tests/data/onc_lists.md.
"""

from __future__ import annotations

import csv
from pathlib import Path

from practice_desk.domain import formulary, safety

DATA = Path(__file__).resolve().parents[1] / "data"

#: Members of the papers' categories never marketed in the US, or withdrawn there, which a
#: US formulary rightly does not know (the papers were written for international use).
NOT_US = frozenset(
    {
        "moclobemide", "sulpiride", "levomethadyl acetate", "bepridil", "mesoridazine",
        "sparfloxacin", "grepafloxacin", "halofantrine", "probucol", "astemizole",
        "terfenadine", "cisapride", "levomethadyl", "anagrelide", "sevoflurane", "cocaine",
        "bopindolol", "bupranolol", "practolol", "tertatolol", "brotizolam", "etizolam",
        "loprazolam", "nordazepam", "cloxazolam", "ethyl loflazepate", "fludiazepam",
        "halazepam", "ketazolam", "lormetazepam", "medazepam", "nimetazepam", "pinazepam",
        "prazepam", "camazepam", "delorazepam", "tofisopam", "cinolazepam", "doxefazepam",
        "flunitrazepam", "nitrazepam", "bromazepam", "clotiazepam", "mexazolam", "oxazolam",
        "alprenolol", "befunolol", "bufuralol", "carteolol", "celiprolol", "mepindolol",
        "oxprenolol", "penbutolol", "talinolol", "tilisolol", "landiolol", "esmolol",
        "bevantolol", "levobunolol", "metipranolol", "arotinolol", "amosulalol", "epanolol",
        "zimelidine", "alaproclate", "etoperidone", "dapoxetine", "toloxatone", "pargyline",
        "nialamide", "iproniazid", "iproclozide", "safrazine",
        "dibenzepin", "dosulepin", "lofepramine", "melitracen", "opipramol", "quinupramine",
        "butriptyline", "dimetacrine", "imipramine oxide", "amineptine", "tianeptine",
        "pipofezine", "cianopramine", "dothiepin", "noxiptiline", "ketanserin",
        "aceclofenac", "lornoxicam", "nimesulide", "rofecoxib", "valdecoxib", "nitrendipine",
        "liotrix", "calcium glubionate", "ticlopidine",
    }
)  # fmt: skip


def _pairs(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r for r in rows if r["drug_a"] not in NOT_US and r["drug_b"] not in NOT_US]


def _severity(a: str, b: str) -> int:
    """The rank of the most severe alert between the two (0 for none; -1 unknown drug)."""
    data = formulary.load()
    if data.find(a) is None or data.find(b) is None:
        return -1
    ranks = {"contraindicated": 3, "major": 2, "moderate": 1}
    found = [
        ranks.get(alert.severity.value, 0)
        for alert in safety.check_names([a, b])
        if alert.kind in (safety.AlertKind.INTERACTION, safety.AlertKind.DUPLICATE)
    ]
    return max(found, default=0)


def test_high_priority_pairs_with_a_psychiatric_drug_are_flagged_major() -> None:
    pairs = _pairs("onc_high_priority_psych.csv")
    assert len(pairs) >= 300
    missed = [
        (r["category"], r["drug_a"], r["drug_b"], s)
        for r in pairs
        if (s := _severity(r["drug_a"], r["drug_b"])) < 2
    ]
    assert len(missed) <= len(pairs) * 0.05, f"{len(missed)}/{len(pairs)} below major: {missed}"


def test_non_interruptive_pairs_are_rarely_raised_to_major() -> None:
    pairs = _pairs("onc_noninterruptive_psych.csv")
    assert len(pairs) >= 100
    unknown = [(r["drug_a"], r["drug_b"]) for r in pairs if _severity(r["drug_a"], r["drug_b"]) < 0]
    assert len(unknown) <= len(pairs) * 0.02, f"not recognised: {unknown}"
    raised = [
        (r["category"], r["drug_a"], r["drug_b"])
        for r in pairs
        if _severity(r["drug_a"], r["drug_b"]) >= 2
    ]
    assert len(raised) <= len(pairs) * 0.05, f"{len(raised)}/{len(pairs)} raised: {raised}"
