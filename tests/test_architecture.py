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
