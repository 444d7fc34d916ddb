"""Attacks by an insider who holds the data key (a nurse's password is enough to get it):
each must be refused or reported, and the practice must still open and pass its check
once the honest state is back."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from practice_desk.domain.audit import AuditEvent, link_hash
from practice_desk.domain.errors import NotPermitted, VaultDamaged
from practice_desk.domain.roster import RosterEntry, entry_hash
from practice_desk.practice import Practice
from practice_desk.vault import db, principals, roster_repo
from practice_desk.vault.principals import Principal
from tests.helpers import NURSE_PASSWORD, PASSWORD, patient_data


def _open(vault: Path, user: str, password: str) -> Practice:
    practice = Practice.open(vault)
    try:
        practice.unlock(user, password)
    except BaseException:
        practice.close()
        raise
    return practice


@pytest.fixture
def nurse_session(with_nurse: Practice, vault_path: Path) -> Practice:
    """The nurse signed in: from here she holds the data key and the open connection."""
    with_nurse.add_patient(patient_data())
    with_nurse.close()
    return _open(vault_path, "nurse1", NURSE_PASSWORD)


def test_a_new_practice_has_a_signed_roster_and_a_trust_anchor(
    created: tuple[Practice, str],
) -> None:
    practice, recovery = created
    entries = roster_repo.entries(practice._vault.conn)
    assert [(e.username, e.role, e.signer) for e in entries] == [
        ("drsmith", "prescriber", "drsmith"),
        ("(recovery key)", "recovery", "drsmith"),
    ]
    anchor = practice.trust_anchor()
    assert anchor == principals.fingerprint(practice._vault.principal.sign_public)
    assert len(anchor.replace(" ", "")) == 20
    from io import BytesIO

    from pypdf import PdfReader

    sheet = PdfReader(BytesIO(practice.recovery_sheet_pdf(recovery)))
    assert anchor in "".join(page.extract_text() for page in sheet.pages)
    assert practice.check().ok


def test_a_role_edited_in_the_users_table_does_not_make_a_prescriber(
    nurse_session: Practice, vault_path: Path
) -> None:
    conn = nurse_session._vault.conn
    with db.transaction(conn):
        conn.execute("UPDATE users SET role = 'prescriber' WHERE username = 'nurse1'")
    nurse_session.close()

    again = _open(vault_path, "nurse1", NURSE_PASSWORD)

    assert again.user.role.value == "nurse"  # the signed roster decides
    [warning] = again.integrity_warnings
    assert "role of nurse1 was changed outside Practice Desk" in warning
    with pytest.raises(NotPermitted):
        again.add_user("x2", "X Two", "nurse", "kettle lantern orchard 42")
    report = again.check()
    assert any("role of nurse1 is prescriber in the users table" in p for p in report.problems)
    recorded = again._vault.conn.execute(
        "SELECT count(*) FROM audit WHERE action = 'roster.mismatch'"
    ).fetchone()[0]
    assert recorded == 1
    again.close()


def test_a_slot_forged_for_the_prescriber_is_refused(
    nurse_session: Practice, vault_path: Path
) -> None:
    vault = nurse_session._vault
    doctor = vault.keyslots.password_slot("drsmith")
    assert doctor is not None
    # She writes a slot for drsmith that her own password opens, sealed like the real one.
    vault.keyslots.set_password(doctor.slot_id, "drsmith", NURSE_PASSWORD, vault.data_key)
    vault.save_keyslots()
    nurse_session.close()

    locked = Practice.open(vault_path)
    with pytest.raises(VaultDamaged, match="not the one the signed roster registered"):
        locked.unlock("drsmith", NURSE_PASSWORD)
    assert not locked.is_unlocked
    locked.close()


def test_a_roster_entry_signed_by_a_nurse_is_reported_and_gives_her_nothing(
    nurse_session: Practice, vault_path: Path
) -> None:
    vault = nurse_session._vault
    conn = vault.conn
    seq, prev = roster_repo.last(conn)
    her_key = vault.principal
    entry = RosterEntry(
        seq=seq + 1,
        at=datetime.now(UTC),
        username="nurse1",
        role="prescriber",
        active=True,
        sign_public=her_key.sign_public.hex(),
        signer="nurse1",
        signer_public=her_key.sign_public.hex(),
        prev_hash=prev,
    )
    digest = entry_hash(vault.keyslots.vault_id, entry)
    signature = her_key.sign(bytes.fromhex(digest)).hex()
    with db.transaction(conn):
        roster_repo.append(conn, entry.model_copy(update={"hash": digest, "signature": signature}))
        conn.execute("UPDATE users SET role = 'prescriber' WHERE username = 'nurse1'")
    nurse_session.close()

    again = _open(vault_path, "nurse1", NURSE_PASSWORD)
    assert again.user.role.value == "nurse"
    assert any(
        "signed by nurse1, who may not change the roster" in w for w in again.integrity_warnings
    )
    assert not again.check().ok
    again.close()


def test_a_roster_entry_signed_with_a_made_up_prescriber_key_is_reported(
    nurse_session: Practice, vault_path: Path
) -> None:
    vault = nurse_session._vault
    conn = vault.conn
    seq, prev = roster_repo.last(conn)
    forged = Principal.new()
    entry = RosterEntry(
        seq=seq + 1,
        at=datetime.now(UTC),
        username="nurse1",
        role="prescriber",
        active=True,
        sign_public=vault.principal.sign_public.hex(),
        signer="drsmith",
        signer_public=forged.sign_public.hex(),
        prev_hash=prev,
    )
    digest = entry_hash(vault.keyslots.vault_id, entry)
    with db.transaction(conn):
        roster_repo.append(
            conn,
            entry.model_copy(
                update={"hash": digest, "signature": forged.sign(bytes.fromhex(digest)).hex()}
            ),
        )
    nurse_session.close()
    doctor = _open(vault_path, "drsmith", PASSWORD)
    assert any("who may not change the roster" in w for w in doctor.integrity_warnings)
    doctor.close()


def test_an_audit_trail_rewritten_with_the_data_key_breaks_the_signed_seals(
    nurse_session: Practice, vault_path: Path
) -> None:
    """She removes her chart read and recomputes every later link with the chain key,
    and reseals the key file: only the prescriber's signature still tells."""
    patient = nurse_session.find_patient_ids("quillwhistle")[0]
    nurse_session.get_patient(patient)  # a chart read she wants gone
    nurse_session.lock()
    nurse_session.unlock("drsmith", PASSWORD)  # the prescriber's session seals it all
    nurse_session.lock()
    nurse_session.unlock("nurse1", NURSE_PASSWORD)
    practice = nurse_session
    vault = practice._vault
    conn = vault.conn
    key = vault.audit_key
    rows = conn.execute(
        "SELECT seq, at, user_id, username, action, patient_id, detail FROM audit ORDER BY seq"
    ).fetchall()
    [read] = [r[0] for r in rows if r[4] == "chart.read" and r[3] == "nurse1"]
    with db.transaction(conn):
        conn.execute("DROP TRIGGER audit_is_append_only_update")
        conn.execute("DROP TRIGGER audit_is_append_only_delete")
        conn.execute("DELETE FROM audit WHERE seq >= ?", (read,))
        prev = conn.execute("SELECT hash FROM audit WHERE seq = ?", (read - 1,)).fetchone()[0]
        for seq, at, user_id, username, action, patient_id, detail in rows[read:]:
            event = AuditEvent(
                seq=seq - 1,
                at=datetime.fromisoformat(at),
                user_id=user_id,
                username=username,
                action=action,
                patient_id=patient_id,
                detail=json.loads(detail),
                prev_hash=prev,
            )
            digest = link_hash(key, event)
            conn.execute(
                "INSERT INTO audit (seq, at, user_id, username, action, patient_id, detail, "
                "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (seq - 1, at, user_id, username, action, patient_id, detail, prev, digest),
            )
            prev = digest
    # She re-seals the key file's record of the trail's end as well.
    head = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    vault.keyslots.seal_audit_head(key, head[0], head[1])
    vault.save_keyslots()
    report = practice.check()
    assert any("is not the one drsmith signed for" in p for p in report.problems), report.problems
    practice.close()


def test_events_after_a_crash_are_sealed_at_the_next_unlock(
    practice: Practice, vault_path: Path
) -> None:
    practice.add_patient(patient_data())
    # A crash: the process ends without locking, so nothing sealed the last events.
    practice._vault._lock.release()
    practice._vault._conn.close()  # type: ignore[union-attr]
    practice._vault._conn = None
    again = _open(vault_path, "drsmith", PASSWORD)
    actions = [e.action for e in again.audit_events(limit=3)]
    assert actions[:2] == ["unlock", "audit.sealed"]
    assert again.check().ok
    again.close()


def test_an_older_practice_gets_its_roster_from_the_first_prescriber_to_unlock(
    tmp_path: Path,
) -> None:
    import shutil

    frozen = Path(__file__).resolve().parents[1] / "fixtures" / "vault-sidecar1-schema5"
    shutil.copytree(frozen, tmp_path / "frozen")
    vault = tmp_path / "frozen" / "frozen.pdvault"
    recovery = (tmp_path / "frozen" / "recovery-key.txt").read_text()

    doctor = _open(vault, "drfrozen", "frozen fixture password")
    entries = roster_repo.entries(doctor._vault.conn)
    # Slots from the old key file that nobody has opened since have no keys yet.
    assert [(e.username, e.signer, e.sign_public is None) for e in entries] == [
        ("drfrozen", "drfrozen", False),
        ("(recovery key)", "drfrozen", True),
        ("nurse1", "drfrozen", True),
    ]
    assert doctor.check().ok
    doctor.close()

    # Each registers the key their slot is given at their first sign-in, signed by them.
    _open(vault, "nurse1", "frozen nurse password").close()
    rescue = Practice.open(vault)
    rescue.unlock_with_recovery_key(recovery)
    assert rescue.integrity_warnings == []
    rescue.close()
    doctor = _open(vault, "drfrozen", "frozen fixture password")
    later = roster_repo.entries(doctor._vault.conn)[3:]
    assert [(e.username, e.signer) for e in later] == [
        ("nurse1", "nurse1"),
        ("(recovery key)", "(recovery key)"),
    ]
    assert doctor.check().ok
    doctor.close()


def test_a_nurse_alone_cannot_found_the_roster_of_an_older_practice(tmp_path: Path) -> None:
    import shutil

    frozen = Path(__file__).resolve().parents[1] / "fixtures" / "vault-sidecar1-schema5"
    shutil.copytree(frozen, tmp_path / "frozen")
    nurse = _open(tmp_path / "frozen" / "frozen.pdvault", "nurse1", "frozen nurse password")
    assert roster_repo.last(nurse._vault.conn)[0] == 0 and nurse.trust_anchor() is None
    assert nurse.user.role.value == "nurse" and nurse.check().ok
    nurse.close()


# --- records sealed at every lock ---------------------------------------------------------------


def _prescriber_with_order(practice: Practice) -> tuple[int, int]:
    """A patient with one sertraline order, sealed by the prescriber's lock."""
    from datetime import date

    from practice_desk.domain import formulary
    from practice_desk.domain.regimens import DoseSchedule, details_for

    patient = practice.add_patient(patient_data()).id
    drug = formulary.load().find("sertraline")
    assert drug is not None
    tablet = next(p for p in drug.products if p.strength_mg == 50)
    order, _alerts = practice.start_medication(
        patient,
        details_for(drug, product=tablet, schedule=DoseSchedule(morning=1)),
        start=date(2026, 11, 1),
    )
    return patient, order.id


def _quadruple_the_dose(conn: object, order_id: int) -> None:
    data = conn.execute(  # type: ignore[attr-defined]
        "SELECT data FROM medication_orders WHERE id = ?", (order_id,)
    ).fetchone()[0]
    changed = data.replace("1.0", "4.0") if "1.0" in data else data.replace(":1", ":4")
    assert changed != data
    conn.execute(  # type: ignore[attr-defined]
        "UPDATE medication_orders SET data = ? WHERE id = ?", (changed, order_id)
    )


def test_a_medication_order_edited_with_the_data_key_is_named_by_check(
    practice: Practice, vault_path: Path
) -> None:
    _patient, order_id = _prescriber_with_order(practice)
    practice.lock()
    practice.unlock("drsmith", PASSWORD)
    assert practice.check().ok
    conn = practice._vault.conn
    # Edited as an attacker would: the triggers that note changes dropped first.
    with db.transaction(conn):
        conn.execute("DROP TRIGGER unsealed_medication_orders_update")
        _quadruple_the_dose(conn, order_id)
    problems = practice.check().problems
    assert any(
        f"medication order {order_id} was changed outside Practice Desk" in p
        and "what drsmith signed" in p
        for p in problems
    ), problems


def test_a_medication_order_changed_in_a_nurse_session_is_reported(
    with_nurse: Practice, vault_path: Path
) -> None:
    practice = with_nurse
    _patient, order_id = _prescriber_with_order(practice)
    practice.lock()
    practice.unlock("nurse1", NURSE_PASSWORD)
    conn = practice._vault.conn
    with db.transaction(conn):  # the triggers left in place: her own seal covers it
        _quadruple_the_dose(conn, order_id)
    practice.lock()
    practice.unlock("drsmith", PASSWORD)
    problems = practice.check().problems
    assert any(
        f"medication order {order_id} was last changed in a session of nurse1" in p
        for p in problems
    ), problems
    practice.close()


def test_honest_work_by_both_roles_passes_the_check(with_nurse: Practice) -> None:
    practice = with_nurse
    patient, _order = _prescriber_with_order(practice)
    practice.lock()
    practice.unlock("nurse1", NURSE_PASSWORD)
    practice.update_patient(patient, patient_data(phone="(555) 555-0199"), row_version=1)
    practice.lock()
    practice.unlock("drsmith", PASSWORD)
    report = practice.check()
    assert report.ok, report.problems
    sealed = [e for e in practice.audit_events() if e.action == "audit.sealed"]
    assert any("patients" in e.detail.get("records", {}) for e in sealed)


def test_preferences_edited_with_the_data_key_are_reported(practice: Practice) -> None:
    from practice_desk.domain.preferences import Preferences

    practice.save_preferences(Preferences(auto_lock_minutes=10))
    practice.lock()
    practice.unlock("drsmith", PASSWORD)
    conn = practice._vault.conn
    with db.transaction(conn):  # auto-lock switched to its longest, quietly
        conn.execute("DROP TRIGGER unsealed_meta_update")
        conn.execute(
            "UPDATE meta SET value = replace(value, '\"auto_lock_minutes\":10', "
            "'\"auto_lock_minutes\":60') WHERE key = 'preferences'"
        )
    assert practice.preferences().auto_lock_minutes == 60
    problems = practice.check().problems
    assert any("practice setting (row)" in p and "changed outside" in p for p in problems)
