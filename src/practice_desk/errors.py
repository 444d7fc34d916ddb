"""The errors the public API raises (defined in domain, importable from here)."""

from practice_desk.domain.errors import (
    ConcurrentEdit,
    NotFound,
    NotPermitted,
    OverrideRequired,
    PracticeError,
    StorageError,
    UnknownUser,
    ValidationError,
    VaultDamaged,
    VaultExists,
    VaultInUse,
    VaultLocked,
    VaultNotFound,
    VaultTooNew,
    WrongPassword,
    WrongRecoveryKey,
)

__all__ = [
    "ConcurrentEdit",
    "NotFound",
    "NotPermitted",
    "OverrideRequired",
    "PracticeError",
    "StorageError",
    "UnknownUser",
    "ValidationError",
    "VaultDamaged",
    "VaultExists",
    "VaultInUse",
    "VaultLocked",
    "VaultNotFound",
    "VaultTooNew",
    "WrongPassword",
    "WrongRecoveryKey",
]
