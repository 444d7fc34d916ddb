"""The preview zooms in and out, and back to the page width."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from practice_desk.practice.specimens import specimens
from practice_desk.ui.chart.pdf_preview import MAX_ZOOM, MIN_ZOOM, PdfPreview


def test_zoom_in_out_within_limits_and_fit_width(qtbot: QtBot) -> None:
    from PySide6.QtPdfWidgets import QPdfView

    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(600, 700)
    preview.show()
    preview.show_pdf(specimens("en")["prescription-noncontrolled.pdf"])
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
    preview.zoom_in.click()
    first = preview.zoom
    assert preview.view.zoomMode() is QPdfView.ZoomMode.Custom
    preview.zoom_in.click()
    assert preview.zoom > first
    for _ in range(30):
        preview.zoom_in.click()
    assert preview.zoom == MAX_ZOOM
    for _ in range(40):
        preview.zoom_out.click()
    assert preview.zoom == MIN_ZOOM
    preview.fit.click()
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
