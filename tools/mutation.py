"""Mutation testing: plant plausible bugs in a module and see whether the tests notice.

    .venv/bin/python tools/mutation.py                      # every target, every mutant
    .venv/bin/python tools/mutation.py safety --limit 60    # a repeatable sample of one
    .venv/bin/python tools/mutation.py --json               # one JSON object, for the README

Each mutant changes one thing in the module's code (never its docstrings or type
annotations): a comparison's boundary (< for <=), its sense (== for !=, in for not in),
and for or, + for -, * for /, a number (n + 1), True for False, a call left out, or a
raise left out. The module's own tests run against each mutant in a scratch copy of the
source; a mutant is killed when they fail (or hang). Survivors are listed with their
line, for a person to judge: a missing test, or a change that cannot matter.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Module (under src/practice_desk) and the tests that guard it.
TARGETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "safety": (
        "domain/safety.py",
        (
            "tests/domain/test_safety_engine.py",
            "tests/domain/test_safety_boundaries.py",
            "tests/domain/test_drug_knowledge.py",
            "tests/domain/test_general_rules.py",
            "tests/domain/test_conditions.py",
            "tests/domain/test_formulary_data.py",
            "tests/practice/test_regimens.py",
        ),
    ),
    "tapering": (
        "domain/tapering.py",
        (
            "tests/domain/test_tapering.py",
            "tests/domain/test_taper_limits.py",
            "tests/domain/test_taper_details.py",
            "tests/domain/test_taper_properties.py",
            "tests/domain/test_taper_orders.py",
            "tests/domain/test_taper_progress.py",
            "tests/practice/test_results_and_tapers.py",
            "tests/practice/test_taper_as_dose.py",
        ),
    ),
    "prescriptions": (
        "domain/prescriptions.py",
        (
            "tests/domain/test_prescriptions.py",
            "tests/practice/test_prescribing.py",
            "tests/practice/test_taper_prescriptions.py",
            "tests/documents",
        ),
    ),
    "keyslots": (
        "vault/keyslots.py",
        (
            "tests/vault/test_keys.py",
            "tests/vault/test_keyslots_boundaries.py",
            "tests/vault/test_key_rotation.py",
            "tests/vault/test_hostile_files_fuzz.py",
            "tests/vault/test_frozen_formats.py",
            "tests/practice/test_signed_trust.py",
        ),
    ),
    "backup": (
        "vault/backup.py",
        (
            "tests/vault/test_backups.py",
            "tests/vault/test_hostile_files_fuzz.py",
            "tests/practice/test_witnesses.py",
        ),
    ),
}

_SWAP_COMPARE: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_SWAP_BINOP: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
}


@dataclass(frozen=True)
class Mutant:
    index: int  # the index-th mutable point, in a fixed walk of the module
    line: int
    what: str


def _skipped(tree: ast.Module) -> set[int]:
    """Nodes never mutated: docstrings, annotations, and what they contain."""
    skip: set[int] = set()

    def mark(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                mark(body[0])
        if isinstance(node, ast.AnnAssign):
            mark(node.annotation)
        if isinstance(node, ast.arg):
            mark(node.annotation)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            mark(node.returns)
        if isinstance(node, ast.JoinedStr):
            mark(node)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"debug", "info", "warning", "error", "exception"}
        ):
            mark(node)  # log lines
    return skip


def _points(tree: ast.Module) -> Iterator[tuple[ast.AST, str, int]]:
    """(node, kind, line) of every mutable point, in a fixed order."""
    skip = _skipped(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in _SWAP_COMPARE:
                    yield node, f"compare:{i}", line
        elif isinstance(node, ast.BoolOp):
            yield node, "boolop", line
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, "not", line
        elif isinstance(node, ast.BinOp) and type(node.op) in _SWAP_BINOP:
            yield node, "binop", line
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
            yield node, "number", line
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            yield node, "bool", line
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            yield node, "drop-call", line
        elif isinstance(node, ast.Raise):
            yield node, "drop-raise", line


def _describe(node: ast.AST, kind: str) -> str:
    if kind.startswith("compare:"):
        op = node.ops[int(kind.split(":")[1])]  # type: ignore[attr-defined]
        return f"{type(op).__name__} -> {_SWAP_COMPARE[type(op)].__name__}"
    if kind == "boolop":
        return f"{type(node.op).__name__} -> {'Or' if isinstance(node.op, ast.And) else 'And'}"  # type: ignore[attr-defined]
    if kind == "binop":
        op = node.op  # type: ignore[attr-defined]
        return f"{type(op).__name__} -> {_SWAP_BINOP[type(op)].__name__}"
    if kind == "number":
        return f"{node.value!r} -> {_bumped(node.value)!r}"  # type: ignore[attr-defined]
    if kind == "bool":
        return f"{node.value} -> {not node.value}"  # type: ignore[attr-defined]
    if kind == "not":
        return "not x -> x"
    return {"drop-call": "call left out", "drop-raise": "raise left out"}[kind]


def _bumped(value: float) -> float:
    return value + 1 if isinstance(value, int) else value * 1.5 + 0.1


class _Apply(ast.NodeTransformer):
    def __init__(self, target: ast.AST, kind: str) -> None:
        self.target, self.kind = target, kind

    def visit(self, node: ast.AST) -> ast.AST:
        if node is not self.target:
            visited: ast.AST = super().visit(node)
            return visited
        kind = self.kind
        if kind.startswith("compare:"):
            i = int(kind.split(":")[1])
            node.ops[i] = _SWAP_COMPARE[type(node.ops[i])]()  # type: ignore[attr-defined]
        elif kind == "boolop":
            node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()  # type: ignore[attr-defined]
        elif kind == "binop":
            node.op = _SWAP_BINOP[type(node.op)]()  # type: ignore[attr-defined]
        elif kind == "number":
            node.value = _bumped(node.value)  # type: ignore[attr-defined]
        elif kind == "bool":
            node.value = not node.value  # type: ignore[attr-defined]
        elif kind == "not":
            return node.operand  # type: ignore[attr-defined,no-any-return]
        elif kind in ("drop-call", "drop-raise"):
            return ast.copy_location(ast.Pass(), node)
        return node


def mutants(source: str) -> list[Mutant]:
    tree = ast.parse(source)
    return [
        Mutant(i, line, _describe(node, kind)) for i, (node, kind, line) in enumerate(_points(tree))
    ]


def mutate(source: str, index: int) -> str:
    tree = ast.parse(source)
    node, kind, _line = list(_points(tree))[index]
    return ast.unparse(ast.fix_missing_locations(_Apply(node, kind).visit(tree)))


def _workspace(parent: Path) -> Path:
    """A copy of the sources and tests that mutants may be written into."""
    root = parent / "tree"
    shutil.copytree(ROOT / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests", root / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, root / name)
    return root


def _run_tests(root: Path, tests: tuple[str, ...], timeout: float) -> tuple[bool, float]:
    """(the tests passed, seconds taken); a hang counts as a failure."""
    env = dict(os.environ, PYTHONPATH=str(root / "src"), QT_QPA_PLATFORM="offscreen")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    started = time.perf_counter()
    try:
        # One hypothesis seed: a mutant is killed by a test, not by a lucky example.
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
        command += ["--hypothesis-seed=0"]
        done = subprocess.run(
            [*command, "-m", "not slow", *tests],
            cwd=root,
            env=env,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return False, time.perf_counter() - started
    return done.returncode == 0, time.perf_counter() - started


def run_target(name: str, *, limit: int | None, seed: int, jobs: int) -> dict[str, object]:
    module, tests = TARGETS[name]
    tests = tuple(t for t in tests if (ROOT / t).exists())
    source = (ROOT / "src/practice_desk" / module).read_text("utf-8")
    every = mutants(source)
    chosen = every
    if limit is not None and len(every) > limit:
        chosen = sorted(random.Random(seed).sample(every, limit), key=lambda m: m.index)
    with tempfile.TemporaryDirectory(prefix="pd-mutation-") as scratch:
        roots = [_workspace(Path(scratch) / f"w{n}") for n in range(jobs)]
        ok, baseline = _run_tests(roots[0], tests, timeout=1800)
        if not ok:
            raise SystemExit(f"{name}: the tests fail before any mutation; fix them first")
        timeout = max(30.0, baseline * 4)
        free = list(roots)

        def one(mutant: Mutant) -> tuple[Mutant, bool]:
            root = free.pop()
            target = root / "src/practice_desk" / module
            try:
                target.write_text(mutate(source, mutant.index), "utf-8")
                passed, _ = _run_tests(root, tests, timeout)
            finally:
                target.write_text(source, "utf-8")
                free.append(root)
            return mutant, not passed

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(one, chosen))
    survivors = [m for m, killed in results if not killed]
    killed = len(results) - len(survivors)
    return {
        "module": module,
        "mutants": len(every),
        "tried": len(results),
        "killed": killed,
        "score": round(killed / len(results), 3) if results else 1.0,
        "survivors": [f"line {m.line}: {m.what}" for m in survivors],
        "tests": list(tests),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=", ".join(TARGETS))
    parser.add_argument("--limit", type=int, help="at most this many mutants per target")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target {unknown[0]!r}; choose from {', '.join(TARGETS)}")
    report = {}
    for name in args.targets or list(TARGETS):
        print(f"mutating {name}...", file=sys.stderr)
        report[name] = run_target(name, limit=args.limit, seed=args.seed, jobs=args.jobs)
        r = report[name]
        print(f"  {r['killed']}/{r['tried']} killed ({r['score']:.0%})", file=sys.stderr)
        for line in r["survivors"]:  # type: ignore[attr-defined]
            print(f"    survived {line}", file=sys.stderr)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        for name, r in report.items():
            print(f"{name}: {r['killed']}/{r['tried']} mutants killed ({r['score']:.0%})")
            for line in r["survivors"]:  # type: ignore[attr-defined]
                print(f"    survived {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
