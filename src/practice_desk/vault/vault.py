"""The vault on disk: database file, key-slot sidecar and lock, opened and keyed."""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from pathlib import Path

from practice_desk import __version__
from practice_desk.domain.errors import (
    UnknownUser,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    WrongPassword,
)
from practice_desk.domain.users import Role, User
from practice_desk.vault import audit_repo, keys, migrate, users_repo
from practice_desk.vault.db import Connection, DatabaseError, connect, transaction
from practice_desk.vault.files import fsync_directory
from practice_desk.vault.keyslots import KeySlots, Slot, sidecar_path
from practice_desk.vault.lockfile import VaultLock, lock_path

AUDIT_PURPOSE = "practice-desk/audit-chain"


def companion_files(path: Path) -> list[Path]:
    """Every file that belongs to a vault on disk."""
    names = [path, sidecar_path(path), lock_path(path)]
    names += [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]
    return names


class Vault:
    """An encrypted practice file. Locked until a key slot is opened; one process at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.keys_path = sidecar_path(path)
        self._lock = VaultLock(path)
        self._conn: Connection | None = None
        self._data_key: bytes | None = None
        self.keyslots: KeySlots

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Vault:
        """Take the one-writer lock and read the key slots; the database stays locked."""
        path = Path(path)
        if not path.exists():
            raise VaultNotFound(f"There is no practice file at {path}.")
        vault = cls(path)
        vault._lock.acquire()
        try:
            vault.keyslots = KeySlots.load(vault.keys_path)
        except BaseException:
            vault._lock.release()
            raise
        return vault

    @classmethod
    def create(
        cls, path: Path, username: str, full_name: str, password: str
    ) -> tuple[Vault, User, str]:
        """A new practice with its first (prescriber) user; returns the recovery key too.

        Built under temporary names and renamed into place, so a failure leaves nothing
        that looks like a practice behind.
        """
        path = Path(path)
        if path.exists() or sidecar_path(path).exists():
            raise VaultExists(f"{path} already exists. Choose a new file name for the practice.")
        if not path.parent.is_dir():
            raise VaultNotFound(f"The folder {path.parent} does not exist.")
        tmp_db = path.with_name(f".{path.name}.creating")
        tmp_keys = sidecar_path(tmp_db)
        data_key = keys.new_data_key()
        slots = KeySlots.new()
        try:
            for stale in companion_files(tmp_db):
                stale.unlink(missing_ok=True)
            slot = slots.add_password_slot(username, password, data_key)
            recovery = slots.set_recovery(data_key)
            conn = connect(tmp_db, data_key, create=True)
            try:
                migrate.upgrade(conn)
                with transaction(conn):
                    now = datetime.now(UTC).isoformat()
                    conn.executemany(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        [
                            ("vault_id", slots.vault_id),
                            ("created_at", now),
                            ("created_by_app", __version__),
                        ],
                    )
                    user = users_repo.add(conn, username, full_name, Role.PRESCRIBER, slot.slot_id)
                    audit_repo.append(
                        conn,
                        keys.derive_subkey(data_key, AUDIT_PURPOSE),
                        user_id=user.id,
                        username=user.username,
                        action="vault.created",
                    )
            finally:
                conn.close()
            os.chmod(tmp_db, 0o600)
            slots.save(tmp_keys)
            os.replace(tmp_keys, sidecar_path(path))
            os.replace(tmp_db, path)
            fsync_directory(path.parent)
        except BaseException:
            for leftover in companion_files(tmp_db):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            raise
        vault = cls.open(path)
        vault._use_key(data_key)
        return vault, user, recovery

    # --- keys ----------------------------------------------------------------------------

    def unlock_with_password(self, username: str, password: str) -> Slot:
        try:
            slot, data_key = self.keyslots.open_with_password(username, password)
        except (WrongPassword, UnknownUser):
            self.keyslots.note_failed_unlock(username)
            self.keyslots.save(self.keys_path)
            raise
        self._use_key(data_key)
        return slot

    def unlock_with_recovery_key(self, text: str) -> None:
        self._use_key(self.keyslots.open_with_recovery_key(text))

    def _use_key(self, data_key: bytes) -> None:
        conn = connect(self.path, data_key)
        try:
            migrate.upgrade(conn)
            row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
        except DatabaseError as exc:
            conn.close()
            raise VaultDamaged(f"The practice file {self.path.name} is damaged ({exc}).") from None
        except BaseException:
            conn.close()
            raise
        if row is None or row[0] != self.keyslots.vault_id:
            conn.close()
            raise VaultDamaged(
                f"The key file {self.keys_path.name} belongs to a different practice file."
            )
        self._conn, self._data_key = conn, data_key

    def save_keyslots(self) -> None:
        self.keyslots.save(self.keys_path)

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise VaultLocked()
        return self._data_key

    @property
    def audit_key(self) -> bytes:
        return keys.derive_subkey(self.data_key, AUDIT_PURPOSE)

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise VaultLocked()
        return self._conn

    @property
    def unlocked(self) -> bool:
        return self._conn is not None

    # --- closing -------------------------------------------------------------------------

    def lock(self) -> None:
        """Close the database and drop the key; the one-writer lock stays held."""
        if self._conn is not None:
            with contextlib.suppress(DatabaseError):
                self._conn.close()
        self._conn = None
        # Python cannot wipe immutable bytes; dropping the last reference is what we can do.
        self._data_key = None

    def close(self) -> None:
        self.lock()
        self._lock.release()

    # --- checks --------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Every problem found by the cipher check, SQLite's check and the audit chain."""
        problems: list[str] = []
        try:
            problems += [str(r[0]) for r in self.conn.execute("PRAGMA cipher_integrity_check")]
            result = [str(r[0]) for r in self.conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                problems += result
            problems += [
                f"foreign key broken in {r[0]} row {r[1]}"
                for r in self.conn.execute("PRAGMA foreign_key_check")
            ]
        except DatabaseError as exc:
            problems.append(f"the database cannot be read: {exc}")
            return problems
        broken = audit_repo.verify_chain(self.conn, self.audit_key)
        if broken:
            problems.append(f"audit trail broken: {broken}")
        return problems
