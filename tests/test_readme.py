"""The README's scripting examples run as printed (on a real practice file)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def _scripting_blocks() -> list[str]:
    text = README.read_text("utf-8")
    section = text.split("## Scripting", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_the_scripting_examples_run_as_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = _scripting_blocks()
    assert len(blocks) == 2
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for block in blocks:
            exec(compile(block, str(README), "exec"), namespace)  # noqa: S102 - our own README
    printed = out.getvalue()
    assert "000001 Quillwhistle, Ada" in printed
    assert "True" in printed  # check().ok
    assert "sertraline" in printed and "mild" in printed
    assert isinstance(namespace["pdf_bytes"], bytes)
    assert namespace["pdf_bytes"][:5] == b"%PDF-"
    assert (tmp_path / "clinic.pdvault").exists()
