"""Medication handouts: plain-language texts per drug and language, with their sources.

Texts live in ``resources/handouts/<language>/<drug id>.toml``. They are written by the
practice's team from FDA labels and Medication Guides, aimed at a US grade-8 reading level
(measured with :func:`grade_level`).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Language = Literal["en", "es"]
LANGUAGES: tuple[Language, ...] = ("en", "es")


class Handout(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    drug_id: str
    language: Language
    title: str = Field(min_length=3)
    what_it_treats: str = Field(min_length=20)
    how_to_take: str = Field(min_length=20)
    when_it_helps: str = Field(min_length=10)
    common_side_effects: tuple[str, ...] = Field(min_length=2)
    serious_warnings: tuple[str, ...] = Field(min_length=1)
    what_to_avoid: tuple[str, ...] = Field(min_length=1)
    stopping: str = Field(min_length=20)
    call_us_if: tuple[str, ...] = Field(min_length=2)
    source: str = Field(min_length=10)
    reviewed: date

    def body_text(self) -> str:
        """All the patient-facing text, for reading-level checks and searches."""
        parts = [self.what_it_treats, self.how_to_take, self.when_it_helps, self.stopping]
        parts += [*self.common_side_effects, *self.serious_warnings, *self.what_to_avoid]
        parts += list(self.call_us_if)
        return "\n".join(parts)


def _folder(language: Language):  # type: ignore[no-untyped-def]
    return resources.files("practice_desk.resources").joinpath("handouts").joinpath(language)


@cache
def available(language: Language) -> frozenset[str]:
    """Drug ids with a handout in the language."""
    return frozenset(
        entry.name.removesuffix(".toml")
        for entry in _folder(language).iterdir()
        if entry.name.endswith(".toml")
    )


@cache
def get(drug_id: str, language: Language = "en") -> Handout:
    """The handout, or ValueError in words when there is none in that language."""
    if drug_id not in available(language):
        raise ValueError(f"There is no {language.upper()} handout for {drug_id} yet.")
    data = tomllib.loads(_folder(language).joinpath(f"{drug_id}.toml").read_text("utf-8"))
    handout = Handout.model_validate(data)
    if handout.drug_id != drug_id or handout.language != language:
        raise ValueError(
            f"The handout file for {drug_id} ({language}) names another drug or language."
        )
    return handout


# --- reading level ---------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’-][A-Za-zÀ-ÿ]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n")


def _syllables(word: str) -> int:
    word = word.lower()
    groups = re.findall(r"[aeiouyáéíóúü]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def grade_level(text: str) -> float:
    """Flesch-Kincaid grade level of English text (Kincaid et al. 1975).

    0.39 x words per sentence + 11.8 x syllables per word - 15.59. Each list item or line
    counts as a sentence, as a reader takes it.
    """
    sentences = [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]
    words = _WORD.findall(text)
    if not words or not sentences:
        return 0.0
    syllables = sum(_syllables(w) for w in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59
