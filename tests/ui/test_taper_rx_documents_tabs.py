"""The Tapers, Prescriptions and Documents tabs driven as a clinician would."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from practice_desk.domain import formulary
from practice_desk.domain.regimens import DoseSchedule, Order, details_for
from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.chart.documents import DocumentsTab
from practice_desk.ui.chart.prescriptions import PrescriptionsTab
from practice_desk.ui.chart.tapers import TapersTab
from tests.helpers import NURSE_PASSWORD, patient_data
from tests.practice.test_prescribing import ADDRESS, PROFILE


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def _order(
    practice: Practice, patient_id: int, drug_id: str, strength: float, **times: float
) -> Order:
    drug = formulary.load().drugs[drug_id]
    product = next(
        p for p in drug.products if p.strength_mg == strength and p.form.value == "tablet"
    )
    order, _ = practice.start_medication(
        patient_id, details_for(drug, product=product, schedule=DoseSchedule(**times))
    )
    return order


@pytest.fixture
def chart(practice: Practice) -> tuple[Practice, int, Order]:
    """A patient with an address on sertraline 100 mg each morning; the profile is filled in."""
    practice.save_practice_profile(PROFILE)
    patient = practice.add_patient(patient_data(address=ADDRESS))
    return practice, patient.id, _order(practice, patient.id, "sertraline", 100, morning=1)


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bytes, str]]:
    """What the tabs sent to the printer (the print dialog answered "Print")."""
    sent: list[tuple[bytes, str]] = []

    def capture(pdf: bytes, title: str) -> bool:
        sent.append((pdf, title))
        return True

    monkeypatch.setitem(prompts.answers, "print_pdf", capture)
    return sent


T = TypeVar("T", TapersTab, PrescriptionsTab, DocumentsTab)


def _open(kind: type[T], practice: Practice, patient_id: int, qtbot: QtBot) -> T:
    """The tab on a patient's chart; like the chart, it is reloaded after any tab saves."""
    tab = kind(practice)
    qtbot.addWidget(tab)
    tab.changed.connect(lambda: tab.show_patient(patient_id))
    tab.show_patient(patient_id)
    return tab


def _as_nurse(practice: Practice) -> None:
    practice.add_user("nurse1", "Nurse One", "nurse", NURSE_PASSWORD)
    practice.lock()
    practice.unlock("nurse1", NURSE_PASSWORD)


# --- tapers ---------------------------------------------------------------------------------


def test_the_symptom_log_offers_the_drug_class_checklist(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    practice, patient_id, sertraline = chart
    clonazepam = _order(practice, patient_id, "clonazepam", 1, morning=1, bedtime=1)
    for order, percent in ((sertraline, 25), (clonazepam, 10)):
        taper = practice.plan_taper(order.id, step_percent=percent)
        practice.start_taper(patient_id, taper, order_id=order.id)
    tab = _open(TapersTab, practice, patient_id, qtbot)
    shown = {k for k, c in tab.symptom_checks.items() if c.isVisibleTo(tab)}
    first = tab._current_taper().plan.drug_id
    tab.taper_choice.setCurrentIndex(1)
    other = {k for k, c in tab.symptom_checks.items() if c.isVisibleTo(tab)}
    by_drug = {first: shown, tab._current_taper().plan.drug_id: other}
    assert {"electric", "dizziness"} <= by_drug["sertraline"]
    assert "seizure" not in by_drug["sertraline"]
    assert {"seizure", "sensory", "tremor"} <= by_drug["clonazepam"]
    assert "electric" not in by_drug["clonazepam"]


def test_plan_and_start_a_sertraline_taper(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    practice, patient_id, _ = chart
    tab = _open(TapersTab, practice, patient_id, qtbot)
    assert "sertraline 100 mg tablet" in tab.medication.currentText()
    assert "Antidepressants" in tab.why.text()  # the suggested settings, with their reason
    assert tab.percent.value() == 25 and tab.interval.value() == 28
    preview = tab.preview_model
    assert preview.rowCount() > 5
    first = [preview.index(0, c).data() for c in range(preview.columnCount())]
    assert first[1] == f"{date.today().day} {date.today():%b %Y}"
    assert first[3:5] == ["75 mg", "75 mg"] and first[6] == "25 %"
    assert "tablet" in first[5]
    assert "Warnings" in tab.warnings.text()  # the concentrate from step 5, and the final stop

    tab.percent.setValue(10)  # a gentler plan is previewed at once
    assert preview.rowCount() > 10
    assert preview.index(0, 4).data() == "92 mg"  # 4.6 mL: whole marks of a 5 mL syringe

    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    [taper] = practice.tapers(patient_id)
    assert taper.plan.step_percent == 10
    assert tab.active_box.isVisibleTo(tab)
    assert tab.steps_model.index(0, 0).data().startswith("▶ 1")
    assert tab.steps_model.index(1, 0).data() == "2"
    assert "step 1 of" in tab.summary.text() and "92 mg a day" in tab.summary.text()
    assert "taper in progress" in tab.medication.currentText()


def test_severe_symptoms_suggest_holding_and_hold_moves_the_next_step(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    practice, patient_id, order = chart
    practice.start_taper(patient_id, practice.plan_taper(order.id), order_id=order.id)
    tab = _open(TapersTab, practice, patient_id, qtbot)
    tab.symptom_checks["dizziness"].setChecked(True)
    tab.symptom_checks["electric"].setChecked(True)
    tab.severity.setValue(7)
    assert "7 out of 10 (severe)" in tab.severity_text.text()
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.log_button, Qt.MouseButton.LeftButton)
    assert "Hold suggested" in tab.advice.text() and "Consider holding" in tab.advice.text()
    assert "severity 7/10" in tab.log_history.text()
    assert not tab.symptom_checks["dizziness"].isChecked()

    [taper] = practice.tapers(patient_id)
    second = taper.plan.steps[1].start
    tab.stay_days.setValue(14)
    tab.reason.setText("symptoms at 7/10")
    qtbot.mouseClick(tab.hold_button, Qt.MouseButton.LeftButton)
    [held] = practice.tapers(patient_id)
    assert held.plan.steps[1].start == second + timedelta(days=14)
    assert [e.kind for e in practice.taper_events(taper.id)][-1] == "hold"
    assert tab.steps_model.index(1, 1).data() == f"{held.plan.steps[1].start.day} " + (
        f"{held.plan.steps[1].start:%b %Y}"
    )


def test_mild_symptoms_record_without_a_hold(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    practice, patient_id, order = chart
    practice.start_taper(patient_id, practice.plan_taper(order.id), order_id=order.id)
    tab = _open(TapersTab, practice, patient_id, qtbot)
    tab.severity.setValue(2)
    qtbot.mouseClick(tab.log_button, Qt.MouseButton.LeftButton)
    assert "No hold suggested" in tab.advice.text()


def test_step_back_on_the_first_step_is_refused_in_words(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    practice, patient_id, order = chart
    practice.start_taper(patient_id, practice.plan_taper(order.id), order_id=order.id)
    tab = _open(TapersTab, practice, patient_id, qtbot)
    qtbot.mouseClick(tab.back_button, Qt.MouseButton.LeftButton)
    assert "no earlier dose" in tab.action_error.text()


def test_a_nurse_logs_symptoms_but_cannot_start_or_change_a_taper(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    practice, patient_id, order = chart
    practice.start_taper(patient_id, practice.plan_taper(order.id), order_id=order.id)
    _as_nurse(practice)
    tab = _open(TapersTab, practice, patient_id, qtbot)
    assert not tab.start_button.isEnabled() and not tab.hold_button.isEnabled()
    assert "prescriber" in tab.hold_button.toolTip()
    tab.severity.setValue(6)
    qtbot.mouseClick(tab.log_button, Qt.MouseButton.LeftButton)
    assert "Consider holding" in tab.advice.text()


# --- prescriptions --------------------------------------------------------------------------


def test_write_preview_print_reprint_and_void(
    chart: tuple[Practice, int, Order],
    qtbot: QtBot,
    printed: list[tuple[bytes, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    practice, patient_id, _ = chart
    tab = _open(PrescriptionsTab, practice, patient_id, qtbot)
    assert tab.directions.text() == "1 tablet in the morning"
    assert tab.quantity.value() == 30  # 1 a day for the 30 days' supply
    tab.days.setValue(90)
    assert tab.quantity.value() == 90
    tab.refills.setValue(1)
    tab.directions.setText("1 tablet by mouth each morning")
    assert not tab.series.isVisibleTo(tab)  # only for Schedule II

    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.write_button, Qt.MouseButton.LeftButton)
    assert tab.error.text() == ""
    assert tab.preview.page_count == 1 and tab.print_button.isEnabled()
    assert not printed  # previewing is not printing
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    [(pdf, title)] = printed
    assert _text(pdf) == _text(tab.preview.pdf)  # what was seen is what was printed
    text = _text(pdf)
    assert "sertraline" in text and "1 tablet by mouth each morning" in text
    assert "Quantity: 90 (ninety) tablets" in text and "COPY" not in text
    [(rx, _)] = practice.prescription_log(patient_id)
    assert title == f"Prescription #{rx.serial:06d}"
    assert tab.log_model.index(0, 0).data() == f"{rx.serial:06d}"
    assert tab.log_model.index(0, 4).data() == "printed"

    tab.log.selectRow(0)
    qtbot.mouseClick(tab.reprint_button, Qt.MouseButton.LeftButton)
    assert "COPY" in _text(printed[-1][0])
    assert "reprinted" in tab.log_model.index(0, 5).data()

    asked: list[str] = []
    monkeypatch.setitem(prompts.answers, "ask_text", lambda title, label: "wrong quantity")
    monkeypatch.setitem(prompts.answers, "confirm", lambda title, text: asked.append(text) or True)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.void_button, Qt.MouseButton.LeftButton)
    assert asked and "never be printed again" in asked[0]
    assert tab.log_model.index(0, 4).data() == "VOIDED: wrong quantity"
    assert "wrong quantity" in tab.log_model.index(0, 5).data()

    count = len(printed)
    tab.log.selectRow(0)
    qtbot.mouseClick(tab.reprint_button, Qt.MouseButton.LeftButton)
    assert "was voided and cannot be printed again" in tab.log_error.text()
    assert len(printed) == count


def test_write_from_the_taper_step_in_force(
    chart: tuple[Practice, int, Order], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice, patient_id, order = chart
    tab = _open(PrescriptionsTab, practice, patient_id, qtbot)
    assert not tab.taper_button.isVisibleTo(tab)  # no taper yet
    today = date.today()
    plan = practice.plan_taper(
        order.id, start=today, strategy="hyperbolic", step_percent=25, allow_liquid=False
    )
    taper = practice.start_taper(patient_id, plan, order_id=order.id)
    tab.show_patient(patient_id)
    assert tab.taper_button.isVisibleTo(tab) and tab.taper_step.isVisibleTo(tab)
    total = len(taper.plan.steps)
    end = today + timedelta(days=27)
    assert tab.taper_step.text() == (
        f"Step 1 of {total}: 75 mg a day from {today.day} {today:%b %Y} to {end.day} {end:%b %Y}"
    )

    asked: list[str] = []
    monkeypatch.setitem(prompts.answers, "confirm", lambda title, text: asked.append(text) or False)
    qtbot.mouseClick(tab.taper_button, Qt.MouseButton.LeftButton)
    assert f"step 1 of {total} of the sertraline taper" in asked[0]
    assert "sertraline 50 mg tablet: 28 tablets for 28 days" in asked[0]
    assert "sertraline 25 mg tablet: 28 tablets for 28 days" in asked[0]
    assert practice.prescription_log(patient_id) == []  # declined: nothing written

    monkeypatch.setitem(prompts.answers, "confirm", lambda title, text: True)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.taper_button, Qt.MouseButton.LeftButton)
    assert tab.error.text() == ""
    log = practice.prescription_log(patient_id)
    first = min(rx.serial for rx, _ in log)
    assert sorted(rx.rx.strength for rx, _ in log) == ["25 mg", "50 mg"]
    assert tab._selected_serial() == first  # ready to preview and print
    assert tab.preview.page_count == 2 and tab.print_button.isEnabled()
    text = " ".join(_text(practice.preview_prescriptions([first])).split())
    assert "Each day take 1 x 50 mg tablet + 1 x 25 mg tablet in the morning (75 mg a day)" in text


def test_a_taper_that_has_stopped_offers_nothing_to_prescribe(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    practice, patient_id, order = chart
    plan = practice.plan_taper(
        order.id,
        start=date.today() - timedelta(days=200),
        step_percent=50,
        interval_days=28,
        allow_liquid=False,
    )
    practice.start_taper(patient_id, plan, order_id=order.id)
    tab = _open(PrescriptionsTab, practice, patient_id, qtbot)
    # The taper has reached its stop: sertraline is no longer taken, so nothing is offered.
    assert tab.medication.count() == 0 and not tab.write_button.isEnabled()
    assert "No active medication" in tab.error.text()
    assert practice.prescription_log(patient_id) == []


def test_declining_the_void_keeps_the_prescription(
    chart: tuple[Practice, int, Order], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice, patient_id, order = chart
    practice.write_prescription(order.id, quantity=30, days_supply=30)
    tab = _open(PrescriptionsTab, practice, patient_id, qtbot)
    monkeypatch.setitem(prompts.answers, "ask_text", lambda title, label: "duplicate")
    monkeypatch.setitem(prompts.answers, "confirm", lambda title, text: False)
    qtbot.mouseClick(tab.void_button, Qt.MouseButton.LeftButton)
    assert tab.log_model.index(0, 4).data() == "written, not printed"


def test_schedule_ii_refills_refused_in_words_and_a_series_written(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    practice, patient_id, _ = chart
    _order(practice, patient_id, "methylphenidate", 10, morning=1, noon=1)
    tab = _open(PrescriptionsTab, practice, patient_id, qtbot)
    tab.medication.setCurrentIndex(
        tab.medication.findText("methylphenidate", Qt.MatchFlag.MatchStartsWith)
    )
    assert "Schedule II" in tab.schedule.text() and tab.series.isVisibleTo(tab)
    assert tab.quantity.value() == 60
    tab.refills.setValue(1)
    qtbot.mouseClick(tab.write_button, Qt.MouseButton.LeftButton)
    assert "cannot have refills" in tab.error.text()
    assert practice.prescription_log(patient_id) == []

    tab.refills.setValue(0)
    tab.series.setValue(3)
    qtbot.mouseClick(tab.write_button, Qt.MouseButton.LeftButton)
    assert tab.preview.page_count == 3
    assert tab.log_model.rowCount() == 3


def test_zero_quantity_is_refused_in_words(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    practice, patient_id, _ = chart
    tab = _open(PrescriptionsTab, practice, patient_id, qtbot)
    tab.quantity.setValue(0)
    qtbot.mouseClick(tab.write_button, Qt.MouseButton.LeftButton)
    assert tab.error.text().startswith("Quantity:")
    assert practice.prescription_log(patient_id) == []


def test_a_nurse_sees_no_prescribing_controls(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    practice, patient_id, _ = chart
    _as_nurse(practice)
    tab = _open(PrescriptionsTab, practice, patient_id, qtbot)
    assert "Prescribing is for prescribers" in tab.message.text()
    assert tab.work is None
    assert tab.findChildren(QPushButton) == []


def test_prescription_log_model(
    chart: tuple[Practice, int, Order], qtbot: QtBot, qtmodeltester: Any
) -> None:
    practice, patient_id, order = chart
    [rx] = practice.write_prescription(order.id, quantity=30, days_supply=30)
    practice.void_prescription(rx.serial, "test")
    tab = _open(PrescriptionsTab, practice, patient_id, qtbot)
    qtmodeltester.check(tab.log_model)


def test_taper_steps_model(
    chart: tuple[Practice, int, Order], qtbot: QtBot, qtmodeltester: Any
) -> None:
    practice, patient_id, order = chart
    practice.start_taper(patient_id, practice.plan_taper(order.id), order_id=order.id)
    tab = _open(TapersTab, practice, patient_id, qtbot)
    qtmodeltester.check(tab.steps_model)
    qtmodeltester.check(tab.preview_model)


# --- documents ------------------------------------------------------------------------------


def _choose(tab: DocumentsTab, kind: str, language: str = "en") -> None:
    tab.kind.setCurrentIndex(tab.kind.findData(kind))
    tab.language.setCurrentIndex(tab.language.findData(language))


def test_documents_print_a_spanish_handout(
    chart: tuple[Practice, int, Order], qtbot: QtBot, printed: list[tuple[bytes, str]]
) -> None:
    practice, patient_id, _ = chart
    tab = _open(DocumentsTab, practice, patient_id, qtbot)
    _choose(tab, "handout", "es")
    assert tab.drug.currentData() == "sertraline"  # the patient's own medication first
    assert not tab.print_button.isEnabled()
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    assert tab.preview.page_count >= 1
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    [(pdf, title)] = printed
    assert "Para qué sirve" in _text(pdf) and "sertraline" in title
    assert "sent to the printer" in tab.status.text()

    tab.language.setCurrentIndex(tab.language.findData("en"))  # a change needs a new preview
    assert not tab.print_button.isEnabled() and tab.preview.pdf == b""


def test_save_as_pdf_warns_first_and_writes_only_when_confirmed(
    chart: tuple[Practice, int, Order],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    practice, patient_id, _ = chart
    tab = _open(DocumentsTab, practice, patient_id, qtbot)
    _choose(tab, "visit_summary")
    tab.instructions.setPlainText("Take the new dose each morning.")
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    assert "Take the new dose each morning." in _text(tab.preview.pdf)

    calls: list[str] = []
    out = tmp_path / "out"
    out.mkdir()
    target = out / "summary"
    monkeypatch.setitem(
        prompts.answers, "confirm", lambda title, text: calls.append(f"confirm:{text}") or False
    )
    monkeypatch.setitem(
        prompts.answers,
        "save_file",
        lambda title, suggested, filter_text: calls.append(f"save:{suggested}") or str(target),
    )
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert len(calls) == 1 and "NOT be encrypted" in calls[0]
    assert not list(out.iterdir()) and tab.status.text() == "Not saved."

    monkeypatch.setitem(
        prompts.answers, "confirm", lambda title, text: calls.append("confirm") or True
    )
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert calls[1:] == ["confirm", f"save:visit-summary-{date.today().isoformat()}-en.pdf"]
    saved = out / "summary.pdf"
    assert saved.read_bytes() == tab.preview.pdf
    assert saved.stat().st_mode & 0o777 == 0o600  # the owner's eyes only
    assert "not encrypted" in tab.status.text()


def test_taper_calendar_needs_a_taper_then_prints_it(
    chart: tuple[Practice, int, Order], qtbot: QtBot, printed: list[tuple[bytes, str]]
) -> None:
    practice, patient_id, order = chart
    tab = _open(DocumentsTab, practice, patient_id, qtbot)
    _choose(tab, "taper_calendar")
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    assert "no taper in progress" in tab.error.text()
    assert not tab.print_button.isEnabled()

    practice.start_taper(patient_id, practice.plan_taper(order.id), order_id=order.id)
    tab.show_patient(patient_id)
    _choose(tab, "taper_calendar")
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert "sertraline" in _text(printed[-1][0]).lower()


def test_clear_forgets_the_patient(chart: tuple[Practice, int, Order], qtbot: QtBot) -> None:
    practice, patient_id, order = chart
    practice.start_taper(patient_id, practice.plan_taper(order.id), order_id=order.id)
    tapers, rx, docs = TapersTab(practice), PrescriptionsTab(practice), DocumentsTab(practice)
    for tab in (tapers, rx, docs):
        qtbot.addWidget(tab)
        tab.show_patient(patient_id)
        tab.clear()
    assert tapers.steps_model.rowCount() == 0 and tapers.medication.count() == 0
    assert not tapers.active_box.isVisibleTo(tapers)
    assert rx.log_model.rowCount() == 0 and rx.pages.currentWidget() is rx.message
    assert docs.drug.count() == 0 and not docs.preview_button.isEnabled()


def test_ctrl_p_prints_the_document_in_view_and_ctrl_s_saves_the_note(
    chart: tuple[Practice, int, Order], qtbot: QtBot, printed: list[tuple[bytes, str]]
) -> None:
    from practice_desk.ui.main_window import MainWindow

    practice, patient_id, _ = chart
    window = MainWindow(practice)
    qtbot.addWidget(window)
    window.enter_unlocked()
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert window.save_action.shortcut().toString() == "Ctrl+S"
    window.print_action.trigger()  # the Today page: nothing to print, and it says so
    assert "Nothing to print here" in window.statusBar().currentMessage()

    window._open_chart(patient_id)
    documents = window.chart.tabs["Documents"]
    assert isinstance(documents, DocumentsTab)
    window.chart.setCurrentIndex(list(window.chart.tabs).index("Documents"))
    _choose(documents, "medication_list")
    window.print_action.trigger()  # previews the chosen document, then prints it
    [(pdf, _title)] = printed
    assert "sertraline" in _text(pdf)

    notes = window.chart.tabs["Notes"]
    window.chart.setCurrentIndex(list(window.chart.tabs).index("Notes"))
    notes.new_note()  # type: ignore[attr-defined]
    notes.editor.symptoms.setPlainText("Saved with Ctrl+S")  # type: ignore[attr-defined]
    window.save_action.trigger()
    assert [n.content.symptoms for n in practice.notes(patient_id)] == ["Saved with Ctrl+S"]
    assert window.statusBar().currentMessage() == "Saved"
    window.close()


def test_a_cancelled_print_dialog_leaves_the_prescription_unprinted(
    chart: tuple[Practice, int, Order], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice, patient_id, _ = chart
    tab = _open(PrescriptionsTab, practice, patient_id, qtbot)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.write_button, Qt.MouseButton.LeftButton)
    monkeypatch.setitem(prompts.answers, "print_pdf", lambda pdf, title: False)  # Cancel
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    [(rx, events)] = practice.prescription_log(patient_id)
    assert [e.kind for e in events] == ["written"] and rx.first_printed_at is None
    monkeypatch.setitem(prompts.answers, "print_pdf", lambda pdf, title: True)
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    [(rx, events)] = practice.prescription_log(patient_id)
    assert [e.kind for e in events] == ["written", "printed"]
    assert "COPY" not in _text(tab.preview.pdf)  # the first print is the original


def test_during_a_taper_the_chart_shows_the_step_as_the_dose(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    from practice_desk.ui.chart.medications import MedicationsTab
    from practice_desk.ui.chart.summary import SummaryTab

    practice, _, _ = chart
    patient_id = practice.add_patient(patient_data(given_name="Tapering")).id
    drug = formulary.load().drugs["sertraline"]
    tablet = next(p for p in drug.products if p.strength_mg == 100 and p.form == "tablet")
    order, _ = practice.start_medication(
        patient_id,
        details_for(drug, product=tablet, schedule=DoseSchedule(morning=1)),
        start=date.today() - timedelta(days=365),
    )
    plan = practice.plan_taper(
        order.id, start=date.today() - timedelta(days=30), step_percent=25, interval_days=28
    )
    practice.start_taper(patient_id, plan, order_id=order.id)
    total = len(plan.steps)

    summary = SummaryTab(practice)
    qtbot.addWidget(summary)
    summary.show_patient(patient_id)
    text = summary.text.text()
    assert "(62.5 mg/day)" in text and f"Taper step 2 of {total}" in text
    assert "(100 mg/day)" not in text  # the pre-taper order is not shown as today's dose

    meds = MedicationsTab(practice)
    qtbot.addWidget(meds)
    meds.show_patient(patient_id)
    active = meds.active.model()
    assert active.rowCount() == 1
    row = [active.index(0, c).data() for c in range(active.columnCount())]
    assert any("62.5" in str(cell) for cell in row) and not any("100" in str(c) for c in row)
    model = meds.history_model
    history = sorted((model.order(r) for r in range(model.rowCount())), key=lambda o: o.start)
    assert [o.reason for o in history[1:]] == [
        f"taper step 1 of {total}",
        f"taper step 2 of {total}",
    ]
    assert [o.details.daily_mg for o in history] == [100, 75, 62.5]


def test_compounding_and_capsule_opening_are_choices_in_the_planner(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    practice, patient_id, sertraline = chart
    practice.stop_medication(sertraline.id, row_version=sertraline.row_version, reason="switch")
    drug = formulary.load().drugs["venlafaxine"]
    capsule = next(p for p in drug.products if p.form == "capsule" and p.strength_mg == 150)
    practice.start_medication(
        patient_id, details_for(drug, product=capsule, schedule=DoseSchedule(morning=1))
    )
    tab = _open(TapersTab, practice, patient_id, qtbot)
    assert tab.allow_compounding.isChecked() and not tab.allow_opening.isChecked()
    preview = tab.preview_model
    assert "compounded by the pharmacy" in preview.index(0, 5).data()
    tab.allow_compounding.setChecked(False)
    assert "compounded" not in " ".join(
        str(preview.index(r, 5).data()) for r in range(preview.rowCount())
    )
    tab.allow_opening.setChecked(True)
    hows = [str(preview.index(r, 5).data()) for r in range(preview.rowCount())]
    assert any("of the beads of a" in how for how in hows)
    assert "Off-label" in tab.warnings.text()


def test_the_planner_keeps_the_order_times_or_the_ones_ticked(
    chart: tuple[Practice, int, Order], qtbot: QtBot
) -> None:
    practice, patient_id, _ = chart
    tab = _open(TapersTab, practice, patient_id, qtbot)
    checks = tab.dose_times.checks
    assert [k for k, c in checks.items() if c.isChecked()] == ["morning"]  # from the order
    first = tab.preview_model.index(0, 5).data()
    assert first.startswith("In the morning:") and "bedtime" not in first
    checks["bedtime"].setChecked(True)
    first = tab.preview_model.index(0, 5).data()
    assert first.startswith("In the morning:") and "; at bedtime:" in first
    for check in checks.values():
        check.setChecked(False)
    assert "once a day" in tab.dose_times.note.text()
    assert not tab.preview_model.index(0, 5).data().startswith("In the morning")


def test_the_planner_opens_on_a_psychiatric_medication_and_says_when_there_is_none(
    practice: Practice, qtbot: QtBot
) -> None:
    patient = practice.add_patient(patient_data(given_name="Lise"))
    _order(practice, patient.id, "lisinopril", 10, morning=1)  # started first
    _order(practice, patient.id, "sertraline", 50, morning=1)
    tab = _open(TapersTab, practice, patient.id, qtbot)
    assert tab.medication.currentText().startswith("sertraline")
    assert "No psychiatric medication" not in tab.heading.text()
    only = practice.add_patient(patient_data(given_name="Onlylis"))
    _order(practice, only.id, "lisinopril", 10, morning=1)
    tab.show_patient(only.id)
    assert tab.medication.currentText().startswith("lisinopril")
    assert "No psychiatric medication is active; the others are offered." in tab.heading.text()


@pytest.mark.parametrize("width", [600, 1100])
def test_how_to_take_keeps_its_room_however_narrow_the_tab(
    chart: tuple[Practice, int, Order], qtbot: QtBot, width: int
) -> None:
    from practice_desk.ui.chart.taper_widgets import HOW_COLUMN, HOW_MIN_WIDTH

    practice, patient_id, _ = chart
    tab = _open(TapersTab, practice, patient_id, qtbot)
    tab.resize(width, 900)
    tab.show()
    qtbot.waitExposed(tab)
    table = tab.preview
    assert table.model().rowCount() > 0
    how = table.horizontalHeader().sectionSize(HOW_COLUMN)
    assert how >= HOW_MIN_WIDTH
    others = sum(
        table.horizontalHeader().sectionSize(c)
        for c in range(table.model().columnCount())
        if c != HOW_COLUMN
    )
    if width >= 1100:  # room to spare: the column takes the rest, no sideways scrolling
        assert how + others >= table.viewport().width() - 2
