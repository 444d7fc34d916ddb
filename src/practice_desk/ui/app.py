"""Starting the application: one QApplication, the practice file, the main window."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from practice_desk.domain.errors import PracticeError
from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.i18n import install_english_plurals

log = logging.getLogger("practice_desk.ui")


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


def first_start() -> tuple[Practice | None, Path | None]:
    """The setup wizard: a new practice (unlocked), or a file to open or restored."""
    from practice_desk.ui.setup_wizard import SetupWizard

    wizard = SetupWizard()
    wizard.exec()
    # A practice created and then left on the recovery page still exists: open it.
    return wizard.practice, wizard.path


def run(vault: Path | None, demo_password: str | None = None, language: str | None = None) -> int:
    from practice_desk.ui.i18n import install_interface_language, interface_language
    from practice_desk.ui.main_window import MainWindow

    app = _application()
    sys.excepthook = _log_without_data
    settings = QSettings()
    install_interface_language(app, interface_language(settings, language))
    # Only the path is remembered; keys and passwords never touch the settings.
    remembered = str(settings.value("vault/path", "")) or None
    path = vault or (Path(remembered) if remembered and Path(remembered).exists() else None)
    practice: Practice | None = None
    if path is None:
        practice, path = first_start()
        if path is None:
            return 0
    try:
        practice = practice or Practice.open(path)
    except PracticeError as exc:
        prompts.warn(None, "Practice Desk", str(exc))
        return 1
    if demo_password is None:
        settings.setValue("vault/path", str(path))
    window = MainWindow(practice, demo_password)
    if practice.is_unlocked:
        window.enter_unlocked()
    window.show()
    return int(app.exec())
