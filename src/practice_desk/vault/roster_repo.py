"""The roster table: signed entries, appended, never changed."""

from __future__ import annotations

from datetime import datetime

from practice_desk.domain.roster import GENESIS, RosterEntry
from practice_desk.vault.db import Connection

_COLUMNS = (
    "seq, at, username, role, active, sign_public, signer, signer_public, prev_hash, hash, "
    "signature"
)


def entries(conn: Connection) -> list[RosterEntry]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM roster ORDER BY seq").fetchall()
    return [
        RosterEntry(
            seq=r[0],
            at=datetime.fromisoformat(r[1]),
            username=r[2],
            role=r[3],
            active=bool(r[4]),
            sign_public=r[5],
            signer=r[6],
            signer_public=r[7],
            prev_hash=r[8],
            hash=r[9],
            signature=r[10],
        )
        for r in rows
    ]


def last(conn: Connection) -> tuple[int, str]:
    """(seq, hash) of the newest entry; (0, GENESIS) for an empty roster."""
    row = conn.execute("SELECT seq, hash FROM roster ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def append(conn: Connection, entry: RosterEntry) -> None:
    conn.execute(
        f"INSERT INTO roster ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.seq,
            entry.at.isoformat(),
            entry.username,
            entry.role,
            int(entry.active),
            entry.sign_public,
            entry.signer,
            entry.signer_public,
            entry.prev_hash,
            entry.hash,
            entry.signature,
        ),
    )
