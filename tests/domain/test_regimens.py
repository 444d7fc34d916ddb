from __future__ import annotations

import pytest
from pydantic import ValidationError

from practice_desk.domain import formulary
from practice_desk.domain.formulary import Product
from practice_desk.domain.regimens import DoseSchedule, DoseUnit, OrderDetails

SERTRALINE = formulary.load().drugs["sertraline"]
TAB_50 = next(p for p in SERTRALINE.products if p.strength_mg == 50)
SOLUTION = next(p for p in SERTRALINE.products if p.is_liquid)


def test_daily_mg_from_tablets_at_times_of_day() -> None:
    order = OrderDetails(
        drug_id="sertraline",
        name="sertraline",
        product=TAB_50,
        schedule=DoseSchedule(morning=1, bedtime=0.5),
    )
    assert order.daily_mg == 75
    assert order.directions() == "1 tablet in the morning, 0.5 tablet at bedtime"


def test_daily_mg_from_a_liquid_and_from_mg() -> None:
    liquid = OrderDetails(
        drug_id="sertraline",
        name="sertraline",
        product=SOLUTION,
        dose_unit=DoseUnit.ML,
        schedule=DoseSchedule(amount=1.5, times_per_day=2),
    )
    assert liquid.daily_mg == 60
    assert liquid.directions() == "1.5 mL twice a day"
    in_mg = OrderDetails(
        name="Herbal tea", dose_unit=DoseUnit.MG, schedule=DoseSchedule(amount=100, times_per_day=1)
    )
    assert in_mg.daily_mg == 100 and not in_mg.checked


def test_as_needed_counts_its_daily_maximum() -> None:
    prn = OrderDetails(
        drug_id="hydroxyzine",
        name="hydroxyzine",
        product=Product(form="tablet", strength_mg=25),
        schedule=DoseSchedule(amount=1, as_needed=True, max_per_day=4),
    )
    assert prn.daily_mg == 100
    assert prn.directions() == "1 tablet when needed, at most 4 tablets a day"


@pytest.mark.parametrize(
    ("schedule", "words"),
    [
        ({}, "no doses"),
        ({"morning": 1, "amount": 1, "times_per_day": 2}, "not both"),
        ({"as_needed": True}, "most-per-day"),
    ],
)
def test_impossible_schedules_are_explained(schedule: dict[str, object], words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        DoseSchedule.model_validate(schedule)


def test_ml_dosing_needs_a_liquid() -> None:
    with pytest.raises(ValidationError, match="oral liquid"):
        OrderDetails(
            drug_id="sertraline",
            name="sertraline",
            product=TAB_50,
            dose_unit=DoseUnit.ML,
            schedule=DoseSchedule(amount=1, times_per_day=1),
        )


def test_directions_in_spanish() -> None:
    order = OrderDetails(
        drug_id="sertraline",
        name="sertraline",
        product=TAB_50,
        schedule=DoseSchedule(morning=1, bedtime=2),
    )
    assert order.directions("es") == "1 tableta por la mañana, 2 tabletas al acostarse"
    prn = DoseSchedule(amount=1, as_needed=True, max_per_day=3)
    assert (
        prn.words("tablet", "es") == "1 tableta cuando lo necesite, como máximo 3 tabletas al día"
    )


def test_daily_mg_carries_no_floating_point_noise() -> None:
    # 0.34 mL of 20 mg/mL is 6.8 mg; unrounded it reads 6.800000000000001, which would
    # miss a taper step's dose and cross a ceiling of exactly 6.8.
    liquid = OrderDetails(
        drug_id="sertraline",
        name="sertraline",
        product=SOLUTION,
        dose_unit=DoseUnit.ML,
        schedule=DoseSchedule(amount=0.34, times_per_day=1),
    )
    assert 0.34 * 20 != 6.8 and liquid.daily_mg == 6.8
    in_mg = OrderDetails(
        name="sertraline", dose_unit=DoseUnit.MG, schedule=DoseSchedule(morning=0.1, evening=0.2)
    )
    assert in_mg.daily_mg == 0.3
