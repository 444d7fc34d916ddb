"""A new password typed twice, with a strength meter and a Caps Lock hint."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar, QWidget

from practice_desk.domain.users import MIN_PASSWORD_LENGTH, password_strength
from practice_desk.ui.naming import named

_COLOURS = ("#a00000", "#c05000", "#a07000", "#2a7a2a", "#1a6a1a")


class NewPasswordFields(QWidget):
    """Two password boxes and a meter; ``changed`` fires as either is typed in."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._username = ""
        self.password = named(QLineEdit(), "new_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("New password"))
        self.repeat = named(QLineEdit(), "new_password_repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("Repeat the new password"))
        self.meter = named(QProgressBar(), "password_meter")
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.meter.setAccessibleName(self.tr("Password strength"))
        self.verdict = named(QLabel(), "password_verdict")
        self.verdict.setWordWrap(True)
        self.password.textChanged.connect(self._on_text_changed)
        self.repeat.textChanged.connect(self._on_text_changed)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Repeat password:"), self.repeat)
        form.addRow(self.tr("Strength:"), self.meter)
        form.addRow("", self.verdict)
        self._on_text_changed()

    def set_username(self, username: str) -> None:
        self._username = username
        self._on_text_changed()

    def text(self) -> str:
        return self.password.text()

    def problem(self) -> str:
        """Why the two boxes cannot be used yet, in words; empty when they can."""
        if password_strength(self.password.text(), self._username) == 0:
            return self.tr(
                "Choose a password of at least %1 characters with some variety; "
                "a short sentence is easy to remember and hard to guess."
            ).replace("%1", str(MIN_PASSWORD_LENGTH))
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ. Type the second one again.")
        return ""

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()

    def _on_text_changed(self, *_args: object) -> None:
        score = password_strength(self.password.text(), self._username)
        self.meter.setValue(score)
        words = (
            self.tr("Too short or too simple: at least %1 characters.").replace(
                "%1", str(MIN_PASSWORD_LENGTH)
            ),
            self.tr("Weak: easy to guess. Add words or characters."),
            self.tr("Fair: longer would be better."),
            self.tr("Good."),
            self.tr("Strong."),
        )
        colour = _COLOURS[score]
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        self.verdict.setText(words[score] if self.password.text() else "")
        self.verdict.setStyleSheet(f"color: {colour}")
        self.changed.emit()
