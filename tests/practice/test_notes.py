"""Visit notes: drafts, signing locks them, addenda, and full-text search."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from practice_desk.domain.errors import ConcurrentEdit, NotPermitted, ValidationError
from practice_desk.domain.notes import Adherence, NoteContent, Template, search_terms
from practice_desk.practice import Practice
from tests.helpers import NURSE_PASSWORD, PASSWORD, patient_data


def content(**extra: object) -> NoteContent:
    data: dict[str, object] = {
        "template": Template.FOLLOW_UP,
        "visit_date": date(2027, 1, 4),
        "symptoms": "Sleeping better; some early-morning waking",
        "side_effects": "Mild nausea in the first week",
        "adherence": Adherence.MOSTLY,
        "sections": {"plan": "Continue sertraline 100 mg; review in 4 weeks"},
    }
    data.update(extra)
    return NoteContent.model_validate(data)


def test_draft_sign_addendum_and_search(practice: Practice) -> None:
    patient_id = practice.add_patient(patient_data()).id
    draft = practice.save_note(patient_id, content())
    edited = practice.save_note(
        patient_id,
        content(body="Discussed sleep hygiene."),
        note_id=draft.id,
        row_version=draft.row_version,
    )
    with pytest.raises(ConcurrentEdit):
        practice.save_note(patient_id, content(), note_id=draft.id, row_version=draft.row_version)
    assert practice.unsigned_notes() == [(draft.id, patient_id)]

    signed = practice.sign_note(edited.id, row_version=edited.row_version)
    assert signed.signed and signed.signed_by
    with pytest.raises(NotPermitted, match="addendum"):
        practice.save_note(
            patient_id,
            content(body="changed after signing"),
            note_id=signed.id,
            row_version=signed.row_version,
        )
    with_addendum = practice.add_addendum(signed.id, "Lab result came back normal.")
    assert [a.text for a in with_addendum.addenda] == ["Lab result came back normal."]
    assert practice.notes(patient_id)[0].content.body == "Discussed sleep hygiene."

    assert [n.id for n in practice.search_notes("nause")] == [draft.id]  # word beginnings match
    assert [n.id for n in practice.search_notes("lab normal")] == [draft.id]  # addenda too
    assert practice.search_notes("hygiene sertraline") and not practice.search_notes(
        "hygiene lithium"
    )
    assert practice.search_notes("   ") == []
    actions = [e.action for e in practice.audit_events(patient_id)]
    assert {"note.drafted", "note.edited", "note.signed", "note.addendum"} <= set(actions)


def test_search_input_is_never_read_as_a_query_language() -> None:
    assert search_terms('sleep" OR 1=1; --') == '"sleep"* AND "OR"* AND "1"* AND "1"*'
    assert search_terms("") == ""


def test_a_nurse_drafts_but_does_not_sign(with_nurse: Practice) -> None:
    patient_id = with_nurse.add_patient(patient_data()).id
    with_nurse.lock()
    with_nurse.unlock("nurse1", NURSE_PASSWORD)
    draft = with_nurse.save_note(patient_id, content(template=Template.BRIEF_CHECK))
    with pytest.raises(NotPermitted, match="sign notes"):
        with_nurse.sign_note(draft.id, row_version=draft.row_version)
    with pytest.raises(ValidationError, match="not signed yet"):
        with_nurse.add_addendum(draft.id, "more")


def test_the_demo_practice_has_signed_notes_and_a_few_drafts(tmp_path: Path) -> None:
    from practice_desk.practice import demo

    practice = demo.create_demo_practice(tmp_path / "demo.pdvault", patients=120, seed=3)
    try:
        with_notes = [i for i in practice.find_patient_ids("") if practice.notes(i)]
        assert len(with_notes) > 40
        drafts = practice.unsigned_notes()
        assert 0 < len(drafts) < len(with_notes) // 2
        signed = [n for i in with_notes for n in practice.notes(i) if n.signed]
        assert signed and all(n.signed_by == "Dr Demo Prescriber" for n in signed)
        assert practice.search_notes("synthetic demo") and practice.check().ok
    finally:
        practice.close()


def test_a_search_of_every_chart_is_recorded_once_in_each_chart_it_showed(
    practice: Practice,
) -> None:
    first = practice.add_patient(patient_data()).id
    second = practice.add_patient(patient_data(family_name="Quillfeather")).id
    practice.save_note(first, content())
    practice.save_note(second, content(symptoms="Nausea settled"))

    def hits(patient_id: int) -> int:
        events = practice.audit_events(patient_id)
        return sum(e.action == "note.found_in_search" for e in events)

    practice.search_notes("nause", patient_id=first)  # this chart only: nothing extra
    assert hits(first) == 0
    for typed in ("n", "na", "nau", "nause"):  # search as you type
        practice.search_notes(typed)
    assert (hits(first), hits(second)) == (1, 1)
    event = next(e for e in practice.audit_events(second) if e.action == "note.found_in_search")
    assert event.detail == {}  # the words searched for are not kept
    practice.lock()
    practice.unlock("drsmith", PASSWORD)
    practice.search_notes("nausea")
    assert (hits(first), hits(second)) == (2, 2)  # a new session records again
