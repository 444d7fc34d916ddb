"""What the practice may do with the key file and the keys it unlocks, said in words.

Nothing above ``vault/`` holds a key's bytes: the services ask the key store to add a
password, check one, make a backup job or a prescription's check code, and it does so
with the keys the vault holds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from practice_desk.domain import prescriptions
from practice_desk.vault import audit_repo
from practice_desk.vault import backup as backup_files
from practice_desk.vault.backup import BackupReport

if TYPE_CHECKING:
    from practice_desk.vault.vault import Vault

Progress = Callable[[float], None]


class KeyStore:
    """The key slots and the unlocked keys of one open practice."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    @property
    def vault_id(self) -> str:
        return self._vault.keyslots.vault_id

    @property
    def generation(self) -> int:
        """How many times the data key has been replaced."""
        return self._vault.keyslots.generation

    # --- the audit trail ----------------------------------------------------------------

    def append_audit(
        self,
        *,
        user_id: int | None,
        username: str,
        action: str,
        patient_id: int | None,
        detail: dict[str, Any] | None,
    ) -> None:
        """Add an event to the chained trail (MAC'd with the audit key), on the open
        connection and inside its open transaction."""
        audit_repo.append(
            self._vault.conn,
            self._vault.audit_key,
            user_id=user_id,
            username=username,
            action=action,
            patient_id=patient_id,
            detail=detail,
        )

    # --- signing, as the signed-in user --------------------------------------------------

    @property
    def sign_public(self) -> bytes:
        """The signed-in user's public signing key."""
        return self._vault.principal.sign_public

    def sign(self, message: bytes) -> bytes:
        """The signed-in user's signature of message (Ed25519)."""
        return self._vault.principal.sign(message)

    def public_key(self, slot_id: str) -> bytes | None:
        """A user's public signing key, from their slot (None for an old-format slot)."""
        slot = self._vault.keyslots.slot(slot_id)
        return slot.sign_public if slot is not None else None

    def recovery_public_key(self) -> bytes | None:
        slot = next((s for s in self._vault.keyslots.slots if s.kind == "recovery"), None)
        return slot.sign_public if slot is not None else None

    def usernames(self) -> list[str]:
        """Who can sign in (known before unlocking)."""
        return sorted(s.username for s in self._vault.keyslots.slots if s.username)

    # --- at unlock ------------------------------------------------------------------------

    def drop_unowned(self, owned: set[str]) -> bool:
        """Remove slots no active user owns (left by an interrupted change); True if any."""
        return self._vault.keyslots.prune(owned)

    def failed_unlocks(self) -> list[tuple[datetime, str]]:
        """(when, who) of each failed unlock since the last good one."""
        return [(f.at, f.username) for f in self._vault.keyslots.failed_unlocks]

    def clear_failed_unlocks(self) -> None:
        """Once they are in the audit trail (not saved yet: ``save``)."""
        self._vault.keyslots.failed_unlocks = []

    # --- passwords and slots -----------------------------------------------------------------

    def has_password(self, username: str) -> bool:
        return self._vault.keyslots.password_slot(username) is not None

    def add_password(self, username: str, password: str) -> str:
        """A new slot for a new user (not saved yet: ``save``); its id."""
        keyslots = self._vault.keyslots
        slot_id = keyslots.new_slot_id()
        keyslots.set_password(slot_id, username, password, self._vault.data_key)
        return slot_id

    def set_password(self, slot_id: str, username: str, password: str, *, own: bool) -> None:
        """A new password for a slot. ``own``: the signed-in user's, who keeps their
        signing keys; someone else's gets new ones (their old ones stay under the old
        password, which nobody here knows)."""
        principal = self._vault.principal if own else None
        self._vault.keyslots.set_password(
            slot_id, username, password, self._vault.data_key, principal
        )

    def remove(self, slot_id: str) -> None:
        """The slot is gone from the key file (not saved yet: ``save``)."""
        self._vault.keyslots.remove_slot(slot_id)

    def save(self) -> None:
        """Seal the key file and write it."""
        self._vault.save_keyslots()

    def check_password(self, username: str, password: str) -> None:
        """WrongPassword (or UnknownUser) unless this is the user's password."""
        self._vault.keyslots.open_with_password(username, password)

    def check_recovery_key(self, text: str) -> None:
        """WrongRecoveryKey unless this is the practice's recovery key."""
        self._vault.keyslots.open_with_recovery_key(text)

    def export_hex(self) -> str:
        """The data key as SQLCipher takes it, for a person leaving Practice Desk."""
        return f"x'{self._vault.data_key.hex()}'"

    def rx_code(self, purpose: str, rx: prescriptions.Prescription) -> str:
        """The check code printed on a prescription, keyed with this practice's secret."""
        return prescriptions.verification_code(self._vault.subkey(purpose), rx)

    def backup_job(self, folder: Path) -> Callable[[Progress | None], BackupReport]:
        """The backup's slow part, for a worker thread (it opens its own connection)."""
        vault = self._vault
        path, key, slots = vault.path, vault.data_key, vault.keyslots

        def run(progress: Progress | None = None) -> BackupReport:
            return backup_files.create_backup(path, key, slots, folder, progress=progress)

        return run
