"""Labs, rating scales, follow-ups and what monitoring is due, per patient and practice-wide."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from practice_desk.domain import formulary, monitoring, scales
from practice_desk.domain.changes import Change
from practice_desk.domain.errors import ValidationError
from practice_desk.domain.monitoring import DueItem, LabFlag
from practice_desk.domain.records import LabResult, ScaleRecord
from practice_desk.domain.regimens import Order
from practice_desk.domain.storage import Store
from practice_desk.domain.users import Permission
from practice_desk.practice.as_taken import orders_as_taken
from practice_desk.practice.session import Service, use_case


class RecordedScale(BaseModel):
    model_config = ConfigDict(frozen=True)

    record: ScaleRecord
    result: scales.ScaleResult


class PatientDue(BaseModel):
    model_config = ConfigDict(frozen=True)

    patient_id: int
    item: DueItem
    drug: str


class ResultsService(Service):
    """Rating scales, lab results and what monitoring is due."""

    # --- labs ------------------------------------------------------------------------------

    @use_case(Permission.RECORD_SCALES, changes=(Change.RESULTS,))
    def record_lab(
        self,
        patient_id: int,
        test_id: str,
        value: float | None,
        *,
        taken_on: date,
        text: str = "",
        unit: str | None = None,
    ) -> tuple[LabResult, LabFlag | None]:
        """Save a result (a number, or words such as "negative"); returns how it reads.
        ``unit``: for a test reported in several units, the one the number is in."""
        lab = monitoring.labs().get(test_id)
        if lab is None:
            raise ValidationError("test_id", f"“{test_id}” is not a test Practice Desk knows.")
        if lab.units and value is not None and unit not in lab.units:
            raise ValidationError(
                "unit", f"Say which unit the {lab.name} result is in: {', '.join(lab.units)}."
            )
        stored_unit = unit if lab.units and value is not None else lab.unit
        if value is None and not text.strip():
            raise ValidationError(
                "value", "Enter the result: a number, or words such as “negative”."
            )
        if value is not None and not math.isfinite(value):
            raise ValidationError("value", "Enter the result as a number.")
        if taken_on > date.today():
            raise ValidationError("taken_on", "The result is dated in the future. Check the date.")
        flag = monitoring.classify(test_id, value) if value is not None else None
        with self._change():
            saved = self._store.results.add_lab(
                patient_id,
                test_id,
                value,
                text.strip(),
                stored_unit or "",
                taken_on,
                self._actor_id,
            )
            self._audit("lab.recorded", patient_id, {"result_id": saved.id, "test_id": test_id})
        return saved, flag

    @use_case(Permission.VIEW_CHART)
    def lab_results(self, patient_id: int, test_id: str | None = None) -> list[LabResult]:
        return self._store.results.labs(patient_id, test_id)

    @use_case(Permission.VIEW_CHART)
    def monitoring_due(self, patient_id: int, *, today: date | None = None) -> list[PatientDue]:
        """What each active medication's monitoring asks for next, earliest first."""
        return self._due_for(patient_id, today or date.today())

    @use_case(Permission.VIEW_CHART)
    def practice_due(self, *, today: date | None = None, within_days: int = 7) -> list[PatientDue]:
        """Monitoring due within the next days, or overdue, across all active patients."""
        today = today or date.today()
        due: list[PatientDue] = []
        # Only drugs with a monitoring schedule can make anything due.
        monitored = {d.id for d in formulary.load().drugs.values() if d.monitoring}
        for patient_id in self._store.results.patients_on_medication(monitored):
            due += [
                d
                for d in self._due_for(patient_id, today)
                if (d.item.due - today).days <= within_days
            ]
        return sorted(due, key=lambda d: d.item.due)

    def _due_for(self, patient_id: int, today: date) -> list[PatientDue]:
        return due_for(self._store, patient_id, today)

    # --- scales ----------------------------------------------------------------------------

    @use_case(Permission.RECORD_SCALES, changes=(Change.RESULTS,))
    def record_scale(
        self,
        patient_id: int,
        scale_id: str,
        answers: Sequence[int] | Mapping[str, int],
        *,
        taken_on: date,
        sex: str | None = None,
    ) -> RecordedScale:
        """Score and save a rating scale; its flags (e.g. PHQ-9 item 9) come back with it."""
        try:
            result = scales.score(scale_id, answers, sex=sex)
        except ValueError as exc:
            raise ValidationError("answers", str(exc)) from None
        scale = scales.get(scale_id)
        by_item = (
            dict(answers)
            if isinstance(answers, Mapping)
            else {item.id: value for item, value in zip(scale.items, answers, strict=False)}
        )
        with self._change():
            record = self._store.results.add_scale(
                patient_id,
                scale_id,
                by_item,
                result.total,
                result.band,
                tuple(f.id for f in result.flags),
                taken_on,
                self._actor_id,
            )
            self._audit(
                "scale.recorded", patient_id, {"result_id": record.id, "scale_id": scale_id}
            )
        return RecordedScale(record=record, result=result)

    @use_case(Permission.VIEW_CHART)
    def scale_history(self, patient_id: int, scale_id: str | None = None) -> list[ScaleRecord]:
        return self._store.results.scales(patient_id, scale_id)

    # --- follow-ups ------------------------------------------------------------------------


def due_for(store: Store, patient_id: int, today: date) -> list[PatientDue]:
    """Next due monitoring for each active medication of a patient, earliest first."""
    history = orders_as_taken(store, patient_id, today)
    results: dict[str, list[date]] = defaultdict(list)
    for result in store.results.labs(patient_id):
        results[result.test_id].append(result.taken_on)
    data = formulary.load()
    out: list[PatientDue] = []
    for order in (o for o in history if o.active and o.details.drug_id):
        drug = data.drugs.get(order.details.drug_id or "")
        if drug is None or not drug.monitoring:
            continue
        started, changes = _course(order, history)
        for item in monitoring.due_items(
            drug.monitoring, started=started, changes=changes, results=results, today=today
        ):
            out.append(PatientDue(patient_id=patient_id, item=item, drug=drug.generic))
    return sorted(out, key=lambda d: d.item.due)


def _course(order: Order, history: Sequence[Order]) -> tuple[date, list[date]]:
    """The first start of a medication's chain of dose changes, and the dates of the changes."""
    by_id = {o.id: o for o in history}
    chain = [order]
    while chain[-1].previous_id in by_id:
        chain.append(by_id[chain[-1].previous_id])
    chain.reverse()
    return chain[0].start, [o.start for o in chain[1:]]
