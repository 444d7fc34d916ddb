"""A new password typed twice, with a strength meter and a Caps Lock hint."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar, QWidget

from practice_desk.domain.users import MIN_PASSWORD_LENGTH, judge_password
from practice_desk.ui.naming import named

_COLOURS = ("#a00000", "#c05000", "#a07000", "#2a7a2a", "#1a6a1a")


class NewPasswordFields(QWidget):
    """Two password boxes and a meter; ``changed`` fires as either is typed in."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._username = ""
        self._context: tuple[str, ...] = ()
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

    def set_context(self, *words: str) -> None:
        """Other words an attacker would try first: the person's and the practice's names."""
        self._context = tuple(w for w in words if w)
        self._on_text_changed()

    def text(self) -> str:
        return self.password.text()

    def problem(self) -> str:
        """Why the two boxes cannot be used yet, in words; empty when they can."""
        verdict = judge_password(self.password.text(), self._username, self._context)
        if not verdict.acceptable:
            if len(self.password.text()) < MIN_PASSWORD_LENGTH:
                return self.tr(
                    "Choose a password of at least %1 characters; "
                    "a short sentence is easy to remember and hard to guess."
                ).replace("%1", str(MIN_PASSWORD_LENGTH))
            return self.tr(
                "That password is too easy to guess (%1). A short sentence of uncommon words "
                "is easy to remember and hard to guess."
            ).replace("%1", verdict.advice.split(". ")[0].rstrip("."))
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ. Type the second one again.")
        return ""

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()

    def _on_text_changed(self, *_args: object) -> None:
        score = judge_password(self.password.text(), self._username, self._context).score
        if len(self.password.text()) < MIN_PASSWORD_LENGTH:
            score = 0
        self.meter.setValue(score)
        words = (
            self.tr("Too short or too simple: at least %1 characters.").replace(
                "%1", str(MIN_PASSWORD_LENGTH)
            ),
            self.tr("Too easy to guess: add uncommon words."),
            self.tr("Still too easy to guess: longer, with uncommon words."),
            self.tr("Good."),
            self.tr("Strong."),
        )
        colour = _COLOURS[score]
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        self.verdict.setText(words[score] if self.password.text() else "")
        self.verdict.setStyleSheet(f"color: {colour}")
        self.changed.emit()
