"""Printing sends the document's own pages (vectors), not a raster of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from practice_desk.practice.specimens import specimens
from practice_desk.ui import prompts


def test_print_to_file_writes_the_document_itself(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = specimens("en")["prescription-noncontrolled.pdf"]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert prompts.send_to_printer(printer, pdf, "Rx") == "file"
    assert (tmp_path / "printed.pdf").read_bytes() == pdf  # same pages, same size


def test_drawn_pages_are_the_fallback_at_300_dpi(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = specimens("en")["medication-list.pdf"]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "drawn.pdf"))
    prompts._draw_pages(printer, pdf)
    assert printer.resolution() == 300
    assert 0 < (tmp_path / "drawn.pdf").stat().st_size < 4_000_000


@pytest.mark.parametrize(("paper", "size"), [("a4", "A4"), ("letter", "Letter")])
def test_the_dialog_starts_on_the_practice_paper(paper: str, size: str) -> None:
    chosen = prompts._page_size(paper)
    assert chosen.id() == getattr(QPageSize.PageSizeId, size)
