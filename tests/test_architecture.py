"""Seams the code keeps: key bytes stay in vault/ (import-linter keeps the imports)."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "practice_desk"

#: What holds or yields a key's bytes; above vault/ only the key store's words are used.
KEY_BYTES = re.compile(r"\.(data_key|audit_key|subkey|principal|keyslots|save_keyslots)\b")


def test_nothing_above_vault_touches_key_bytes() -> None:
    found = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for layer in ("practice", "ui", "cli", "documents")
        for path in sorted((SRC / layer).rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if KEY_BYTES.search(line)
    ]
    assert found == []


def test_the_check_sees_a_key_reached_for() -> None:
    assert KEY_BYTES.search("secret = self._vault.data_key")
    assert KEY_BYTES.search("self._vault.keyslots.slot(x)")
    assert not KEY_BYTES.search("self._vault.keys.sign(message)")


#: Storage words that belong in vault/ only: a connection, SQL, a repository module.
STORAGE = re.compile(
    r"\bconn\b|\.execute(many)?\(|\bConnection\b|\w+_repo\b"
    r"|practice_desk\.vault\.(db|store)\b|\bsqlcipher3\b"
)


def test_services_reach_records_only_through_the_store_protocols() -> None:
    found = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for layer in ("practice", "ui", "documents")
        for path in sorted((SRC / layer).rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if STORAGE.search(line)
    ]
    assert found == []


def test_the_storage_check_sees_sql_reached_for() -> None:
    assert STORAGE.search("patients_repo.get(self._conn, 1)")
    assert STORAGE.search('self._vault.conn.execute("DELETE FROM audit")')
    assert STORAGE.search("from practice_desk.vault.db import transaction")
    assert not STORAGE.search("self._store.patients.get(patient_id)")
