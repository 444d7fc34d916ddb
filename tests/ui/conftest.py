"""Widgets under test see the same words as a user: English plurals installed as in the app."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from practice_desk.ui.i18n import install_english_plurals


@pytest.fixture(autouse=True)
def _english_plurals(qapp: QApplication) -> None:
    install_english_plurals(qapp)
