"""Stable object names, so tests (and accessibility tools) can find widgets."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

_T = TypeVar("_T", bound=QObject)


def named(obj: _T, name: str) -> _T:
    obj.setObjectName(name)
    return obj
