"""Allergies as the chart records them: a substance the formulary knows (a drug or a
class of drugs), or free text that no check can read, said so on screen.

Older charts hold free text such as "lamotrigine - rash (SJS)"; the substance is read from
before the first separator, so the allergy check still sees lamotrigine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from practice_desk.domain.formulary import Formulary
from practice_desk.domain.search import fold

#: What separates a substance from the reaction typed after it in one line of free text.
_SEPARATOR = re.compile(r"\s+[-–—]\s*|\s*[–—:;(,/]\s*")


@dataclass(frozen=True)
class Substance:
    """An allergy's substance as the formulary knows it."""

    kind: str  # "drug" or "class"
    key: str  # the drug id, or the class code
    name: str  # what to show: the generic name, or the class in words ("benzodiazepines")


def substance_part(text: str) -> str:
    """The substance typed before any reaction: "lamotrigine - rash (SJS)" -> "lamotrigine"."""
    return _SEPARATOR.split(text.strip(), maxsplit=1)[0].strip()


def keys(text: str) -> list[str]:
    """The readings of one allergy's text to match, the whole first."""
    found = [fold(text), fold(substance_part(text))]
    return [k for i, k in enumerate(found) if k and k not in found[:i]]


def class_words(code: str) -> str:
    """ "calcium_channel_blocker_dhp" -> "calcium channel blocker dhp"."""
    return code.replace("_", " ")


_CLASSES: dict[int, dict[str, str]] = {}


def _classes(formulary: Formulary) -> dict[str, str]:
    """Every class code and tag, by its words and their plural (kept per formulary)."""
    if id(formulary) in _CLASSES:
        return _CLASSES[id(formulary)]
    codes = {d.drug_class for d in formulary.drugs.values()}
    codes |= {t for d in formulary.drugs.values() for t in d.tags}
    found: dict[str, str] = {}
    for code in codes:
        words = class_words(code)
        found[words] = code
        found[words + "s"] = code
    _CLASSES.clear()  # one formulary is loaded at a time
    _CLASSES[id(formulary)] = found
    return found


def resolve(text: str, formulary: Formulary) -> Substance | None:
    """The drug or class an allergy names; None for free text no check can read."""
    classes = _classes(formulary)
    for key in keys(text):
        drug = formulary.find(key)
        if drug is not None:
            return Substance("drug", drug.id, drug.generic)
        code = classes.get(key)
        if code is not None:
            return Substance("class", code, class_words(code) + "s")
    return None


def choices(formulary: Formulary) -> list[str]:
    """What the allergy field offers as one types: every generic name and every class."""
    names = {d.generic for d in formulary.drugs.values()}
    classes = {class_words(code) + "s" for code in set(_classes(formulary).values())}
    return sorted(names | classes, key=fold)
