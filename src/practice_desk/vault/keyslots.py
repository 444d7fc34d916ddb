"""The key-slot sidecar: the data key, wrapped once per user and once for recovery.

It sits next to the database as ``<vault>.keys`` and holds no clinical data: the vault
id, one wrapped copy of the data key per slot, and the failed unlock attempts since the
last good one (so they can be shown and audited after the next unlock).
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator

from practice_desk.domain.errors import UnknownUser, VaultDamaged, WrongPassword, WrongRecoveryKey
from practice_desk.vault import keys
from practice_desk.vault.files import atomic_write_bytes

FORMAT: Final = "practice-desk-keyslots"
VERSION = 1
RECOVERY_SLOT = "recovery"
MAX_FAILED_KEPT = 200


def sidecar_path(vault: Path) -> Path:
    return vault.with_name(vault.name + ".keys")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class KdfSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: Literal["argon2id", "hkdf-sha256"]
    salt: bytes
    time_cost: int = 0
    memory_kib: int = 0
    parallelism: int = 0

    @field_validator("salt", mode="before")
    @classmethod
    def _decode(cls, value: Any) -> Any:
        return base64.b64decode(value, validate=True) if isinstance(value, str) else value

    @field_serializer("salt")
    def _encode(self, value: bytes) -> str:
        return _b64(value)


class Slot(BaseModel):
    model_config = ConfigDict(frozen=True)

    slot_id: str
    kind: Literal["password", "recovery"]
    username: str | None = None
    kdf: KdfSpec
    nonce: bytes
    wrapped: bytes

    @field_validator("nonce", "wrapped", mode="before")
    @classmethod
    def _decode(cls, value: Any) -> Any:
        return base64.b64decode(value, validate=True) if isinstance(value, str) else value

    @field_serializer("nonce", "wrapped")
    def _encode(self, value: bytes) -> str:
        return _b64(value)


class FailedUnlock(BaseModel):
    at: datetime
    username: str


class KeySlots(BaseModel):
    format: Literal["practice-desk-keyslots"] = FORMAT
    version: int = VERSION
    vault_id: str
    slots: list[Slot] = Field(default_factory=list)
    failed_unlocks: list[FailedUnlock] = Field(default_factory=list)

    # --- reading and writing ------------------------------------------------------------

    @classmethod
    def new(cls) -> KeySlots:
        return cls(vault_id=uuid.uuid4().hex)

    @classmethod
    def load(cls, path: Path) -> KeySlots:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise VaultDamaged(
                f"The key file {path.name} that belongs next to the practice file is missing. "
                "Without it the practice cannot be opened; restore it from a backup."
            ) from None
        try:
            data = json.loads(raw)
            if isinstance(data, dict) and data.get("version", 0) > VERSION:
                raise VaultDamaged(
                    f"The key file {path.name} was written by a newer version of Practice Desk. "
                    "Install the newer version to open this practice."
                )
            return cls.model_validate(data)
        except VaultDamaged:
            raise
        except Exception:
            raise VaultDamaged(
                f"The key file {path.name} is damaged and cannot be read. Restore it from a "
                "backup; the practice file itself has not been changed."
            ) from None

    def save(self, path: Path) -> None:
        atomic_write_bytes(path, self.model_dump_json(indent=2).encode("utf-8") + b"\n")

    # --- slots ---------------------------------------------------------------------------

    def password_slot(self, username: str) -> Slot | None:
        return next(
            (s for s in self.slots if s.kind == "password" and s.username == username), None
        )

    def add_password_slot(self, username: str, password: str, data_key: bytes) -> Slot:
        params = keys.tuned_params()
        slot_id = uuid.uuid4().hex
        wrapping = keys.derive_password_key(password, params)
        nonce, wrapped = keys.wrap(wrapping, data_key, keys.associated_data(self.vault_id, slot_id))
        slot = Slot(
            slot_id=slot_id,
            kind="password",
            username=username,
            kdf=KdfSpec(
                name="argon2id",
                salt=params.salt,
                time_cost=params.time_cost,
                memory_kib=params.memory_kib,
                parallelism=params.parallelism,
            ),
            nonce=nonce,
            wrapped=wrapped,
        )
        self.slots = [s for s in self.slots if s.username != username or s.kind != "password"]
        self.slots.append(slot)
        return slot

    def replace_password(self, username: str, password: str, data_key: bytes) -> Slot:
        """Rewrap one user's slot under a new password, keeping its slot id."""
        old = self.password_slot(username)
        if old is None:
            raise UnknownUser(username)
        params = keys.tuned_params()
        wrapping = keys.derive_password_key(password, params)
        nonce, wrapped = keys.wrap(
            wrapping, data_key, keys.associated_data(self.vault_id, old.slot_id)
        )
        new = old.model_copy(
            update={
                "kdf": KdfSpec(
                    name="argon2id",
                    salt=params.salt,
                    time_cost=params.time_cost,
                    memory_kib=params.memory_kib,
                    parallelism=params.parallelism,
                ),
                "nonce": nonce,
                "wrapped": wrapped,
            }
        )
        self.slots = [new if s.slot_id == old.slot_id else s for s in self.slots]
        return new

    def remove_slot(self, slot_id: str) -> None:
        self.slots = [s for s in self.slots if s.slot_id != slot_id]

    def set_recovery(self, data_key: bytes) -> str:
        """Create (or replace) the recovery slot and return the key to show once."""
        text = keys.new_recovery_key()
        salt = os.urandom(16)
        wrapping = keys.recovery_wrapping_key(keys.parse_recovery_key(text), salt)
        nonce, wrapped = keys.wrap(
            wrapping, data_key, keys.associated_data(self.vault_id, RECOVERY_SLOT)
        )
        self.slots = [s for s in self.slots if s.kind != "recovery"]
        self.slots.append(
            Slot(
                slot_id=RECOVERY_SLOT,
                kind="recovery",
                kdf=KdfSpec(name="hkdf-sha256", salt=salt),
                nonce=nonce,
                wrapped=wrapped,
            )
        )
        return text

    def open_with_password(self, username: str, password: str) -> tuple[Slot, bytes]:
        slot = self.password_slot(username)
        if slot is None:
            raise UnknownUser(username)
        params = keys.Argon2Params(
            time_cost=slot.kdf.time_cost,
            memory_kib=slot.kdf.memory_kib,
            parallelism=slot.kdf.parallelism,
            salt=slot.kdf.salt,
        )
        wrapping = keys.derive_password_key(password, params)
        data_key = keys.unwrap(
            wrapping, slot.nonce, slot.wrapped, keys.associated_data(self.vault_id, slot.slot_id)
        )
        if data_key is None:
            raise WrongPassword()
        return slot, data_key

    def open_with_recovery_key(self, text: str) -> bytes:
        raw = keys.parse_recovery_key(text)
        slot = next((s for s in self.slots if s.kind == "recovery"), None)
        if slot is None:
            raise WrongRecoveryKey("This practice has no recovery key.")
        wrapping = keys.recovery_wrapping_key(raw, slot.kdf.salt)
        data_key = keys.unwrap(
            wrapping, slot.nonce, slot.wrapped, keys.associated_data(self.vault_id, RECOVERY_SLOT)
        )
        if data_key is None:
            raise WrongRecoveryKey(
                "That recovery key does not open this practice. Check that the Recovery Sheet "
                "belongs to this practice (its vault id is printed on it)."
            )
        return data_key

    def note_failed_unlock(self, username: str) -> None:
        self.failed_unlocks.append(FailedUnlock(at=datetime.now(UTC), username=username))
        del self.failed_unlocks[:-MAX_FAILED_KEPT]
