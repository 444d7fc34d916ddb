"""User administration: adding, removing and resetting users, changing one's own password."""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from practice_desk.domain.changes import Change
from practice_desk.domain.errors import (
    NotPermitted,
    StorageError,
    UnknownUser,
    ValidationError,
    WrongPassword,
    WrongRecoveryKey,
)
from practice_desk.domain.users import Permission, Role, User, check_new_password, check_username
from practice_desk.practice.session import Service, Session, use_case
from practice_desk.practice.trust import Trust

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KeyRotation:
    """What replacing the data key did: the slots (from an older key file) that could not
    be given the new key, so need a password reset, and the new recovery key if one was
    made (shown once)."""

    needs_reset: list[str] = field(default_factory=list)
    recovery_key: str | None = None


class UsersService(Service):
    """Who may sign in, and how: users, passwords, the data key and the recovery key."""

    def __init__(self, session: Session, trust: Trust) -> None:
        super().__init__(session)
        self._trust = trust

    def __call__(self) -> list[User]:
        """``practice.users()``, as before the users had a service."""
        return self.users()

    @use_case()
    def users(self) -> list[User]:
        return self._store.users.active()

    @use_case(Permission.MANAGE_USERS, changes=(Change.USERS,))
    def add_user(self, username: str, full_name: str, role: Role | str, password: str) -> User:
        username = check_username(username)
        check_new_password(password, username, self._password_context(full_name))
        role = Role(role)
        if not full_name.strip():
            full_name = username
        if self._store.users.by_username(username) or self._vault.keys.has_password(username):
            raise ValidationError("username", f"There is already a user called “{username}”.")
        keys = self._vault.keys
        slot_id = keys.add_password(username, password)
        try:
            with self._change():
                user = self._store.users.add(username, full_name.strip(), role, slot_id)
                self._trust._sign_user(user)
                self._audit("user.added", detail={"user_id": user.id, "role": role.value})
                # Saved inside the transaction: if the key file cannot be written the user
                # is not added. A crash after this save leaves an unowned slot, which the
                # next unlock removes.
                keys.save()
        except BaseException:
            keys.remove(slot_id)
            with contextlib.suppress(StorageError):
                keys.save()
            raise
        return user

    @use_case(Permission.MANAGE_USERS, changes=(Change.USERS,), transaction=False)
    def remove_user(self, username: str) -> KeyRotation:
        """Remove a user and replace the data key, so that a copy of the key file or a key
        they kept no longer opens the practice as it is from now on."""
        actor = self.user
        target = self._store.users.by_username(username)
        if target is None:
            raise UnknownUser(username)
        if target.id == actor.id:
            raise NotPermitted("You cannot remove yourself. Another prescriber must do it.")
        prescribers = [u for u in self._store.users.active() if u.role is Role.PRESCRIBER]
        if target.role is Role.PRESCRIBER and len(prescribers) <= 1:
            raise NotPermitted("The practice needs at least one prescriber; this is the last one.")
        # The key slot goes first: if anything fails after, the user simply cannot sign in.
        self._vault.keys.remove(target.slot_id)
        self._vault.keys.save()
        with self._change():
            self._store.users.deactivate(target.id)
            self._trust._sign_roster(target.username, target.role.value, False, None)
            self._audit("user.removed", detail={"user_id": target.id})
        return self._rotate("user removed", target.username)

    @use_case(Permission.MANAGE_USERS, changes=(Change.USERS,), transaction=False)
    def reset_password(
        self, username: str, new_password: str, *, old_may_be_known: bool = False
    ) -> KeyRotation | None:
        """A prescriber (or the recovery key) sets another user's password. When the old
        one may be known to someone else, the data key is replaced as well."""
        target = self._store.users.by_username(username)
        if target is None:
            raise UnknownUser(username)
        check_new_password(new_password, username, self._password_context(target.full_name))
        # By slot id: this also gives back a slot lost to an interrupted change. Someone
        # else's password means new keys for them (their old private keys stay wrapped
        # under the old password, which nobody here knows).
        self._vault.keys.set_password(target.slot_id, target.username, new_password, own=False)
        self._vault.keys.save()
        with self._change():
            self._trust._sign_user(target)  # their new signing key
            self._audit("user.password_reset", detail={"user_id": target.id})
        if old_may_be_known:
            return self._rotate("password reset, the old one may be known", target.username)
        return None

    def change_password(self, current_password: str, new_password: str) -> None:
        """Anyone changes their own password; only their key slot is rewrapped."""
        user = self.user
        if self.unlocked_with_recovery_key:
            raise NotPermitted(
                "Unlocked with the recovery key: choose a user and set their password instead."
            )
        try:
            self._vault.keys.check_password(user.username, current_password)
        except (WrongPassword, UnknownUser):
            raise WrongPassword(
                "Your current password is not right, so nothing was changed."
            ) from None
        check_new_password(new_password, user.username, self._password_context(user.full_name))
        self._vault.keys.set_password(user.slot_id, user.username, new_password, own=True)
        self._vault.keys.save()
        self._audit("user.password_changed", detail={"user_id": user.id})

    @use_case(Permission.EXPORT_PLAIN)
    def export_plain_sqlite(self, target: Path | str, *, confirm_secret: str) -> None:
        """An UNENCRYPTED SQLite copy of everything, for leaving Practice Desk or a
        practice's own analysis. Prescribers (or the recovery key) only, asked again for
        their password (or the recovery key) as confirm_secret; the file is 0600; audited."""
        user = self.user
        try:
            if self.unlocked_with_recovery_key:
                self._vault.keys.check_recovery_key(confirm_secret)
            else:
                self._vault.keys.check_password(user.username, confirm_secret)
        except (WrongPassword, WrongRecoveryKey, UnknownUser):
            raise WrongPassword(
                "That is not your password (or the recovery key), so nothing was exported."
            ) from None
        path = Path(target)
        self._vault.export_plain(path)
        with self._change():
            self._audit("export.plain_sqlite", detail={"file": path.name})
        log.warning("an unencrypted copy of the practice was written")

    # --- the data key and the recovery key ---------------------------------------------------

    @use_case(Permission.MANAGE_USERS, changes=(Change.USERS,), transaction=False)
    def rotate_data_key(self) -> KeyRotation:
        """Replace the data key (after a laptop or a key file copy went missing, say)."""
        return self._rotate("asked for")

    @use_case(Permission.MANAGE_USERS, changes=(Change.USERS,), transaction=False)
    def new_recovery_key(self) -> KeyRotation:
        """A new recovery key replaces the old one, and the data key is replaced with it
        (the old recovery key would otherwise still open a copy of the old key file).
        Show rotation.recovery_key once and print a new Recovery Sheet."""
        return self._rotate("new recovery key", new_recovery_key=True)

    def _rotate(
        self, reason: str, about: str | None = None, *, new_recovery_key: bool = False
    ) -> KeyRotation:
        start = time.perf_counter()
        dropped, recovery = self._vault.rotate_data_key(new_recovery_key=new_recovery_key)
        detail: dict[str, object] = {
            "reason": reason,
            "generation": self._vault.keys.generation,
            "new_recovery_key": recovery is not None,
        }
        if about:
            detail["username"] = about
        if dropped:
            detail["slots_without_new_key"] = dropped
        with self._change():
            if recovery is not None:
                self._trust._sign_recovery()
            self._audit("key.rotated", detail=detail)
        log.info("data key rotated in %.2f s", time.perf_counter() - start)
        return KeyRotation(needs_reset=dropped, recovery_key=recovery)

    def _password_context(self, full_name: str) -> tuple[str, ...]:
        """Words an attacker tries first against a password: the person's name and the
        practice's (from its profile, else its file name)."""
        profile = self._store.prescriptions.profile()
        practice = profile.name if profile else self._vault.path.stem
        return (full_name, practice)

    @use_case(Permission.EXPORT_KEY)
    def export_data_key(self) -> str:
        """The practice's raw 256-bit data key, as SQLCipher takes it (``x'…'``), so that
        the practice can always be read without Practice Desk. Prescribers (or the recovery
        key) only; audited."""
        with self._change():
            self._audit("key.exported")
        return self._vault.keys.export_hex()
