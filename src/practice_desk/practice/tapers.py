"""Taper plans on the chart: plan, start, hold, extend, step back, re-plan, symptoms."""

from __future__ import annotations

from datetime import date
from typing import Any

from practice_desk.domain import formulary, taper_progress, tapering
from practice_desk.domain.changes import Change
from practice_desk.domain.errors import Conflict, ValidationError
from practice_desk.domain.records import StoredTaper, TaperEvent, TaperStatus
from practice_desk.domain.taper_progress import SymptomEntry
from practice_desk.domain.tapering import Step, TaperPlan
from practice_desk.domain.users import Permission
from practice_desk.domain.wording import long_date
from practice_desk.practice.as_taken import settle
from practice_desk.practice.session import Service, use_case

#: Two tapers starting closer together than this are warned about.
_APART_DAYS = 14


class TapersService(Service):
    """Taper plans: plan, start, hold, step back, replan, end, and withdrawal logs."""

    @use_case(Permission.VIEW_CHART)
    def plan_taper(self, order_id: int, *, start: date | None = None, **settings: Any) -> TaperPlan:
        """A plan (not saved) from an order's daily dose; ``settings`` as for tapering.plan."""
        order = self._store.orders.get(order_id)
        drug = formulary.load().drugs.get(order.details.drug_id or "")
        if drug is None:
            raise ValidationError(
                "order", "Only a medication from the formulary can be tapered here."
            )
        daily = order.details.daily_mg
        if not daily:
            raise ValidationError(
                "order", "The order's daily dose is not known, so it cannot be tapered."
            )
        try:
            times = order.details.schedule.times() or None  # as needed: the drug's usual
            plan = tapering.plan(
                drug,
                daily,
                start=start or date.today(),
                current_product=order.details.product,
                **({"dose_times": times} | settings),
            )
        except ValueError as exc:
            raise ValidationError("settings", str(exc)) from None
        return self._near_other_tapers(order.patient_id, plan)

    def _near_other_tapers(self, patient_id: int, plan: TaperPlan) -> TaperPlan:
        """Warn when another taper of this patient starts within two weeks of this one:
        withdrawal from one could not then be told from withdrawal from the other."""
        if not plan.steps:
            return plan
        begins = plan.steps[0].start
        near = [
            t
            for t in self._store.tapers.for_patient(patient_id)
            if t.plan.drug_id != plan.drug_id
            and t.plan.steps
            and abs((t.plan.steps[0].start - begins).days) < _APART_DAYS
        ]
        if not near:
            return plan
        others = "; ".join(
            f"{t.plan.drug_name} from {long_date(t.plan.steps[0].start)}" for t in near
        )
        warning = (
            f"Another taper starts within two weeks of this one ({others}). Withdrawal "
            "symptoms could not be told apart: start one taper at a time, and the next once "
            "the first is settled."
        )
        return plan.model_copy(update={"warnings": (*plan.warnings, warning)})

    @use_case(Permission.CHANGE_REGIMEN, changes=(Change.TAPERS, Change.MEDICATIONS))
    def start_taper(
        self, patient_id: int, plan: TaperPlan, *, order_id: int | None = None
    ) -> StoredTaper:
        if self._store.tapers.for_patient(patient_id) and any(
            t.plan.drug_id == plan.drug_id for t in self._store.tapers.for_patient(patient_id)
        ):
            raise ValidationError("plan", f"A taper of {plan.drug_name} is already in progress.")
        with self._change():
            taper = self._store.tapers.add(patient_id, order_id, plan, self._actor_id)
            self._store.tapers.add_event(
                taper.id, "started", 1, {"steps": len(plan.steps)}, self._actor_id
            )
            self._audit(
                "taper.started", patient_id, {"taper_id": taper.id, "drug_id": plan.drug_id}
            )
        return taper

    def __call__(self, patient_id: int, *, include_ended: bool = False) -> list[StoredTaper]:
        """``practice.tapers(patient_id)``, as before the tapers had a service."""
        return self.tapers(patient_id, include_ended=include_ended)

    @use_case(Permission.VIEW_CHART)
    def tapers(self, patient_id: int, *, include_ended: bool = False) -> list[StoredTaper]:
        return self._store.tapers.for_patient(patient_id, active_only=not include_ended)

    @use_case(Permission.VIEW_CHART)
    def active_tapers(self) -> list[StoredTaper]:
        """Every active taper in the practice (for the Today view)."""
        return self._store.tapers.active_all()

    @use_case(Permission.VIEW_CHART)
    def taper_step(self, taper_id: int, *, today: date | None = None) -> Step | None:
        return taper_progress.current_step(
            self._store.tapers.get(taper_id).plan.steps, today or date.today()
        )

    @use_case(Permission.VIEW_CHART)
    def taper_events(self, taper_id: int) -> list[TaperEvent]:
        return self._store.tapers.events(taper_id)

    @use_case(Permission.CHANGE_REGIMEN, changes=(Change.TAPERS,))
    def extend_taper_step(
        self,
        taper_id: int,
        *,
        row_version: int,
        step: int,
        days: int,
        hold: bool = False,
        reason: str = "",
    ) -> StoredTaper:
        """Stay longer on a step ("hold" when withdrawal symptoms are the reason)."""
        taper = self._editable(taper_id, row_version)
        plan = self._checked(lambda: taper_progress.extend(taper.plan, step, days))
        kind = "hold" if hold else "extend"
        return self._save(taper, plan, kind, step, {"days": days, "reason": reason})

    @use_case(Permission.CHANGE_REGIMEN, changes=(Change.TAPERS,))
    def step_back_taper(
        self,
        taper_id: int,
        *,
        row_version: int,
        step: int,
        on: date,
        days: int | None = None,
        reason: str = "",
    ) -> StoredTaper:
        taper = self._editable(taper_id, row_version)
        plan = self._checked(lambda: taper_progress.step_back(taper.plan, step, on, days))
        return self._save(taper, plan, "step_back", step, {"on": on.isoformat(), "reason": reason})

    @use_case(Permission.CHANGE_REGIMEN, changes=(Change.TAPERS,))
    def replan_taper(
        self, taper_id: int, *, row_version: int, from_step: int, reason: str = "", **settings: Any
    ) -> StoredTaper:
        """Continue from a step at a new rate: the steps before it stay as they were."""
        taper = self._editable(taper_id, row_version)
        old = taper.plan
        if not 1 < from_step <= len(old.steps):
            raise ValidationError("from_step", "Re-plan from a later step of the plan.")
        anchor = old.steps[from_step - 2]  # the dose being taken before the re-planned part
        drug = formulary.load().drugs[old.drug_id]
        options = tapering.continuing(drug, old, anchor) | settings  # the prescriber's win
        new = self._checked(
            lambda: tapering.plan(
                drug, anchor.daily_mg, start=old.steps[from_step - 1].start, **options
            )
        )
        plan = taper_progress.replan(old, new, from_step)
        return self._save(taper, plan, "replan", from_step, {"reason": reason, **settings})

    @use_case(Permission.RECORD_SCALES, changes=(Change.TAPERS,))
    def log_withdrawal(self, taper_id: int, entry: SymptomEntry) -> str | None:
        """Record symptoms at a step; returns the advice to hold when they call for it."""
        taper = self._store.tapers.get(taper_id)
        with self._change():
            self._store.tapers.add_event(
                taper_id,
                "symptoms",
                entry.step,
                entry.model_dump(mode="json"),
                self._actor_id,
            )
            self._audit(
                "taper.symptoms", taper.patient_id, {"taper_id": taper_id, "step": entry.step}
            )
        return taper_progress.suggestion(self.withdrawal_log(taper_id), entry.step)

    @use_case(Permission.VIEW_CHART)
    def withdrawal_log(self, taper_id: int) -> list[SymptomEntry]:
        return [
            SymptomEntry.model_validate(e.data)
            for e in self._store.tapers.events(taper_id)
            if e.kind == "symptoms"
        ]

    @use_case(Permission.CHANGE_REGIMEN, changes=(Change.TAPERS, Change.MEDICATIONS))
    def end_taper(
        self, taper_id: int, *, row_version: int, completed: bool, reason: str = ""
    ) -> StoredTaper:
        taper = self._editable(taper_id, row_version)
        status: TaperStatus = "completed" if completed else "abandoned"
        with self._change():
            # The steps taken become the medication's history; the dose in force (or the
            # stop) stays as today's order.
            written = settle(self._store, taper, date.today(), self._actor_id)
            saved = self._store.tapers.save(taper, taper.plan, status, self._actor_id)
            self._store.tapers.add_event(
                taper_id,
                "ended",
                None,
                {"status": status, "reason": reason},
                self._actor_id,
            )
            self._audit(
                "taper.ended",
                taper.patient_id,
                {"taper_id": taper_id, "status": status, "orders_added": written},
            )
        return saved

    # --- helpers -----------------------------------------------------------------------------

    def _editable(self, taper_id: int, row_version: int) -> StoredTaper:
        taper = self._store.tapers.get(taper_id)
        if taper.status != "active":
            raise Conflict("That taper has ended; start a new one to continue.")
        if taper.row_version != row_version:
            from practice_desk.domain.errors import ConcurrentEdit

            raise ConcurrentEdit("taper plan")
        return taper

    @staticmethod
    def _checked(make: Any) -> TaperPlan:
        try:
            plan: TaperPlan = make()
        except ValueError as exc:
            raise ValidationError("taper", str(exc)) from None
        return plan

    def _save(
        self, taper: StoredTaper, plan: TaperPlan, kind: str, step: int, data: dict[str, Any]
    ) -> StoredTaper:
        with self._change():
            saved = self._store.tapers.save(taper, plan, "active", self._actor_id)
            self._store.tapers.add_event(taper.id, kind, step, data, self._actor_id)
            self._audit(f"taper.{kind}", taper.patient_id, {"taper_id": taper.id, "step": step})
        return saved
