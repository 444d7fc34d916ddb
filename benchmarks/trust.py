"""Trust figures for benchmarks/run.py: replacing the data key and the full check.

Both run on a copy of the benchmark practice, so the cached one keeps its key.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from practice_desk.practice import Practice, demo
from practice_desk.vault.vault import companion_files

ROUNDS = 3


def _copy(source: Path, folder: Path) -> Path:
    target = folder / source.name
    for part in companion_files(source):
        if part.exists() and not part.name.endswith(".lock"):
            shutil.copy2(part, folder / part.name)
    return target


def measure_trust(path: Path) -> dict[str, Any]:
    """rotate_data_key_s: re-encrypt the practice under a new key and hand it to every slot
    (median of ROUNDS); check_s: practice.check() in full (cipher pages, structure,
    foreign keys, the audit chain, the key file's seal), median of ROUNDS."""
    with tempfile.TemporaryDirectory(prefix="pd-bench-trust-") as folder:
        copy = _copy(path, Path(folder))
        # The copy shares the practice's id: its witness must not make the original look
        # rolled back to this computer afterwards.
        home = os.environ.get("PRACTICE_DESK_HOME")
        os.environ["PRACTICE_DESK_HOME"] = folder
        practice = Practice.open(copy)
        try:
            practice.unlock(demo.DEMO_USER, demo.DEMO_PASSWORD)
            rotations, checks = [], []
            for _ in range(ROUNDS):
                start = time.perf_counter()
                practice.rotate_data_key()
                rotations.append(time.perf_counter() - start)
            for _ in range(ROUNDS):
                start = time.perf_counter()
                report = practice.check()
                checks.append(time.perf_counter() - start)
                if not report.ok:
                    raise RuntimeError(f"the benchmark practice fails its check: {report}")
        finally:
            practice.close()
            if home is None:
                os.environ.pop("PRACTICE_DESK_HOME", None)
            else:
                os.environ["PRACTICE_DESK_HOME"] = home
    return {
        "rotate_data_key_s": round(statistics.median(rotations), 4),
        "check_s": round(statistics.median(checks), 4),
    }
