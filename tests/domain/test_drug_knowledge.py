"""Drug knowledge beyond pairs: product ceilings, co-medication ceilings, combinations and
brand stems, whole-list loads, and pregnancy and breastfeeding notes."""

from __future__ import annotations

from datetime import date

import pytest

from practice_desk.domain import formulary
from practice_desk.domain.formulary import Drug
from practice_desk.domain.list_checks import is_pregnant, pregnancy_notes
from practice_desk.domain.safety import AlertKind, check_names


def _max_dose(names: list[str], doses: list[float | None], age: int | None = None) -> list[str]:
    return [
        a.message
        for a in check_names(names, daily_mg=doses, age=age)
        if a.kind is AlertKind.MAX_DOSE
    ]


@pytest.mark.parametrize(
    ("names", "doses", "limit"),
    [
        # Lamotrigine: 400 alone, 200 with valproate, 500 with an inducer (label).
        (["lamotrigine"], [400, None], None),
        (["lamotrigine"], [401, None], "400 mg a day."),
        (["lamotrigine", "valproate"], [200, None], None),
        (["lamotrigine", "valproate"], [201, None], "200 mg a day taken with valproate"),
        (["lamotrigine", "carbamazepine"], [500, None], None),
        (["lamotrigine", "carbamazepine"], [501, None], "500 mg a day taken with carbamaz"),
        # Bupropion: SR 400, XL 450.
        (["bupropion SR"], [400], None),
        (["bupropion SR"], [401], "400 mg a day for the Wellbutrin SR tablet"),
        (["bupropion XL"], [450], None),
        (["bupropion XL"], [451], "450 mg a day"),
        # Clonidine: the ADHD extended-release product 0.4; plain clonidine up to 2.4.
        (["Kapvay"], [0.4], None),
        (["Kapvay"], [0.5], "0.4 mg a day"),
        (["clonidine"], [0.6], None),
    ],
)
def test_a_ceiling_follows_the_product_and_the_other_drugs(
    names: list[str], doses: list[float | None], limit: str | None
) -> None:
    found = _max_dose(names, doses[: len(names)])
    if limit is None:
        assert found == []
    else:
        assert len(found) == 1 and limit in found[0], found


def test_a_product_prints_its_own_name_and_an_injection_its_interval() -> None:
    data = formulary.load()
    concerta = next(p for p in data.drugs["methylphenidate"].products if p.name == "Concerta")
    assert concerta.title().startswith("Concerta ") and "ER tablet" in concerta.title()
    assert concerta.label() == concerta.title().removeprefix("Concerta ")  # identity unchanged
    trinza = next(p for p in data.drugs["paliperidone"].products if p.name == "Invega Trinza")
    assert trinza.title().endswith("every 91 days")
    assert "cada 91 días" in trinza.title("es")


@pytest.mark.parametrize(
    ("typed", "drug_id"),
    [
        ("Advair", "fluticasone_salmeterol"),  # Advair Diskus without its device word
        ("Ventolin", "albuterol"),
        ("Toprol XL", "metoprolol"),
        ("hydrocodone/APAP 5/325", "hydrocodone_acetaminophen"),
        ("acetaminophen; hydrocodone", "hydrocodone_acetaminophen"),
        ("lisinopril-HCTZ", "lisinopril_hydrochlorothiazide"),
        ("dextroamphetamine; amphetamine", "amphetamine_salts"),
        ("amphetamine salts", "amphetamine_salts"),
        ("Adderall XR 20 mg", "amphetamine_salts"),
        ("selegiline", "selegiline"),  # the tablets; the patch is Emsam
        ("Emsam", "selegiline_transdermal"),
    ],
)
def test_names_as_people_write_them(typed: str, drug_id: str) -> None:
    found = formulary.load().find(typed)
    assert found is not None and found.id == drug_id, (typed, found and found.id)


def test_a_misspelt_catalogue_name_is_only_suggested() -> None:
    data = formulary.load()
    assert data.find("atorvastatn") is None
    suggestion = data.suggest("atorvastatn")
    assert suggestion is not None and suggestion.id == "atorvastatin"


def _drug(**extra: object) -> Drug:
    base = {
        "id": "testdrug",
        "generic": "testdrug",
        "class": "ssri",
        "psychiatric": True,
        "source": "a made-up drug for tests",
        "last_verified": date(2026, 12, 2),
    }
    return Drug.model_validate(base | extra)


@pytest.mark.parametrize(
    ("codes", "pregnant"),
    [(["O26.891"], True), (["Z33.1"], True), (["Z34.01"], True), (["Z3A.12"], True),
     (["Z33.2"], False), (["F32.1"], False), ([], False)],
)  # fmt: skip
def test_pregnancy_is_read_from_the_diagnoses(codes: list[str], pregnant: bool) -> None:
    assert is_pregnant(codes) is pregnant


def test_pregnancy_and_breastfeeding_notes_show_only_when_recorded() -> None:
    drug = _drug(pregnancy_note="Registry data are reassuring.", lactation_note="Low in milk.")
    assert pregnancy_notes([drug], ["F32.1"]) == []
    [pregnancy] = pregnancy_notes([drug], ["Z34.00"])
    assert pregnancy.message == "Pregnancy: testdrug: Registry data are reassuring."
    [lactation] = pregnancy_notes([drug], ["Z39.1"])
    assert lactation.message == "Breastfeeding: testdrug: Low in milk."
    assert len(pregnancy_notes([drug, drug], ["Z34.00", "Z39.1"])) == 2  # once per drug
    assert pregnancy_notes([_drug()], ["Z34.00", "Z39.1"]) == []  # no notes, no alert


def test_a_recorded_pregnancy_raises_a_boxed_pregnancy_warning() -> None:
    kinds = {(a.kind, a.severity.value) for a in check_names(["valproate"], diagnoses=["Z34.00"])}
    assert (AlertKind.PREGNANCY, "major") in kinds
    assert AlertKind.PREGNANCY not in {a.kind for a in check_names(["valproate"])}


def test_every_prescribable_psychiatric_drug_has_pregnancy_and_breastfeeding_notes() -> None:
    missing = [
        d.id
        for d in formulary.load().drugs.values()
        if d.psychiatric and d.products and not (d.pregnancy_note and d.lactation_note)
    ]
    assert missing == []


def test_a_pregnant_patients_list_shows_each_drugs_pregnancy_note() -> None:
    alerts = check_names(["sertraline", "lamotrigine"], diagnoses=["Z34.00"])
    notes = [a.message for a in alerts if a.message.startswith("Pregnancy: ")]
    assert [n.split(":")[1].strip() for n in notes] == ["sertraline", "lamotrigine"]
    assert not [a for a in alerts if a.message.startswith("Breastfeeding: ")]


@pytest.mark.parametrize(
    ("typed", "drug_id"),
    [
        ("Abilify Maintena", "aripiprazole"), ("Abilify Asimtufii", "aripiprazole"),
        ("Aristada", "aripiprazole_lauroxil"), ("Invega Sustenna", "paliperidone"),
        ("Invega Trinza", "paliperidone"), ("Invega Hafyera", "paliperidone"),
        ("Erzofri", "paliperidone"), ("Risperdal Consta", "risperidone"),
        ("Uzedy", "risperidone"), ("Rykindo", "risperidone"), ("Perseris", "risperidone"),
        ("Zyprexa Relprevv", "olanzapine"), ("haloperidol decanoate", "haloperidol"),
        ("fluphenazine decanoate", "fluphenazine"), ("Vivitrol", "naltrexone"),
        ("Sublocade", "buprenorphine"), ("Brixadi", "buprenorphine"),
    ],
)  # fmt: skip
def test_every_long_acting_injection_is_recognised(typed: str, drug_id: str) -> None:
    found = formulary.load().find(typed)
    assert found is not None and found.id == drug_id


def test_a_long_acting_injection_carries_its_interval() -> None:
    data = formulary.load()
    intervals = {p.name: p.interval_days for d in data.drugs.values() for p in d.products if p.name}
    assert intervals["Invega Sustenna"] == (28,)
    assert intervals["Invega Hafyera"] == (182,)
    assert intervals["Risperdal Consta"] == (14,)
    assert set(intervals["Zyprexa Relprevv"]) <= {14, 28}
