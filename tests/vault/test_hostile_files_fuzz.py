"""Hostile files, fuzzed: key files, backup headers and restore journals made by hypothesis
from real ones. Each must give words (a PracticeError) or work; never a traceback, never
more than 2 s, never a file written or moved outside the practice's folder."""

from __future__ import annotations

import json
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice_desk.domain.errors import PracticeError
from practice_desk.practice import Practice
from practice_desk.vault import backup as backup_files
from practice_desk.vault.keyslots import sidecar_path
from practice_desk.vault.restore import finish_restore, journal_path
from tests.helpers import PASSWORD, patient_data

FUZZ = settings(
    max_examples=200,
    deadline=2000,  # ms per example: a planted file must never make anything hang
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.text(max_size=40)
    | st.floats(allow_nan=False),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A real practice with a nurse and a backup, made once for every example."""
    folder = tmp_path_factory.mktemp("hostile") / "clinic"
    folder.mkdir()
    practice, _recovery = Practice.create(folder / "clinic.pdvault", "drsmith", PASSWORD, "Dr S")
    practice.add_patient(patient_data())
    (folder / "usb").mkdir()
    practice.backup_to(folder / "usb")
    practice.close()
    yield folder


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = json.loads(json.dumps(value))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return copy


@st.composite
def _mutated_json(draw: st.DrawFn, document: Any) -> bytes:
    kind = draw(st.sampled_from(["replace", "bytes", "truncate"]))
    text = json.dumps(document).encode()
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    if kind == "truncate":
        return text[: draw(st.integers(min_value=0, max_value=len(text)))]
    paths = list(_paths(document))
    where = draw(st.sampled_from(paths))
    return json.dumps(_replace(document, where, draw(_json_values))).encode()


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def work(original: Path, tmp_path: Path) -> Path:
    return tmp_path


def _fresh(original: Path, work: Path, n: int) -> Path:
    target = work / f"try{n}"
    shutil.copytree(original, target)
    return target


_counter = iter(range(10**9))


@FUZZ
@given(data=st.data())
def test_a_hostile_key_file_gives_words(original: Path, work: Path, data: st.DataObject) -> None:
    folder = _fresh(original, work, next(_counter))
    keys = sidecar_path(folder / "clinic.pdvault")
    keys.write_bytes(data.draw(_mutated_json(json.loads(keys.read_text()))))
    around = {p.name for p in work.iterdir()}
    try:
        practice = Practice.open(folder / "clinic.pdvault")
    except PracticeError:
        return
    try:
        practice.unlock("drsmith", PASSWORD)
        practice.check()
    except PracticeError:
        pass
    finally:
        practice.close()
    assert {p.name for p in work.iterdir()} == around


@FUZZ
@given(data=st.data())
def test_a_hostile_backup_header_gives_words(
    original: Path, work: Path, data: st.DataObject
) -> None:
    folder = _fresh(original, work, next(_counter))
    [backup] = list((folder / "usb").glob("*.pdbackup"))
    raw = backup.read_bytes()
    (length,) = struct.unpack(">I", raw[8:12])
    header = json.loads(raw[12 : 12 + length])
    new_header = data.draw(_mutated_json(header))
    backup.write_bytes(
        raw[:8] + struct.pack(">I", len(new_header)) + new_header + raw[12 + length :]
    )
    before = _snapshot(folder / "usb")
    try:
        _header, key = backup_files.unlock_backup(backup, username="drsmith", password=PASSWORD)
        backup_files.verify_backup_file(backup, data_key=key)
    except PracticeError:
        pass
    assert _snapshot(folder / "usb") == before  # checking never writes to the drive


@FUZZ
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "clinic.pdvault",
                    "clinic.pdvault.keys",
                    "../escape",
                    "/etc/hosts",
                    "usb",
                    "other.pdvault",
                    ".clinic.pdvault.restoring",
                    "x" * 300,
                ]
            ),
            st.sampled_from(
                [
                    "clinic.pdvault",
                    "clinic.pdvault.before-restore-20261202-120000",
                    "../moved",
                    "/tmp/moved",
                    "usb",
                    "",
                ]
            ),
        ),
        max_size=4,
    ),
    raw=st.none() | st.binary(max_size=80),
)
def test_a_hostile_restore_journal_moves_nothing_outside(
    original: Path, work: Path, steps: list[tuple[str, str]], raw: bytes | None
) -> None:
    folder = _fresh(original, work, next(_counter))
    vault = folder / "clinic.pdvault"
    sentinel = work / "outside.txt"
    sentinel.write_text("not the practice's")
    spelled = [[str(folder / s) if not s.startswith("/") else s, str(folder / t)] for s, t in steps]
    journal_path(vault).write_bytes(
        raw if raw is not None else json.dumps({"steps": spelled}).encode()
    )
    outside = {p.name for p in work.iterdir()}
    try:
        finish_restore(vault)
        Practice.open(vault).close()
    except PracticeError:
        pass
    assert sentinel.read_text() == "not the practice's"
    assert {p.name for p in work.iterdir()} == outside
    assert not Path("/tmp/moved").exists()
