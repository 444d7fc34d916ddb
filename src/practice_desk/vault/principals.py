"""Who holds a key slot: a signing key pair (Ed25519) and a sealing key pair (X25519).

The private halves are wrapped in the owner's slot (under their password, or under the
recovery key), so only the owner can sign as them. The data key is *sealed* to each
slot's public X25519 key, so it can be handed to every remaining slot without anyone's
password: that is what lets a prescriber rotate the data key after removing a user.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SECRET_BYTES = 64  # Ed25519 seed + X25519 private key
_RAW = serialization.Encoding.Raw
_PUBLIC = serialization.PublicFormat.Raw
_PRIVATE = serialization.PrivateFormat.Raw
_NO_PASSWORD = serialization.NoEncryption()


@dataclass(frozen=True)
class Principal:
    """A slot owner's private keys, held only while the practice is unlocked."""

    sign_key: Ed25519PrivateKey
    box_key: X25519PrivateKey

    @classmethod
    def new(cls) -> Principal:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @classmethod
    def from_secret(cls, secret: bytes) -> Principal:
        if len(secret) != SECRET_BYTES:
            raise ValueError("a principal's secret is 64 bytes")
        return cls(
            Ed25519PrivateKey.from_private_bytes(secret[:32]),
            X25519PrivateKey.from_private_bytes(secret[32:]),
        )

    def secret(self) -> bytes:
        return self.sign_key.private_bytes(
            _RAW, _PRIVATE, _NO_PASSWORD
        ) + self.box_key.private_bytes(_RAW, _PRIVATE, _NO_PASSWORD)

    @property
    def sign_public(self) -> bytes:
        return self.sign_key.public_key().public_bytes(_RAW, _PUBLIC)

    @property
    def box_public(self) -> bytes:
        return self.box_key.public_key().public_bytes(_RAW, _PUBLIC)

    def sign(self, message: bytes) -> bytes:
        return self.sign_key.sign(message)


def verify(sign_public: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(sign_public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(sign_public: bytes) -> str:
    """What a person compares: 20 hex digits of the key's SHA-256, in groups of four."""
    digest = hashlib.sha256(b"practice-desk/fingerprint/" + sign_public).hexdigest()[:20]
    return " ".join(digest[i : i + 4] for i in range(0, 20, 4)).upper()


def _box_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral + recipient,
        info=b"practice-desk/envelope/v2",
    ).derive(shared)


def seal(box_public: bytes, payload: bytes, aad: bytes) -> tuple[bytes, bytes, bytes]:
    """(ephemeral public key, nonce, ciphertext): payload readable only by box_public's owner."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(_RAW, _PUBLIC)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(box_public))
    nonce = os.urandom(12)
    key = _box_key(shared, ephemeral_public, box_public)
    return ephemeral_public, nonce, AESGCM(key).encrypt(nonce, payload, aad)


def open_sealed(
    principal: Principal, ephemeral: bytes, nonce: bytes, sealed: bytes, aad: bytes
) -> bytes | None:
    """The payload, or None when it was not sealed to this principal (or was altered)."""
    try:
        shared = principal.box_key.exchange(X25519PublicKey.from_public_bytes(ephemeral))
        key = _box_key(shared, ephemeral, principal.box_public)
        return AESGCM(key).decrypt(nonce, sealed, aad)
    except (InvalidTag, ValueError):
        return None
