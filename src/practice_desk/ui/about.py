"""Help > About: the version, the libraries underneath, and their licences.

The notices are the same file every bundle ships (THIRD-PARTY-NOTICES.txt), so what a
user reads here is what the licences require to travel with the program.
"""

from __future__ import annotations

from importlib import resources

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from practice_desk import __version__
from practice_desk.practice.versions import component_versions, third_party_notices
from practice_desk.ui.naming import named


def versions() -> dict[str, str]:
    """Every component's version, Qt's included, in the order the dialog lists them."""
    found = component_versions()
    found.pop("Practice Desk", None)
    return {"Qt": qVersion(), "PySide6": PySide6.__version__, **found}


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About Practice Desk"))
        self.resize(640, 600)

        icon = QLabel()
        pixmap = QPixmap()
        pixmap.loadFromData(
            resources.files("practice_desk.resources")
            .joinpath("icons/practice-desk-128.png")
            .read_bytes()
        )
        icon.setPixmap(pixmap.scaled(96, 96, mode=Qt.TransformationMode.SmoothTransformation))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = named(
            QLabel(self.tr("<b>Practice Desk</b> %1").replace("%1", __version__)), "about_title"
        )
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setStyleSheet("font-size: 16pt")
        summary = QLabel(
            self.tr(
                "Offline, encrypted medication management for small psychiatric practices. "
                "It makes no network connection: the practice file, its key file and its "
                "backups stay where you put them."
            )
        )
        summary.setWordWrap(True)

        self.versions = named(QWidget(), "about_versions")
        form = QFormLayout(self.versions)
        form.setContentsMargins(0, 0, 0, 0)
        for name, version in versions().items():
            value = QLabel(version)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{name}:", value)

        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(summary)
        heading.addWidget(self.versions)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(heading, 1)

        licences = QLabel(
            self.tr(
                "Practice Desk is built on open-source components, each under its own "
                "licence. Qt and PySide6 are used under the GNU LGPL version 3 as separate, "
                "replaceable libraries. The notices below say which components are inside, "
                "under which licence, and where their source code is."
            )
        )
        licences.setWordWrap(True)
        self.notices = named(QPlainTextEdit(), "about_notices")
        self.notices.setReadOnly(True)
        self.notices.setPlainText(third_party_notices())
        self.notices.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.notices.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.notices.setAccessibleName(self.tr("Third-party notices"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(licences)
        layout.addWidget(self.notices, 1)
        layout.addWidget(buttons)


def show_about(parent: QWidget | None) -> AboutDialog:
    """Open the About box over parent (window-modal, so the caller does not wait) and return it."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
