"""The Qt half of ``practice-desk --self-test``: the window, PDF view, printing, charts.

Each function returns one line saying what it saw, or raises with what is missing, so a
bundle that left out a Qt module, a plugin or a library fails here by name rather than in
front of a clinician. Nothing is shown on screen: the self-test runs on Qt's offscreen
platform unless told otherwise.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QDir,
    QIODevice,
    QSettings,
    QSize,
    qVersion,
)
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication, QTabWidget

from practice_desk.practice import Practice

#: The platform plugin a real window needs on each system (the offscreen one is always needed).
NATIVE_PLATFORMS = {"linux": ("xcb",), "win32": ("windows",), "darwin": ("cocoa",)}
OPTIONAL_PLATFORMS = ("wayland",)


class SelfCheckFailed(Exception):
    """A Qt part is missing or misbehaves; the message names it."""


def start_application(settings_folder: Path) -> str:
    """The QApplication, with its settings sent to settings_folder, never the user's own."""
    # Before the application exists, so nothing reads or writes the user's real settings.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(settings_folder))
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "practice-desk"])
        app.setApplicationName("Practice Desk")
        app.setOrganizationName("Practice Desk")
    import PySide6

    return (
        f"Qt {qVersion()} (PySide6 {PySide6.__version__}) started on the "
        f"“{QGuiApplication.platformName()}” platform"
    )


def open_main_window(vault: Path, username: str, password: str) -> str:
    """Open the main window on the practice, unlock it as a user would, open the first chart."""
    from practice_desk.ui.main_window import MainWindow

    window = MainWindow(Practice.open(vault))
    try:
        window.show()
        QCoreApplication.processEvents()
        page = window.unlock_page
        page.user.setCurrentText(username)
        page.password.setText(password)
        page.button.click()
        QCoreApplication.processEvents()
        if window.pages.currentWidget() is not window.work_page:
            raise SelfCheckFailed(f"the window did not unlock: {page.error.text() or 'no reason'}")
        rows = window.model.rowCount()
        if rows < 1:
            raise SelfCheckFailed("the unlocked window lists no patient")
        window.table.selectRow(0)
        QCoreApplication.processEvents()
        if window.chart.patient_id is None:
            raise SelfCheckFailed("selecting the patient did not open the chart")
        tabs = window.findChildren(QTabWidget)
        pages = sum(t.count() for t in tabs)
    finally:
        window.close()  # saves drafts, closes the practice and frees its lock
        window.deleteLater()
        QCoreApplication.processEvents()
    return f"opened, unlocked, {rows} patient listed, chart opened ({pages} tabs built)"


def _document(pdf: bytes):  # type: ignore[no-untyped-def]
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise SelfCheckFailed(f"Qt PDF could not read the prescription ({document.error()})")
    return document, buffer  # the buffer must outlive the document's reads


def render_pdf(pdf: bytes, expected_text: str) -> str:
    """Qt PDF reads the PDF, finds expected_text on page 1 and renders the page with ink."""
    from PySide6.QtPdfWidgets import QPdfView

    document, _buffer = _document(pdf)
    text = document.getAllText(0).text()
    if expected_text not in text:
        raise SelfCheckFailed(f"“{expected_text}” is not in the rendered prescription's text")
    image = document.render(0, QSize(425, 550))
    ink = _ink(image)
    if ink < 0.005:
        raise SelfCheckFailed("the prescription rendered as a blank page")
    view = QPdfView()
    view.setDocument(document)
    view.resize(400, 300)
    view.grab()
    view.deleteLater()
    return (
        f"Qt PDF read {document.pageCount()} page(s), found the patient's name in the text, "
        f"rendered page 1 ({ink:.0%} ink) and showed it in a PDF view"
    )


def print_to_file(pdf: bytes, target: Path) -> str:
    """Print the PDF the way the app prints, to a PDF file instead of a printer."""
    from PySide6.QtPrintSupport import QPrinter

    document, _buffer = _document(pdf)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    painter = QPainter(printer)
    try:
        rect = painter.viewport()
        painter.drawImage(rect, document.render(0, QSize(rect.width(), rect.height())))
    finally:
        painter.end()
    if not target.exists() or not target.read_bytes().startswith(b"%PDF-"):
        raise SelfCheckFailed("Qt Print Support wrote no output")
    size = target.stat().st_size // 1024
    return f"Qt Print Support printed the prescription to a PDF file ({size} KB)"


def draw_chart() -> str:
    """A dose line and PHQ-9 totals on Practice Desk's own chart widget, drawn offscreen."""
    from datetime import date, timedelta

    from practice_desk.ui.plot import Axis, Series, TimePlot

    start = date(2025, 1, 6)
    plot = TimePlot()
    plot.set_axes(Axis("mg", 0, 120, unit=" mg"), Axis("PHQ-9", 0, 27))
    plot.set_series(
        [
            Series(
                "dose",
                ((start, 50), (start + timedelta(28), 100), (start + timedelta(84), 100)),
                step=True,
            ),
            Series(
                "PHQ-9",
                tuple((start + timedelta(28 * i), float(y)) for i, y in enumerate((18, 14, 9, 5))),
                axis="right",
                marker="circle",
            ),
        ]
    )
    plot.resize(320, 200)
    ink = _ink(plot.grab().toImage())
    plot.deleteLater()
    if ink < 0.005:
        raise SelfCheckFailed("the chart widget drew nothing")
    return f"the chart widget drew a dose line and scores ({ink:.0%} ink)"


def translations() -> str:
    """Each interface translation loads, with Qt's own for the same language beside it."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    folder = resources.files("practice_desk.resources").joinpath("i18n", "ui")
    catalogues = (
        sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".qm"))
        if folder.is_dir()
        else []
    )
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    languages = []
    for name in catalogues:
        language = name.removesuffix(".qm").rsplit("_", 1)[-1]
        with resources.as_file(folder.joinpath(name)) as path:
            if not QTranslator().load(str(path)):
                raise SelfCheckFailed(f"the {language} interface translation does not load")
        # English is Qt's own source language; its catalogue only holds our plural forms.
        if language != "en" and not QTranslator().load(f"qtbase_{language}", qt_folder):
            raise SelfCheckFailed(f"Qt's own {language} translation is missing from {qt_folder}")
        languages.append(language)
    if not languages:
        return "no interface translation bundled (English only)"
    return f"interface and Qt's own translations load for: {', '.join(languages)}"


def platform_plugins() -> str:
    """The offscreen plugin and this system's native one are in the bundle."""
    found: set[str] = set()
    for folder in QCoreApplication.libraryPaths():
        for name in QDir(str(Path(folder) / "platforms")).entryList(QDir.Filter.Files):
            stem = name.split(".")[0]
            found.add(stem[len("libq") :] if stem.startswith("libq") else stem.lstrip("q"))
    wanted = ("offscreen", *NATIVE_PLATFORMS.get(sys.platform, ()))
    missing = [p for p in wanted if p not in found]
    if missing:
        raise SelfCheckFailed(f"Qt platform plugin(s) missing: {', '.join(missing)}")
    extra = [p for p in OPTIONAL_PLATFORMS if p in found]
    return f"{', '.join([*wanted, *extra])} present"


def _ink(image: QImage) -> float:
    """Share of sampled pixels that are not white (or transparent)."""
    small = image.scaled(100, 100).convertToFormat(QImage.Format.Format_ARGB32)
    white = QColor("white")
    inked = sum(
        1
        for y in range(small.height())
        for x in range(small.width())
        if (c := small.pixelColor(x, y)).alpha() > 0 and c != white
    )
    return inked / max(1, small.width() * small.height())
