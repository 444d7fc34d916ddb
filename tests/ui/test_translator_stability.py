"""Translating must not leak: a long day's work translates hundreds of thousands of strings."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from practice_desk.ui.i18n import install_interface_language


def _translate_many(times: int) -> None:
    for _ in range(times):
        QCoreApplication.translate("LabsModel", "within range")
        QCoreApplication.translate("MainWindow", "%n patient(s)", "", 3)


def test_translating_keeps_every_reference(qapp: QApplication) -> None:
    # A Python QTranslator.translate override returning None used to drop one reference
    # to None per call, and the application aborted after some tens of thousands.
    before = sys.getrefcount(None)
    _translate_many(20_000)
    assert abs(sys.getrefcount(None) - before) < 100
    try:
        install_interface_language(qapp, "es")
        before = sys.getrefcount(None)
        _translate_many(20_000)
        assert abs(sys.getrefcount(None) - before) < 100
    finally:
        install_interface_language(qapp, "en")


def test_english_plurals_come_from_the_catalogue(qapp: QApplication) -> None:
    assert QCoreApplication.translate("MainWindow", "%n patient(s)", "", 1) == "1 patient"
    assert QCoreApplication.translate("MainWindow", "%n patient(s)", "", 3) == "3 patients"
