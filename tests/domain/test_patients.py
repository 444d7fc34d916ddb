from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_desk.domain.errors import ValidationError
from practice_desk.domain.patients import PatientDetails, parse_details
from tests.helpers import patient_data


def test_valid_patient_keeps_unicode_names_exactly() -> None:
    details = parse_details(patient_data(family_name="Ólafsdóttir-Nguyễn", given_name="Zoë 李"))
    assert details.family_name == "Ólafsdóttir-Nguyễn"
    assert details.given_name == "Zoë 李"
    assert details.display_name == "Ólafsdóttir-Nguyễn, Zoë 李"


def test_birth_in_the_future_is_refused_in_words() -> None:
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        parse_details(patient_data(date_of_birth=tomorrow.isoformat()))
    assert caught.value.field == "date_of_birth"
    assert "future" in str(caught.value)


def test_birth_over_120_years_ago_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_details(patient_data(date_of_birth="1890-01-01"))
    assert caught.value.field == "date_of_birth"
    assert "120 years" in str(caught.value)


@pytest.mark.parametrize("field", ["family_name", "given_name"])
def test_blank_names_are_refused(field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_details(patient_data(**{field: "   "}))
    assert caught.value.field == field
    assert "blank" in str(caught.value)


def test_every_problem_is_listed_for_the_form() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_details(patient_data(family_name="", given_name="", date_of_birth="not a date"))
    fields = {field for field, _ in caught.value.problems}
    assert fields == {"family_name", "given_name", "date_of_birth"}
    messages = dict(caught.value.problems)
    assert "real date" in messages["date_of_birth"]


def test_diagnosis_codes_are_checked_against_icd10cm() -> None:
    details = parse_details(patient_data(diagnoses=["f411", {"code": "F32.A"}]))
    assert [(d.code, d.description) for d in details.diagnoses] == [
        ("F41.1", "Generalized anxiety disorder"),
        ("F32.A", "Depression, unspecified"),
    ]
    with pytest.raises(ValidationError) as caught:
        parse_details(patient_data(diagnoses=["F99.99"]))
    assert caught.value.field.startswith("diagnoses")
    assert "not an ICD-10-CM code" in str(caught.value)


def test_phone_and_email_shapes() -> None:
    with pytest.raises(ValidationError, match="7 to 15 digits"):
        parse_details(patient_data(phone="12"))
    with pytest.raises(ValidationError, match=r"name@example\.org"):
        parse_details(patient_data(email="not-an-address"))


def test_allergy_needs_a_substance() -> None:
    with pytest.raises(ValidationError, match="substance"):
        parse_details(patient_data(allergies=[{"substance": " ", "reaction": "rash"}]))


def test_age_counts_whole_years() -> None:
    details = parse_details(patient_data(date_of_birth="2000-06-15"))
    assert details.age(date(2026, 6, 14)) == 25
    assert details.age(date(2026, 6, 15)) == 26


_text = st.one_of(st.text(max_size=30), st.none(), st.integers(), st.just(""))
_fields = st.fixed_dictionaries(
    {},
    optional={
        "family_name": _text,
        "given_name": _text,
        "preferred_name": _text,
        "date_of_birth": st.one_of(st.dates().map(str), st.text(max_size=12), st.integers()),
        "sex": st.sampled_from(["female", "male", "unknown", "other", ""]),
        "phone": _text,
        "email": _text,
        "diagnoses": st.lists(st.text(min_size=1, max_size=8), max_size=2),
        "allergies": st.lists(st.fixed_dictionaries({"substance": _text}), max_size=2),
        "unexpected": _text,
    },
)


@settings(max_examples=300, deadline=None)
@given(_fields)
def test_any_input_gives_a_patient_or_a_clear_message(data: dict[str, object]) -> None:
    try:
        details = parse_details(data)
    except ValidationError as exc:
        assert exc.problems, "a refusal names at least one problem"
        for field, message in exc.problems:
            assert field
            assert message.endswith((".", ")")), message
            assert "pydantic" not in message.lower() and "Traceback" not in message
    else:
        assert isinstance(details, PatientDetails)
        assert details.family_name.strip() and details.given_name.strip()
        assert details.date_of_birth <= date.today()
