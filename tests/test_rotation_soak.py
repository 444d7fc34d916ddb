"""Kill -9 while the data key is being replaced: the practice still opens every way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "rotation_soak.py"


@pytest.mark.slow
def test_killed_rotations_leave_a_practice_that_opens_with_every_key(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--trials",
            "20",
            "--patients",
            "800",
            "--dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = result.stdout.strip().splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert lines[-1] == "20 trials, 0 failed"
    # The kills must actually land inside rotations, or the soak proves nothing.
    [summary] = [line for line in lines if "kills landed mid-rotation" in line]
    interrupted = int(summary.split("; ")[1].split()[0])
    assert interrupted >= 5, summary
