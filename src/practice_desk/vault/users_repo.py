"""Rows of the users table as domain Users."""

from __future__ import annotations

from datetime import UTC, datetime

from practice_desk.domain.users import Role, User
from practice_desk.vault.db import Connection

_COLUMNS = "id, username, full_name, role, slot_id, active"


def _user(row: tuple[object, ...]) -> User:
    return User(
        id=int(str(row[0])),
        username=str(row[1]),
        full_name=str(row[2]),
        role=Role(str(row[3])),
        slot_id=str(row[4]),
        active=bool(row[5]),
    )


def add(conn: Connection, username: str, full_name: str, role: Role, slot_id: str) -> User:
    cursor = conn.execute(
        "INSERT INTO users (username, full_name, role, slot_id, created_at) VALUES (?, ?, ?, ?, ?)",
        (username, full_name, role.value, slot_id, datetime.now(UTC).isoformat()),
    )
    return User(
        id=int(cursor.lastrowid), username=username, full_name=full_name, role=role, slot_id=slot_id
    )


def by_slot(conn: Connection, slot_id: str) -> User | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM users WHERE slot_id = ?", (slot_id,)).fetchone()
    return _user(row) if row else None


def by_username(conn: Connection, username: str) -> User | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM users WHERE username = ? AND active = 1", (username,)
    ).fetchone()
    return _user(row) if row else None


def active(conn: Connection) -> list[User]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM users WHERE active = 1 ORDER BY username"
    ).fetchall()
    return [_user(r) for r in rows]


def deactivate(conn: Connection, user_id: int) -> None:
    # The row stays so that audit events keep naming who did what. Its slot id and
    # username are freed so the name can be given to someone new later.
    conn.execute(
        "UPDATE users SET active = 0, removed_at = ?, username = username || '#' || id, "
        "slot_id = slot_id || '#removed' WHERE id = ?",
        (datetime.now(UTC).isoformat(), user_id),
    )
