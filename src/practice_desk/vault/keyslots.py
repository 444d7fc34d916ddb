"""The key-slot sidecar: one slot per user and one for the recovery key.

It sits next to the database as ``<vault>.keys`` and holds no clinical data: the vault
id; per slot, its owner's private keys wrapped under their password (or the recovery
key), their public keys, and the data key sealed to them; the failed unlock attempts
since the last good one (so they can be shown and audited after the next unlock); and a
seal over the rest, made with the data key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from argon2.exceptions import Argon2Error
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
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
from practice_desk.vault import keys, principals
from practice_desk.vault.files import atomic_write_bytes
from practice_desk.vault.principals import Principal

FORMAT: Final = "practice-desk-keyslots"
#: 2: slots hold their owner's key pairs, the data key is sealed to them, the file is sealed.
VERSION = 2
MAC_PURPOSE = "practice-desk/keyfile-mac/v2"
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


def _decode_b64(value: Any) -> Any:
    return base64.b64decode(value, validate=True) if isinstance(value, str) else value


B64 = Annotated[bytes, BeforeValidator(_decode_b64), PlainSerializer(_b64, return_type=str)]


class Envelope(BaseModel):
    """The data key sealed to one slot's public key (see principals.seal)."""

    model_config = ConfigDict(frozen=True)

    ephemeral: B64 = Field(min_length=32, max_length=32)
    nonce: B64 = Field(min_length=12, max_length=12)
    sealed: B64 = Field(min_length=48, max_length=48)  # 32-byte key + 16-byte GCM tag


class Slot(BaseModel):
    """One way in. A slot made before version 2 wraps the data key itself under the
    password (or recovery key); from version 2 it wraps its owner's private keys, and the
    data key is sealed to the owner's public key (so it can be replaced without them)."""

    model_config = ConfigDict(frozen=True)

    slot_id: str = Field(min_length=1, max_length=64)
    kind: Literal["password", "recovery"]
    username: str | None = None
    kdf: KdfSpec
    nonce: B64 = Field(min_length=12, max_length=12)
    wrapped: B64 = Field(min_length=48, max_length=80)
    sign_public: B64 | None = Field(None, min_length=32, max_length=32)
    box_public: B64 | None = Field(None, min_length=32, max_length=32)
    envelope: Envelope | None = None
    #: The next data key while a rotation is under way.
    next_envelope: Envelope | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Slot:
        if self.legacy:
            if len(self.wrapped) != 48 or self.envelope or self.box_public or self.next_envelope:
                raise ValueError("a version 1 slot wraps the data key only")
        elif not (len(self.wrapped) == 80 and self.box_public and self.envelope):
            raise ValueError("a slot with keys needs its sealed data key")
        return self

    @property
    def legacy(self) -> bool:
        return self.sign_public is None

    def label(self) -> str:
        return self.username or "the recovery key"


@dataclass(frozen=True)
class Opened:
    """What a password or recovery key opened: the slot, its owner's keys and the data key
    (and, while a rotation is under way, the next one)."""

    slot: Slot
    principal: Principal
    data_key: bytes
    next_key: bytes | None
    #: The slot was from before version 2 and has just been given keys (save the file).
    upgraded: bool
    #: What is wrong with the key file's seal, checked before anything in it changed.
    mac_problem: str = ""


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
    #: How many times the data key has been replaced (1 for a practice's first key).
    generation: int = Field(1, ge=1)
    slots: list[Slot] = Field(default_factory=list)
    #: Written without any key (after a wrong password), so outside the seal below.
    failed_unlocks: list[FailedUnlock] = Field(default_factory=list)
    audit_head: AuditHead | None = None
    #: HMAC over everything else in the file, under a key derived from the data key: an
    #: edit made without a password (a slot swapped, the audit head removed) shows.
    mac: str | None = None

    #: Read from a version 1 file (no slot with keys, no seal): nothing to check yet.
    _unsealed_version_1: bool = PrivateAttr(default=False)
    _name: str = PrivateAttr(default="")

    def model_post_init(self, context: Any, /) -> None:
        self._unsealed_version_1 = (
            self.version < 2 and self.mac is None and all(s.legacy for s in self.slots)
        )

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
            loaded = cls.model_validate(data)
        except ValueError:
            raise VaultDamaged(
                f"The key file {path.name} is damaged and cannot be read. Restore it from a "
                "backup; the practice file itself has not been changed."
            ) from None
        loaded._name = path.name
        return loaded

    def save(self, path: Path) -> None:
        """Write the file as it is (seal first when anything but failed unlocks changed)."""
        try:
            atomic_write_bytes(path, self.model_dump_json(indent=2).encode("utf-8") + b"\n")
        except OSError as exc:
            raise StorageError(f"the key file could not be written: {exc.strerror}") from None

    # --- the seal over the whole file ----------------------------------------------------

    def _mac(self, data_key: bytes) -> str:
        body = self.model_dump(mode="json", exclude={"mac", "failed_unlocks"})
        text = json.dumps(body, sort_keys=True, separators=(",", ":"))
        key = keys.derive_subkey(data_key, MAC_PURPOSE)
        return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def seal(self, data_key: bytes) -> None:
        self.version = VERSION
        self.mac = self._mac(data_key)

    def mac_problem(self, data_key: bytes, name: str = "") -> str:
        """Empty when the file is as Practice Desk last sealed it, else what is wrong."""
        name = name or f"The key file {self._name}".strip()
        if self.mac is None:
            if self._unsealed_version_1:
                return ""  # from before files were sealed: sealed at the next save
            return f"{name} has lost its seal: it was edited outside Practice Desk."
        if not hmac.compare_digest(self.mac, self._mac(data_key)):
            return (
                f"{name} was changed outside Practice Desk (a key slot, the failed-unlock "
                "record or the sealed end of the audit trail differs from what the app "
                "last wrote)."
            )
        return ""

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

    def _keyed_slot(
        self,
        template: Slot,
        wrapping: bytes,
        principal: Principal,
        data_key: bytes,
    ) -> Slot:
        """template with its owner's keys wrapped under wrapping and data_key sealed to them."""
        sign_public, box_public = principal.sign_public, principal.box_public
        aad = _secret_aad(self.vault_id, template.slot_id, sign_public, box_public)
        nonce, wrapped = keys.wrap(wrapping, principal.secret(), aad)
        return template.model_copy(
            update={
                "nonce": nonce,
                "wrapped": wrapped,
                "sign_public": sign_public,
                "box_public": box_public,
                "envelope": self._envelope(box_public, template.slot_id, data_key),
                "next_envelope": None,
            }
        )

    def _envelope(self, box_public: bytes, slot_id: str, data_key: bytes) -> Envelope:
        ephemeral, nonce, sealed = principals.seal(
            box_public, data_key, _envelope_aad(self.vault_id, slot_id)
        )
        return Envelope(ephemeral=ephemeral, nonce=nonce, sealed=sealed)

    def set_password(
        self,
        slot_id: str,
        username: str,
        password: str,
        data_key: bytes,
        principal: Principal | None = None,
    ) -> Slot:
        """Create or rewrap the password slot slot_id; no other slot changes. Without
        principal the owner gets new keys (a new user, or a reset by someone else)."""
        others = [s for s in self.slots if s.slot_id != slot_id]
        if any(s.kind == "password" and s.username == username for s in others):
            raise ValueError(f"another key slot already belongs to {username}")
        params = keys.tuned_params()
        template = Slot.model_construct(
            slot_id=slot_id,
            kind="password",
            username=username,
            kdf=KdfSpec.from_argon2(params),
            nonce=b"",  # both filled in by _keyed_slot
            wrapped=b"",
        )
        wrapping = keys.derive_password_key(password, params)
        keyed = self._keyed_slot(template, wrapping, principal or Principal.new(), data_key)
        slot = Slot.model_validate(keyed.model_dump())
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
        """Create (or replace) the recovery slot, with new keys, and return the recovery key
        to show once."""
        text = keys.new_recovery_key()
        salt = os.urandom(16)
        wrapping = keys.recovery_wrapping_key(keys.parse_recovery_key(text), salt)
        template = Slot.model_construct(
            slot_id=RECOVERY_SLOT,
            kind="recovery",
            kdf=KdfSpec(name="hkdf-sha256", salt=salt),
            nonce=b"",
            wrapped=b"",
        )
        slot = self._keyed_slot(template, wrapping, Principal.new(), data_key)
        self.slots = [s for s in self.slots if s.kind != "recovery"]
        self.slots.append(Slot.model_validate(slot.model_dump()))
        return text

    def open_with_password(self, username: str, password: str) -> Opened:
        slot = self.password_slot(username)
        if slot is None:
            raise UnknownUser(username)
        try:
            wrapping = keys.derive_password_key(password, slot.kdf.argon2())
        except Argon2Error:
            raise VaultDamaged("The key file holds settings this computer cannot use.") from None
        opened = self._open(slot, wrapping)
        if opened is None:
            raise WrongPassword()
        return opened

    def open_with_recovery_key(self, text: str) -> Opened:
        raw = keys.parse_recovery_key(text)
        slot = next((s for s in self.slots if s.kind == "recovery"), None)
        if slot is None:
            raise WrongRecoveryKey("This practice has no recovery key.")
        opened = self._open(slot, keys.recovery_wrapping_key(raw, slot.kdf.salt))
        if opened is None:
            raise WrongRecoveryKey(
                "That recovery key does not open this practice. Check that the Recovery Sheet "
                "belongs to this practice (its vault id is printed on it)."
            )
        return opened

    def _open(self, slot: Slot, wrapping: bytes) -> Opened | None:
        """Unwrap slot; a version 1 slot is given keys on the way (same wrapping key)."""
        if slot.legacy:
            aad = keys.associated_data(self.vault_id, slot.slot_id)
            data_key = keys.unwrap(wrapping, slot.nonce, slot.wrapped, aad)
            if data_key is None:
                return None
            problem = self.mac_problem(data_key)  # before the file changes
            principal = Principal.new()
            upgraded = self._keyed_slot(slot, wrapping, principal, data_key)
            self.slots = [upgraded if s.slot_id == slot.slot_id else s for s in self.slots]
            return Opened(upgraded, principal, data_key, None, upgraded=True, mac_problem=problem)
        assert slot.sign_public and slot.box_public and slot.envelope  # by _one_form
        aad = _secret_aad(self.vault_id, slot.slot_id, slot.sign_public, slot.box_public)
        secret = keys.unwrap(wrapping, slot.nonce, slot.wrapped, aad)
        if secret is None:
            return None
        principal = Principal.from_secret(secret)
        data_key = self._unseal(principal, slot.slot_id, slot.envelope)
        if data_key is None:
            raise VaultDamaged(
                f"The key file's slot for {slot.label()} is damaged: the password is right "
                "but the practice key in it cannot be read. Restore the key file from a "
                "backup, or have a prescriber reset this password."
            )
        next_key = None
        if slot.next_envelope is not None:
            next_key = self._unseal(principal, slot.slot_id, slot.next_envelope)
        problem = self.mac_problem(data_key)
        return Opened(slot, principal, data_key, next_key, upgraded=False, mac_problem=problem)

    def _unseal(self, principal: Principal, slot_id: str, envelope: Envelope) -> bytes | None:
        return principals.open_sealed(
            principal,
            envelope.ephemeral,
            envelope.nonce,
            envelope.sealed,
            _envelope_aad(self.vault_id, slot_id),
        )

    # --- replacing the data key ----------------------------------------------------------

    @property
    def rotation_pending(self) -> bool:
        return any(s.next_envelope is not None for s in self.slots)

    def begin_rotation(self, new_key: bytes) -> list[str]:
        """Seal new_key beside the current key in every slot that has keys. Slots from
        before version 2 cannot be given it without their password: they are dropped, and
        their labels returned (those users need a password reset afterwards)."""
        dropped = [s.label() for s in self.slots if s.legacy]
        self.slots = [
            s.model_copy(update={"next_envelope": self._envelope(s.box_public, s.slot_id, new_key)})
            for s in self.slots
            if not s.legacy and s.box_public
        ]
        return dropped

    def abandon_rotation(self) -> None:
        self.slots = [s.model_copy(update={"next_envelope": None}) for s in self.slots]

    def finish_rotation(self) -> None:
        self.slots = [
            s.model_copy(update={"envelope": s.next_envelope, "next_envelope": None})
            if s.next_envelope
            else s
            for s in self.slots
        ]
        self.generation += 1

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


def _secret_aad(vault_id: str, slot_id: str, sign_public: bytes, box_public: bytes) -> bytes:
    return f"practice-desk/slot-keys/v2/{vault_id}/{slot_id}/".encode() + sign_public + box_public


def _envelope_aad(vault_id: str, slot_id: str) -> bytes:
    return f"practice-desk/envelope/v2/{vault_id}/{slot_id}".encode()


def _seal(audit_key: bytes, seq: int, head_hash: str) -> str:
    return hmac.new(audit_key, f"head/{seq}/{head_hash}".encode(), hashlib.sha256).hexdigest()
