"""After a recovery-key unlock: choose a user and give them a new password."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain.errors import PracticeError
from practice_desk.practice import Practice
from practice_desk.ui.naming import named


class ResetPasswordDialog(QDialog):
    """Refuses to close until a password is set or the user cancels."""

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
        self.setObjectName("reset_password_dialog")
        self.setWindowTitle(self.tr("Set a new password"))
        intro = QLabel(
            self.tr(
                "You unlocked the practice with the recovery key. Choose whose password to "
                "replace and type the new one twice. Everything else stays as it was."
            )
        )
        intro.setWordWrap(True)
        self.user = named(QComboBox(), "reset_user")
        self.user.addItems([u.username for u in practice.users()])
        self.user.setAccessibleName(self.tr("User"))
        self.password = named(QLineEdit(), "reset_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("New password"))
        self.repeat = named(QLineEdit(), "reset_repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("Repeat the new password"))
        self.error = named(QLabel(), "reset_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("&New password:"), self.password)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @property
    def username(self) -> str:
        return self.user.currentText()

    def _on_buttons_accepted(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("The two passwords differ. Type them again."))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        try:
            self._practice.reset_password(self.username, self.password.text())
        except PracticeError as exc:
            self.error.setText(str(exc))
            self.password.setFocus()
            return
        self.accept()
