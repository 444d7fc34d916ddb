"""Every message box and file dialog goes through here, so tests can answer them.

A test replaces ``answers`` entries (or monkeypatches these functions) instead of
clicking real modal dialogs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

#: Tests put callables here keyed by function name to answer instead of a dialog.
answers: dict[str, Callable[..., object]] = {}


def inform(parent: QWidget | None, title: str, text: str) -> None:
    if "inform" in answers:
        answers["inform"](title, text)
        return
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    if "warn" in answers:
        answers["warn"](title, text)
        return
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    if "confirm" in answers:
        return bool(answers["confirm"](title, text))
    reply = QMessageBox.question(parent, title, text)
    return reply == QMessageBox.StandardButton.Yes


def open_file(parent: QWidget | None, title: str, filter_text: str) -> str | None:
    if "open_file" in answers:
        return answers["open_file"](title, filter_text)  # type: ignore[return-value]
    path, _ = QFileDialog.getOpenFileName(parent, title, "", filter_text)
    return path or None
