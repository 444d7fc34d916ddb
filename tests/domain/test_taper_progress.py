from __future__ import annotations

from datetime import date, timedelta

import pytest

from practice_desk.domain import taper_progress as tp
from practice_desk.domain.taper_progress import SymptomEntry
from practice_desk.domain.tapering import plan
from tests.domain.test_tapering import CITALOPRAM_LIKE

START = date(2027, 1, 4)


@pytest.fixture
def taper():  # type: ignore[no-untyped-def]
    return plan(CITALOPRAM_LIKE, 20, strategy="linear", step_mg=5, interval_days=14, start=START)


def test_current_step_follows_the_calendar(taper) -> None:  # type: ignore[no-untyped-def]
    assert tp.current_step(taper.steps, START - timedelta(days=1)) is None
    assert tp.current_step(taper.steps, START).number == 1  # type: ignore[union-attr]
    assert tp.current_step(taper.steps, START + timedelta(days=14)).number == 2  # type: ignore[union-attr]
    assert tp.current_step(taper.steps, date(2030, 1, 1)).daily_mg == 0  # type: ignore[union-attr]


def test_extending_moves_every_later_step(taper) -> None:  # type: ignore[no-untyped-def]
    longer = tp.extend(taper, 2, 7)
    assert longer.steps[0] == taper.steps[0]
    assert longer.steps[1].end == taper.steps[1].end + timedelta(days=7)
    assert [s.start for s in longer.steps[2:]] == [
        s.start + timedelta(days=7) for s in taper.steps[2:]
    ]
    with pytest.raises(ValueError, match="final step"):
        tp.extend(taper, len(taper.steps), 7)
    with pytest.raises(ValueError, match="no step 99"):
        tp.extend(taper, 99, 7)


def test_stepping_back_returns_to_the_last_tolerated_dose(taper) -> None:  # type: ignore[no-untyped-def]
    on = taper.steps[1].start + timedelta(days=4)
    back = tp.step_back(taper, 2, on)
    doses = [s.daily_mg for s in back.steps]
    assert doses == [15.0, 10.0, 15.0, 10.0, 5.0, 0.0]
    assert back.steps[1].end == on - timedelta(days=1)
    assert back.steps[2].start == on and back.steps[2].cut_percent < 0
    assert [s.number for s in back.steps] == list(range(1, 7))
    with pytest.raises(ValueError, match="first step"):
        tp.step_back(taper, 1, START)


def test_symptom_advice() -> None:
    low = SymptomEntry(on=START, step=2, symptoms=("insomnia",), severity=2)
    assert tp.suggestion([low], 2) is None
    rising = SymptomEntry(on=START + timedelta(days=3), step=2, symptoms=("insomnia",), severity=4)
    assert "rising" in (tp.suggestion([low, rising], 2) or "")
    severe = SymptomEntry(on=START, step=3, symptoms=("electric",), severity=7)
    assert "7 out of 10" in (tp.suggestion([severe], 3) or "")
    with pytest.raises(ValueError, match="checklist"):
        SymptomEntry(on=START, step=1, symptoms=("werewolf",), severity=1)
