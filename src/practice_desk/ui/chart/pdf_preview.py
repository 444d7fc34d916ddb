"""A PDF shown from bytes in memory: the page a clinician is about to print or save.

The bytes stay in a QBuffer that QPdfDocument reads from, so a prescription or a handout
never touches the disk just to be looked at.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedLayout, QVBoxLayout, QWidget

from practice_desk.ui.naming import named


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

        self._stack = QStackedLayout()
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._stack, 1)
        layout.addWidget(self.pages)
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
