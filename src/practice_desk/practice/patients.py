"""Patients: add, update, archive, open and find."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from practice_desk.domain.changes import Change
from practice_desk.domain.patients import Patient, PatientDetails, PatientSummary, parse_details
from practice_desk.domain.search import read_query
from practice_desk.domain.users import Permission
from practice_desk.practice.session import Service, use_case


def _details(data: PatientDetails | dict[str, Any]) -> PatientDetails:
    return data if isinstance(data, PatientDetails) else parse_details(data)


class PatientsService(Service):
    """Patients: add, update, archive, open and find."""

    @use_case(Permission.EDIT_DEMOGRAPHICS, changes=(Change.PATIENT,))
    def add_patient(self, details: PatientDetails | dict[str, Any]) -> Patient:
        valid = _details(details)
        with self._change():
            patient = self._store.patients.add(valid, self._actor_id)
            self._audit("patient.added", patient.id)
        return patient

    @use_case(Permission.EDIT_DEMOGRAPHICS, changes=(Change.PATIENT,))
    def add_patients(self, many: Sequence[PatientDetails]) -> list[int]:
        """Several new patients in one transaction (imports, demo data); their ids."""
        ids = []
        with self._change():
            for details in many:
                patient = self._store.patients.add(details, self._actor_id)
                self._audit("patient.added", patient.id)
                ids.append(patient.id)
        return ids

    @use_case(Permission.EDIT_DEMOGRAPHICS, changes=(Change.PATIENT,))
    def update_patient(
        self, patient_id: int, details: PatientDetails | dict[str, Any], row_version: int
    ) -> Patient:
        """Save new details; ConcurrentEdit if someone saved since row_version was read."""
        valid = _details(details)
        with self._change():
            before = self._store.patients.get(patient_id)
            valid = _smoking_history(before.details, valid, date.today())
            patient = self._store.patients.update(patient_id, valid, row_version, self._actor_id)
            changed = sorted(
                k for k, v in valid.model_dump().items() if before.details.model_dump()[k] != v
            )
            # Field names only: the values are patient data and stay out of the trail.
            self._audit("patient.updated", patient_id, {"fields": changed})
        return patient

    @use_case(Permission.ARCHIVE_PATIENT, changes=(Change.PATIENT,))
    def archive_patient(self, patient_id: int, row_version: int) -> Patient:
        with self._change():
            patient = self._store.patients.set_archived(
                patient_id, True, row_version, self._actor_id
            )
            self._audit("patient.archived", patient_id)
        return patient

    @use_case(Permission.ARCHIVE_PATIENT, changes=(Change.PATIENT,))
    def unarchive_patient(self, patient_id: int, row_version: int) -> Patient:
        with self._change():
            patient = self._store.patients.set_archived(
                patient_id, False, row_version, self._actor_id
            )
            self._audit("patient.unarchived", patient_id)
        return patient

    @use_case(Permission.VIEW_CHART)
    def get_patient(self, patient_id: int) -> Patient:
        """Open a chart (audited as a chart read)."""
        patient = self._store.patients.get(patient_id)
        self._audit("chart.read", patient_id)
        return patient

    @use_case(Permission.VIEW_CHART)
    def find_patient_ids(
        self, text: str, include_archived: bool = False, limit: int = 500
    ) -> list[int]:
        """Ids matching the search box: name prefix, birth date, chart number or phone."""
        return self._store.patients.search_ids(read_query(text), include_archived, limit)

    @use_case(Permission.VIEW_CHART)
    def patient_summaries(self, ids: Iterable[int]) -> list[PatientSummary]:
        """List rows for ids (what the patient list shows), in the order given."""
        return self._store.patients.summaries(ids)

    def search_patients(
        self, text: str, include_archived: bool = False, limit: int = 500
    ) -> list[PatientSummary]:
        return self.patient_summaries(self.find_patient_ids(text, include_archived, limit))

    @use_case()
    def patient_count(self, include_archived: bool = False) -> int:
        return self._store.patients.count(include_archived)


def _smoking_history(before: PatientDetails, after: PatientDetails, today: date) -> PatientDetails:
    """The day smoking stopped, kept by the app: set when the chart changes from smoking to
    not smoking, cleared when it says smoking again (the CYP1A2 rules read it)."""
    if after.smoker:
        return after.model_copy(update={"smoking_stopped": None})
    if before.smoker and after.smoker is False and after.smoking_stopped is None:
        return after.model_copy(update={"smoking_stopped": today})
    if after.smoking_stopped is None and before.smoking_stopped is not None:
        return after.model_copy(update={"smoking_stopped": before.smoking_stopped})
    return after
