"""The key-slot sidecar: the data key, wrapped once per user and once for recovery.

It sits next to the database as ``<vault>.keys`` and holds no clinical data: the vault
id, one wrapped copy of the data key per slot, and the failed unlock attempts since the
last good one (so they can be shown and audited after the next unlock).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

from argon2.exceptions import Argon2Error
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_serializer,
    field_validator,
    model_validator,
)

from practice_desk.domain.errors import (
    StorageError,
    UnknownUser,
    VaultDamaged,
    VaultTooNew,
    WrongPassword,
    WrongRecoveryKey,
)
from practice_desk.vault import keys
from practice_desk.vault.files import atomic_write_bytes

FORMAT: Final = "practice-desk-keyslots"
VERSION = 1
RECOVERY_SLOT = "recovery"
#: How a failed recovery-key attempt is recorded among the failed unlocks.
RECOVERY_ATTEMPT = "(recovery key)"
MAX_FAILED_KEPT = 200


def sidecar_path(vault: Path) -> Path:
    return vault.with_name(vault.name + ".keys")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def excessive_kdf(data: Any) -> str:
    """What in a key file's (or backup's) Argon2 settings goes beyond what the app ever
    uses, in words; empty when nothing does. Read before anything is derived."""
    if isinstance(data, list):
        return next((found for item in data if (found := excessive_kdf(item))), "")
    if not isinstance(data, dict):
        return ""
    if data.get("name") == "argon2id":
        limits = {
            "time_cost": (keys.MAX_TIME_COST, "passes"),
            "memory_kib": (keys.MAX_MEMORY_KIB, "KiB of memory"),
            "parallelism": (keys.MAX_PARALLELISM, "lanes"),
        }
        for key, (most, unit) in limits.items():
            value = data.get(key)
            if isinstance(value, int) and value > most:
                return f"{value} {unit}, where it uses at most {most}"
    return next((found for v in data.values() if (found := excessive_kdf(v))), "")


class KdfSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: Literal["argon2id", "hkdf-sha256"]
    salt: bytes = Field(min_length=16, max_length=64)
    time_cost: int = Field(0, ge=0, le=keys.MAX_TIME_COST)
    memory_kib: int = Field(0, ge=0, le=keys.MAX_MEMORY_KIB)
    parallelism: int = Field(0, ge=0, le=keys.MAX_PARALLELISM)

    @field_validator("salt", mode="before")
    @classmethod
    def _decode(cls, value: Any) -> Any:
        return base64.b64decode(value, validate=True) if isinstance(value, str) else value

    @field_serializer("salt")
    def _encode(self, value: bytes) -> str:
        return _b64(value)

    @model_validator(mode="after")
    def _usable(self) -> KdfSpec:
        if self.name == "argon2id" and not (
            self.time_cost >= 1
            and self.parallelism >= 1
            and self.memory_kib >= 8 * self.parallelism
        ):
            raise ValueError("impossible Argon2 settings")
        return self

    def argon2(self) -> keys.Argon2Params:
        return keys.Argon2Params(
            time_cost=self.time_cost,
            memory_kib=self.memory_kib,
            parallelism=self.parallelism,
            salt=self.salt,
        )

    @classmethod
    def from_argon2(cls, params: keys.Argon2Params) -> KdfSpec:
        return cls(
            name="argon2id",
            salt=params.salt,
            time_cost=params.time_cost,
            memory_kib=params.memory_kib,
            parallelism=params.parallelism,
        )


class Slot(BaseModel):
    model_config = ConfigDict(frozen=True)

    slot_id: str = Field(min_length=1, max_length=64)
    kind: Literal["password", "recovery"]
    username: str | None = None
    kdf: KdfSpec
    nonce: bytes = Field(min_length=12, max_length=12)
    wrapped: bytes = Field(min_length=48, max_length=48)  # 32-byte key + 16-byte GCM tag

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


class AuditHead(BaseModel):
    """The last audit event when the practice was last locked, sealed with the audit key.

    A database whose chain ends before this point lost events (deleted, or the file was
    swapped for an older copy).
    """

    seq: int
    hash: str
    seal: str


class KeySlots(BaseModel):
    format: Literal["practice-desk-keyslots"] = FORMAT
    version: int = VERSION
    vault_id: str
    slots: list[Slot] = Field(default_factory=list)
    failed_unlocks: list[FailedUnlock] = Field(default_factory=list)
    audit_head: AuditHead | None = None

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
        except OSError as exc:
            raise VaultDamaged(
                f"The key file {path.name} cannot be read ({exc.strerror})."
            ) from None
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        if (
            isinstance(data, dict)
            and isinstance(data.get("version"), int)
            and data["version"] > VERSION
        ):
            raise VaultTooNew(data["version"], VERSION)
        if excessive := excessive_kdf(data):
            raise VaultDamaged(
                f"The key file {path.name} asks for password settings far beyond what "
                f"Practice Desk uses ({excessive}): it was not made by Practice Desk and was "
                "refused. Restore the key file from a backup."
            )
        try:
            return cls.model_validate(data)
        except ValueError:
            raise VaultDamaged(
                f"The key file {path.name} is damaged and cannot be read. Restore it from a "
                "backup; the practice file itself has not been changed."
            ) from None

    def save(self, path: Path) -> None:
        try:
            atomic_write_bytes(path, self.model_dump_json(indent=2).encode("utf-8") + b"\n")
        except OSError as exc:
            raise StorageError(f"the key file could not be written: {exc.strerror}") from None

    # --- slots ---------------------------------------------------------------------------

    @staticmethod
    def new_slot_id() -> str:
        return uuid.uuid4().hex

    def password_slot(self, username: str) -> Slot | None:
        return next(
            (s for s in self.slots if s.kind == "password" and s.username == username), None
        )

    def slot(self, slot_id: str) -> Slot | None:
        return next((s for s in self.slots if s.slot_id == slot_id), None)

    def set_password(self, slot_id: str, username: str, password: str, data_key: bytes) -> Slot:
        """Create or rewrap the password slot slot_id; no other slot changes."""
        params = keys.tuned_params()
        wrapping = keys.derive_password_key(password, params)
        aad = keys.associated_data(self.vault_id, slot_id)
        nonce, wrapped = keys.wrap(wrapping, data_key, aad)
        slot = Slot(
            slot_id=slot_id,
            kind="password",
            username=username,
            kdf=KdfSpec.from_argon2(params),
            nonce=nonce,
            wrapped=wrapped,
        )
        others = [s for s in self.slots if s.slot_id != slot_id]
        if any(s.kind == "password" and s.username == username for s in others):
            raise ValueError(f"another key slot already belongs to {username}")
        self.slots = [*others, slot]
        return slot

    def remove_slot(self, slot_id: str) -> None:
        self.slots = [s for s in self.slots if s.slot_id != slot_id]

    def prune(self, active_slot_ids: set[str]) -> bool:
        """Drop password slots no active user owns (left by an interrupted change)."""
        keep = [s for s in self.slots if s.kind != "password" or s.slot_id in active_slot_ids]
        changed = len(keep) != len(self.slots)
        self.slots = keep
        return changed

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
        try:
            wrapping = keys.derive_password_key(password, slot.kdf.argon2())
        except Argon2Error:
            raise VaultDamaged("The key file holds settings this computer cannot use.") from None
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

    def note_failed_unlock(self, attempted: str) -> None:
        """Count a failed attempt. Only a real user name is kept: people type passwords into
        the user box, and the key file is not encrypted."""
        known = attempted == RECOVERY_ATTEMPT or self.password_slot(attempted) is not None
        name = attempted if known else "(unknown user)"
        self.failed_unlocks.append(FailedUnlock(at=datetime.now(UTC), username=name))
        del self.failed_unlocks[:-MAX_FAILED_KEPT]

    # --- the audit head ------------------------------------------------------------------

    def seal_audit_head(self, audit_key: bytes, seq: int, head_hash: str) -> None:
        self.audit_head = AuditHead(seq=seq, hash=head_hash, seal=_seal(audit_key, seq, head_hash))

    def sealed_audit_head(self, audit_key: bytes) -> AuditHead | None:
        """The recorded head if its seal holds; None when none was recorded."""
        head = self.audit_head
        if head is None:
            return None
        if not hmac.compare_digest(head.seal, _seal(audit_key, head.seq, head.hash)):
            raise VaultDamaged("The audit record in the key file has been altered.")
        return head


def _seal(audit_key: bytes, seq: int, head_hash: str) -> str:
    return hmac.new(audit_key, f"head/{seq}/{head_hash}".encode(), hashlib.sha256).hexdigest()
