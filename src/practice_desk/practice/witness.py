"""Witnesses against going back in time.

Someone holding the files can put back an older practice file with its key file: every
signature in it is genuine, only newer events are gone. Two witnesses see it:

- this computer remembers, for each practice, the last event it saw at lock (a hash of the
  practice id, the event number and its hash; no clinical data) and warns at unlock when
  the practice no longer has that event as it was;
- every backup ends with an audit seal signed at backup time, and ``check --against
  BACKUP`` confirms the practice's trail still contains it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from practice_desk.applog import data_dir
from practice_desk.domain.errors import PracticeError
from practice_desk.domain.storage import Store
from practice_desk.practice.trust import SEAL_ACTION, seal_message
from practice_desk.vault import backup as backup_files
from practice_desk.vault import principals
from practice_desk.vault.files import write_private

FILE_NAME = "witnesses.json"


def _digest(vault_id: str, seq: int, head_hash: str) -> str:
    return hashlib.sha256(
        f"practice-desk/witness/{vault_id}/{seq}/{head_hash}".encode()
    ).hexdigest()


def _key(vault_id: str) -> str:
    return hashlib.sha256(f"practice-desk/witness-id/{vault_id}".encode()).hexdigest()[:32]


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember(vault_id: str, store: Store) -> None:
    """Note the practice's last event on this computer (at lock)."""
    head = store.audit.head()
    if head is None:
        return
    path = data_dir() / FILE_NAME
    data = _load(path)
    data[_key(vault_id)] = {"seq": head[0], "digest": _digest(vault_id, *head)}
    with contextlib.suppress(OSError):  # a witness is a help, never a reason to fail
        write_private(path, json.dumps(data, indent=1).encode())


def forget(vault_id: str) -> None:
    """After a restore the practice goes back in time on purpose."""
    path = data_dir() / FILE_NAME
    data = _load(path)
    if data.pop(_key(vault_id), None) is not None:
        with contextlib.suppress(OSError):
            write_private(path, json.dumps(data, indent=1).encode())


def went_back(vault_id: str, store: Store) -> str:
    """Words when the practice lacks the last event this computer saw; else empty."""
    seen = _load(data_dir() / FILE_NAME).get(_key(vault_id))
    if not isinstance(seen, dict) or not isinstance(seen.get("seq"), int):
        return ""
    seq = seen["seq"]
    now = store.audit.hash_of(seq)
    if now is not None and _digest(vault_id, seq, now) == seen.get("digest"):
        return ""
    return (
        f"This practice went back in time: when it was last locked on this computer its "
        f"audit trail had reached event {seq}, which it "
        + ("no longer has" if now is None else "now holds differently")
        + " (an older copy of the practice file was put in place, or events were removed)."
    )


def against_backup(
    vault_path: Path,
    vault_id: str,
    store: Store,
    backup: Path,
    keys_of: dict[str, set[str]],
    credentials: dict[str, str],
) -> list[str]:
    """Problems found comparing the practice with the signed end of a backup's trail."""
    theirs, seal = backup_files.last_event_of(backup, vault_path, SEAL_ACTION, **credentials)
    if theirs != vault_id:
        raise PracticeError(f"{backup.name} is a backup of another practice.")
    if seal is None:
        return [f"{backup.name} holds no signed end of the audit trail (made before version 2)"]
    detail, username = seal.detail, seal.username
    key, seq, head = detail.get("key"), detail.get("seq"), detail.get("hash")
    records = detail.get("records", {})
    if not (
        isinstance(key, str)
        and isinstance(seq, int)
        and isinstance(head, str)
        and isinstance(records, dict)
        and key in keys_of.get(username, set())
        and _verifies(
            key, str(detail.get("signature", "")), seal_message(vault_id, seq, head, records)
        )
    ):
        return [f"the signed end of the audit trail in {backup.name} does not verify"]
    ours = store.audit.hash_of(seal.seq)
    if ours != seal.hash:
        return [
            f"the practice does not continue {backup.name}: that backup's trail ends at event "
            f"{seal.seq}, signed by {username}, and the practice here "
            + ("has no such event" if ours is None else "differs")
            + " (it was rolled back or rewritten)"
        ]
    return []


def _verifies(key: str, signature: str, message: bytes) -> bool:
    try:
        return principals.verify(bytes.fromhex(key), bytes.fromhex(signature), message)
    except ValueError:
        return False
