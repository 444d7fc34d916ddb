"""``practice-desk --self-test``: prove that this copy of Practice Desk is complete.

Run on a fresh install or an unpacked bundle, it goes through every part a clinician
relies on, in a throwaway folder: the bundled resources, an encrypted practice file, a
synthetic patient written and read back, a prescription and a handout rendered to PDF,
and the main window opened offscreen and unlocked, with Qt's PDF and print modules and
Practice Desk's own chart widget. One line per check; exit 0 when all pass, 1 at the
first failure, which is named. The folder is removed afterwards, whatever happened.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

from practice_desk import __version__

USERNAME = "selftest"
# The practice file lives for a few seconds in a private temporary folder and is deleted.
PASSWORD = "self-test only, deleted at once"  # noqa: S105
PATIENT = {
    "family_name": "Selftest",
    "given_name": "Synthetic",
    "date_of_birth": "1970-01-01",
    "phone": "(555) 555-0100",
    "address": {
        "line1": "1 Example Street",
        "city": "Anytown",
        "state": "NY",
        "postal_code": "01234",
    },
}
PATIENT_NAME = "Synthetic Selftest"


class SelfTestFailed(Exception):
    """A check found something missing or wrong; the message says what."""


class _Run:
    """Shared state between the checks: the folder, the practice file, what was made."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.vault = folder / "self-test.pdvault"
        self.patient_id = 0
        self.rx_pdf = b""


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the run and put the old values back afterwards."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# --- checks without a window -------------------------------------------------------------


def _check_resources(_run: _Run) -> str:
    from importlib import resources

    from practice_desk.domain import formulary, handouts, icd10
    from practice_desk.practice.versions import third_party_notices

    drugs = formulary.load()
    english, spanish = handouts.available("en"), handouts.available("es")
    if not drugs.drugs or not drugs.rules:
        raise SelfTestFailed("the formulary is empty")
    if not english or not spanish:
        raise SelfTestFailed("the medication handouts are missing")
    if icd10.lookup("F41.1") is None:
        raise SelfTestFailed("the ICD-10-CM code list is missing")
    folder = resources.files("practice_desk.resources")
    where = _resources_place(folder)
    fonts = [e.name for e in folder.joinpath("fonts").iterdir() if e.name.endswith(".ttf")]
    if "LGPL" not in third_party_notices():
        raise SelfTestFailed("the third-party notices are missing")
    return (
        f"formulary of {len(drugs.drugs)} drugs and {len(drugs.rules)} interaction rules, "
        f"{len(english)} English and {len(spanish)} Spanish handouts, ICD-10-CM codes, "
        f"{len(fonts)} fonts, third-party notices ({where})"
    )


def _resources_place(folder: object) -> str:
    """Where the resources were read from; in a bundle they must come from the bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None:
        return "read from the installed package"
    place = Path(str(folder)).resolve()
    if not place.is_relative_to(Path(bundle).resolve()):
        raise SelfTestFailed(f"the resources were read from {place}, outside the bundle")
    return "read from inside the bundle"


def _check_vault(run: _Run) -> str:
    from practice_desk.practice import Practice
    from practice_desk.practice.versions import component_versions

    practice, recovery_key = Practice.create(run.vault, USERNAME, PASSWORD, "Dr Sam Selftest")
    practice.close()
    versions = component_versions()
    if run.vault.read_bytes().startswith(b"SQLite format 3"):
        raise SelfTestFailed("the practice file was written unencrypted")
    if not run.vault.with_name(run.vault.name + ".keys").exists():
        raise SelfTestFailed("the key file was not written beside the practice file")
    groups = len(recovery_key.split("-"))
    return (
        f"created an encrypted practice file and its key file (SQLCipher "
        f"{versions['SQLCipher']}, {_provider(versions)}), {groups}-group recovery key"
    )


def _provider(versions: dict[str, str]) -> str:
    known = ("Practice Desk", "Python", "SQLCipher", "SQLite", "ReportLab")
    return ", ".join(f"{name} {version}" for name, version in versions.items() if name not in known)


def _check_patient(run: _Run) -> str:
    from practice_desk.practice import Practice

    with Practice.open(run.vault) as practice:
        practice.unlock(USERNAME, PASSWORD)
        written = practice.add_patient(PATIENT)
    run.patient_id = written.id
    # Read back through a fresh open and unlock: the data came from the encrypted file.
    with Practice.open(run.vault) as practice:
        practice.unlock(USERNAME, PASSWORD)
        read = practice.get_patient(written.id)
        report = practice.check()
    if read.details != written.details:
        raise SelfTestFailed("the patient read back differs from the one written")
    if not report.ok:
        raise SelfTestFailed("; ".join(report.problems))
    return (
        f"wrote patient #{written.id}, locked, unlocked and read it back unchanged; "
        "cipher pages, database structure and audit chain intact"
    )


def _check_prescription(run: _Run) -> str:
    from practice_desk.domain import formulary
    from practice_desk.domain.prescriptions import PracticeProfile, Prescriber
    from practice_desk.domain.regimens import DoseSchedule, details_for
    from practice_desk.practice import Practice

    profile = PracticeProfile(
        name="Practice Desk Self-Test (not a real practice)",
        address="1 Example Street\nAnytown, NY 01234",
        phone="(555) 555-0100",
        # Valid check digits on made-up numbers: the DEA and NPI formats are checked.
        prescriber=Prescriber(
            name="Dr Sam Selftest", credentials="MD", dea="BS1234563", npi="1234567893"
        ),
    )
    drug = formulary.load().drugs["sertraline"]
    product = next(p for p in drug.products if p.strength_mg == 50 and p.form.value == "tablet")
    with Practice.open(run.vault) as practice:
        practice.unlock(USERNAME, PASSWORD)
        practice.save_practice_profile(profile)
        order, _alerts = practice.start_medication(
            run.patient_id,
            details_for(drug, product=product, schedule=DoseSchedule(morning=1)),
            start=date.today(),
        )
        [rx] = practice.write_prescription(order.id, quantity=30, days_supply=30)
        pdf = practice.print_prescriptions([rx.serial])
        handout = practice.handout_pdf("sertraline", "es")
    for name, data in (("prescription", pdf), ("handout", handout)):
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            raise SelfTestFailed(f"the {name} is not a complete PDF")
        if b"DejaVuSans" not in data:
            raise SelfTestFailed(f"the {name} does not embed the DejaVu fonts")
    run.rx_pdf = pdf
    return (
        f"Rx #{rx.serial:06d} for sertraline 50 mg rendered ({len(pdf) // 1024} KB PDF, "
        f"DejaVu fonts embedded); Spanish handout rendered ({len(handout) // 1024} KB)"
    )


# --- checks with Qt ------------------------------------------------------------------------


def _check_qt(run: _Run) -> str:
    from practice_desk.ui import self_check

    return self_check.start_application(run.folder / "settings")


def _check_window(run: _Run) -> str:
    from practice_desk.ui import self_check

    return self_check.open_main_window(run.vault, USERNAME, PASSWORD)


def _check_pdf_view(run: _Run) -> str:
    from practice_desk.ui import self_check

    return self_check.render_pdf(run.rx_pdf, PATIENT_NAME)


def _check_printing(run: _Run) -> str:
    from practice_desk.ui import self_check

    return self_check.print_to_file(run.rx_pdf, run.folder / "printed.pdf")


def _check_charts(_run: _Run) -> str:
    from practice_desk.ui import self_check

    return self_check.draw_chart()


def _check_translations(_run: _Run) -> str:
    from practice_desk.ui import self_check

    return self_check.translations()


def _check_platforms(_run: _Run) -> str:
    from practice_desk.ui import self_check

    return self_check.platform_plugins()


CHECKS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    ("resources", _check_resources),
    ("vault", _check_vault),
    ("patient", _check_patient),
    ("documents", _check_prescription),
    ("qt", _check_qt),
    ("main window", _check_window),
    ("pdf view", _check_pdf_view),
    ("printing", _check_printing),
    ("charts", _check_charts),
    ("translations", _check_translations),
    ("platform plugins", _check_platforms),
)


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check in a temporary folder, print one line each; 0 when all pass, else 1."""
    out = out or sys.stdout
    frozen = "bundle" if getattr(sys, "frozen", False) else "installed from source"
    print(
        f"Practice Desk {__version__} self-test ({frozen}; Python {platform.python_version()} "
        f"on {platform.system()} {platform.machine()})",
        file=out,
        flush=True,
    )
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="practice-desk-self-test-"))
    failed = False
    env = {
        # Logs, the demo folder and anything else per-user go to the throwaway folder.
        "PRACTICE_DESK_HOME": str(folder / "home"),
        # The practice file is deleted in a few seconds: a light key derivation is enough.
        "PRACTICE_DESK_TEST_WEAK_KDF": "1",
    }
    if not os.environ.get("QT_QPA_PLATFORM"):
        env["QT_QPA_PLATFORM"] = "offscreen"  # no window appears, with or without a display
    try:
        with _environment(env):
            run = _Run(folder)
            for name, check in CHECKS:
                try:
                    detail = check(run)
                except Exception as exc:
                    print(f"FAIL {name}: {_describe(exc)}", file=out, flush=True)
                    failed = True
                    break
                print(f"ok   {name}: {detail}", file=out, flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        print(f"FAIL cleanup: could not remove {folder}", file=out, flush=True)
        return 1
    print(f"ok   cleanup: removed the temporary folder {folder}", file=out, flush=True)
    if failed:
        print("self-test FAILED", file=out, flush=True)
        return 1
    print(
        f"self-test passed: {len(CHECKS) + 1} checks in {time.perf_counter() - started:.1f} s",
        file=out,
        flush=True,
    )
    return 0


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SelfTestFailed):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"
