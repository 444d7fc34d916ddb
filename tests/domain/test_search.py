from __future__ import annotations

from datetime import date

from practice_desk.domain.search import fold, read_query


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Ólafsdóttir") == "olafsdottir"
    assert fold("ZOË") == "zoe"


def test_dates_in_common_forms_are_read_as_birth_dates() -> None:
    for text in ("1984-03-21", "03/21/1984", "21 Mar 1984", "March 21, 1984"):
        assert read_query(text).birth_date == date(1984, 3, 21), text


def test_digits_are_a_chart_or_phone_number() -> None:
    assert read_query("(555) 0142").number == "5550142"
    assert read_query("000042").number == "000042"


def test_words_are_name_prefixes_in_any_order() -> None:
    assert read_query("Quill, Ada").name_parts == ("quill", "ada")
    assert read_query("  ").empty


def test_unusual_digits_are_read_as_a_name_not_a_number() -> None:
    query = read_query("²³")
    assert query.number is None
    assert query.name_parts
