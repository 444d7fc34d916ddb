"""Shared fixtures: each test gets its own folders, fast key derivation and a fresh practice."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before anything imports Qt or derives keys.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PRACTICE_DESK_TEST_WEAK_KDF"] = "1"

from practice_desk.practice import Practice
from tests.helpers import NURSE_PASSWORD, PASSWORD


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Logs, settings and the demo practice go to a per-test folder, never the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PRACTICE_DESK_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    return home


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "clinic" / "clinic.pdvault"


@pytest.fixture
def created(vault_path: Path) -> Iterator[tuple[Practice, str]]:
    """A new practice (prescriber 'drsmith'), unlocked, and its recovery key."""
    vault_path.parent.mkdir(parents=True, exist_ok=True)
    practice, recovery_key = Practice.create(vault_path, "drsmith", PASSWORD, "Dr Sam Smith")
    yield practice, recovery_key
    practice.close()


@pytest.fixture
def practice(created: tuple[Practice, str]) -> Practice:
    return created[0]


@pytest.fixture
def with_nurse(practice: Practice) -> Practice:
    practice.add_user("nurse1", "Nurse One", "nurse", NURSE_PASSWORD)
    return practice
