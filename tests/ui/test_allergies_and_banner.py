"""Whose chart this is, on every tab and after a lock; allergies entered as rows, the
old free text and a chosen substance both raising the alert; "no known allergies" asked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.allergy_editor import AllergyEditor
from practice_desk.ui.chart.medications import MedicationsTab
from practice_desk.ui.main_window import MainWindow
from tests.helpers import PASSWORD, patient_data


@pytest.fixture(autouse=True)
def _answers() -> Iterator[None]:
    yield
    prompts.answers.clear()


def _texts(view: QListWidget) -> list[str]:
    return [view.item(i).text() for i in range(view.count())]


@pytest.mark.parametrize(
    "allergy",
    [
        {"substance": "lamotrigine - rash (SJS)"},  # free text as older charts hold it
        {"substance": "lamotrigine", "reaction": "rash (SJS)", "severity": "severe"},
    ],
)
def test_a_hyphenated_and_a_chosen_allergy_both_raise_the_alert(
    practice: Practice, qtbot: QtBot, allergy: dict[str, str]
) -> None:
    patient_id = practice.add_patient(patient_data(allergies=[allergy])).id
    tab = MedicationsTab(practice)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_patient(patient_id)
    tab.add_button.click()
    form = tab.form
    assert form is not None
    assert form.windowTitle() == "Start a medication — Quillwhistle, Ada"
    qtbot.keyClicks(form.drug, "lamotrigine")
    form.product.setCurrentIndex(1)
    form.times["morning"].setValue(1)
    alerts = _texts(form.alerts)
    assert any(
        a.startswith("✖ Contraindicated: The chart records an allergy to lamotrigine.")
        for a in alerts
    ), alerts


def test_rows_say_which_substances_the_check_reads(qtbot: QtBot) -> None:
    editor = AllergyEditor()
    qtbot.addWidget(editor)
    first = editor.add_row()
    qtbot.keyClicks(editor.substance_field(first), "penicillins")
    second = editor.add_row()
    qtbot.keyClicks(editor.substance_field(second), "shellfish")
    assert editor.checked_words(first) == "✓ checked"
    assert editor.checked_words(second) == "⚠ not checked"
    assert not editor.none_known.isEnabled()  # allergies listed: "none known" makes no sense
    editor.table.selectRow(first)
    editor.remove_button.click()
    editor.table.selectRow(0)
    editor.remove_button.click()
    assert editor.allergies() == [] and editor.none_known.isEnabled()
    editor.none_known.setChecked(True)
    assert editor.none_known.isChecked()


@pytest.fixture
def window(practice: Practice, vault_path: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    practice.add_patient(
        patient_data(allergies=[{"substance": "penicillins", "reaction": "hives"}])
    )
    practice.add_patient(patient_data(family_name="Bramblewick", given_name="Zoë"))
    practice.close()
    win = MainWindow(Practice.open(vault_path))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def _unlock(qtbot: QtBot, win: MainWindow) -> None:
    win.unlock_page.user.setCurrentText("drsmith")
    win.unlock_page.password.clear()
    qtbot.keyClicks(win.unlock_page.password, PASSWORD)
    qtbot.keyClick(win.unlock_page.password, Qt.Key.Key_Return)


def test_the_banner_names_the_patient_on_every_tab_and_after_a_lock(
    window: MainWindow, qtbot: QtBot
) -> None:
    _unlock(qtbot, window)
    ada = window.practice.find_patient_ids("quillwhistle")[0]
    window._open_chart(ada)
    banner = window.banner
    for index in range(window.chart.count()):
        window.chart.setCurrentIndex(index)
        assert banner.isVisible()
        assert "Quillwhistle, Ada" in banner.text() and "Chart 000001" in banner.text()
        assert "born 21 Mar 1984" in banner.text()
        assert "penicillins</b> (hives)" in banner.text()
    window.chart.setCurrentIndex(3)
    window.lock()
    assert not banner.isVisible() and banner.text() == ""  # nothing shown while locked
    _unlock(qtbot, window)
    assert window.chart.patient_id == ada and window.chart.currentIndex() == 3
    assert banner.isVisible() and "Quillwhistle, Ada" in banner.text()
    zoe = window.practice.find_patient_ids("bramblewick")[0]
    window._open_chart(zoe)
    assert "Bramblewick, Zoë" in banner.text()
    assert "Allergies not recorded: ask the patient" in banner.text()


def test_no_known_allergies_is_recorded_from_the_form_and_shown(
    window: MainWindow, qtbot: QtBot
) -> None:
    _unlock(qtbot, window)
    zoe = window.practice.find_patient_ids("bramblewick")[0]
    window._open_chart(zoe)
    window.edit_patient_action.trigger()
    form = window.patient_form
    assert form.windowTitle() == "Patient details — Bramblewick, Zoë"
    form.allergies.none_known.setChecked(True)
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert not form.isVisible()
    assert window.practice.get_patient(zoe).details.no_known_allergies
    assert "No known drug allergies" in window.banner.text()
    assert "No known drug allergies" in window.chart.summary.text.text()


def test_a_prompt_from_a_chart_names_the_patient(window: MainWindow, qtbot: QtBot) -> None:
    _unlock(qtbot, window)
    window._open_chart(window.practice.find_patient_ids("quillwhistle")[0])
    notes = window.chart.tabs["Notes"]
    assert prompts.titled(notes, "Sign note") == "Sign note — Quillwhistle, Ada"
    assert prompts.titled(window, "Back up") == "Back up"  # not part of a chart
