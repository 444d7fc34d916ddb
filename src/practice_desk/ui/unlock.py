"""The unlock form: user and password, or the recovery key."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain.errors import PracticeError
from practice_desk.practice import Practice
from practice_desk.ui.naming import named


class _PasswordEdit(QLineEdit):
    """A password field that notices Caps Lock from what it is given to type."""

    caps_lock_changed = Signal(bool)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if len(text) == 1 and text.isalpha():
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.caps_lock_changed.emit(text.isupper() != shift)
        super().keyPressEvent(event)


class UnlockPage(QWidget):
    unlocked = Signal()
    restore_requested = Signal()

    def __init__(
        self, practice: Practice, demo_password: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._practice = practice
        self._demo_password = demo_password
        self.setObjectName("unlock_page")

        title = QLabel(self.tr("<h2>Practice Desk</h2>"))
        self.where = where = named(QLabel(), "unlock_where")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.user = named(QComboBox(), "unlock_user")
        self.user.setEditable(True)
        self.refresh_users()
        self.user.setAccessibleName(self.tr("User name"))

        self.password = named(_PasswordEdit(), "unlock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.password.returnPressed.connect(self._on_unlock_clicked)

        self.use_recovery = named(
            QCheckBox(self.tr("Use the recovery key instead")), "unlock_use_recovery"
        )
        self.use_recovery.toggled.connect(self._on_use_recovery_toggled)
        self.recovery = named(QLineEdit(), "unlock_recovery_key")
        self.recovery.setPlaceholderText("000000-000000-000000-000000-000000-000000-000000-000000")
        self.recovery.setAccessibleName(self.tr("Recovery key"))
        self.recovery.returnPressed.connect(self._on_unlock_clicked)

        self.caps = named(QLabel(self.tr("⚠ Caps Lock seems to be on.")), "unlock_caps_warning")
        self.caps.setVisible(False)
        self.password.caps_lock_changed.connect(self.caps.setVisible)

        self.error = named(QLabel(), "unlock_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000")
        self.error.setAccessibleName(self.tr("Unlock problem"))

        self.notice = named(QLabel(), "unlock_notice")
        self.notice.setWordWrap(True)

        self.button = named(QPushButton(self.tr("&Unlock")), "unlock_button")
        self.button.setDefault(True)
        self.button.clicked.connect(self._on_unlock_clicked)
        self.restore_button = named(
            QPushButton(self.tr("Restore from a backup…")), "unlock_restore_button"
        )
        self.restore_button.setToolTip(
            self.tr("Uses the user and password, or the recovery key, typed above.")
        )
        self.restore_button.clicked.connect(self.restore_requested.emit)

        form = QFormLayout()
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.caps)
        form.addRow("", self.use_recovery)
        self._recovery_label = QLabel(self.tr("&Recovery key:"))
        self._recovery_label.setBuddy(self.recovery)
        form.addRow(self._recovery_label, self.recovery)

        box = QWidget()
        box.setMaximumWidth(560)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(where)
        for warning in practice.warnings:
            label = QLabel("⚠ " + warning)
            label.setWordWrap(True)
            inner.addWidget(label)
        if demo_password:
            hint = named(
                QLabel(
                    self.tr("Demo practice with synthetic patients. Password: <b>%1</b>").replace(
                        "%1", demo_password
                    )
                ),
                "unlock_demo_hint",
            )
            inner.addWidget(hint)
        inner.addWidget(self.notice)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.button)
        inner.addWidget(self.restore_button)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self._on_use_recovery_toggled(False)

    def credentials(self) -> dict[str, str]:
        """What was typed, for opening a backup file with its own key slots."""
        if self.use_recovery.isChecked():
            return {"recovery_key": self.recovery.text()}
        return {"username": self.user.currentText().strip(), "password": self.password.text()}

    def refresh_users(self) -> None:
        """The practice file and who can sign in (again, after another file was opened)."""
        self.where.setText(self.tr("Practice file: %1").replace("%1", str(self._practice.path)))
        typed = self.user.currentText()
        self.user.clear()
        self.user.addItems(self._practice.usernames())
        if typed:
            self.user.setCurrentText(typed)

    def reset(self) -> None:
        """Back to an empty form, as after a lock."""
        self.password.setText(self._demo_password or "")
        self.recovery.clear()
        self.error.clear()
        self.notice.clear()
        self.use_recovery.setChecked(False)
        self.password.setFocus()

    def _on_use_recovery_toggled(self, on: bool) -> None:
        self.recovery.setVisible(on)
        self._recovery_label.setVisible(on)
        self.password.setEnabled(not on)
        self.user.setEnabled(not on)
        (self.recovery if on else self.password).setFocus()

    def _on_unlock_clicked(self) -> None:
        self.error.clear()
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.use_recovery.isChecked():
                self._practice.unlock_with_recovery_key(self.recovery.text())
            else:
                self._practice.unlock(self.user.currentText().strip(), self.password.text())
        except PracticeError as exc:
            self.error.setText(str(exc))
            self.password.selectAll()
            return
        finally:
            self.unsetCursor()
        self.password.clear()
        self.recovery.clear()
        self.unlocked.emit()
