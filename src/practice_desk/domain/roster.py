"""The signed roster: who may sign in, in which role, with which signing key.

Every user holds the data key once unlocked, so a table of roles inside the database
proves nothing by itself: anyone with the key can edit it. The roster is a chain of
entries each signed by a prescriber's private key (or the recovery key's), which only
that person's password (or the printed recovery key) unwraps. The first entry is the
founding prescriber's, signed by their own key: its fingerprint is the practice's trust
anchor, printed on the Recovery Sheet and shown in Settings.

Signature checking is passed in (``Verify``), so this module stays free of crypto code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

GENESIS = "0" * 64
#: The roster's name for the recovery key, which may sign as an owner would.
RECOVERY = "(recovery key)"
RosterRole = Literal["prescriber", "nurse", "recovery"]
#: verify(public key, signature, message) -> True when the signature holds.
Verify = Callable[[bytes, bytes, bytes], bool]


class RosterEntry(BaseModel):
    """One signed change: this user now has this role, key and state."""

    model_config = ConfigDict(frozen=True)

    seq: int
    at: datetime
    username: str
    role: RosterRole
    active: bool
    #: Hex of the user's Ed25519 public key; None until a user from an older key file
    #: signs in for the first time and registers one.
    sign_public: str | None
    #: Who signed, and with which key (hex).
    signer: str
    signer_public: str
    prev_hash: str = GENESIS
    hash: str = ""
    signature: str = ""


def entry_message(vault_id: str, entry: RosterEntry) -> bytes:
    """The bytes an entry's hash covers (everything but the hash and the signature)."""
    body = {
        "vault_id": vault_id,
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "username": entry.username,
        "role": entry.role,
        "active": entry.active,
        "sign_public": entry.sign_public,
        "signer": entry.signer,
        "signer_public": entry.signer_public,
        "prev": entry.prev_hash,
    }
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return b"practice-desk/roster/v1\n" + text.encode("ascii")


def entry_hash(vault_id: str, entry: RosterEntry) -> str:
    return hashlib.sha256(entry_message(vault_id, entry)).hexdigest()


@dataclass
class RosterState:
    """Who the roster says may do what, and everything wrong with it."""

    current: dict[str, RosterEntry] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: The founding prescriber's public key (hex): the practice's trust anchor.
    anchor: str | None = None
    #: Every key ever registered for each user (seals made with an older key still count).
    keys: dict[str, set[str]] = field(default_factory=dict)

    def may_sign_roster(self, public: str) -> str | None:
        """The user whose current key this is, if they may sign roster entries."""
        for name, entry in self.current.items():
            if (
                entry.active
                and entry.sign_public == public
                and entry.role in ("prescriber", "recovery")
            ):
                return name
        return None


def verify_roster(vault_id: str, entries: Iterable[RosterEntry], verify: Verify) -> RosterState:
    """Walk the chain: hashes linked, every signature valid, every signer entitled."""
    state = RosterState()
    prev = GENESIS
    for entry in entries:
        where = f"roster entry {entry.seq} ({entry.username})"
        if entry.prev_hash != prev or entry_hash(vault_id, entry) != entry.hash:
            state.problems.append(f"{where} was altered, or one before it was removed")
            return state
        try:
            signer_key, signature = (
                bytes.fromhex(entry.signer_public),
                bytes.fromhex(entry.signature),
            )
        except ValueError:
            signer_key, signature = b"", b""
        if not verify(signer_key, signature, bytes.fromhex(entry.hash)):
            state.problems.append(f"{where} carries a signature that does not hold")
            return state
        if state.anchor is None:
            if not (entry.role == "prescriber" and entry.sign_public == entry.signer_public):
                state.problems.append(f"{where} does not found the roster with a prescriber")
                return state
            state.anchor = entry.sign_public
        elif not _entitled(state, entry):
            state.problems.append(
                f"{where} was signed by {entry.signer}, who may not change the roster"
            )
            return state
        state.current[entry.username] = entry
        if entry.sign_public:
            state.keys.setdefault(entry.username, set()).add(entry.sign_public)
        prev = entry.hash
    return state


def _entitled(state: RosterState, entry: RosterEntry) -> bool:
    signer = state.may_sign_roster(entry.signer_public)
    if signer is not None and signer == entry.signer:
        return True
    # Someone from an older key file registers the key made at their first sign-in; they
    # may do only that, and only while no key is registered for them.
    before = state.current.get(entry.username)
    return (
        before is not None
        and before.sign_public is None
        and entry.signer == entry.username
        and entry.sign_public == entry.signer_public
        and (entry.role, entry.active) == (before.role, before.active)
    )
