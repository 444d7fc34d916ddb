"""The practice profile and prescriptions: write (from a medication or a taper step),
print, reprint, void, and the log."""

from __future__ import annotations

from datetime import date
from typing import Any

from practice_desk.domain import formulary, prescriptions, rx_text, taper_progress
from practice_desk.domain.changes import Change
from practice_desk.domain.errors import Conflict, ValidationError
from practice_desk.domain.prescriptions import PracticeProfile, Prescription
from practice_desk.domain.records import RxEvent, StoredRx, StoredTaper
from practice_desk.domain.tapering import Step
from practice_desk.domain.users import Permission
from practice_desk.practice.as_taken import PRESCRIBE_INSTEAD, refuse_during_taper
from practice_desk.practice.session import Service, use_case

#: The longest note to the pharmacist a prescription holds (Prescription model).
NOTE_MAX = 300
RX_KEY_PURPOSE = "practice-desk/rx-verification"


class RxService(Service):
    """Prescriptions: the practice profile, writing, printing, voiding, verifying."""

    # --- profile -------------------------------------------------------------------------

    @use_case()
    def practice_profile(self) -> PracticeProfile | None:
        return self._store.prescriptions.profile()

    @use_case(Permission.MANAGE_USERS, changes=(Change.PROFILE,))
    def save_practice_profile(self, profile: PracticeProfile | dict[str, Any]) -> list[str]:
        """Save after the DEA and NPI checks; returns warnings (e.g. the DEA letter).

        A dict is typed-in data: every field at fault is named in the ValidationError.
        """
        if isinstance(profile, dict):
            profile = prescriptions.parse_profile(profile)
        warnings = prescriptions.check_profile(profile)
        with self._change():
            self._store.prescriptions.save_profile(profile, self._actor_id)
            self._audit("profile.saved")
        return warnings

    def _profile(self) -> PracticeProfile:
        profile = self._store.prescriptions.profile()
        if profile is None:
            raise ValidationError(
                "profile", "Fill in the practice and prescriber profile (Settings) before printing."
            )
        return profile

    # --- writing -------------------------------------------------------------------------

    @use_case(Permission.PRESCRIBE, changes=(Change.PRESCRIPTIONS,))
    def write_prescription(
        self,
        order_id: int,
        *,
        quantity: float,
        days_supply: int,
        refills: int = 0,
        substitution_permitted: bool = True,
        note_to_pharmacist: str = "",
        directions: str | None = None,
        series: int = 1,
        issued: date | None = None,
    ) -> list[StoredRx]:
        """Prescriptions for an active order (a Schedule II series gives several), numbered."""
        order = self._store.orders.get(order_id)
        if not order.active:
            raise ValidationError("order", "Only an active medication can be prescribed.")
        refuse_during_taper(self._store, order, PRESCRIBE_INSTEAD)
        drug = formulary.load().drugs.get(order.details.drug_id or "")
        if drug is None or order.details.product is None:
            raise ValidationError(
                "order", "Choose a formulary product before writing a prescription."
            )
        rx = self._build_rx(
            order.patient_id,
            drug,
            order.details.product,
            directions=directions or order.details.directions(),
            quantity=quantity,
            days_supply=days_supply,
            refills=refills,
            substitution_permitted=substitution_permitted,
            note_to_pharmacist=note_to_pharmacist,
            issued=issued,
        )
        profile = self._profile()
        prescriptions.check_prescription(rx, profile.prescriber)
        batch = prescriptions.c2_series(rx, series) if series > 1 else [rx]
        for item in batch:
            prescriptions.check_prescription(item, profile.prescriber)
        with self._change():
            stored = [
                self._store.prescriptions.add(order.patient_id, order_id, item, self._actor_id)
                for item in batch
            ]
            self._audit("rx.written", order.patient_id, {"serials": [s.serial for s in stored]})
        return stored

    @use_case(Permission.PRESCRIBE, changes=(Change.PRESCRIPTIONS,))
    def write_taper_prescription(
        self,
        taper_id: int,
        step_number: int | None = None,
        *,
        refills: int = 0,
        substitution_permitted: bool = True,
        note_to_pharmacist: str = "",
        issued: date | None = None,
    ) -> list[StoredRx]:
        """Prescriptions for one step of an active taper: one per product the step uses.

        The step is the one in force today (the first, before the taper starts) unless
        ``step_number`` is given. Each prescription carries the whole step's directions,
        since the patient takes the products together, and enough for the step's days.
        """
        taper, step, batch = self._taper_rx(
            taper_id,
            step_number,
            refills=refills,
            substitution_permitted=substitution_permitted,
            note_to_pharmacist=note_to_pharmacist,
            issued=issued,
        )
        with self._change():
            stored = [
                self._store.prescriptions.add(
                    taper.patient_id, taper.order_id, item, self._actor_id
                )
                for item in batch
            ]
            self._audit(
                "rx.written",
                taper.patient_id,
                {"serials": [s.serial for s in stored], "taper_id": taper_id, "step": step.number},
            )
        return stored

    @use_case(Permission.PRESCRIBE)
    def draft_taper_prescription(
        self,
        taper_id: int,
        step_number: int | None = None,
        *,
        refills: int = 0,
        substitution_permitted: bool = True,
        note_to_pharmacist: str = "",
        issued: date | None = None,
    ) -> tuple[Step, list[Prescription]]:
        """What write_taper_prescription would write (checked, not saved), and for which step:
        for the prescriber to confirm first."""
        _taper, step, batch = self._taper_rx(
            taper_id,
            step_number,
            refills=refills,
            substitution_permitted=substitution_permitted,
            note_to_pharmacist=note_to_pharmacist,
            issued=issued,
        )
        return step, batch

    def _taper_rx(
        self,
        taper_id: int,
        step_number: int | None,
        *,
        refills: int,
        substitution_permitted: bool,
        note_to_pharmacist: str,
        issued: date | None,
    ) -> tuple[StoredTaper, Step, list[Prescription]]:
        taper = self._store.tapers.get(taper_id)
        plan = taper.plan
        if taper.status != "active":
            raise ValidationError(
                "taper", f"The {plan.drug_name} taper has ended; prescribe from the medication."
            )
        step = self._taper_step_for_rx(plan.steps, step_number)
        total = len(plan.steps)
        if step.end is None or not step.parts:
            raise ValidationError(
                "step",
                f"Step {step.number} of {total} is to stop {plan.drug_name}: "
                "there is nothing to dispense.",
            )
        drug = formulary.load().drugs.get(plan.drug_id)
        if drug is None:
            raise ValidationError(
                "taper",
                f"{plan.drug_name} is no longer in the formulary, so it cannot be prescribed.",
            )
        days = (step.end - step.start).days + 1
        directions = rx_text.taper_step_directions(step)
        labels = [part.product for part in step.parts]
        batch: list[Prescription] = []
        for part in step.parts:
            product = next((p for p in drug.products if p.label() == part.product), None)
            order = plan.pharmacy_order
            if product is None and order is not None and part.product == order.product:
                raise ValidationError(
                    "step",
                    f"Step {step.number} uses the {part.product}: print the taper calendar, "
                    "whose pharmacy sheet is the order for it, and sign that instead.",
                )
            if product is None:
                raise ValidationError(
                    "step",
                    f"Step {step.number} uses “{part.product}”, which is not a {drug.generic} "
                    "product in the formulary; re-plan the taper with products on the list.",
                )
            others = [label for label in labels if label != part.product]
            taper_note = rx_text.taper_note(step, total, others)
            room = NOTE_MAX - len(taper_note) - 1
            if len(note_to_pharmacist.strip()) > room:
                raise ValidationError(
                    "note_to_pharmacist",
                    f"The note to the pharmacist is too long for a taper prescription: the "
                    f"taper's own line takes {len(taper_note)} of the {NOTE_MAX} characters, "
                    f"so keep your note to {max(room, 0)}.",
                )
            batch.append(
                self._build_rx(
                    taper.patient_id,
                    drug,
                    product,
                    directions=directions,
                    quantity=rx_text.dispense_quantity(
                        part.per_day * days, liquid=product.is_liquid
                    ),
                    days_supply=days,
                    refills=refills,
                    substitution_permitted=substitution_permitted,
                    note_to_pharmacist=" ".join(
                        x for x in (taper_note, note_to_pharmacist.strip()) if x
                    ),
                    issued=issued,
                )
            )
        profile = self._profile()
        for item in batch:
            prescriptions.check_prescription(item, profile.prescriber)
        return taper, step, batch

    @staticmethod
    def _taper_step_for_rx(steps: tuple[Step, ...], number: int | None) -> Step:
        if number is not None:
            found = next((s for s in steps if s.number == number), None)
            if found is None:
                raise ValidationError(
                    "step", f"The taper has no step {number}; it has steps 1 to {len(steps)}."
                )
            return found
        if not steps:
            raise ValidationError("step", "The taper plan has no steps to prescribe.")
        # Before the taper starts, the prescription is for the first step.
        return taper_progress.current_step(steps, date.today()) or steps[0]

    def _build_rx(
        self,
        patient_id: int,
        drug: formulary.Drug,
        product: formulary.Product,
        *,
        directions: str,
        quantity: float,
        days_supply: int,
        refills: int,
        substitution_permitted: bool,
        note_to_pharmacist: str,
        issued: date | None,
    ) -> Prescription:
        """One prescription of a product for the patient (not yet checked or numbered)."""
        return rx_text.prescription(
            self._store.patients.get(patient_id),
            drug,
            product,
            directions=directions,
            quantity=quantity,
            days_supply=days_supply,
            refills=refills,
            substitution_permitted=substitution_permitted,
            note_to_pharmacist=note_to_pharmacist,
            issued=issued or date.today(),
        )

    # --- printing ------------------------------------------------------------------------

    @use_case(Permission.PRESCRIBE)
    def preview_prescriptions(
        self, serials: list[int], *, paper: str | None = None, layout: str | None = None
    ) -> bytes:
        """What print_prescriptions would print, for the screen only: not logged as printed.

        Paper and layout default to the practice preferences.
        """
        pdf, stored = self._render_rx(serials, paper, layout)
        self._audit(
            "rx.previewed",
            stored[0].patient_id if stored else None,
            {"serials": [s.serial for s in stored]},
        )
        return pdf

    @use_case(Permission.PRESCRIBE, changes=(Change.PRESCRIPTIONS,))
    def print_prescriptions(
        self, serials: list[int], *, paper: str | None = None, layout: str | None = None
    ) -> bytes:
        """PDF bytes for the prescriptions; a second print is a marked COPY; voided refuse."""
        pdf, stored = self._render_rx(serials, paper, layout)
        with self._change():
            for item in stored:
                kind = "reprinted" if item.first_printed_at else "printed"
                self._store.prescriptions.mark_printed(item.serial)
                self._store.prescriptions.add_event(item.serial, kind, "", self._actor_id)
                self._audit(f"rx.{kind}", item.patient_id, {"serial": item.serial})
        return pdf

    def _render_rx(
        self, serials: list[int], paper: str | None, layout: str | None
    ) -> tuple[bytes, list[StoredRx]]:
        profile = self._profile()
        preferences = self._store.preferences.load()
        paper = paper or preferences.rx_paper
        layout = layout or preferences.rx_layout
        documents = []
        stored = [self._store.prescriptions.get(s) for s in serials]
        from practice_desk.documents.prescription import RxDocument, render_prescriptions

        for item in stored:
            if item.status == "voided":
                raise ValidationError(
                    "serial", f"Rx #{item.serial} was voided and cannot be printed again."
                )
            documents.append(
                RxDocument(
                    rx=item.rx,
                    verification_code=self._vault.keys.rx_code(RX_KEY_PURPOSE, item.rx),
                    reprint_of_date=item.first_printed_at.date() if item.first_printed_at else None,
                )
            )
        pdf = render_prescriptions(
            documents,
            profile,
            paper="a4" if paper == "a4" else "letter",
            layout="two" if layout == "two" else "one",
            specimen=self._marking,
        )
        return pdf, stored

    @use_case(Permission.PRESCRIBE, changes=(Change.PRESCRIPTIONS,))
    def void_prescription(self, serial: int, reason: str) -> StoredRx:
        if not reason.strip():
            raise ValidationError("reason", "Say why the prescription is voided; the log keeps it.")
        item = self._store.prescriptions.get(serial)
        if item.status == "voided":
            raise Conflict(f"Rx #{serial} is already voided.")
        with self._change():
            self._store.prescriptions.void(serial)
            self._store.prescriptions.add_event(serial, "voided", reason.strip(), self._actor_id)
            self._audit("rx.voided", item.patient_id, {"serial": serial})
        return self._store.prescriptions.get(serial)

    @use_case(Permission.VIEW_CHART)
    def verify_prescription(self, serial: int, code: str) -> bool:
        """When a pharmacy calls: does the code printed on Rx #serial match?"""
        item = self._store.prescriptions.get(serial)
        expected = self._vault.keys.rx_code(RX_KEY_PURPOSE, item.rx)
        return item.status != "voided" and code.strip().upper() == expected

    @use_case(Permission.VIEW_CHART)
    def prescription_log(self, patient_id: int) -> list[tuple[StoredRx, list[RxEvent]]]:
        return [
            (rx, self._store.prescriptions.events(rx.serial))
            for rx in self._store.prescriptions.for_patient(patient_id)
        ]
