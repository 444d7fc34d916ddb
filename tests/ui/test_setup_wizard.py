"""First start: set up a practice with its Recovery Sheet, open one, or restore a backup."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.main_window import MainWindow
from practice_desk.ui.setup_wizard import PRACTICE, RECOVERY, USER, SetupWizard
from tests.helpers import PASSWORD

NEW_PASSWORD = "Seven green kites over the bay"


@pytest.fixture(autouse=True)
def _no_leftover_answers() -> Iterator[None]:
    yield
    prompts.answers.clear()


@pytest.fixture
def wizard(qtbot: QtBot) -> Iterator[SetupWizard]:
    w = SetupWizard()
    qtbot.addWidget(w)
    w.show()
    yield w
    if w.practice is not None:
        w.practice.close()


def _practice_page(wizard: SetupWizard, qtbot: QtBot, location: Path) -> None:
    wizard.next()
    assert wizard.currentId() == PRACTICE
    page = wizard.practice_page
    page.location.setText(str(location))
    qtbot.keyClicks(page.profile.practice_name, "Lakeside Demo Clinic")
    qtbot.keyClicks(page.profile.phone, "(555) 555-0199")
    qtbot.keyClicks(page.profile.prescriber_name, "Dr Robin Placeholder")
    qtbot.keyClicks(page.profile.credentials, "MD")


def test_set_up_a_practice_and_finish_only_after_the_recovery_sheet(
    wizard: SetupWizard, qtbot: QtBot, tmp_path: Path
) -> None:
    location = tmp_path / "lakeside.pdvault"
    _practice_page(wizard, qtbot, location)
    wizard.next()
    assert wizard.currentId() == USER
    user = wizard.user_page
    # Suggested from the prescriber's name.
    assert user.username.text() == "drplaceholder"
    assert user.full_name.text() == "Dr Robin Placeholder"
    qtbot.keyClicks(user.passwords.password, "tooshort")
    qtbot.keyClicks(user.passwords.repeat, "tooshort")
    wizard.next()
    assert wizard.currentId() == USER and "at least 10 characters" in user.error.text()
    assert not location.exists()

    user.passwords.password.setText(NEW_PASSWORD)
    user.passwords.repeat.setText(NEW_PASSWORD)
    wizard.next()
    assert wizard.currentId() == RECOVERY
    assert location.exists() and wizard.practice is not None and wizard.practice.is_unlocked
    key = wizard.recovery_key
    assert len(key.split("-")) == 8
    shown = wizard.recovery_page.key.text()
    assert all(group in shown for group in key.split("-"))
    # Finish waits until the sheet was printed or saved and that is confirmed.
    assert not wizard.recovery_page.isComplete()
    assert not wizard.recovery_page.stored.isEnabled()
    printed: list[bytes] = []
    prompts.answers["print_pdf"] = lambda pdf, title: printed.append(pdf) or True
    wizard.recovery_page.print_button.click()
    assert printed and printed[0].startswith(b"%PDF")
    wizard.recovery_page.stored.setChecked(True)
    assert wizard.recovery_page.isComplete()
    wizard.accept()

    practice = wizard.practice
    profile = practice.practice_profile()
    assert profile is not None and profile.name == "Lakeside Demo Clinic"
    assert profile.prescriber.name == "Dr Robin Placeholder"
    assert [u.username for u in practice.users()] == ["drplaceholder"]
    assert practice.users()[0].role.value == "prescriber"
    # The key shown really opens the practice.
    practice.lock()
    practice.unlock_with_recovery_key(key)
    practice.lock()
    practice.unlock("drplaceholder", NEW_PASSWORD)


def test_the_saved_recovery_sheet_holds_the_key_and_a_warning_is_shown(
    wizard: SetupWizard, qtbot: QtBot, tmp_path: Path
) -> None:
    _practice_page(wizard, qtbot, tmp_path / "lakeside.pdvault")
    wizard.next()
    wizard.user_page.passwords.password.setText(NEW_PASSWORD)
    wizard.user_page.passwords.repeat.setText(NEW_PASSWORD)
    wizard.next()
    sheet = tmp_path / "usb" / "recovery-sheet.pdf"
    sheet.parent.mkdir()
    prompts.answers["save_file"] = lambda title, suggested, filter_text: str(sheet)
    wizard.recovery_page.save_button.click()
    assert "Anyone with this file can open the records" in wizard.recovery_page.status.text()
    assert sheet.stat().st_mode & 0o777 == 0o600  # the sheet opens the records
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert wizard.recovery_key.split("-")[0] in text
        assert "Lakeside Demo Clinic" in text
    # Leaving now is asked about: the key is never shown again.
    prompts.answers["confirm"] = lambda title, text: False
    wizard.reject()
    assert wizard.isVisible()


def test_bad_profile_and_an_existing_file_keep_the_first_page(
    wizard: SetupWizard, qtbot: QtBot, tmp_path: Path
) -> None:
    existing = tmp_path / "taken.pdvault"
    existing.write_bytes(b"something")
    wizard.next()
    page = wizard.practice_page
    page.location.setText(str(existing))
    wizard.next()
    assert wizard.currentId() == PRACTICE
    assert "already exists" in page.location_problem.text()

    page.location.setText(str(tmp_path / "new.pdvault"))
    qtbot.keyClicks(page.profile.prescriber_name, "Dr Robin Placeholder")
    qtbot.keyClicks(page.profile.dea, "XX1")
    wizard.next()
    assert wizard.currentId() == PRACTICE
    assert "practice name is needed" in page.profile.problems["name"].text()
    assert not (tmp_path / "new.pdvault").exists()
    assert existing.read_bytes() == b"something"


def test_open_an_existing_practice_file(
    wizard: SetupWizard, practice: Practice, vault_path: Path
) -> None:
    practice.close()
    wizard.start_page.open.setChecked(True)
    prompts.answers["open_file"] = lambda title, filter_text: str(vault_path)
    wizard.next()  # the start page is the last one when opening
    assert wizard.start_page.isFinalPage()
    wizard.accept()
    assert wizard.path == vault_path and wizard.practice is None


def test_restore_a_backup_on_a_new_laptop_then_sign_in(
    wizard: SetupWizard, practice: Practice, tmp_path: Path, qtbot: QtBot
) -> None:
    from tests.helpers import patient_data

    practice.add_patient(patient_data(family_name="Restorewell"))
    (tmp_path / "usb").mkdir()
    report = practice.backup_to(tmp_path / "usb")
    practice.close()
    backup = report.path
    target = tmp_path / "new-laptop" / "clinic.pdvault"
    target.parent.mkdir()

    wizard.start_page.restore.setChecked(True)
    wizard.next()
    page = wizard.restore_page
    page.backup.setText(str(backup))
    page.location.setText(str(target))
    page.username.setText("drsmith")
    page.password.setText("not the password")
    wizard.next()
    assert "not right" in page.error.text()
    assert not target.exists()
    page.password.setText(PASSWORD)
    page.location.setText(str(tmp_path / "no-such-folder" / "clinic.pdvault"))
    wizard.next()
    assert "folder does not exist" in page.error.text()
    page.location.setText(str(target))
    wizard.next()
    assert wizard.path == target and target.exists()

    restored = Practice.open(target)
    window = MainWindow(restored)
    qtbot.addWidget(window)
    restored.unlock("drsmith", PASSWORD)
    window.enter_unlocked()
    assert window.model.rowCount() == 1
    assert "Restorewell" in restored.patient_summaries([1])[0].display_name
    window.close()
