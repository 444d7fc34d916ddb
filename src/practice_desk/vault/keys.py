"""Key material: Argon2id key derivation, AES-256-GCM key wrapping, recovery keys.

The data key is 32 random bytes handed to SQLCipher as a raw key. It is only ever
stored wrapped: once per user under a key derived from that user's password, and once
under the recovery key printed at setup.
"""

from __future__ import annotations

import os
import secrets
import time
import unicodedata

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import BaseModel, ConfigDict

from practice_desk.domain.errors import WrongRecoveryKey

DATA_KEY_BYTES = 32
RECOVERY_GROUPS = 8
_GROUP_LIMIT = 1 << 16  # each group carries 16 bits: 8 groups = 128 bits

#: Target time for one password derivation on the machine that creates the slot.
KDF_TARGET_SECONDS = 0.5
#: Tests and demo scripts set this to make vaults that unlock instantly. Never for real use.
WEAK_KDF_ENV = "PRACTICE_DESK_TEST_WEAK_KDF"


class Argon2Params(BaseModel):
    model_config = ConfigDict(frozen=True)

    time_cost: int
    memory_kib: int
    parallelism: int
    salt: bytes

    @classmethod
    def fresh(cls, time_cost: int, memory_kib: int, parallelism: int = 2) -> Argon2Params:
        return cls(
            time_cost=time_cost, memory_kib=memory_kib, parallelism=parallelism, salt=os.urandom(16)
        )


def normalise_password(password: str) -> bytes:
    """The same visible password must reach the KDF as the same bytes on every system."""
    return unicodedata.normalize("NFC", password).encode("utf-8")


def derive_password_key(password: str, params: Argon2Params) -> bytes:
    return hash_secret_raw(
        normalise_password(password),
        params.salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


#: The most Practice Desk itself ever asks of Argon2 (tuned_params on the fastest machine):
#: a key file or backup asking for more was not made by it, and is refused before any
#: derivation, so a planted file cannot make an unlock run for hours or eat the memory.
MAX_TIME_COST = 40
MAX_MEMORY_KIB = 128 * 1024
MAX_PARALLELISM = 8

_calibrated: tuple[int, int] | None = None


def tuned_params() -> Argon2Params:
    """Argon2id parameters that take about KDF_TARGET_SECONDS here (measured once a process)."""
    global _calibrated
    if os.environ.get(WEAK_KDF_ENV) == "1":
        return Argon2Params.fresh(time_cost=1, memory_kib=8 * 1024, parallelism=1)
    if _calibrated is None:
        memory_kib = 128 * 1024

        def fastest(time_cost: int) -> float:
            # Fastest of two, so a busy moment does not make every later unlock weaker.
            best = float("inf")
            for _ in range(2):
                start = time.perf_counter()
                derive_password_key("calibration", Argon2Params.fresh(time_cost, memory_kib))
                best = min(best, time.perf_counter() - start)
            return best

        fastest(1)  # warm-up: the first run pays for touching the memory
        one, three = fastest(1), fastest(3)
        per_pass = max((three - one) / 2, 1e-3)
        fixed = max(one - per_pass, 0.0)
        time_cost = max(3, min(MAX_TIME_COST, round((KDF_TARGET_SECONDS - fixed) / per_pass)))
        _calibrated = (time_cost, memory_kib)
    return Argon2Params.fresh(time_cost=_calibrated[0], memory_kib=_calibrated[1])


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def associated_data(vault_id: str, slot_id: str) -> bytes:
    return f"practice-desk/keyslot/v1/{vault_id}/{slot_id}".encode()


def wrap(wrapping_key: bytes, data_key: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(12)
    return nonce, AESGCM(wrapping_key).encrypt(nonce, data_key, aad)


def unwrap(wrapping_key: bytes, nonce: bytes, wrapped: bytes, aad: bytes) -> bytes | None:
    """The data key, or None when the wrapping key (so the password) is wrong."""
    try:
        return AESGCM(wrapping_key).decrypt(nonce, wrapped, aad)
    except InvalidTag:
        return None


def derive_subkey(data_key: bytes, purpose: str) -> bytes:
    """A separate key for a separate job (the audit chain, backups), never the data key itself."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode()).derive(
        data_key
    )


# --- recovery keys ---------------------------------------------------------------------
#
# Eight groups of six digits, each group a 16-bit number times 11 (as BitLocker does).
# A group that is not a multiple of 11 has a typo: one wrong digit or two swapped
# neighbours always break divisibility, so the mistake is caught before any decryption
# and the message can name the group.


def new_recovery_key() -> str:
    return format_recovery_key(secrets.token_bytes(RECOVERY_GROUPS * 2))


def format_recovery_key(raw: bytes) -> str:
    groups = [int.from_bytes(raw[i : i + 2], "big") * 11 for i in range(0, len(raw), 2)]
    return "-".join(f"{g:06d}" for g in groups)


def parse_recovery_key(text: str) -> bytes:
    """The 16 secret bytes of a typed recovery key; WrongRecoveryKey names a mistyped group."""
    digits = "".join(ch for ch in text if ch in "0123456789")
    stray = [ch for ch in text if ch not in "0123456789 -\n\t\r"]
    if stray or len(digits) != RECOVERY_GROUPS * 6:
        raise WrongRecoveryKey(
            f"A recovery key is {RECOVERY_GROUPS} groups of 6 digits, like "
            "123456-234567-... Check that every group was typed."
        )
    out = bytearray()
    for index in range(RECOVERY_GROUPS):
        value = int(digits[index * 6 : index * 6 + 6])
        if value % 11 or value // 11 >= _GROUP_LIMIT:
            raise WrongRecoveryKey(
                f"Group {index + 1} of the recovery key ({digits[index * 6 : index * 6 + 6]}) "
                "has a typing mistake. Compare it with the Recovery Sheet."
            )
        out += (value // 11).to_bytes(2, "big")
    return bytes(out)


def recovery_wrapping_key(raw: bytes, salt: bytes) -> bytes:
    # The recovery key is 128 random bits, so a fast KDF is enough.
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=b"practice-desk/recovery"
    ).derive(raw)
