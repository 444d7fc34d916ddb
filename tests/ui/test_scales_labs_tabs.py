"""Scales and Labs tabs: click a PHQ-9, save and see it; enter a lithium level; see what is due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QDate, Qt
from pytestqt.qtbot import QtBot

from practice_desk.domain import formulary, scales
from practice_desk.domain.regimens import DoseSchedule, details_for
from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.chart.labs import DueModel, LabResultsModel, LabsTab
from practice_desk.ui.chart.scales import ScaleHistoryModel, ScalesTab
from tests.helpers import NURSE_PASSWORD, patient_data

PHQ9 = [2, 1, 2, 1, 1, 2, 1, 1, 1]  # total 12, "moderate", item 9 above "Not at all"
TAKEN = date(2025, 1, 4)


@pytest.fixture
def patient_id(practice: Practice) -> int:
    return practice.add_patient(patient_data()).id


@pytest.fixture
def scales_tab(practice: Practice, patient_id: int, qtbot: QtBot) -> ScalesTab:
    tab = ScalesTab(practice)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show_patient(patient_id)
    tab.show()
    return tab


@pytest.fixture
def labs_tab(practice: Practice, patient_id: int, qtbot: QtBot) -> LabsTab:
    tab = LabsTab(practice)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show_patient(patient_id)
    tab.show()
    return tab


def _click(qtbot: QtBot, tab: ScalesTab, answers: Sequence[int], first_item: int = 1) -> None:
    for number, value in enumerate(answers, start=first_item):
        qtbot.mouseClick(tab.option_button(str(number), value), Qt.MouseButton.LeftButton)


def _trend(tab: ScalesTab) -> tuple[tuple[date, float], ...]:
    """The (date, total) points of the trend chart."""
    [series] = tab.chart_view.series()
    return series.points


def _cells(model: QAbstractItemModel, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def _lithium(practice: Practice, patient_id: int, start: date) -> None:
    drug = formulary.load().find("lithium")
    assert drug is not None
    capsule = next(p for p in drug.products if p.strength_mg == 300 and p.form.value == "capsule")
    details = details_for("lithium", product=capsule, schedule=DoseSchedule(bedtime=2))
    practice.start_medication(patient_id, details, start=start)


# --- scales ---------------------------------------------------------------------------------


def test_phq9_total_band_and_suicide_flag_follow_the_clicks(
    scales_tab: ScalesTab, qtbot: QtBot
) -> None:
    assert scales_tab.chooser.currentData() == "phq9"
    assert "Over the last 2 weeks" in scales_tab.instructions.text()
    _click(qtbot, scales_tab, PHQ9[:8])
    assert "answer all 9 items" in scales_tab.total.text()
    assert not scales_tab.flags_box.isVisible()

    _click(qtbot, scales_tab, PHQ9[8:], first_item=9)
    assert scales_tab.total.text() == "Total 12 of 27 — moderate"
    assert scales_tab.flags_box.isVisible()
    assert "⚠ Suicide risk:" in scales_tab.flags.text()
    assert "Assess suicide risk now" in scales_tab.flags.text()

    _click(qtbot, scales_tab, [0], first_item=9)
    assert scales_tab.total.text() == "Total 11 of 27 — moderate"
    assert not scales_tab.flags_box.isVisible()
    _click(qtbot, scales_tab, [3, 3, 3, 3], first_item=1)
    assert scales_tab.total.text() == "Total 17 of 27 — moderately severe"


def test_saved_phq9_appears_in_the_table_and_the_chart(
    scales_tab: ScalesTab, practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    assert scales_tab.history_model.rowCount() == 0
    assert _trend(scales_tab) == ()
    assert scales_tab.chart_view.is_empty()
    scales_tab.taken_on.setDate(QDate(TAKEN.year, TAKEN.month, TAKEN.day))
    _click(qtbot, scales_tab, PHQ9)
    with qtbot.waitSignal(scales_tab.changed, timeout=1000):
        qtbot.mouseClick(scales_tab.save_button, Qt.MouseButton.LeftButton)

    assert "saved" in scales_tab.message.text()
    assert "Saved PHQ-9 of 4 Jan 2025: total 12 of 27 — moderate" in scales_tab.total.text()
    assert "Suicide risk" in scales_tab.flags.text()  # the saved result's flag stays in view
    assert scales_tab.answers() == {}  # ready for the next one
    assert _cells(scales_tab.history_model, 0) == [
        "4 Jan 2025",
        "12 of 27",
        "moderate",
        "⚠ Suicide risk",
    ]
    assert _trend(scales_tab) == ((TAKEN, 12.0),)
    assert scales_tab.chart_view.series()[0].labels == ("12",)  # the total is written by it
    axis, _right = scales_tab.chart_view.axes()
    bands = [(band.low, band.high, band.label) for band in axis.bands]
    assert bands == [
        (0, 5, "minimal"),
        (5, 10, "mild"),
        (10, 15, "moderate"),
        (15, 20, "moderately severe"),
        (20, 27, "severe"),
    ]
    assert "PHQ-9" in scales_tab.chart_view.accessibleDescription()
    assert "the latest 12 on 4 Jan 2025" in scales_tab.chart_view.accessibleDescription()
    [record] = practice.scale_history(patient_id, "phq9")
    assert record.total == 12 and record.flags == ("suicide_risk",)
    assert record.taken_on == TAKEN

    _click(qtbot, scales_tab, [0] * 9)
    qtbot.mouseClick(scales_tab.save_button, Qt.MouseButton.LeftButton)
    assert [total for _, total in _trend(scales_tab)] == [12.0, 0.0]
    assert _cells(scales_tab.history_model, 0)[1:] == ["0 of 27", "minimal", "none"]


def test_incomplete_answers_are_not_saved(
    scales_tab: ScalesTab, practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    _click(qtbot, scales_tab, [1, 1, 1])
    with qtbot.assertNotEmitted(scales_tab.changed):
        qtbot.mouseClick(scales_tab.save_button, Qt.MouseButton.LeftButton)
    assert "Not saved" in scales_tab.message.text()
    assert "needs an answer to items 4, 5, 6, 7, 8, 9" in scales_tab.message.text()
    assert scales_tab.answers() == {"1": 1, "2": 1, "3": 1}  # nothing typed is lost
    assert practice.scale_history(patient_id) == []
    assert scales_tab.history_model.rowCount() == 0


def test_a_scale_cannot_be_dated_in_the_future(scales_tab: ScalesTab) -> None:
    tomorrow = QDate.currentDate().addDays(1)
    scales_tab.taken_on.setDate(tomorrow)
    assert scales_tab.taken_on.date() == QDate.currentDate()


def test_changing_scale_mid_way_asks_first(
    scales_tab: ScalesTab, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setitem(prompts.answers, "confirm", lambda _t, text: asked.append(text) or False)
    _click(qtbot, scales_tab, [2])
    scales_tab.chooser.setCurrentIndex(scales_tab.chooser.findData("gad7"))
    assert "PHQ-9" in asked[0]
    assert scales_tab.chooser.currentData() == "phq9"
    assert scales_tab.answers() == {"1": 2}

    monkeypatch.setitem(prompts.answers, "confirm", lambda _t, _x: True)
    scales_tab.chooser.setCurrentIndex(scales_tab.chooser.findData("gad7"))
    assert scales_tab.chooser.currentData() == "gad7"
    assert scales_tab.answers() == {}
    assert "answer all 7 items" in scales_tab.total.text()


def test_a_nurse_records_a_scale(with_nurse: Practice, patient_id: int, qtbot: QtBot) -> None:
    with_nurse.lock()
    with_nurse.unlock("nurse1", NURSE_PASSWORD)
    tab = ScalesTab(with_nurse)
    qtbot.addWidget(tab)
    tab.show_patient(patient_id)
    tab.chooser.setCurrentIndex(tab.chooser.findData("gad7"))
    for item, value in enumerate([1, 1, 1, 1, 1, 0, 0], start=1):
        tab.option_button(str(item), value).click()
    assert tab.total.text() == "Total 5 of 21 — mild"
    tab.save_button.click()
    assert tab.history_model.rowCount() == 1
    assert [r.total for r in with_nurse.scale_history(patient_id, "gad7")] == [5]


def test_clear_forgets_the_patient(scales_tab: ScalesTab, qtbot: QtBot) -> None:
    _click(qtbot, scales_tab, PHQ9)
    scales_tab.save_button.click()
    scales_tab.clear()
    assert scales_tab.history_model.rowCount() == 0
    assert _trend(scales_tab) == ()
    assert not scales_tab.save_button.isEnabled()


# --- labs -----------------------------------------------------------------------------------


def test_lithium_of_1_6_reads_as_toxic(
    labs_tab: LabsTab, practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    labs_tab.test.setCurrentIndex(labs_tab.test.findData("lithium_level"))
    assert labs_tab.test.currentText() == "Lithium (mmol/L)"
    assert labs_tab.unit.text() == "mmol/L"
    labs_tab.value.lineEdit().selectAll()
    qtbot.keyClicks(labs_tab.value, "1.6")
    with qtbot.waitSignal(labs_tab.changed, timeout=1000):
        qtbot.mouseClick(labs_tab.save_button, Qt.MouseButton.LeftButton)

    message = labs_tab.message.text()
    assert "ALERT" in message and "toxic range" in message and "1.6 mmol/L" in message
    assert "hold the next dose" in message
    row = _cells(labs_tab.results_model, 0)
    assert row[1:4] == ["Lithium", "1.6 mmol/L", "⚠ ALERT: high"]
    assert row[4] == "0.6–1.2 mmol/L"
    assert [r.value for r in practice.lab_results(patient_id)] == [1.6]
    assert labs_tab.value.result() is None  # the form is empty again, never a silent 0


def test_a_lab_needs_a_number_or_words(
    labs_tab: LabsTab, practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    with qtbot.assertNotEmitted(labs_tab.changed):
        labs_tab.save_button.click()
    assert "Not saved" in labs_tab.message.text()
    assert "Enter the result" in labs_tab.message.text()
    assert practice.lab_results(patient_id) == []


def test_a_word_result_is_saved_as_written(labs_tab: LabsTab, qtbot: QtBot) -> None:
    labs_tab.test.setCurrentIndex(labs_tab.test.findData("pregnancy_test"))
    assert not labs_tab.value.isEnabled()
    qtbot.keyClicks(labs_tab.words, "negative")
    labs_tab.save_button.click()
    assert "“negative” is recorded as written" in labs_tab.message.text()
    assert _cells(labs_tab.results_model, 0)[2:4] == ["negative", "in words: not checked"]


def test_a_patient_on_lithium_shows_the_level_due(
    practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    _lithium(practice, patient_id, start=date.today() - timedelta(days=10))
    tab = LabsTab(practice)
    qtbot.addWidget(tab)
    tab.show_patient(patient_id)

    rows = [_cells(tab.due_model, row) for row in range(tab.due_model.rowCount())]
    [level] = [r for r in rows if r[0].startswith("Lithium level")]
    due = date.today() - timedelta(days=3)  # a week after the start
    assert level[1] == "lithium"
    assert level[2] == f"{due.day} {due:%b %Y}"
    assert level[3] == "⚠ OVERDUE by 3 days"
    assert not tab.due_empty.isVisibleTo(tab)

    row = next(i for i, r in enumerate(rows) if r[0].startswith("Lithium level"))
    tab.test.setCurrentIndex(tab.test.findData("tsh"))
    tab.due.activated.emit(tab.due_model.index(row, 0))
    assert tab.test.currentData() == "lithium_level"


def test_nothing_due_says_so(labs_tab: LabsTab) -> None:
    assert labs_tab.due_model.rowCount() == 0
    assert "Nothing is due" in labs_tab.due_empty.text()


# --- models ---------------------------------------------------------------------------------


def test_models_pass_the_model_tester(
    practice: Practice,
    patient_id: int,
    qtmodeltester: Any,
    qtbot: QtBot,
) -> None:
    practice.record_scale(patient_id, "phq9", PHQ9, taken_on=TAKEN)
    practice.record_scale(patient_id, "phq9", [0] * 9, taken_on=TAKEN + timedelta(days=30))
    _lithium(practice, patient_id, start=TAKEN)
    practice.record_lab(patient_id, "lithium_level", 1.6, taken_on=TAKEN)
    practice.record_lab(patient_id, "weight", 81.5, taken_on=TAKEN)
    practice.record_lab(patient_id, "pregnancy_test", None, text="negative", taken_on=TAKEN)

    history = ScaleHistoryModel()
    history.set_records(scales.get("phq9"), practice.scale_history(patient_id, "phq9"))
    assert history.rowCount() == 2
    qtmodeltester.check(history, force_py=True)

    results = LabResultsModel()
    results.set_results(practice.lab_results(patient_id))
    assert results.rowCount() == 3
    assert _cells(results, 1)[2:5] == ["81.5 kg", "no range: judge clinically", "—"]
    qtmodeltester.check(results, force_py=True)

    due = DueModel()
    due.set_due(practice.monitoring_due(patient_id), date.today())
    assert due.rowCount() > 0
    qtmodeltester.check(due, force_py=True)


def test_hba1c_is_entered_with_its_unit(labs_tab: LabsTab, practice: Practice) -> None:
    labs_tab.test.setCurrentIndex(labs_tab.test.findData("glucose_or_a1c"))
    assert labs_tab.value.isEnabled() and labs_tab.unit_choice.isVisibleTo(labs_tab)
    assert not labs_tab.unit.isVisibleTo(labs_tab)
    units = [labs_tab.unit_choice.itemText(i) for i in range(labs_tab.unit_choice.count())]
    assert units == ["mg/dL", "%", "mmol/L", "mmol/mol"]
    labs_tab.unit_choice.setCurrentIndex(1)
    labs_tab.value.setValue(6.1)
    labs_tab.save_button.click()
    [saved] = practice.lab_results(labs_tab._patient_id or 0, "glucose_or_a1c")
    assert (saved.value, saved.unit) == (6.1, "%")
    labs_tab.test.setCurrentIndex(labs_tab.test.findData("weight"))  # one unit: no choice
    assert not labs_tab.unit_choice.isVisibleTo(labs_tab) and labs_tab.unit.isVisibleTo(labs_tab)
