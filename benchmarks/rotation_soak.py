"""Rotation soak: kill a process while it replaces the data key, and check the practice opens.

    python benchmarks/rotation_soak.py --trials 20 [--seed S] [--dir D] [--patients N]

Each trial starts a child (this script with ``--child``) that unlocks the soak practice
and replaces its data key over and over, printing ``rotated`` after each. The parent
SIGKILLs it a random moment after it is ready, then opens the practice with each
password and with the recovery key, runs the full check and counts the patients. The
last line printed is ``N trials, F failed``; the exit code is 0 only when F is 0.
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
import time
from collections.abc import Sequence
from pathlib import Path

from practice_desk.practice import Practice
from practice_desk.vault import keys

# The soak is about the rotation, not key derivation: fast KDF for the parent and children.
os.environ[keys.WEAK_KDF_ENV] = "1"

USERS = {"soak": "soak password 123", "soaknurse": "soak nurse password 456"}
VAULT_NAME = "rotation.pdvault"
READY = "ready"
#: Kill this long after the child said it was ready (seconds, drawn uniformly).
KILL_DELAY = (0.0, 0.5)
CHILD_MAX_SECONDS = 60.0
CHILD_START_TIMEOUT = 30.0


def child(vault: Path) -> int:
    """Rotate the data key until killed."""
    practice = Practice.open(vault)
    practice.unlock("soak", USERS["soak"])
    print(READY, flush=True)
    deadline = time.monotonic() + CHILD_MAX_SECONDS
    while time.monotonic() < deadline:
        practice.rotate_data_key()
        print("rotated", flush=True)
    practice.close()
    return 0


def create_vault(path: Path, patients: int) -> str:
    """The soak practice with two users and some synthetic patients; its recovery key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    practice, recovery = Practice.create(path, "soak", USERS["soak"], "Dr Soak Test")
    practice.add_user("soaknurse", "Nurse Soak", "nurse", USERS["soaknurse"])
    with practice.batch():
        for n in range(patients):
            practice.add_patient(
                {
                    "family_name": "Rotationsoak",
                    "given_name": f"Fake{n}",
                    "date_of_birth": "1980-01-01",
                    "notes": "Synthetic patient for the rotation soak. " * 20,
                }
            )
    practice.close()
    return recovery


def run_child(vault: Path, delay: float) -> tuple[int, str]:
    """Start a child, kill it delay seconds after it is ready; (rotations seen, problem)."""
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(vault)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline().strip()
    if first != READY:
        proc.kill()
        _out, err = proc.communicate(timeout=CHILD_START_TIMEOUT)
        return 0, f"child did not start: {first!r} {err.strip()}"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=CHILD_START_TIMEOUT)
    if proc.returncode != -signal.SIGKILL:
        return 0, f"child ended by itself with code {proc.returncode}"
    return out.split().count("rotated"), ""


def verify(vault: Path, recovery: str, patients: int) -> tuple[list[str], bool]:
    """Every way in still works, the check passes and no patient is missing; and whether
    the first unlock found a rotation under way (and finished it)."""
    problems: list[str] = []
    finished = False
    ways: list[tuple[str, str | None]] = [*USERS.items(), ("(recovery key)", None)]
    for user, password in ways:
        practice = Practice.open(vault)
        try:
            if password is None:
                practice.unlock_with_recovery_key(recovery)
            else:
                practice.unlock(user, password)
            finished = finished or practice._vault.rotation_finished
            report = practice.check()
            problems += [f"{user}: check: {p}" for p in report.problems]
            if practice.patient_count() != patients:
                problems.append(f"{user}: {practice.patient_count()} patients, not {patients}")
        except Exception as exc:
            problems.append(f"{user}: cannot open: {type(exc).__name__}: {exc}")
        finally:
            practice.close()
    return problems, finished


def soak(directory: Path, trials: int, seed: int, patients: int) -> int:
    vault = directory / VAULT_NAME
    recovery = create_vault(vault, patients)
    rng = random.Random(seed)
    failed = rotations = interrupted = 0
    for number in range(1, trials + 1):
        done, problem = run_child(vault, rng.uniform(*KILL_DELAY))
        rotations += done
        problems = [problem] if problem else []
        found, finished = verify(vault, recovery, patients)
        problems += found
        interrupted += finished
        if problems:
            failed += 1
            for text in problems:
                print(f"trial {number}: {text}", flush=True)
    print(
        f"{rotations} rotations completed before the kills; {interrupted} kills landed "
        "mid-rotation (finished at the next unlock)",
        flush=True,
    )
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20, metavar="N")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument("--patients", type=int, default=1500, metavar="N")
    parser.add_argument("--dir", type=Path, metavar="D", help="folder for the soak practice")
    parser.add_argument("--child", type=Path, metavar="VAULT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)
    if args.trials < 1:
        parser.error("--trials must be at least 1")
    start = time.perf_counter()
    directory = args.dir or Path(tempfile.mkdtemp(prefix="pd-rotation-soak-"))
    directory.mkdir(parents=True, exist_ok=True)
    failed = soak(directory, args.trials, args.seed, args.patients)
    if args.dir is None and not failed:
        shutil.rmtree(directory, ignore_errors=True)
    else:
        print(f"the soak practice is kept in {directory}", flush=True)
    print(f"took {time.perf_counter() - start:.1f} s", flush=True)
    print(f"{args.trials} trials, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
