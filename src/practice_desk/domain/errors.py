"""Errors as types, each carrying a message a clinician can read.

Every layer raises these; the GUI shows ``str(error)`` and the CLI prints it and maps
the type to an exit code. None of them ever carries patient data in its message.
"""

from __future__ import annotations


class PracticeError(Exception):
    """Base of every error that is meant to be shown to a person."""

    #: Exit code the command-line tool uses for this kind of error.
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class TooManyAttempts(PracticeError):
    """Several wrong passwords in a row: the next try has to wait a while."""

    exit_code = 3


class WrongPassword(PracticeError):
    exit_code = 3

    def __init__(
        self, message: str = "That password is not right. Check Caps Lock and try again."
    ) -> None:
        super().__init__(message)


class UnknownUser(PracticeError):
    exit_code = 3

    def __init__(self, username: str) -> None:
        super().__init__(f"There is no user called “{username}” in this practice.")
        self.username = username


class WrongRecoveryKey(PracticeError):
    exit_code = 3


class VaultLocked(PracticeError):
    def __init__(
        self, message: str = "The practice is locked. Unlock it with your password first."
    ) -> None:
        super().__init__(message)


class VaultInUse(PracticeError):
    def __init__(
        self,
        message: str = (
            "This practice is already open in another Practice Desk window or by another program. "
            "Close it there first; only one program may change the record at a time."
        ),
    ) -> None:
        super().__init__(message)


class VaultTooNew(PracticeError):
    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"This practice file was saved by a newer version of Practice Desk (format {found}; "
            f"this version understands up to {supported}). Install the newer version to open it. "
            "Nothing was changed."
        )


class VaultNotFound(PracticeError):
    pass


class VaultExists(PracticeError):
    pass


class VaultDamaged(PracticeError):
    """The database file or its key file cannot be read; the fix is a restore from backup."""


class StorageError(PracticeError):
    """The disk refused a write (full, read-only, removed, damaged file); nothing was saved."""

    def __init__(self, reason: str) -> None:
        #: What the storage said (for the words of a caller that knows better).
        self.reason = reason
        hint = (
            "The disk is full: free some space, then try again."
            if "full" in reason
            else "Run “practice-desk check” on the practice file, or restore it from a backup."
        )
        super().__init__(
            f"Practice Desk could not save to the practice file ({reason}). "
            f"Nothing from this change was saved. {hint}"
        )


class DiskFull(PracticeError):
    """The disk holding the practice has no room left: nothing is damaged, space is needed."""


class OverrideRequired(PracticeError):
    """A contraindicated combination: saving it needs a reason, which is audited."""

    def __init__(self, alerts: list[object], summary: str) -> None:
        super().__init__(
            f"{summary} To save it anyway, give the reason for overriding this warning; "
            "the override is recorded in the chart's audit trail."
        )
        self.alerts = alerts


class NotPermitted(PracticeError):
    pass


class ConcurrentEdit(PracticeError):
    def __init__(self, what: str = "record") -> None:
        super().__init__(
            f"This {what} was changed by someone else after you opened it. "
            "Your changes were not saved; reopen it to see the latest version, "
            "then make your change again."
        )


class NotFound(PracticeError):
    """The record asked for does not exist."""


class Conflict(PracticeError):
    """The record exists but is not in a state that allows this (a taper that has ended,
    a prescription already voided, an order no longer active)."""


class ValidationError(PracticeError):
    """Bad input, named by the field it is about."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        #: Every problem found, as (field, message) pairs, so a form can mark them all.
        self.problems: list[tuple[str, str]] = [(field, message)]
