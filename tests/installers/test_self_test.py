"""``practice-desk --self-test`` from source: every check passes, a failure is named."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from practice_desk import __version__, selftest

CHECK_NAMES = [name for name, _check in selftest.CHECKS]


def minimal_env(home: Path) -> dict[str, str]:
    """What a freshly logged-in user has, and nothing the tests set (no weak-KDF switch)."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}


def assert_all_checks_passed(output: str) -> None:
    lines = output.splitlines()
    assert lines[0].startswith(f"Practice Desk {__version__} self-test")
    for name in [*CHECK_NAMES, "cleanup"]:
        assert any(line.startswith(f"ok   {name}: ") for line in lines), (name, output)
    assert "FAIL" not in output
    assert lines[-1].startswith(f"self-test passed: {len(CHECK_NAMES) + 1} checks")


def test_self_test_from_source_passes_with_a_bare_environment(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "practice_desk", "--self-test"],
        env={**minimal_env(tmp_path), "TMPDIR": str(scratch)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert_all_checks_passed(result.stdout)
    assert "read from the installed package" in result.stdout
    assert "Rx #000001" in result.stdout and "found the patient's name" in result.stdout
    assert str(scratch) in result.stdout
    assert list(scratch.iterdir()) == []  # the practice file and everything else is gone


def test_a_failing_check_is_named_stops_the_run_and_still_cleans_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[Path] = []

    def fine(run: selftest._Run) -> str:
        made.append(run.folder)
        (run.folder / "partial.pdvault").write_bytes(b"half written")
        return "all there"

    def broken(_run: selftest._Run) -> str:
        raise selftest.SelfTestFailed("the handouts are missing")

    def never(_run: selftest._Run) -> str:
        raise AssertionError("checks after a failure must not run")

    monkeypatch.setattr(selftest, "CHECKS", (("first", fine), ("second", broken), ("third", never)))
    before = os.environ.get("PRACTICE_DESK_HOME")
    out = io.StringIO()
    assert selftest.run_self_test(out) == 1
    lines = out.getvalue().splitlines()
    assert lines[1:] == [
        "ok   first: all there",
        "FAIL second: the handouts are missing",
        f"ok   cleanup: removed the temporary folder {made[0]}",
        "self-test FAILED",
    ]
    assert not made[0].exists()
    assert os.environ.get("PRACTICE_DESK_HOME") == before  # the run's settings are undone


def test_the_flag_is_in_the_help() -> None:
    from practice_desk.cli import build_parser

    assert "--self-test" in build_parser().format_help()
    assert build_parser().parse_args(["--self-test"]).self_test


def test_no_qt_charts_anywhere_in_the_product() -> None:
    """Qt Charts is GPL-3.0 or commercial only; the charts are Practice Desk's own widget."""
    import ast

    source = Path(selftest.__file__).resolve().parent
    for path in source.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any("QtCharts" in name for name in names), path
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from practice_desk.ui import self_check\n"
        "print(self_check.draw_chart())\n"
        "print('PySide6.QtCharts' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    drew, loaded = result.stdout.splitlines()
    assert drew.startswith("the chart widget drew a dose line and scores")
    assert loaded == "False"
