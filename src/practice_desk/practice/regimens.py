"""Medications: start, change the dose, stop, check and reconcile, with safety checks first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from practice_desk.domain.changes import Change
from practice_desk.domain.conditions import LabFact
from practice_desk.domain.errors import (
    ConcurrentEdit,
    Conflict,
    OverrideRequired,
    ValidationError,
)
from practice_desk.domain.formulary import STOPPED_SMOKING_DAYS
from practice_desk.domain.patients import Patient
from practice_desk.domain.records import LabResult
from practice_desk.domain.regimens import (
    Order,
    OrderDetails,
    OrderStatus,
    ReconcileItem,
    Reported,
    reconcile,
)
from practice_desk.domain.safety import Alert, AlertSeverity, Med, PatientFacts, StoppedMed, check
from practice_desk.domain.users import Permission
from practice_desk.practice.as_taken import CHANGE_INSTEAD, orders_as_taken, refuse_during_taper
from practice_desk.practice.results import due_for
from practice_desk.practice.session import Service, use_case

#: How far back stopped medications count for washout checks (fluoxetine needs 5 weeks).
WASHOUT_LOOKBACK_DAYS = 60


class RegimensService(Service):
    """Medications: start, change the dose, stop, check and reconcile."""

    @use_case(Permission.VIEW_CHART)
    def medications(self, patient_id: int, *, include_history: bool = False) -> list[Order]:
        """Active orders (or the whole timeline), oldest first."""
        return orders_as_taken(
            self._store, patient_id, date.today(), active_only=not include_history
        )

    @use_case(Permission.VIEW_CHART)
    def check_medications(
        self,
        patient_id: int,
        proposed: OrderDetails | None = None,
        *,
        replacing: int | None = None,
        today: date | None = None,
    ) -> list[Alert]:
        """Alerts for the active list plus a proposed order (replacing one, for a dose change)."""
        today = today or date.today()
        patient = self._store.patients.get(patient_id)
        taken = orders_as_taken(self._store, patient_id, today)
        active = [o for o in taken if o.active and o.id != replacing]
        details = [o.details for o in active] + ([proposed] if proposed else [])
        # Stopped as taken: a taper's stop counts from its day, before the taper is ended.
        since = today - timedelta(days=WASHOUT_LOOKBACK_DAYS)
        stopped = [
            o
            for o in taken
            if o.status is OrderStatus.STOPPED and o.taken and o.end and o.end >= since
        ]
        return check(
            [
                Med(name=d.drug_id or d.name, daily_mg=d.daily_mg, product=d.product)
                for d in details
            ],
            stopped=[
                StoppedMed(name=o.details.drug_id or o.details.name, ended=o.end or today)
                for o in stopped
            ],
            patient=_facts(patient, today).model_copy(
                update={
                    "overdue_monitoring": tuple(
                        (d.item.protocol_id, d.item.what, d.item.due)
                        for d in due_for(self._store, patient_id, today)
                        if d.item.overdue
                    ),
                    "labs": _latest_labs(self._store.results.labs(patient_id), today),
                }
            ),
            today=today,
        )

    @use_case(Permission.CHANGE_REGIMEN, changes=(Change.MEDICATIONS,))
    def start_medication(
        self,
        patient_id: int,
        details: OrderDetails,
        *,
        start: date | None = None,
        reason: str = "",
        override_reason: str = "",
    ) -> tuple[Order, list[Alert]]:
        """Save a new order after the safety checks; contraindications need override_reason."""
        user = self.user
        start = start or date.today()
        alerts = self.check_medications(patient_id, details, today=start)
        blocking = _blocking(alerts, details)
        _require_override(blocking, override_reason)
        with self._change():
            order = self._store.orders.add(
                Order(
                    id=0,
                    patient_id=patient_id,
                    details=details,
                    start=start,
                    reason=reason,
                    prescriber=details.external_prescriber or user.full_name,
                ),
                user.id or None,
            )
            self._audit(
                "medication.started",
                patient_id,
                {
                    "order_id": order.id,
                    "drug_id": details.drug_id,
                    "external": bool(details.external_prescriber),
                },
            )
            self._record_override(order, blocking, override_reason)
        return order, alerts

    @use_case(Permission.CHANGE_REGIMEN, changes=(Change.MEDICATIONS,))
    def change_dose(
        self,
        order_id: int,
        details: OrderDetails,
        *,
        row_version: int,
        reason: str,
        on: date | None = None,
        override_reason: str = "",
    ) -> tuple[Order, list[Alert]]:
        """End the order and start its successor on the same day, linked, with the reason."""
        user = self.user
        if not reason.strip():
            raise ValidationError("reason", "Say why the dose changes; the history keeps it.")
        current = self._store.orders.get(order_id)
        if not current.active:
            raise Conflict(_no_longer_active(current))
        refuse_during_taper(self._store, current, CHANGE_INSTEAD)
        if current.row_version != row_version:
            raise ConcurrentEdit("medication")
        if (details.drug_id or details.name) != (current.details.drug_id or current.details.name):
            raise ValidationError(
                "drug",
                f"A dose change keeps the same medication. To switch from "
                f"{current.details.name} to {details.name}, stop one and start the other.",
            )
        on = on or date.today()
        if on < current.start:
            raise ValidationError("on", "A dose change cannot be dated before the order started.")
        alerts = self.check_medications(current.patient_id, details, replacing=order_id, today=on)
        blocking = _blocking(alerts, details)
        _require_override(blocking, override_reason)
        with self._change():
            self._store.orders.end(
                current.model_copy(update={"row_version": row_version}),
                OrderStatus.CHANGED,
                on,
                reason,
                user.id or None,
            )
            order = self._store.orders.add(
                Order(
                    id=0,
                    patient_id=current.patient_id,
                    details=details,
                    start=on,
                    reason=reason,
                    previous_id=current.id,
                    prescriber=details.external_prescriber or user.full_name,
                ),
                user.id or None,
            )
            self._audit(
                "medication.changed",
                current.patient_id,
                {"order_id": order.id, "previous_id": current.id, "drug_id": details.drug_id},
            )
            self._record_override(order, blocking, override_reason)
        return order, alerts

    @use_case(Permission.CHANGE_REGIMEN, changes=(Change.MEDICATIONS,))
    def stop_medication(
        self,
        order_id: int,
        *,
        row_version: int,
        reason: str,
        on: date | None = None,
        in_error: bool = False,
    ) -> Order:
        """Stop an order (from ``on``, today by default). ``in_error``: it was entered in
        error and never taken; it leaves no washout and no line on the dose timeline."""
        user = self.user
        if not reason.strip() and not in_error:
            raise ValidationError(
                "reason", "Say why the medication is stopped; the history keeps it."
            )
        current = self._store.orders.get(order_id)
        if not current.active:
            raise Conflict(_no_longer_active(current))
        refuse_during_taper(self._store, current, CHANGE_INSTEAD)
        if in_error and current.previous_id is not None:
            raise ValidationError(
                "in_error",
                f"This {current.details.name} order continues an earlier dose: change the dose "
                "back instead of marking it entered in error.",
            )
        on = current.start if in_error else (on or date.today())
        if on < current.start:
            raise ValidationError("on", "A medication cannot stop before it started.")
        with self._change():
            stopped = self._store.orders.end(
                current.model_copy(update={"row_version": row_version}),
                OrderStatus.STOPPED,
                on,
                reason.strip() or "entered in error",
                user.id or None,
                in_error,
            )
            self._audit(
                "medication.entered_in_error" if in_error else "medication.stopped",
                current.patient_id,
                {"order_id": order_id, "drug_id": current.details.drug_id},
            )
        return stopped

    @use_case(Permission.VIEW_CHART)
    def injections_due(self, *, until: date, today: date | None = None) -> list[InjectionDue]:
        """Doses given every so many days (long-acting injections) due by a day, soonest
        first, each with its next due date counted from the order's first dose."""
        day = today or date.today()
        due = []
        for order in self._store.orders.given_every_few_days():
            when = order.next_dose(day)
            if when is not None and when <= until:
                due.append(InjectionDue(order.patient_id, order, when))
        return sorted(due, key=lambda d: (d.due, d.patient_id))

    @use_case(Permission.VIEW_CHART)
    def reconcile_medications(
        self, patient_id: int, reported: list[Reported]
    ) -> list[ReconcileItem]:
        """What the patient reports against the chart: new, missing, dose differs, same."""
        return reconcile(
            reported, orders_as_taken(self._store, patient_id, date.today(), active_only=True)
        )

    def _record_override(self, order: Order, blocking: list[Alert], reason: str) -> None:
        if not blocking:
            return
        rule_ids = sorted({a.rule_id or a.kind.value for a in blocking})
        reason = " ".join(reason.split())
        self._store.orders.add_override(order.id, rule_ids, reason, self._actor_id)
        self._audit(
            "safety.override",
            order.patient_id,
            {
                "order_id": order.id,
                "rules": rule_ids,
                "reason": reason,
                "alerts": [a.message for a in blocking],
            },
        )


@dataclass(frozen=True)
class InjectionDue:
    patient_id: int
    order: Order
    due: date


def _facts(patient: Patient, today: date) -> PatientFacts:
    d = patient.details
    return PatientFacts(
        age=d.age(today),
        smoker=bool(d.smoker),
        stopped_smoking=d.smoking_stopped is not None
        and 0 <= (today - d.smoking_stopped).days <= STOPPED_SMOKING_DAYS,
        pregnancy_possible=d.pregnancy_possible,
        allergies=tuple(a.substance for a in d.allergies),
        diagnoses=tuple(dx.code for dx in d.diagnoses),
    )


def _latest_labs(results: list[LabResult], today: date) -> tuple[LabFact, ...]:
    """The latest result of each test taken by today (what the drug–lab checks read)."""
    latest: dict[str, LabResult] = {}
    for result in results:
        if result.taken_on <= today and (
            result.test_id not in latest or result.taken_on >= latest[result.test_id].taken_on
        ):
            latest[result.test_id] = result
    return tuple(
        LabFact(test=r.test_id, value=r.value, text=r.text, unit=r.unit, taken_on=r.taken_on)
        for r in latest.values()
    )


def _blocking(alerts: list[Alert], proposed: OrderDetails) -> list[Alert]:
    """Contraindicated alerts that involve the proposed medication."""
    key = proposed.drug_id
    return [
        a
        for a in alerts
        if a.severity is AlertSeverity.CONTRAINDICATED and (key is None or key in a.drugs)
    ]


#: An override's reason is a sentence: at least this many letters, in two words or more.
OVERRIDE_MIN_LETTERS = 15


def override_reason_problem(reason: str) -> str:
    """What is wrong with an override's reason ("" when it will do)."""
    letters = sum(ch.isalpha() for ch in reason)
    if letters >= OVERRIDE_MIN_LETTERS and len(reason.split()) >= 2:
        return ""
    return (
        "Say in words why this combination is right for this patient, for example "
        "“cross-taper over two weeks, reviewed with the patient”: the audit trail keeps it."
    )


def _require_override(blocking: list[Alert], override_reason: str) -> None:
    if not blocking:
        return
    if not override_reason.strip():
        summary = " ".join(a.message for a in blocking[:2])
        raise OverrideRequired(list(blocking), summary)
    problem = override_reason_problem(override_reason)
    if problem:
        raise ValidationError("override_reason", problem)


def _no_longer_active(order: Order) -> str:
    when = f" on {order.end.day} {order.end:%b %Y}" if order.end else ""
    return (
        f"This {order.details.name} order was changed or stopped{when}. Reopen the chart to see "
        "the current medication."
    )
