"""The taper planner's limits at both sides: settings refused in words, custom lists,
too-fast stops, diazepam equivalents."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from practice_desk.domain.tapering import Strategy, diazepam_equivalent, plan

START = date(2027, 1, 4)


def _plan(**settings: Any) -> Any:
    base: dict[str, Any] = {"strategy": "hyperbolic", "step_percent": 25, "interval_days": 28}
    return plan("sertraline", 100, start=START, **(base | settings))


@pytest.mark.parametrize(
    ("settings", "ok"),
    [
        ({"step_percent": 50}, True),
        ({"step_percent": 50.01}, False),
        ({"step_percent": 0.5}, True),
        ({"step_percent": 0}, False),
        ({"interval_days": 1}, True),
        ({"interval_days": 0}, False),
        ({"interval_days": 365}, True),
        ({"interval_days": 366}, False),
        ({"final_mg": 99}, True),
        ({"final_mg": 100}, False),  # not below today's dose
        ({"final_mg": 0}, False),
        ({"strategy": "linear", "step_mg": 100}, True),
        ({"strategy": "linear", "step_mg": 100.5}, False),
        ({"strategy": "linear", "step_mg": 0}, False),
    ],
)
def test_each_setting_at_its_limit(settings: dict[str, Any], ok: bool) -> None:
    if ok:
        assert _plan(**settings).steps
    else:
        with pytest.raises(ValueError, match=r"step|dose|days"):
            _plan(**settings)


@pytest.mark.parametrize("daily", [0, -5, float("inf"), float("nan")])
def test_a_dose_that_is_not_a_dose_is_refused(daily: float) -> None:
    with pytest.raises(ValueError, match="more than 0 mg"):
        plan("sertraline", daily, start=START)


@pytest.mark.parametrize(
    ("custom", "words"),
    [
        ([], "needs its list"),
        ([75, 100], "go down"),
        ([125, 100], "above the current dose"),
        ([50, -25], "below 0 mg"),
    ],
)
def test_a_custom_list_must_go_down_from_today(custom: list[float], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        plan("sertraline", 100, strategy=Strategy.CUSTOM, custom_mg=custom, start=START)


def test_a_custom_list_that_stays_then_falls_is_planned() -> None:
    steps = plan(
        "sertraline", 100, strategy=Strategy.CUSTOM, custom_mg=[100, 75, 75, 50], start=START
    ).steps
    assert [s.daily_mg for s in steps][:4] == [100, 75, 75, 50]


def test_lithium_is_not_stopped_in_under_two_weeks() -> None:
    def lithium(interval: int) -> Any:
        return plan(
            "lithium", 600, strategy="linear", step_percent=50, interval_days=interval, start=START
        )

    with pytest.raises(ValueError, match="less than 2 weeks"):
        lithium(13)  # 300 mg today, stopped on day 13
    assert [s.daily_mg for s in lithium(14).steps] == [300, 0]  # stopped on day 14


@pytest.mark.parametrize(
    ("drug", "mg", "diazepam"),
    [("alprazolam", 1, 10), ("lorazepam", 2, 10), ("clonazepam", 0.5, 5), ("temazepam", 30, 20)],
)
def test_diazepam_equivalents(drug: str, mg: float, diazepam: float) -> None:
    assert diazepam_equivalent(drug, mg) == diazepam


def test_no_equivalent_is_made_up() -> None:
    with pytest.raises(ValueError, match="No diazepam equivalent"):
        diazepam_equivalent("sertraline", 50)
    assert diazepam_equivalent("alprazolam", 0.25) == 2.5  # to the hundredth, not rounded away
    assert diazepam_equivalent("oxazepam", 10) == 3.33
