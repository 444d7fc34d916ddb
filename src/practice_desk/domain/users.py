"""Users, roles and what each role may do."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from practice_desk.domain.errors import ValidationError

_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
MIN_PASSWORD_LENGTH = 10


class Role(StrEnum):
    PRESCRIBER = "prescriber"
    NURSE = "nurse"


class Permission(StrEnum):
    VIEW_CHART = "view_chart"
    EDIT_DEMOGRAPHICS = "edit_demographics"
    ARCHIVE_PATIENT = "archive_patient"
    CHANGE_REGIMEN = "change_regimen"
    PRESCRIBE = "prescribe"
    SIGN_NOTE = "sign_note"
    DRAFT_NOTE = "draft_note"
    RECORD_SCALES = "record_scales"
    PRINT_HANDOUT = "print_handout"
    MANAGE_USERS = "manage_users"
    READ_AUDIT = "read_audit"
    BACKUP = "backup"
    EXPORT_KEY = "export_key"
    EXPORT_PLAIN = "export_plain"
    BOOK_VISITS = "book_visits"


_NURSE = frozenset(
    {
        Permission.VIEW_CHART,
        Permission.EDIT_DEMOGRAPHICS,
        Permission.DRAFT_NOTE,
        Permission.RECORD_SCALES,
        Permission.PRINT_HANDOUT,
        Permission.BOOK_VISITS,
        Permission.BACKUP,  # the evening routine in a small practice
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PRESCRIBER: frozenset(Permission),
    Role.NURSE: _NURSE,
}

#: How a refusal reads, by permission.
PERMISSION_WORDS: dict[Permission, str] = {
    Permission.VIEW_CHART: "open charts",
    Permission.EDIT_DEMOGRAPHICS: "change patient details",
    Permission.ARCHIVE_PATIENT: "archive patients",
    Permission.CHANGE_REGIMEN: "change medications",
    Permission.PRESCRIBE: "write prescriptions",
    Permission.SIGN_NOTE: "sign notes",
    Permission.DRAFT_NOTE: "write notes",
    Permission.RECORD_SCALES: "record rating scales",
    Permission.PRINT_HANDOUT: "print handouts",
    Permission.MANAGE_USERS: "add, remove or reset users",
    Permission.READ_AUDIT: "read the audit trail",
    Permission.BACKUP: "make backups",
    Permission.BOOK_VISITS: "book, move or cancel visits",
    Permission.EXPORT_KEY: "export the practice's encryption key",
    Permission.EXPORT_PLAIN: "export the records unencrypted",
}


class User(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    username: str
    full_name: str
    role: Role
    slot_id: str
    active: bool = True

    def may(self, permission: Permission) -> bool:
        return self.active and permission in ROLE_PERMISSIONS[self.role]


def check_username(name: str) -> str:
    name = name.strip()
    if not _USERNAME.match(name):
        raise ValidationError(
            "username",
            "A user name is 2 to 32 characters: lower-case letters, digits, dot, dash or "
            "underscore, starting with a letter (for example “drsmith”).",
        )
    return name


#: zxcvbn's score (0-4, an estimate of guesses needed) from which a password is accepted:
#: 3 is "safely unguessable" against an offline attack on a slow hash (about 10^10 guesses).
MIN_PASSWORD_SCORE = 3


class PasswordVerdict(NamedTuple):
    """How guessable a new password is: a 0-4 score, whether it is accepted, and advice."""

    score: int
    acceptable: bool
    advice: str


def judge_password(
    password: str, username: str = "", context: Sequence[str] = ()
) -> PasswordVerdict:
    """The verdict on a new password, judged by zxcvbn (a pattern- and dictionary-based
    estimate of guesses) with the user name, full name and practice name as words an
    attacker would try first. Advice is zxcvbn's, in English."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return PasswordVerdict(
            0,
            False,
            f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters; "
            "a short sentence is easy to remember and hard to guess.",
        )
    if username and password.lower() == username.lower():
        return PasswordVerdict(0, False, "The password cannot be the same as the user name.")
    from zxcvbn import zxcvbn  # its dictionaries load only when a password is judged

    words = [w for w in (username, *context) if w]
    words += [part for w in words for part in w.replace(".", " ").split() if len(part) > 2]
    # zxcvbn's own cost grows with length; past 100 characters the start decides.
    result = zxcvbn(password[:100], user_inputs=words)
    score = int(result["score"])
    feedback = result["feedback"]
    advice = " ".join(x for x in (feedback.get("warning"), *feedback.get("suggestions", ())) if x)
    if score < MIN_PASSWORD_SCORE:
        advice = advice or "That password is too easy to guess."
        advice += " A short sentence of uncommon words is easy to remember and hard to guess."
    return PasswordVerdict(score, score >= MIN_PASSWORD_SCORE, advice.strip())


def check_new_password(password: str, username: str = "", context: Sequence[str] = ()) -> str:
    """A password protecting patient records must be hard to guess (judge_password)."""
    verdict = judge_password(password, username, context)
    if not verdict.acceptable:
        raise ValidationError("password", f"That password is too easy to guess. {verdict.advice}")
    return password
