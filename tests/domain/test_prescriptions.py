"""Prescription rules at their boundaries: check digits, words, bands, federal limits."""

from __future__ import annotations

from datetime import date, timedelta

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_desk.domain.errors import ValidationError
from practice_desk.domain.prescriptions import (
    MAX_C2_SERIES_DAYS,
    QUANTITY_BANDS,
    PatientOnRx,
    PracticeProfile,
    Prescriber,
    Prescription,
    c2_series,
    check_prescription,
    check_profile,
    dea_surname_warning,
    is_valid_dea,
    is_valid_npi,
    parse_profile,
    quantity_band,
    quantity_in_words,
    verification_code,
)

# Synthetic numbers whose check digits were worked by hand (never real registrations).
GOOD_DEA = "AS1234563"  # 1+3+5 + 2(2+4+6) = 33
OTHER_DEA = "BJ6125341"  # 6+2+3 + 2(1+5+4) = 31
PRESCRIBER = Prescriber(name="Dr Sam Smith", dea=GOOD_DEA, npi="1234567893")


# --- DEA ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        (GOOD_DEA, True),
        (OTHER_DEA, True),
        ("as1234563", True),  # typed in lower case
        (" AS1234563 ", True),
        ("AS1234564", False),  # check digit off by one
        ("AS1234562", False),
        ("AS2134563", False),  # two digits swapped: the weights notice
        ("CS1234563", False),  # C: a manufacturer, not a prescriber
        ("A91234563", True),  # 9 in second place: a business name
        ("A#1234563", False),
        ("AS123456", False),  # too short
        ("AS12345633", False),  # too long
        ("", False),
    ],
)
def test_dea_check_digit_and_registrant_type(text: str, valid: bool) -> None:
    assert is_valid_dea(text) is valid


def test_every_prescriber_registration_letter_is_accepted_and_no_other() -> None:
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        assert is_valid_dea(letter + GOOD_DEA[1:]) is (letter in "ABFGMPRX"), letter


def test_the_second_letter_is_compared_with_the_surname() -> None:
    assert dea_surname_warning(GOOD_DEA, "Smith") is None
    assert dea_surname_warning(GOOD_DEA, "smith") is None
    warning = dea_surname_warning(GOOD_DEA, "Jones")
    assert warning is not None and "(S)" in warning and "(J)" in warning
    assert dea_surname_warning("A91234563", "Jones") is None  # a business: no initial
    assert dea_surname_warning(GOOD_DEA, "") is None


# --- NPI ---------------------------------------------------------------------------------------


def _luhn_ok(digits: str) -> bool:
    """Plain Luhn over the whole number (an independent way to the same answer)."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_check_digit_makes_an_npi(stem: str) -> None:
    valid = [d for d in "0123456789" if is_valid_npi(stem + d)]
    assert len(valid) == 1
    assert _luhn_ok("80840" + stem + valid[0])


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("1234567893", True),
        (" 1234567893 ", True),
        ("1234567890", False),
        ("123456789", False),
        ("12345678930", False),
        ("12345678a3", False),
    ],
)
def test_npi_form(text: str, valid: bool) -> None:
    assert is_valid_npi(text) is valid


# --- quantities in words and bands -------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (7, "seven"),
        (19, "nineteen"),
        (20, "twenty"),
        (21, "twenty-one"),
        (99, "ninety-nine"),
        (100, "one hundred"),
        (101, "one hundred one"),
        (120, "one hundred twenty"),
        (999, "nine hundred ninety-nine"),
        (1000, "one thousand"),
        (1001, "one thousand one"),
        (12345, "twelve thousand three hundred forty-five"),
        (999_999, "nine hundred ninety-nine thousand nine hundred ninety-nine"),
        (7.5, "seven and one half"),
        (0.5, "one half"),
        (2.25, "two and one quarter"),
        (2.75, "two and three quarters"),
        (2.3, "two point three"),
        (2.35, "two point three five"),
    ],
)
def test_quantity_in_words(n: float, words: str) -> None:
    assert quantity_in_words(n) == words


@pytest.mark.parametrize("n", [-1, -0.5, 1_000_000, 1_000_000.5])
def test_quantities_outside_words_are_refused(n: float) -> None:
    with pytest.raises(ValueError, match="0 to 999,999"):
        quantity_in_words(n)


@pytest.mark.parametrize(
    ("quantity", "band"),
    [
        (0.5, 0),
        (1, 0),
        (24, 0),
        (24.5, 0),
        (25, 1),
        (49, 1),
        (49.5, 1),  # between the printed 49 and 50: the lower band, never "1-24"
        (50, 2),
        (74, 2),
        (74.9, 2),
        (75, 3),
        (100, 3),
        (100.5, 3),
        (101, 4),
        (150, 4),
        (150.5, 4),
        (151, 5),
        (10_000, 5),
    ],
)
def test_quantity_band_holds_the_quantity(quantity: float, band: int) -> None:
    assert quantity_band(quantity) == band
    low, high = QUANTITY_BANDS[band]
    assert quantity >= low or band == 0
    assert high is None or quantity < high + 1


# --- federal rules -----------------------------------------------------------------------------


def _rx(**changes: object) -> Prescription:
    base = Prescription(
        serial=42,
        issued=date(2027, 1, 4),
        patient=PatientOnRx(
            name="Ada Quillwhistle", date_of_birth=date(1984, 3, 21), address="1 Mock St"
        ),
        drug="methylphenidate",
        strength="10 mg",
        form="tablet",
        directions="1 tablet in the morning",
        quantity=30,
        quantity_unit="tablets",
        days_supply=30,
        schedule="II",
    )
    return base.model_copy(update=changes)


def test_a_controlled_prescription_needs_the_patients_address_and_a_valid_dea() -> None:
    check_prescription(_rx(), PRESCRIBER)
    no_address = _rx(patient=PatientOnRx(name="Ada Q", date_of_birth=date(1984, 3, 21)))
    with pytest.raises(ValidationError, match="full address"):
        check_prescription(no_address, PRESCRIBER)
    with pytest.raises(ValidationError, match="valid DEA"):
        check_prescription(_rx(), PRESCRIBER.model_copy(update={"dea": "AS1234564"}))
    with pytest.raises(ValidationError, match="valid DEA"):
        check_prescription(_rx(schedule="V"), PRESCRIBER.model_copy(update={"dea": ""}))
    plain = _rx(schedule="", patient=no_address.patient)
    check_prescription(plain, PRESCRIBER.model_copy(update={"dea": ""}))  # not controlled


def test_schedule_ii_refills_and_series() -> None:
    with pytest.raises(ValidationError, match="cannot have refills"):
        check_prescription(_rx(refills=1), PRESCRIBER)
    check_prescription(_rx(refills=0, series_total=3, series_index=2), PRESCRIBER)
    with pytest.raises(ValidationError, match="Only Schedule II"):
        check_prescription(_rx(schedule="IV", series_total=2), PRESCRIBER)


@pytest.mark.parametrize("schedule", ["III", "IV"])
def test_schedule_iii_and_iv_allow_five_refills_not_six(schedule: str) -> None:
    check_prescription(_rx(schedule=schedule, refills=5), PRESCRIBER)
    with pytest.raises(ValidationError, match=f"Schedule {schedule} .* at most 5 refills"):
        check_prescription(_rx(schedule=schedule, refills=6), PRESCRIBER)


def test_schedule_v_and_uncontrolled_have_no_federal_refill_cap_here() -> None:
    check_prescription(_rx(schedule="V", refills=11), PRESCRIBER)
    check_prescription(_rx(schedule="", refills=11), PRESCRIBER)


def test_a_schedule_ii_series_is_dated_one_supply_apart() -> None:
    series = c2_series(_rx(), 3)
    assert [rx.series_index for rx in series] == [1, 2, 3]
    assert {rx.series_total for rx in series} == {3}
    assert [rx.do_not_fill_before for rx in series] == [
        None,
        date(2027, 1, 4) + timedelta(days=30),
        date(2027, 1, 4) + timedelta(days=60),
    ]
    assert len(c2_series(_rx(), 1)) == 1


def test_a_series_has_one_to_three_and_at_most_ninety_days() -> None:
    for count in (0, 4):
        with pytest.raises(ValidationError, match="one to three"):
            c2_series(_rx(), count)
    assert len(c2_series(_rx(days_supply=MAX_C2_SERIES_DAYS // 3), 3)) == 3
    with pytest.raises(ValidationError, match="at most 90 days"):
        c2_series(_rx(days_supply=31), 3)
    with pytest.raises(ValidationError, match="Only Schedule II"):
        c2_series(_rx(schedule="III"), 2)


# --- the verification code ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"serial": 43},
        {"issued": date(2027, 1, 5)},
        {"patient": PatientOnRx(name="Ada Quil", date_of_birth=date(1984, 3, 21))},
        {"patient": PatientOnRx(name="Ada Quillwhistle", date_of_birth=date(1984, 3, 22))},
        {"drug": "dexmethylphenidate"},
        {"strength": "20 mg"},
        {"quantity": 31},
        {"quantity": 30.5},
        {"refills": 1},
        {"do_not_fill_before": date(2027, 2, 3)},
    ],
)
def test_the_verification_code_covers_what_a_forger_would_change(
    change: dict[str, object],
) -> None:
    secret = b"synthetic practice secret"
    code = verification_code(secret, _rx())
    assert verification_code(secret, _rx()) == code
    assert verification_code(secret, _rx(**change)) != code
    assert verification_code(b"another practice", _rx()) != code
    assert len(code) == 9 and code[4] == "-"


# --- the profile -------------------------------------------------------------------------------


def test_a_typed_in_profile_names_every_field_at_fault() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_profile({"name": "", "prescriber": {"name": "", "dea": "X" * 12}})
    messages = dict(caught.value.problems)
    assert messages["name"] == "The practice name is needed."
    assert messages["prescriber.name"] == "The prescriber's name is needed."
    assert messages["prescriber.dea"] == "DEA number is too long (at most 9 characters)."


def test_profile_checks_refuse_bad_numbers_and_warn_on_the_dea_letter() -> None:
    profile = PracticeProfile(name="Riverside Psychiatry", prescriber=PRESCRIBER)
    assert check_profile(profile) == []
    jones = profile.model_copy(
        update={"prescriber": PRESCRIBER.model_copy(update={"name": "Dr Ann Jones"})}
    )
    assert len(check_profile(jones)) == 1
    for field, value in (("dea", "AS1234564"), ("npi", "1234567890")):
        bad = profile.model_copy(
            update={"prescriber": PRESCRIBER.model_copy(update={field: value})}
        )
        with pytest.raises(ValidationError, match="not valid"):
            check_profile(bad)


@pytest.mark.parametrize(
    ("name", "surname"),
    [("Dr Sam Smith", "Smith"), ("Dr. Ann Lee", "Lee"), ("Maria Ñúñez", "Ñúñez")],
)
def test_the_surname_is_the_last_word_without_the_title(name: str, surname: str) -> None:
    assert Prescriber(name=name).surname == surname


# --- limits of each field, as a table ----------------------------------------------------------


def test_the_printed_quantity_bands() -> None:
    assert QUANTITY_BANDS == ((1, 24), (25, 49), (50, 74), (75, 100), (101, 150), (151, None))


def test_a_fraction_below_a_hundredth_is_not_written() -> None:
    assert quantity_in_words(1.004) == "one"
    assert quantity_in_words(1.01) == "one point zero one"


def test_the_dea_letter_check_needs_two_characters() -> None:
    assert dea_surname_warning("A", "Smith") is None
    assert dea_surname_warning("AJ", "Smith") is not None


def _too_long(model: type, field: str, limit: int, **valid: object) -> None:
    model.model_validate({**valid, field: "x" * limit})  # type: ignore[attr-defined]
    with pytest.raises(pydantic.ValidationError):
        model.model_validate({**valid, field: "x" * (limit + 1)})  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("field", "limit"),
    [("name", 120), ("credentials", 60), ("dea", 9), ("npi", 10), ("licence", 60)],
)
def test_prescriber_field_lengths(field: str, limit: int) -> None:
    _too_long(Prescriber, field, limit, name="Dr Sam Smith")


def test_names_need_two_characters() -> None:
    Prescriber(name="Li")
    with pytest.raises(pydantic.ValidationError):
        Prescriber(name="L")
    PracticeProfile(name="Ox", prescriber=PRESCRIBER)
    with pytest.raises(pydantic.ValidationError):
        PracticeProfile(name="O", prescriber=PRESCRIBER)


@pytest.mark.parametrize(
    ("field", "limit"), [("name", 120), ("address", 300), ("phone", 40), ("fax", 40)]
)
def test_practice_profile_field_lengths(field: str, limit: int) -> None:
    _too_long(PracticeProfile, field, limit, name="Riverside", prescriber=PRESCRIBER)


def test_profiles_are_frozen_strict_and_trimmed() -> None:
    trimmed = Prescriber(name="  Dr Sam Smith  ", dea=" AS1234563 ")
    assert (trimmed.name, trimmed.dea) == ("Dr Sam Smith", "AS1234563")
    profile = PracticeProfile(name="  Riverside  ", prescriber=PRESCRIBER)
    assert profile.name == "Riverside"
    with pytest.raises(pydantic.ValidationError):
        Prescriber(name="Dr Sam Smith", pager="555")  # type: ignore[call-arg]
    with pytest.raises(pydantic.ValidationError):
        PracticeProfile(name="Riverside", prescriber=PRESCRIBER, motto="x")  # type: ignore[call-arg]
    with pytest.raises(pydantic.ValidationError):
        trimmed.name = "Dr Other"  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        profile.name = "Other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("field", "good", "bad"),
    [
        ("drug", "ab", "a"),
        ("strength", "5", ""),
        ("form", "gel", "g"),
        ("directions", "a" * 400, "a" * 401),
        ("directions", "abc", "ab"),
        ("quantity", 0.1, 0),
        ("quantity_unit", "mL", "m"),
        ("days_supply", 1, 0),
        ("days_supply", 365, 366),
        ("refills", 0, -1),
        ("refills", 11, 12),
        ("note_to_pharmacist", "a" * 300, "a" * 301),
        ("series_index", 1, 0),
        ("series_total", 1, 0),
        ("series_total", 3, 4),
    ],
)
def test_prescription_field_limits(field: str, good: object, bad: object) -> None:
    data = _rx().model_dump()
    Prescription.model_validate({**data, field: good})
    with pytest.raises(pydantic.ValidationError):
        Prescription.model_validate({**data, field: bad})


def test_prescription_defaults_and_strictness() -> None:
    rx = Prescription.model_validate(
        {k: v for k, v in _rx().model_dump().items() if k in _REQUIRED}
    )
    assert (rx.serial, rx.refills, rx.substitution_permitted, rx.schedule) == (0, 0, True, "")
    assert (rx.series_index, rx.series_total, rx.do_not_fill_before) == (1, 1, None)
    assert rx.brand == "" and rx.note_to_pharmacist == "" and not rx.controlled
    with pytest.raises(pydantic.ValidationError):
        Prescription.model_validate({**_rx().model_dump(), "colour": "blue"})
    with pytest.raises(pydantic.ValidationError):
        rx.refills = 3  # type: ignore[misc]


_REQUIRED = {
    "issued",
    "patient",
    "drug",
    "strength",
    "form",
    "directions",
    "quantity",
    "quantity_unit",
    "days_supply",
}


def test_the_first_problem_is_the_errors_own() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_profile({"name": "", "prescriber": {"name": ""}})
    assert caught.value.field == "name"
    assert str(caught.value) == "The practice name is needed."
    assert caught.value.problems[0] == ("name", "The practice name is needed.")
