from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_desk.domain.scales import Flag, Scale, available, get, score


def spread(total: int, count: int, top: int) -> list[int]:
    """``count`` answers, each 0..top, that add up to ``total`` (front-loaded)."""
    answers = []
    for _ in range(count):
        answers.append(min(top, total))
        total -= answers[-1]
    assert total == 0, "total does not fit"
    return answers


def flag_ids(flags: tuple[Flag, ...]) -> set[str]:
    return {flag.id for flag in flags}


# --- PHQ-9 and GAD-7 bands ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (24, "severe"),
    ],
)
def test_phq9_band_boundaries(total: int, band: str) -> None:
    answers = [*spread(total, 8, 3), 0]  # item 9 left at 0 so no safety flag muddies it
    result = score("phq9", answers)
    assert (result.total, result.band, result.max_total) == (total, band, 27)
    assert result.flags == ()


def test_phq9_top_score_is_severe() -> None:
    result = score("phq9", [3] * 9)
    assert (result.total, result.band) == (27, "severe")


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_band_boundaries(total: int, band: str) -> None:
    result = score("gad7", spread(total, 7, 3))
    assert (result.total, result.band, result.max_total) == (total, band, 21)


# --- PHQ-9 item 9 and item 10 -------------------------------------------------------------


def test_phq9_item9_zero_raises_no_flag() -> None:
    assert score("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 0]).flags == ()


def test_phq9_item9_above_zero_raises_suicide_alert_even_when_total_is_minimal() -> None:
    result = score("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1])
    assert (result.total, result.band) == (1, "minimal")
    (flag,) = result.flags
    assert (flag.id, flag.severity) == ("suicide_risk", "alert")
    assert "suicide risk now" in flag.message
    assert "988" in flag.message


def test_phq9_difficulty_question_is_recorded_but_not_scored() -> None:
    without = score("phq9", [2] * 9)
    with_item10 = score("phq9", [2] * 9 + [3])
    assert with_item10.total == without.total == 18
    assert with_item10.answers["10"] == 3
    assert "10" not in without.answers
    with pytest.raises(ValueError, match="Item 10 of the PHQ-9 takes 0 to 3; 4 is out of range"):
        score("phq9", [0] * 9 + [4])


def test_mapping_answers_score_like_a_list() -> None:
    as_list = score("phq9", [0, 1, 2, 3, 0, 1, 2, 3, 0])
    as_map = score("phq9", {str(i + 1): v for i, v in enumerate([0, 1, 2, 3, 0, 1, 2, 3, 0])})
    assert as_map == as_list


# --- PHQ-2 --------------------------------------------------------------------------------


def test_phq2_positive_from_three() -> None:
    assert score("phq2", [1, 1]).band == "negative screen"
    result = score("phq2", [2, 1])
    assert (result.total, result.band) == (3, "positive screen")
    assert "PHQ-9" in result.flags[0].message


# --- AUDIT-C ------------------------------------------------------------------------------


def test_auditc_three_is_positive_for_women_only() -> None:
    # Drinks 2-3 times a week, 1-2 drinks, never 6+: 3 points.
    assert score("auditc", [3, 0, 0], sex="female").band == "positive screen"
    men = score("auditc", [3, 0, 0], sex="male")
    assert (men.total, men.band, men.flags) == (3, "negative screen", ())


def test_auditc_four_is_positive_for_men() -> None:
    result = score("auditc", [2, 1, 1], sex="male")
    assert (result.total, result.band) == (4, "positive screen")
    assert "4 or more in a man" in result.flags[0].message


def test_auditc_unknown_sex_uses_the_lower_cut_off_and_says_so() -> None:
    result = score("auditc", [3, 0, 0])
    assert result.band == "positive screen"
    assert flag_ids(result.flags) == {"positive_screen", "sex_not_recorded"}
    assert score("auditc", [3, 0, 0], sex="unknown").band == "positive screen"
    # When both cut-offs agree, sex does not matter and no note is added.
    assert flag_ids(score("auditc", [4, 4, 4]).flags) == {"positive_screen"}
    assert score("auditc", [1, 1, 0]).flags == ()


def test_auditc_items_have_their_own_answer_labels() -> None:
    scale = get("auditc")
    labels = [item.options[0].label for item in scale.items]
    assert labels == ["Never", "0, 1, or 2", "Never"]
    assert scale.items[1].options[-1].label == "10 or more"


def test_auditc_rejects_a_misspelt_sex() -> None:
    with pytest.raises(ValueError, match="Sex must be female, male"):
        score("auditc", [0, 0, 0], sex="femal")


# --- AIMS ---------------------------------------------------------------------------------


def test_aims_one_moderate_movement_is_positive() -> None:
    result = score("aims", [0, 0, 0, 3, 0, 0, 0])  # moderate tongue movement
    assert (result.total, result.max_total, result.band) == (3, 28, "positive screen")
    assert result.flags[0].severity == "alert"


def test_aims_two_mild_movements_are_positive() -> None:
    assert score("aims", [0, 2, 0, 0, 0, 2, 0]).band == "positive screen"


def test_aims_one_mild_and_several_minimal_is_negative_despite_a_higher_total() -> None:
    result = score("aims", [2, 1, 1, 1, 1, 1, 1])
    assert (result.total, result.band, result.flags) == (8, "negative screen", ())


def test_aims_global_and_dental_items_are_recorded_not_totalled() -> None:
    result = score("aims", [1, 0, 0, 0, 0, 0, 0, 4, 4, 4, 1, 1])
    assert result.total == 1
    assert result.answers["12"] == 1
    with pytest.raises(ValueError, match="Item 11 of the AIMS takes 0 to 1; 2 is out of range"):
        score("aims", [0] * 7 + [0, 0, 0, 2, 0])


# --- PCL-5 --------------------------------------------------------------------------------


def test_pcl5_cut_point_at_31() -> None:
    below = score("pcl5", spread(30, 20, 4))
    above = score("pcl5", spread(31, 20, 4))
    assert (below.band, above.band) == ("negative screen", "positive screen")
    assert "probable_ptsd" in flag_ids(above.flags)
    assert above.max_total == 80


def test_pcl5_dsm5_pattern_needs_every_cluster() -> None:
    answers = [0] * 20
    for item in (1, 6, 8, 9, 15, 16):  # one B, one C, two D, two E, each "Moderately"
        answers[item - 1] = 2
    result = score("pcl5", answers)
    assert result.total == 12
    assert flag_ids(result.flags) == {"dsm5_symptom_pattern"}
    answers[15] = 1  # only one E symptom left
    assert score("pcl5", answers).flags == ()


def test_pcl5_high_total_without_arousal_symptoms_is_not_the_dsm5_pattern() -> None:
    result = score("pcl5", [4] * 8 + [0] * 12)
    assert result.total == 32
    assert flag_ids(result.flags) == {"probable_ptsd"}


# --- invalid input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scale_id", "answers", "message"),
    [
        ("phq9", [0] * 8, "PHQ-9 needs 9 answers (10 with the unscored questions); 8 were given."),
        ("gad7", [0] * 8, "GAD-7 needs 7 answers; 8 were given."),
        ("gad7", [], "GAD-7 needs 7 answers; 0 were given."),
        ("gad7", [0, 0, 5, 0, 0, 0, 0], "Item 3 of the GAD-7 takes 0 to 3; 5 is out of range."),
        ("phq9", [0, -1, 0, 0, 0, 0, 0, 0, 0], "Item 2 of the PHQ-9 takes 0 to 3; -1 is out"),
        ("auditc", [0, 5, 0], "Item 2 of the AUDIT-C takes 0 to 4; 5 is out of range."),
        ("gad7", [0, 0, 0, 2.5, 0, 0, 0], "Item 4 of the GAD-7 needs a whole number; 2.5 was"),
        ("gad7", [0, 0, 0, "2", 0, 0, 0], "Item 4 of the GAD-7 needs a whole number; '2' was"),
        ("gad7", [True] * 7, "Item 1 of the GAD-7 needs a whole number; True was given."),
        ("gad7", [None] * 7, "needs a whole number; None was given"),
        ("gad7", "0000000", "GAD-7 answers must be a list of numbers"),
        ("phq2", {"1": 0, "2": 0, "3": 0}, "The PHQ-2 has no item '3'; its items are 1 to 2."),
        ("phq2", {"1": 0}, "The PHQ-2 needs an answer to item 2."),
        ("gad7", {"1": 0, "2": 0}, "The GAD-7 needs an answer to items 3, 4, 5, 6, 7."),
        ("bdi", [0] * 21, "There is no rating scale called 'bdi'."),
    ],
)
def test_invalid_answers_are_refused_in_plain_words(
    scale_id: str, answers: object, message: str
) -> None:
    with pytest.raises(ValueError) as raised:
        score(scale_id, answers)  # type: ignore[arg-type]
    assert message in str(raised.value)


def test_unknown_scale_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"Known scales: .*GAD-7.*PHQ-9"):
        get("hamd")


def test_scale_ids_are_forgiving_about_case_and_hyphens() -> None:
    assert get("PHQ-9").id == "phq9"
    assert score("GAD-7", [0] * 7).scale_id == "gad7"


# --- definitions --------------------------------------------------------------------------


def test_available_lists_phq9_gad7_and_at_least_four_more() -> None:
    infos = {info.id: info for info in available()}
    assert {"phq9", "gad7", "phq2", "auditc", "aims", "pcl5"} <= infos.keys()
    assert (infos["phq9"].item_count, infos["phq9"].max_total) == (9, 27)
    assert (infos["aims"].item_count, infos["aims"].max_total) == (7, 28)


def test_phq9_definition_carries_the_instrument_wording() -> None:
    phq9 = get("phq9")
    assert phq9.instructions == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    assert phq9.items[8].text == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert [o.label for o in phq9.items[0].options] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]
    assert not phq9.items[9].scored


def test_every_scale_file_records_its_licence_and_source() -> None:
    folder = resources.files("practice_desk.resources").joinpath("scales")
    files = [entry for entry in folder.iterdir() if entry.name.endswith(".toml")]
    assert len(files) == len(available()) >= 6
    for entry in files:
        raw = tomllib.loads(entry.read_text(encoding="utf-8"))
        for key in ("licence", "licence_source", "source", "version", "title", "instructions"):
            assert isinstance(raw.get(key), str) and len(raw[key]) > 15, (entry.name, key)
        for rule in raw.get("flags", []):
            assert rule.get("source"), (entry.name, rule["id"])


def test_a_definition_with_a_gap_between_bands_is_rejected() -> None:
    data = get("gad7").model_dump()
    data["bands"][1]["min"] = 6  # 5 would fall in no band
    with pytest.raises(ValueError, match="gap"):
        Scale.model_validate(data)


def test_a_flag_naming_a_missing_item_is_rejected() -> None:
    data = get("phq9").model_dump()
    data["flags"][0]["all_of"][0]["items"] = ["99"]
    with pytest.raises(ValueError, match="unscored or unknown items"):
        Scale.model_validate(data)


# --- properties ---------------------------------------------------------------------------


@st.composite
def completed_scales(draw: st.DrawFn) -> tuple[Scale, list[int]]:
    scale = get(draw(st.sampled_from(sorted(info.id for info in available()))))
    return scale, [draw(st.sampled_from(item.values)) for item in scale.scored_items]


@given(completed_scales(), st.sampled_from([None, "female", "male", "unknown"]))
def test_any_valid_answers_give_a_total_in_range_and_one_band(
    case: tuple[Scale, list[int]], sex: str | None
) -> None:
    scale, answers = case
    result = score(scale.id, answers, sex=sex)
    assert result.total == sum(answers)
    assert 0 <= result.total <= result.max_total == scale.max_total
    if scale.bands:
        containing = [band.label for band in scale.bands if band.min <= result.total <= band.max]
        assert containing == [result.band]
    else:
        assert result.band in {"positive screen", "negative screen"}
    assert [f.severity for f in result.flags] == sorted(
        (f.severity for f in result.flags), key=lambda severity: severity != "alert"
    )
