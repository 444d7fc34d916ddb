"""Every message box and file dialog goes through here, so tests can answer them.

A test replaces ``answers`` entries (or monkeypatches these functions) instead of
clicking real modal dialogs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

#: Tests put callables here keyed by function name to answer instead of a dialog.
answers: dict[str, Callable[..., object]] = {}


def titled(parent: QWidget | None, title: str) -> str:
    """A title naming the patient whose chart ``parent`` is part of ("Stop medication —
    Quillwhistle, Ada"), so that nothing changes a chart without saying whose."""
    widget = parent
    while widget is not None:
        patient = getattr(getattr(widget, "snapshot", None), "patient", None)
        if patient is not None:
            name = str(patient.display_name)
            return title if name in title else f"{title} — {name}"
        widget = widget.parentWidget()
    return title


def warn(parent: QWidget | None, title: str, text: str) -> None:
    title = titled(parent, title)
    if "warn" in answers:
        answers["warn"](title, text)
        return
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    title = titled(parent, title)
    if "confirm" in answers:
        return bool(answers["confirm"](title, text))
    reply = QMessageBox.question(parent, title, text)
    return reply == QMessageBox.StandardButton.Yes


def choose(parent: QWidget | None, title: str, text: str, choices: list[str]) -> int | None:
    """One of several answers (their index), or None when cancelled."""
    title = titled(parent, title)
    if "choose" in answers:
        return answers["choose"](title, text, choices)  # type: ignore[return-value]
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    buttons = [box.addButton(c, QMessageBox.ButtonRole.AcceptRole) for c in choices]
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def open_file(parent: QWidget | None, title: str, filter_text: str) -> str | None:
    if "open_file" in answers:
        return answers["open_file"](title, filter_text)  # type: ignore[return-value]
    path, _ = QFileDialog.getOpenFileName(parent, title, "", filter_text)
    return path or None


def save_file(parent: QWidget | None, title: str, suggested: str, filter_text: str) -> str | None:
    if "save_file" in answers:
        return answers["save_file"](title, suggested, filter_text)  # type: ignore[return-value]
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter_text)
    return path or None


def choose_folder(parent: QWidget | None, title: str) -> str | None:
    if "choose_folder" in answers:
        return answers["choose_folder"](title)  # type: ignore[return-value]
    path = QFileDialog.getExistingDirectory(parent, title)
    return path or None


def ask_text(
    parent: QWidget | None, title: str, label: str, *, paragraphs: bool = False
) -> str | None:
    """A line of text (e.g. the reason for an override), or several paragraphs (an
    addendum); None when cancelled."""
    title = titled(parent, title)
    if "ask_text" in answers:
        return answers["ask_text"](title, label)  # type: ignore[return-value]
    from PySide6.QtWidgets import QInputDialog

    if paragraphs:
        text, ok = QInputDialog.getMultiLineText(parent, title, label)
    else:
        text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None


#: The paper the practice prints on (Settings → Preferences), offered by the print dialog.
paper = "letter"


def print_pdf(parent: QWidget | None, pdf: bytes, title: str) -> bool:
    """Send PDF bytes to a printer chosen in Qt's print dialog; True when printed."""
    if "print_pdf" in answers:
        return bool(answers["print_pdf"](pdf, title))
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageSize(_page_size(paper))
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    send_to_printer(printer, pdf, title)
    return True


def _page_size(name: str) -> QPageSize:
    return QPageSize(QPageSize.PageSizeId.A4 if name == "a4" else QPageSize.PageSizeId.Letter)


def send_to_printer(printer: QPrinter, pdf: bytes, title: str) -> str:
    """Print the pages as they are (vectors), never through a file of ours: to a PDF file
    when "print to file" was chosen, to the spooler (``lp``, reading standard input)
    where CUPS runs; else drawn page by page at 300 dpi. Says which way it went."""
    from PySide6.QtPrintSupport import QPrinter

    if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        with open(printer.outputFileName(), "wb") as out:  # the user chose this file
            out.write(pdf)
        return "file"
    lp = shutil.which("lp")
    if lp and sys.platform != "win32" and printer.printerName():
        media = (
            "A4" if printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4 else "Letter"
        )
        result = subprocess.run(
            [lp, "-d", printer.printerName(), "-n", str(max(1, printer.copyCount())),
             "-o", f"media={media}", "-t", title, "-"],
            input=pdf, capture_output=True, check=False,
        )  # fmt: skip
        if result.returncode == 0:
            return "spooler"
    _draw_pages(printer, pdf)
    return "pages"


def _draw_pages(printer: QPrinter, pdf: bytes) -> None:
    """Each page drawn at 300 dpi (not the printer's full resolution, which made jobs of
    many megabytes); the bytes are read from memory, never from disk."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtPdf import QPdfDocument

    printer.setResolution(300)
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    painter = QPainter(printer)
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            rect = painter.viewport()
            image = document.render(page, QSize(rect.width(), rect.height()))
            painter.drawImage(rect, image)
    finally:
        painter.end()
