"""Who is working now, and the checks every use case runs before it acts."""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar, cast

from practice_desk.domain.changes import NOTHING, Change, Changes
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


F = TypeVar("F", bound=Callable[..., Any])


def use_case(
    permission: Permission | None = None,
    *,
    changes: Iterable[Change] = (),
    audit: str | None = None,
    transaction: bool = True,
) -> Callable[[F], F]:
    """What every use case does around its own work, declared once.

    - ``permission``: the role check (refused and audited in words); None means any
      signed-in user.
    - ``changes``: the kinds of record it writes. A writing use case runs in one
      transaction (unless ``transaction=False``: a long job that opens its own) and, once
      that commits, publishes a ``Changes`` naming those kinds and the patient (the
      ``patient_id`` argument, else the result's ``patient_id``).
    - ``audit``: an event recorded in the same transaction, for the same patient, when the
      use case has nothing more to say than that it happened.
    """
    kinds = frozenset(changes)

    def decorate(function: F) -> F:
        signature = inspect.signature(function)
        takes_patient = "patient_id" in signature.parameters

        @functools.wraps(function)
        def run(self: SessionBase, *args: Any, **kwargs: Any) -> Any:
            if permission is None:
                self.user  # noqa: B018 - signed in, or VaultLocked
            else:
                self._require(permission)
            if not kinds:
                return function(self, *args, **kwargs)
            patient_id = None
            if takes_patient:
                bound = signature.bind(self, *args, **kwargs)
                patient_id = bound.arguments.get("patient_id")
            self._depth += 1
            try:
                with self._change() if transaction else contextlib.nullcontext():
                    result = function(self, *args, **kwargs)
                    if patient_id is None:
                        patient_id = getattr(result, "patient_id", None)
                    if audit is not None:
                        self._audit(audit, patient_id)
            except BaseException:
                self._depth -= 1
                if not self._depth:
                    self._pending = NOTHING
                raise
            self._depth -= 1
            self._pending = self._pending | Changes(kinds, patient_id)
            if not self._depth:
                self._publish()
            return result

        return cast(F, run)

    return decorate


class SessionBase:
    """State shared by the Practice facade's parts: the vault and the signed-in user."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._user: User | None = None
        #: Charts already recorded as seen in a search of every chart, this session.
        self._search_audited: set[int] = set()
        self._listeners: list[Callable[[Changes], None]] = []
        self._pending = NOTHING
        self._depth = 0  # use cases running inside one another: publish once, at the end

    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call listener with each committed change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _publish(self) -> None:
        changed, self._pending = self._pending, NOTHING
        if changed.kinds:
            for listener in list(self._listeners):
                listener(changed)

    @property
    def _actor_id(self) -> int | None:
        """The signed-in user's id as records store it (None for the recovery key)."""
        return self.user.id or None

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
