"""Reading a patient's reported list: a daily mg only when the words make it certain."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_desk.domain.regimens import DoseNote, Reported
from practice_desk.domain.reported import (
    Unreadable,
    UnreadReason,
    parse_reported_line,
    parse_reported_list,
)


def _read(text: str) -> Reported:
    read = parse_reported_line(text)
    assert isinstance(read, Reported), read
    return read


@pytest.mark.parametrize(
    ("text", "name", "daily_mg"),
    [
        ("sertraline 100 mg", "sertraline", 100),
        ("Zoloft 100mg daily", "Zoloft", 100),
        ("lithium 300 mg twice a day", "lithium", 600),
        ("lithium 300 mg bid", "lithium", 600),
        ("lithium 300mg b.i.d.", "lithium", 600),
        ("quetiapine 50 mg x2", "quetiapine", 100),
        ("quetiapine 25 mg 2x daily", "quetiapine", 50),
        ("lithium 300 mg three times a day", "lithium", 900),
        ("lithium 300mg TID", "lithium", 900),
        ("lithium 300 mg every 8 hours", "lithium", 900),
        ("gabapentin 300 mg qid", "gabapentin", 1200),
        ("lamotrigine 100 mg morning and night", "lamotrigine", 200),
        ("Seroquel XR 300 mg at night", "Seroquel XR", 300),
        ("100 mg sertraline daily", "sertraline", 100),
        ("- take sertraline 50 mg in the morning", "sertraline", 50),
        ("2) Omega-3 1000 mg daily", "Omega-3", 1000),
        ("fish oil 1 g twice daily", "fish oil", 2000),
        ("levothyroxine 50 mcg", "levothyroxine", 0.05),
        ("St John's wort 300 mg tid", "St John's wort", 900),
        ("sertraline 100 mg, 1 tablet daily", "sertraline", 100),
        ("sertraline 100mg/day", "sertraline", 100),
        ("litio 400 mg dos veces al día", "litio", 800),
        ("sertralina 0,5 mg", "sertralina", 0.5),
    ],
)
def test_a_dose_that_the_words_make_certain(text: str, name: str, daily_mg: float) -> None:
    read = _read(text)
    assert (read.name, read.daily_mg, read.dose_note) == (name, daily_mg, None)
    assert read.text == text.lstrip("-2) ").strip()


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("melatonin", DoseNote.NOT_GIVEN),
        ("melatonin at bedtime", DoseNote.NOT_GIVEN),
        ("sertraline 100", DoseNote.NO_UNIT),
        ("sertraline 2 tablets in the morning", DoseNote.NOT_MG),
        ("vitamin D 1000 units", DoseNote.NOT_MG),
        ("sertraline 50 mg, 2 tablets", DoseNote.SEVERAL_AMOUNTS),  # 50 or 100?
        ("sertraline 50 mg in the morning and 100 mg at night", DoseNote.SEVERAL_AMOUNTS),
        ("sertraline 100-150 mg", DoseNote.SEVERAL_AMOUNTS),
        ("clonazepam 0.5 mg twice daily x 3", DoseNote.FREQUENCY_UNCLEAR),
        ("lorazepam 1 mg every 5 hours", DoseNote.FREQUENCY_UNCLEAR),
        ("lorazepam 1 mg prn", DoseNote.AS_NEEDED),
        ("lorazepam 1 mg as needed", DoseNote.AS_NEEDED),
        ("aripiprazole 400 mg monthly", DoseNote.NOT_DAILY),
        ("methotrexate 15 mg once a week", DoseNote.NOT_DAILY),
        ("lithium 300 mg every other day", DoseNote.NOT_DAILY),
    ],
)
def test_an_unclear_dose_is_left_unknown_and_says_why(text: str, note: DoseNote) -> None:
    read = _read(text)
    assert read.daily_mg is None
    assert read.dose_note is note


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("100 mg", UnreadReason.NO_NAME),
        ("---", UnreadReason.NO_NAME),
        ("x 2", UnreadReason.NO_NAME),
        ("sertraline " * 30, UnreadReason.TOO_LONG),
    ],
)
def test_a_line_without_a_medication_is_unreadable_not_an_error(
    text: str, reason: UnreadReason
) -> None:
    read = parse_reported_line(text)
    assert isinstance(read, Unreadable)
    assert read.reason is reason


def test_a_pasted_list_skips_blanks_and_comments_and_numbers_the_unreadable() -> None:
    read = parse_reported_list("Zoloft 150 mg daily\n\n# from the bag\nmelatonin 3 mg\n200 mg\n")
    assert [(r.name, r.daily_mg) for r in read.reported] == [("Zoloft", 150), ("melatonin", 3)]
    assert [(u.line, u.text) for u in read.unreadable] == [(5, "200 mg")]


def test_a_brand_with_a_release_form_it_does_not_list_falls_back_to_the_brand() -> None:
    assert _read("Zoloft XR 100 mg").name == "Zoloft"
    assert _read("Vitamin XR 100 mg").name == "Vitamin XR"  # unknown: kept as typed


_TIMES = {"daily": 1, "x2": 2, "twice a day": 2, "bid": 2, "three times a day": 3, "tid": 3}


@given(
    mg=st.integers(min_value=1, max_value=5000),
    spaced=st.booleans(),
    words=st.sampled_from(sorted(_TIMES)),
)
def test_mg_times_the_frequency_for_every_amount(mg: int, spaced: bool, words: str) -> None:
    read = _read(f"sertraline {mg}{' ' if spaced else ''}mg {words}")
    assert read.daily_mg == mg * _TIMES[words]


@pytest.mark.parametrize(
    ("line", "note"),
    [
        # Each of these once read as one tablet a day: a confident wrong dose.
        ("sertraline 50 mg two tablets daily", DoseNote.SEVERAL_AMOUNTS),
        ("lithium 300mg three tablets at night", DoseNote.SEVERAL_AMOUNTS),
        ("aripiprazole 5mg half a tablet daily", DoseNote.SEVERAL_AMOUNTS),
        ("Trazodone 50mg one and a half at night", DoseNote.SEVERAL_AMOUNTS),
        ("Lexapro 10mg 1 and a half tablets", DoseNote.SEVERAL_AMOUNTS),
        ("Lamictal 25mg qod", DoseNote.NOT_DAILY),
        ("Lamictal 25mg q.o.d.", DoseNote.NOT_DAILY),
        ("sertraline 100 mg every other morning", DoseNote.NOT_DAILY),
        ("Adderall 10mg qAM and noon", DoseNote.FREQUENCY_UNCLEAR),
    ],
)
def test_doses_in_words_or_on_alternate_days_are_never_guessed(line: str, note: DoseNote) -> None:
    read = parse_reported_line(line)
    assert isinstance(read, Reported)
    assert read.daily_mg is None and read.dose_note is note
