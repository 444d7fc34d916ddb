"""Dialogs that fit the screen: a 1366 x 768 laptop at 125-200% display scaling.

At 150% such a screen is 910 x 512 logical pixels, less than a tall form needs. A
dialog asks for the size it would like, gets at most what the screen has, and its
body scrolls while its buttons stay in view.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QWidget


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to (width, height) or to what the screen has room for, whichever is less."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    room = screen.availableGeometry()
    widget.resize(min(width, int(room.width() * 0.96)), min(height, int(room.height() * 0.9)))


def scrolling(body: QWidget | QLayout) -> QScrollArea:
    """``body`` in a frameless scroll area that only scrolls when the window is too small."""
    if isinstance(body, QLayout):
        holder = QWidget()
        holder.setLayout(body)
        body = holder
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(body)
    return area
