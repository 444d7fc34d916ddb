"""Foundation benchmark: unlock to patient list, patient search latency, encryption overhead.

    python benchmarks/run.py --patients 10000 --json
    python benchmarks/run.py --only backup     # just the backup figures, in seconds

Builds a synthetic demo practice once (cached under ``benchmarks/.cache/``) and measures it
with the real Argon2 cost. With ``--json`` exactly one JSON object is printed to stdout;
the key names are a contract other tools read, so only ever add keys.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3

from clinical import (  # benchmarks/ is on sys.path when run as a script
    measure_clinical,
    measure_documents,
)
from practice_desk.domain.search import read_query
from practice_desk.practice import Practice, demo
from practice_desk.vault import backup as backup_files
from practice_desk.vault import backup_checks, keys, patients_repo
from practice_desk.vault.db import CACHE_KIB, Connection
from practice_desk.vault.files import fsync_directory
from practice_desk.vault.vault import companion_files
from trust import measure_trust
from ui import measure_ui

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
#: Rows the patient list shows first, and how many ids a search asks for (the facade default).
PAGE = 50
SEARCH_LIMIT = 500
UNLOCK_RUNS = 3
#: Query mix: name prefixes dominate, as at a front desk.
NAME_QUERIES = 240
OTHER_QUERIES = 20  # each of birth date, chart number, phone suffix
SEARCH_PASSES = 3
RATIO_ROUNDS = 7
#: Slot parameters below these never come from keys.tuned_params(): a test-strength KDF.
REAL_KDF_MIN_TIME_COST = 3
REAL_KDF_MIN_MEMORY_KIB = 128 * 1024

Query = tuple[str, str]  # (kind, text typed into the search box)


# --- the vault -------------------------------------------------------------------------


DEMO_DATA = "visits1"


def default_vault_path(patients: int, seed: int) -> Path:
    """Where the cached demo vault for this size and seed lives."""
    suffix = "" if seed == 1 else f"-seed{seed}"
    # Bump DEMO_DATA when the demo gains new kinds of records, so old caches are rebuilt.
    return CACHE_DIR / f"demo-{patients}{suffix}-{DEMO_DATA}.pdvault"


def weak_kdf_env() -> bool:
    """True when the test-only weak key derivation is switched on in this process."""
    return os.environ.get(keys.WEAK_KDF_ENV) == "1"


def remove_vault(path: Path) -> None:
    """Delete a vault and every companion file (only used on the benchmark's own cache)."""
    for name in companion_files(path):
        name.unlink(missing_ok=True)


def prepare_vault(path: Path, patients: int, seed: int, *, rebuild_mismatch: bool) -> bool:
    """Create the demo vault unless it exists with `patients` patients; True if created."""
    if path.exists():
        with open_unlocked(path) as practice:
            found = practice.patient_count(include_archived=True)
        if found == patients:
            return False
        if not rebuild_mismatch:
            print(
                f"warning: {path} holds {found} patients, not {patients}; measuring it as it is",
                file=sys.stderr,
            )
            return False
        print(f"{path} holds {found} patients, not {patients}; rebuilding it", file=sys.stderr)
        remove_vault(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if weak_kdf_env():
        print(
            f"warning: {keys.WEAK_KDF_ENV}=1 is set, so this vault gets a test-strength KDF "
            "and the unlock figure will not show the real Argon2 cost",
            file=sys.stderr,
        )
    print(f"building {path} with {patients} synthetic patients...", file=sys.stderr)
    start = time.perf_counter()
    demo.create_demo_practice(path, patients=patients, seed=seed).close()
    print(f"built in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return True


def open_unlocked(path: Path) -> Practice:
    """The demo practice, opened and unlocked as the demo prescriber."""
    practice = Practice.open(path)
    try:
        practice.unlock(demo.DEMO_USER, demo.DEMO_PASSWORD)
    except BaseException:
        practice.close()
        raise
    return practice


def kdf_facts(practice: Practice) -> dict[str, Any]:
    """The Argon2 parameters of the demo user's key slot, and whether they are test-strength."""
    slot = practice._vault.keyslots.password_slot(demo.DEMO_USER)
    if slot is None:
        return {"weak_kdf": weak_kdf_env()}
    kdf = slot.kdf
    weak = kdf.time_cost < REAL_KDF_MIN_TIME_COST or kdf.memory_kib < REAL_KDF_MIN_MEMORY_KIB
    return {
        "weak_kdf": weak,
        "kdf_time_cost": kdf.time_cost,
        "kdf_memory_kib": kdf.memory_kib,
        "kdf_parallelism": kdf.parallelism,
    }


# --- statistics ------------------------------------------------------------------------


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (the value at or below which pct % of samples fall)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


# --- unlock to patient list ------------------------------------------------------------


def measure_unlock(path: Path, runs: int = UNLOCK_RUNS) -> dict[str, Any]:
    """Open + unlock (Argon2 included) + first page of the patient list, `runs` times."""
    totals: list[float] = []
    unlocks: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        practice = Practice.open(path)
        try:
            practice.unlock(demo.DEMO_USER, demo.DEMO_PASSWORD)
            unlocked = time.perf_counter()
            ids = practice.find_patient_ids("")
            practice.patient_summaries(ids[:PAGE])
            done = time.perf_counter()
        finally:
            practice.close()
        totals.append(done - start)
        unlocks.append(unlocked - start)
    return {
        "unlock_to_patient_list_s": round(statistics.median(totals), 4),
        "unlock_to_patient_list_s_min": round(min(totals), 4),
        "unlock_to_patient_list_s_max": round(max(totals), 4),
        "unlock_s": round(statistics.median(unlocks), 4),
        "unlock_s_min": round(min(unlocks), 4),
        "unlock_s_max": round(max(unlocks), 4),
        "unlock_runs": runs,
    }


# --- the search workload ---------------------------------------------------------------


def build_queries(practice: Practice, seed: int) -> list[Query]:
    """A deterministic mix of what people type: name prefixes, birth dates, charts, phones.

    Drawn from the patients in the vault, read through the repository so that building
    the workload leaves no chart-read events in the audit trail.
    """
    rng = random.Random(seed)
    conn = practice._vault.conn
    ids = practice.find_patient_ids("", include_archived=True, limit=1 << 31)
    if not ids:
        raise SystemExit("the vault has no patients to search for")
    queries: list[Query] = []
    for _ in range(NAME_QUERIES):
        details = patients_repo.get(conn, rng.choice(ids)).details
        name = details.family_name if rng.random() < 0.5 else details.given_name
        length = rng.randint(1, 4)
        queries.append((f"name{length}", name[:length]))
    for _ in range(OTHER_QUERIES):
        details = patients_repo.get(conn, rng.choice(ids)).details
        queries.append(("birth_date", details.date_of_birth.isoformat()))
    for _ in range(OTHER_QUERIES):
        chart = patients_repo.get(conn, rng.choice(ids)).chart_number
        queries.append(("chart", chart if rng.random() < 0.5 else str(int(chart))))
    candidates = rng.sample(ids, min(len(ids), 10 * OTHER_QUERIES))
    phones = [patients_repo.get(conn, i).details.phone_digits for i in candidates]
    phones = [p for p in phones if len(p) >= 7][:OTHER_QUERIES]
    queries.extend(("phone", p[-rng.randint(4, 7) :]) for p in phones)
    rng.shuffle(queries)
    return queries


def measure_search(practice: Practice, queries: Sequence[Query]) -> dict[str, Any]:
    """Latency of one search-box query through the facade: matching ids, then a page of rows."""

    def one(text: str) -> None:
        ids = practice.find_patient_ids(text, limit=SEARCH_LIMIT)
        practice.patient_summaries(ids[:PAGE])

    for _kind, text in queries:  # warm up: caches, prepared statements
        one(text)
    samples: list[float] = []
    by_kind: dict[str, list[float]] = {}
    for _ in range(SEARCH_PASSES):
        for kind, text in queries:
            start = time.perf_counter()
            one(text)
            elapsed_ms = (time.perf_counter() - start) * 1000
            samples.append(elapsed_ms)
            by_kind.setdefault(kind, []).append(elapsed_ms)
    return {
        "patient_search_p95_ms": round(percentile(samples, 95), 3),
        "patient_search_p50_ms": round(percentile(samples, 50), 3),
        "patient_search_max_ms": round(max(samples), 3),
        "patient_search_queries": len(queries),
        "patient_search_samples": len(samples),
        "patient_search_p95_ms_by_kind": {
            kind: round(percentile(values, 95), 3) for kind, values in sorted(by_kind.items())
        },
    }


NOTE_QUERIES = (
    "sleep",
    "nause",
    "early morning",
    "panic",
    "sertraline",
    "lithium follow",
    "dry mouth",
    "taper",
    "therapy referral",
    "conc",
    "weight kilograms",
    "irritable family",
)


def measure_note_search(practice: Practice, seed: int) -> dict[str, Any]:
    """Full-text note search through the facade: across the practice and within one chart."""
    rng = random.Random(seed)
    ids = practice.find_patient_ids("", limit=1 << 31)
    charts = rng.sample(ids, min(len(ids), 20))
    work = [(text, None) for text in NOTE_QUERIES] + [
        (rng.choice(NOTE_QUERIES), chart) for chart in charts
    ]
    for text, chart in work:  # warm up
        practice.search_notes(text, patient_id=chart)
    samples: list[float] = []
    for _ in range(SEARCH_PASSES):
        for text, chart in work:
            start = time.perf_counter()
            practice.search_notes(text, patient_id=chart)
            samples.append((time.perf_counter() - start) * 1000)
    notes = practice._vault.conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    return {
        "note_search_p95_ms": round(percentile(samples, 95), 3),
        "note_search_p50_ms": round(percentile(samples, 50), 3),
        "note_search_samples": len(samples),
        "notes": int(notes),
    }


# --- encrypted versus plain SQLite -----------------------------------------------------


def export_plain_copy(conn: Connection, target: Path) -> None:
    """Write an unencrypted copy of the open vault (schema, rows and user_version) to target."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
    try:
        conn.execute("SELECT sqlcipher_export('plain')").fetchall()
        conn.execute(f"PRAGMA plain.user_version = {version:d}")
    finally:
        conn.execute("DETACH DATABASE plain")


def open_plain(path: Path) -> Connection:
    """The plain copy, opened with the same settings vault/db.py connect() uses."""
    conn = sqlcipher3.connect(str(path), timeout=10.0, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return conn


def run_workload(conn: Connection, queries: Sequence[Query]) -> float:
    """Seconds to run every query through the repository functions on one connection."""
    start = time.perf_counter()
    for _kind, text in queries:
        ids = patients_repo.search_ids(conn, read_query(text), False, SEARCH_LIMIT)
        patients_repo.summaries(conn, ids[:PAGE])
    return time.perf_counter() - start


def measure_ratio(
    practice: Practice,
    queries: Sequence[Query],
    rounds: int = RATIO_ROUNDS,
    cache_kib: int | None = None,
    suffix: str = "",
) -> dict[str, Any]:
    """Same workload, same code, encrypted vault versus a plaintext copy, interleaved.

    With cache_kib both sides get that page cache instead of the app's, so pages are
    decrypted again on every read: the cost once a vault outgrows the cache.
    """
    encrypted = practice._vault.conn
    with tempfile.TemporaryDirectory(prefix="pd-bench-") as tmp:
        plain_path = Path(tmp) / "plain.db"
        plain: Connection | None = None
        try:
            export_plain_copy(encrypted, plain_path)
            plain = open_plain(plain_path)
            sides: dict[str, Connection] = {"encrypted": encrypted, "plain": plain}
            for conn in sides.values():
                conn.execute(f"PRAGMA cache_size = -{cache_kib or CACHE_KIB}")
                run_workload(conn, queries)  # warm up both page caches
            times: dict[str, list[float]] = {"encrypted": [], "plain": []}
            for index in range(rounds):
                order = ("encrypted", "plain") if index % 2 == 0 else ("plain", "encrypted")
                for side in order:
                    times[side].append(run_workload(sides[side], queries))
        finally:
            encrypted.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            if plain is not None:
                plain.close()
            for leftover in (plain_path, *(Path(f"{plain_path}{s}") for s in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
    ratios = [e / p for e, p in zip(times["encrypted"], times["plain"], strict=True)]
    total = sum(times["encrypted"]) / sum(times["plain"])
    return {
        f"encrypted_over_plain_ratio{suffix}": round(statistics.median(ratios), 4),
        f"encrypted_over_plain_ratio{suffix}_total": round(total, 4),
        f"workload_encrypted{suffix}_s": round(statistics.median(times["encrypted"]), 4),
        f"workload_plain{suffix}_s": round(statistics.median(times["plain"]), 4),
        f"ratio_rounds{suffix}": rounds,
    }


# --- putting it together ---------------------------------------------------------------


def measure_foundation(
    path: Path, *, seed: int = 1, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Every foundation figure for the demo vault at path, as one flat dict."""
    say = progress or (lambda _message: None)
    say("unlock to patient list")
    results: dict[str, Any] = {}
    results.update(measure_unlock(path))
    with open_unlocked(path) as practice:
        conn = practice._vault.conn
        results["patients"] = practice.patient_count()
        results["vault_bytes"] = path.stat().st_size
        results["python"] = platform.python_version()
        results["sqlcipher_version"] = str(conn.execute("PRAGMA cipher_version").fetchone()[0])
        results["sqlite_version"] = sqlcipher3.sqlite_version
        results["platform"] = platform.platform()
        results["cpu_count"] = os.cpu_count()
        results["seed"] = seed
        results.update(kdf_facts(practice))
        queries = build_queries(practice, seed)
        say(f"search workload ({len(queries)} queries x {SEARCH_PASSES})")
        results.update(measure_search(practice, queries))
        say("note search")
        results.update(measure_note_search(practice, seed))
        say(f"encrypted versus plain ({RATIO_ROUNDS} interleaved rounds)")
        results.update(measure_ratio(practice, queries))
        say("encrypted versus plain with a 2 MB page cache (3 rounds)")
        results.update(measure_ratio(practice, queries, 3, cache_kib=2048, suffix="_small_cache"))
        say("backup against a plain copy")
        results.update(measure_backup(practice))
    return results


def _copy_plainly(source: Path, copy: Path, *, flush: bool) -> float:
    """Seconds to copy source; with flush, until the file and its folder are on the device."""
    start = time.perf_counter()
    shutil.copyfile(source, copy)
    if flush:
        with copy.open("rb+") as handle:
            os.fsync(handle.fileno())
        fsync_directory(copy.parent)
    return time.perf_counter() - start


def measure_backup(practice: Practice, rounds: int = 3) -> dict[str, Any]:
    """Backup (snapshot, verify, write, flush) against a plain copy of the same file, same disk.

    A backup only counts once it is flushed to the device (file and folder), and so does a
    copy a person makes to a USB stick, so the ratio's copy is flushed the same way; the
    copy left in the page cache is reported beside it. Interleaved rounds, medians.
    """
    vault = practice._vault
    backups, copies, cached_copies, verifies = [], [], [], []
    start_at = datetime(2000, 1, 1, tzinfo=UTC)
    with tempfile.TemporaryDirectory(prefix="pd-bench-backup-", dir=vault.path.parent) as tmp:
        folder = Path(tmp)
        for index in range(rounds):
            copy = folder / f"copy-{index}.bin"
            cached_copies.append(_copy_plainly(vault.path, copy, flush=False))
            copy.unlink()
            copies.append(_copy_plainly(vault.path, copy, flush=True))
            copy.unlink()
            start = time.perf_counter()
            report = backup_files.create_backup(
                vault.path,
                vault.data_key,
                vault.keyslots,
                folder,
                now=start_at + timedelta(seconds=index),  # names carry the second
            )
            backups.append(time.perf_counter() - start)
            start = time.perf_counter()
            backup_files.verify_backup_file(report.path, data_key=vault.data_key)
            verifies.append(time.perf_counter() - start)
            report.path.unlink()
        phases = measure_backup_phases(practice, folder, rounds)
    backup_s, copy_s = statistics.median(backups), statistics.median(copies)
    cached_s = statistics.median(cached_copies)
    return {
        "backup_over_copy_ratio": round(backup_s / copy_s, 3),
        "backup_s": round(backup_s, 4),
        "plain_copy_s": round(copy_s, 4),
        "backup_verify_s": round(statistics.median(verifies), 4),
        "backup_over_copy_ratio_unflushed": round(backup_s / cached_s, 3),
        "plain_copy_unflushed_s": round(cached_s, 4),
        "backup_s_min": round(min(backups), 4),
        "plain_copy_s_min": round(min(copies), 4),
        "backup_verify_s_min": round(min(verifies), 4),
        "backup_rounds": rounds,
    } | phases


def measure_backup_phases(practice: Practice, folder: Path, rounds: int) -> dict[str, Any]:
    """Each step of a backup on its own, best of rounds, to show where its time goes.

    create_backup runs cipher_integrity_check and integrity_check on two helper threads
    while it writes the file, so on two cores its time is about snapshot + the slowest.
    """
    vault = practice._vault
    key, name = vault.data_key, "bench.pdbackup"
    times: dict[str, list[float]] = {}

    def timed(label: str, step: Callable[..., Any], *args: Any) -> Any:
        start = time.perf_counter()
        result = step(*args)
        times.setdefault(label, []).append(time.perf_counter() - start)
        return result

    def alone(snapshot: Path, work: Callable[..., Any]) -> None:  # as _checks_beside does
        cache_all = work is backup_checks._integrity_check
        check = backup_checks._Check(snapshot, key, name, work, cache_all=cache_all)
        check.start()
        check.outcome()

    def write_flush(partial: Path, header: Any, snapshot: Path) -> None:
        backup_files._write(partial, header, snapshot, _open_new, _ignore)
        fsync_directory(partial.parent)

    for _ in range(rounds):
        with backup_files._scratch(folder) as scratch:
            snapshot, partial = scratch / "snapshot.db", folder / "bench.partial"
            counts, version = timed(
                "snapshot", backup_files._snapshot, vault.path, key, snapshot, _ignore
            )
            timed("cipher_check", alone, snapshot, backup_checks._cipher_check)
            timed("integrity_check", alone, snapshot, backup_checks._integrity_check)
            timed("checks_together", backup_checks.check_database, snapshot, key, name)
            now = datetime.now(UTC)
            header = timed(
                "digest",
                backup_files._sealed_header,
                snapshot,
                key,
                vault.keyslots,
                now,
                version,
                counts,
            )
            timed("write_flush", write_flush, partial, header, snapshot)
            timed("read_back", backup_files._read_back, partial, header)
            partial.unlink()
    return {f"backup_phase_{label}_s": round(min(values), 4) for label, values in times.items()}


def _ignore(_fraction: float) -> None:
    pass


def _open_new(path: Path) -> Any:
    return path.open("xb")


GOALS = {
    "patient_search_p95_ms": 10.0,
    "encrypted_over_plain_ratio": 1.15,
    "safety_check_ms": 5.0,
    "taper_plan_ms": 20.0,
    "taper_plan_worst_ms": 20.0,
    "formulary_load_ms": 150.0,
    "rx_pdf_ms": 30.0,
    "taper_calendar_pdf_ms": 100.0,
    "backup_over_copy_ratio": 2.0,
    "cold_start_to_unlock_window_s": 0.6,
    "chart_open_p95_ms": 25.0,
    "chart_open_facade_calls": 5,
    "chart_open_audit_events": 1,
    "note_search_p95_ms": 50.0,
    "per_keystroke_search_p95_ms": 10.0,
    "rss_mb": 250.0,
    "rotate_data_key_s": 3.0,
    "check_s": 2.0,
}


def human_report(results: dict[str, Any]) -> str:
    """The figures as aligned lines, with the 10,000-patient goals marked."""
    width = max(len(k) for k in results)
    lines = [f"{key:<{width}}  {value}" for key, value in results.items()]
    for key, goal in GOALS.items():
        if key not in results:  # not measured in this run (--only)
            continue
        verdict = "met" if results[key] <= goal else "MISSED"
        lines.append(f"goal {key} <= {goal}: {verdict} ({results[key]})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10_000, metavar="N")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument("--vault", type=Path, metavar="PATH", help="vault to build or reuse")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--only",
        choices=("backup",),
        help="measure only this part (the demo vault is still built or reused)",
    )
    args = parser.parse_args(argv)
    if args.patients < 1:
        parser.error("--patients must be at least 1")
    path = args.vault or default_vault_path(args.patients, args.seed)
    created = prepare_vault(path, args.patients, args.seed, rebuild_mismatch=args.vault is None)
    if args.only == "backup":
        print("measuring backup against a plain copy...", file=sys.stderr)
        with open_unlocked(path) as practice:
            results: dict[str, Any] = {"vault": str(path), "vault_bytes": path.stat().st_size}
            results.update(measure_backup(practice))
        print(json.dumps(results) if args.json else human_report(results))
        return 0
    results = measure_foundation(
        path, seed=args.seed, progress=lambda m: print(f"measuring {m}...", file=sys.stderr)
    )
    if created and weak_kdf_env():
        results["weak_kdf"] = True
    if results["weak_kdf"]:
        print(
            "warning: the vault's key slot uses a test-strength KDF; unlock times are not real",
            file=sys.stderr,
        )
    results["vault"] = str(path)
    print("measuring key rotation and the full check...", file=sys.stderr)
    results.update(measure_trust(path))
    results.update(measure_clinical())
    results.update(measure_documents())
    print("measuring the desktop window (offscreen, fresh process)...", file=sys.stderr)
    results.update(measure_ui(path))
    if args.json:
        print(json.dumps(results, sort_keys=False))
    else:
        print(human_report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
