"""``practice-desk``: the GUI with no arguments, headless jobs as subcommands.

Exit codes: 0 ok, 1 a check failed or an operation was refused, 2 usage,
3 wrong password or unknown user.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from practice_desk import __version__
from practice_desk.applog import data_dir, setup_logging
from practice_desk.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    UsageError,
    add_credentials,
    add_key_out,
    credentials,
    open_unlocked,
)
from practice_desk.cli.keys import (
    cmd_export,
    cmd_export_key,
    cmd_init,
    cmd_rotate_key,
    cmd_users,
)
from practice_desk.domain.errors import PracticeError, ValidationError, VaultDamaged


def cmd_demo(args: argparse.Namespace) -> int:
    from practice_desk.practice import demo

    vault = Path(args.vault)
    start = time.perf_counter()
    if vault.exists():
        practice = open_unlocked(args)
        added = demo.populate(practice, args.patients, args.seed)
    else:
        practice = demo.create_demo_practice(vault, args.patients, args.seed)
        added = args.patients
        print(
            f"Created demo practice {vault}: users “{demo.DEMO_USER}” (prescriber) and "
            f"“{demo.DEMO_NURSE}” (nurse), password “{demo.DEMO_PASSWORD}”."
        )
    with practice:
        print(
            f"Added {added} synthetic patients in {time.perf_counter() - start:.1f} s "
            f"({practice.patient_count()} in the practice)."
        )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with open_unlocked(args) as practice:
        problems = practice.check().problems
        if args.against:
            problems += practice.check_against_backup(args.against, **credentials(args))
    if not problems:
        print(
            "ok: cipher pages, database structure, the key file's seal, the signed roster "
            "and audit trail are intact"
            + (f"; the practice continues {Path(args.against).name}" if args.against else "")
        )
        return EXIT_OK
    for problem in problems:
        print(f"problem: {problem}")
    return EXIT_REFUSED


def _describe(report: Any) -> str:
    counts = ", ".join(f"{n} {table.replace('_', ' ')}" for table, n in report.row_counts.items())
    return (
        f"{report.path}\n  made {report.created_at:%Y-%m-%d %H:%M} UTC by Practice Desk "
        f"{report.app_version}, schema {report.schema_version}, {report.size_bytes:,} bytes\n"
        f"  holds {counts}"
    )


def cmd_backup(args: argparse.Namespace) -> int:
    if args.keep < 1:
        raise UsageError("--keep must be at least 1.")
    with open_unlocked(args) as practice:
        report = practice.backup_to(Path(args.to), keep=args.keep)
    print("Backup written and verified:")
    print(_describe(report))
    return EXIT_OK


def cmd_verify_backup(args: argparse.Namespace) -> int:
    from practice_desk.practice.backups import verify_backup

    report = verify_backup(Path(args.file), **credentials(args))
    print("ok: the backup opens and is complete")
    print(_describe(report))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from practice_desk.practice.backups import restore_backup

    report, kept = restore_backup(Path(args.file), Path(args.to), **credentials(args))
    print(f"Restored {args.file} to {args.to}.")
    if kept:
        print(f"The practice that was there is kept as {kept}.")
    print(_describe(report))
    return EXIT_OK


def cmd_specimens(args: argparse.Namespace) -> int:
    from practice_desk.practice.specimens import write_specimens

    written = write_specimens(Path(args.outdir), args.language)
    for path in written:
        print(path)
    print(f"{len(written)} specimen documents written (marked SPECIMEN - NOT VALID).")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from practice_desk.ui.app import run

    demo_password = None
    vault = Path(args.vault) if args.vault else None
    if args.demo:
        from practice_desk.practice import demo

        vault = data_dir() / "demo" / "demo-practice.pdvault"
        if not vault.exists():
            vault.parent.mkdir(parents=True, exist_ok=True)
            print("Creating the demo practice (first use only)...", file=sys.stderr)
            demo.create_demo_practice(vault, patients=300).close()
        demo_password = demo.DEMO_PASSWORD
    return run(vault, demo_password=demo_password, language=args.language)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="practice-desk",
        description="Offline medication management for a small psychiatric practice. "
        "With no command, opens the application.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open a demo practice with synthetic patients"
    )
    parser.add_argument("--vault", help="practice file to open in the application")
    parser.add_argument(
        "--language",
        choices=["en", "es"],
        help="language of the application's screens on this computer (remembered)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation is complete (a throwaway practice, a PDF, "
        "the window offscreen), then exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help="create a new practice file")
    p.add_argument("vault", metavar="VAULT")
    p.add_argument("--user", required=True, metavar="NAME", help="the first user (a prescriber)")
    p.add_argument("--full-name", metavar="TEXT")
    p.add_argument("--password-file", metavar="F")
    p.add_argument(
        "--recovery-key-out", metavar="F", help="write the recovery key here (mode 0600)"
    )
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("users", help="list, add, remove users or reset a password")
    p.add_argument("vault", metavar="VAULT")
    add_credentials(p)
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("list", help="the practice's users and roles")
    a = actions.add_parser("add", help="add a user")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=["prescriber", "nurse"])
    a.add_argument("--full-name", metavar="TEXT")
    a.add_argument("--new-password-file", required=True, metavar="F")
    a = actions.add_parser(
        "remove", help="remove a user and replace the encryption key (their audit history stays)"
    )
    a.add_argument("name")
    add_key_out(a)
    a = actions.add_parser("reset-password", help="set a new password for a user")
    a.add_argument("name")
    a.add_argument("--new-password-file", required=True, metavar="F")
    a.add_argument(
        "--old-may-be-known",
        action="store_true",
        help="someone else may know the old password: replace the encryption key too",
    )
    add_key_out(a)
    p.set_defaults(func=cmd_users)

    p = sub.add_parser(
        "rotate-key",
        help="replace the practice's encryption key (after a laptop or key file went missing)",
    )
    p.add_argument("vault", metavar="VAULT")
    p.add_argument(
        "--new-recovery-key",
        action="store_true",
        help="make a new recovery key as well (the old one stops working)",
    )
    add_key_out(p)
    add_credentials(p)
    p.set_defaults(func=cmd_rotate_key)

    p = sub.add_parser("demo", help="create or grow a synthetic demo practice")
    p.add_argument("vault", metavar="VAULT")
    p.add_argument("--patients", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    add_credentials(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("check", help="verify encryption, structure, signatures and the audit chain")
    p.add_argument("vault", metavar="VAULT")
    p.add_argument(
        "--against",
        metavar="BACKUP",
        help="also confirm the practice continues this backup's signed audit trail "
        "(it was not rolled back to an older copy)",
    )
    add_credentials(p)
    p.set_defaults(func=cmd_check)
    p = sub.add_parser(
        "export-key",
        help="print the practice's encryption key and how to open the file without Practice Desk",
    )
    p.add_argument("vault", metavar="VAULT")
    add_credentials(p)
    p.set_defaults(func=cmd_export_key)
    p = sub.add_parser(
        "export", help="(prescriber) write an UNENCRYPTED copy of the practice, to leave or analyse"
    )
    p.add_argument("vault", metavar="VAULT")
    p.add_argument(
        "--sqlite",
        required=True,
        metavar="OUT",
        help="a new plain SQLite file holding every table (mode 0600; never overwritten)",
    )
    add_credentials(p)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("backup", help="write a verified, encrypted backup to a folder or USB drive")
    p.add_argument("vault", metavar="VAULT")
    p.add_argument("--to", required=True, metavar="DIR", help="folder on the backup drive")
    p.add_argument(
        "--keep", type=int, default=10, metavar="N", help="keep the newest N (default 10)"
    )
    add_credentials(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("verify-backup", help="check that a backup file opens and is complete")
    p.add_argument("file", metavar="FILE")
    add_credentials(p)
    p.set_defaults(func=cmd_verify_backup)

    p = sub.add_parser("restore", help="restore a backup (the practice there is kept aside)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", required=True, metavar="VAULT", help="practice file to restore to")
    add_credentials(p)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser(
        "specimens", help="print every document from synthetic data, to check layout"
    )
    p.add_argument("outdir", metavar="OUTDIR")
    p.add_argument("--language", choices=["en", "es"], default="en")
    p.set_defaults(func=cmd_specimens)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from practice_desk.selftest import run_self_test

        return run_self_test()
    setup_logging()
    try:
        if args.command is None:
            return cmd_gui(args)
        if args.command == "demo" and args.patients < 0:
            raise UsageError("--patients must be zero or more.")
        return int(args.func(args))
    except UsageError as exc:
        print(f"practice-desk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as exc:
        print(f"practice-desk: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except PracticeError as exc:
        print(f"practice-desk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("practice-desk: interrupted; nothing half-done was saved.", file=sys.stderr)
        return EXIT_REFUSED
    except OSError as exc:
        print(f"practice-desk: {exc.strerror or exc} ({exc.filename or 'file'}).", file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # a damaged page met somewhere no check anticipated
        from practice_desk.vault.db import DatabaseError  # loaded already if it was raised

        if not isinstance(exc, DatabaseError):
            raise
        damaged = VaultDamaged(
            f"The practice file is damaged and cannot be read ({exc}). Run "
            "“practice-desk check” on it, or restore it from a backup."
        )
        print(f"practice-desk: {damaged}", file=sys.stderr)
        return damaged.exit_code


if __name__ == "__main__":
    sys.exit(main())
