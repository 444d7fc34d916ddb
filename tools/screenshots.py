"""Screenshots of every main screen on a fresh demo practice, under Xvfb, to look at.

    python tools/screenshots.py [OUT_DIR] [--language es] [--scale 1.5]

OUT_DIR defaults to screenshots/. ``--language es`` shows the Spanish interface;
``--scale`` sets QT_SCALE_FACTOR, to see the layouts at 125-200% display scaling.

Without a display it starts itself again under ``xvfb-run`` (apt-get install xvfb) at
1366 x 768, the smallest laptop screen the window is designed for. The demo practice is
synthetic and lives in a temporary folder that is deleted afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

SIZE = (1366, 768)


def _under_xvfb(argv: list[str]) -> int:
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        print("No display and no xvfb-run: install xvfb (apt-get install xvfb)", file=sys.stderr)
        return 2
    screen = f"-screen 0 {SIZE[0]}x{SIZE[1]}x24"
    return subprocess.call([xvfb, "-a", "-s", screen, sys.executable, __file__, *argv])


def _shoot(out: Path, language: str) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from practice_desk.practice import Practice, demo
    from practice_desk.ui.app import _application
    from practice_desk.ui.i18n import install_interface_language
    from practice_desk.ui.main_window import MainWindow

    app = _application()
    install_interface_language(app, language)
    saved: list[Path] = []

    def snap(window: QWidget, name: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = out / f"{len(saved) + 1:02d}-{name}.png"
        screen = QApplication.primaryScreen()
        image = screen.grabWindow(0) if os.environ.get("DISPLAY") else window.grab()
        image.save(str(path))
        saved.append(path)

    with tempfile.TemporaryDirectory(prefix="pd-screens-") as tmp:
        vault = Path(tmp) / "demo.pdvault"
        demo.create_demo_practice(vault, patients=200).close()
        practice = Practice.open(vault)
        window = MainWindow(practice)
        # The screen as the app sees it: at 150% a 1366 x 768 screen is 911 x 512 points.
        screen = QApplication.primaryScreen()
        window.setGeometry(screen.availableGeometry() if screen else window.geometry())
        window.show()
        snap(window, "unlock")
        practice.unlock(demo.DEMO_USER, demo.DEMO_PASSWORD)
        window._on_unlock_page_unlocked()
        snap(window, "today")
        tapers = practice.active_tapers()
        patient_id = tapers[0].patient_id if tapers else practice.unsigned_notes()[0][1]
        window._open_chart(patient_id)
        for index in range(window.chart.count()):
            if not window.chart.isTabVisible(index):
                continue
            window.chart.setCurrentIndex(index)
            title = window.chart.tabText(index).replace("&", "").lower()
            snap(window, f"chart-{title}")
        from practice_desk.ui.chart.medication_form import MedicationForm
        from practice_desk.ui.patient_form import PatientForm
        from practice_desk.ui.settings_dialog import SettingsDialog

        form = PatientForm(practice, practice.get_patient(patient_id), window)
        form.show()
        snap(form, "patient-form")
        form.close()
        from practice_desk.ui.chart.reconcile import ReconcileDialog

        reconcile = ReconcileDialog(practice, patient_id, window)
        reconcile.show()
        reconcile.reported.setPlainText("Zoloft 150 mg daily\nmelatonin 3 mg at night\nibuprofen")
        reconcile.compare()
        snap(reconcile, "reconcile")
        reconcile.close()
        medication = MedicationForm(practice, patient_id, None, window)
        medication.show()
        medication.drug.setText("sertraline")
        snap(medication, "medication-form")
        medication.close()
        from practice_desk.ui.chart.visits import BookVisitDialog, VisitsDialog

        name = practice.get_patient(patient_id).display_name
        visits = VisitsDialog(practice, patient_id, name, window)
        visits.show()
        snap(visits, "visits")
        booking = BookVisitDialog(practice, patient_id, name, visits)
        booking.show()
        snap(booking, "book-visit")
        booking.done(0)
        visits.close()

        settings = SettingsDialog(practice, window)
        settings.show()
        for index in range(settings.tabs.count()):
            settings.tabs.setCurrentIndex(index)
            title = settings.tabs.tabText(index).replace("&", "").split()[0].lower()
            snap(settings, f"settings-{title}")
        settings.close()
        window.close()
        _wizard(Path(tmp), snap)
    return saved


def _wizard(tmp: Path, snap: Callable[[QWidget, str], None]) -> None:
    """The first-start wizard, page by page, filled in as a new practice would."""
    from practice_desk.ui.setup_wizard import SetupWizard

    wizard = SetupWizard()
    wizard.show()
    snap(wizard, "setup-start")
    wizard.next()
    page = wizard.practice_page
    page.location.setText(str(tmp / "lakeside.pdvault"))
    page.profile.practice_name.setText("Lakeside Demo Clinic")
    page.profile.address.setPlainText("1 Example Road\nAnytown, NY 01234")
    page.profile.phone.setText("(555) 555-0199")
    page.profile.prescriber_name.setText("Dr Robin Placeholder")
    page.profile.credentials.setText("MD")
    snap(wizard, "setup-practice")
    wizard.next()
    wizard.user_page.passwords.password.setText("Seven green kites")
    snap(wizard, "setup-user")
    wizard.user_page.passwords.repeat.setText("Seven green kites")
    wizard.next()
    snap(wizard, "setup-recovery")
    from practice_desk.ui import prompts

    prompts.answers["confirm"] = lambda *_: True  # "Leave without printing?": yes, it is a demo
    if wizard.practice is not None:
        wizard.practice.close()
    wizard.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Screenshots of every main screen.")
    parser.add_argument("out", nargs="?", default="screenshots")
    parser.add_argument("--language", choices=["en", "es"], default="en")
    parser.add_argument("--scale", type=float, default=None, help="QT_SCALE_FACTOR, e.g. 1.5")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        return _under_xvfb([str(out), "--language", args.language])
    out.mkdir(parents=True, exist_ok=True)
    for path in _shoot(out, args.language):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
