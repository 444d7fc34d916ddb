"""ICD-10-CM diagnosis codes, checked against the CMS code list shipped in resources/."""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources
from typing import NamedTuple


class IcdCode(NamedTuple):
    code: str
    description: str
    billable: bool


@cache
def _codes() -> dict[str, IcdCode]:
    raw = resources.files("practice_desk.resources").joinpath("icd10cm/codes.tsv.gz").read_bytes()
    table: dict[str, IcdCode] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, leaf, description = line.split("\t", 2)
        table[code] = IcdCode(code, description, leaf == "1")
    return table


def normalise_code(text: str) -> str:
    """``f329`` -> ``F32.9``; leaves the text alone when it does not look like a code."""
    compact = text.strip().upper().replace(".", "").replace(" ", "")
    if len(compact) > 3:
        return f"{compact[:3]}.{compact[3:]}"
    return compact


def lookup(text: str) -> IcdCode | None:
    """The code's entry in ICD-10-CM, or None when it is not a code there."""
    return _codes().get(normalise_code(text))


def search(text: str, limit: int = 20) -> list[IcdCode]:
    """Codes whose code starts with, or whose description contains, every word of text."""
    needle = text.strip().lower()
    if not needle:
        return []
    by_code = lookup(needle)
    found: list[IcdCode] = [by_code] if by_code else []
    words = needle.split()
    for entry in _codes().values():
        if len(found) >= limit:
            break
        if entry is by_code:
            continue
        haystack = entry.description.lower()
        if entry.code.lower().startswith(needle) or all(w in haystack for w in words):
            found.append(entry)
    return found
