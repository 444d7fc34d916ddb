"""Commands that make, share or replace keys: init, users, rotate-key, export-key, export."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from practice_desk.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    UsageError,
    claim_key_file,
    open_unlocked,
    prompt,
    read_secret_file,
)
from practice_desk.domain.errors import VaultExists

if TYPE_CHECKING:
    from practice_desk.practice import KeyRotation


def cmd_export_key(args: argparse.Namespace) -> int:
    with open_unlocked(args) as practice:
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


PLAIN_WARNING = (
    "WARNING: {name} is NOT encrypted. Anyone who gets this file can read every patient "
    "record in it, with any SQLite tool. Keep it on this computer or an encrypted drive, "
    "never email it, and delete it when you are done. The export is in the audit trail."
)


def cmd_export(args: argparse.Namespace) -> int:
    target = Path(args.sqlite)
    with open_unlocked(args) as practice:
        if args.recovery_key_file:
            secret = read_secret_file(args.recovery_key_file, "recovery key")
        elif args.password_file:
            secret = read_secret_file(args.password_file, "password")
        else:
            print(PLAIN_WARNING.format(name=target.name), file=sys.stderr)
            secret = prompt("Your password again, to confirm an unencrypted export")
        practice.export_plain_sqlite(target, confirm_secret=secret)
    print(f"Wrote {target} (readable by this computer account only).")
    print(PLAIN_WARNING.format(name=target.name))
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from practice_desk.practice import Practice

    vault = Path(args.vault)
    if vault.exists():
        raise VaultExists(f"{vault} already exists. Choose a new file name for the practice.")
    if args.password_file:
        password = read_secret_file(args.password_file, "password")
    else:
        password = prompt("New password")
        if prompt("Repeat the password") != password:
            raise UsageError("The two passwords differ; nothing was created.")
    key_out = claim_key_file(args.recovery_key_out)  # before the practice exists
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
    with open_unlocked(args) as practice:
        rotation: KeyRotation | None = None
        key_out = None
        if args.action == "list":
            for user in practice.users():
                print(f"{user.username}\t{user.role.value}\t{user.full_name}")
        elif args.action == "add":
            password = read_secret_file(args.new_password_file, "new password")
            practice.add_user(args.name, args.full_name or args.name, args.role, password)
            print(f"Added {args.name} ({args.role}).")
        elif args.action == "remove":
            key_out = claim_key_file(key_out_path)
            rotation = _with_key_file(key_out, key_out_path, practice.remove_user, args.name)
            print(f"Removed {args.name}. Their past actions stay in the audit trail.")
        elif args.action == "reset-password":
            password = read_secret_file(args.new_password_file, "new password")
            key_out = claim_key_file(key_out_path)
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
    with open_unlocked(args) as practice:
        key_out = claim_key_file(args.recovery_key_out)
        action = practice.new_recovery_key if args.new_recovery_key else practice.rotate_data_key
        rotation = _with_key_file(key_out, args.recovery_key_out, action)
        return _report_rotation(rotation, key_out, args.recovery_key_out)
