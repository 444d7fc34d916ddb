"""The Spanish interface: the catalogue covers every tr() string, and real windows speak it."""

from __future__ import annotations

import ast
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from practice_desk.practice import Practice
from practice_desk.ui.i18n import (
    LANGUAGES,
    catalogue,
    default_language,
    install_interface_language,
    installed_language,
)
from practice_desk.ui.main_window import MainWindow
from practice_desk.ui.patient_form import PatientForm
from tests.helpers import PASSWORD, patient_data

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "src" / "practice_desk" / "ui"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    """Spanish for one test, then English again so the other tests see their words."""
    assert install_interface_language(qapp, "es")
    try:
        yield
    finally:
        install_interface_language(qapp, "en")


@pytest.fixture
def window(
    practice: Practice, vault_path: Path, qtbot: QtBot, spanish: None
) -> Iterator[MainWindow]:
    practice.add_patient(patient_data())
    practice.add_patient(
        patient_data(family_name="Bramblewick", given_name="Zoë", date_of_birth="1990-12-01")
    )
    practice.add_patient(patient_data(family_name="Quillfeather", given_name="Ben"))
    practice.close()
    win = MainWindow(Practice.open(vault_path))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def _unlock(qtbot: QtBot, win: MainWindow) -> None:
    page = win.unlock_page
    page.user.setCurrentText("drsmith")
    page.password.clear()
    qtbot.keyClicks(page.password, PASSWORD)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)


def test_the_locked_window_speaks_spanish(window: MainWindow) -> None:
    assert window.menuBar().actions()[0].text() == "&Consulta"
    assert window.lock_action.text() == "B&loquear"
    assert window.unlock_page.button.text() == "&Desbloquear"
    assert window.statusBar().currentMessage() == "Bloqueado"
    assert [window.right.tabText(i) for i in range(2)] == ["&Hoy", "&Expediente"]


def test_unlocked_list_chart_and_tabs_speak_spanish(window: MainWindow, qtbot: QtBot) -> None:
    _unlock(qtbot, window)
    assert window.pages.currentWidget() is window.work_page
    assert window.count.text() == "3 pacientes"
    assert window.statusBar().currentMessage().startswith("Sesión iniciada como Dr Sam Smith")
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Nombre"
    assert "<h2>Hoy, " in window.today.text.text()
    qtbot.keyClicks(window.search, "bram")
    assert window.count.text() == "1 paciente"
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    summary = window.chart.summary.text.text()
    assert "Fecha de nacimiento: 1 dic 1990" in summary
    assert "Ningún medicamento activo" in summary

    chart = window.chart
    assert [chart.tabText(i) for i in range(chart.count())] == [
        "Resumen",
        "Medicamentos",
        "Notas",
        "Escalas",
        "Laboratorios",
        "Reducción gradual",
        "Recetas",
        "Documentos",
        "Auditoría",
    ]
    # Words that live in a base class, a mixin or a module-level helper.
    tapers = chart.tabs["Tapers"]
    assert tapers.symptoms_box.title() == "Síntomas de abstinencia en el paso actual"  # type: ignore[attr-defined]
    assert tapers.strategy.itemText(0).startswith("Hiperbólica")  # type: ignore[attr-defined]
    medications = chart.tabs["Medications"]
    assert medications.active_model.tr("%1 mg/day") == "%1 mg/día"  # type: ignore[attr-defined]
    assert medications.history_model.headerData(2, Qt.Orientation.Horizontal) == "Estado"  # type: ignore[attr-defined]
    notes = chart.tabs["Notes"]
    assert notes.template.currentText() == "Seguimiento de medicación"  # type: ignore[attr-defined]
    assert notes.new_button.text() == "&Nueva nota"  # type: ignore[attr-defined]


def test_qt_standard_buttons_are_spanish_too(
    practice: Practice, qtbot: QtBot, spanish: None
) -> None:
    form = PatientForm(practice)
    qtbot.addWidget(form)
    assert form.windowTitle() == "Nuevo paciente"
    cancel = form.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None and cancel.text().replace("&", "") == "Cancelar"
    assert [form.sex.itemText(i) for i in range(form.sex.count())] == [
        "desconocido",
        "femenino",
        "masculino",
        "intersexual",
    ]


def test_switching_back_to_english_restores_the_source_words(qapp: QApplication) -> None:
    assert install_interface_language(qapp, "es")
    assert install_interface_language(qapp, "es")  # again: replaces, does not stack
    assert installed_language() == "es"
    assert QCoreApplication.translate("MainWindow", "%n patient(s)", None, 3) == "3 pacientes"
    assert install_interface_language(qapp, "en") is False
    assert installed_language() == "en"
    assert QCoreApplication.translate("ChartView", "Summary") == "Summary"
    # The English plural fallback from ui.app answers again.
    assert QCoreApplication.translate("MainWindow", "%n patient(s)", None, 3) == "3 patients"
    with pytest.raises(ValueError, match="unknown interface language"):
        install_interface_language(qapp, "fr")


def test_the_catalogue_loads_from_the_package_resources() -> None:
    data = catalogue("es")
    assert data is not None
    translator = QTranslator()
    assert translator.load(data)
    assert translator.translate("ChartView", "Summary") == "Resumen"
    # The translator picks the Spanish form; QCoreApplication.translate fills in %n.
    assert translator.translate("MainWindow", "%n patient(s)", None, 1) == "%n paciente"
    assert translator.translate("MainWindow", "%n patient(s)", None, 3) == "%n pacientes"
    assert catalogue("xx") is None


def test_default_language_follows_the_computer() -> None:
    assert default_language(QLocale("es_MX")) == "es"
    assert default_language(QLocale("es_US")) == "es"
    assert default_language(QLocale("en_US")) == "en"
    assert default_language(QLocale("fr_CA")) == "en"
    assert default_language() in LANGUAGES


def test_every_string_is_translated_with_its_placeholders_and_tags() -> None:
    tool = _tool()
    counts = tool.survey(tool.CATALOGUE)
    assert counts.total > 700
    assert counts.unfinished == [], "run tools/update_translations.py and translate these"
    assert counts.problems == []


def test_the_catalogue_matches_the_code() -> None:
    """A new tr() string without a translation (or a stale .qm) fails here, in words."""
    assert _tool().main(["--check"]) == 0, "run tools/update_translations.py and translate"


def test_no_tr_call_hides_inside_an_f_string() -> None:
    """lupdate does not read f-string expressions, so a string there is never translated."""
    hidden = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                func = call.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                text = {"tr": 0, "translate": 1}.get(name)
                if (
                    text is not None
                    and len(call.args) > text
                    and isinstance(call.args[text], ast.Constant)
                ):
                    hidden.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert hidden == []
