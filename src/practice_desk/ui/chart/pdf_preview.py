"""A PDF shown from bytes in memory: the page a clinician is about to print or save.

The bytes stay in a QBuffer that QPdfDocument reads from, so a prescription or a handout
never touches the disk just to be looked at.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from practice_desk.ui.naming import named

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0


class PdfPreview(QWidget):
    """Shows PDF bytes; ``pdf`` is exactly what is shown (and so what Print should send)."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "pdf_preview") -> None:
        super().__init__(parent)
        named(self, name)
        self._pdf: bytes = b""
        self._buffer: QBuffer | None = None
        self._document = QPdfDocument(self)
        self.view = named(QPdfView(), f"{name}_view")
        self.view.setDocument(self._document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Preview of the document"))
        self.placeholder = named(QLabel(), f"{name}_placeholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #555; padding: 12px;")
        self.placeholder.setAccessibleName(self.tr("Preview"))
        self.pages = named(QLabel(), f"{name}_pages")
        self.pages.setAccessibleName(self.tr("Pages in the preview"))
        self.zoom_out = named(QPushButton("−"), f"{name}_zoom_out")
        self.zoom_out.setToolTip(self.tr("Smaller (Ctrl+−)"))
        self.zoom_in = named(QPushButton("+"), f"{name}_zoom_in")
        self.zoom_in.setToolTip(self.tr("Larger (Ctrl++)"))
        self.fit = named(QPushButton(self.tr("Fit width")), f"{name}_fit")
        for button, step in ((self.zoom_out, 1 / ZOOM_STEP), (self.zoom_in, ZOOM_STEP)):
            button.setFixedWidth(32)
            button.clicked.connect(lambda _=False, s=step: self.zoom_by(s))
        self.fit.clicked.connect(self.fit_width)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.zoom_by(ZOOM_STEP))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.zoom_by(1 / ZOOM_STEP))

        self._stack = QStackedLayout()
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._stack, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.pages, 1)
        for button in (self.zoom_out, self.zoom_in, self.fit):
            bottom.addWidget(button)
        layout.addLayout(bottom)
        self.clear()

    @property
    def pdf(self) -> bytes:
        return self._pdf

    @property
    def page_count(self) -> int:
        return self._document.pageCount() if self._pdf else 0

    def show_pdf(self, pdf: bytes) -> None:
        self._release()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self._document.load(buffer)
        self._pdf = pdf
        count = self._document.pageCount()
        self.pages.setText(self.tr("%n page(s) — nothing is saved to disk", "", count))
        self._stack.setCurrentWidget(self.view)

    @property
    def zoom(self) -> float:
        """The scale shown (1.0 is actual size); follows the width until zoomed."""
        return float(self.view.zoomFactor())

    def zoom_by(self, factor: float) -> None:
        start = self.view.zoomFactor()
        if self.view.zoomMode() is QPdfView.ZoomMode.FitToWidth and self._pdf:
            page = self._document.pagePointSize(0).width() or 612.0
            start = max(MIN_ZOOM, self.view.viewport().width() / (page * 96 / 72))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(MAX_ZOOM, max(MIN_ZOOM, start * factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def clear(self, message: str = "") -> None:
        self._release()
        self._pdf = b""
        self.placeholder.setText(message or self.tr("Nothing to preview yet."))
        self.pages.clear()
        self._stack.setCurrentWidget(self.placeholder)

    def _release(self) -> None:
        self._document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
