"""Medications as the patient takes them: an order under an active taper reads as its step.

Everything that shows or checks today's doses (the chart, the documents, the safety
checks, monitoring) reads orders through here, never the stored orders alone.
"""

from __future__ import annotations

from datetime import date

from practice_desk.domain import taper_orders
from practice_desk.domain.errors import ValidationError
from practice_desk.domain.records import StoredTaper
from practice_desk.domain.regimens import Order, OrderStatus
from practice_desk.domain.storage import Store


def _linked(orders: list[Order], tapers: list[StoredTaper]) -> dict[int, StoredTaper]:
    """Active tapers by the order they taper (by drug, for a taper saved without one)."""
    linked: dict[int, StoredTaper] = {}
    for taper in tapers:
        order_id = taper.order_id
        if order_id is None:
            order_id = next(
                (o.id for o in orders if o.active and o.details.drug_id == taper.plan.drug_id),
                None,
            )
        if order_id is not None:
            linked[order_id] = taper
    return linked


def orders_as_taken(
    store: Store, patient_id: int, today: date, *, active_only: bool = False
) -> list[Order]:
    """The patient's orders (active only, or the whole history oldest first), each order
    under an active taper replaced by its started steps (taper_orders.as_taken)."""
    orders = store.orders.for_patient(patient_id, active_only=active_only)
    linked = _linked(orders, store.tapers.for_patient(patient_id))
    if not linked:
        return orders
    taken: list[Order] = []
    for order in orders:
        taper = linked.get(order.id)
        view = [order] if taper is None else taper_orders.as_taken(order, taper.plan, today)
        taken += [o for o in view if o.active] if active_only else view
    return sorted(taken, key=lambda o: (o.start, abs(o.id)))


def tapered_order(store: Store, taper: StoredTaper) -> Order | None:
    """The stored, active order a taper tapers, if there is one."""
    orders = store.orders.for_patient(taper.patient_id, active_only=True)
    for order_id, linked in _linked(orders, [taper]).items():
        if linked.id == taper.id:
            return next(o for o in orders if o.id == order_id)
    return None


def settle(store: Store, taper: StoredTaper, today: date, user_id: int | None) -> int:
    """Write a taper's started steps to the record as orders, when the taper ends: the
    history then reads as it did while the taper ran. Returns the orders added."""
    order = tapered_order(store, taper)
    if order is None:
        return 0
    taken = taper_orders.as_taken(order, taper.plan, today)
    if taken == [order]:
        return 0  # not started: the order stays as it was
    if taken[0].id == taper_orders.view_id(order, 0):
        itself, steps = taken[0], taken[1:]
    else:  # the taper was dated to begin before the order: the order gives way at once
        itself = order.model_copy(
            update={
                "status": OrderStatus.CHANGED,
                "end": order.start,
                "end_reason": taken[0].reason,
            }
        )
        steps = taken
    assert itself.end is not None
    store.orders.end(order, itself.status, itself.end, itself.end_reason, user_id)
    previous = order.id
    for entry in steps:
        stored = store.orders.add(
            entry.model_copy(update={"id": 0, "previous_id": previous}), user_id
        )
        previous = stored.id
    return len(steps)


def taper_of(store: Store, order: Order) -> StoredTaper | None:
    """The active taper of an order, if any."""
    tapers = store.tapers.for_patient(order.patient_id)
    return _linked([order], tapers).get(order.id)


def refuse_during_taper(store: Store, order: Order, instead: str) -> None:
    """An order being tapered changes through its taper: say so, and what to do instead."""
    if taper_of(store, order) is not None:
        raise ValidationError(
            "order",
            f"{order.details.name.capitalize()} is being tapered, so today's dose is the "
            f"taper's step. {instead}",
        )


#: What to do instead of changing, stopping or prescribing a tapered order directly.
CHANGE_INSTEAD = "Hold, step back or re-plan the taper on the Tapers tab, or end it first."
PRESCRIBE_INSTEAD = "Write the prescription from the taper step on the Prescriptions tab."
