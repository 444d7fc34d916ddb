"""What a change touched, so that views refresh only what it concerns.

Every use case that writes publishes a ``Changes`` once its transaction commits (as Anki's
collection reports ``OpChanges``): the kinds of record it touched and, when it is one
patient's, which patient. A chart tab declares the kinds it shows and is redrawn only when
a change names one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Change(StrEnum):
    PATIENT = "patient"  # demographics, archive
    APPOINTMENTS = "appointments"  # visits booked, moved, cancelled, attended
    MEDICATIONS = "medications"  # orders, doses, stops, overrides
    NOTES = "notes"
    RESULTS = "results"  # rating scales and labs
    TAPERS = "tapers"
    PRESCRIPTIONS = "prescriptions"
    PROFILE = "profile"  # the practice and prescriber profile
    PREFERENCES = "preferences"
    USERS = "users"  # who may sign in, keys, the roster
    BACKUPS = "backups"


@dataclass(frozen=True)
class Changes:
    """The kinds of record one use case (or a batch of them) changed."""

    kinds: frozenset[Change]
    #: The one patient whose chart changed; None when none, several, or practice-wide.
    patient_id: int | None = None

    def concerns(self, kinds: Iterable[Change], patient_id: int | None = None) -> bool:
        """Does this change touch any of kinds, for this patient (or for everyone)?"""
        if self.kinds.isdisjoint(kinds):
            return False
        return patient_id is None or self.patient_id in (None, patient_id)

    def __or__(self, other: Changes) -> Changes:
        same = self.patient_id if self.patient_id == other.patient_id else None
        if not self.kinds:
            same = other.patient_id
        elif not other.kinds:
            same = self.patient_id
        return Changes(self.kinds | other.kinds, same)


NOTHING = Changes(frozenset())
