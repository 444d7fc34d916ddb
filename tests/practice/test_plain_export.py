"""The plain, unencrypted SQLite export: for leaving Practice Desk, asked for twice."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from practice_desk.domain.errors import NotPermitted, VaultExists, WrongPassword
from practice_desk.practice import Practice
from tests.helpers import NURSE_PASSWORD, PASSWORD, patient_data


def test_a_prescriber_exports_every_table_readable_by_any_sqlite(
    practice: Practice, tmp_path: Path
) -> None:
    practice.add_patient(patient_data())
    target = tmp_path / "plain.sqlite"
    with pytest.raises(WrongPassword):
        practice.export_plain_sqlite(target, confirm_secret="not the password")
    assert not target.exists()

    practice.export_plain_sqlite(target, confirm_secret=PASSWORD)

    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    plain = sqlite3.connect(target)
    assert plain.execute("SELECT count(*) FROM patients").fetchone() == (1,)
    tables = {r[0] for r in plain.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"patients", "medication_orders", "audit", "roster"} <= tables
    plain.close()
    [event] = [e for e in practice.audit_events() if e.action == "export.plain_sqlite"]
    assert event.detail == {"file": "plain.sqlite"}


def test_an_existing_file_is_never_overwritten(practice: Practice, tmp_path: Path) -> None:
    target = tmp_path / "plain.sqlite"
    target.write_text("someone's own file")
    with pytest.raises(VaultExists):
        practice.export_plain_sqlite(target, confirm_secret=PASSWORD)
    assert target.read_text() == "someone's own file"


def test_a_nurse_cannot_export_unencrypted(
    with_nurse: Practice, vault_path: Path, tmp_path: Path
) -> None:
    with_nurse.close()
    nurse = Practice.open(vault_path)
    nurse.unlock("nurse1", NURSE_PASSWORD)
    with pytest.raises(NotPermitted):
        nurse.export_plain_sqlite(tmp_path / "plain.sqlite", confirm_secret=NURSE_PASSWORD)
    assert not (tmp_path / "plain.sqlite").exists()
    nurse.close()
