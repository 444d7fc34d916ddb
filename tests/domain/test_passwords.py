"""New passwords are judged by how guessable they are, not only by their length."""

from __future__ import annotations

import pytest

from practice_desk.domain.errors import ValidationError
from practice_desk.domain.users import check_new_password, judge_password


@pytest.mark.parametrize(
    "weak",
    ["password12", "1234567890", "qwertyuiop", "drsmith123", "letmein2024", "aaaaaaaaaaaa"],
)
def test_guessable_passwords_of_ten_or_more_characters_are_refused(weak: str) -> None:
    verdict = judge_password(weak, "drsmith")
    assert not verdict.acceptable and verdict.advice
    with pytest.raises(ValidationError, match="too easy to guess"):
        check_new_password(weak, "drsmith")


@pytest.mark.parametrize(
    "strong", ["correct horse battery", "nurse staple horse", "a long sentence about tea"]
)
def test_sentences_of_uncommon_words_are_accepted(strong: str) -> None:
    assert judge_password(strong, "drsmith").acceptable
    assert check_new_password(strong, "drsmith") == strong


def test_the_names_an_attacker_knows_count_against_a_password() -> None:
    """The practice's and the person's names are the first words tried."""
    password = "riverside psychiatry"
    assert judge_password(password).acceptable
    assert not judge_password(password, "mjones", ("Mary Jones", "Riverside Psychiatry")).acceptable


def test_length_and_the_user_name_are_still_the_first_tests() -> None:
    assert judge_password("short one").advice.startswith("Choose a password of at least 10")
    assert not judge_password("drsmithdrs", "drsmithdrs").acceptable
