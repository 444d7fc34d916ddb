"""The Medications tab's dose timeline: doses as steps, PHQ-9/GAD-7 totals, on real charts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from practice_desk.domain import formulary
from practice_desk.domain.regimens import DoseSchedule, Order, details_for
from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.chart.medications import MedicationsTab
from practice_desk.ui.i18n import long_date
from practice_desk.ui.plot import Series
from tests.helpers import patient_data

TODAY = date.today()
STARTED = TODAY - timedelta(days=120)
RAISED = TODAY - timedelta(days=60)
PHQ9_12 = [2, 2, 2, 2, 1, 1, 1, 1, 0]  # total 12, moderate
PHQ9_6 = [1, 1, 1, 1, 1, 1, 0, 0, 0]  # total 6, mild
GAD7_9 = [2, 2, 2, 1, 1, 1, 0]  # total 9, mild


@pytest.fixture(autouse=True)
def _answers() -> Iterator[None]:
    yield
    prompts.answers.clear()


@pytest.fixture
def patient_id(practice: Practice) -> int:
    return practice.add_patient(patient_data()).id


@pytest.fixture
def tab(practice: Practice, qtbot: QtBot) -> MedicationsTab:
    widget = MedicationsTab(practice)
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    widget.show()
    return widget


def _start(
    practice: Practice, patient_id: int, drug_id: str, strength: float, on: date, morning: float = 1
) -> Order:
    drug = formulary.load().drugs[drug_id]
    product = next(
        p for p in drug.products if p.strength_mg == strength and p.form.value == "tablet"
    )
    details = details_for(drug, product=product, schedule=DoseSchedule(morning=morning))
    order, _ = practice.start_medication(patient_id, details, start=on, reason="Depression")
    return order


def _sertraline_50_then_100(practice: Practice, patient_id: int) -> None:
    order = _start(practice, patient_id, "sertraline", 50, STARTED)
    raised = order.details.model_copy(update={"schedule": DoseSchedule(morning=2)})
    practice.change_dose(
        order.id, raised, row_version=order.row_version, reason="Partial response", on=RAISED
    )


def _series(tab: MedicationsTab, name: str) -> Series:
    return next(s for s in tab.timeline.series() if s.name == name)


def _inked_near(image: QImage, x: float, y: float, color: str) -> bool:
    want = QColor(color)
    for dx in range(-3, 4):
        for dy in range(-3, 4):
            got = image.pixelColor(round(x) + dx, round(y) + dy)
            distance = (
                abs(got.red() - want.red())
                + abs(got.green() - want.green())
                + abs(got.blue() - want.blue())
            )
            if distance < 60:
                return True
    return False


def test_sertraline_steps_from_50_to_100_mg_with_phq9_on_the_same_time_axis(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    _sertraline_50_then_100(practice, patient_id)
    practice.record_scale(patient_id, "phq9", PHQ9_12, taken_on=STARTED)
    practice.record_scale(patient_id, "phq9", PHQ9_6, taken_on=RAISED + timedelta(days=28))
    tab.show_patient(patient_id)
    plot = tab.timeline
    assert tab.views.currentWidget() is plot  # the timeline is what the tab shows first

    dose = _series(tab, "sertraline")
    assert dose.step and dose.axis == "left"
    assert dose.points == ((STARTED, 50.0), (RAISED, 100.0), (TODAY, 100.0))
    assert dose.labels[:2] == ("50 mg", "100 mg")
    left, right = plot.axes()
    assert left.unit == " mg" and left.high >= 100  # one drug: the axis is in mg
    phq9 = _series(tab, "PHQ-9")
    assert phq9.axis == "right" and phq9.marker
    assert phq9.points == ((STARTED, 12.0), (RAISED + timedelta(days=28), 6.0))
    assert right is not None and (right.low, right.high) == (0, 27)
    first, last = plot.x_range()
    assert first <= STARTED and last >= TODAY  # one time axis for doses and scores
    assert plot.today() == TODAY

    image = plot.grab().toImage()
    for day, mg in ((STARTED + timedelta(days=30), 50), (RAISED + timedelta(days=30), 100)):
        at = plot.position(dose, day, mg)
        assert _inked_near(image, at.x(), at.y(), dose.color), (day, mg)
    at = plot.position(phq9, STARTED, 12)
    assert _inked_near(image, at.x(), at.y(), phq9.color)
    # Before the start there is no dose line.
    at = plot.position(dose, STARTED - timedelta(days=2), 50)
    assert not _inked_near(image, at.x(), at.y(), dose.color)


def test_a_stopped_medication_ends_on_its_stop_date(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    _sertraline_50_then_100(practice, patient_id)
    quetiapine = _start(practice, patient_id, "quetiapine", 25, STARTED, morning=2)
    stopped_on = STARTED + timedelta(days=45)
    practice.stop_medication(
        quetiapine.id, row_version=quetiapine.row_version, reason="Sedation", on=stopped_on
    )
    tab.show_patient(patient_id)

    line = _series(tab, "quetiapine")
    assert line.points == ((STARTED, 50.0), (stopped_on, 50.0))
    assert _series(tab, "sertraline").points[-1][0] == TODAY  # still taken: runs to today
    words = tab.timeline.accessibleDescription()
    assert f"quetiapine: 50 mg from {long_date(STARTED)}; stopped {long_date(stopped_on)}" in words

    image = tab.timeline.grab().toImage()
    after = tab.timeline.position(line, stopped_on + timedelta(days=20), 50)
    before = tab.timeline.position(line, stopped_on - timedelta(days=20), 50)
    assert _inked_near(image, before.x(), before.y(), line.color)
    assert not _inked_near(image, after.x(), after.y(), line.color)


def test_doses_far_apart_are_drawn_as_a_share_of_each_drugs_highest_dose(
    practice: Practice, patient_id: int, tab: MedicationsTab
) -> None:
    _sertraline_50_then_100(practice, patient_id)
    _start(practice, patient_id, "aripiprazole", 5, RAISED)
    tab.show_patient(patient_id)
    left, _right = tab.timeline.axes()
    assert left.unit == " %"
    sertraline = _series(tab, "sertraline")
    assert [value for _, value in sertraline.points] == [50.0, 100.0, 100.0]
    assert sertraline.labels[:2] == ("50 mg", "100 mg")  # the real doses stay written
    assert _series(tab, "aripiprazole").labels[0] == "5 mg"


def test_no_doses_or_scores_says_so(
    practice: Practice, patient_id: int, tab: MedicationsTab
) -> None:
    tab.show_patient(patient_id)
    assert tab.timeline.is_empty()
    assert tab.timeline.accessibleDescription() == "No doses or scores to show yet."
    tab.clear()
    assert tab.timeline.series() == ()


def test_description_names_the_drugs_and_the_latest_scores(
    practice: Practice, patient_id: int, tab: MedicationsTab
) -> None:
    _sertraline_50_then_100(practice, patient_id)
    practice.record_scale(patient_id, "phq9", PHQ9_12, taken_on=STARTED)
    practice.record_scale(patient_id, "phq9", PHQ9_6, taken_on=RAISED + timedelta(days=28))
    practice.record_scale(patient_id, "gad7", GAD7_9, taken_on=RAISED)
    tab.show_patient(patient_id)
    words = tab.timeline.accessibleDescription()
    assert tab.timeline.accessibleName() == "Dose timeline with PHQ-9 and GAD-7 scores"
    assert (
        f"sertraline: 50 mg from {long_date(STARTED)}, 100 mg from {long_date(RAISED)}; taken now"
        in words
    )
    latest = long_date(RAISED + timedelta(days=28))
    assert f"PHQ-9 latest 6 of 27 on {latest} (mild)" in words
    assert f"GAD-7 latest 9 of 21 on {long_date(RAISED)} (mild)" in words


def test_the_timeline_follows_a_stop_made_in_the_tab(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    _start(practice, patient_id, "sertraline", 50, STARTED)
    tab.show_patient(patient_id)
    assert _series(tab, "sertraline").points[-1] == (TODAY, 50.0)
    prompts.answers["choose"] = lambda title, text, choices: 0
    prompts.answers["ask_text"] = lambda title, label: "Remission"
    tab.active.selectRow(0)
    with qtbot.waitSignal(tab.changed):
        tab.stop_button.click()
    assert "stopped" in tab.timeline.accessibleDescription()

    other = practice.add_patient(patient_data(given_name="Bea")).id
    tab.show_patient(other)  # another patient: their (empty) timeline, nothing left over
    assert tab.timeline.is_empty()


def test_stopped_and_restarted_the_same_day_is_one_dose_not_two(
    practice: Practice, patient_id: int, tab: MedicationsTab
) -> None:
    first = _start(practice, patient_id, "lithium", 300, TODAY)
    practice.stop_medication(first.id, row_version=first.row_version, reason="Wrong product")
    _start(practice, patient_id, "lithium", 300, TODAY)
    tab.show_patient(patient_id)
    assert set(_series(tab, "lithium").points) == {(TODAY, 300.0)}  # not 600
    # Over several days, the same: 300 mg from the first day.
    other = practice.add_patient(patient_data(given_name="Bea")).id
    earlier = _start(practice, other, "lithium", 300, STARTED)
    practice.stop_medication(
        earlier.id, row_version=earlier.row_version, reason="Rewritten", on=STARTED
    )
    _start(practice, other, "lithium", 300, STARTED)
    tab.show_patient(other)
    assert {v for _, v in _series(tab, "lithium").points} == {300.0}


def test_an_order_entered_in_error_leaves_no_line_no_washout_and_says_so(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    _start(practice, patient_id, "phenelzine", 15, STARTED)
    tab.show_patient(patient_id)
    prompts.answers["choose"] = lambda title, text, choices: choices.index(
        "Entered in error (never taken)"
    )
    prompts.answers["ask_text"] = lambda title, label: "meant for another patient"
    tab.active.selectRow(0)
    with qtbot.waitSignal(tab.changed):
        tab.stop_button.click()
    [order] = practice.medications(patient_id, include_history=True)
    assert order.in_error and order.end == STARTED
    assert tab.history_model.index(0, 2).data() == "Entered in error"
    assert tab.timeline.is_empty()
    # Starting sertraline now meets no MAOI washout: phenelzine was never taken.
    drug = formulary.load().drugs["sertraline"]
    details = details_for(drug, product=drug.products[1], schedule=DoseSchedule(morning=1))
    alerts = practice.check_medications(patient_id, details)
    assert not [a for a in alerts if "phenelzine" in a.message.lower()]
    # A real stop, for comparison, leaves the washout in place.
    again = _start(practice, patient_id, "phenelzine", 15, TODAY - timedelta(days=3))
    practice.stop_medication(again.id, row_version=again.row_version, reason="Side effects")
    alerts = practice.check_medications(patient_id, details)
    assert [a for a in alerts if "phenelzine" in a.message.lower()]
    audit = [e.action for e in practice.audit_events(patient_id, limit=20)]
    assert "medication.entered_in_error" in audit
