"""Users, roles and what each role may do."""

from __future__ import annotations

import math
import re
from enum import StrEnum

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


_NURSE = frozenset(
    {
        Permission.VIEW_CHART,
        Permission.EDIT_DEMOGRAPHICS,
        Permission.DRAFT_NOTE,
        Permission.RECORD_SCALES,
        Permission.PRINT_HANDOUT,
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
    Permission.BACKUP: "make or restore backups",
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


def check_new_password(password: str, username: str = "") -> str:
    """The minimum a password protecting patient records must meet."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            "password",
            f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters; "
            "a short sentence is easy to remember and hard to guess.",
        )
    if username and password.lower() == username.lower():
        raise ValidationError("password", "The password cannot be the same as the user name.")
    if len(set(password)) < 4:
        raise ValidationError(
            "password", "That password is too easy to guess; use more varied characters."
        )
    return password


#: Sequences and words that make a password easy to guess whatever its length.
_COMMON_PARTS = (
    "password",
    "passw0rd",
    "qwerty",
    "asdf",
    "letmein",
    "welcome",
    "admin",
    "clinic",
    "practice",
    "doctor",
    "123456",
    "abcdef",
)
STRENGTH_WORDS = ("too short", "weak", "fair", "good", "strong")


def password_strength(password: str, username: str = "") -> int:
    """A rough 0-4 rating for the strength meter: 0 means it would be refused.

    It estimates guessing effort from length and the kinds of characters used, and
    marks down repeated characters, common words and the user name. It is a hint for
    choosing, not a guarantee; the key derivation does the real work against guessing.
    """
    try:
        check_new_password(password, username)
    except ValidationError:
        return 0
    lowered = password.lower()
    pool = 0
    pool += 26 if any(c.islower() for c in password) else 0
    pool += 26 if any(c.isupper() for c in password) else 0
    pool += 10 if any(c.isdigit() for c in password) else 0
    pool += 20 if any(not c.isalnum() for c in password) else 0
    # Effective length: runs of one character count once, common parts count as one.
    effective = sum(1 for i, c in enumerate(lowered) if i == 0 or c != lowered[i - 1])
    for part in (*_COMMON_PARTS, username.lower()):
        if part and part in lowered:
            effective -= len(part) - 1
    bits = max(effective, 0) * math.log2(max(pool, 2))
    if bits < 45:
        return 1
    if bits < 60:
        return 2
    if bits < 80:
        return 3
    return 4
