"""The Practice facade: the one API the GUI, the CLI and scripts use."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import TracebackType

from pydantic import BaseModel

from practice_desk.domain.audit import AuditEvent
from practice_desk.domain.changes import NOTHING, Change
from practice_desk.domain.errors import StorageError, UnknownUser, VaultDamaged
from practice_desk.domain.preferences import Preferences
from practice_desk.domain.users import Permission, User, check_new_password, check_username
from practice_desk.practice import witness
from practice_desk.practice.backups import BackupsMixin
from practice_desk.practice.chart import ChartMixin
from practice_desk.practice.notes import NotesMixin
from practice_desk.practice.patients import PatientsMixin
from practice_desk.practice.printing import PrintingMixin
from practice_desk.practice.regimens import RegimensMixin
from practice_desk.practice.results import ResultsMixin
from practice_desk.practice.session import RECOVERY_USER, use_case
from practice_desk.practice.tapers import TapersMixin
from practice_desk.practice.trust import SEAL_ACTION
from practice_desk.practice.users import UsersMixin
from practice_desk.vault import audit_repo, preferences_repo, users_repo
from practice_desk.vault.db import DatabaseError
from practice_desk.vault.media import storage_warning
from practice_desk.vault.vault import Vault

log = logging.getLogger("practice_desk")
DEMO_META = "demo"


class FailedAttempt(BaseModel):
    at: datetime
    username: str


class CheckReport(BaseModel):
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


class Practice(
    ChartMixin,
    PatientsMixin,
    UsersMixin,
    RegimensMixin,
    ResultsMixin,
    TapersMixin,
    PrintingMixin,
    BackupsMixin,
    NotesMixin,
):
    """An open practice file.

    >>> practice = Practice.open(path)
    >>> practice.unlock("drsmith", password)
    >>> practice.search_patients("smi")
    """

    def __init__(self, vault: Vault) -> None:
        super().__init__(vault)
        #: Failed unlock attempts since the previous good unlock, shown once after unlocking.
        self.failed_attempts: list[FailedAttempt] = []
        #: Things the user should know about where the practice file lives.
        self.warnings: list[str] = []
        #: Found at unlock: the practice's files were changed outside Practice Desk.
        self.integrity_warnings: list[str] = []
        warning = storage_warning(vault.path)
        if warning:
            self.warnings.append(warning)

    # --- lifecycle -----------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str,
        username: str,
        password: str,
        full_name: str = "",
        *,
        demo: bool = False,
    ) -> tuple[Practice, str]:
        """A new practice with its first prescriber, unlocked; and the recovery key to show once.

        ``demo`` marks a practice that holds synthetic patients only: only such a practice
        accepts generated demo patients.
        """
        username = check_username(username)
        check_new_password(password, username, (full_name, Path(path).stem))
        vault, user, recovery_key = Vault.create(
            Path(path),
            username,
            full_name or username,
            password,
            extra_meta={DEMO_META: "1"} if demo else None,
        )
        practice = cls(vault)
        practice._user = user
        try:
            practice._found_roster()  # the founder's key is the practice's trust anchor
        except BaseException:
            practice.close()
            raise
        log.info("vault created id=%s", vault.keyslots.vault_id)
        return practice, recovery_key

    @classmethod
    def open(cls, path: Path | str) -> Practice:
        """Open a practice file, locked. VaultInUse if another program has it open."""
        return cls(Vault.open(Path(path)))

    def unlock(self, username: str, password: str) -> User:
        slot = self._vault.unlock_with_password(username, password)
        try:
            user = users_repo.by_slot(self._vault.conn, slot.slot_id)
        except DatabaseError as exc:
            self._vault.lock()
            raise VaultDamaged(
                f"The practice file {self._vault.path.name} is damaged: its list of users "
                f"cannot be read ({exc}). Your password was accepted; restore the practice "
                "from a backup."
            ) from None
        if user is None or not user.active or user.username != username:
            self._vault.lock()
            raise UnknownUser(username)
        self._user = user
        self._after_unlock("unlock")
        return self.user

    def unlock_with_recovery_key(self, recovery_key: str) -> None:
        """Unlock as the practice owner, for a password reset or a backup restore."""
        self._vault.unlock_with_recovery_key(recovery_key)
        self._user = RECOVERY_USER
        self._after_unlock("unlock.recovery_key")

    def _after_unlock(self, action: str) -> None:
        """Check the signed roster, audit the unlock (and the failures before it); on any
        failure stay locked."""
        try:
            self._user, roster_words = self._roster_on_unlock(self.user)
            self._record_unlock(action, roster_words)
        except (StorageError, DatabaseError) as exc:
            self._user = None
            self._vault.lock()
            if "malformed" not in str(exc) and "not a database" not in str(exc):
                raise
            raise VaultDamaged(
                f"The practice file {self._vault.path.name} is damaged and cannot be "
                "written. Your password was accepted; run “practice-desk check” on it, or "
                "restore the practice from a backup."
            ) from None
        except BaseException:
            self._user = None
            self._vault.lock()
            raise

    def _record_unlock(self, action: str, roster_words: list[str]) -> None:
        slots = self._vault.keyslots
        active = {u.slot_id for u in users_repo.active(self._vault.conn)}
        if slots.prune(active):
            log.warning("removed key slots that belonged to no user")
            self._vault.save_keyslots()
        self.failed_attempts = [
            FailedAttempt(at=f.at, username=f.username) for f in slots.failed_unlocks
        ]
        self.integrity_warnings = [self._vault.tampering] if self._vault.tampering else []
        self.integrity_warnings += roster_words
        went_back = witness.went_back(slots.vault_id, self._conn)
        if went_back:
            self.integrity_warnings.append(went_back)
        with self._change():
            if audit_repo.last_action(self._conn) not in (SEAL_ACTION, None):
                self._seal_audit(late=True)  # the last session ended without locking
            for words in roster_words:
                self._audit("roster.mismatch", detail={"found": words})
            if went_back:
                self._audit("witness.went_back", detail={"found": went_back})
            if self._vault.tampering:
                self._audit("keyfile.changed_outside", detail={"found": self._vault.tampering})
            if self._vault.rotation_finished:
                self._audit(
                    "key.rotated",
                    detail={
                        "reason": "finished after an interruption",
                        "generation": slots.generation,
                    },
                )
            for failed in self.failed_attempts:
                self._audit(
                    "unlock.failed",
                    detail={"username": failed.username, "at": failed.at.isoformat()},
                )
            self._audit(action)
        if slots.failed_unlocks or self._vault.tampering:
            # Recorded in the audit trail above; the file is sealed afresh.
            slots.failed_unlocks = []
            self._vault.save_keyslots()

    def lock(self) -> None:
        """Close the database and drop the key; unlock again to continue."""
        if self._vault.unlocked and self._user is not None:
            # Locking must always succeed: a damaged or full disk only costs the event.
            try:
                with self._change():
                    self._audit("lock")
                    self._seal_audit()
                witness.remember(self._vault.keyslots.vault_id, self._conn)
            except StorageError:
                log.warning("lock event could not be written")
        self._user = None
        self._search_audited.clear()
        self._vault.lock()

    def close(self) -> None:
        self.lock()
        self._vault.close()

    def __enter__(self) -> Practice:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Many changes, one commit: for imports and demo data (each still audited); what
        they changed is published once, after the commit."""
        self._depth += 1
        try:
            with self._change():
                yield
        except BaseException:
            self._pending = NOTHING
            raise
        finally:
            self._depth -= 1
        if not self._depth:
            self._publish()

    # --- facts ---------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._vault.path

    @property
    def vault_id(self) -> str:
        return self._vault.keyslots.vault_id

    @property
    def is_unlocked(self) -> bool:
        return self._vault.unlocked and self._user is not None

    @property
    def is_demo(self) -> bool:
        """True for a practice created to hold synthetic demo patients only."""
        self.user  # noqa: B018 - signed in
        return self._vault.meta(DEMO_META) == "1"

    def usernames(self) -> list[str]:
        """Who can sign in (from the key file, so known before unlocking)."""
        return sorted(s.username for s in self._vault.keyslots.slots if s.username)

    # --- preferences -----------------------------------------------------------------------

    @use_case()
    def preferences(self) -> Preferences:
        """Auto-lock, backup reminder, handout language and prescription paper."""
        return preferences_repo.load(self._conn)

    @use_case(Permission.MANAGE_USERS, changes=(Change.PREFERENCES,))
    def save_preferences(self, value: Preferences) -> None:
        """Prescribers only: auto-lock and reminders protect the whole practice."""
        before = preferences_repo.load(self._conn).model_dump()
        changed = {k: v for k, v in value.model_dump().items() if before.get(k) != v}
        if not changed:
            return
        with self._change() as conn:
            preferences_repo.save(conn, value)
            self._audit("preferences.saved", detail=changed)

    # --- audit and checks ----------------------------------------------------------------

    @use_case(Permission.READ_AUDIT)
    def audit_events(self, patient_id: int | None = None, limit: int = 1000) -> list[AuditEvent]:
        return audit_repo.events(self._conn, patient_id, limit)

    @use_case()
    def check(self) -> CheckReport:
        """Cipher pages, database structure and the audit chain, checked in full."""
        # What this unlock found first: the key file is sealed afresh when the practice locks.
        problems = list(self.integrity_warnings)
        try:
            problems += self._vault.check()
            problems += self._trust_problems()
        except VaultDamaged as exc:
            problems.append(str(exc))
        try:
            self._audit("vault.checked", detail={"problems": len(problems)})
        except StorageError as exc:
            if not problems:
                problems.append(str(exc))
        return CheckReport(problems=problems)
