"""Starting the application: one QApplication, the practice file, the main window."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from practice_desk.domain.errors import PracticeError
from practice_desk.practice import Practice
from practice_desk.ui import prompts

log = logging.getLogger("practice_desk.ui")
_FILTER = "Practice files (*.pdvault);;All files (*)"


class EnglishPlurals(QTranslator):
    """Turns "%n patient(s)" into "1 patient" or "3 patients" when no translation applies.

    Source strings carry "(s)" for Qt's plural handling; a real translation file, installed
    later, is asked first and wins.
    """

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if n >= 0 and "(s)" in source:
            return source.replace("(s)", "" if n == 1 else "s")
        return None  # a null string: "not translated here", so Qt keeps the source text

    def isEmpty(self) -> bool:
        return False


def install_english_plurals(app: QApplication) -> None:
    if app.findChild(EnglishPlurals) is None:
        app.installTranslator(EnglishPlurals(app))


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv)
    app.setApplicationName("Practice Desk")
    app.setOrganizationName("Practice Desk")
    install_english_plurals(app)
    return app


def _log_without_data(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Unexpected errors: a plain message for the person, a log line without patient data.

    Exception messages can quote what was typed (a name, a note), so the log keeps the
    error type and where it happened, never the message.
    """
    frames = [
        f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in traceback.extract_tb(tb)
    ]
    log.error("unexpected %s at %s", exc_type.__name__, " <- ".join(reversed(frames)))
    prompts.warn(
        None,
        "Practice Desk",
        "Something went wrong that Practice Desk did not expect. What you saved before is "
        "safe. If it happens again, tell your IT helper; the log names where it happened.",
    )


def choose_vault(remembered: str | None) -> Path | None:
    """The practice file to open: remembered from last time, or asked for."""
    if remembered and Path(remembered).exists():
        return Path(remembered)
    chosen = prompts.open_file(None, "Open a practice file", _FILTER)
    return Path(chosen) if chosen else None


def run(vault: Path | None, demo_password: str | None = None) -> int:
    from practice_desk.ui.main_window import MainWindow

    app = _application()
    sys.excepthook = _log_without_data
    settings = QSettings()
    # Only the path is remembered; keys and passwords never touch the settings.
    path = vault or choose_vault(str(settings.value("vault/path", "")) or None)
    if path is None:
        return 0
    try:
        practice = Practice.open(path)
    except PracticeError as exc:
        prompts.warn(None, "Practice Desk", str(exc))
        return 1
    if demo_password is None:
        settings.setValue("vault/path", str(path))
    window = MainWindow(practice, demo_password)
    window.show()
    return int(app.exec())
