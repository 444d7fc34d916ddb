"""Signatures: the signed roster, sealed audit trail and what `check` and unlock verify.

Each user's (and the recovery key's) private signing key is unwrapped only by their own
password. Roster entries are signed by a prescriber; at every lock the session's user
signs the end of the audit trail ("audit.sealed"). So a change made with the data key
alone (a role edited, a slot forged, an event deleted and the chain recomputed) no
longer verifies, and is reported with what and where.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from practice_desk.domain.errors import StorageError, VaultDamaged
from practice_desk.domain.roster import (
    RECOVERY,
    RosterEntry,
    RosterRole,
    RosterState,
    entry_hash,
    verify_roster,
)
from practice_desk.domain.storage import DELETED
from practice_desk.domain.users import Role, User
from practice_desk.practice.session import RECOVERY_USER, Service, use_case
from practice_desk.vault import principals

SEAL_ACTION = "audit.sealed"


#: Records only a prescriber changes: one last sealed in a nurse's session is reported.
PRESCRIBER_TABLES = ("medication_orders", "prescriptions")


def seal_message(
    vault_id: str, seq: int, head_hash: str, records: dict[str, dict[str, str]]
) -> bytes:
    listed = json.dumps(records, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    digest = hashlib.sha256(listed.encode("ascii")).hexdigest()
    return f"practice-desk/audit-seal/v1\n{vault_id}/{seq}/{head_hash}/{digest}".encode()


class Trust(Service):
    """The signed roster and the sealed audit trail (used by the other services)."""

    # --- signing ---------------------------------------------------------------------------

    def _sign_roster(
        self, username: str, role: RosterRole, active: bool, sign_public: bytes | None
    ) -> None:
        """Append a roster entry signed by whoever is signed in (inside the open change)."""
        keys = self._vault.keys
        seq, prev = self._store.roster.last()
        entry = RosterEntry(
            seq=seq + 1,
            at=datetime.now(UTC),
            username=username,
            role=role,
            active=active,
            sign_public=sign_public.hex() if sign_public else None,
            signer=self.user.username,
            signer_public=keys.sign_public.hex(),
            prev_hash=prev,
        )
        digest = entry_hash(keys.vault_id, entry)
        signature = keys.sign(bytes.fromhex(digest)).hex()
        signed = entry.model_copy(update={"hash": digest, "signature": signature})
        self._store.roster.append(signed)

    def _sign_user(self, user: User, *, active: bool = True) -> None:
        key = self._vault.keys.public_key(user.slot_id)
        self._sign_roster(user.username, user.role.value, active, key)

    def _sign_recovery(self) -> None:
        self._sign_roster(RECOVERY, "recovery", True, self._vault.keys.recovery_public_key())

    def _seal_audit(self, *, late: bool = False) -> None:
        """Sign the end of the audit trail, and a digest of every record changed since the
        last seal, as the signed-in user (in an audit event). late: the changes were made
        in a session that ended without locking (a crash), not by this user."""
        head = self._store.audit.head()
        if head is None:
            return
        seq, head_hash = head
        records = self._store.records.take_unsealed()
        keys = self._vault.keys
        message = seal_message(keys.vault_id, seq, head_hash, records)
        detail: dict[str, Any] = {
            "seq": seq,
            "hash": head_hash,
            "key": keys.sign_public.hex(),
            "signature": keys.sign(message).hex(),
        }
        if records:
            detail["records"] = records
        if late:
            detail["late"] = True
        self._audit(SEAL_ACTION, detail=detail)

    # --- the roster at unlock --------------------------------------------------------------

    def _found_roster(self) -> None:
        """A practice from before signed rosters gets one, founded by the prescriber (or
        recovery key) who first unlocks it: everyone as they are now."""
        actor = self.user
        with self._change():
            if actor is RECOVERY_USER:
                self._sign_recovery_as_founder()
            else:
                self._sign_user(actor)
                self._sign_recovery()
            for user in self._store.users.active():
                if user.username != actor.username:
                    self._sign_user(user)
            self._audit("roster.founded")

    def _sign_recovery_as_founder(self) -> None:
        # The recovery key founds the roster as an owner (role prescriber for the chain's
        # first entry); its own "recovery" entry follows.
        self._sign_roster(RECOVERY, "prescriber", True, self._vault.keys.sign_public)
        self._sign_roster(RECOVERY, "recovery", True, self._vault.keys.sign_public)

    def _roster_on_unlock(self, user: User) -> tuple[User, list[str]]:
        """The signed-in user as the roster has them, and what does not match it.

        The role comes from the signed roster, never from the users table alone; a slot
        whose keys are not the ones the roster registered is refused.
        """
        if not self._store.roster.last()[0]:
            if user.role is Role.PRESCRIBER:
                self._found_roster()
            return user, []
        state = self._roster_state()
        name = user.username
        entry = state.current.get(name)
        if state.problems:
            # Only the entries before the first bad one are trusted.
            if entry is None or user is RECOVERY_USER or entry.role == "recovery":
                return user, state.problems
            return user.model_copy(update={"role": Role(entry.role)}), state.problems
        if entry is None or not entry.active:
            raise VaultDamaged(
                f"{name} is not on the practice's signed roster: this sign-in was added "
                "outside Practice Desk and is refused."
            )
        key = self._vault.keys.sign_public.hex()
        if entry.sign_public is None:  # first sign-in since their key file was upgraded
            with self._change():
                self._sign_roster(name, entry.role, True, self._vault.keys.sign_public)
        elif entry.sign_public != key:
            raise VaultDamaged(
                f"The key slot for {name} is not the one the signed roster registered: it "
                "was changed outside Practice Desk and is refused. Unlock with the recovery "
                "key (or another prescriber) and reset this password."
            )
        if user is RECOVERY_USER or entry.role == "recovery":
            return user, []
        signed_role = Role(entry.role)
        if signed_role is not user.role:
            words = (
                f"The role of {name} was changed outside Practice Desk: the users table says "
                f"{user.role.value}, the signed roster {signed_role.value}. The signed role "
                "applies."
            )
            return user.model_copy(update={"role": signed_role}), [words]
        return user, []

    def _roster_state(self) -> RosterState:
        try:
            entries = self._store.roster.entries()
        except (ValueError, StorageError):
            return RosterState(problems=["the signed roster cannot be read"])
        return verify_roster(self._vault.keys.vault_id, entries, principals.verify)

    # --- what check verifies ---------------------------------------------------------------

    @use_case()
    def trust_anchor(self) -> str | None:
        """The founding prescriber's key fingerprint, as printed on the Recovery Sheet."""
        anchor = self._roster_state().anchor
        return principals.fingerprint(bytes.fromhex(anchor)) if anchor else None

    def _trust_problems(self) -> list[str]:
        """Everything signed that no longer verifies, in words."""
        if not self._store.roster.last()[0]:
            return []  # an older practice whose roster no prescriber has founded yet
        state = self._roster_state()
        problems = list(state.problems)
        if problems:
            return problems
        for user in self._store.users.active():
            entry = state.current.get(user.username)
            if entry is None or not entry.active:
                problems.append(f"user {user.username} is not on the signed roster")
            elif entry.role != user.role.value:
                problems.append(
                    f"the role of {user.username} is {user.role.value} in the users table but "
                    f"{entry.role} on the signed roster"
                )
            key = self._vault.keys.public_key(user.slot_id)
            if entry and key and entry.sign_public not in (None, key.hex()):
                problems.append(f"the key slot of {user.username} is not the one signed for")
        problems += self._seal_problems(state)
        return problems

    def _seal_problems(self, state: RosterState) -> list[str]:
        problems: list[str] = []
        vault_id = self._vault.keys.vault_id
        #: (table, row id) -> (digest, who sealed it, in which event, late)
        sealed: dict[tuple[str, int], tuple[str, str, int, bool]] = {}
        for event in self._store.audit.events_of(SEAL_ACTION):
            detail: dict[str, Any] = event.detail
            where = f"audit event {event.seq} (sealed by {event.username})"
            key, seq, head = detail.get("key"), detail.get("seq"), detail.get("hash")
            records = detail.get("records", {})
            if not (
                isinstance(key, str)
                and isinstance(seq, int)
                and isinstance(head, str)
                and isinstance(records, dict)
            ):
                problems.append(f"{where} is unreadable")
                continue
            if key not in state.keys.get(event.username, set()):
                problems.append(f"{where} was signed with a key the roster never gave them")
                continue
            try:
                signature = bytes.fromhex(str(detail.get("signature")))
            except ValueError:
                signature = b""
            try:
                message = seal_message(vault_id, seq, head, records)
            except (TypeError, ValueError):
                problems.append(f"{where} is unreadable")
                continue
            if not principals.verify(bytes.fromhex(key), signature, message):
                problems.append(f"{where}: its signature does not hold")
                continue
            if self._store.audit.hash_of(seq) != head:
                problems.append(
                    f"audit trail changed outside Practice Desk: event {seq} is not the one "
                    f"{event.username} signed for in event {event.seq}"
                )
            late = bool(detail.get("late"))
            for table, rows in records.items():
                for row_id, digest in dict(rows).items():
                    sealed[(str(table), int(row_id))] = (
                        str(digest),
                        event.username,
                        event.seq,
                        late,
                    )
        return problems + self._record_problems(state, sealed)

    def _record_problems(
        self, state: RosterState, sealed: dict[tuple[str, int], tuple[str, str, int, bool]]
    ) -> list[str]:
        """Every sealed record still as it was signed, and prescribers' records signed by
        a prescriber."""
        problems: list[str] = []
        pending = self._store.records.pending()
        by_table: dict[str, list[int]] = {}
        for table, row_id in sealed:
            if table in self._store.records.kinds and (table, row_id) not in pending:
                by_table.setdefault(table, []).append(row_id)
        for table, ids in sorted(by_table.items()):
            now = self._store.records.current_digests(table, ids)
            what = self._store.records.kinds[table]
            for row_id in ids:
                digest, sealer, event_seq, late = sealed[(table, row_id)]
                if now[row_id] != digest:
                    change = "deleted" if now[row_id] == DELETED else "changed"
                    problems.append(
                        f"{what} {row_id} was {change} outside Practice Desk (it differs from "
                        f"what {sealer} signed in audit event {event_seq})"
                    )
                elif table in PRESCRIBER_TABLES and not late:
                    role = state.current.get(sealer)
                    if role is not None and role.role == "nurse":
                        problems.append(
                            f"{what} {row_id} was last changed in a session of {sealer}, "
                            "who may not prescribe or change medications"
                        )
        return problems
