"""A fresh demo practice as the nurse finds it: signed in, a chart open, a Spanish handout
printed, every page marked as the demo's; she may book a visit and run the backup."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from practice_desk.practice import Practice, demo
from practice_desk.ui import prompts
from practice_desk.ui.chart.documents import DocumentsTab
from practice_desk.ui.main_window import MainWindow


@pytest.fixture
def window(tmp_path: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    path = tmp_path / "demo.pdvault"
    demo.create_demo_practice(path, patients=12, seed=2).close()
    win = MainWindow(Practice.open(path))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def test_the_nurse_prints_a_spanish_handout_marked_demo_on_every_page(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.unlock_page
    page.user.setCurrentText(demo.DEMO_NURSE)
    qtbot.keyClicks(page.password, demo.DEMO_PASSWORD)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    practice = window.practice
    assert practice.user.role.value == "nurse"
    patient_id = next(pid for pid in practice.find_patient_ids("") if practice.medications(pid))
    window._open_chart(patient_id)
    tab = window.chart.tabs["Documents"]
    assert isinstance(tab, DocumentsTab)
    window.chart.setCurrentIndex(list(window.chart.tabs).index("Documents"))
    assert "Fill in the practice" not in tab.status.text()
    tab.kind.setCurrentIndex(tab.kind.findData("handout"))
    tab.language.setCurrentIndex(tab.language.findData("es"))
    printed: list[bytes] = []
    monkeypatch.setitem(prompts.answers, "print_pdf", lambda pdf, title: printed.append(pdf))
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    [pdf] = printed
    pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) >= 1
    for text in pages:
        assert "DEMO PRACTICE - NOT VALID" in text
        assert "PRÁCTICA DE DEMOSTRACIÓN - NO VÁLIDA" in text
    assert "Demo Practice (synthetic patients)" in pages[0]


def test_the_demo_profile_passes_its_own_checks(tmp_path: Path) -> None:
    from practice_desk.domain.prescriptions import check_profile, is_valid_dea, is_valid_npi

    practice = demo.create_demo_practice(tmp_path / "d.pdvault", patients=3)
    try:
        profile = practice.practice_profile()
        assert profile is not None and profile == demo.DEMO_PROFILE
        assert is_valid_dea(profile.prescriber.dea) and is_valid_npi(profile.prescriber.npi)
        assert check_profile(profile) == []
    finally:
        practice.close()
