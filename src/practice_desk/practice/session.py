"""Who is working now, and the checks every use case runs before it acts."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

from practice_desk.domain.errors import NotPermitted, VaultLocked
from practice_desk.domain.users import PERMISSION_WORDS, Permission, Role, User
from practice_desk.vault import audit_repo
from practice_desk.vault.db import Connection, transaction
from practice_desk.vault.vault import Vault

log = logging.getLogger("practice_desk")

#: The pseudo-user a recovery-key unlock acts as (audited as such).
RECOVERY_USER = User(
    id=0,
    username="(recovery key)",
    full_name="Recovery key",
    role=Role.PRESCRIBER,
    slot_id="recovery",
)


class SessionBase:
    """State shared by the Practice facade's parts: the vault and the signed-in user."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._user: User | None = None
        #: Charts already recorded as seen in a search of every chart, this session.
        self._search_audited: set[int] = set()

    @property
    def user(self) -> User:
        if self._user is None or not self._vault.unlocked:
            raise VaultLocked()
        return self._user

    @property
    def unlocked_with_recovery_key(self) -> bool:
        return self._user is RECOVERY_USER

    def _require(self, permission: Permission) -> User:
        user = self.user
        if not user.may(permission):
            self._audit("permission.refused", detail={"permission": permission.value})
            raise NotPermitted(
                f"A {user.role.value} cannot {PERMISSION_WORDS[permission]} in Practice Desk. "
                "Ask the prescriber."
            )
        return user

    @property
    def _conn(self) -> Connection:
        return self._vault.conn

    @contextlib.contextmanager
    def _change(self) -> Iterator[Connection]:
        """One transaction for a change and its audit event together."""
        with transaction(self._vault.conn) as conn:
            yield conn

    def _audit(
        self, action: str, patient_id: int | None = None, detail: dict[str, Any] | None = None
    ) -> None:
        """Record an event; joins the open transaction if there is one."""
        user = self.user
        user_id = None if user is RECOVERY_USER else user.id
        conn = self._vault.conn
        if conn.in_transaction:
            audit_repo.append(
                conn,
                self._vault.audit_key,
                user_id=user_id,
                username=user.username,
                action=action,
                patient_id=patient_id,
                detail=detail,
            )
        else:
            with transaction(conn):
                audit_repo.append(
                    conn,
                    self._vault.audit_key,
                    user_id=user_id,
                    username=user.username,
                    action=action,
                    patient_id=patient_id,
                    detail=detail,
                )
        log.info("audit %s user=%s patient=%s", action, user_id, patient_id)
