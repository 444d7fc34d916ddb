"""Restoring a backup: verified first, then swapped in so that old or new is always whole.

Replacing a practice: the new database and key file are written beside it, a small journal
names every rename, and the renames follow. If the process dies part-way, the next open
finishes the journal (every file it needs is already complete and flushed), so the path
holds either the old practice or the new one, never neither.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from practice_desk.domain.errors import PracticeError, VaultExists
from practice_desk.vault.backup import BackupReport, unlock_backup, verify_backup_file
from practice_desk.vault.files import atomic_write_bytes, fsync_directory
from practice_desk.vault.keyslots import KeySlots, sidecar_path
from practice_desk.vault.lockfile import VaultLock

log = logging.getLogger(__name__)


def journal_path(vault: Path) -> Path:
    return vault.with_name(vault.name + ".restore-journal")


def restore_backup(
    backup: Path,
    vault: Path,
    *,
    username: str | None = None,
    password: str | None = None,
    recovery_key: str | None = None,
    now: datetime | None = None,
    after_step: object = None,
    before_swap: Callable[[str], None] | None = None,
) -> tuple[BackupReport, Path | None]:
    """Restore backup to vault; returns the report and where the old practice was kept.

    before_swap gets the practice id once the backup is verified and just before the
    journal commits to the swap (a crash after that point still ends restored)."""
    now = now or datetime.now(UTC)
    header, data_key = unlock_backup(
        backup, username=username, password=password, recovery_key=recovery_key
    )
    _refuse_a_stranger(vault, header.vault_id)
    incoming_db = vault.with_name(f".{vault.name}.restoring")
    incoming_keys = sidecar_path(incoming_db)
    for leftover in (incoming_db, incoming_keys):
        leftover.unlink(missing_ok=True)
    lock = VaultLock(vault)
    if vault.exists() or sidecar_path(vault).exists():
        lock.acquire()  # VaultInUse when the practice is open elsewhere
    try:
        report = verify_backup_file(backup, data_key=data_key, extract_to=incoming_db)
        slots = KeySlots.model_validate(header.keyslots)
        slots.save(incoming_keys)
        os.chmod(incoming_db, 0o600)
        fsync_directory(vault.parent)
        stamp = f"{now:%Y%m%d-%H%M%S}"
        kept = vault.with_name(f"{vault.name}.before-restore-{stamp}") if vault.exists() else None
        steps: list[tuple[str, str]] = []
        if kept is not None:
            for suffix in ("-wal", "-shm", "-journal"):
                old = vault.with_name(vault.name + suffix)
                if old.exists():
                    steps.append((str(old), str(kept) + suffix))
            steps.append((str(vault), str(kept)))
            if sidecar_path(vault).exists():
                steps.append((str(sidecar_path(vault)), str(sidecar_path(kept))))
        elif sidecar_path(vault).exists():
            raise VaultExists(
                f"A key file {sidecar_path(vault).name} is there without its practice."
            )
        steps += [(str(incoming_keys), str(sidecar_path(vault))), (str(incoming_db), str(vault))]
        if before_swap is not None:
            before_swap(header.vault_id)
        atomic_write_bytes(journal_path(vault), json.dumps({"steps": steps}).encode())
        if callable(after_step):
            after_step("journal")
        finish_restore(vault)
    except BaseException:
        if not journal_path(vault).exists():
            for leftover in (incoming_db, incoming_keys):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        raise
    finally:
        lock.release()
    return report, kept


def _refuse_a_stranger(vault: Path, vault_id: str) -> None:
    """Restore only over nothing, or over this same practice: never over a folder, another
    practice, or a file that is not a practice (VaultExists, in words)."""
    if vault.is_dir():
        raise VaultExists(
            f"{vault} is a folder, not a practice file: nothing was moved. Restore to a "
            f"practice file name in it, such as {vault / 'clinic.pdvault'}."
        )
    if not vault.exists():
        return
    keys_file = sidecar_path(vault)
    try:
        existing = KeySlots.load(keys_file).vault_id if keys_file.exists() else None
    except PracticeError:
        existing = None
    if existing is None:
        raise VaultExists(
            f"{vault.name} is not a Practice Desk practice (it has no readable key file): "
            "nothing was replaced. Restore to a new file name instead."
        )
    if existing != vault_id:
        raise VaultExists(
            f"{vault.name} is a different practice from the one in this backup: nothing was "
            "replaced. Restore it to a new file name instead."
        )


def _allowed_steps(vault: Path) -> tuple[set[Path], re.Pattern[str]]:
    """The only renames a restore of this practice makes: its own files and the incoming
    ones as sources; its own names, or "<name>.before-restore-<stamp>…", as targets
    (paths resolved, so a journal written under another spelling of the path still counts)."""
    vault = vault.resolve()
    incoming = vault.with_name(f".{vault.name}.restoring")
    sources = {
        vault,
        sidecar_path(vault),
        incoming,
        sidecar_path(incoming),
        *(vault.with_name(vault.name + s) for s in ("-wal", "-shm", "-journal")),
    }
    kept = re.compile(
        re.escape(vault.name) + r"\.before-restore-\d{8}-\d{6}(\.keys|-wal|-shm|-journal)?"
    )
    return sources, kept


def _journal_steps(vault: Path, text: str) -> list[tuple[str, str]] | None:
    """The journal's renames, if every one is a rename a restore of this practice makes."""
    try:
        steps = json.loads(text)["steps"]
        pairs = [(str(s), str(t)) for s, t in steps]
    except (ValueError, KeyError, TypeError):
        return None
    sources, kept = _allowed_steps(vault)
    home = vault.resolve().parent
    targets = {vault.resolve(), sidecar_path(vault.resolve())}
    for source, target in pairs:
        where = Path(target).resolve()
        if Path(source).resolve() not in sources:
            return None
        if where not in targets and not (where.parent == home and kept.fullmatch(where.name)):
            return None
    return pairs


def finish_restore(vault: Path) -> bool:
    """Complete an interrupted restore from its journal; True when there was one.

    A journal that is not one this app wrote for this practice (unreadable, or naming any
    other file) is set aside untouched, with a warning, and nothing is renamed."""
    journal = journal_path(vault)
    if not journal.exists():
        return False
    try:
        steps = _journal_steps(vault, journal.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        steps = None
    if steps is None:
        aside = journal.with_name(journal.name + f".refused-{datetime.now(UTC):%Y%m%d-%H%M%S}")
        with contextlib.suppress(OSError):
            os.replace(journal, aside)
        log.warning("set aside a restore journal that names files a restore does not touch")
        return False
    for source, target in steps:
        # Each rename happens once: a step whose target exists already took place.
        if Path(source).exists() and not Path(target).exists():
            os.replace(source, target)
    fsync_directory(vault.parent)
    journal.unlink()
    fsync_directory(vault.parent)
    return True
