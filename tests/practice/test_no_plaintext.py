"""Patient data never reaches the disk in plaintext: not the vault's files, not the logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from practice_desk.applog import log_dir, setup_logging
from practice_desk.practice import Practice
from tests.helpers import PASSWORD, patient_data

CANARY = "Zqxjvcanary"


def _files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]


def test_canary_name_appears_in_no_file_or_log(practice: Practice, vault_path: Path) -> None:
    log_file = setup_logging(logging.DEBUG)
    try:
        first = practice.add_patient(
            patient_data(family_name=CANARY, given_name=CANARY + "ina", notes=CANARY * 50)
        )
        for n in range(300):  # enough to spill pages through the WAL and the cache
            practice.add_patient(patient_data(given_name=f"{CANARY}{n}", notes=CANARY * 20))
        found = practice.search_patients(CANARY.lower())
        assert first.id in [s.id for s in found]
        practice.get_patient(first.id)
        # Still open: the WAL and shared-memory files exist now; look at them too.
        open_files = _files_under(vault_path.parent, log_dir())
        assert any(p.name.endswith("-wal") for p in open_files)
        practice.lock()
        practice.unlock("drsmith", PASSWORD)
        practice.close()
        for handler in logging.getLogger("practice_desk").handlers:
            handler.flush()
        files = open_files + _files_under(vault_path.parent, log_dir())
        assert log_file in files and log_file.stat().st_size > 0
        needles = [CANARY.encode("utf-8"), CANARY.encode("utf-16-le"), CANARY.lower().encode()]
        for path in files:
            if not path.exists():
                continue
            data = path.read_bytes()
            for needle in needles:
                assert needle not in data, f"patient name found in plaintext in {path.name}"
    finally:
        root = logging.getLogger("practice_desk")
        for handler in list(root.handlers):
            handler.close()
            root.removeHandler(handler)


def test_the_log_is_readable_by_its_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRACTICE_DESK_HOME", str(tmp_path))
    root = logging.getLogger("practice_desk")
    kept = list(root.handlers)
    for handler in kept:
        root.removeHandler(handler)
    try:
        (tmp_path / "logs").mkdir()
        old = tmp_path / "logs" / "practice-desk.log"
        old.write_text("written by an older version\n")
        old.chmod(0o644)
        path = setup_logging()
        logging.getLogger("practice_desk.test").info("hello")
        assert path == old and path.stat().st_mode & 0o777 == 0o600
    finally:
        for handler in list(root.handlers):
            if handler not in kept:
                handler.close()
                root.removeHandler(handler)
        for handler in kept:
            root.addHandler(handler)
