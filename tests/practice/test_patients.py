from __future__ import annotations

from pathlib import Path

import pytest

from practice_desk.domain.errors import ConcurrentEdit, NotFound, NotPermitted, VaultLocked
from practice_desk.practice import Practice
from tests.helpers import NURSE_PASSWORD, PASSWORD, patient_data


@pytest.fixture
def three(practice: Practice) -> list[int]:
    ids = [
        practice.add_patient(patient_data()).id,
        practice.add_patient(
            patient_data(
                family_name="Ólafsdóttir",
                given_name="Zoë",
                date_of_birth="1990-12-01",
                phone="555-555-0199",
            )
        ).id,
        practice.add_patient(
            patient_data(
                family_name="Quillfeather",
                given_name="Ben",
                preferred_name="Benny",
                date_of_birth="1975-07-04",
                phone=None,
            )
        ).id,
    ]
    return ids


def _names(practice: Practice, text: str) -> list[str]:
    return [s.display_name for s in practice.search_patients(text)]


def test_chart_numbers_are_assigned_in_order(practice: Practice, three: list[int]) -> None:
    assert [practice.get_patient(i).chart_number for i in three] == ["000001", "000002", "000003"]


def test_search_by_name_prefix_in_list_order(practice: Practice, three: list[int]) -> None:
    assert _names(practice, "quill") == ["Quillfeather, Ben (Benny)", "Quillwhistle, Ada"]
    assert _names(practice, "quill ada") == ["Quillwhistle, Ada"]
    assert _names(practice, "Quillwhistle, A") == ["Quillwhistle, Ada"]
    assert _names(practice, "benn") == ["Quillfeather, Ben (Benny)"]
    assert _names(practice, "olaf") == ["Ólafsdóttir, Zoë"]  # accents need not be typed
    assert _names(practice, "zz") == []


def test_search_by_birth_date_chart_and_phone(practice: Practice, three: list[int]) -> None:
    assert _names(practice, "07/04/1975") == ["Quillfeather, Ben (Benny)"]
    assert _names(practice, "1990-12-01") == ["Ólafsdóttir, Zoë"]
    assert _names(practice, "2") == ["Ólafsdóttir, Zoë"]
    assert _names(practice, "000003") == ["Quillfeather, Ben (Benny)"]
    assert _names(practice, "0199") == ["Ólafsdóttir, Zoë"]
    assert _names(practice, "(555) 555-0142") == ["Quillwhistle, Ada"]


def test_update_keeps_history_of_fields_not_values(practice: Practice, three: list[int]) -> None:
    patient = practice.get_patient(three[0])
    changed = patient.details.model_dump() | {
        "family_name": "Quillwhistle-Brown",
        "pronouns": "she/her",
    }
    updated = practice.update_patient(patient.id, changed, patient.row_version)
    assert updated.row_version == patient.row_version + 1
    assert practice.get_patient(patient.id).details.family_name == "Quillwhistle-Brown"
    event = next(e for e in practice.audit_events(patient.id) if e.action == "patient.updated")
    assert event.detail == {"fields": ["family_name", "pronouns"]}
    assert "Quillwhistle" not in str(event.model_dump())


def test_two_edits_never_silently_overwrite(practice: Practice, three: list[int]) -> None:
    first_view = practice.get_patient(three[0])
    second_view = practice.get_patient(three[0])
    practice.update_patient(
        first_view.id, first_view.details.model_dump() | {"notes": "first"}, first_view.row_version
    )
    with pytest.raises(ConcurrentEdit, match="changed by someone else"):
        practice.update_patient(
            second_view.id,
            second_view.details.model_dump() | {"notes": "second"},
            second_view.row_version,
        )
    assert practice.get_patient(three[0]).details.notes == "first"


def test_archived_patients_leave_the_list_but_are_never_deleted(
    practice: Practice, three: list[int]
) -> None:
    patient = practice.get_patient(three[0])
    practice.archive_patient(patient.id, patient.row_version)
    assert "Quillwhistle, Ada" not in _names(practice, "quill")
    assert [s.display_name for s in practice.search_patients("quill", include_archived=True)] == [
        "Quillfeather, Ben (Benny)",
        "Quillwhistle, Ada",
    ]
    archived = practice.get_patient(patient.id)
    assert archived.archived
    practice.unarchive_patient(archived.id, archived.row_version)
    assert "Quillwhistle, Ada" in _names(practice, "quill")
    assert not hasattr(practice, "delete_patient")


def test_unknown_patient(practice: Practice) -> None:
    with pytest.raises(NotFound):
        practice.get_patient(999)


def test_chart_reads_and_changes_are_audited_with_ids_only(
    practice: Practice, three: list[int]
) -> None:
    practice.get_patient(three[1])
    events = practice.audit_events(three[1])
    assert [e.action for e in events] == ["chart.read", "patient.added"]
    assert all(e.username == "drsmith" for e in events)
    assert "Zoë" not in str([e.model_dump() for e in practice.audit_events()])


def test_locked_practice_refuses_everything(practice: Practice, three: list[int]) -> None:
    practice.lock()
    with pytest.raises(VaultLocked):
        practice.search_patients("quill")
    with pytest.raises(VaultLocked):
        practice.add_patient(patient_data())
    practice.unlock("drsmith", PASSWORD)
    assert len(practice.search_patients("quill")) == 2


def test_nurse_may_register_patients_but_not_archive(
    with_nurse: Practice, three: list[int]
) -> None:
    with_nurse.lock()
    with_nurse.unlock("nurse1", NURSE_PASSWORD)
    added = with_nurse.add_patient(patient_data(given_name="Cora"))
    assert with_nurse.get_patient(added.id).details.given_name == "Cora"
    with pytest.raises(NotPermitted, match="archive"):
        with_nurse.archive_patient(added.id, 1)
    assert not with_nurse.get_patient(added.id).archived


def test_removed_user_can_no_longer_unlock_but_stays_in_the_audit(
    with_nurse: Practice, vault_path: Path
) -> None:
    with_nurse.remove_user("nurse1")
    assert [u.username for u in with_nurse.users()] == ["drsmith"]
    with pytest.raises(NotPermitted, match="yourself"):
        with_nurse.remove_user("drsmith")
    with_nurse.close()
    again = Practice.open(vault_path)
    assert again.usernames() == ["drsmith"]
    from practice_desk.domain.errors import UnknownUser

    with pytest.raises(UnknownUser):
        again.unlock("nurse1", NURSE_PASSWORD)
    again.unlock("drsmith", PASSWORD)
    assert any(e.action == "user.removed" for e in again.audit_events())
    again.close()
