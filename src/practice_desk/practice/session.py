"""Who is working now, and the checks every use case runs before it acts."""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar, cast

from practice_desk.domain.changes import NOTHING, Change, Changes
from practice_desk.domain.errors import NotPermitted, VaultLocked
from practice_desk.domain.storage import Store
from practice_desk.domain.users import PERMISSION_WORDS, Permission, Role, User
from practice_desk.vault.vault import Vault

log = logging.getLogger("practice_desk")

#: The practice setting that marks a demo practice (synthetic patients only).
DEMO_META = "demo"

#: The pseudo-user a recovery-key unlock acts as (audited as such).
RECOVERY_USER = User(
    id=0,
    username="(recovery key)",
    full_name="Recovery key",
    role=Role.PRESCRIBER,
    slot_id="recovery",
)


F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")


def delegate(
    service: str, method: Callable[Concatenate[Any, P], R]
) -> Callable[Concatenate[Any, P], R]:
    """A method of the practice that passes the call to ``service``'s method of the same
    name: the names scripts used before the services keep working."""
    name = method.__name__

    def run(self: Any, /, *args: P.args, **kwargs: P.kwargs) -> R:
        result: R = getattr(getattr(self, service), name)(*args, **kwargs)
        return result

    run.__name__ = run.__qualname__ = name
    run.__doc__ = method.__doc__
    return run


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
        def run(self: Service, *args: Any, **kwargs: Any) -> Any:
            session = self.session
            if permission is None:
                session.user  # noqa: B018 - signed in, or VaultLocked
            else:
                session.require(permission)
            if not kinds:
                return function(self, *args, **kwargs)
            patient_id = None
            if takes_patient:
                bound = signature.bind(self, *args, **kwargs)
                patient_id = bound.arguments.get("patient_id")
            with session.operation():
                with session.change() if transaction else contextlib.nullcontext():
                    result = function(self, *args, **kwargs)
                    if patient_id is None:
                        patient_id = getattr(result, "patient_id", None)
                    if audit is not None:
                        session.audit(audit, patient_id)
                session.changed(Changes(kinds, patient_id))
            return result

        return cast(F, run)

    return decorate


class Session:
    """The one state every service shares: the vault, the signed-in user, and who is
    listening for changes."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.signed_in: User | None = None
        #: Charts already recorded as seen in a search of every chart, this session.
        self.search_audited: set[int] = set()
        self._listeners: list[Callable[[Changes], None]] = []
        self._pending = NOTHING
        self._depth = 0  # use cases running inside one another: publish once, at the end

    @property
    def user(self) -> User:
        if self.signed_in is None or not self.vault.unlocked:
            raise VaultLocked()
        return self.signed_in

    @property
    def actor_id(self) -> int | None:
        """The signed-in user's id as records store it (None for the recovery key)."""
        return self.user.id or None

    @property
    def store(self) -> Store:
        return self.vault.store

    def require(self, permission: Permission) -> User:
        """The signed-in user, if their role allows this (else refused, audited, in words)."""
        user = self.user
        if not user.may(permission):
            self.audit("permission.refused", detail={"permission": permission.value})
            raise NotPermitted(
                f"A {user.role.value} cannot {PERMISSION_WORDS[permission]} in Practice Desk. "
                "Ask the prescriber."
            )
        return user

    @contextlib.contextmanager
    def change(self) -> Iterator[None]:
        """One transaction for a change and its audit event together."""
        with self.store.transaction():
            yield

    def audit(
        self, action: str, patient_id: int | None = None, detail: dict[str, Any] | None = None
    ) -> None:
        """Record an event; joins the open transaction if there is one."""
        user = self.user
        user_id = None if user is RECOVERY_USER else user.id
        store = self.store
        with contextlib.nullcontext() if store.in_transaction else store.transaction():
            self.vault.keys.append_audit(
                user_id=user_id,
                username=user.username,
                action=action,
                patient_id=patient_id,
                detail=detail,
            )
        log.info("audit %s user=%s patient=%s", action, user_id, patient_id)

    # --- changes -------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call listener with each committed change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    @contextlib.contextmanager
    def operation(self) -> Iterator[None]:
        """Use cases (or a batch) inside one another publish once, when the outermost ends
        well; nothing is published for one that fails."""
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if not self._depth:
                self._pending = NOTHING
            raise
        self._depth -= 1
        if not self._depth:
            changed, self._pending = self._pending, NOTHING
            if changed.kinds:
                for listener in list(self._listeners):
                    listener(changed)

    def changed(self, changes: Changes) -> None:
        self._pending = self._pending | changes


class Service:
    """One part of the practice's use cases (patients, notes, ...), over the shared session.

    The properties below are the session's, so that a use case reads as before: ``self.user``,
    ``with self._change():`` and ``self._audit(...)``.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def user(self) -> User:
        return self.session.user

    @property
    def unlocked_with_recovery_key(self) -> bool:
        return self.session.signed_in is RECOVERY_USER

    @property
    def _vault(self) -> Vault:
        return self.session.vault

    @property
    def _store(self) -> Store:
        return self.session.vault.store

    @property
    def _actor_id(self) -> int | None:
        return self.session.actor_id

    @property
    def _marking(self) -> Literal["demo"] | bool:
        """How documents are marked across every page: "demo" in the demo practice."""
        return "demo" if self._store.settings.get(DEMO_META) == "1" else False

    def _change(self) -> contextlib.AbstractContextManager[None]:
        return self.session.change()

    def _audit(
        self, action: str, patient_id: int | None = None, detail: dict[str, Any] | None = None
    ) -> None:
        self.session.audit(action, patient_id, detail)
