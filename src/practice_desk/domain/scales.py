"""Rating scales (PHQ-9, GAD-7, AUDIT-C, ...): their definitions, scoring and flags.

Each scale is one TOML file in ``resources/scales/`` holding the instrument's own wording,
its answer options, severity bands and flag rules, each with its source, and the licence
that lets the wording ship in the app. The files are read and validated once; ``score``
turns a set of answers into a total, a band and any flags the clinician must see.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

FlagSeverity = Literal["alert", "info"]
SexKey = Literal["female", "male"]

#: Accepted spellings of ``sex``; intersex and unknown fall back to the lower cut-off.
_SEXES: dict[str, SexKey | None] = {"female": "female", "f": "female", "male": "male", "m": "male"}
_SEXES |= {"intersex": None, "unknown": None, "": None}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Option(_Frozen):
    value: int
    label: str = Field(min_length=1)


class Item(_Frozen):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    options: tuple[Option, ...] = Field(min_length=1)
    #: Unscored items (PHQ-9 item 10, AIMS 8-12) are recorded when given but optional.
    scored: bool = True
    #: Heading the item sits under on the form ("Facial and oral movements").
    group: str = ""

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(sorted(option.value for option in self.options))


class Band(_Frozen):
    min: int
    max: int
    label: str = Field(min_length=1)


class Count(_Frozen):
    """True when at least ``count`` of ``items`` were answered ``at_least`` or higher."""

    items: tuple[str, ...] = Field(min_length=1)
    at_least: int
    count: int = Field(1, ge=1)

    def met(self, answers: Mapping[str, int]) -> bool:
        return sum(answers[item] >= self.at_least for item in self.items) >= self.count


class FlagRule(_Frozen):
    """A flag raised when every condition given holds (``any_of``: at least one of them)."""

    id: str = Field(min_length=1)
    severity: FlagSeverity
    message: str = Field(min_length=1)
    source: str = Field(min_length=1)
    #: Set for sex-specific cut-offs (AUDIT-C); the rule then applies to that sex only.
    sex: SexKey | None = None
    total_at_least: int | None = None
    all_of: tuple[Count, ...] = ()
    any_of: tuple[Count, ...] = ()

    @model_validator(mode="after")
    def _has_condition(self) -> FlagRule:
        if self.total_at_least is None and not self.all_of and not self.any_of:
            raise ValueError(f"flag {self.id} has no condition")
        return self

    def fires(self, total: int, answers: Mapping[str, int]) -> bool:
        return (
            (self.total_at_least is None or total >= self.total_at_least)
            and all(count.met(answers) for count in self.all_of)
            and (not self.any_of or any(count.met(answers) for count in self.any_of))
        )


class Flag(_Frozen):
    id: str
    severity: FlagSeverity
    message: str


class Scale(_Frozen):
    """A whole instrument as the UI shows it: stem, items, options, and how it is scored."""

    id: str = Field(pattern=r"^[a-z0-9]+$")
    short_name: str = Field(min_length=1)
    title: str = Field(min_length=1)
    version: str = Field(min_length=1)
    description: str = Field(min_length=1)
    source: str = Field(min_length=1)
    licence: str = Field(min_length=1)
    licence_source: str = Field(min_length=1)
    instructions: str = Field(min_length=1)
    scoring: str = Field(min_length=1)
    #: Options shared by every item that does not list its own (empty when all differ).
    options: tuple[Option, ...] = ()
    items: tuple[Item, ...] = Field(min_length=1)
    bands: tuple[Band, ...] = ()
    bands_source: str = ""
    flags: tuple[FlagRule, ...] = ()
    #: For scales without bands: the flag whose presence makes the band "positive screen".
    screen_flag: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shared_options(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("options"):
            shared = data["options"]
            items = [{"options": shared, **item} for item in data.get("items", [])]
            data = {**data, "items": items}
        return data

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scored)

    @property
    def min_total(self) -> int:
        return sum(item.values[0] for item in self.scored_items)

    @property
    def max_total(self) -> int:
        return sum(item.values[-1] for item in self.scored_items)

    @model_validator(mode="after")
    def _consistent(self) -> Scale:
        ids = [item.id for item in self.items]
        if len(set(ids)) != len(ids) or not self.scored_items:
            raise ValueError(f"{self.id}: item ids repeat, or no item is scored")
        for item in self.items:  # answers run in steps of one, so "0 to 3" describes them
            if item.values != tuple(range(item.values[0], item.values[-1] + 1)):
                raise ValueError(f"{self.id}: item {item.id} values are not consecutive")
        start = self.min_total  # bands must tile min_total..max_total with no gap or overlap
        for band in self.bands:
            if band.min != start or band.max < band.min:
                raise ValueError(f"{self.id}: band {band.label!r} leaves a gap or overlaps")
            start = band.max + 1
        if self.bands and start != self.max_total + 1:
            raise ValueError(f"{self.id}: the bands stop short of the maximum total")
        scored = {item.id for item in self.scored_items}
        for rule in self.flags:
            named = {i for count in (*rule.all_of, *rule.any_of) for i in count.items}
            if not named <= scored:
                raise ValueError(f"{self.id}: flag {rule.id} names unscored or unknown items")
        if self.screen_flag is not None and self.screen_flag not in {r.id for r in self.flags}:
            raise ValueError(f"{self.id}: screen_flag {self.screen_flag} is not a flag")
        return self


class ScaleInfo(_Frozen):
    """One line of the scale picker."""

    id: str
    short_name: str
    title: str
    description: str
    item_count: int
    max_total: int


class ScaleResult(_Frozen):
    scale_id: str
    total: int
    max_total: int
    #: Severity band ("moderately severe"), "positive screen"/"negative screen", or "".
    band: str
    #: Alerts first, then information.
    flags: tuple[Flag, ...]
    #: Every answer given, scored or not, by item id: what the record should keep.
    answers: dict[str, int]


@cache
def _scales() -> dict[str, Scale]:
    folder = resources.files("practice_desk.resources").joinpath("scales")
    found: dict[str, Scale] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        scale = Scale.model_validate(tomllib.loads(entry.read_text(encoding="utf-8")))
        if scale.id != entry.name.removesuffix(".toml"):
            raise ValueError(f"{entry.name} defines scale {scale.id!r}; the names must match")
        found[scale.id] = scale
    return found


def available() -> list[ScaleInfo]:
    """Every scale shipped with the app, ordered by id."""
    shown = {"id", "short_name", "title", "description"}
    return [
        ScaleInfo(
            item_count=len(s.scored_items), max_total=s.max_total, **s.model_dump(include=shown)
        )
        for s in _scales().values()
    ]


def get(scale_id: str) -> Scale:
    """The full definition of one scale; "PHQ-9" and "phq9" both name the PHQ-9."""
    scales = _scales()
    key = scale_id.strip().lower().replace("-", "") if isinstance(scale_id, str) else ""
    if key not in scales:
        names = ", ".join(s.short_name for s in scales.values())
        raise ValueError(f"There is no rating scale called {scale_id!r}. Known scales: {names}.")
    return scales[key]


def score(
    scale_id: str, answers: Sequence[int] | Mapping[str, int], *, sex: str | None = None
) -> ScaleResult:
    """Total, band and flags for one completed scale.

    ``answers`` is either a list in item order (the scored items, or every item including
    the unscored ones) or a mapping from item id to answer value. ``sex`` only matters for
    scales with sex-specific cut-offs. Raises ``ValueError`` with a message a clinician can
    act on when the scale is unknown or an answer is missing, extra or out of range.
    """
    scale = get(scale_id)
    given = _read_answers(scale, answers)
    sex_key = _read_sex(sex)
    total = sum(given[item.id] for item in scale.scored_items)
    fired = _fire(scale, total, given, sex_key)
    women, men = (_fire(scale, total, given, s) for s in ("female", "male"))
    if sex_key is None and women.keys() != men.keys():
        fired["sex_not_recorded"] = Flag(
            id="sex_not_recorded",
            severity="info",
            message=(
                f"The {scale.short_name} cut-off differs for women and men, and sex is not "
                "recorded as female or male, so the lower cut-off was applied."
            ),
        )
    if scale.bands:
        band = next(b.label for b in scale.bands if b.min <= total <= b.max)
    elif scale.screen_flag is not None:
        band = "positive screen" if scale.screen_flag in fired else "negative screen"
    else:
        band = ""
    flags = sorted(fired.values(), key=lambda flag: flag.severity != "alert")
    return ScaleResult(
        scale_id=scale.id,
        total=total,
        max_total=scale.max_total,
        band=band,
        flags=tuple(flags),
        answers=given,
    )


def _fire(
    scale: Scale, total: int, answers: Mapping[str, int], sex: SexKey | None
) -> dict[str, Flag]:
    """The flags raised; with sex unknown, every sex-specific rule applies (lowest cut-off)."""
    fired: dict[str, Flag] = {}
    for rule in scale.flags:
        if sex is not None and rule.sex not in (None, sex):
            continue
        if rule.id not in fired and rule.fires(total, answers):
            fired[rule.id] = Flag(id=rule.id, severity=rule.severity, message=rule.message)
    return fired


def _read_sex(sex: str | None) -> SexKey | None:
    if sex is None:
        return None
    key = str(sex).strip().lower()
    if key not in _SEXES:
        raise ValueError(f"Sex must be female, male, intersex or unknown; {sex!r} was given.")
    return _SEXES[key]


def _read_answers(scale: Scale, answers: Sequence[int] | Mapping[str, int]) -> dict[str, int]:
    name = scale.short_name
    by_id = {item.id: item for item in scale.items}
    pairs: list[tuple[Item, object]]
    if isinstance(answers, Mapping):
        by_key = {str(key): value for key, value in answers.items()}
        unknown = [key for key in by_key if key not in by_id]
        if unknown:
            raise ValueError(
                f"The {name} has no item {unknown[0]!r}; its items are "
                f"{scale.items[0].id} to {scale.items[-1].id}."
            )
        pairs = [(item, by_key[item.id]) for item in scale.items if item.id in by_key]
        missing = [item.id for item in scale.scored_items if item.id not in by_key]
        if missing:
            word = "item" if len(missing) == 1 else "items"
            raise ValueError(f"The {name} needs an answer to {word} {', '.join(missing)}.")
    elif isinstance(answers, Sequence) and not isinstance(answers, str | bytes):
        scored = scale.scored_items
        if len(answers) == len(scored):
            pairs = list(zip(scored, answers, strict=True))
        elif len(answers) == len(scale.items):
            pairs = list(zip(scale.items, answers, strict=True))
        else:
            extra = len(scale.items) - len(scored)
            also = f" ({len(scale.items)} with the unscored questions)" if extra else ""
            given = "1 was given" if len(answers) == 1 else f"{len(answers)} were given"
            raise ValueError(f"{name} needs {len(scored)} answers{also}; {given}.")
    else:
        raise ValueError(f"{name} answers must be a list of numbers or a mapping item: number.")
    return {item.id: _checked(scale, item, value) for item, value in pairs}


def _checked(scale: Scale, item: Item, value: object) -> int:
    where = f"Item {item.id} of the {scale.short_name}"
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where} needs a whole number; {value!r} was given.")
    if value not in item.values:
        low, high = item.values[0], item.values[-1]
        raise ValueError(f"{where} takes {low} to {high}; {value} is out of range.")
    return value
