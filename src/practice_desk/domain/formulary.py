"""The formulary data pack: drugs, products and interaction rules, with their sources.

The data lives in ``resources/formulary/*.toml`` (one ``[[drug]]`` table per drug, one
``[[rule]]`` per interaction rule), is validated here when first loaded and then kept.
Every entry names its source; see ``resources/formulary/README.md``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from practice_desk.domain import drug_names, wording
from practice_desk.domain.search import fold


class Form(StrEnum):
    TABLET = "tablet"
    CAPSULE = "capsule"
    ODT = "odt"  # orally disintegrating tablet
    CHEWABLE = "chewable"
    SUBLINGUAL = "sublingual"
    FILM = "film"
    SOLUTION = "solution"
    SUSPENSION = "suspension"
    CONCENTRATE = "concentrate"
    SYRUP = "syrup"
    PATCH = "patch"
    INJECTION = "injection"
    SPRAY = "spray"
    OTHER = "other"


LIQUID_FORMS = frozenset({Form.SOLUTION, Form.SUSPENSION, Form.CONCENTRATE, Form.SYRUP})


class Release(StrEnum):
    IMMEDIATE = "IR"
    EXTENDED = "ER"
    DELAYED = "DR"


#: A controlled substance's DEA schedule ("" when not controlled). Not a dosing schedule:
#: that is regimens.DoseSchedule.
DeaSchedule = Literal["", "II", "III", "IV", "V"]


class InteractionSeverity(StrEnum):
    CONTRAINDICATED = "contraindicated"
    MAJOR = "major"
    MODERATE = "moderate"

    @property
    def rank(self) -> int:
        return {"contraindicated": 3, "major": 2, "moderate": 1}[self.value]


#: Tags a rule may name. Kept closed so that a typo in a data file fails loudly.
TAGS = frozenset(
    {
        "serotonergic",
        "maoi",
        "qt_risk",
        "qt_tdp_label",
        "cns_depressant",
        "sympathomimetic",
        "bleeding_risk",
        "anticholinergic",
        "lowers_seizure_threshold",
        "nephrotoxic_or_lithium_raising",
        "cyp1a2_strong_inhibitor",
        "cyp1a2_moderate_inhibitor",
        "cyp1a2_inducer",
        "cyp2c19_strong_inhibitor",
        "cyp2c19_moderate_inhibitor",
        "cyp2d6_strong_inhibitor",
        "cyp2d6_moderate_inhibitor",
        "cyp3a4_strong_inhibitor",
        "cyp3a4_moderate_inhibitor",
        "cyp3a4_strong_inducer",
        "cyp3a4_moderate_inducer",
        "cyp1a2_substrate",
        "cyp2d6_substrate",
        "cyp3a4_substrate",
        "ugt_inducer",
        "opioid",
        "benzodiazepine_like",
        "antipsychotic",
        "antidepressant",
        "stimulant",
        "controlled",
    }
)


#: Facts about the patient a rule may name as ``patient:<flag>``.
PATIENT_FLAGS = frozenset({"smoker", "stopped_smoking", "older_adult", "qt_risk_factor"})
#: For this many days after a patient stops smoking, CYP1A2 induction is wearing off and
#: clozapine and olanzapine levels are rising (induction fades over about a week; levels
#: settle over several; Clozaril label, smoking cessation).
STOPPED_SMOKING_DAYS = 56
#: From this age a patient is an older adult for rules that say so (AGS Beers Criteria).
OLDER_ADULT_AGE = 65


class Product(BaseModel):
    """One form and strength the pharmacy can dispense."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    form: Form
    strength_mg: float = Field(gt=0)
    release: Release = Release.IMMEDIATE
    #: Has a score line.
    scored: bool = False
    #: The label (or common practice for a scored IR tablet) allows splitting.
    splittable: bool = False
    #: Scored in quarters (or the label allows quartering).
    quarters: bool = False
    #: Products in different groups are not interchangeable mg for mg (e.g. Zubsolv and
    #: Suboxone): a taper keeps to one group.
    group: str = ""
    #: For liquids: mg per mL. ``strength_mg`` is then the amount in ``per_ml``.
    mg_per_ml: float | None = Field(None, gt=0)
    #: Made up by a pharmacy for one patient (a taper's compounded liquid), not marketed.
    compounded: bool = False
    #: The brand or product name it is sold under ("Concerta"), printed with it; "" for a
    #: plain generic.
    name: str = ""
    #: Long-acting injections: the days between doses the label allows (Invega Sustenna 28).
    interval_days: tuple[int, ...] = ()
    #: A ceiling of this product's own where it differs from the drug's (bupropion SR
    #: 400 mg/day against XL 450; clonidine ER 0.4 against IR 2.4).
    max_daily_mg: float | None = Field(None, gt=0)
    note: str = ""

    @model_validator(mode="after")
    def _liquid_has_concentration(self) -> Product:
        if (self.form in LIQUID_FORMS) != (self.mg_per_ml is not None):
            raise ValueError("liquids (and only liquids) give mg_per_ml")
        if (
            self.mg_per_ml is not None
            and abs(self.mg_per_ml * 10 - round(self.mg_per_ml * 10)) > 1e-9
        ):
            # Doses are whole micrograms: 0.01 mL of a whole tenth of a mg/mL is one.
            raise ValueError("mg_per_ml must be a whole number of tenths of a mg per mL")
        if self.splittable and (
            self.release is not Release.IMMEDIATE or self.form is not Form.TABLET
        ):
            raise ValueError("only immediate-release tablets may be marked splittable")
        if self.quarters and not self.splittable:
            raise ValueError("a tablet that may be quartered must be splittable")
        if self.interval_days and self.form is not Form.INJECTION:
            raise ValueError("only injections have an interval between doses")
        if any(days < 1 for days in self.interval_days):
            raise ValueError("an interval is a whole number of days, at least 1")
        return self

    @property
    def is_liquid(self) -> bool:
        return self.mg_per_ml is not None

    def same_as(self, other: Product) -> bool:
        """The same thing to take (form, strength, release, concentration, group), whatever
        a later formulary release added to its description."""
        keys = ("form", "strength_mg", "release", "mg_per_ml", "group", "compounded")
        return all(getattr(self, k) == getattr(other, k) for k in keys)

    def title(self, language: Literal["en", "es"] = "en") -> str:
        """What is prescribed, for people: the product's own name with its label
        ("Concerta 36 mg ER tablet"; "Invega Trinza 546 mg injection every 91 days")."""
        text = f"{self.name} {self.label(language)}" if self.name else self.label(language)
        if self.interval_days:
            days = (" o " if language == "es" else " or ").join(map(str, self.interval_days))
            text += f" cada {days} días" if language == "es" else f" every {days} days"
        return text

    def label(self, language: Literal["en", "es"] = "en") -> str:
        """The form and strength, the product's identity in plans and orders."""
        return wording.product_label(
            self.strength_mg,
            self.form.value,
            self.release.value,
            self.mg_per_ml,
            language,
            compounded=self.compounded,
        )


class Ceiling(BaseModel):
    """A lower (or higher) daily maximum while another drug is taken: lamotrigine with
    valproate, which halves its clearance."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    with_: str = Field(alias="with")  # a drug id, class:<class> or tag:<tag>
    max_daily_mg: float = Field(gt=0)
    note: str = ""


class Drug(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    generic: str
    brands: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    drug_class: str = Field(alias="class", pattern=r"^[a-z0-9_]+$")
    psychiatric: bool
    schedule: DeaSchedule = ""
    half_life: str = ""  # as the label gives it, e.g. "26 h (desmethyl metabolite 62-104 h)"
    half_life_hours: float | None = Field(None, gt=0)  # the parent drug, for washout arithmetic
    max_daily_mg: float | None = Field(None, gt=0)
    geriatric_max_daily_mg: float | None = Field(None, gt=0)
    #: The age the geriatric maximum starts at, where the label does not say 65
    #: (citalopram: "greater than 60 years" is 61 and over).
    geriatric_from_age: int = Field(65, ge=18, le=100)
    max_note: str = ""
    #: Other maxima while another drug is taken; the first that applies wins.
    ceilings: tuple[Ceiling, ...] = ()
    tags: frozenset[str] = frozenset()
    monitoring: tuple[str, ...] = ()
    handout: str = ""
    pregnancy_warning: str = ""  # boxed-warning text in our words, when the label has one
    #: What the label (8.1) and registries say about use in pregnancy, in our words; shown
    #: when the chart records a pregnancy.
    pregnancy_note: str = ""
    #: What the label (8.2) and LactMed say about breastfeeding; shown when the chart
    #: records breastfeeding.
    lactation_note: str = ""
    products: tuple[Product, ...] = ()
    #: A combination product's ingredients, by drug id: the combination meets every rule
    #: its ingredients meet (hydrocodone / acetaminophen is an opioid).
    components: tuple[str, ...] = ()
    #: Anticholinergic Cognitive Burden score, 0-3 (Boustani 2008; ACB 2012 update).
    acb_score: int = Field(0, ge=0, le=3)
    source: str = Field(min_length=10)
    status: Literal["V", "S", "L"] = "L"
    last_verified: date

    @field_validator("tags")
    @classmethod
    def _known_tags(cls, value: frozenset[str]) -> frozenset[str]:
        unknown = value - TAGS
        if unknown:
            raise ValueError(f"unknown tags {sorted(unknown)}")
        return value

    @property
    def names(self) -> tuple[str, ...]:
        return (self.generic, *self.brands, *self.synonyms)

    @property
    def local(self) -> bool:
        """Used on the eye, ear, skin or in the mouth only (class ``topical_*``): the
        systemic rules of a combination's ingredients do not reach it."""
        return self.drug_class.startswith("topical_")


class Rule(BaseModel):
    """An interaction between anything matching ``a`` and anything matching ``b``.

    Each side lists drug ids, ``class:<class>`` or ``tag:<tag>``. ``unless`` names drug
    ids or classes for which the rule does not fire (accepted combinations).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    a: tuple[str, ...] = Field(min_length=1)
    b: tuple[str, ...] = Field(min_length=1)
    unless: tuple[str, ...] = ()
    severity: InteractionSeverity
    reason: str = Field(min_length=10)
    action: str = Field(min_length=5)
    #: When one side was stopped within this many days, the rule still applies.
    washout_days: int | None = Field(None, ge=0)
    #: Longer (or shorter) washouts after stopping particular drugs, by drug id.
    washout_after: dict[str, int] = Field(default_factory=dict)
    #: The rule applies only to a patient with these facts ("patient:older_adult").
    when: tuple[str, ...] = ()
    source: str = Field(min_length=5)
    status: Literal["V", "S", "L"] = "L"


class Formulary(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    date: date
    #: Two drugs of one of these classes (or sharing one of these tags) are duplicate therapy.
    duplicate_classes: frozenset[str] = frozenset()
    duplicate_tags: frozenset[str] = frozenset()
    drugs: dict[str, Drug]
    rules: tuple[Rule, ...]
    #: Other names to find a drug by: brands without their device words ("advair" for
    #: Advair Diskus), worked out by tools/build_formulary.py where only one drug has them.
    aliases: dict[str, str] = Field(default_factory=dict)
    #: Every name folded (case and accents aside) to its drug id, as the build tool wrote
    #: it (worked out here when absent): folding a thousand drugs' names on every start
    #: would cost more than reading them.
    names: dict[str, str] = Field(default_factory=dict)
    _by_name: dict[str, Drug] = PrivateAttr(default_factory=dict)
    _by_length: dict[int, list[str]] = PrivateAttr(default_factory=dict)
    _suggested: dict[str, str | None] = PrivateAttr(default_factory=dict)
    _by_parts: dict[frozenset[str], Drug] = PrivateAttr(default_factory=dict)
    _sides: dict[str, tuple[frozenset[int], frozenset[int]]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _references_resolve(self) -> Formulary:
        classes = frozenset(d.drug_class for d in self.drugs.values())
        for rule in self.rules:
            for ref in (*rule.a, *rule.b, *rule.unless, *rule.when):
                if not known_reference(ref, self.drugs, classes):
                    raise ValueError(f"rule {rule.id} names {ref!r}, which is not in the formulary")
            for drug_id in rule.washout_after:
                if drug_id not in self.drugs:
                    raise ValueError(f"rule {rule.id} washout names unknown drug {drug_id!r}")
        for drug in self.drugs.values():
            for ceiling in drug.ceilings:
                if not known_reference(ceiling.with_, self.drugs, classes):
                    raise ValueError(f"{drug.id} ceiling names unknown {ceiling.with_!r}")
            for part in drug.components:
                if part not in self.drugs or self.drugs[part].components:
                    raise ValueError(f"{drug.id} names {part!r}, which is not a single drug")
        return self

    def model_post_init(self, context: object) -> None:
        drugs = self.drugs
        self._by_name = {k: drugs[v] for k, v in (self.names or name_index(drugs)).items()}
        self._by_parts = {frozenset(d.components): d for d in drugs.values() if d.components}

    def find(self, name: str) -> Drug | None:
        """A drug by id, generic name, brand or synonym, ignoring case and accents, and the
        strength, release and salt words typed with it ("Lexapro 10 mg", "quetiapine XR").
        A combination is found by its ingredients in any order ("APAP/hydrocodone 5/325").
        A misspelt name is not found: see suggest()."""
        return self._single(name) or self._combination(name)

    def _single(self, name: str) -> Drug | None:
        found = self.exact(name) or self._by_name.get(drug_names.read(name).name)
        if found is None and (alias := self.aliases.get(drug_names.stem(name))):
            found = self.drugs.get(alias)
        return found

    def _combination(self, name: str) -> Drug | None:
        for names in drug_names.ingredients(name):
            parts = [self._single(n) for n in names]
            if all(p is not None and not p.components for p in parts):
                ids = frozenset(p.id for p in parts if p is not None)
                if len(ids) == 1:  # one drug named with its salts ("X; X lipase")
                    return self.drugs[next(iter(ids))]
                found = self._by_parts.get(ids)
                if found is not None:
                    return found
        return None

    def exact(self, name: str) -> Drug | None:
        """A drug by id, generic name, brand or synonym exactly as written (case and
        accents aside): "Zoloft XR" is not a name, though find() reads it as Zoloft."""
        return self.drugs.get(name) or self._by_name.get(fold(name))

    def products_for(self, name: str) -> tuple[Product, ...]:
        """The products of the drug named that fit the strength and release typed with it
        (all its products when none was typed; none when the drug is not found)."""
        drug = self.find(name)
        if drug is None:
            return ()
        typed = drug_names.read(name)
        named = fold(name)
        per_ml = "/ml" in named.replace(" ", "")
        # A brand that is itself an extended-release product ("Seroquel XR") narrows too.
        release = typed.release or ("ER" if re.search(r"\b(xr|xl|er|sr|cr|la)\b", named) else None)
        found = tuple(
            p
            for p in drug.products
            if (release is None or p.release.value == release)
            and (not typed.disintegrating or p.form is Form.ODT)
            and _strength_fits(p, typed.strength_mg, per_ml=per_ml)
        )
        # A brand that names its own products ("Kapvay"), and "bupropion SR" (the SR
        # products, not every extended-release one).
        own = tuple(p for p in found if p.name and fold(p.name) in (named, typed.name))
        words = set(re.findall(r"\b(xr|xl|er|sr|cr|la|cd|pm)\b", named))
        named_like = tuple(p for p in found if words & set(fold(p.name).split()))
        return own or named_like or found

    def suggest(self, name: str) -> Drug | None:
        """The one drug whose name is a slip away from what was typed (for "did you mean
        ...?"), or None when none is, or two different drugs are equally near (memoised)."""
        typed = drug_names.read(name).name
        if typed not in self._suggested:
            reach = range(len(typed) - 1, len(typed) + 2)
            if not self._by_length:
                for folded in self._by_name:
                    self._by_length.setdefault(len(folded), []).append(folded)
            names = [n for size in reach for n in self._by_length.get(size, ())]
            near = drug_names.near(typed, names)
            best = near[0][0] if near else 0
            drugs = {self._by_name[n].id for d, n in near if d == best}
            self._suggested[typed] = drugs.pop() if len(drugs) == 1 else None
        found = self._suggested[typed]
        return self.drugs[found] if found else None

    def rule_sides(self, drug: Drug) -> tuple[frozenset[int], frozenset[int]]:
        """Indexes of the rules whose side a, and side b, the drug matches (memoised)."""
        if drug.id not in self._sides:
            side_a = {
                i for i, r in enumerate(self.rules) if any(self.matches(drug, x) for x in r.a)
            }
            side_b = {
                i for i, r in enumerate(self.rules) if any(self.matches(drug, x) for x in r.b)
            }
            self._sides[drug.id] = (frozenset(side_a), frozenset(side_b))
        return self._sides[drug.id]

    def matches(self, drug: Drug, ref: str) -> bool:
        """The drug, or one of a combination's ingredients, is what ``ref`` names."""
        return _matches(drug, ref) or (
            not drug.local and any(_matches(self.drugs[part], ref) for part in drug.components)
        )

    def ingredients(self, drug: Drug) -> tuple[Drug, ...]:
        """The single drugs taken with it: its components, or the drug itself."""
        return tuple(self.drugs[p] for p in drug.components) or (drug,)


def _matches(drug: Drug, ref: str) -> bool:
    kind, _, name = ref.partition(":")
    if not name:
        return drug.id == ref
    if kind == "class":
        return drug.drug_class == name
    if kind == "tag":
        return name in drug.tags
    return False  # patient flags are matched by the safety engine


def name_index(drugs: Mapping[str, Drug]) -> dict[str, str]:
    """Every name of every drug, folded, to the drug's id (the first drug to have it)."""
    index: dict[str, str] = {}
    for drug in drugs.values():
        for name in drug.names:
            index.setdefault(fold(name), drug.id)
    return index


def known_reference(ref: str, drugs: Mapping[str, Drug], classes: frozenset[str]) -> bool:
    """A rule reference names something that exists: a drug id, ``class:<class>``,
    ``tag:<tag>`` or ``patient:<flag>``."""
    kind, _, name = ref.partition(":")
    if not name:
        return ref in drugs
    return {
        "class": name in classes,
        "tag": name in TAGS,
        "patient": name in PATIENT_FLAGS,
    }.get(kind, False)


def _strength_fits(product: Product, strength_mg: float | None, *, per_ml: bool) -> bool:
    """A typed strength ("10 mg", or "20 mg/mL" for a liquid) names this product."""
    if strength_mg is None:
        return True
    if per_ml:
        return product.mg_per_ml == strength_mg
    return not product.is_liquid and product.strength_mg == strength_mg


def _num(value: float) -> str:
    return f"{value:g}"


def read_resource(name: str) -> dict[str, Any]:
    """A TOML file of the formulary data pack, parsed."""
    folder = resources.files("practice_desk.resources").joinpath("formulary")
    return tomllib.loads(folder.joinpath(name).read_text("utf-8"))


@cache
def load() -> Formulary:
    """The shipped formulary, validated once per process.

    The app reads ``compiled.json``, which ``tools/build_formulary.py`` writes from the
    reviewed sources (``drugs-*.toml``, ``catalogue/*.csv``, ``interactions.toml``); a test
    fails when it is out of date with them.
    """
    folder = resources.files("practice_desk.resources").joinpath("formulary")
    return Formulary.model_validate_json(folder.joinpath("compiled.json").read_bytes())
