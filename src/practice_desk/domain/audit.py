"""Audit events and the hash chain that makes tampering visible.

Each event's hash is an HMAC over the previous hash and the event's canonical form, so
editing, deleting or reordering any row breaks every later link. Events carry ids, never
patient names or clinical text.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from datetime import datetime
from json.encoder import encode_basestring_ascii as _quote  # the encoder json.dumps uses
from typing import Any

from pydantic import BaseModel, ConfigDict

GENESIS = "0" * 64
_CANONICAL: dict[str, Any] = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": True}


class AuditEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    seq: int
    at: datetime
    user_id: int | None
    username: str
    action: str
    patient_id: int | None = None
    detail: dict[str, Any] = {}
    prev_hash: str = GENESIS
    hash: str = ""


#: One stored event as the chain reads it: (seq, at as ISO text, user_id, username, action,
#: patient_id, detail as JSON text, prev_hash, hash).
StoredEvent = tuple[int, str, int | None, str, str, int | None, str, str, str]


def _json(value: int | str | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    return _quote(value)


def canonical_text(
    seq: int,
    at: str,
    user_id: int | None,
    username: str,
    action: str,
    patient_id: int | None,
    detail: str,
    prev: str,
) -> bytes:
    """The bytes an event's link hash covers: exactly ``json.dumps`` of the event's fields
    with sorted keys, no spaces and ASCII only, built by hand because a check reads every
    event (about three times faster). detail is the stored JSON text."""
    # Stored compact (as detail_text writes it) the detail is its own canonical form. Older
    # rows were stored with ", " and ": " between items, and every non-empty one has ": ".
    body = detail if ": " not in detail else json.dumps(json.loads(detail), **_CANONICAL)
    return (
        f'{{"action":{_json(action)},"at":{_json(at)},"detail":{body},'
        f'"patient_id":{_json(patient_id)},"prev":{_json(prev)},"seq":{_json(seq)},'
        f'"user_id":{_json(user_id)},"username":{_json(username)}}}'
    ).encode("ascii")


def detail_text(detail: dict[str, Any]) -> str:
    """An event's detail as stored: its canonical JSON, so checks need not parse it."""
    return json.dumps(detail, **_CANONICAL)


def canonical(event: AuditEvent) -> bytes:
    return canonical_text(
        event.seq,
        event.at.isoformat(),
        event.user_id,
        event.username,
        event.action,
        event.patient_id,
        detail_text(event.detail),
        event.prev_hash,
    )


def link_hash(key: bytes, event: AuditEvent) -> str:
    return hmac.digest(key, canonical(event), "sha256").hex()


def first_broken_link(key: bytes, events: Iterable[StoredEvent]) -> str | None:
    """None when the chain is whole, else a sentence naming the first bad event."""
    prev = GENESIS
    expected_seq = 1
    for seq, at, user_id, username, action, patient_id, detail, prev_hash, stored in events:
        if seq != expected_seq:
            return f"audit event {expected_seq} is missing (next found is {seq})"
        if prev_hash != prev:
            return f"audit event {seq} does not follow event {seq - 1}"
        try:
            text = canonical_text(seq, at, user_id, username, action, patient_id, detail, prev_hash)
        except (ValueError, TypeError, UnicodeEncodeError):
            return f"audit event {seq} is unreadable"
        expected = hmac.digest(key, text, "sha256").hex()
        if not isinstance(stored, str) or not hmac.compare_digest(stored, expected):
            return f"audit event {seq} ({action}) was altered"
        prev = stored
        expected_seq += 1
    return None
