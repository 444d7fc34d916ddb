"""Crash soak: kill a writing process at random moments and check nothing committed is lost.

    python benchmarks/crash_soak.py --trials 200 [--seed S] [--dir D]

Each trial starts a child (this script with ``--child``) that unlocks the soak vault and
adds synthetic patients one by one, printing each id once its transaction has committed.
The parent SIGKILLs the child after a random delay, reopens the vault, runs the full
check and looks for every id the child reported. The last line printed is
``N trials, L lost, C corrupt``; the exit code is 0 only when L and C are both 0.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from practice_desk.practice import Practice
from practice_desk.vault import keys

# The soak is about durability, not key derivation: fast KDF for the parent and children.
os.environ[keys.WEAK_KDF_ENV] = "1"

USER = "soak"
PASSWORD = "soak password 123"
FAMILY = "Soaktest"
VAULT_NAME = "soak.pdvault"
READY = "ready"
#: Kill this long after the child was started (seconds, drawn uniformly).
KILL_DELAY = (0.05, 0.6)
#: A child left behind by a dead parent stops on its own after this long.
CHILD_MAX_SECONDS = 60.0
CHILD_START_TIMEOUT = 30.0


# --- the child ---------------------------------------------------------------------------


def child(vault: Path, trial: int) -> int:
    """Add patients until killed, printing each new id after its commit."""
    practice = Practice.open(vault)
    practice.unlock(USER, PASSWORD)
    print(READY, flush=True)
    deadline = time.monotonic() + CHILD_MAX_SECONDS
    n = 0
    while time.monotonic() < deadline:
        n += 1
        patient = practice.add_patient(
            {
                "family_name": FAMILY,
                "given_name": f"Trial{trial}",
                "date_of_birth": "1980-01-01",
                "notes": f"Crash soak trial {trial}, row {n}. Synthetic.",
            }
        )
        print(patient.id, flush=True)
    practice.close()
    return 0


# --- the parent --------------------------------------------------------------------------


@dataclass
class Trial:
    """What one trial saw."""

    number: int
    delay: float
    reported: list[int] = field(default_factory=list)
    ready: bool = False
    exit_code: int | None = None
    stderr: str = ""
    lost: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def create_vault(path: Path) -> None:
    """The soak vault, created once and closed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    practice, _recovery = Practice.create(path, USER, PASSWORD)
    practice.close()


def _collect(stream: IO[str] | None, into: list[str]) -> None:
    """Read a child's pipe to the end (it ends when the child dies)."""
    if stream is not None:
        into.extend(stream)


def run_child(vault: Path, trial: Trial) -> None:
    """Start a child, kill it after trial.delay, and collect what it reported."""
    proc = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--child",
            str(vault),
            "--trial",
            str(trial.number),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    errors: list[str] = []
    readers = [
        threading.Thread(target=_collect, args=(proc.stdout, lines), daemon=True),
        threading.Thread(target=_collect, args=(proc.stderr, errors), daemon=True),
    ]
    for reader in readers:
        reader.start()
    try:
        proc.wait(timeout=trial.delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    trial.exit_code = proc.wait(timeout=CHILD_START_TIMEOUT)
    for reader in readers:
        reader.join(timeout=CHILD_START_TIMEOUT)
    trial.stderr = "".join(errors).strip()
    for line in lines:
        text = line.strip()
        if text == READY:
            trial.ready = True
        elif text.isdigit():
            trial.reported.append(int(text))
        elif text:
            trial.problems.append(f"child printed {text!r}")
    if trial.exit_code != -signal.SIGKILL:
        trial.problems.append(f"child ended by itself with code {trial.exit_code}: {trial.stderr}")


def verify(vault: Path, trial: Trial, all_reported: set[int]) -> None:
    """Reopen, check in full, and look for every id reported so far."""
    try:
        practice = Practice.open(vault)
    except Exception as exc:
        trial.problems.append(f"cannot open: {type(exc).__name__}: {exc}")
        return
    try:
        practice.unlock(USER, PASSWORD)
        report = practice.check()
        trial.problems.extend(f"check: {p}" for p in report.problems)
        found = set(
            practice.find_patient_ids(FAMILY, include_archived=True, limit=len(all_reported) + 1000)
        )
        trial.lost = sorted(all_reported - found)
        if trial.reported and trial.reported[-1] in found:
            last = practice.get_patient(trial.reported[-1])
            if last.details.given_name != f"Trial{trial.number}":
                trial.problems.append(f"patient {last.id} reads back as {last.display_name}")
    except Exception as exc:
        trial.problems.append(f"cannot unlock or check: {type(exc).__name__}: {exc}")
    finally:
        practice.close()


def soak(directory: Path, trials: int, seed: int) -> tuple[int, int]:
    """Run the trials on one growing vault; (trials with lost ids, trials found corrupt)."""
    vault = directory / VAULT_NAME
    if not vault.exists():
        create_vault(vault)
    rng = random.Random(seed)
    all_reported: set[int] = set()
    lost = corrupt = before_ready = 0
    for number in range(1, trials + 1):
        trial = Trial(number=number, delay=rng.uniform(*KILL_DELAY))
        run_child(vault, trial)
        all_reported.update(trial.reported)
        verify(vault, trial, all_reported)
        before_ready += not trial.ready
        if trial.lost:
            lost += 1
            shown = ", ".join(map(str, trial.lost[:10]))
            print(f"trial {number}: {len(trial.lost)} reported ids missing: {shown}", flush=True)
        if trial.problems:
            corrupt += 1
            for problem in trial.problems:
                print(f"trial {number}: {problem}", flush=True)
        if number % 25 == 0 or number == trials:
            print(
                f"... {number} trials, {len(all_reported)} ids reported, "
                f"{before_ready} killed before unlocking",
                flush=True,
            )
    return lost, corrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point (also the child's, with --child)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200, metavar="N")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument("--dir", type=Path, metavar="D", help="folder for the soak vault")
    parser.add_argument("--child", type=Path, metavar="VAULT", help=argparse.SUPPRESS)
    parser.add_argument("--trial", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child, args.trial)
    if args.trials < 1:
        parser.error("--trials must be at least 1")
    start = time.perf_counter()
    directory = args.dir or Path(tempfile.mkdtemp(prefix="pd-crash-soak-"))
    directory.mkdir(parents=True, exist_ok=True)
    lost, corrupt = soak(directory, args.trials, args.seed)
    if args.dir is None and not (lost or corrupt):
        shutil.rmtree(directory, ignore_errors=True)
    else:
        print(f"the soak vault is kept in {directory}", flush=True)
    print(f"took {time.perf_counter() - start:.1f} s", flush=True)
    print(f"{args.trials} trials, {lost} lost, {corrupt} corrupt", flush=True)
    return 0 if lost == 0 and corrupt == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
