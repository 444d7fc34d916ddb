"""Versions of the libraries this copy of Practice Desk runs on, for About and the self-test."""

from __future__ import annotations

import platform
from importlib import resources

from practice_desk import __version__
from practice_desk.documents.engine import reportlab_version
from practice_desk.vault.engine import engine_versions


def component_versions() -> dict[str, str]:
    """Name to version, in the order a reader wants them: the app, Python, storage, PDF.

    Qt and PySide6 are added by the user interface, the only part that loads Qt.
    """
    return {
        "Practice Desk": __version__,
        "Python": platform.python_version(),
        **engine_versions(),
        "ReportLab": reportlab_version(),
    }


def third_party_notices() -> str:
    """The notices file shipped in every copy: each bundled component and its licence."""
    return (
        resources.files("practice_desk.resources")
        .joinpath("licenses/THIRD-PARTY-NOTICES.txt")
        .read_text("utf-8")
    )
