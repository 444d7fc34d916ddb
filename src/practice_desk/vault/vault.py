"""The vault on disk: database file, key-slot sidecar and lock, opened and keyed."""

from __future__ import annotations

import contextlib
import math
import os
from datetime import UTC, datetime
from pathlib import Path

from practice_desk import __version__
from practice_desk.domain.errors import (
    StorageError,
    TooManyAttempts,
    UnknownUser,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    VaultTooNew,
    WrongPassword,
    WrongRecoveryKey,
)
from practice_desk.domain.storage import Store
from practice_desk.domain.users import Role, User
from practice_desk.vault import audit_repo, keys, leftovers, migrate, users_repo
from practice_desk.vault.checks import sqlite_checks_beside
from practice_desk.vault.db import (
    Connection,
    DatabaseError,
    connect,
    raw_key_literal,
    transaction,
)
from practice_desk.vault.files import fsync_directory
from practice_desk.vault.keyslots import RECOVERY_ATTEMPT, KeySlots, Opened, Slot, sidecar_path
from practice_desk.vault.keystore import KeyStore
from practice_desk.vault.lockfile import VaultLock, lock_path
from practice_desk.vault.principals import Principal
from practice_desk.vault.restore import finish_restore
from practice_desk.vault.store import SqlStore

AUDIT_PURPOSE = "practice-desk/audit-chain"


def companion_files(path: Path) -> list[Path]:
    """Every file that belongs to a vault on disk."""
    names = [path, sidecar_path(path), lock_path(path)]
    names += [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]
    return names


#: Wrong passwords in a row allowed without waiting.
FREE_ATTEMPTS = 5


class Vault:
    """An encrypted practice file. Locked until a key slot is opened; one process at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.keys_path = sidecar_path(path)
        self._lock = VaultLock(path)
        self._conn: Connection | None = None
        self._store: SqlStore | None = None
        self._data_key: bytes | None = None
        self._key_root = b""
        self._principal: Principal | None = None
        self.keyslots: KeySlots
        #: What the practice may do with the keys (the only way above vault/).
        self.keys = KeyStore(self)
        #: Set at unlock: what was found wrong with the key file's seal ("" when nothing).
        self.tampering = ""
        #: Set at unlock: a key rotation interrupted by a crash was finished.
        self.rotation_finished = False

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Vault:
        """Take the one-writer lock and read the key slots; the database stays locked."""
        path = Path(path)
        finish_restore(path)  # a restore interrupted by a crash completes before anything else
        if not path.exists():
            raise VaultNotFound(f"There is no practice file at {path}.")
        vault = cls(path)
        vault._lock.acquire()
        try:
            vault.keyslots = KeySlots.load(vault.keys_path)
        except BaseException:
            vault._lock.release()
            raise
        leftovers.remove_scratch(path)  # a killed backup's snapshot copy; ours, as we hold the lock
        return vault

    @classmethod
    def create(
        cls,
        path: Path,
        username: str,
        full_name: str,
        password: str,
        extra_meta: dict[str, str] | None = None,
    ) -> tuple[Vault, User, str]:
        """A new practice with its first (prescriber) user; returns the recovery key too.

        Built under temporary names and linked into place without overwriting, so a
        failure leaves nothing that looks like a practice behind.
        """
        path = Path(path)
        if path.exists():
            raise VaultExists(f"{path} already exists. Choose a new file name for the practice.")
        if sidecar_path(path).exists():
            raise VaultExists(
                f"A key file {sidecar_path(path).name} is already there without its practice "
                "file, perhaps left by an interrupted setup. If no practice should be there, "
                "delete that key file and try again."
            )
        if not path.parent.is_dir():
            raise VaultNotFound(f"The folder {path.parent} does not exist.")
        tmp_db = path.with_name(f".{path.name}.creating")
        tmp_keys = sidecar_path(tmp_db)
        data_key = keys.new_data_key()
        slots = KeySlots.new()
        placed: list[Path] = []
        try:
            for stale in companion_files(tmp_db):
                stale.unlink(missing_ok=True)
            principal = Principal.new()
            slot = slots.set_password(slots.new_slot_id(), username, password, data_key, principal)
            recovery = slots.set_recovery(data_key)
            key_root = keys.new_data_key()
            audit_key = keys.derive_subkey(key_root, AUDIT_PURPOSE)
            conn = connect(tmp_db, data_key, create=True)
            try:
                migrate.upgrade(conn)
                with transaction(conn):
                    meta = {
                        "vault_id": slots.vault_id,
                        "created_at": datetime.now(UTC).isoformat(),
                        "created_by_app": __version__,
                        "key_root": key_root.hex(),
                        **(extra_meta or {}),
                    }
                    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
                    user = users_repo.add(conn, username, full_name, Role.PRESCRIBER, slot.slot_id)
                    event = audit_repo.append(
                        conn, audit_key, user_id=user.id, username=username, action="vault.created"
                    )
            finally:
                conn.close()
            slots.seal_audit_head(audit_key, event.seq, event.hash)
            slots.seal(data_key)
            os.chmod(tmp_db, 0o600)
            slots.save(tmp_keys)
            _place(tmp_keys, sidecar_path(path))
            placed.append(sidecar_path(path))
            _place(tmp_db, path)
            placed.append(path)
            fsync_directory(path.parent)
        except BaseException:
            for leftover in [*companion_files(tmp_db), *placed]:
                with contextlib.suppress(OSError):
                    leftover.unlink()
            raise
        vault = cls.open(path)
        vault._use_key(data_key)
        vault._principal = principal
        return vault, user, recovery

    # --- keys ----------------------------------------------------------------------------

    def unlock_with_password(self, username: str, password: str) -> Slot:
        self._refuse_while_backing_off()
        try:
            opened = self.keyslots.open_with_password(username, password)
        except (WrongPassword, UnknownUser):
            self._count_failure(username)
            raise
        self._use_opened(opened)
        return opened.slot

    def unlock_with_recovery_key(self, text: str) -> None:
        try:
            opened = self.keyslots.open_with_recovery_key(text)
        except WrongRecoveryKey:
            self._count_failure(RECOVERY_ATTEMPT)
            raise
        self._use_opened(opened)

    def _use_opened(self, opened: Opened) -> None:
        """Open the database with what a slot gave, and finish a key rotation that a crash
        interrupted (the database holds either the old key or the new one)."""
        self.tampering = opened.mac_problem
        self.rotation_finished = False
        try:
            self._use_key(opened.data_key)
            rekeyed = False
        except VaultDamaged:
            if opened.next_key is None:
                raise
            self._use_key(opened.next_key)
            rekeyed = True
        self._principal = opened.principal
        if self.keyslots.rotation_pending:
            if not rekeyed and opened.next_key is not None:
                self._rekey(opened.next_key)
            if rekeyed or opened.next_key is not None:
                self.keyslots.finish_rotation()
                self.rotation_finished = True
            else:  # this slot never got the next key: the rotation cannot be finished
                self.keyslots.abandon_rotation()
            self.save_keyslots()
        elif opened.upgraded:
            self.save_keyslots()

    def _refuse_while_backing_off(self) -> None:
        """After FREE_ATTEMPTS wrong tries in a row, each further try waits: 30 s, then
        twice as long each time, up to 15 minutes (guessing stays slow even for someone
        at the keyboard; the recovery key is never held back)."""
        failures = self.keyslots.failed_unlocks
        if len(failures) < FREE_ATTEMPTS:
            return
        wait = min(30 * 2 ** (len(failures) - FREE_ATTEMPTS), 15 * 60)
        left = wait - (datetime.now(UTC) - failures[-1].at).total_seconds()
        if left > 0:
            raise TooManyAttempts(
                f"{len(failures)} wrong tries in a row: wait {math.ceil(left)} seconds before "
                "the next one. (The recovery key still opens the practice.)"
            )

    def _count_failure(self, attempted: str) -> None:
        self.keyslots.note_failed_unlock(attempted)
        # A full disk must not turn a wrong password into a different error.
        with contextlib.suppress(StorageError):
            self.keyslots.save(self.keys_path)

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
        root = conn.execute("SELECT value FROM meta WHERE key = 'key_root'").fetchone()
        # Practices made before key rotation derive their job keys from the first data key.
        self._key_root = bytes.fromhex(root[0]) if root else data_key
        self._conn, self._data_key = conn, data_key

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def save_keyslots(self) -> None:
        """Seal the key file with the data key and write it."""
        self.keyslots.seal(self.data_key)
        self.keyslots.save(self.keys_path)

    @property
    def principal(self) -> Principal:
        """The unlocking slot owner's keys (to sign with)."""
        if self._principal is None:
            raise VaultLocked()
        return self._principal

    # --- replacing the data key ----------------------------------------------------------

    def rotate_data_key(self, *, new_recovery_key: bool = False) -> tuple[list[str], str | None]:
        """Re-encrypt the practice under a new data key and hand it to every slot.

        Returns the slots that could not be given it (from before version 2; those users
        need a password reset) and, when asked for, the new recovery key (shown once).
        A crash at any point leaves a practice that opens: the key file first carries both
        keys, SQLCipher's rekey is one transaction, and the next unlock finishes the rest.
        """
        old, new = self.data_key, keys.new_data_key()
        current = next((s for s in self.keyslots.slots if s.kind == "recovery"), None)
        # A recovery slot from before version 2 cannot be given the new key: a practice
        # must never be left without one, so it gets a new recovery key instead.
        if new_recovery_key or current is None or current.legacy:
            recovery: str | None = self.keyslots.set_recovery(old)
        else:
            recovery = None
        dropped = self.keyslots.begin_rotation(new)
        self.save_keyslots()
        self._rekey(new)
        self.keyslots.finish_rotation()
        self.save_keyslots()
        return dropped, recovery

    def export_plain(self, target: Path) -> None:
        """Write an unencrypted SQLite copy of the whole practice to target (a new file,
        0600). Removed again if anything fails."""
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise VaultExists(f"{target} already exists; choose a new file name.") from None
        except OSError as exc:
            raise StorageError(f"{target} cannot be created: {exc.strerror}") from None
        os.close(fd)
        conn = self.conn
        try:
            conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
            try:
                conn.execute("SELECT sqlcipher_export('plain')").fetchall()
            finally:
                conn.execute("DETACH DATABASE plain")
        except BaseException as exc:
            target.unlink(missing_ok=True)
            if isinstance(exc, DatabaseError):
                raise StorageError(f"the plain copy could not be written: {exc}") from None
            raise

    def _rekey(self, new_key: bytes) -> None:
        conn = self.conn
        with transaction(conn):
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('key_root', ?)",
                (self._key_root.hex(),),
            )
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.reset_key(raw_key_literal(new_key))
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except DatabaseError as exc:
            raise StorageError(f"the practice could not be re-encrypted: {exc}") from None
        self._data_key = new_key

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise VaultLocked()
        return self._data_key

    def subkey(self, purpose: str) -> bytes:
        """A key for one job (e.g. prescription check codes). Derived from a root kept
        inside the database, so it survives a change of data key."""
        self.data_key  # noqa: B018 - unlocked
        return keys.derive_subkey(self._key_root, purpose)

    @property
    def audit_key(self) -> bytes:
        return self.subkey(AUDIT_PURPOSE)

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise VaultLocked()
        return self._conn

    @property
    def store(self) -> Store:
        """The records, through the repositories the services use."""
        conn = self.conn
        if self._store is None or self._store.conn is not conn:
            self._store = SqlStore(conn)
        return self._store

    @property
    def unlocked(self) -> bool:
        return self._conn is not None

    # --- closing -------------------------------------------------------------------------

    def lock(self) -> None:
        """Close the database and drop the key; the one-writer lock stays held.

        The audit trail's last event is sealed into the key file first, so events deleted
        later (or an older copy of the database put in place) show up in a check.
        """
        if self._conn is not None:
            with contextlib.suppress(StorageError, DatabaseError):
                head = audit_repo.head(self._conn)
                if head is not None:
                    self.keyslots.seal_audit_head(self.audit_key, *head)
                    self.save_keyslots()
            with contextlib.suppress(DatabaseError):
                self._conn.close()
        self._conn = None
        # Python cannot wipe immutable bytes; dropping the last reference is what we can do.
        self._data_key = None
        self._key_root = b""
        self._principal = None

    def close(self) -> None:
        self.lock()
        self._lock.release()

    # --- checks --------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Every problem found by the cipher check, SQLite's check, the key file's seal and
        the audit chain (SQLite's checks run on helper threads beside the rest)."""
        problems: list[str] = []
        with sqlite_checks_beside(self.path, self.data_key) as sqlite:
            try:
                on_disk = KeySlots.load(self.keys_path)
                if sealed := on_disk.mac_problem(self.data_key):
                    problems.append(sealed)
            except (VaultDamaged, VaultTooNew) as exc:
                problems.append(str(exc))
            try:
                problems += self._audit_problems()
            except DatabaseError as exc:
                problems.append(f"the audit trail cannot be read: {exc}")
        return sqlite.problems + problems

    def _audit_problems(self) -> list[str]:
        problems: list[str] = []
        broken = audit_repo.verify_chain(self.conn, self.audit_key)
        if broken:
            problems.append(f"audit trail broken: {broken}")
        try:
            recorded = self.keyslots.sealed_audit_head(self.audit_key)
        except VaultDamaged as exc:
            problems.append(str(exc))
            recorded = None
        if recorded is not None:
            last = audit_repo.head(self.conn)
            if last is None or last[0] < recorded.seq:
                problems.append(
                    f"audit trail broken: it ends at event {last[0] if last else 0}, but it had "
                    f"reached event {recorded.seq} when the practice was last locked "
                    "(events deleted, or an older copy of the practice file)"
                )
            elif audit_repo.hash_of(self.conn, recorded.seq) != recorded.hash:
                problems.append(
                    f"audit trail broken: event {recorded.seq} differs from the one recorded "
                    "when the practice was last locked"
                )
        return problems


def _place(source: Path, target: Path) -> None:
    """Move source to target, refusing to overwrite anything that appeared meanwhile."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise VaultExists(f"{target} appeared while the practice was being created.") from None
    except OSError:
        # File systems without hard links: check, then rename (a narrow race remains).
        if target.exists():
            raise VaultExists(f"{target} appeared while the practice was being created.") from None
        os.replace(source, target)
        return
    source.unlink()
