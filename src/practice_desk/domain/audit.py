"""Audit events and the hash chain that makes tampering visible.

Each event's hash is an HMAC over the previous hash and the event's canonical form, so
editing, deleting or reordering any row breaks every later link. Events carry ids, never
patient names or clinical text.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

GENESIS = "0" * 64


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


def canonical(event: AuditEvent) -> bytes:
    body = {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "user_id": event.user_id,
        "username": event.username,
        "action": event.action,
        "patient_id": event.patient_id,
        "detail": event.detail,
        "prev": event.prev_hash,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def link_hash(key: bytes, event: AuditEvent) -> str:
    return hmac.new(key, canonical(event), hashlib.sha256).hexdigest()


def first_broken_link(key: bytes, events: list[AuditEvent]) -> str | None:
    """None when the chain is whole, else a sentence naming the first bad event."""
    prev = GENESIS
    expected_seq = 1
    for event in events:
        if event.seq != expected_seq:
            return f"audit event {expected_seq} is missing (next found is {event.seq})"
        if event.prev_hash != prev:
            return f"audit event {event.seq} does not follow event {event.seq - 1}"
        if not hmac.compare_digest(event.hash, link_hash(key, event)):
            return f"audit event {event.seq} ({event.action}) was altered"
        prev = event.hash
        expected_seq += 1
    return None
