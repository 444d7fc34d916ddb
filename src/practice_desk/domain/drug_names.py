"""How a typed medication name is read: the name, and the strength and release typed with it.

"Lexapro 10 mg", "quetiapine XR", "bupropion HCl XL 300mg" and "amphetamine salts" are
read as a name plus what narrows the product; a name one letter away from a known one is
only ever offered as a suggestion ("did you mean sertraline?"), never taken for it.
Pure string work: the formulary (formulary.py) looks the cleaned name up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from practice_desk.domain.search import fold

#: Release words as labels and pharmacies write them, and what they mean here.
_EXTENDED = {"xr", "er", "xl", "sr", "cr", "la", "cd", "xr-odt", "extended-release", "24hr"}
_DELAYED = {"dr", "ec", "delayed-release"}
_DISINTEGRATING = {"odt", "disintegrating"}
#: Salt and form words that are not part of a drug's name for matching.
_SALTS = {
    "hcl",
    "hydrochloride",
    "hydrobromide",
    "hbr",
    "sodium",
    "potassium",
    "calcium",
    "magnesium",
    "carbonate",
    "citrate",
    "succinate",
    "fumarate",
    "maleate",
    "mesylate",
    "besylate",
    "tartrate",
    "bitartrate",
    "saccharate",
    "aspartate",
    "oxalate",
    "sulfate",
    "phosphate",
    "acetate",
    "bromide",
    "dihydrate",
    "monohydrate",
    "salts",
    "salt",
    "tablet",
    "tablets",
    "tab",
    "tabs",
    "capsule",
    "capsules",
    "cap",
    "caps",
    "oral",
}
# "mg", "mcg", "µg" (fold() turns the micro sign into Greek mu), "g", optionally "/mL";
# "1,000 mg" is a thousand, "0,5 mg" a half.
_STRENGTH = re.compile(
    r"(\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?|[.,]\d+)\s*(mg|mcg|µg|μg|ug|g)(\s*/\s*ml)?\b"
)
#: Device and marketing words after a brand ("Advair Diskus", "Ventolin HFA", "Lotrimin
#: AF"): "Advair" is the same product, so the brand is also found without them.
_QUALIFIERS = {
    *("hfa", "diskus", "ellipta", "handihaler", "respimat", "flexhaler", "respiclick"),
    *("digihaler", "inhub", "aerosphere", "pressair", "neohaler", "twisthaler", "inhaler"),
    *("respules", "perles", "af", "p", "pf", "ds", "forte", "allergy", "24hr", "12hr"),
    *("nasal", "spray", "cream", "ointment", "gel", "lotion", "drops", "ophthalmic"),
    *("injection", "pen", "kwikpen", "flextouch", "solostar", "flexpen", "autoinjector"),
}
_BARE_NUMBER = re.compile(r"\s(\d+(?:\.\d+)?)$")  # "Zoloft 50": a number after a name
_SCALE = {"mcg": 0.001, "µg": 0.001, "μg": 0.001, "ug": 0.001, "g": 1000.0}


class TypedName(BaseModel):
    """A typed medication name, read."""

    model_config = ConfigDict(frozen=True)

    name: str  # folded, without strength, release, salt or form words
    strength_mg: float | None = None
    release: str | None = None  # "ER", "DR", or None when not typed
    disintegrating: bool = False


def read(text: str) -> TypedName:
    """The name and what narrows it, from what was typed."""
    folded = fold(text).replace("®", "").replace("™", "")
    strength = None
    found = _STRENGTH.search(folded)
    if found:
        number = found.group(1)
        thousands = re.fullmatch(r"\d{1,3}(?:,\d{3})+", number)
        value = float(number.replace(",", "") if thousands else number.replace(",", "."))
        strength = value * _SCALE.get(found.group(2), 1.0)
        folded = folded[: found.start()] + folded[found.end() :]
    elif bare := _BARE_NUMBER.search(folded):
        strength = float(bare.group(1))
        folded = folded[: bare.start()]
    release = None
    disintegrating = False
    kept = []
    for word in re.split(r"[\s,/()]+", folded):
        if not word:
            continue
        if word in _EXTENDED:
            release = "ER"
            disintegrating = disintegrating or "odt" in word
        elif word in _DELAYED:
            release = "DR"
        elif word in _DISINTEGRATING:
            disintegrating = True
        elif word not in _SALTS and not re.fullmatch(r"[\d.,-]+", word):
            kept.append(word)
    return TypedName(
        name=" ".join(kept),
        strength_mg=strength,
        release=release,
        disintegrating=disintegrating,
    )


def stem(name: str) -> str:
    """A brand without its device or marketing words and numbers ("Advair Diskus" and
    "Kenalog-40" are "advair" and "kenalog"): another name to find it by, when no other
    drug's name has the same stem."""
    words = read(name.replace("-", " ")).name.split()
    while len(words) > 1 and words[-1] in _QUALIFIERS:
        words.pop()
    return " ".join(words)


#: What joins the ingredients of a combination as people type it: "hydrocodone/APAP",
#: "losartan-HCTZ", "amlodipine and benazepril", "olanzapine + samidorphan".
_JOINS = re.compile(r"\s*(?:/|;|\+|&|\band\b|\bwith\b|\by\b)\s*")


def ingredients(text: str) -> list[list[str]]:
    """Ways to read what was typed as a combination: the ingredient names, folded, for each
    way of splitting it (at "/", ";", "+", "and", "with", then at hyphens), each with two
    or more names. Numbers alone ("5/325 mg") are dropped."""
    folded = fold(text)
    ways = []
    for splitter in (_JOINS, re.compile(r"\s*-\s*")):
        names = [part.strip() for part in splitter.split(folded) if re.search(r"[a-z]", part)]
        if len(names) >= 2:
            ways.append(names)
    return ways


def distance(a: str, b: str, most: int) -> int:
    """Edit distance (insert, delete, change, swap two neighbours), or most + 1 once over."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > most:
            return most + 1
        previous2, previous = previous, row
    return previous[-1]


def near(typed: str, names: Iterable[str]) -> list[tuple[int, str]]:
    """Known names one slip away (one letter added, dropped or changed, or two swapped)
    from what was typed; none for names under 4 letters, where a slip makes another word.
    Two slips are not offered: "amoxapine" is a real drug, not a slip for loxapine."""
    typed = fold(typed)
    if len(typed) < 4:
        return []
    found = [(d, name) for name in names if (d := distance(typed, name, 1)) <= 1]
    return sorted(found)
