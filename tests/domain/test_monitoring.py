"""Monitoring: due dates a clinician would check by hand, and result flags at their boundaries."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from practice_desk.domain import formulary
from practice_desk.domain.monitoring import (
    DueItem,
    Item,
    Protocol,
    classify,
    due_items,
    labs,
    protocols,
)

START = date(2027, 3, 1)


def day(n: int) -> date:
    return START + timedelta(n)


def by_item(items: list[DueItem]) -> dict[str, DueItem]:
    return {i.item_id: i for i in items}


def lithium(
    today: date = START, changes: Sequence[date] = (), results: Mapping[str, list[date]] = {}
) -> dict[str, DueItem]:
    return by_item(
        due_items(["lithium"], started=START, changes=changes, results=results, today=today)
    )


# --- lithium --------------------------------------------------------------------------------


def test_new_lithium_needs_baseline_tests_on_the_start_day_and_a_level_a_week_later() -> None:
    due = lithium()
    for test in ("egfr", "tsh", "calcium", "weight", "fbc", "pregnancy_test"):
        assert due[test].due == START
        assert due[test].reason == "baseline"
        assert not due[test].overdue
    assert due["lithium_level"].due == date(2027, 3, 8)
    assert due["lithium_level"].reason == "7 days after starting on 1 Mar 2027"
    assert due["lithium_level"].what.startswith("Lithium level (trough")


def test_baseline_becomes_overdue_the_day_after_the_start() -> None:
    due = lithium(today=date(2027, 3, 2))
    assert due["tsh"].overdue
    assert not due["lithium_level"].overdue
    assert lithium(today=date(2027, 3, 9))["lithium_level"].overdue


@pytest.mark.parametrize(
    ("taken", "counts"),
    [(date(2027, 1, 30), True), (date(2027, 1, 29), False), (date(2027, 2, 20), True)],
)
def test_a_baseline_result_up_to_30_days_before_the_start_counts(taken: date, counts: bool) -> None:
    due = lithium(results={"tsh": [taken]})["tsh"]
    if counts:
        assert due.due == day(180)  # the next 6-monthly check, counted from the start
        assert due.reason == "every 180 days"
    else:
        assert due.due == START
        assert due.reason == "baseline"


def test_a_level_is_due_7_days_after_each_dose_change() -> None:
    change = date(2027, 3, 20)
    due = lithium(changes=[change], results={"lithium_level": [date(2027, 3, 8)]})
    assert due["lithium_level"].due == date(2027, 3, 27)
    assert due["lithium_level"].reason == "7 days after the dose change on 20 Mar 2027"


def test_the_level_that_prompted_a_dose_change_does_not_count_for_the_change() -> None:
    change = date(2027, 3, 20)
    due = lithium(changes=[change], results={"lithium_level": [date(2027, 3, 8), change]})
    assert due["lithium_level"].due == date(2027, 3, 27)
    after = lithium(changes=[change], results={"lithium_level": [date(2027, 3, 26)]})
    assert after["lithium_level"].due == date(2027, 3, 26) + timedelta(90)


def test_the_earliest_missed_change_level_wins() -> None:
    changes = [date(2027, 4, 1), date(2027, 5, 1)]
    due = lithium(changes=changes, results={"lithium_level": [date(2027, 3, 8)]})
    assert due["lithium_level"].due == date(2027, 4, 8)


@pytest.mark.parametrize(
    ("last_level_day", "next_day", "reason"),
    [
        (7, 97, "every 90 days in the first year"),
        (92, 182, "every 90 days in the first year"),
        (364, 454, "every 90 days in the first year"),
        (365, 545, "every 180 days after the first year"),
        (397, 577, "every 180 days after the first year"),
    ],
)
def test_stable_levels_every_90_days_in_year_one_then_every_180(
    last_level_day: int, next_day: int, reason: str
) -> None:
    due = lithium(results={"lithium_level": [day(7), day(last_level_day)]})["lithium_level"]
    assert (due.due, due.reason) == (day(next_day), reason)


# --- clozapine ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_anc_day", "interval", "reason"),
    [
        (0, 7, "every 7 days in the first 6 months"),
        (181, 7, "every 7 days in the first 6 months"),
        (182, 14, "every 14 days from 6 months to 1 year of treatment"),
        (183, 14, "every 14 days from 6 months to 1 year of treatment"),
        (364, 14, "every 14 days from 6 months to 1 year of treatment"),
        (365, 30, "every 30 days after the first year"),
        (366, 30, "every 30 days after the first year"),
    ],
)
def test_clozapine_anc_weekly_then_fortnightly_then_monthly(
    last_anc_day: int, interval: int, reason: str
) -> None:
    results = {"anc": [START, day(last_anc_day)]}
    due = by_item(due_items(["clozapine_anc"], started=START, results=results, today=START))
    assert due["anc"].due == day(last_anc_day + interval)
    assert due["anc"].reason == reason


def test_clozapine_without_a_baseline_anc_is_due_at_once() -> None:
    due = due_items(["clozapine_anc"], started=START, today=day(3))
    assert [(d.item_id, d.due, d.overdue) for d in due] == [("anc", START, True)]


# --- antipsychotic metabolic monitoring -----------------------------------------------------


@pytest.mark.parametrize(
    ("weighed_on_days", "next_day"),
    [
        ([0], 28),
        ([0, 28], 56),
        ([0, 28, 56], 84),
        ([0, 28, 56, 84], 174),
        ([0, 28, 56, 84, 174], 264),
        ([0, 25, 60], 84),  # a weight a few days early or late still counts
    ],
)
def test_weight_at_weeks_4_8_12_then_every_3_months(
    weighed_on_days: list[int], next_day: int
) -> None:
    results = {"weight": [day(n) for n in weighed_on_days]}
    due = by_item(
        due_items(["antipsychotic_metabolic"], started=START, results=results, today=START)
    )
    assert due["weight"].due == day(next_day)


def test_missed_week_4_weight_stays_due_until_a_weight_is_recorded() -> None:
    due = by_item(
        due_items(
            ["antipsychotic_metabolic"], started=START, results={"weight": [START]}, today=day(40)
        )
    )
    assert due["weight"].due == day(28)
    assert due["weight"].overdue
    assert due["weight"].reason == "4 weeks after starting on 1 Mar 2027"


def test_glucose_and_lipids_at_baseline_12_weeks_then_yearly() -> None:
    results = {"glucose_or_a1c": [START, day(84)], "lipids": [START]}
    due = by_item(
        due_items(["antipsychotic_metabolic"], started=START, results=results, today=START)
    )
    assert due["glucose_or_a1c"].due == day(84 + 365)
    assert due["lipids"].due == day(84)


# --- one-off tests --------------------------------------------------------------------------


def test_hla_b1502_once_at_baseline_then_never_again() -> None:
    assert [d.item_id for d in due_items(["hla_b1502"], started=START, today=START)] == [
        "hla_b1502"
    ]
    years_ago = {"hla_b1502": [date(2019, 6, 1)]}
    later = [day(30), day(400)]
    assert (
        due_items(["hla_b1502"], started=START, changes=later, results=years_ago, today=day(2000))
        == []
    )


def test_ecg_after_a_dose_change_then_nothing_until_the_next_change() -> None:
    change = day(60)

    def ecg_due(*taken: date) -> list[tuple[date, str]]:
        due = due_items(
            ["ecg_qt"], started=START, changes=[change], results={"ecg": list(taken)}, today=START
        )
        return [(d.due, d.reason) for d in due]

    assert ecg_due(START) == [(day(67), "7 days after the dose change on 30 Apr 2027")]
    assert ecg_due(START, change)[0][0] == day(67)  # same day: taken before the new dose
    assert ecg_due(START, day(61)) == []


# --- merging --------------------------------------------------------------------------------


def test_two_protocols_merge_and_a_shared_test_keeps_the_earlier_date() -> None:
    change = day(100)
    results = {"blood_pressure": [START, day(50)], "pulse": [START]}
    due = by_item(
        due_items(
            ["stimulant_vitals", "blood_pressure"],
            started=START,
            changes=[change],
            results=results,
            today=START,
        )
    )
    # Alpha-2 agonists want blood pressure a week after a change, stimulants two weeks.
    assert due["blood_pressure"].due == day(107)
    assert due["blood_pressure"].protocol_id == "blood_pressure"
    assert due["weight"].protocol_id == "stimulant_vitals"


def test_clozapine_gets_both_anc_and_metabolic_tests_once_each() -> None:
    items = due_items(["clozapine_anc", "antipsychotic_metabolic"], started=START, today=START)
    ids = [d.item_id for d in items]
    assert sorted(ids) == ["anc", "blood_pressure", "glucose_or_a1c", "lipids", "waist", "weight"]
    assert [d.due for d in items] == sorted(d.due for d in items)


def test_unknown_protocol_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown monitoring protocol 'lithum'"):
        due_items(["lithum"], started=START, today=START)


# --- classify -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lab", "value", "level"),
    [
        ("lithium_level", 0.59, "low"),
        ("lithium_level", 0.6, "normal"),
        ("lithium_level", 1.2, "normal"),
        ("lithium_level", 1.49, "high"),
        ("lithium_level", 1.5, "alert_high"),
        ("anc", 1500, "normal"),
        ("anc", 1499, "low"),
        ("anc", 1000, "low"),
        ("anc", 999, "alert_low"),
        ("anc", 499, "alert_low"),
        ("sodium", 134, "low"),
        ("sodium", 124, "alert_low"),
        ("ecg", 500, "alert_high"),
    ],
)
def test_classify_boundaries(lab: str, value: float, level: str) -> None:
    assert classify(lab, value).level == level


def test_lithium_toxic_level_says_what_to_do() -> None:
    message = classify("lithium_level", 1.6).message
    assert message.startswith("Lithium 1.6 mmol/L is in the toxic range (1.5 or more): ")
    assert "hold the next dose" in message
    assert classify("lithium_level", 0.8).message == (
        "Lithium 0.8 mmol/L is within the range (0.6–1.2 mmol/L)."
    )


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (1499, "mild neutropenia (below 1500)"),
        (999, "moderate neutropenia (below 1000)"),
        (499, "severe neutropenia (below 500)"),
    ],
)
def test_anc_messages_name_the_neutropenia_grade(value: float, words: str) -> None:
    message = classify("anc", value).message
    assert words in message
    assert ("interrupt clozapine" in message) == (value < 1000)


def test_a_test_without_a_range_is_never_flagged() -> None:
    flag = classify("weight", 250)
    assert flag.level == "normal"
    assert "no range is recorded" in flag.message


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_classify_rejects_non_numbers(value: float) -> None:
    with pytest.raises(ValueError, match="must be a number"):
        classify("lithium_level", value)


def test_classify_rejects_unknown_tests() -> None:
    with pytest.raises(ValueError, match="unknown test 'lithium'"):
        classify("lithium", 0.8)


# --- the data pack --------------------------------------------------------------------------


def test_every_protocol_item_has_a_lab_and_every_protocol_a_source() -> None:
    known = labs()
    for protocol in protocols().values():
        assert protocol.source.strip() and protocol.note.strip(), protocol.id
        for item in protocol.items:
            assert item.id in known, f"{protocol.id}: {item.id}"
            assert known[item.id].source.strip()


def test_every_drug_names_only_protocols_that_exist() -> None:
    known = protocols()
    folder = resources.files("practice_desk.resources").joinpath("formulary")
    names = [f.name for f in folder.iterdir() if f.name.startswith("drugs-")]
    assert names
    for name in names:
        for drug in formulary.read_resource(name).get("drug", []):
            for protocol_id in drug.get("monitoring", []):
                assert protocol_id in known, f"{drug['id']} names {protocol_id}"


def test_the_ids_drug_files_rely_on_are_all_present() -> None:
    assert set(protocols()) == {
        "lithium", "valproate", "carbamazepine", "clozapine_anc", "antipsychotic_metabolic",
        "ecg_qt", "sodium", "hla_b1502", "stimulant_vitals", "blood_pressure", "liver",
    }  # fmt: skip


def test_data_with_a_typo_is_rejected() -> None:
    item = {"id": "tsh", "what": "Thyroid", "at_start_days": [0]}
    with pytest.raises(ValidationError, match="every_day"):
        Item.model_validate({**item, "phases": [{"every_day": 90}]})
    with pytest.raises(ValidationError, match="only the last phase is open-ended"):
        Item.model_validate({**item, "phases": [{"every_days": 7}, {"every_days": 30}]})
    with pytest.raises(ValidationError, match="sourse"):
        Protocol.model_validate(
            {"id": "x", "title": "X", "sourse": "somewhere", "status": "V", "item": [item]}
        )


# --- properties -----------------------------------------------------------------------------

ALL_PROTOCOLS = sorted(protocols())
ALL_TESTS = sorted(labs())
offsets = st.integers(min_value=-400, max_value=1200)


@settings(max_examples=300, deadline=None)
@given(
    started=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    chosen=st.lists(st.sampled_from(ALL_PROTOCOLS), min_size=1, max_size=4),
    change_offsets=st.lists(offsets, max_size=5),
    result_offsets=st.dictionaries(st.sampled_from(ALL_TESTS), st.lists(offsets, max_size=6)),
    today_offset=offsets,
)
def test_due_dates_never_before_the_baseline_window_and_never_duplicated(
    started: date,
    chosen: list[str],
    change_offsets: list[int],
    result_offsets: dict[str, list[int]],
    today_offset: int,
) -> None:
    changes = [started + timedelta(n) for n in change_offsets]
    results = {k: [started + timedelta(n) for n in v] for k, v in result_offsets.items()}
    today = started + timedelta(today_offset)
    due = due_items(chosen, started=started, changes=changes, results=results, today=today)
    ids = [d.item_id for d in due]
    assert len(ids) == len(set(ids))
    for item in due:
        assert item.due >= started - timedelta(30)
        assert item.overdue == (item.due < today)
        # Recording the test on its due date always moves it on: nothing gets stuck.
        more = {**results, item.item_id: [*results.get(item.item_id, []), item.due]}
        again = by_item(
            due_items(chosen, started=started, changes=changes, results=more, today=today)
        )
        assert item.item_id not in again or again[item.item_id].due > item.due
