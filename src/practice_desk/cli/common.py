"""What every command shares: reading secrets, unlocking, exit codes."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_AUTH = 0, 1, 2, 3


class UsageError(Exception):
    pass


def read_secret_file(path: str, what: str) -> str:
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


def prompt(label: str) -> str:
    if not sys.stdin.isatty():
        raise UsageError(
            f"No {label.lower()} given. Pass --password-file (or --recovery-key-file), "
            "or run this in a terminal to be asked."
        )
    return getpass.getpass(f"{label}: ")


def add_credentials(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("unlocking (asked in the terminal when not given)")
    group.add_argument("--user", metavar="NAME", help="user name to unlock as")
    group.add_argument("--password-file", metavar="F", help="file whose first line is the password")
    group.add_argument(
        "--recovery-key-file", metavar="F", help="file holding the recovery key instead"
    )


def add_key_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recovery-key-out",
        metavar="F",
        help="if a new recovery key is made, write it here (mode 0600) instead of showing it",
    )


def open_unlocked(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from practice_desk.practice import Practice

    practice = Practice.open(args.vault)
    try:
        if args.recovery_key_file:
            practice.unlock_with_recovery_key(
                read_secret_file(args.recovery_key_file, "recovery key")
            )
        else:
            user = args.user or (input("User: ") if sys.stdin.isatty() else None)
            if not user:
                raise UsageError("Name the user to unlock as with --user NAME.")
            password = (
                read_secret_file(args.password_file, "password")
                if args.password_file
                else prompt("Password")
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


def credentials(args: argparse.Namespace) -> dict[str, str]:
    """Credentials for a backup file (no practice is open to ask)."""
    if args.recovery_key_file:
        return {"recovery_key": read_secret_file(args.recovery_key_file, "recovery key")}
    user = args.user or (input("User: ") if sys.stdin.isatty() else None)
    if not user:
        raise UsageError("Name the user with --user NAME, or give --recovery-key-file.")
    password = (
        read_secret_file(args.password_file, "password")
        if args.password_file
        else prompt("Password")
    )
    return {"username": user, "password": password}


def claim_key_file(path: str | None):  # type: ignore[no-untyped-def]
    """Create the file a new recovery key will go to (0600, never over another file)
    before any key is replaced, so a key is never made that could not be saved."""
    if not path:
        return None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise UsageError(f"Cannot create {path}: {exc.strerror}.") from None
    return os.fdopen(fd, "w", encoding="utf-8")
