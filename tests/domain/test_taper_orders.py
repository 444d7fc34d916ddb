"""A taper step as an order: the product and unit it reads in, and the entries it makes."""

from __future__ import annotations

from datetime import date, timedelta

from practice_desk.domain import formulary
from practice_desk.domain.regimens import DoseSchedule, DoseUnit, Order, OrderStatus, details_for
from practice_desk.domain.taper_orders import as_taken, step_details, view_id
from practice_desk.domain.tapering import plan

START = date(2027, 1, 4)
DRUG = formulary.load().drugs["sertraline"]
TABLET = {p.strength_mg: p for p in DRUG.products if p.form == "tablet"}


def _order() -> Order:
    return Order(
        id=7,
        patient_id=1,
        details=details_for(DRUG, product=TABLET[100], schedule=DoseSchedule(morning=1)),
        start=START - timedelta(days=300),
    )


def test_a_one_product_step_reads_in_tablets_and_a_liquid_step_in_ml() -> None:
    order = _order()
    taper = plan(DRUG, 100, step_percent=25, start=START, current_product=TABLET[100],
                 dose_times={"morning": 1})  # fmt: skip
    fifty = next(s for s in taper.steps if s.daily_mg == 50)
    details = step_details(order.details, taper, fifty)
    assert details.product == TABLET[50] and details.dose_unit is DoseUnit.UNIT
    assert details.schedule.morning == 1 and details.daily_mg == 50
    liquid = next(s for s in taper.steps if s.device)
    details = step_details(order.details, taper, liquid)
    assert details.dose_unit is DoseUnit.ML and details.product is not None
    assert details.product.is_liquid and details.daily_mg == liquid.daily_mg


def test_entries_follow_the_steps_day_by_day() -> None:
    order = _order()
    taper = plan(DRUG, 100, step_percent=25, start=START, current_product=TABLET[100])
    first, second = taper.steps[0], taper.steps[1]
    assert as_taken(order, taper, first.start - timedelta(days=1)) == [order]
    on_first = as_taken(order, taper, first.start)
    assert [o.details.daily_mg for o in on_first] == [100, 75]
    assert on_first[-1].id == order.id and on_first[0].id == view_id(order, 0)
    last_day = as_taken(order, taper, second.start - timedelta(days=1))
    assert [o.details.daily_mg for o in last_day] == [100, 75]
    on_second = as_taken(order, taper, second.start)
    assert [o.details.daily_mg for o in on_second] == [100, 75, 62.5]
    assert on_second[1].end == second.start and on_second[1].status is OrderStatus.CHANGED
    stop = taper.steps[-1]
    stopped = as_taken(order, taper, stop.start)
    assert not any(o.active for o in stopped)
    assert stopped[-1].status is OrderStatus.STOPPED and stopped[-1].end == stop.start
    assert len(as_taken(order, taper, stop.start - timedelta(days=1))) == len(taper.steps)


def test_an_opened_capsule_step_reads_in_mg_with_how_to_take_it() -> None:
    venlafaxine = formulary.load().drugs["venlafaxine"]
    capsule = next(p for p in venlafaxine.products if p.form == "capsule" and p.strength_mg == 150)
    order = Order(
        id=3,
        patient_id=1,
        details=details_for(venlafaxine, product=capsule, schedule=DoseSchedule(morning=1)),
        start=START - timedelta(days=300),
    )
    taper = plan(venlafaxine, 150, step_percent=10, start=START, current_product=capsule,
                 allow_capsule_opening=True, allow_compounding=False)  # fmt: skip
    beads = next(s for s in taper.steps if "of the beads of a" in s.how)
    details = step_details(order.details, taper, beads)
    assert details.dose_unit is DoseUnit.MG and details.product is None
    assert "of the beads of a" in details.directions()
    assert details.daily_mg == beads.daily_mg
