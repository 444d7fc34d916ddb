"""The Notes tab: write with a template, autosave, keep a draft across the auto-lock, sign,
add an addendum, and search across charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from practice_desk.domain.notes import Template
from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.chart.notes import NotesTab
from practice_desk.ui.main_window import MainWindow
from tests.helpers import NURSE_PASSWORD, PASSWORD, patient_data


@pytest.fixture
def tab(practice: Practice, qtbot: QtBot) -> NotesTab:
    patient_id = practice.add_patient(patient_data()).id
    widget = NotesTab(practice)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.apply_role(prescriber=True)
    widget.show_patient(patient_id)
    widget.show()
    return widget


def _new(tab: NotesTab, template: Template) -> None:
    tab.template.setCurrentIndex(tab.template.findData(template))
    tab.new_button.click()


def test_templates_offer_their_own_sections(tab: NotesTab) -> None:
    _new(tab, Template.INITIAL_EVALUATION)
    assert "risk_assessment" in tab.editor.sections and "substance_use" in tab.editor.sections
    assert tab.editor.kind.text() == "Initial evaluation"
    _new(tab, Template.BRIEF_CHECK)
    assert list(tab.editor.sections) == ["how_things_are", "plan"]
    labels = [
        tab.editor.form.labelForField(box).text()  # type: ignore[attr-defined]
        for box in tab.editor.sections.values()
    ]
    assert labels == ["How things are:", "Plan:"]
    assert tab.model.rowCount() == 0  # nothing typed, nothing saved


def test_typing_autosaves_a_draft_then_sign_and_add_an_addendum(
    tab: NotesTab, practice: Practice, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _new(tab, Template.FOLLOW_UP)
    qtbot.keyClicks(tab.editor.symptoms, "Sleeping better, less worry")
    qtbot.keyClicks(tab.editor.sections["plan"], "Continue the current dose")
    assert tab.status.text() == "Editing…"
    qtbot.waitUntil(lambda: tab.status.text().startswith("Draft saved"), timeout=4000)
    [note] = practice.notes(tab._patient_id)  # type: ignore[arg-type]
    assert note.content.symptoms == "Sleeping better, less worry" and not note.signed
    assert tab.model.index(0, 3).data() == "Draft"

    monkeypatch.setitem(prompts.answers, "confirm", lambda *_: True)
    tab.sign_button.click()
    [note] = practice.notes(tab._patient_id)  # type: ignore[arg-type]
    assert note.signed and note.signed_by
    assert tab.editor.symptoms.isReadOnly() and not tab.save_button.isVisible()
    assert tab.model.index(0, 3).data().startswith("Signed by")

    monkeypatch.setitem(prompts.answers, "ask_text", lambda *_: "Lithium level came back 0.7")
    assert tab.addendum_button.isVisible()
    tab.addendum_button.click()
    assert "Lithium level came back 0.7" in tab.addenda.text()
    assert "(+1 addendum)" in tab.model.index(0, 3).data()


def test_the_summary_shows_the_last_note_and_unsigned_drafts(
    practice: Practice, qtbot: QtBot
) -> None:
    from datetime import date

    from practice_desk.domain.notes import NoteContent
    from practice_desk.ui.chart.summary import SummaryTab

    patient_id = practice.add_patient(patient_data()).id
    summary = SummaryTab(practice)
    qtbot.addWidget(summary)
    summary.show_patient(patient_id)
    assert "Last visit note:</b> none yet" in summary.text.text()
    practice.save_note(
        patient_id,
        NoteContent(
            visit_date=date(2027, 2, 1), sections={"plan": "Recheck lithium level in a week"}
        ),
    )
    summary.show_patient(patient_id)
    text = summary.text.text()
    assert "1 Feb 2027, Medication follow-up (draft, not signed)" in text
    assert "Recheck lithium level in a week" in text and "1 unsigned note" in text


def test_a_field_too_long_is_explained_and_nothing_is_saved(
    tab: NotesTab, practice: Practice
) -> None:
    _new(tab, Template.FOLLOW_UP)
    tab.editor.symptoms.setPlainText("x" * 2001)
    assert tab.save_draft() is False
    assert "symptoms field is too long" in tab.status.text()
    assert practice.notes(tab._patient_id) == []  # type: ignore[arg-type]


def test_search_this_chart_and_every_chart(
    tab: NotesTab, practice: Practice, qtbot: QtBot, qtmodeltester: Any
) -> None:
    other = practice.add_patient(patient_data(family_name="Bramblewick", given_name="Zoë")).id
    _new(tab, Template.BRIEF_CHECK)
    qtbot.keyClicks(tab.editor.sections["how_things_are"], "Panic attacks less often")
    assert tab.save_draft()
    tab.show_patient(other)
    _new(tab, Template.BRIEF_CHECK)
    qtbot.keyClicks(tab.editor.sections["how_things_are"], "Panic on the bus")
    assert tab.save_draft()

    tab.search.setText("panic")
    assert tab.model.rowCount() == 1 and tab.table.isColumnHidden(1)
    tab.every_chart.setChecked(True)
    assert tab.model.rowCount() == 2 and not tab.table.isColumnHidden(1)
    names = {tab.model.index(r, 1).data() for r in range(2)}
    assert "Bramblewick, Zoë" in names
    qtmodeltester.check(tab.model)
    tab.search.setText("panic zebra")
    assert tab.model.rowCount() == 0 and "No notes contain every word" in tab.empty.text()

    opened: list[int] = []
    tab.open_patient.connect(opened.append)
    tab.search.setText("panic attacks")
    tab.table.selectRow(0)
    assert tab.editor.symptoms.isReadOnly() and "another patient" in tab.status.text()
    tab._on_double_clicked()
    assert opened and opened[0] != other


def test_a_nurse_drafts_but_sees_no_sign_button(with_nurse: Practice, qtbot: QtBot) -> None:
    patient_id = with_nurse.add_patient(patient_data()).id
    with_nurse.lock()
    with_nurse.unlock("nurse1", NURSE_PASSWORD)
    tab = NotesTab(with_nurse)
    qtbot.addWidget(tab)
    tab.apply_role(prescriber=False)
    tab.show_patient(patient_id)
    tab.show()
    _new(tab, Template.BRIEF_CHECK)
    qtbot.keyClicks(tab.editor.symptoms, "Feeling steadier")
    assert tab.save_draft()
    assert not tab.sign_button.isVisible() and tab.save_button.isVisible()
    assert with_nurse.notes(patient_id)[0].author == "Nurse One"


def test_auto_lock_keeps_the_note_being_typed(
    practice: Practice, vault_path: Path, qtbot: QtBot
) -> None:
    practice.add_patient(patient_data(family_name="Bramblewick"))
    practice.close()
    win = MainWindow(Practice.open(vault_path))
    qtbot.addWidget(win)
    win.show()
    page = win.unlock_page
    page.user.setCurrentText("drsmith")
    qtbot.keyClicks(page.password, PASSWORD)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    win.table.selectRow(0)
    tab = win.chart.tabs["Notes"]
    assert isinstance(tab, NotesTab)
    tab.new_button.click()
    tab.editor.symptoms.setPlainText("Typed just before the screen locked")
    win.idle.set_minutes(0.002)
    win.idle.start()
    qtbot.waitUntil(lambda: not win.practice.is_unlocked, timeout=3000)
    assert "Typed just before" not in tab.editor.symptoms.toPlainText()  # hidden while locked
    win.idle.set_minutes(30)
    qtbot.keyClicks(page.password, PASSWORD)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert tab.editor.symptoms.toPlainText() == "Typed just before the screen locked"
    assert not tab.editor.symptoms.isReadOnly()  # the draft reopens, ready to carry on
    assert "draft note" in win.today.text.text()
    win.close()
