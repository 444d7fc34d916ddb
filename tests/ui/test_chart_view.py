"""The chart opens from one read, and redraws only what a change concerns."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from practice_desk.domain.changes import Change, Changes
from practice_desk.domain.errors import NotPermitted, ValidationError
from practice_desk.practice import Practice
from practice_desk.ui.chart.labs import LabsTab
from practice_desk.ui.chart.notes import NotesTab
from practice_desk.ui.chart.tab import ChartTabBase
from practice_desk.ui.chart.view import ChartView
from tests.helpers import NURSE_PASSWORD, patient_data
from tests.ui.test_scales_labs_tabs import _lithium


@pytest.fixture
def patient_id(practice: Practice) -> int:
    pid = practice.add_patient(patient_data()).id
    _lithium(practice, pid, date(2025, 1, 2))
    return pid


@pytest.fixture
def view(practice: Practice, qtbot: QtBot) -> ChartView:
    chart = ChartView(practice)
    qtbot.addWidget(chart)
    chart.apply_role(True)
    chart.resize(1200, 800)
    chart.show()
    return chart


class Calls:
    """Counts the facade calls the window makes (not the ones the facade makes inside)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        self._depth = 0
        for name in dir(Practice):
            attribute = getattr(Practice, name)
            if name.startswith("_") or not callable(attribute) or isinstance(attribute, type):
                continue
            monkeypatch.setattr(Practice, name, self._counted(name, attribute))

    def _counted(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            if not self._depth:
                self.names.append(name)
            self._depth += 1
            try:
                return function(*args, **kwargs)
            finally:
                self._depth -= 1

        return run


def _reads(practice: Practice, patient_id: int) -> int:
    return sum(e.action == "chart.read" for e in practice.audit_events(patient_id))


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Calls]:
    yield Calls(monkeypatch)


def test_every_tab_is_a_chart_tab_with_what_it_shows(view: ChartView) -> None:
    for title, tab in view.tabs.items():
        assert isinstance(tab, ChartTabBase), title
        assert tab.concerns, title
    assert view.tabs["Notes"].concerns == {Change.NOTES}  # type: ignore[attr-defined]


def test_opening_a_chart_is_one_read_and_one_audit_event(
    view: ChartView, practice: Practice, patient_id: int, calls: Calls
) -> None:
    before = _reads(practice, patient_id)
    view.show_patient(patient_id)
    assert calls.names.count("chart") == 1
    assert len(calls.names) <= 5, calls.names
    assert _reads(practice, patient_id) == before + 1
    summary = view.summary.text.text()
    assert "lithium" in summary.lower()
    audit = view.tabs["Audit"]
    assert audit.model.rowCount() == 0  # type: ignore[attr-defined]  # behind: not drawn yet
    view.setCurrentIndex(list(view.tabs).index("Audit"))
    assert audit.model.rowCount() >= 1  # type: ignore[attr-defined]  # this opening is shown


def test_a_change_in_one_tab_redraws_only_the_tabs_it_concerns(
    view: ChartView, practice: Practice, patient_id: int, qtbot: QtBot, calls: Calls
) -> None:
    view.show_patient(patient_id)
    drawn: list[str] = []
    for title, tab in view.tabs.items():
        assert isinstance(tab, ChartTabBase)
        original = tab.present

        def spy(chart: Any, title: str = title, original: Any = original) -> None:
            drawn.append(title)
            original(chart)

        tab.present = spy  # type: ignore[method-assign]
    calls.names.clear()
    notes = view.tabs["Notes"]
    assert isinstance(notes, NotesTab)
    notes.new_note()
    notes.editor.symptoms.setPlainText("Sleeping better; no side effects. FAKE TEST NOTE.")
    assert notes.save_current()
    with qtbot.waitSignal(view.changed, timeout=2000):
        _sign(notes)
    assert set(drawn) == {"Notes", "Summary", "Documents", "Audit"}  # not Labs or Tapers
    assert calls.names.count("chart") == 1  # one read again, not a new opening
    assert "signed" in view.summary.text.text()
    assert _reads(practice, patient_id) == 1


def test_a_tab_behind_another_draws_the_chart_when_brought_forward(
    view: ChartView, practice: Practice, patient_id: int
) -> None:
    other = practice.add_patient(patient_data(given_name="Zephyrine")).id
    view.show_patient(patient_id)
    labs, meds = view.tabs["Labs"], view.tabs["Medications"]
    assert isinstance(labs, LabsTab)
    view.show_patient(other)
    assert meds.snapshot.patient_id == other  # type: ignore[attr-defined]
    assert meds.active_model.rowCount() == 0  # type: ignore[attr-defined]  # never deferred
    assert labs._patient_id != other  # behind: not drawn for the new patient yet
    view.setCurrentIndex(list(view.tabs).index("Labs"))
    assert labs._patient_id == other  # brought forward: the chart open now


def test_the_unlock_window_shows_before_the_tabs_are_made(practice: Practice, qtbot: QtBot) -> None:
    chart = ChartView(practice)
    qtbot.addWidget(chart)
    assert chart.count() == 9 and not chart._parts  # pages, no tabs yet
    chart.clear()  # locking before they exist is fine
    assert not chart._parts
    assert isinstance(chart.tabs["Summary"], ChartTabBase)  # made when first needed


def _sign(notes: NotesTab) -> None:
    from practice_desk.ui import prompts

    prompts.answers["confirm"] = lambda *_: True
    try:
        notes.sign()
    finally:
        prompts.answers.pop("confirm", None)


def test_a_lab_alert_stays_on_screen_after_the_chart_reads_again(
    view: ChartView, practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    view.show_patient(patient_id)
    labs = view.tabs["Labs"]
    assert isinstance(labs, LabsTab)
    view.setCurrentIndex(list(view.tabs).index("Labs"))
    labs.test.setCurrentIndex(labs.test.findData("lithium_level"))
    labs.value.lineEdit().selectAll()
    qtbot.keyClicks(labs.value, "1.6")
    with qtbot.waitSignal(view.changed, timeout=2000):
        qtbot.mouseClick(labs.save_button, Qt.MouseButton.LeftButton)
    assert labs.message.isVisible() and "ALERT" in labs.message.text()
    assert "1.6" in labs.results_model.index(0, 2).data()


def test_changes_are_published_once_committed_and_never_for_a_refusal(
    practice: Practice, patient_id: int
) -> None:
    seen: list[Changes] = []
    stop = practice.subscribe(seen.append)
    practice.record_lab(patient_id, "weight", 80.0, taken_on=date(2025, 1, 4))
    assert seen == [Changes(frozenset({Change.RESULTS}), patient_id)]
    with pytest.raises(ValidationError):
        practice.add_patient({"given_name": ""})
    assert len(seen) == 1  # nothing changed, nothing said
    with practice.batch():
        practice.add_patient(patient_data(given_name="Quillon"))
        practice.add_patient(patient_data(given_name="Zephyrine"))
        assert len(seen) == 1  # not before the batch commits
    assert seen[-1].kinds == {Change.PATIENT} and len(seen) == 2
    stop()
    practice.record_lab(patient_id, "weight", 81.0, taken_on=date(2025, 1, 5))
    assert len(seen) == 2


def test_a_refused_change_publishes_nothing(with_nurse: Practice, patient_id: int) -> None:
    practice = with_nurse
    practice.lock()
    practice.unlock("nurse1", NURSE_PASSWORD)
    seen: list[Changes] = []
    practice.subscribe(seen.append)
    with pytest.raises(NotPermitted):
        _lithium(practice, patient_id, date(2025, 2, 2))
    assert seen == []


def test_changes_name_the_patient_only_when_one_is_concerned() -> None:
    one = Changes(frozenset({Change.NOTES}), 7)
    assert one.concerns({Change.NOTES}, 7)
    assert not one.concerns({Change.NOTES}, 8)
    assert not one.concerns({Change.RESULTS}, 7)
    everyone = Changes(frozenset({Change.PROFILE}))
    assert everyone.concerns({Change.PROFILE}, 8)
    assert (one | Changes(frozenset({Change.RESULTS}), 7)).patient_id == 7
    assert (one | Changes(frozenset({Change.RESULTS}), 8)).patient_id is None
