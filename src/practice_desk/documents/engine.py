"""The PDF engine's version, for the About box and the self-test."""

from __future__ import annotations

import reportlab


def reportlab_version() -> str:
    return str(reportlab.Version)
