"""Use cases over the vault: the Practice facade with its roles, audit and checks."""

from practice_desk.practice.facade import CheckReport, FailedAttempt, Practice
from practice_desk.practice.users import KeyRotation
from practice_desk.vault.files import write_private

__all__ = ["CheckReport", "FailedAttempt", "KeyRotation", "Practice", "write_private"]
