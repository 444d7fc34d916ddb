"""The audit chain's canonical form is built by hand for speed; it must stay byte for byte
what json.dumps gives, or every chain written before would read as altered."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_desk.domain.audit import (
    AuditEvent,
    canonical,
    detail_text,
    first_broken_link,
    link_hash,
)

KEY = b"k" * 32
_scalars = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False)
_details = st.dictionaries(
    st.text(), st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=5)
)


def _by_json_dumps(event: AuditEvent) -> bytes:
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


@given(
    seq=st.integers(min_value=1, max_value=2**62),
    user_id=st.none() | st.integers(min_value=0, max_value=2**40),
    username=st.text(),
    action=st.text(),
    patient_id=st.none() | st.integers(min_value=0, max_value=2**40),
    detail=_details,
)
def test_canonical_is_exactly_json_dumps(
    seq: int,
    user_id: int | None,
    username: str,
    action: str,
    patient_id: int | None,
    detail: dict[str, object],
) -> None:
    event = AuditEvent(
        seq=seq,
        at=datetime(2026, 12, 2, 19, 30, 5, 123456, tzinfo=UTC),
        user_id=user_id,
        username=username,
        action=action,
        patient_id=patient_id,
        detail=detail,
    )
    assert canonical(event) == _by_json_dumps(event)


def _stored(events: list[AuditEvent], compact: bool) -> list[tuple[object, ...]]:
    """Rows as written now (compact canonical detail) or before (json.dumps defaults)."""
    return [
        (
            e.seq,
            e.at.isoformat(),
            e.user_id,
            e.username,
            e.action,
            e.patient_id,
            detail_text(e.detail) if compact else json.dumps(e.detail, sort_keys=True),
            e.prev_hash,
            e.hash,
        )
        for e in events
    ]


def _chain(n: int) -> list[AuditEvent]:
    events: list[AuditEvent] = []
    prev = "0" * 64
    for seq in range(1, n + 1):
        event = AuditEvent(
            seq=seq,
            at=datetime(2026, 12, 2, tzinfo=UTC),
            user_id=1,
            username="drsmith",
            action="chart.read",
            patient_id=seq,
            detail={"ñ": "é, x: y", "n": 2} if seq % 2 else {"kind": "name"},
            prev_hash=prev,
        )
        event = event.model_copy(update={"hash": link_hash(KEY, event)})
        events.append(event)
        prev = event.hash
    return events


@pytest.mark.parametrize("compact", [True, False], ids=["stored now", "stored before"])
def test_a_whole_chain_reads_whole_and_each_kind_of_damage_is_named(compact: bool) -> None:
    rows = _stored(_chain(4), compact)
    assert first_broken_link(KEY, rows) is None  # type: ignore[arg-type]
    altered = [list(r) for r in rows]
    altered[2][3] = "nurse1"
    assert first_broken_link(KEY, [tuple(r) for r in altered]) == (  # type: ignore[misc]
        "audit event 3 (chart.read) was altered"
    )
    assert first_broken_link(KEY, rows[:1] + rows[2:]) == (  # type: ignore[arg-type]
        "audit event 2 is missing (next found is 3)"
    )
    unreadable = [list(r) for r in rows]
    unreadable[1][6] = '{"not": json'  # what was stored before had ": "
    assert first_broken_link(KEY, [tuple(r) for r in unreadable]) == (  # type: ignore[misc]
        "audit event 2 is unreadable"
    )
    nulled = [list(r) for r in rows]
    nulled[0][8] = None
    assert first_broken_link(KEY, [tuple(r) for r in nulled]) == (  # type: ignore[misc]
        "audit event 1 (chart.read) was altered"
    )
