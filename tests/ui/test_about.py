"""Help > About: the version, the libraries' versions and the licences a user may ask for."""

from __future__ import annotations

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from practice_desk import __version__
from practice_desk.ui.about import show_about


def _rows(form: QFormLayout) -> dict[str, str]:
    rows = {}
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        value_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        assert label_item is not None and value_item is not None
        label, value = label_item.widget(), value_item.widget()
        assert isinstance(label, QLabel) and isinstance(value, QLabel)
        rows[label.text().rstrip(":")] = value.text()
    return rows


def test_about_shows_the_version_and_every_component(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = show_about(parent)
    assert dialog.isVisible() and dialog.windowTitle() == "About Practice Desk"
    assert __version__ in dialog.title.text()
    layout = dialog.versions.layout()
    assert isinstance(layout, QFormLayout)
    rows = _rows(layout)
    assert list(rows)[:2] == ["Qt", "PySide6"] and rows["Qt"] == qVersion()
    for name in ("Python", "SQLCipher", "SQLite", "OpenSSL", "ReportLab"):
        assert rows.get(name), name
    assert rows["SQLCipher"].startswith("4.")

    with qtbot.waitSignal(dialog.finished):
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Close).click()


def test_about_shows_the_third_party_notices_read_only(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = show_about(parent)
    notices = dialog.notices
    assert notices.isReadOnly()
    text = notices.toPlainText()
    assert "GNU Lesser General Public License version 3" in text and "LGPL" in text
    assert "SQLCipher" in text and "Zetetic" in text
    for component in ("PySide6", "OpenSSL", "ReportLab", "DejaVu", "Qt Print Support"):
        assert component in text, component
    assert "does not use or ship Qt Charts" in text  # GPL-3.0 or commercial only
    dialog.close()
