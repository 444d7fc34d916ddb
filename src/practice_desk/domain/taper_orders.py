"""A medication under a taper, as the patient takes it: the step in force is the dose.

While a taper is active its steps are the orders: every screen, document and check reads
the medication through ``as_taken``, so no one sees the pre-taper order as today's dose.
When the taper ends, the same entries are written to the record for good (practice
layer), so the history reads the same before and after.
"""

from __future__ import annotations

from datetime import date

from practice_desk.domain import formulary
from practice_desk.domain.regimens import DoseSchedule, DoseUnit, Order, OrderDetails, OrderStatus
from practice_desk.domain.tapering import Step, TaperPlan

#: Instructions on an order are at most this long (OrderDetails.instructions).
_MAX_INSTRUCTIONS = 500


def step_reason(step: Step, plan: TaperPlan) -> str:
    return f"taper step {step.number} of {len(plan.steps)}"


def step_details(base: OrderDetails, plan: TaperPlan, step: Step) -> OrderDetails:
    """The order details of a taper step: its product when it uses one marketed product
    (in tablets or mL at each time of day), else its mg at each time with the step's words."""
    drug = formulary.load().drugs.get(plan.drug_id)
    product = None
    # One product taken whole (or as tablet halves): the order reads in its units. Beads
    # counted from an opened capsule read in mg, with the step's words saying how.
    beads = any(p.unit == "capsule" and p.per_day % 1 for p in step.parts)
    if drug is not None and len(step.parts) == 1 and not beads:
        product = next((p for p in drug.products if p.label() == step.parts[0].product), None)
    unit = DoseUnit.MG
    if product is not None:
        unit = DoseUnit.ML if product.is_liquid else DoseUnit.UNIT

    def amount(mg: float, ml: float) -> float:
        if unit is DoseUnit.ML:
            return ml
        if unit is DoseUnit.UNIT and product is not None:
            return round(mg / product.strength_mg, 4)
        return mg

    timed = [(t.time, amount(t.mg, t.ml)) for t in step.times if t.mg]
    if not timed:  # a plan saved before doses were divided: one daily amount
        share = step.parts[0].per_day if product is not None and step.parts else step.daily_mg
        timed = [("daily", share)]
    if len(timed) == 1 and timed[0][0] == "daily":
        schedule = DoseSchedule(amount=timed[0][1], times_per_day=1)
    else:
        schedule = DoseSchedule(**dict(timed))
    said = f"Taper step {step.number} of {len(plan.steps)}"
    if product is None:  # the dose reads in mg: say what makes it up
        said += f": {step.how}"
    elif step.device:
        said += f"; measure with a {step.device}"
    return OrderDetails.model_validate(
        base.model_dump()
        | {
            "product": product,
            "dose_unit": unit,
            "schedule": schedule,
            "instructions": said[:_MAX_INSTRUCTIONS],
        }
    )


def view_id(order: Order, number: int) -> int:
    """Ids for entries that exist only as a view (earlier steps): negative, never stored."""
    return -(order.id * 1000 + number)


def as_taken(order: Order, plan: TaperPlan, today: date) -> list[Order]:
    """The order and its started taper steps, oldest first.

    The order itself ends the day step 1 starts ("taper step 1 of N" as the reason), as a
    dose change would; each started step is an order of its own, the one in force keeping
    the order's id so that actions on today's dose reach the stored order. Once the stop
    step has started, the last dose is stopped on that day. Before step 1 starts, the
    order is unchanged."""
    started = [s for s in plan.steps if s.start <= today]
    if not order.active or not started:
        return [order]
    entries = [order.model_copy(update={"id": view_id(order, 0)})]
    for step in started:
        last = entries[-1]
        if step.daily_mg == 0:
            entries[-1] = last.model_copy(
                update={
                    "status": OrderStatus.STOPPED,
                    "end": step.start,
                    "end_reason": f"{step_reason(step, plan)}: stopped",
                }
            )
            return _lasting(entries)
        entries[-1] = last.model_copy(
            update={
                "status": OrderStatus.CHANGED,
                "end": step.start,  # as a dose change does: ends the day the next starts
                "end_reason": step_reason(step, plan),
            }
        )
        entries.append(
            Order(
                id=view_id(order, step.number),
                patient_id=order.patient_id,
                details=step_details(order.details, plan, step),
                start=step.start,
                reason=step_reason(step, plan),
                previous_id=last.id,
                prescriber=order.prescriber,
                row_version=order.row_version,
            )
        )
    entries[-1] = entries[-1].model_copy(update={"id": order.id})  # today's dose: the stored id
    return _lasting(entries)


def _lasting(entries: list[Order]) -> list[Order]:
    """Entries that lasted: a step started and ended on one day is dropped, and so is the
    order itself when the taper was dated to begin before it."""
    first, rest = entries[0], entries[1:]
    kept = [first] if first.end is None or first.end >= first.start else []
    kept += [e for e in rest if e.end is None or e.end > e.start]
    if not kept:  # the order stopped by a taper dated before it: it stops as it starts
        kept = [first.model_copy(update={"end": first.start})]
    return kept
