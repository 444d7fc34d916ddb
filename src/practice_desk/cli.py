"""``practice-desk``: the GUI with no arguments, headless jobs as subcommands.

Exit codes: 0 ok, 1 a check failed or an operation was refused, 2 usage,
3 wrong password or unknown user.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from practice_desk import __version__
from practice_desk.applog import data_dir, setup_logging
from practice_desk.domain.errors import PracticeError, ValidationError, VaultDamaged, VaultExists

if TYPE_CHECKING:
    from practice_desk.practice import KeyRotation

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_AUTH = 0, 1, 2, 3


class UsageError(Exception):
    pass


def _read_secret_file(path: str, what: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"Cannot read the {what} file {path}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise UsageError(f"The {what} file {path} is not UTF-8 text.") from None
    secret = text.splitlines()[0] if text.splitlines() else ""
    if not secret:
        raise UsageError(f"The {what} file {path} is empty.")
    return secret


def _prompt(label: str) -> str:
    if not sys.stdin.isatty():
        raise UsageError(
            f"No {label.lower()} given. Pass --password-file (or --recovery-key-file), "
            "or run this in a terminal to be asked."
        )
    return getpass.getpass(f"{label}: ")


def _add_credentials(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("unlocking (asked in the terminal when not given)")
    group.add_argument("--user", metavar="NAME", help="user name to unlock as")
    group.add_argument("--password-file", metavar="F", help="file whose first line is the password")
    group.add_argument(
        "--recovery-key-file", metavar="F", help="file holding the recovery key instead"
    )


def _add_key_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recovery-key-out",
        metavar="F",
        help="if a new recovery key is made, write it here (mode 0600) instead of showing it",
    )


def _open_unlocked(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from practice_desk.practice import Practice

    practice = Practice.open(args.vault)
    try:
        if args.recovery_key_file:
            practice.unlock_with_recovery_key(
                _read_secret_file(args.recovery_key_file, "recovery key")
            )
        else:
            user = args.user or (input("User: ") if sys.stdin.isatty() else None)
            if not user:
                raise UsageError("Name the user to unlock as with --user NAME.")
            password = (
                _read_secret_file(args.password_file, "password")
                if args.password_file
                else _prompt("Password")
            )
            practice.unlock(user, password)
    except BaseException:
        practice.close()
        raise
    for warning in [*practice.integrity_warnings, *practice.warnings]:
        print(f"Warning: {warning}", file=sys.stderr)
    if practice.failed_attempts:
        print(
            f"Note: {len(practice.failed_attempts)} failed unlock attempt(s) "
            "since the last unlock.",
            file=sys.stderr,
        )
    return practice


# --- commands --------------------------------------------------------------------------


def cmd_export_key(args: argparse.Namespace) -> int:
    with _open_unlocked(args) as practice:
        key = practice.export_data_key()
    name = Path(args.vault).name
    pragma = 'PRAGMA key = "' + key + '"'  # shown to the reader, never run here
    lines = [
        f"The encryption key of {name}. It opens every patient record in the file:",
        "keep it as safe as the recovery key, and never send it by email.",
        "",
        f"    {key}",
        "",
        f"To read {name} without Practice Desk, with any SQLCipher 4 client (default",
        "settings, nothing else to set), for example the sqlcipher3 Python package:",
        "",
        "    import sqlcipher3",
        f'    conn = sqlcipher3.connect("{name}")',
        "    conn.execute(" + repr(pragma) + ")",
        '    print(conn.execute("SELECT count(*) FROM patients").fetchone())',
        "",
        f"or the sqlcipher shell: sqlcipher {name}, then {pragma};",
        "Copy the file (and its -wal file, if there is one) first, and work on the copy.",
        "Changing a password does not change this key; removing a user or",
        "practice-desk rotate-key does, and then this one stops working.",
    ]
    print("\n".join(lines))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from practice_desk.practice import Practice

    vault = Path(args.vault)
    if vault.exists():
        raise VaultExists(f"{vault} already exists. Choose a new file name for the practice.")
    if args.password_file:
        password = _read_secret_file(args.password_file, "password")
    else:
        password = _prompt("New password")
        if _prompt("Repeat the password") != password:
            raise UsageError("The two passwords differ; nothing was created.")
    key_out = None
    if args.recovery_key_out:
        # Claim the file first so a vault is never created whose key could not be saved.
        try:
            fd = os.open(args.recovery_key_out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise UsageError(f"Cannot create {args.recovery_key_out}: {exc.strerror}.") from None
        key_out = os.fdopen(fd, "w", encoding="utf-8")
    try:
        practice, recovery_key = Practice.create(vault, args.user, password, args.full_name or "")
    except BaseException:
        if key_out:
            key_out.close()
            if not vault.exists():
                os.unlink(args.recovery_key_out)
        raise
    with practice:
        if key_out:
            try:
                with key_out:
                    key_out.write(recovery_key + "\n")
                    key_out.flush()
                    os.fsync(key_out.fileno())
            except OSError as exc:
                # The practice exists now: its recovery key must not be lost with the file.
                print(
                    f"Created {vault}, but the recovery key could not be written to "
                    f"{args.recovery_key_out} ({exc.strerror}). Here it is, shown once; "
                    f"write it down now:\n    {recovery_key}",
                    file=sys.stderr,
                )
                return EXIT_REFUSED
            print(
                f"Created {vault}. The recovery key is in {args.recovery_key_out}: print it, "
                "keep it apart from the computer and the backups, then delete the file."
            )
        else:
            print(f"Created {vault}.")
            print(
                "Recovery key (shown once; write it down or print it, "
                "and keep it apart from backups):"
            )
            print(f"    {recovery_key}")
        print(f"Vault id: {practice.vault_id}")
    return EXIT_OK


def _claim_key_file(path: str | None):  # type: ignore[no-untyped-def]
    """Create the file a new recovery key will go to (0600, never over another file)
    before any key is replaced, so a key is never made that could not be saved."""
    if not path:
        return None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise UsageError(f"Cannot create {path}: {exc.strerror}.") from None
    return os.fdopen(fd, "w", encoding="utf-8")


def _report_rotation(rotation: KeyRotation | None, key_out: Any, key_out_path: str | None) -> int:
    if key_out is not None and (rotation is None or rotation.recovery_key is None):
        key_out.close()
        os.unlink(str(key_out_path))
    if rotation is None:
        return EXIT_OK
    print(
        "The practice's encryption key was replaced: a copy of the key file, an old "
        "password or the exported key no longer opens the practice as it is now. Copies "
        "of the practice and backups made before now are not reached: they still open "
        "with the passwords and recovery key they were made with."
    )
    if rotation.needs_reset:
        print(
            "These sign-ins are from an older key file and could not be given the new key; "
            "reset their passwords: " + ", ".join(rotation.needs_reset)
        )
    if rotation.recovery_key is None:
        return EXIT_OK
    if key_out is not None:
        try:
            with key_out:
                key_out.write(rotation.recovery_key + "\n")
                key_out.flush()
                os.fsync(key_out.fileno())
        except OSError as exc:
            print(
                f"The new recovery key could not be written to {key_out_path} "
                f"({exc.strerror}). Here it is, shown once; write it down now:\n"
                f"    {rotation.recovery_key}",
                file=sys.stderr,
            )
            return EXIT_REFUSED
        print(
            f"The new recovery key is in {key_out_path}: print it, keep it apart from the "
            "computer and the backups, then delete the file. The old one no longer works."
        )
    else:
        print("New recovery key (shown once; the old one no longer works):")
        print(f"    {rotation.recovery_key}")
    return EXIT_OK


def cmd_users(args: argparse.Namespace) -> int:
    key_out_path = getattr(args, "recovery_key_out", None)
    with _open_unlocked(args) as practice:
        rotation: KeyRotation | None = None
        key_out = None
        if args.action == "list":
            for user in practice.users():
                print(f"{user.username}\t{user.role.value}\t{user.full_name}")
        elif args.action == "add":
            password = _read_secret_file(args.new_password_file, "new password")
            practice.add_user(args.name, args.full_name or args.name, args.role, password)
            print(f"Added {args.name} ({args.role}).")
        elif args.action == "remove":
            key_out = _claim_key_file(key_out_path)
            rotation = _with_key_file(key_out, key_out_path, practice.remove_user, args.name)
            print(f"Removed {args.name}. Their past actions stay in the audit trail.")
        elif args.action == "reset-password":
            password = _read_secret_file(args.new_password_file, "new password")
            key_out = _claim_key_file(key_out_path)
            rotation = _with_key_file(
                key_out,
                key_out_path,
                practice.reset_password,
                args.name,
                password,
                old_may_be_known=args.old_may_be_known,
            )
            print(f"New password set for {args.name}.")
        return _report_rotation(rotation, key_out, key_out_path)


def _with_key_file(key_out: Any, path: str | None, action: Any, *args: Any, **kw: Any) -> Any:
    """Run action; if it fails, the claimed recovery-key file is removed again."""
    try:
        return action(*args, **kw)
    except BaseException:
        if key_out is not None:
            key_out.close()
            os.unlink(str(path))
        raise


def cmd_rotate_key(args: argparse.Namespace) -> int:
    with _open_unlocked(args) as practice:
        key_out = _claim_key_file(args.recovery_key_out)
        action = practice.new_recovery_key if args.new_recovery_key else practice.rotate_data_key
        rotation = _with_key_file(key_out, args.recovery_key_out, action)
        return _report_rotation(rotation, key_out, args.recovery_key_out)


def cmd_demo(args: argparse.Namespace) -> int:
    from practice_desk.practice import demo

    vault = Path(args.vault)
    start = time.perf_counter()
    if vault.exists():
        practice = _open_unlocked(args)
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
    with _open_unlocked(args) as practice:
        report = practice.check()
    if report.ok:
        print("ok: cipher pages, database structure and audit chain are intact")
        return EXIT_OK
    for problem in report.problems:
        print(f"problem: {problem}")
    return EXIT_REFUSED


def _credentials(args: argparse.Namespace) -> dict[str, str]:
    """Credentials for a backup file (no practice is open to ask)."""
    if args.recovery_key_file:
        return {"recovery_key": _read_secret_file(args.recovery_key_file, "recovery key")}
    user = args.user or (input("User: ") if sys.stdin.isatty() else None)
    if not user:
        raise UsageError("Name the user with --user NAME, or give --recovery-key-file.")
    password = (
        _read_secret_file(args.password_file, "password")
        if args.password_file
        else _prompt("Password")
    )
    return {"username": user, "password": password}


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
    with _open_unlocked(args) as practice:
        report = practice.backup_to(Path(args.to), keep=args.keep)
    print("Backup written and verified:")
    print(_describe(report))
    return EXIT_OK


def cmd_verify_backup(args: argparse.Namespace) -> int:
    from practice_desk.practice.backups import verify_backup

    report = verify_backup(Path(args.file), **_credentials(args))
    print("ok: the backup opens and is complete")
    print(_describe(report))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from practice_desk.practice.backups import restore_backup

    report, kept = restore_backup(Path(args.file), Path(args.to), **_credentials(args))
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
    _add_credentials(p)
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
    _add_key_out(a)
    a = actions.add_parser("reset-password", help="set a new password for a user")
    a.add_argument("name")
    a.add_argument("--new-password-file", required=True, metavar="F")
    a.add_argument(
        "--old-may-be-known",
        action="store_true",
        help="someone else may know the old password: replace the encryption key too",
    )
    _add_key_out(a)
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
    _add_key_out(p)
    _add_credentials(p)
    p.set_defaults(func=cmd_rotate_key)

    p = sub.add_parser("demo", help="create or grow a synthetic demo practice")
    p.add_argument("vault", metavar="VAULT")
    p.add_argument("--patients", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    _add_credentials(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("check", help="verify encryption, database structure and the audit chain")
    p.add_argument("vault", metavar="VAULT")
    _add_credentials(p)
    p.set_defaults(func=cmd_check)
    p = sub.add_parser(
        "export-key",
        help="print the practice's encryption key and how to open the file without Practice Desk",
    )
    p.add_argument("vault", metavar="VAULT")
    _add_credentials(p)
    p.set_defaults(func=cmd_export_key)
    p = sub.add_parser("backup", help="write a verified, encrypted backup to a folder or USB drive")
    p.add_argument("vault", metavar="VAULT")
    p.add_argument("--to", required=True, metavar="DIR", help="folder on the backup drive")
    p.add_argument(
        "--keep", type=int, default=10, metavar="N", help="keep the newest N (default 10)"
    )
    _add_credentials(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("verify-backup", help="check that a backup file opens and is complete")
    p.add_argument("file", metavar="FILE")
    _add_credentials(p)
    p.set_defaults(func=cmd_verify_backup)

    p = sub.add_parser("restore", help="restore a backup (the practice there is kept aside)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", required=True, metavar="VAULT", help="practice file to restore to")
    _add_credentials(p)
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
