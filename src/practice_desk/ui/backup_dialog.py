"""Back up to a USB drive: choose the drive, watch the progress, see the verified result."""

from __future__ import annotations

import threading
from typing import cast

from PySide6.QtCore import QStorageInfo, QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain.errors import PracticeError
from practice_desk.practice import Practice
from practice_desk.practice.backups import BackupReport
from practice_desk.ui import prompts
from practice_desk.ui.naming import named


class _Cancelled(Exception):
    pass


class _Worker(QThread):
    progressed = Signal(float)
    finished_with = Signal(object)  # a BackupReport or an exception

    def __init__(self, job, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._job = job
        self.cancel = threading.Event()

    def run(self) -> None:
        def progress(fraction: float) -> None:
            if self.cancel.is_set():
                raise _Cancelled()
            self.progressed.emit(fraction)

        try:
            self.finished_with.emit(self._job(progress))
        except BaseException as exc:  # handed to the GUI thread, shown in words there
            self.finished_with.emit(exc)


def drives() -> list[QStorageInfo]:
    """Mounted, writable volumes other than the system disk, most free space first."""
    found = [
        v
        for v in QStorageInfo.mountedVolumes()
        if v.isValid()
        and v.isReady()
        and not v.isReadOnly()
        and v.rootPath() not in ("/", "C:/")
        and not v.rootPath().startswith(("/proc", "/sys", "/dev", "/run", "/boot"))
    ]
    return sorted(found, key=lambda v: -v.bytesAvailable())


class BackupDialog(QDialog):
    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
        self._worker: _Worker | None = None
        self.setObjectName("backup_dialog")
        self.setWindowTitle(self.tr("Back up the practice"))
        self.targets = named(QListWidget(), "backup_targets")
        self.targets.setAccessibleName(self.tr("Backup drives"))
        for volume in drives():
            free = volume.bytesAvailable() / 1e9
            item = QListWidgetItem(
                self.tr("%1 — %2 (%3 GB free)")
                .replace("%1", volume.displayName())
                .replace("%2", volume.rootPath())
                .replace("%3", f"{free:.1f}")
            )
            item.setData(256, volume.rootPath())
            self.targets.addItem(item)
        self.folder_button = named(QPushButton(self.tr("Choose a folder…")), "backup_choose_folder")
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        self.progress = named(QProgressBar(), "backup_progress")
        self.progress.setRange(0, 100)
        self.outcome = named(QLabel(), "backup_result")
        self.outcome.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            self.tr("Back up now"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setObjectName("backup_start")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        last = practice.last_verified_backup()
        status = QLabel(
            self.tr("Last verified backup: %1").replace(
                "%1", f"{last[0]:%d %b %Y %H:%M} ({last[1]})"
            )
            if last
            else self.tr("No verified backup yet.")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(status)
        layout.addWidget(QLabel(self.tr("Back up to:")))
        layout.addWidget(self.targets)
        layout.addWidget(self.folder_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)

    def _on_folder_button_clicked(self) -> None:
        folder = prompts.choose_folder(self, self.tr("Choose the backup folder"))
        if folder:
            item = QListWidgetItem(folder)
            item.setData(256, folder)
            self.targets.addItem(item)
            self.targets.setCurrentItem(item)

    def _on_start_button_clicked(self) -> None:
        item = self.targets.currentItem()
        if item is None:
            self.outcome.setText(self.tr("Choose a drive or folder first."))
            return
        try:
            job = self._practice.backup_job(str(item.data(256)))
        except PracticeError as exc:
            self.outcome.setText(str(exc))
            return
        self.start_button.setEnabled(False)
        self.outcome.setText(self.tr("Backing up… the practice stays usable."))
        self._worker = _Worker(job, self)
        self._worker.progressed.connect(lambda f: self.progress.setValue(int(f * 100)))
        self._worker.finished_with.connect(self._on_worker_finished)
        self._worker.start()

    def _on_worker_finished(self, outcome: object) -> None:
        if self._worker is not None:
            self._worker.wait()
        self._worker = None
        self.start_button.setEnabled(True)
        if isinstance(outcome, _Cancelled):
            self.progress.setValue(0)
            self.outcome.setText(self.tr("Cancelled. Nothing was left on the drive."))
        elif isinstance(outcome, PracticeError):
            self.outcome.setText(str(outcome))
        elif isinstance(outcome, BaseException):
            self.outcome.setText(
                self.tr("The backup failed unexpectedly; nothing was left on the drive.")
            )
        else:
            report = cast(BackupReport, outcome)
            self._practice.record_backup(report)
            self.progress.setValue(100)
            done = self.tr("✓ Backup written and verified: %1. You can remove the drive.")
            self.outcome.setText(done.replace("%1", str(report.path)))

    def _on_cancel_button_clicked(self) -> None:
        if self._worker is not None:
            self._worker.cancel.set()
        else:
            self.reject()
