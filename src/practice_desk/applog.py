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


def setup_logging(level: int = logging.INFO) -> Path:
    """Rotating log file in the user's log folder; returns its path."""
    path = log_dir() / "practice-desk.log"
    root = logging.getLogger("practice_desk")
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path
