"""The medications tab: start, change and stop through the form, with the live safety check."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from practice_desk.domain import formulary
from practice_desk.domain.regimens import DoseSchedule, details_for
from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.chart.medication_form import MedicationForm
from practice_desk.ui.chart.medications import MedicationsTab, OrdersModel
from practice_desk.ui.i18n import long_date
from tests.helpers import NURSE_PASSWORD, patient_data


@pytest.fixture(autouse=True)
def _answers() -> Iterator[None]:
    yield
    prompts.answers.clear()


@pytest.fixture
def patient_id(practice: Practice) -> int:
    return practice.add_patient(patient_data()).id


@pytest.fixture
def tab(practice: Practice, patient_id: int, qtbot: QtBot) -> MedicationsTab:
    widget = MedicationsTab(practice)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_patient(patient_id)
    return widget


def _start(practice: Practice, patient_id: int, name: str, morning: float = 1) -> None:
    drug = formulary.load().find(name)
    assert drug is not None
    details = details_for(drug, product=drug.products[1], schedule=DoseSchedule(morning=morning))
    practice.start_medication(patient_id, details, reason="Depression")


def _open_add(tab: MedicationsTab) -> MedicationForm:
    tab.add_button.click()
    assert tab.form is not None and tab.form.isVisible()
    return tab.form


def _fill(
    qtbot: QtBot, form: MedicationForm, drug: str, product: str, morning: float, reason: str = ""
) -> None:
    qtbot.keyClicks(form.drug, drug)
    at = form.product.findText(product)
    assert at >= 0, [form.product.itemText(i) for i in range(form.product.count())]
    form.product.setCurrentIndex(at)
    form.times["morning"].setValue(morning)
    qtbot.keyClicks(form.reason, reason)


def _texts(view: QListWidget) -> list[str]:
    return [view.item(i).text() for i in range(view.count())]


def _row(model: OrdersModel, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_add_sertraline_through_the_form(tab: MedicationsTab, qtbot: QtBot) -> None:
    form = _open_add(tab)
    _fill(qtbot, form, "Zoloft", "50 mg tablet", 1, "Depression")
    assert "Zoloft = sertraline" in form.match.text()
    assert "50 mg/day" in form.summary.text()
    assert not form.override.isEnabled()
    with qtbot.waitSignal(tab.changed):
        qtbot.keyClick(form.reason, Qt.Key.Key_Return)  # Enter saves
    assert not form.isVisible()
    assert tab.active_model.rowCount() == 1
    assert _row(tab.active_model, 0) == [
        "sertraline",
        "50 mg tablet",
        "1 tablet in the morning",
        "50 mg/day",
        long_date(date.today()),
        "Dr Sam Smith",
    ]
    assert "Active medications</b> (1)" in tab.active_title.text()


def test_tramadol_shows_a_major_alert_before_it_is_saved(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    _start(practice, patient_id, "sertraline")
    tab.show_patient(patient_id)
    form = _open_add(tab)
    _fill(qtbot, form, "tramadol", "50 mg tablet", 1, "Back pain")
    alerts = _texts(form.alerts)
    assert any(a.startswith("⚠ Major: Sertraline with tramadol") for a in alerts), alerts
    assert any("→ Prefer another analgesic" in a for a in alerts)
    assert len(practice.medications(patient_id)) == 1  # nothing saved yet
    form.save_button.click()
    assert tab.active_model.rowCount() == 2
    assert any(a.startswith("⚠ Major:") for a in _texts(tab.list_alerts))


def test_phenelzine_with_sertraline_needs_an_audited_override(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    _start(practice, patient_id, "sertraline")
    tab.show_patient(patient_id)
    form = _open_add(tab)
    _fill(qtbot, form, "Nardil", "15 mg tablet", 1, "Treatment-resistant depression")
    assert _texts(form.alerts)[0].startswith("✖ Contraindicated: Sertraline with phenelzine")
    assert form.override.isEnabled()
    assert "required" in form._override_label.text()

    form.save_button.click()
    assert form.isVisible()
    assert "reason for overriding" in form.error.text()
    assert len(practice.medications(patient_id)) == 1

    qtbot.keyClicks(form.override, "x")  # not a reason
    form.save_button.click()
    assert form.isVisible() and "Say in words why" in form.error.text()
    assert len(practice.medications(patient_id)) == 1

    form.override.clear()
    qtbot.keyClicks(form.override, "Cross-taper agreed with patient and pharmacist")
    asked: list[str] = []
    prompts.answers["confirm"] = lambda title, text: asked.append(text) and False
    form.save_button.click()  # asked, and declined: nothing saved
    assert form.isVisible() and len(practice.medications(patient_id)) == 1
    assert "“Cross-taper agreed with patient and pharmacist”" in asked[0]
    prompts.answers["confirm"] = lambda title, text: True
    form.save_button.click()
    assert not form.isVisible()
    assert tab.active_model.rowCount() == 2
    override = [e for e in practice.audit_events(patient_id) if e.action == "safety.override"]
    assert len(override) == 1
    assert override[0].detail["rules"] == ["I01"]
    assert override[0].detail["reason"] == "Cross-taper agreed with patient and pharmacist"
    assert override[0].detail["alerts"][0].startswith("Sertraline with phenelzine")
    assert _texts(tab.list_alerts)[0].startswith("✖ Contraindicated:")


def test_change_dose_then_stop_leave_reasons_in_the_history(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    _start(practice, patient_id, "sertraline")
    tab.show_patient(patient_id)
    assert not tab.change_button.isEnabled()
    tab.active.selectRow(0)
    tab.change_button.click()
    form = tab.form
    assert form is not None and form.drug.isReadOnly()
    assert form.times["morning"].value() == 1
    form.times["morning"].setValue(2)
    form.save_button.click()
    assert "Say why the dose changes" in form.error.text()  # a reason is required
    qtbot.keyClicks(form.reason, "Partial response")
    with qtbot.waitSignal(tab.changed):
        form.save_button.click()
    assert _row(tab.active_model, 0)[3] == "100 mg/day"

    prompts.answers["choose"] = lambda title, text, choices: None
    tab.active.selectRow(0)
    tab.stop_button.click()
    assert tab.active_model.rowCount() == 1  # not confirmed, not stopped

    asked: list[str] = []
    prompts.answers["choose"] = lambda title, text, choices: asked.append(text) or 0
    prompts.answers["ask_text"] = lambda title, label: "Remission; patient's wish"
    tab.active.selectRow(0)
    with qtbot.waitSignal(tab.changed):
        tab.stop_button.click()
    assert "Stop sertraline — 2 tablets in the morning today?" in asked[0]
    assert tab.active_model.rowCount() == 0
    assert "none recorded" in tab.active_title.text()
    history = [_row(tab.history_model, r) for r in range(tab.history_model.rowCount())]
    assert [(h[1], h[2], h[6]) for h in history] == [
        ("50 mg/day", "Dose changed", "Partial response"),
        ("100 mg/day", "Stopped", "Remission; patient's wish"),
    ]
    assert history[1][5] == "Partial response"  # why the second order started


def test_free_text_medication_is_marked_not_checked(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    form = _open_add(tab)
    qtbot.keyClicks(form.drug, "Moonflower tea")
    assert "NOT checked" in form.match.text()
    assert not form.product.isEnabled()
    assert form.unit.text() == "amounts in mg"
    form.times["morning"].setValue(25)
    qtbot.keyClicks(form.external, "Dr Jones (GP)")
    assert any(t.startswith("ℹ Info:") for t in _texts(form.alerts))
    form.save_button.click()
    assert _row(tab.active_model, 0)[0] == "Moonflower tea (not checked)"
    assert _row(tab.active_model, 0)[3] == "25 mg/day"
    assert _row(tab.active_model, 0)[5] == "Dr Jones (GP) (external)"


def test_a_catalogue_drug_is_checked_and_dosed_in_mg(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    """Atorvastatin is known (its interactions are checked) but has no products here:
    the form doses it in mg and it is not marked "not checked"."""
    form = _open_add(tab)
    qtbot.keyClicks(form.drug, "Lipitor")
    assert "NOT checked" not in form.match.text()
    assert "atorvastatin" in form.match.text()
    assert not form.product.isEnabled()
    assert form.unit.text() == "amounts in mg"
    form.times["bedtime"].setValue(40)
    qtbot.keyClicks(form.external, "Dr Jones (GP)")
    form.save_button.click()
    assert _row(tab.active_model, 0)[0] == "atorvastatin"
    assert _row(tab.active_model, 0)[3] == "40 mg/day"


def test_a_missing_product_is_said_in_words_and_nothing_is_saved(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    form = _open_add(tab)
    qtbot.keyClicks(form.drug, "sertraline")
    form.times["morning"].setValue(1)
    assert "Not checked yet: Choose the product" in _texts(form.alerts)[0]
    form.save_button.click()
    assert form.error.text().startswith("Choose the product (form and strength)")
    assert "validation error" not in form.error.text().lower()
    assert form.isVisible()
    assert practice.medications(patient_id) == []


def test_a_nurse_sees_the_lists_but_no_actions(
    with_nurse: Practice, patient_id: int, qtbot: QtBot
) -> None:
    practice = with_nurse
    _start(practice, patient_id, "sertraline")
    practice.lock()
    practice.unlock("nurse1", NURSE_PASSWORD)
    tab = MedicationsTab(practice)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_patient(patient_id)
    assert tab.active_model.rowCount() == 1
    for button in (tab.add_button, tab.change_button, tab.stop_button):
        assert not button.isVisibleTo(tab)
    tab.active.doubleClicked.emit(tab.active_model.index(0, 0))
    assert tab.form is None


def test_check_a_combination_box(tab: MedicationsTab, qtbot: QtBot) -> None:
    qtbot.keyClicks(tab.combo_names, "Nardil")
    qtbot.keyClick(tab.combo_names, Qt.Key.Key_Return)
    assert "at least two names" in _texts(tab.combo_results)[0]
    qtbot.keyClicks(tab.combo_names, ", Zoloft")
    qtbot.keyClick(tab.combo_names, Qt.Key.Key_Return)
    first = _texts(tab.combo_results)[0]
    assert first.startswith("✖ Contraindicated: Phenelzine with sertraline")
    assert "→ Do not combine" in first
    tab.combo_names.setText("sertraline, lamotrigine")
    tab.combo_button.click()
    assert _texts(tab.combo_results)[0].startswith("✓ No interactions")


def test_clear_forgets_the_patient(
    practice: Practice, patient_id: int, tab: MedicationsTab
) -> None:
    _start(practice, patient_id, "sertraline")
    tab.show_patient(patient_id)
    tab.clear()
    assert tab.active_model.rowCount() == 0
    assert tab.history_model.rowCount() == 0
    assert not tab.add_button.isVisibleTo(tab)


def test_models_pass_the_model_tester(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(tab.active_model)
    _start(practice, patient_id, "sertraline")
    _start(practice, patient_id, "quetiapine")
    practice.start_medication(
        patient_id, details_for("Fish oil", schedule=DoseSchedule(as_needed=True, max_per_day=2000))
    )
    tab.show_patient(patient_id)
    qtmodeltester.check(tab.active_model)
    qtmodeltester.check(tab.history_model)
    assert tab.active_model.rowCount() == 3
    assert _row(tab.active_model, 2)[3] == "up to 2000 mg/day"


def test_as_needed_dose_with_a_daily_maximum(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    form = _open_add(tab)
    qtbot.keyClicks(form.drug, "lorazepam")
    form.product.setCurrentIndex(form.product.findText("0.5 mg tablet"))
    assert not form.max_per_day.isVisibleTo(form)
    form.as_needed.setChecked(True)
    assert form.max_per_day.isVisibleTo(form)
    assert not form.times["morning"].isEnabled()
    form.prn_amount.setValue(1)
    form.max_per_day.setValue(3)
    assert "at most 3 tablets a day" in form.summary.text()
    assert "1.5 mg/day at most" in form.summary.text()
    form.save_button.click()
    assert not form.isVisible()
    assert _row(tab.active_model, 0)[3] == "up to 1.5 mg/day"


def test_a_slip_is_suggested_and_a_typed_strength_chooses_the_product(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    form = _open_add(tab)
    qtbot.keyClicks(form.drug, "sertaline")
    assert "NOT checked" in form.match.text() and "Did you mean sertraline?" in form.match.text()
    assert not form.product.isEnabled()  # never taken for sertraline
    form.drug.clear()
    qtbot.keyClicks(form.drug, "Lexapro 10 mg")
    assert "escitalopram" in form.match.text() and "NOT checked" not in form.match.text()
    assert form.product.currentText() == "10 mg tablet"
    form.drug.clear()
    qtbot.keyClicks(form.drug, "Lexapro")
    assert form.product.currentData() is None  # no strength typed: the prescriber chooses


def test_a_long_acting_injection_is_entered_every_so_many_days(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    from datetime import timedelta

    from practice_desk.ui.today import TodayView

    form = _open_add(tab)
    qtbot.keyClicks(form.drug, "Invega Sustenna")
    at = form.product.findText("Invega Sustenna 156 mg ER injection every 28 days")
    assert at >= 0, [form.product.itemText(i) for i in range(form.product.count())]
    form.product.setCurrentIndex(at)
    assert form.every_days.isVisibleTo(form) and form.every_days.value() == 28
    assert not form.as_needed.isVisibleTo(form)
    assert all(not box.isEnabled() for box in form.times.values())
    assert form.prn_amount.value() == 1
    assert "1 injection every 28 days" in form.summary.text()
    first = date.today() - timedelta(days=25)
    form.start.setDate(QDate(first.year, first.month, first.day))
    qtbot.keyClicks(form.reason, "Adherence")
    with qtbot.waitSignal(tab.changed):
        form.save_button.click()
    [order] = practice.medications(patient_id)
    assert order.details.schedule.every_days == 28
    assert order.details.directions() == "1 injection every 28 days"
    assert order.next_dose(date.today()) == date.today() + timedelta(days=3)
    today = TodayView(practice)
    qtbot.addWidget(today)
    today.refresh()
    text = today.text.text()
    assert "Injections due this week" in text
    assert long_date(date.today() + timedelta(days=3)) in text and "Invega Sustenna 156 mg" in text
    # A dose change keeps the interval and shows it.
    tab.active.selectRow(0)
    tab.change_button.click()
    change = tab.form
    assert change is not None and change.every_days.value() == 28 and change.prn_amount.value() == 1


def test_six_active_medications_are_all_in_view_at_1366_by_768(
    practice: Practice, patient_id: int, qtbot: QtBot
) -> None:
    for name in ("sertraline", "lithium", "quetiapine", "lamotrigine", "bupropion", "trazodone"):
        _start(practice, patient_id, name)
    widget = MedicationsTab(practice)
    qtbot.addWidget(widget)
    widget.resize(860, 640)  # the chart's share of a 1366 x 768 window
    widget.show()
    widget.show_patient(patient_id)
    qtbot.waitExposed(widget)
    table = widget.active
    last = table.visualRect(widget.active_model.index(5, 0))
    assert widget.active_model.rowCount() == 6
    assert table.viewport().rect().contains(last), (last, table.viewport().rect())


def test_escape_asks_before_throwing_away_a_typed_medication(
    tab: MedicationsTab, qtbot: QtBot
) -> None:
    form = _open_add(tab)
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not form.isVisible()
    form = _open_add(tab)
    qtbot.keyClicks(form.drug, "sertraline")
    asked: list[str] = []
    prompts.answers["confirm"] = lambda title, text: asked.append(title) and False
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible() and asked[0].startswith("Discard this medication?")
    prompts.answers["confirm"] = lambda title, text: True
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()


def test_locking_closes_a_typed_form_without_asking(
    practice: Practice, patient_id: int, vault_path: object, qtbot: QtBot
) -> None:
    tab = MedicationsTab(practice)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_patient(patient_id)
    form = _open_add(tab)
    qtbot.keyClicks(form.drug, "sertraline")
    prompts.answers["confirm"] = lambda title, text: pytest.fail("asked while locking")
    tab.forget()  # what a lock does to the chart
    assert not form.isVisible()


def test_interactions_show_before_a_dose_is_typed(
    practice: Practice, patient_id: int, tab: MedicationsTab, qtbot: QtBot
) -> None:
    _start(practice, patient_id, "sertraline")
    tab.show_patient(patient_id)
    form = _open_add(tab)
    qtbot.keyClicks(form.drug, "Nardil")  # no product, no dose yet
    alerts = _texts(form.alerts)
    assert any(a.startswith("✖ Contraindicated: Sertraline with phenelzine") for a in alerts)
    assert not any("Not checked" in a and "maximum" in a for a in alerts)
    prompts.answers["confirm"] = lambda title, text: True  # discard the typed form
    form.reject()
    other = practice.add_patient(patient_data(given_name="Nomeds")).id
    tab.show_patient(other)
    form = _open_add(tab)
    qtbot.keyClicks(form.drug, "sertraline")
    [only] = _texts(form.alerts)
    assert only.startswith("✓ No interactions or allergies so far; Not checked yet:")
