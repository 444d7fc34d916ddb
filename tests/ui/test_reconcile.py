"""Reconciliation from the Medications tab: a typed list against the chart, in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from practice_desk.domain import formulary
from practice_desk.domain.regimens import DoseSchedule, ReconcileKind, details_for
from practice_desk.practice import Practice
from practice_desk.ui.chart.medications import MedicationsTab
from practice_desk.ui.chart.reconcile import ReconcileDialog, ReconcileModel
from tests.helpers import NURSE_PASSWORD, patient_data

REPORTED = "Zoloft 150 mg daily\nmelatonin 3 mg"


def _start(practice: Practice, patient_id: int, name: str, strength: float) -> None:
    drug = formulary.load().find(name)
    assert drug is not None
    product = next(p for p in drug.products if p.strength_mg == strength)
    details = details_for(drug, product=product, schedule=DoseSchedule(morning=1))
    practice.start_medication(patient_id, details, reason="Depression")


@pytest.fixture
def patient_id(practice: Practice) -> int:
    """A patient on sertraline 100 mg and quetiapine 50 mg a day."""
    pid = practice.add_patient(patient_data()).id
    _start(practice, pid, "sertraline", 100)
    _start(practice, pid, "quetiapine", 50)
    return pid


def _tab(practice: Practice, patient_id: int, qtbot: QtBot) -> MedicationsTab:
    tab = MedicationsTab(practice)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_patient(patient_id)
    return tab


def _open(tab: MedicationsTab) -> ReconcileDialog:
    assert tab.reconcile_button.isVisibleTo(tab)
    tab.reconcile_button.click()
    assert tab.reconcile is not None and tab.reconcile.isVisible()
    return tab.reconcile


def _rows(model: ReconcileModel) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_a_reported_list_against_the_chart(
    practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    tab = _tab(practice, patient_id, qtbot)  # kept: the dialog is its child
    dialog = _open(tab)
    assert dialog.model.rowCount() == 0
    qtbot.keyClicks(dialog.reported, "Zoloft 150 mg daily")
    qtbot.keyClick(dialog.reported, Qt.Key.Key_Return)  # a new line, not a comparison
    qtbot.keyClicks(dialog.reported, "melatonin 3 mg")
    assert dialog.model.rowCount() == 0
    dialog.activateWindow()  # shortcuts answer in the active window
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.compared):
        qtbot.keyClick(dialog.reported, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.reported.toPlainText() == REPORTED
    assert _rows(dialog.model) == [
        [
            "sertraline (reported as Zoloft)",
            "150 mg/day",
            "100 mg/day",
            "dose differs: reported 150 mg/day, chart 100 mg/day",
        ],
        ["melatonin", "3 mg/day", "not in the chart", "not in the chart — new to us"],
        [
            "quetiapine",
            "not reported",
            "50 mg/day",
            "in the chart but not reported — ask if still taken",
        ],
    ]
    assert [dialog.model.item(r).kind for r in range(3)] == [
        ReconcileKind.DOSE_DIFFERS,
        ReconcileKind.NEW,
        ReconcileKind.MISSING,
    ]
    assert dialog.summary.text() == "3 differences to resolve."
    # Differences are coloured, each kind its own way.
    backgrounds = {
        dialog.model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole).name() for r in range(3)
    }
    assert len(backgrounds) == 3
    # Read-only: the chart is as it was.
    assert {o.details.daily_mg for o in practice.medications(patient_id)} == {100, 50}


def test_matches_unclear_doses_and_unreadable_lines(
    practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    tab = _tab(practice, patient_id, qtbot)  # kept: the dialog is its child
    dialog = _open(tab)
    dialog.reported.setPlainText("sertraline 100 mg\nSeroquel 2 tablets\n200 mg")
    dialog.compare_button.click()
    rows = _rows(dialog.model)
    assert rows[0][3] == "matches"
    assert dialog.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert rows[1] == [
        "quetiapine (reported as Seroquel)",
        "not in mg (tablets, mL or units)",
        "50 mg/day",
        "same medication — dose not compared: ask the dose",
    ]
    assert dialog.summary.text() == (
        "No differences: the list matches the chart. 1 dose not compared: ask the dose."
    )
    assert dialog.unreadable.isVisibleTo(dialog)
    assert dialog.unreadable.text().startswith("Line 3 not read: “200 mg” — no medication name")


def test_nothing_readable_compares_nothing(
    practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    tab = _tab(practice, patient_id, qtbot)  # kept: the dialog is its child
    dialog = _open(tab)
    dialog.compare_button.click()
    assert dialog.model.rowCount() == 0  # not "everything missing"
    assert dialog.summary.text() == "Type at least one medication, one a line."


def test_reopening_compares_again_and_another_patient_starts_afresh(
    practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    tab = _tab(practice, patient_id, qtbot)
    dialog = _open(tab)
    dialog.reported.setPlainText(REPORTED)
    dialog.compare_button.click()
    dialog.reject()
    quetiapine = next(o for o in practice.medications(patient_id) if o.details.name != "sertraline")
    practice.stop_medication(quetiapine.id, row_version=quetiapine.row_version, reason="sedation")
    tab.show_patient(patient_id)
    assert _open(tab) is dialog
    assert dialog.model.rowCount() == 2  # quetiapine no longer "not reported"
    assert dialog.summary.text() == "2 differences to resolve."
    other = practice.add_patient(patient_data(given_name="Ana")).id
    tab.show_patient(other)
    assert tab.reconcile is None
    assert _open(tab).reported.toPlainText() == ""


def test_the_model_passes_the_model_tester(
    practice: Practice, patient_id: int, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    tab = _tab(practice, patient_id, qtbot)  # kept: the dialog is its child
    dialog = _open(tab)
    qtmodeltester.check(dialog.model)
    dialog.reported.setPlainText(REPORTED + "\nlorazepam 1 mg prn")
    dialog.compare()
    assert dialog.model.rowCount() == 4
    qtmodeltester.check(dialog.model)


def test_a_nurse_can_reconcile_but_not_change(
    with_nurse: Practice, patient_id: int, qtbot: QtBot
) -> None:
    practice = with_nurse
    practice.lock()
    practice.unlock("nurse1", NURSE_PASSWORD)
    tab = _tab(practice, patient_id, qtbot)
    for button in (tab.add_button, tab.change_button, tab.stop_button):
        assert not button.isVisibleTo(tab)
    dialog = _open(tab)
    dialog.reported.setPlainText(REPORTED)
    dialog.compare_button.click()
    assert dialog.summary.text() == "3 differences to resolve."
    assert dialog.error.text() == ""
