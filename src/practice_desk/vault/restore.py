"""Restoring a backup: verified first, then swapped in so that old or new is always whole.

Replacing a practice: the new database and key file are written beside it, a small journal
names every rename, and the renames follow. If the process dies part-way, the next open
finishes the journal (every file it needs is already complete and flushed), so the path
holds either the old practice or the new one, never neither.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from practice_desk.domain.errors import VaultExists
from practice_desk.vault.backup import BackupReport, unlock_backup, verify_backup_file
from practice_desk.vault.files import atomic_write_bytes, fsync_directory
from practice_desk.vault.keyslots import KeySlots, sidecar_path
from practice_desk.vault.lockfile import VaultLock


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
) -> tuple[BackupReport, Path | None]:
    """Restore backup to vault; returns the report and where the old practice was kept."""
    now = now or datetime.now(UTC)
    header, data_key = unlock_backup(
        backup, username=username, password=password, recovery_key=recovery_key
    )
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


def finish_restore(vault: Path) -> bool:
    """Complete an interrupted restore from its journal; True when there was one."""
    journal = journal_path(vault)
    if not journal.exists():
        return False
    steps = json.loads(journal.read_text())["steps"]
    for source, target in steps:
        # Each rename happens once: a step whose target exists already took place.
        if Path(source).exists() and not Path(target).exists():
            os.replace(source, target)
    fsync_directory(vault.parent)
    journal.unlink()
    fsync_directory(vault.parent)
    return True
