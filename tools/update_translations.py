"""Update the interface catalogues from the tr() strings of src/practice_desk/ui.

    python tools/update_translations.py          # update the .ts, compile the .qm, print counts
    python tools/update_translations.py --check  # change nothing; fail on any gap

Without --check: pyside6-lupdate adds new strings to resources/i18n/ui/practice_desk_es.ts
(as "unfinished", keeping every existing translation and dropping strings no longer in the
code), then pyside6-lrelease compiles practice_desk_es.qm, which is committed with it so
the application needs no Qt tools at run time. Translate the unfinished strings (Qt
Linguist, or any editor: fill <translation> and remove type="unfinished") and run it again.

It also writes the English plural catalogue, practice_desk_en.ts/.qm: only the "%n"
strings, whose "(s)" becomes "" for one and "s" for any other number ("1 patient",
"3 patients"). It is made entirely by this tool; nobody edits it.

With --check: the same update on a temporary copy. It fails (exit 1) when a string in the
code is not translated, when a translation loses a %1/%n placeholder or an HTML tag of its
source, or when the committed .qm is not the compiled .ts.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "src" / "practice_desk" / "ui"
CATALOGUE = ROOT / "resources" / "i18n" / "ui" / "practice_desk_es.ts"
LANGUAGE = "es"
ENGLISH = ROOT / "resources" / "i18n" / "ui" / "practice_desk_en.ts"

_PLACEHOLDER = re.compile(r"%(?:n|L?\d)")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")


@dataclass
class Counts:
    total: int = 0
    translated: int = 0
    unfinished: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _tool(name: str) -> str:
    """A PySide6 tool from PATH or, failing that, beside this Python (the venv's bin)."""
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this Python's environment")
    return found


def _sources() -> list[str]:
    return [str(p) for p in sorted(SOURCES.rglob("*.py"))]


def update(ts: Path) -> None:
    """New strings in as unfinished, vanished ones out; no line numbers, so diffs stay small."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *_sources(),
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            LANGUAGE,
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
        text=True,
    )


def update_english(ts: Path) -> None:
    """The English plural forms, filled in from the source text's "(s)"."""
    ts.unlink(missing_ok=True)
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *_sources(),
            "-pluralonly",
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            "en",
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    tree = ET.parse(ts)  # noqa: S314 - the file lupdate just wrote
    for message in tree.getroot().iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        for form in list(translation):
            translation.remove(form)
        for ending in ("", "s"):
            form = ET.SubElement(translation, "numerusform")
            form.text = source.replace("(s)", ending)
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def release(ts: Path, qm: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
        text=True,
    )


def _markers(text: str) -> tuple[list[str], list[str]]:
    """The placeholders and HTML tag names of a text, sorted, for comparing with a source."""
    return sorted(_PLACEHOLDER.findall(text)), sorted(t.lower() for t in _TAG.findall(text))


def survey(ts: Path) -> Counts:
    """Count the messages of a .ts and find translations that lost a placeholder or tag."""
    counts = Counts()
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 - our own file
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("vanished", "obsolete"):
                continue
            counts.total += 1
            where = f"{name}: {source!r}"
            forms = [f.text or "" for f in translation.iter("numerusform")]
            texts = forms if message.get("numerus") == "yes" else [translation.text or ""]
            if translation.get("type") == "unfinished" or not all(t.strip() for t in texts):
                counts.unfinished.append(where)
                continue
            counts.translated += 1
            placeholders, tags = _markers(source)
            for text in texts:
                got_placeholders, got_tags = _markers(text)
                # %n may be left out of a singular form ("un paciente"); nothing else may.
                if [p for p in placeholders if p != "%n"] != [
                    p for p in got_placeholders if p != "%n"
                ]:
                    counts.problems.append(f"{where}: placeholders differ in {text!r}")
                if tags != got_tags:
                    counts.problems.append(f"{where}: HTML tags differ in {text!r}")
            if "%n" in source and not any("%n" in t for t in texts):
                counts.problems.append(f"{where}: no plural form shows the number %n")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if anything is missing"
    )
    args = parser.parse_args(argv)
    qm = CATALOGUE.with_suffix(".qm")
    english_qm = ENGLISH.with_suffix(".qm")
    with tempfile.TemporaryDirectory() as scratch:
        if args.check:
            ts = Path(scratch) / CATALOGUE.name
            if CATALOGUE.exists():
                shutil.copyfile(CATALOGUE, ts)
            compiled = Path(scratch) / qm.name
            english_ts = Path(scratch) / ENGLISH.name
            english_compiled = Path(scratch) / english_qm.name
        else:
            ts, compiled = CATALOGUE, qm
            english_ts, english_compiled = ENGLISH, english_qm
        update(ts)
        release(ts, compiled)
        update_english(english_ts)
        release(english_ts, english_compiled)
        counts = survey(ts)
        stale = args.check and any(
            not committed.exists() or committed.read_bytes() != fresh.read_bytes()
            for committed, fresh in ((qm, compiled), (english_qm, english_compiled))
        )
    print(
        f"{CATALOGUE.relative_to(ROOT)}: {counts.total} strings, "
        f"{counts.translated} translated, {len(counts.unfinished)} unfinished"
    )
    for where in counts.unfinished:
        print(f"  unfinished  {where}")
    for problem in counts.problems:
        print(f"  problem     {problem}")
    if stale:
        print("  stale       a compiled catalogue (.qm): run tools/update_translations.py")
    if args.check and (counts.unfinished or counts.problems or stale):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
