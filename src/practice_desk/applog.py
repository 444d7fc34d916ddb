"""Where the application log goes. Log lines carry ids and actions, never patient data."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

APP = "practice-desk"


def data_dir() -> Path:
    """Per-user folder for the demo practice and settings (override: PRACTICE_DESK_HOME)."""
    override = os.environ.get("PRACTICE_DESK_HOME")
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP, appauthor=False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def log_dir() -> Path:
    override = os.environ.get("PRACTICE_DESK_HOME")
    base = (
        Path(override) / "logs"
        if override
        else Path(platformdirs.user_log_dir(APP, appauthor=False))
    )
    base.mkdir(parents=True, exist_ok=True)
    return base


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files only their owner can read, whatever the umask."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # a log written before this version keeps 0644 otherwise
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def setup_logging(level: int = logging.INFO) -> Path:
    """Rotating log file in the user's log folder; returns its path."""
    path = log_dir() / "practice-desk.log"
    root = logging.getLogger("practice_desk")
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = _PrivateRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path
