"""Build the formulary the app loads, ``resources/formulary/compiled.json``.

Reads the reviewed sources: the header (``formulary.toml``), the curated drugs with their
products and doses (``drugs-*.toml``), the catalogue of the long tail, one drug per line
(``catalogue/*.csv``, see its README) and the interaction rules (``interactions.toml``);
validates them with the models the app uses; and writes one JSON file, one drug per line,
which the app reads in a few milliseconds (parsing TOML on every start took longer than
the whole first screen may).

Each build that changes the data adds what changed (drugs added, removed and changed, with
the fields; rules likewise) to the current version's section of
``resources/formulary/CHANGES.md``, the table reviewers read per release. A build that
changes the data under a version already released in CHANGES.md refuses: bump the version
in ``formulary.toml`` first.

    python tools/build_formulary.py                  # build, update CHANGES.md
    python tools/build_formulary.py --check          # exit 1 if compiled.json is stale
    python tools/build_formulary.py --check-sources  # validate the sources only
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from practice_desk.domain import drug_names
from practice_desk.domain.formulary import Drug, Formulary, Rule, name_index
from practice_desk.domain.search import fold

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "resources" / "formulary"
COMPILED = DATA / "compiled.json"
CHANGES = DATA / "CHANGES.md"
#: The changes of each version, machine-readable, from which CHANGES.md is written.
HISTORY = ROOT / "tools" / "formulary_changes.json"

HEADER = [
    *("id", "generic", "brands", "synonyms", "class", "psychiatric", "schedule", "tags"),
    *("components", "acb", "source", "status", "last_verified"),
]
LISTS = ("brands", "synonyms", "tags", "components")


class SourceError(ValueError):
    """A problem in a source file, with where it is."""


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def catalogue_row(row: dict[str, str], where: str) -> dict[str, Any]:
    """One catalogue line as the fields of a Drug."""
    raw: dict[str, Any] = {k: (v or "").strip() for k, v in row.items()}
    for key in LISTS:
        raw[key] = _split(raw[key])
    if raw["psychiatric"] not in ("true", "false"):
        raise SourceError(f"{where}: psychiatric must be true or false")
    raw["psychiatric"] = raw["psychiatric"] == "true"
    raw["acb_score"] = int(raw.pop("acb") or 0)
    raw["last_verified"] = date.fromisoformat(raw["last_verified"])
    return raw


def read_catalogue(path: Path) -> list[tuple[str, dict[str, Any]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != HEADER:
            raise SourceError(f"{path.name}: the header must be exactly {','.join(HEADER)}")
        rows = []
        for line, row in enumerate(reader, start=2):
            where = f"{path.name}:{line}"
            if None in row or any(v is None for v in row.values()):
                raise SourceError(f"{where}: expected {len(HEADER)} columns")
            rows.append((where, catalogue_row(row, where)))
    return rows


def read_sources(folder: Path = DATA) -> tuple[dict[str, Any], list[str]]:
    """Everything the app loads, as plain data, and the problems found (empty when valid)."""
    problems: list[str] = []
    header = tomllib.loads((folder / "formulary.toml").read_text("utf-8"))
    entries: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(folder.glob("drugs-*.toml")):
        for raw in tomllib.loads(path.read_text("utf-8")).get("drug", []):
            entries.append((f"{path.name} [{raw.get('id')}]", raw))
    for path in sorted((folder / "catalogue").glob("*.csv")):
        try:
            entries += read_catalogue(path)
        except (SourceError, ValueError) as error:
            problems.append(str(error))
    drugs: dict[str, Drug] = {}
    for where, raw in entries:
        try:
            drug = Drug.model_validate(raw)
        except ValidationError as error:
            problems.append(f"{where}: {error}")
            continue
        if drug.id in drugs:
            problems.append(f"{where}: drug {drug.id} is defined twice")
            continue
        drugs[drug.id] = drug
    for drug in list(drugs.values()):
        missing = [p for p in drug.components if p not in drugs]
        if missing:
            problems.append(f"{drug.id}: components {missing} are not in the formulary")
            continue
        if drug.components and not drug.local:  # a combination meets its ingredients' rules
            tags = drug.tags.union(*(drugs[p].tags for p in drug.components))
            drugs[drug.id] = drug.model_copy(update={"tags": tags})
    problems += _name_clashes(drugs)
    rules: list[Rule] = []
    for raw in tomllib.loads((folder / "interactions.toml").read_text("utf-8")).get("rule", []):
        try:
            rules.append(Rule.model_validate(raw))
        except ValidationError as error:
            problems.append(f"interactions.toml [{raw.get('id')}]: {error}")
    data = {
        "version": str(header["version"]),
        "date": header["date"].isoformat(),
        "duplicate_classes": sorted(header.get("duplicate_classes", [])),
        "duplicate_tags": sorted(header.get("duplicate_tags", [])),
        "drugs": {k: _plain(drugs[k]) for k in sorted(drugs)},
        "rules": [_plain(r) for r in rules],
        "aliases": aliases(drugs),
        "names": name_index(drugs),
    }
    if not problems:
        try:
            Formulary.model_validate(data)
        except ValidationError as error:
            problems.append(str(error))
    return data, problems


def aliases(drugs: dict[str, Drug]) -> dict[str, str]:
    """Stems of names ("advair" for Advair Diskus) that only one drug has and that are
    not themselves another drug's name."""
    names = {fold(n) for d in drugs.values() for n in d.names}
    owners: dict[str, set[str]] = {}
    for drug in drugs.values():
        for name in drug.names:
            stem = drug_names.stem(name)
            if stem and stem not in names:
                owners.setdefault(stem, set()).add(drug.id)
    return {s: ids.pop() for s, ids in sorted(owners.items()) if len(ids) == 1}


def _name_clashes(drugs: dict[str, Drug]) -> list[str]:
    """A name (case and accents aside) that two drugs answer to: a lookup would give one
    of them silently. A combination may carry its ingredient's brand only if it is its own."""
    owner: dict[str, str] = {}
    clashes = []
    for drug in drugs.values():
        folded = [fold(n) for n in drug.names]
        if len(set(folded)) < len(folded):
            clashes.append(f"{drug.id}: a name is listed twice (case and accents aside)")
        for name in set(folded):
            if name in owner and owner[name] != drug.id:
                clashes.append(f"{drug.id}: the name {name!r} is also {owner[name]}'s")
            owner.setdefault(name, drug.id)
    return clashes


def _plain(model: Drug | Rule) -> dict[str, Any]:
    out: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for key in ("tags",):
        if key in out:
            out[key] = sorted(out[key])
    return out


def render(data: dict[str, Any]) -> str:
    """compiled.json: the header, then one drug and one rule per line (reviewable diffs)."""

    def line(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    head = {k: v for k, v in data.items() if k not in ("drugs", "rules")}
    parts = ["{", *(f"{line(k)}:{line(v)}," for k, v in head.items()), '"drugs":{']
    drugs = [f"{line(k)}:{line(v)}" for k, v in data["drugs"].items()]
    parts.append(",\n".join(drugs))
    parts.append('},"rules":[')
    parts.append(",\n".join(line(r) for r in data["rules"]))
    parts.append("]}")
    return "\n".join(parts) + "\n"


def diff(old: dict[str, Any], new: dict[str, Any], key: str) -> dict[str, Any]:
    """What changed in ``key`` (drugs by id, rules by their id): added, removed and, per
    changed entry, the fields that differ."""

    def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
        value = data.get(key, {})
        return dict(value) if isinstance(value, dict) else {r["id"]: r for r in value}

    before, after = by_id(old), by_id(new)
    changed = {}
    for item in sorted(set(before) & set(after)):
        fields = sorted(
            f
            for f in set(before[item]) | set(after[item])
            if before[item].get(f) != after[item].get(f)
        )
        if fields:
            changed[item] = fields
    return {
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
        "changed": changed,
    }


def merge(section: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    """One version's changes after another build under the same version."""
    added = set(section["added"])
    removed = set(section["removed"])
    changed = {k: set(v) for k, v in section["changed"].items()}
    for item in change["added"]:
        if item in removed:
            removed.discard(item)
            changed.setdefault(item, set()).add("(removed and added back)")
        else:
            added.add(item)
    for item in change["removed"]:
        if item in added:
            added.discard(item)
        else:
            removed.add(item)
        changed.pop(item, None)
    for item, fields in change["changed"].items():
        if item not in added:
            changed.setdefault(item, set()).update(fields)
    return {
        "added": sorted(added),
        "removed": sorted(removed),
        "changed": {k: sorted(v) for k, v in sorted(changed.items())},
    }


def changes_markdown(history: list[dict[str, Any]]) -> str:
    lines = [
        "# Formulary changes per release",
        "",
        "Written by `tools/build_formulary.py` from `tools/formulary_changes.json`; do not",
        "edit by hand. Newest first. Review each release's rows against their sources.",
    ]
    for entry in reversed(history):
        lines += ["", f"## {entry['version']} ({entry['date']})", ""]
        lines += ["| what | added | removed | changed (fields) |", "| --- | --- | --- | --- |"]
        for key in ("drugs", "rules"):
            change = entry[key]
            changed = "; ".join(f"{k} ({', '.join(v)})" for k, v in change["changed"].items())
            lines.append(
                f"| {key} ({len(change['added'])} added, {len(change['removed'])} removed, "
                f"{len(change['changed'])} changed) | {', '.join(change['added']) or '-'} | "
                f"{', '.join(change['removed']) or '-'} | {changed or '-'} |"
            )
    return "\n".join(lines) + "\n"


def build() -> int:
    data, problems = read_sources()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    old = json.loads(COMPILED.read_text("utf-8")) if COMPILED.exists() else {}
    history: list[dict[str, Any]] = (
        json.loads(HISTORY.read_text("utf-8")) if HISTORY.exists() else []
    )
    change = {key: diff(old, data, key) for key in ("drugs", "rules")}
    if any(any(c.values()) for c in change.values()):
        if history and history[-1]["version"] == data["version"]:
            entry = history[-1]
        elif any(h["version"] == data["version"] for h in history):
            print(f"version {data['version']} is already released: bump it", file=sys.stderr)
            return 1
        else:
            empty = {"added": [], "removed": [], "changed": {}}
            entry = {"version": data["version"], "drugs": dict(empty), "rules": dict(empty)}
            history.append(entry)
        entry["date"] = data["date"]
        for key in ("drugs", "rules"):
            entry[key] = merge(entry[key], change[key])
        HISTORY.write_text(json.dumps(history, indent=1, ensure_ascii=False) + "\n", "utf-8")
        CHANGES.write_text(changes_markdown(history), "utf-8")
    COMPILED.write_text(render(data), "utf-8")
    print(f"{len(data['drugs'])} drugs, {len(data['rules'])} rules -> {COMPILED.name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="fail if compiled.json is stale")
    group.add_argument("--check-sources", action="store_true", help="validate the sources")
    args = parser.parse_args(argv)
    if args.check or args.check_sources:
        data, problems = read_sources()
        stale = not COMPILED.exists() or COMPILED.read_text("utf-8") != render(data)
        if args.check and not problems and stale:
            problems.append(
                "compiled.json does not match the sources: run tools/build_formulary.py"
            )
        print("\n".join(problems) or "ok", file=sys.stderr if problems else sys.stdout)
        return 1 if problems else 0
    return build()


if __name__ == "__main__":
    sys.exit(main())
