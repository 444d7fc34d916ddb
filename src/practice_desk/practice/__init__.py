"""Use cases over the vault: the Practice facade with its roles, audit and checks."""

from practice_desk.practice.facade import CheckReport, FailedAttempt, Practice

__all__ = ["CheckReport", "FailedAttempt", "Practice"]
