"""Practice preferences: one JSON value in the encrypted meta table."""

from __future__ import annotations

import logging

from pydantic import ValidationError as PydanticError

from practice_desk.domain.preferences import Preferences
from practice_desk.vault.db import Connection

log = logging.getLogger("practice_desk.vault")
_KEY = "preferences"


def load(conn: Connection) -> Preferences:
    """The saved preferences, or the defaults when none are saved or they no longer fit."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_KEY,)).fetchone()
    if row is None:
        return Preferences()
    try:
        return Preferences.model_validate_json(row[0])
    except PydanticError:
        log.warning("saved preferences unreadable; defaults used")
        return Preferences()


def save(conn: Connection, value: Preferences) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (_KEY, value.model_dump_json()),
    )
