"""What the encryption engine is: SQLCipher, its SQLite and its crypto provider, by version.

Shown in the About box and printed by the self-test, so a support question can start
from the exact libraries a copy of Practice Desk runs on.
"""

from __future__ import annotations

import sqlcipher3

from practice_desk.vault.db import Connection


def engine_versions() -> dict[str, str]:
    """``{"SQLCipher": ..., "SQLite": ..., "OpenSSL": ...}`` read from a keyed memory database.

    The provider only reports its version once a key is set, so a throwaway key is set on
    an in-memory database that is never written.
    """
    conn = sqlcipher3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA key = \"x'" + "00" * 32 + "'\"")
        cipher = _one(conn, "PRAGMA cipher_version")
        provider = _one(conn, "PRAGMA cipher_provider") or "crypto provider"
        provider_version = _one(conn, "PRAGMA cipher_provider_version")
        sqlite = _one(conn, "SELECT sqlite_version()")
    finally:
        conn.close()
    name = "OpenSSL" if provider.lower() == "openssl" else provider
    # OpenSSL reports "OpenSSL 3.6.0 1 Oct 2025": keep the number.
    if provider_version.lower().startswith(name.lower() + " "):
        provider_version = provider_version[len(name) + 1 :]
    return {"SQLCipher": cipher, "SQLite": sqlite, name: provider_version}


def _one(conn: Connection, sql: str) -> str:
    row = conn.execute(sql).fetchone()
    return str(row[0]) if row and row[0] is not None else ""
