"""Bring a vault's schema up to date, one numbered SQL file at a time."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from practice_desk.domain.errors import VaultTooNew
from practice_desk.vault.db import Connection, split_statements, transaction

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@cache
def migrations() -> tuple[tuple[int, str, str], ...]:
    """(number, file name, SQL) for every migration shipped, in order."""
    found = []
    for entry in resources.files("practice_desk.vault.migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {numbers}")
    return tuple(found)


def latest_version() -> int:
    return len(migrations())


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def upgrade(conn: Connection) -> list[str]:
    """Apply every pending migration in one transaction; return the files applied."""
    current = schema_version(conn)
    latest = latest_version()
    if current > latest:
        raise VaultTooNew(current, latest)
    pending = [(n, name, sql) for n, name, sql in migrations() if n > current]
    if not pending:
        return []
    with transaction(conn):
        for _number, _name, sql in pending:
            for statement in split_statements(sql):
                conn.execute(statement)
        # user_version is part of the file header and changes with this transaction.
        conn.execute(f"PRAGMA user_version = {latest:d}")
    return [name for _, name, _ in pending]
