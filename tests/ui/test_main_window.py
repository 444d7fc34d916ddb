"""The window a clinician sees: unlock, search the list, open a chart, lock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from practice_desk.practice import Practice
from practice_desk.ui.chart.audit import AuditTab
from practice_desk.ui.main_window import MainWindow
from practice_desk.ui.patient_list import PatientListModel
from tests.helpers import PASSWORD, patient_data


@pytest.fixture
def window(practice: Practice, vault_path: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    practice.add_patient(patient_data())
    practice.add_patient(
        patient_data(family_name="Bramblewick", given_name="Zoë", date_of_birth="1990-12-01")
    )
    practice.add_patient(patient_data(family_name="Quillfeather", given_name="Ben"))
    practice.close()
    reopened = Practice.open(vault_path)
    win = MainWindow(reopened)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()  # closes the practice and frees its lock


def _unlock(qtbot: QtBot, win: MainWindow, password: str = PASSWORD) -> None:
    page = win.unlock_page
    page.user.setCurrentText("drsmith")
    page.password.clear()
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)


def test_window_is_titled_and_starts_locked(window: MainWindow) -> None:
    assert window.windowTitle() == "Practice Desk"
    assert window.pages.currentWidget() is window.unlock_page
    assert window.model.rowCount() == 0


def test_wrong_password_shows_words_and_stays_locked(window: MainWindow, qtbot: QtBot) -> None:
    _unlock(qtbot, window, "wrong password")
    assert "not right" in window.unlock_page.error.text()
    assert window.pages.currentWidget() is window.unlock_page
    assert not window.practice.is_unlocked


def test_unlock_then_type_a_name_and_open_the_chart(window: MainWindow, qtbot: QtBot) -> None:
    _unlock(qtbot, window, "wrong password")
    _unlock(qtbot, window)
    assert window.pages.currentWidget() is window.work_page
    assert window.model.rowCount() == 3 and window.count.text() == "3 patients"
    assert "1 failed unlock attempt since" in window.statusBar().currentMessage()
    qtbot.keyClicks(window.search, "bram")
    assert window.model.rowCount() == 1
    assert window.count.text() == "1 patient"
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert "Bramblewick, Zoë" in window.chart.summary.text.text()
    assert "1 Dec 1990" in window.chart.summary.text.text()


def test_ctrl_l_locks_and_clears_what_was_shown(window: MainWindow, qtbot: QtBot) -> None:
    _unlock(qtbot, window)
    window.table.selectRow(0)
    assert "Bramblewick" in window.chart.summary.text.text()
    window.lock_action.trigger()
    assert window.pages.currentWidget() is window.unlock_page
    assert not window.practice.is_unlocked
    assert "Bramblewick" not in window.chart.summary.text.text()
    assert window.model.rowCount() == 0
    assert window.lock_action.shortcut().toString() == "Ctrl+L"


def test_caps_lock_warning(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.unlock_page.password, "A")  # upper case without Shift
    assert window.unlock_page.caps.isVisibleTo(window)
    qtbot.keyClicks(window.unlock_page.password, "a")
    assert not window.unlock_page.caps.isVisibleTo(window)


def test_recovery_key_leads_straight_to_a_new_password(
    created: tuple[Practice, str], vault_path: Path, qtbot: QtBot
) -> None:
    practice, recovery_key = created
    practice.add_user("nurse1", "Nurse One", "nurse", "nurse staple horse")
    practice.close()
    win = MainWindow(Practice.open(vault_path))
    qtbot.addWidget(win)
    win.show()
    page = win.unlock_page
    page.use_recovery.setChecked(True)
    typo = str((int(recovery_key[0]) + 1) % 10) + recovery_key[1:]
    qtbot.keyClicks(page.recovery, typo)
    qtbot.keyClick(page.recovery, Qt.Key.Key_Return)
    assert "Group 1" in page.error.text()
    assert "typing mistake" in page.error.text()

    page.recovery.setText(recovery_key)
    qtbot.keyClick(page.recovery, Qt.Key.Key_Return)
    dialog = win.reset_dialog
    assert dialog.isVisible()
    assert win.pages.currentWidget() is page  # no chart is shown to a recovery session
    dialog.user.setCurrentText("nurse1")
    qtbot.keyClicks(dialog.password, "fresh nurse password")
    qtbot.keyClicks(dialog.repeat, "fresh nurse passwerd")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "differ" in dialog.error.text()
    qtbot.keyClicks(dialog.repeat, "fresh nurse password")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible()

    assert not win.practice.is_unlocked  # locked again: sign in with the new password
    assert "New password set for nurse1" in page.notice.text()
    assert page.user.currentText() == "nurse1"
    qtbot.keyClicks(page.password, "fresh nurse password")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert win.pages.currentWidget() is win.work_page
    assert win.practice.user.username == "nurse1"
    win.close()
    assert not win.practice.is_unlocked


def test_patient_list_model_is_a_well_behaved_qt_model(
    practice: Practice, qtmodeltester: Any
) -> None:
    for n in range(250):
        practice.add_patient(patient_data(given_name=f"Ada{n:03d}"))
    model = PatientListModel(practice)
    model.search("")
    assert model.rowCount() == 250
    qtmodeltester.check(model)
    assert model.index(249, 0).data() == "Quillwhistle, Ada249"
    model.search("ada00")
    assert model.rowCount() == 10


def test_unexpected_error_is_logged_without_patient_data(caplog: pytest.LogCaptureFixture) -> None:
    from practice_desk.ui import app, prompts

    shown: list[str] = []
    prompts.answers["warn"] = lambda title, text: shown.append(text)
    try:
        try:
            raise ValueError("input_value='Quillwhistle, Ada'")
        except ValueError as exc:
            with caplog.at_level("ERROR", logger="practice_desk.ui"):
                app._log_without_data(ValueError, exc, exc.__traceback__)
    finally:
        prompts.answers.clear()
    assert shown and "did not expect" in shown[0]
    assert "ValueError" in caplog.text and "test_main_window.py" in caplog.text
    assert "Quillwhistle" not in caplog.text


def test_idle_lock_and_back_where_you_were(window: MainWindow, qtbot: QtBot) -> None:
    _unlock(qtbot, window)
    window.table.selectRow(0)
    opened = window.chart.patient_id
    assert opened is not None
    window.idle.set_minutes(0.002)  # about a tenth of a second
    window.idle.start()
    qtbot.waitUntil(lambda: not window.practice.is_unlocked, timeout=3000)
    assert window.pages.currentWidget() is window.unlock_page
    assert "Bramblewick" not in window.chart.summary.text.text()
    _unlock(qtbot, window)
    assert window.chart.patient_id == opened  # the same chart is open again
    assert "Bramblewick" in window.chart.summary.text.text()


def test_today_view_lists_follow_ups_and_the_backup_reminder(
    window: MainWindow, qtbot: QtBot
) -> None:
    from datetime import date, timedelta

    _unlock(qtbot, window)
    ids = window.practice.find_patient_ids("bram")
    window.practice.set_follow_up(ids[0], date.today() + timedelta(days=2), "review")
    window.today.refresh()
    text = window.today.text.text()
    assert "Bramblewick, Zoë" in text and "Visits booked this week" in text
    assert "No verified backup yet" in text
    assert "no verified backup in the last 7 days" in window.statusBar().currentMessage()


def test_backup_from_the_window(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    from practice_desk.ui import prompts
    from practice_desk.ui.backup_dialog import BackupDialog

    _unlock(qtbot, window)
    assert window.backup_action.isEnabled()
    assert "No verified backup yet" in window.today.text.text()
    dialog = BackupDialog(window.practice, window)
    qtbot.addWidget(dialog)
    prompts.answers["choose_folder"] = lambda title: str(tmp_path)
    try:
        dialog.folder_button.click()
    finally:
        prompts.answers.clear()
    dialog.start_button.click()
    qtbot.waitUntil(lambda: "verified" in dialog.outcome.text(), timeout=10000)
    assert list(tmp_path.glob("practice-*.pdbackup"))
    assert window.practice.last_verified_backup() is not None
    # Today and the status bar say so at once, not at the next unlock.
    assert "No verified backup yet" not in window.today.text.text()
    assert "Last verified backup" in window.today.text.text()
    assert window.statusBar().currentMessage() == "Backup verified and recorded."


def _backed_up_then_locked(window: MainWindow, qtbot: QtBot, folder: Path) -> Path:
    """A backup of the three patients, a fourth added after it, the window locked."""
    _unlock(qtbot, window)
    report = window.practice.backup_to(folder)
    window.practice.add_patient(patient_data(given_name="AfterBackup"))
    window.lock()
    window.unlock_page.user.setCurrentText("drsmith")
    return report.path


def test_restore_over_this_practice_from_the_unlock_screen_then_sign_in(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from practice_desk.ui import prompts

    backup = _backed_up_then_locked(window, qtbot, tmp_path)
    window.unlock_page.password.setText(PASSWORD)
    choices: list[list[str]] = []
    monkeypatch.setitem(prompts.answers, "open_file", lambda *_: str(backup))
    monkeypatch.setitem(prompts.answers, "choose", lambda t, x, c: choices.append(c) or 1)
    monkeypatch.setitem(prompts.answers, "confirm", lambda *_: True)
    window.unlock_page.restore_button.click()
    assert choices == [["To a new location…", "Over this practice"]]
    assert "restored" in window.unlock_page.notice.text()
    assert window.isVisible() and window.pages.currentWidget() is window.unlock_page
    assert list(window.practice.path.parent.glob("*.before-restore-*"))
    _unlock(qtbot, window)  # the restored practice, in the same window
    assert window.practice.is_unlocked and window.practice.patient_count() == 3
    assert window.model.rowCount() == 3


def test_restore_to_a_new_place_leaves_this_practice_and_can_open_the_copy(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from practice_desk.ui import prompts

    (tmp_path / "stick").mkdir()
    backup = _backed_up_then_locked(window, qtbot, tmp_path / "stick")
    here = window.practice.path
    window.unlock_page.password.setText(PASSWORD)
    target = tmp_path / "elsewhere" / "restored.pdvault"
    target.parent.mkdir()
    monkeypatch.setitem(prompts.answers, "open_file", lambda *_: str(backup))
    monkeypatch.setitem(prompts.answers, "choose", lambda *_: 0)
    monkeypatch.setitem(prompts.answers, "save_file", lambda *_: str(target))
    monkeypatch.setitem(prompts.answers, "confirm", lambda *_: False)  # not opened yet
    window.unlock_page.restore_button.click()
    assert target.exists() and window.practice.path == here
    assert "this practice is unchanged" in window.unlock_page.notice.text()
    _unlock(qtbot, window)
    assert window.practice.patient_count() == 4  # nothing here went back
    window.lock()
    # Restoring again, this time opening the copy in the window.
    window.unlock_page.password.setText(PASSWORD)
    other = tmp_path / "elsewhere" / "second.pdvault"
    monkeypatch.setitem(prompts.answers, "save_file", lambda *_: str(other))
    monkeypatch.setitem(prompts.answers, "confirm", lambda *_: True)
    window.unlock_page.restore_button.click()
    assert window.practice.path == other
    assert str(other) in window.unlock_page.where.text()
    _unlock(qtbot, window)
    assert window.practice.patient_count() == 3


@pytest.mark.parametrize("problem", ["empty password", "wrong password", "not a backup"])
def test_a_failed_restore_says_why_and_leaves_the_window_usable(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, problem: str
) -> None:
    from practice_desk.ui import prompts

    backup = _backed_up_then_locked(window, qtbot, tmp_path)
    if problem == "not a backup":
        backup = tmp_path / "holiday.jpg"
        backup.write_bytes(b"\xff\xd8 not a backup")
    window.unlock_page.password.setText(
        {"empty password": "", "wrong password": "not the password 123"}.get(problem, PASSWORD)
    )
    monkeypatch.setitem(prompts.answers, "open_file", lambda *_: str(backup))
    monkeypatch.setitem(prompts.answers, "choose", lambda *_: 1)
    monkeypatch.setitem(prompts.answers, "confirm", lambda *_: True)
    before = window.practice.path.read_bytes()
    window.unlock_page.restore_button.click()
    error = window.unlock_page.error.text()
    expected = {
        "empty password": "Type the password the backup was made with",
        "wrong password": "not right",
        "not a backup": "holiday.jpg is not a Practice Desk backup file",
    }[problem]
    assert expected in error
    assert window.practice.path.read_bytes() == before  # nothing changed
    assert not list(window.practice.path.parent.glob("*.before-restore-*"))
    _unlock(qtbot, window)  # and the window still works on the practice it had
    assert window.practice.patient_count() == 4
    window._open_chart(window.practice.find_patient_ids("afterbackup")[0])
    assert "AfterBackup" in window.chart.summary.text.text()


def test_chart_tabs_and_the_nurse_view(
    with_nurse: Practice, vault_path: Path, qtbot: QtBot
) -> None:
    from tests.helpers import NURSE_PASSWORD

    with_nurse.add_patient(patient_data())
    with_nurse.close()
    win = MainWindow(Practice.open(vault_path))
    qtbot.addWidget(win)
    win.show()
    titles = [win.chart.tabText(i).replace("&", "") for i in range(win.chart.count())]
    assert titles == [
        "Summary",
        "Medications",
        "Notes",
        "Scales",
        "Labs",
        "Tapers",
        "Prescriptions",
        "Documents",
        "Audit",
    ]
    page = win.unlock_page
    page.user.setCurrentText("nurse1")
    qtbot.keyClicks(page.password, NURSE_PASSWORD)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert not win.chart.isTabVisible(titles.index("Prescriptions"))
    assert not win.chart.isTabVisible(titles.index("Audit"))
    assert win.chart.isTabVisible(titles.index("Scales"))
    assert not win.backup_action.isEnabled()
    win.table.selectRow(0)
    assert "Quillwhistle" in win.chart.summary.text.text()
    win.close()


def test_audit_tab_shows_who_opened_the_chart(
    window: MainWindow, qtbot: QtBot, qtmodeltester: Any
) -> None:
    _unlock(qtbot, window)
    window.table.selectRow(0)
    audit = window.chart.tabs["Audit"]
    assert isinstance(audit, AuditTab)
    window.chart.setCurrentIndex(list(window.chart.tabs).index("Audit"))  # drawn when shown
    rows = [audit.model.index(r, 2).data() for r in range(audit.model.rowCount())]
    assert "opened the chart" in rows and "registered the patient" in rows
    assert audit.model.index(0, 1).data() == "drsmith"
    qtmodeltester.check(audit.model)


def test_a_nurse_opening_charts_leaves_no_refusals_in_the_audit(
    with_nurse: Practice, vault_path: Path, qtbot: QtBot
) -> None:
    from tests.helpers import NURSE_PASSWORD

    with_nurse.add_patient(patient_data())
    with_nurse.close()
    win = MainWindow(Practice.open(vault_path))
    qtbot.addWidget(win)
    win.show()
    win.unlock_page.user.setCurrentText("nurse1")
    qtbot.keyClicks(win.unlock_page.password, NURSE_PASSWORD)
    qtbot.keyClick(win.unlock_page.password, Qt.Key.Key_Return)
    win.table.selectRow(0)
    win.close()
    with Practice.open(vault_path) as practice:
        practice.unlock("drsmith", PASSWORD)
        assert "permission.refused" not in [e.action for e in practice.audit_events()]


def test_register_a_patient_with_problems_shown_beside_their_fields(
    window: MainWindow, qtbot: QtBot
) -> None:
    _unlock(qtbot, window)
    window.new_patient_action.trigger()
    form = window.patient_form
    assert window.new_patient_action.shortcut().toString() == "Ctrl+N"
    form.given.setText("Zoë")  # QTest cannot type non-ASCII letters
    form.phone.setText("12")
    form.diagnoses.setText("F41.1, X99.99")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert form.isVisible()  # nothing saved
    assert form.problems["date_of_birth"].text() == "Enter the date of birth."
    assert "cannot be left blank" in form.problems["family_name"].text()
    assert "7 to 15 digits" in form.problems["phone"].text()
    assert "not an ICD-10-CM code" in form.problems["diagnoses"].text()
    assert window.practice.patient_count() == 3

    form.family.setText("Ñúñez-Łukasiewicz")
    form.phone.setText("(555) 555-0111")
    form.diagnoses.setText("F41.1")
    qtbot.keyClicks(form.born, "03/14/1975")
    assert form.born_read.text() == "Read as 14 Mar 1975 (age 51)."
    row = form.allergies.add_row()
    form.allergies.substance_field(row).setText("penicillins")
    form.allergies.reaction_field(row).setText("hives")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert not form.isVisible()
    assert window.practice.patient_count() == 4
    assert "Ñúñez-Łukasiewicz, Zoë" in window.chart.summary.text.text()
    assert "<b>penicillins</b> (hives)" in window.chart.summary.text.text()
    assert "penicillins" in window.banner.text() and "Ñúñez-Łukasiewicz" in window.banner.text()
    assert window.practice.get_patient(window.chart.patient_id or 0).details.date_of_birth == (
        __import__("datetime").date(1975, 3, 14)
    )

    window.edit_patient_action.trigger()
    edit = window.patient_form
    assert edit.family.text() == "Ñúñez-Łukasiewicz"
    edit.pronouns.setText("she/her")
    edit.buttons.button(edit.buttons.StandardButton.Save).click()
    assert "she/her" in window.chart.summary.text.text()


def test_today_shows_the_earliest_sixty_and_says_how_many_more(
    practice: Practice, qtbot: QtBot
) -> None:
    from datetime import date, timedelta

    from practice_desk.ui.today import SHOWN, TodayView

    with practice.batch():
        for n in range(SHOWN + 5):
            pid = practice.add_patient(patient_data(family_name=f"Followup{n:03d}")).id
            practice.set_follow_up(pid, date.today() - timedelta(days=SHOWN + 5 - n))
    today = TodayView(practice)
    qtbot.addWidget(today)
    today.refresh()
    text = today.text.text()
    assert "Followup000" in text and f"Followup{SHOWN - 1:03d}" in text  # most overdue first
    assert f"Followup{SHOWN:03d}" not in text
    assert "and 5 more, later ones" in text


def test_the_patient_form_says_when_smoking_stopped(practice: Practice, qtbot: QtBot) -> None:
    from practice_desk.ui.patient_form import PatientForm

    patient = practice.add_patient(patient_data(smoker=True))
    form = PatientForm(practice, patient)
    qtbot.addWidget(form)
    assert form.smoker.text() == "Smokes tobacco"
    stopped = practice.update_patient(
        patient.id, patient.details.model_copy(update={"smoker": False}), patient.row_version
    )
    form = PatientForm(practice, stopped)
    qtbot.addWidget(form)
    assert form.smoker.text().startswith("Smokes tobacco (stopped ")
    assert not form.smoker.isChecked()


def test_a_key_file_edited_outside_the_app_is_shown_at_unlock(
    practice: Practice, vault_path: Path, qtbot: QtBot
) -> None:
    import json

    from practice_desk.ui import prompts
    from practice_desk.vault.keyslots import sidecar_path

    practice.close()
    keys = sidecar_path(vault_path)
    data = json.loads(keys.read_text())
    data["audit_head"] = None  # what someone hiding deleted events would do
    keys.write_text(json.dumps(data))
    win = MainWindow(Practice.open(vault_path))
    qtbot.addWidget(win)
    win.show()
    shown: list[tuple[str, str]] = []
    prompts.answers["warn"] = lambda title, text: shown.append((title, text))
    try:
        _unlock(qtbot, win)
    finally:
        prompts.answers.clear()
        win.close()
    [(title, text)] = shown
    assert title == "Changed outside Practice Desk"
    assert "was changed outside Practice Desk" in text and "audit trail" in text


def test_today_groups_the_checks_due_by_patient_with_counts(
    practice: Practice, qtbot: QtBot
) -> None:
    from datetime import date, timedelta

    from practice_desk.domain import formulary
    from practice_desk.domain.regimens import DoseSchedule, details_for
    from practice_desk.ui.today import TodayView

    drug = formulary.load().drugs["lithium"]
    product = next(p for p in drug.products if p.strength_mg == 300 and p.form.value == "capsule")
    pid = practice.add_patient(patient_data(family_name="Lithiumson")).id
    practice.start_medication(
        pid,
        details_for(drug, product=product, schedule=DoseSchedule(morning=1, bedtime=1)),
        start=date.today() - timedelta(days=400),
    )
    due = practice.practice_due(today=date.today(), within_days=7)
    mine = [d for d in due if d.patient_id == pid]
    assert len(mine) >= 2
    today = TodayView(practice)
    qtbot.addWidget(today)
    today.refresh()
    text = today.text.text()
    assert text.count("Lithiumson") == 1  # one line for the patient, not one per check
    overdue = sum(d.item.overdue for d in mine)
    assert f"{len(mine)} due, {overdue} overdue" in text


def test_a_diagnosis_is_found_by_words(practice: Practice, qtbot: QtBot) -> None:
    from practice_desk.ui.patient_form import PatientForm

    form = PatientForm(practice)
    qtbot.addWidget(form)
    form.diagnoses.setText("F32.1")
    qtbot.keyClicks(form.diagnosis_finder, "panic disorder")
    found = form._found_diagnoses.stringList()
    assert any(f.startswith("F41.0 — Panic disorder") for f in found), found[:5]
    form.add_diagnosis(next(f for f in found if f.startswith("F41.0")))
    form.add_diagnosis(next(f for f in found if f.startswith("F41.0")))  # once only
    assert form.diagnoses.text() == "F32.1, F41.0"
