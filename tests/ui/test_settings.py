"""Settings: profile with inline problems, preferences that take effect, users, nurses."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from practice_desk.domain.preferences import Preferences
from practice_desk.domain.regimens import DoseSchedule
from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.main_window import MainWindow
from practice_desk.ui.settings_dialog import SettingsDialog, UsersModel
from tests.helpers import NURSE_PASSWORD, patient_data
from tests.practice.test_prescribing import ADDRESS, PROFILE, _order


@pytest.fixture(autouse=True)
def _no_leftover_answers() -> Iterator[None]:
    yield
    prompts.answers.clear()


def _fill_profile(dialog: SettingsDialog, qtbot: QtBot, dea: str) -> None:
    p = dialog.profile
    qtbot.keyClicks(p.practice_name, "Riverside Demo Psychiatry")
    p.address.setPlainText("100 Example Avenue\nAnytown, NY 01234")
    qtbot.keyClicks(p.phone, "(555) 555-0100")
    qtbot.keyClicks(p.prescriber_name, "Dr Alex Sample")
    qtbot.keyClicks(p.credentials, "MD")
    qtbot.keyClicks(p.dea, dea)
    qtbot.keyClicks(p.npi, "1234567893")


def test_a_bad_dea_is_shown_beside_its_field_and_nothing_is_saved(
    practice: Practice, qtbot: QtBot
) -> None:
    dialog = SettingsDialog(practice)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_profile(dialog, qtbot, "AS1234560")  # wrong check digit
    assert dialog.save_button.shortcut().toString() == "Ctrl+S"
    dialog.save_button.click()
    problem = dialog.profile.problems["prescriber.dea"]
    assert problem.isVisible() and "DEA number is not valid" in problem.text()
    assert dialog.isVisible()
    assert practice.practice_profile() is None

    dialog.profile.dea.setText("AS1234563")
    assert dialog.save()
    assert not dialog.isVisible()
    saved = practice.practice_profile()
    assert saved is not None
    assert saved.name == "Riverside Demo Psychiatry"
    assert saved.address == "100 Example Avenue\nAnytown, NY 01234"
    assert saved.prescriber.dea == "AS1234563"


def test_an_empty_practice_name_is_named_and_the_other_problems_too(
    practice: Practice, qtbot: QtBot
) -> None:
    dialog = SettingsDialog(practice)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.profile.phone.setText("(555) 555-0100")  # a profile begun, names missing
    assert not dialog.save()
    assert "practice name is needed" in dialog.profile.problems["name"].text()
    assert "prescriber's name is needed" in dialog.profile.problems["prescriber.name"].text()
    assert practice.practice_profile() is None


def test_preferences_change_auto_lock_reminder_language_and_prescription_paper(
    practice: Practice, qtbot: QtBot
) -> None:
    practice.save_practice_profile(PROFILE)
    pid = practice.add_patient(patient_data(address=ADDRESS)).id
    order = _order(practice, pid, "sertraline", 50, DoseSchedule(morning=1))
    serials = [
        s.serial
        for s in practice.write_prescription(order.id, quantity=30, days_supply=30)
        + practice.write_prescription(order.id, quantity=30, days_supply=30)
    ]
    window = MainWindow(practice)
    qtbot.addWidget(window)
    window._on_unlock_page_unlocked()
    dialog = SettingsDialog(practice, window)
    dialog.saved.connect(window._on_settings_saved)
    qtbot.addWidget(dialog)
    prefs = dialog.preferences
    prefs.auto_lock.setValue(2)
    prefs.reminder.setValue(14)
    prefs.language.setCurrentIndex(prefs.language.findData("es"))
    prefs.paper.setCurrentIndex(prefs.paper.findData("a4"))
    prefs.layout_choice.setCurrentIndex(prefs.layout_choice.findData("two"))
    assert dialog.save()

    assert practice.preferences() == Preferences(
        auto_lock_minutes=2,
        backup_reminder_days=14,
        handout_language="es",
        rx_paper="a4",
        rx_layout="two",
    )
    assert window.idle._timer.interval() == 2 * 60_000
    assert window.today.reminder_days == 14
    assert window.chart.tabs["Documents"].language.currentData() == "es"  # type: ignore[attr-defined]
    # Two prescriptions on one A4 sheet, with the cut line between them.
    reader = PdfReader(BytesIO(practice.preview_prescriptions(serials)))
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    text = reader.pages[0].extract_text()
    assert f"Rx #{serials[0]:06d}" in text and f"Rx #{serials[1]:06d}" in text
    assert "cut here" in text
    # Audited, naming what changed.
    saved = [e for e in practice.audit_events(limit=20) if e.action == "preferences.saved"]
    assert len(saved) == 1 and saved[0].detail["rx_layout"] == "two"
    window.close()


def test_add_a_nurse_with_the_strength_meter_then_remove_her(
    practice: Practice, qtbot: QtBot
) -> None:
    dialog = SettingsDialog(practice)
    qtbot.addWidget(dialog)
    users = dialog.users
    users.add_button.click()
    add = users.dialog
    assert add is not None
    qtbot.keyClicks(add.username, "nurse.jo")  # type: ignore[attr-defined]
    qtbot.keyClicks(add.full_name, "Jo Example")  # type: ignore[attr-defined]
    fields = add.passwords  # type: ignore[attr-defined]
    qtbot.keyClicks(fields.password, "short")
    assert fields.meter.value() == 0 and "Too short" in fields.verdict.text()
    fields.password.setText("Blue tram at 7 sharp!")
    assert fields.meter.value() == 4 and fields.verdict.text() == "Strong."
    fields.repeat.setText("Blue tram at 7 sharp?")
    add._on_buttons_accepted()  # type: ignore[attr-defined]
    assert "differ" in add.error.text()  # type: ignore[attr-defined]
    assert "nurse.jo" not in [u.username for u in practice.users()]
    fields.repeat.setText("Blue tram at 7 sharp!")
    add._on_buttons_accepted()  # type: ignore[attr-defined]
    assert "nurse.jo" in [u.username for u in practice.users()]
    assert users.model.rowCount() == 2
    assert "nurse.jo can now sign in" in users.message.text()

    users.table.selectRow([u.username for u in practice.users()].index("nurse.jo"))
    prompts.answers["confirm"] = lambda title, text: False
    users.remove_button.click()
    assert "nurse.jo" in [u.username for u in practice.users()]
    prompts.answers["confirm"] = lambda title, text: True
    users.remove_button.click()
    assert "nurse.jo" not in [u.username for u in practice.users()]
    assert "was removed" in users.message.text()
    assert "encryption key was replaced" in users.message.text()
    assert users.recovery_dialog is None  # the recovery slot got the new key


def test_a_reset_with_the_old_password_known_replaces_the_key(
    with_nurse: Practice, qtbot: QtBot
) -> None:
    practice = with_nurse
    dialog = SettingsDialog(practice)
    qtbot.addWidget(dialog)
    users = dialog.users
    before = practice.export_data_key()
    users.table.selectRow([u.username for u in practice.users()].index("nurse1"))
    users.reset_button.click()
    reset = users.dialog
    assert reset is not None and not reset.old_may_be_known.isChecked()  # type: ignore[attr-defined]
    reset.passwords.password.setText("Copper kite over 9 hills")  # type: ignore[attr-defined]
    reset.passwords.repeat.setText("Copper kite over 9 hills")  # type: ignore[attr-defined]
    reset.old_may_be_known.setChecked(True)  # type: ignore[attr-defined]
    reset._on_buttons_accepted()  # type: ignore[attr-defined]
    assert "New password set for nurse1" in users.message.text()
    assert "encryption key was replaced" in users.message.text()
    assert practice.export_data_key() != before


def test_a_new_recovery_key_is_shown_once_with_its_sheet(
    created: tuple[Practice, str], qtbot: QtBot
) -> None:
    practice, old_key = created
    dialog = SettingsDialog(practice)
    qtbot.addWidget(dialog)
    users = dialog.users
    prompts.answers["confirm"] = lambda title, text: False
    users.recovery_button.click()
    assert users.recovery_dialog is None  # asked first; "no" changes nothing
    practice.recovery_sheet_pdf(old_key)

    prompts.answers["confirm"] = lambda title, text: True
    users.recovery_button.click()
    shown = users.recovery_dialog
    assert shown is not None
    new_key = shown.panel.key.text().replace("\n", "-").replace("  ", "-")
    assert new_key != old_key and len(new_key.split("-")) == 8
    printed: list[bytes] = []
    prompts.answers["print_pdf"] = lambda pdf, title: printed.append(pdf) or True
    shown.panel.print_button.click()
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(printed[0])).pages)
    assert new_key.replace("-", "") in "".join(ch for ch in text if ch.isdigit())
    # Closing before ticking "stored" asks; "no" keeps the key on screen.
    asked: list[str] = []
    prompts.answers["confirm"] = lambda title, text: asked.append(text) or False
    shown.reject()
    assert shown.isVisible() and "will not be shown again" in asked[0]
    shown.panel.stored.setChecked(True)
    shown.reject()
    assert not shown.isVisible() and len(asked) == 1
    from practice_desk.domain.errors import WrongRecoveryKey

    with pytest.raises(WrongRecoveryKey):
        practice.recovery_sheet_pdf(old_key)
    practice.recovery_sheet_pdf(new_key)


def test_the_last_prescriber_cannot_remove_themself(practice: Practice, qtbot: QtBot) -> None:
    dialog = SettingsDialog(practice)
    qtbot.addWidget(dialog)
    dialog.users.table.selectRow(0)
    prompts.answers["confirm"] = lambda title, text: True
    dialog.users.remove_button.click()
    assert "cannot remove yourself" in dialog.users.message.text()
    assert len(practice.users()) == 1


def test_a_nurse_sees_settings_read_only_and_can_change_only_her_password(
    with_nurse: Practice, qtbot: QtBot
) -> None:
    practice = with_nurse
    practice.lock()
    practice.unlock("nurse1", NURSE_PASSWORD)
    dialog = SettingsDialog(practice)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.profile.practice_name.isReadOnly()
    assert not dialog.preferences.auto_lock.isEnabled()
    assert not dialog.users.add_button.isVisible()
    assert not dialog.users.remove_button.isVisible()
    assert not dialog.users.rotate_button.isVisible()
    assert not dialog.users.recovery_button.isVisible()
    assert "Only a prescriber" in dialog.note.text()
    assert dialog.preferences.interface.isEnabled()  # her own computer's screens

    dialog.tabs.setCurrentIndex(2)
    dialog.users.own_button.click()
    change = dialog.users.dialog
    assert change is not None
    change.current.setText(NURSE_PASSWORD)  # type: ignore[attr-defined]
    change.passwords.password.setText("Another long sentence 42")  # type: ignore[attr-defined]
    change.passwords.repeat.setText("Another long sentence 42")  # type: ignore[attr-defined]
    change._on_buttons_accepted()  # type: ignore[attr-defined]
    assert "Your password is changed" in dialog.users.message.text()
    practice.lock()
    practice.unlock("nurse1", "Another long sentence 42")
    assert practice.user.username == "nurse1"
    # Saving as a nurse keeps only the screen language; the practice is unchanged.
    dialog.preferences.interface.setCurrentIndex(dialog.preferences.interface.findData("es"))
    assert dialog.save()
    assert QSettings().value("ui/language") == "es"
    assert practice.practice_profile() is None
    assert practice.preferences() == Preferences()


def test_users_model_is_a_well_behaved_qt_model(practice: Practice, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = UsersModel()
    model.set_rows(practice.users())
    qtmodeltester.check(model)


def test_settings_and_about_are_in_the_menus(practice: Practice, qtbot: QtBot) -> None:
    window = MainWindow(practice)
    qtbot.addWidget(window)
    assert not window.settings_action.isEnabled()  # locked: nothing to set
    window.enter_unlocked()
    assert window.settings_action.isEnabled()
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    window.settings_action.trigger()
    assert window.settings_dialog.isVisible()
    window.settings_dialog.reject()
    window.about_action.trigger()
    from practice_desk import __version__

    assert __version__ in window.about_dialog.title.text()
    window.about_dialog.close()
    window.close()


def test_locking_closes_settings_and_the_dialogs_opened_from_it(
    practice: Practice, qtbot: QtBot
) -> None:
    window = MainWindow(practice)
    qtbot.addWidget(window)
    window.show()
    window.enter_unlocked()
    window.settings_action.trigger()
    settings = window.settings_dialog
    settings.users.add_button.click()
    add = settings.users.dialog
    assert settings.isVisible() and add is not None and add.isVisible()
    window.lock()
    assert not settings.isVisible() and not add.isVisible()
    assert window.pages.currentWidget() is window.unlock_page
    window.close()


def test_preferences_save_without_a_profile_and_an_unchanged_profile_is_not_rewritten(
    practice: Practice, qtbot: QtBot
) -> None:
    dialog = SettingsDialog(practice)
    qtbot.addWidget(dialog)
    dialog.preferences.auto_lock.setValue(10)
    assert dialog.save()  # no profile yet, none typed: the preferences still save
    assert practice.preferences().auto_lock_minutes == 10
    assert practice.practice_profile() is None

    from tests.practice.test_prescribing import PROFILE as profile

    practice.save_practice_profile(profile)
    again = SettingsDialog(practice)
    qtbot.addWidget(again)
    again.preferences.reminder.setValue(3)
    assert again.save()
    events = [e.action for e in practice.audit_events(limit=50)]
    assert events.count("profile.saved") == 1  # only the facade call above
    assert practice.preferences().backup_reminder_days == 3


def test_the_new_password_boxes_refuse_a_guessable_password_in_words(qtbot: QtBot) -> None:
    from practice_desk.ui.password_fields import NewPasswordFields

    fields = NewPasswordFields()
    qtbot.addWidget(fields)
    fields.set_username("drsmith")
    for box in (fields.password, fields.repeat):
        box.setText("password12")
    assert "too easy to guess" in fields.problem()
    assert fields.meter.value() < 3
    for box in (fields.password, fields.repeat):
        box.setText("correct horse battery")
    assert fields.problem() == "" and fields.meter.value() >= 3
