"""Taper plans: every dose takeable, never a bigger cut than chosen, zero or a reason."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_desk.domain.formulary import Drug
from practice_desk.domain.tapering import UG, Doser, Strategy, plan, suggested_settings

START = date(2027, 1, 4)


def make_drug(products: list[dict[str, object]], **extra: object) -> Drug:
    data: dict[str, object] = {
        "id": "testdrug",
        "generic": "testdrug",
        "class": "ssri",
        "psychiatric": True,
        "source": "synthetic test drug",
        "last_verified": "2026-11-25",
        "products": products,
    }
    data.update(extra)
    return Drug.model_validate(data)


CITALOPRAM_LIKE = make_drug(
    [
        {"form": "tablet", "strength_mg": 10, "scored": True, "splittable": True},
        {"form": "tablet", "strength_mg": 20, "scored": True, "splittable": True},
        {"form": "tablet", "strength_mg": 40, "scored": True, "splittable": True},
        {"form": "solution", "strength_mg": 2, "mg_per_ml": 2},
    ]
)


def test_hyperbolic_steps_cut_a_share_of_the_current_dose() -> None:
    taper = plan(
        CITALOPRAM_LIKE, 20, strategy="hyperbolic", step_percent=10, interval_days=28, start=START
    )
    doses = [s.daily_mg for s in taper.steps]
    assert doses[:3] == [18.0, 16.2, 14.6]
    cuts_mg = [a - b for a, b in zip([20.0, *doses], doses, strict=False)][:10]
    assert cuts_mg[0] > cuts_mg[-1]  # mg cuts shrink as the dose falls
    assert taper.steps[0].start == START
    assert taper.steps[1].start == date(2027, 2, 1)
    assert taper.steps[0].end == date(2027, 1, 31)
    assert "mL of the 2 mg/mL oral solution" in taper.steps[0].how


def test_tablets_only_stops_where_a_liquid_is_needed_and_says_so() -> None:
    taper = plan(
        CITALOPRAM_LIKE, 20, step_percent=10, interval_days=28, allow_liquid=False, start=START
    )
    assert not taper.reaches_zero
    assert any(
        "2 mg/mL oral solution would allow smaller steps" in w and "plan stops here" in w
        for w in taper.warnings
    )


def test_linear_taper_reaches_zero_with_whole_and_half_tablets() -> None:
    taper = plan(
        CITALOPRAM_LIKE, 20, strategy="linear", step_percent=25, interval_days=14, start=START
    )
    assert [s.daily_mg for s in taper.steps] == [15.0, 10.0, 5.0, 0.0]
    assert taper.steps[0].how == "1 x 10 mg tablet + 1 x half of a 10 mg tablet"
    assert taper.steps[-1].how == "Stop: take none"
    assert taper.steps[-1].end is None
    assert taper.end == date(2027, 2, 15)


def test_custom_doses_are_rounded_to_what_can_be_taken() -> None:
    taper = plan(
        CITALOPRAM_LIKE, 40, strategy="custom", custom_mg=[30, 20, 12.5, 5, 0], start=START
    )
    # 12.5 mg cannot be made from halves of these tablets, so the liquid makes 12.6 mg:
    # rounding goes up (a smaller cut), within the tenth a custom step may move.
    assert [s.daily_mg for s in taper.steps] == [30.0, 20.0, 12.6, 5.0, 0.0]
    assert "mL of the 2 mg/mL oral solution" in taper.steps[2].how
    with pytest.raises(ValueError, match="go down"):
        plan(CITALOPRAM_LIKE, 40, strategy="custom", custom_mg=[30, 35, 0])


def test_bad_settings_are_explained() -> None:
    with pytest.raises(ValueError, match="more than 0 mg"):
        plan(CITALOPRAM_LIKE, 0)
    with pytest.raises(ValueError, match="between 1% and 50%"):
        plan(CITALOPRAM_LIKE, 20, step_percent=80)
    with pytest.raises(ValueError, match="not in the formulary"):
        plan("no-such-drug", 20)


def test_lithium_plans_faster_than_four_weeks_are_warned_about() -> None:
    lithium = make_drug(
        [{"form": "capsule", "strength_mg": 300}, {"form": "capsule", "strength_mg": 150}],
        id="lithium",
        generic="lithium",
        **{"class": "lithium"},
    )
    quick = plan(lithium, 900, strategy="linear", step_mg=300, interval_days=7, start=START)
    assert quick.reaches_zero
    assert any("at least 4 weeks" in w for w in quick.warnings)
    slow = plan(lithium, 900, strategy="linear", step_mg=150, interval_days=14, start=START)
    assert not any("at least 4 weeks" in w for w in slow.warnings)
    assert suggested_settings(lithium).strategy is Strategy.LINEAR


def test_doser_never_offers_a_dose_outside_the_window() -> None:
    doser = Doser(list(CITALOPRAM_LIKE.products), allow_splitting=False, ceiling_ug=40 * UG)
    assert doser.nearest(15 * UG, 14 * UG, 16 * UG) is not None  # 15 mg from liquid
    tablets_only = Doser(
        list(CITALOPRAM_LIKE.products[:3]), allow_splitting=False, ceiling_ug=40 * UG
    )
    assert tablets_only.nearest(15 * UG, 14 * UG, 16 * UG) is None


# --- properties over random drugs, products and rates --------------------------------------

solid = st.builds(
    dict,
    form=st.sampled_from(["tablet", "capsule"]),
    strength_mg=st.sampled_from([0.5, 1, 2, 2.5, 5, 7.5, 10, 12.5, 20, 25, 40, 50, 100]),
    scored=st.booleans(),
)
liquid_conc = st.sampled_from([0.5, 1, 2, 4, 5, 10, 20, 50])


@st.composite
def drugs(draw: st.DrawFn) -> Drug:
    products = []
    for raw in draw(st.lists(solid, min_size=1, max_size=4)):
        product = dict(raw)
        product["splittable"] = product["form"] == "tablet" and bool(product["scored"])
        if product["form"] == "capsule":
            product["scored"] = False
        products.append(product)
    if draw(st.booleans()):
        conc = draw(liquid_conc)
        products.append({"form": "solution", "strength_mg": conc, "mg_per_ml": conc})
    return make_drug(products)


def _takeable(doser: Doser, mg: float) -> bool:
    return doser.can_make(round(mg * UG))


@settings(max_examples=150, deadline=None)
@given(
    drug=drugs(),
    start_mg=st.sampled_from([5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200]),
    strategy=st.sampled_from(["hyperbolic", "linear"]),
    percent=st.sampled_from([5, 10, 20, 25, 33, 50]),
    allow_splitting=st.booleans(),
)
def test_taper_invariants(
    drug: Drug, start_mg: float, strategy: str, percent: float, allow_splitting: bool
) -> None:
    taper = plan(
        drug,
        start_mg,
        strategy=strategy,
        step_percent=percent,
        interval_days=14,
        allow_splitting=allow_splitting,
        start=START,
    )
    doser = Doser(
        [p for p in drug.products], allow_splitting=allow_splitting, ceiling_ug=round(start_mg * UG)
    )
    doses = [s.daily_mg for s in taper.steps]
    previous = start_mg
    linear_cut = start_mg * percent / 100
    for step in taper.steps:
        # Non-increasing, and every dose can really be taken.
        assert step.daily_mg <= previous + 1e-9
        if step.daily_mg > 0:
            assert _takeable(doser, step.daily_mg), step
            assert step.daily_mg < previous
            # Never more than the chosen cut.
            if strategy == "hyperbolic":
                assert step.daily_mg >= previous * (1 - percent / 100) - 1e-6, (previous, step)
            else:
                assert previous - step.daily_mg <= linear_cut + 1e-6, (previous, step)
        previous = step.daily_mg
    # Reaches zero, or explains why not.
    assert taper.reaches_zero or any("plan stops here" in w for w in taper.warnings), (
        doses,
        taper.warnings,
    )
    if taper.reaches_zero:
        assert doses.count(0.0) == 1


@pytest.mark.parametrize("interval", [1, 7, 28])
def test_dates_follow_the_interval(interval: int) -> None:
    taper = plan(
        CITALOPRAM_LIKE, 20, strategy="linear", step_mg=5, interval_days=interval, start=START
    )
    gaps = {(b.start - a.start).days for a, b in zip(taper.steps, taper.steps[1:], strict=False)}
    assert gaps == {interval}


def test_benzodiazepine_can_be_switched_to_diazepam_first() -> None:
    taper = plan("lorazepam", 2, via_diazepam=True, step_percent=10, interval_days=14, start=START)
    assert taper.drug_id == "diazepam" and taper.start_mg == 10  # 2 mg lorazepam ~ 10 mg diazepam
    assert "switch 2 mg a day of lorazepam to about 10 mg a day of diazepam" in taper.warnings[0]
    with pytest.raises(ValueError, match="Only a benzodiazepine"):
        plan("sertraline", 50, via_diazepam=True)


def test_linear_steps_do_not_drift_and_stop_at_the_floor() -> None:
    lithium = make_drug(
        [
            {"form": "capsule", "strength_mg": 300},
            {"form": "capsule", "strength_mg": 150},
            {"form": "solution", "strength_mg": 60, "mg_per_ml": 60},
        ],
        id="lithium",
        generic="lithium",
        **{"class": "lithium"},
    )
    taper = plan(lithium, 900, strategy="linear", step_percent=25, interval_days=14, start=START)
    # Targets count down from the start (675, 450, 225); rounding to 6 mg liquid steps
    # moves each by a few mg but never adds up.
    doses = [s.daily_mg for s in taper.steps]
    assert doses[-1] == 0.0 and len(doses) == 4
    assert all(abs(d - t) <= 10 for d, t in zip(doses, [675, 450, 225], strict=False))
    with pytest.raises(ValueError, match="less than 2 weeks"):
        plan(lithium, 900, strategy="linear", step_percent=50, interval_days=3, start=START)


def test_stopping_at_once_is_called_out() -> None:
    capsule_only = make_drug([{"form": "capsule", "strength_mg": 7.5}])
    taper = plan(capsule_only, 7.5, step_percent=25, start=START)
    assert [s.daily_mg for s in taper.steps] == [0.0]
    assert any("stops testdrug at once" in w for w in taper.warnings)


def test_large_liquid_volumes_are_avoided() -> None:
    drug = make_drug(
        [
            {"form": "capsule", "strength_mg": 25},
            {"form": "capsule", "strength_mg": 10},
            {"form": "solution", "strength_mg": 2, "mg_per_ml": 2},
        ]
    )
    taper = plan(drug, 75, step_percent=10, interval_days=28, start=START)
    volumes = [float(s.how.split(" mL")[0].split()[-1]) for s in taper.steps if " mL" in s.how]
    assert all(v <= 10 for v in volumes)
