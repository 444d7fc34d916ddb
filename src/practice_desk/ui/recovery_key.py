"""The recovery key shown once, with its Recovery Sheet to print or save.

Used by the setup wizard and, later, when a prescriber makes a new recovery key: the
key is never shown again, so closing asks first until the sheet was printed or saved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from practice_desk.practice import Practice, write_private
from practice_desk.ui import prompts
from practice_desk.ui.naming import named


class RecoveryKeyPanel(QWidget):
    """The key in large type, Print and Save buttons, and "I have stored it"."""

    def __init__(self, sheet: Callable[[], bytes], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sheet = sheet
        self.key = named(QLabel(), "setup_recovery_key")
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.key.setFont(font)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setAccessibleName(self.tr("Recovery key"))
        self.print_button = named(
            QPushButton(self.tr("&Print the Recovery Sheet…")), "setup_print_sheet"
        )
        self.save_button = named(
            QPushButton(self.tr("Sa&ve the Recovery Sheet as PDF…")), "setup_save_sheet"
        )
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.status = named(QLabel(), "setup_sheet_status")
        self.status.setWordWrap(True)
        self.stored = named(
            QCheckBox(
                self.tr(
                    "I have printed or saved the Recovery Sheet and will keep it somewhere safe"
                )
            ),
            "setup_sheet_stored",
        )
        self.stored.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.key)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.stored)

    def show_key(self, recovery_key: str) -> None:
        groups = recovery_key.split("-")
        self.key.setText("  ".join(groups[:4]) + "\n" + "  ".join(groups[4:]))

    def _on_print_clicked(self) -> None:
        if prompts.print_pdf(self, self._sheet(), self.tr("Recovery Sheet")):
            self.status.setText(self.tr("The Recovery Sheet was sent to the printer."))
            self.stored.setEnabled(True)

    def _on_save_clicked(self) -> None:
        chosen = prompts.save_file(
            self,
            self.tr("Save the Recovery Sheet"),
            "recovery-sheet.pdf",
            self.tr("PDF (*.pdf)"),
        )
        if not chosen:
            return
        try:
            write_private(Path(chosen), self._sheet())
        except OSError as exc:
            self.status.setText(
                self.tr("The sheet could not be saved there (%1). Choose another place.").replace(
                    "%1", exc.strerror or type(exc).__name__
                )
            )
            return
        self.status.setText(
            self.tr(
                "Saved to %1. Anyone with this file can open the records: copy it to a USB "
                "stick kept locked away, print it, then delete it from this computer."
            ).replace("%1", chosen)
        )
        self.stored.setEnabled(True)


class NewRecoveryKeyDialog(QDialog):
    """A new recovery key, made by a prescriber: shown once, with its new Recovery Sheet."""

    def __init__(
        self, practice: Practice, recovery_key: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("new_recovery_key_dialog")
        self.setWindowTitle(self.tr("New recovery key"))
        self._practice, self._recovery_key = practice, recovery_key
        intro = QLabel(
            self.tr(
                "This is the practice's new recovery key. The old one, and every Recovery "
                "Sheet printed before, no longer opens the practice (backups made before now "
                "still open with the old one). It is shown once: print or save the new "
                "Recovery Sheet and keep it locked away, apart from this laptop and the "
                "backups."
            )
        )
        intro.setWordWrap(True)
        self.panel = RecoveryKeyPanel(self._sheet, self)
        self.panel.show_key(recovery_key)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.panel)
        layout.addWidget(self.buttons)

    def _sheet(self) -> bytes:
        return self._practice.recovery_sheet_pdf(self._recovery_key)

    def reject(self) -> None:
        if not self.panel.stored.isChecked():
            question = self.tr(
                "The new recovery key will not be shown again. Close without printing or "
                "saving the Recovery Sheet?"
            )
            if not prompts.confirm(self, self.tr("New recovery key"), question):
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.reject()
