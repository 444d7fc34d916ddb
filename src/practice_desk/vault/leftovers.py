"""What a killed backup leaves behind, cleared by the next backup or open.

A backup works in a scratch folder beside the practice (an encrypted snapshot, as large as
the practice) and writes ``<name>.pdbackup.partial`` on the drive before renaming it into
place. A process killed half-way leaves both. They are encrypted, but they fill the disk
and the drive, so the next open (for scratch folders) and the next backup (for both)
removes them: this practice's own at once (its lock says no backup of it is running), and
anything older than STALE_AFTER whoever made it.
"""

from __future__ import annotations

import json
import logging
import shutil
import struct
import time
from pathlib import Path

log = logging.getLogger(__name__)

SCRATCH_PREFIX = ".pd-backup-"
PARTIAL_SUFFIX = ".pdbackup.partial"
#: No backup runs this long: a leftover older than this is nobody's work in progress.
STALE_AFTER = 3600.0


def scratch_prefix(vault_path: Path) -> str:
    """The prefix of this practice's scratch folders (its file name in it)."""
    return f"{SCRATCH_PREFIX}{vault_path.name}-"


def _old(path: Path, now: float) -> bool:
    try:
        return now - path.stat().st_mtime > STALE_AFTER
    except OSError:
        return False


def remove_scratch(vault_path: Path, now: float | None = None) -> int:
    """Remove this practice's scratch folders and stale ones of anyone; how many."""
    now = time.time() if now is None else now
    removed = 0
    for folder in vault_path.parent.glob(SCRATCH_PREFIX + "*"):
        if folder.is_dir() and (
            folder.name.startswith(scratch_prefix(vault_path)) or _old(folder, now)
        ):
            shutil.rmtree(folder, ignore_errors=True)
            removed += not folder.exists()
    if removed:
        log.info("removed %d scratch folder(s) left by an interrupted backup", removed)
    return removed


def _partial_vault_id(path: Path) -> str:
    """The practice a partial backup belongs to, from its header when that was written."""
    try:
        with path.open("rb") as handle:
            start = handle.read(12)
            (length,) = struct.unpack(">I", start[8:12])
            if length > 10_000_000:
                return ""
            header = json.loads(handle.read(length))
    except (OSError, ValueError, struct.error):
        return ""
    value = header.get("vault_id") if isinstance(header, dict) else None
    return value if isinstance(value, str) else ""


def remove_partials(folder: Path, vault_id: str, now: float | None = None) -> int:
    """Remove partial backups of this practice in the folder, and stale ones of anyone."""
    now = time.time() if now is None else now
    removed = 0
    for partial in folder.glob("*" + PARTIAL_SUFFIX):
        if partial.is_file() and (_partial_vault_id(partial) == vault_id or _old(partial, now)):
            try:
                partial.unlink()
                removed += 1
            except OSError:
                continue
    if removed:
        log.info("removed %d partial backup file(s) left by an interrupted backup", removed)
    return removed
