"""The main window: the unlock page until unlocked, then the patient list and chart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain.changes import Change, Changes
from practice_desk.domain.patients import Patient
from practice_desk.domain.preferences import Preferences
from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.backup_dialog import BackupDialog
from practice_desk.ui.chart.banner import ChartBanner
from practice_desk.ui.chart.view import ChartView
from practice_desk.ui.i18n import fill
from practice_desk.ui.idle import InactivityTimer
from practice_desk.ui.naming import named
from practice_desk.ui.patient_form import PatientForm
from practice_desk.ui.patient_list import PatientListModel
from practice_desk.ui.reset_password import ResetPasswordDialog
from practice_desk.ui.today import TodayView
from practice_desk.ui.unlock import UnlockPage

#: How long after the window is made its chart tabs are built (the unlock window is up).
BUILD_CHART_AFTER_MS = 400


class MainWindow(QMainWindow):
    def __init__(
        self,
        practice: Practice,
        demo_password: str | None = None,
        auto_lock_minutes: float | None = None,
    ) -> None:
        """``auto_lock_minutes`` overrides the practice preference (tests use seconds)."""
        super().__init__()
        self.practice = practice
        self._auto_lock_override = auto_lock_minutes
        self.setWindowTitle(self.tr("Practice Desk"))
        self.setObjectName("main_window")
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen else None
        width = min(1280, int(room.width() * 0.96)) if room else 1200
        height = min(820, int(room.height() * 0.92)) if room else 720
        self.resize(width, height)

        self.unlock_page = UnlockPage(practice, demo_password)
        self.unlock_page.unlocked.connect(self._on_unlock_page_unlocked)
        self.unlock_page.restore_requested.connect(self._on_unlock_page_restore_requested)

        self.search = named(QLineEdit(), "patient_search")
        self.search.setPlaceholderText(
            self.tr("Search: name, date of birth, chart number or phone")
        )
        self.search.setAccessibleName(self.tr("Search patients"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)

        self.model = PatientListModel(practice, self)
        self.table = named(QTableView(), "patient_list")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Patients"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths from sample text: sizing to contents would fetch every row.
        metrics = self.table.fontMetrics()
        for column, sample in ((1, "28 Sep 2000"), (2, "0000000"), (3, "(555) 555-0100")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.count = named(QLabel(), "patient_count")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.count)

        self.chart = ChartView(practice)
        # The tabs are made while the password is typed, not before the window shows.
        QTimer.singleShot(BUILD_CHART_AFTER_MS, self.chart.build)
        self.chart.changed.connect(self._on_chart_changed)
        self.chart.open_patient.connect(self._open_chart)
        unsubscribe = practice.subscribe(self._on_practice_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self.today = TodayView(practice)
        self.today.patient_chosen.connect(self._on_today_patient_chosen)
        self.right = named(QTabWidget(), "right_pages")
        self.right.addTab(self.today, self.tr("&Today"))
        self.banner = ChartBanner()
        self.chart.presented.connect(self.banner.present)
        self.chart.cleared.connect(self.banner.clear_patient)
        self.chart_page = QWidget()
        page = QVBoxLayout(self.chart_page)
        page.setContentsMargins(0, 4, 0, 0)
        page.setSpacing(4)
        page.addWidget(self.banner)
        page.addWidget(self.chart, 1)
        self.right.addTab(self.chart_page, self.tr("&Chart"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        # The list takes about a third: at 150% scaling a 1366 x 768 screen is 911 points
        # wide, and the chart needs the room more than the list.
        list_width = max(300, min(480, int(self.width() * 0.36)))
        splitter.setSizes([list_width, max(400, self.width() - list_width)])
        splitter.setStretchFactor(1, 1)
        left.setMinimumWidth(360)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.unlock_page)
        self.pages.addWidget(splitter)
        self.work_page = splitter
        self.setCentralWidget(self.pages)
        self.idle = InactivityTimer(auto_lock_minutes or 5, self)
        self.idle.idle.connect(self._on_idle_idle)
        self._resume_patient: int | None = None
        self._build_actions()
        self._show_locked()

    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Practice"))
        self.lock_action = named(QAction(self.tr("&Lock"), self), "action_lock")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.find_action = named(QAction(self.tr("&Find patient"), self), "action_find")
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self._on_find_triggered)
        self.new_patient_action = named(
            QAction(self.tr("&New patient…"), self), "action_new_patient"
        )
        self.new_patient_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_patient_action.triggered.connect(self._on_new_patient_triggered)
        self.edit_patient_action = named(
            QAction(self.tr("&Edit patient details…"), self), "action_edit_patient"
        )
        self.edit_patient_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_patient_action.triggered.connect(self._on_edit_patient_triggered)
        self.backup_action = named(QAction(self.tr("&Back up…"), self), "action_backup")
        self.backup_action.setShortcut(QKeySequence("Ctrl+B"))
        self.backup_action.triggered.connect(self._on_backup_triggered)
        self.print_action = named(QAction(self.tr("&Print…"), self), "action_print")
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        self.print_action.triggered.connect(self._on_print_triggered)
        self.save_action = named(QAction(self.tr("Sa&ve"), self), "action_save")
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.triggered.connect(self._on_save_triggered)
        self.settings_action = named(QAction(self.tr("&Settings…"), self), "action_settings")
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self._on_settings_triggered)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.patient_actions = (
            self.new_patient_action,
            self.edit_patient_action,
            self.save_action,
            self.print_action,
        )
        for action in (
            self.find_action,
            self.new_patient_action,
            self.edit_patient_action,
            self.lock_action,
            self.save_action,
            self.print_action,
            self.backup_action,
            self.settings_action,
            quit_action,
        ):
            if action is quit_action:
                menu.addSeparator()
            menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = named(QAction(self.tr("&About Practice Desk…"), self), "action_about")
        self.about_action.triggered.connect(self._on_about_triggered)
        help_menu.addAction(self.about_action)

    # --- locking -------------------------------------------------------------------------

    def lock(self) -> None:
        # Where the user was, so unlocking takes them back there.
        self._resume_patient = self.chart.patient_id
        self.chart.save_drafts()  # a note being typed is kept as a draft
        self._close_dialogs()
        self.practice.lock()
        self._show_locked()

    def _close_dialogs(self) -> None:
        """Nothing of the practice stays on screen once locked: Settings, forms, their
        dialogs. A backup being written keeps its window; it finishes on its own."""
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible() and not isinstance(dialog, BackupDialog):
                dialog.done(QDialog.DialogCode.Rejected)  # no "discard?" question: locking

    def _on_unlock_page_restore_requested(self) -> None:
        """Restore a backup to a new place, or over this practice (kept beside it); the
        window stays usable whatever happens."""
        from practice_desk.domain.errors import PracticeError

        page = self.unlock_page
        credentials = page.credentials()
        if not (credentials.get("password") or credentials.get("recovery_key")):
            page.error.setText(
                self.tr(
                    "Type the password the backup was made with (or use the recovery key), "
                    "then choose Restore again."
                )
            )
            return
        chosen = prompts.open_file(
            self, self.tr("Choose the backup to restore"), "Backups (*.pdbackup);;All files (*)"
        )
        if not chosen:
            return
        title = self.tr("Restore from backup")
        where = prompts.choose(
            self,
            title,
            fill(self.tr("Where should %1 be restored?"), Path(chosen).name),
            [self.tr("To a new location…"), self.tr("Over this practice")],
        )
        if where is None:
            return
        try:
            if where == 0:
                self._restore_to_new_place(chosen, credentials)
                return
            question = fill(
                self.tr(
                    "Restore %1 over this practice? The current practice is kept beside it "
                    "as a “before-restore” copy, so nothing is lost."
                ),
                Path(chosen).name,
            )
            if not prompts.confirm(self, title, question):
                return
            _report, kept = self.practice.restore_over(chosen, **credentials)
        except PracticeError as exc:
            page.error.setText(str(exc))
            return
        page.reset()
        page.notice.setText(
            fill(
                self.tr("The backup was verified and restored; the previous practice is kept "
                        "as %1. Sign in."),
                kept.name if kept else "",
            )
        )  # fmt: skip

    def _restore_to_new_place(self, chosen: str, credentials: dict[str, str]) -> None:
        from practice_desk.practice.backups import restore_backup

        suggested = str(self.practice.path.with_name(f"{Path(chosen).stem}.pdvault"))
        target = prompts.save_file(
            self, self.tr("Restore to a new practice file"), suggested,
            "Practice files (*.pdvault)",
        )  # fmt: skip
        if not target:
            return
        restore_backup(chosen, target, **credentials)
        question = fill(self.tr("The backup was verified and restored to %1. Open it now?"), target)
        if prompts.confirm(self, self.tr("Restore from backup"), question):
            self.practice.reopen(target)
            QSettings().setValue("vault/path", target)
            self.unlock_page.reset()
            self.unlock_page.refresh_users()
            self.unlock_page.notice.setText(fill(self.tr("Opened %1. Sign in."), Path(target).name))
        else:
            self.unlock_page.notice.setText(
                fill(self.tr("Restored to %1; this practice is unchanged."), target)
            )

    def _on_practice_changed(self, changes: Changes) -> None:
        """A backup made: Today and the status bar stop saying there is none."""
        if Change.BACKUPS in changes.kinds and self.practice.is_unlocked:
            self.today.refresh()
            self.statusBar().showMessage(self.tr("Backup verified and recorded."))

    def _on_idle_idle(self) -> None:
        if self.practice.is_unlocked:
            self.lock()
            self.statusBar().showMessage(self.tr("Locked after a quiet spell"))

    def _show_locked(self) -> None:
        self.model.clear()
        self.chart.clear()
        self.search.clear()
        self.pages.setCurrentWidget(self.unlock_page)
        self.unlock_page.reset()
        self.lock_action.setEnabled(False)
        self.find_action.setEnabled(False)
        self.backup_action.setEnabled(False)
        self.settings_action.setEnabled(False)
        for action in self.patient_actions:
            action.setEnabled(False)
        self.idle.stop()
        self.statusBar().showMessage(self.tr("Locked"))

    def enter_unlocked(self) -> None:
        """Show the practice to a user already signed in (just after the setup wizard)."""
        self._on_unlock_page_unlocked()

    def _on_unlock_page_unlocked(self) -> None:
        if self.practice.unlocked_with_recovery_key:
            self._ask_for_new_password()
            return
        self.pages.setCurrentWidget(self.work_page)
        self.lock_action.setEnabled(True)
        self.find_action.setEnabled(True)
        prescriber = self.practice.user.role.value == "prescriber"
        self.backup_action.setEnabled(prescriber)
        self.settings_action.setEnabled(True)
        for action in self.patient_actions:
            action.setEnabled(True)
        self.chart.apply_role(prescriber)
        preferences = self.practice.preferences()
        self._apply_preferences(preferences)
        self.today.refresh()
        self.idle.start()
        self.model.search(self.search.text())
        self._update_count()
        user = self.practice.user
        message = (
            self.tr("Signed in as %1 (%2)")
            .replace("%1", user.full_name)
            .replace("%2", self.tr("prescriber") if prescriber else self.tr("nurse"))
        )
        failed = len(self.practice.failed_attempts)
        if failed:
            message += self.tr(" — %n failed unlock attempt(s) since the last unlock", "", failed)
        days = preferences.backup_reminder_days
        if self.practice.backup_overdue(days=days):
            message += self.tr(" — no verified backup in the last %n day(s) (Ctrl+B)", "", days)
        self.statusBar().showMessage(message)
        if self.practice.integrity_warnings:
            prompts.warn(
                self,
                self.tr("Changed outside Practice Desk"),
                self.tr(
                    "This practice file was changed outside Practice Desk:\n\n%1\n\nIt is "
                    "recorded in the audit trail. Tell the prescriber; “practice-desk check” "
                    "lists everything that no longer matches."
                ).replace("%1", "\n".join(self.practice.integrity_warnings)),
            )
        if self._resume_patient is not None:
            self._open_chart(self._resume_patient)
            self._resume_patient = None
        else:
            self.search.setFocus()

    def _ask_for_new_password(self) -> None:
        """A recovery-key unlock leads straight to a new password, then a normal sign-in."""
        self.reset_dialog = ResetPasswordDialog(self.practice, self)
        self.reset_dialog.finished.connect(self._on_reset_dialog_finished)
        self.reset_dialog.open()

    def _on_reset_dialog_finished(self, result: int) -> None:
        username = self.reset_dialog.username
        self.lock()
        if result == QDialog.DialogCode.Accepted:
            self.unlock_page.user.setCurrentText(username)
            self.unlock_page.notice.setText(
                self.tr("New password set for %1. Sign in with it now.").replace("%1", username)
            )

    # --- list and chart ------------------------------------------------------------------

    def _on_find_triggered(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_search_text_changed(self, text: str) -> None:
        if not self.practice.is_unlocked:
            return
        self.model.search(text)
        self._update_count()

    def _on_search_return_pressed(self) -> None:
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
            self.table.setFocus()

    def _on_table_selection_changed(
        self, selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        rows = selected.indexes()
        patient_id = self.model.patient_id(rows[0].row()) if rows else None
        if patient_id is None:
            self.chart.clear()
            return
        self._open_chart(patient_id)

    def _open_chart(self, patient_id: int) -> None:
        self.chart.show_patient(patient_id)
        self.right.setCurrentWidget(self.chart_page)

    def _on_new_patient_triggered(self) -> None:
        self._open_patient_form(None)

    def _on_edit_patient_triggered(self) -> None:
        if self.chart.patient_id is None:
            self.statusBar().showMessage(self.tr("Choose a patient first."))
            return
        self._open_patient_form(self.practice.get_patient(self.chart.patient_id))

    def _open_patient_form(self, patient: Patient | None) -> None:
        self.patient_form = PatientForm(self.practice, patient, self)
        self.patient_form.accepted.connect(self._on_patient_form_accepted)
        self.patient_form.open()

    def _on_patient_form_accepted(self) -> None:
        saved = self.patient_form.saved_id
        self.model.search(self.search.text())
        self._update_count()
        if saved is not None:
            for row in range(self.model.rowCount()):
                if self.model.patient_id(row) == saved:
                    self.table.selectRow(row)
                    break
            else:
                self._open_chart(saved)

    def _on_today_patient_chosen(self, patient_id: int) -> None:
        self._open_chart(patient_id)

    def _on_chart_changed(self) -> None:
        self.today.refresh()

    def _on_backup_triggered(self) -> None:
        dialog = BackupDialog(self.practice, self)
        dialog.open()
        self._backup_dialog = dialog

    def _chart_page(self) -> QWidget | None:
        if self.right.currentWidget() is not self.chart_page or self.chart.patient_id is None:
            return None
        return self.chart.current_tab()

    def _on_print_triggered(self) -> None:
        """Ctrl+P prints what the chart page in view has ready: a document or prescriptions."""
        page = self._chart_page()
        do_print = getattr(page, "print_current", None)
        if do_print is None or not do_print():
            self.statusBar().showMessage(
                self.tr(
                    "Nothing to print here. Open a patient's Documents page, or preview a "
                    "prescription, then press Ctrl+P."
                )
            )

    def _on_save_triggered(self) -> None:
        """Ctrl+S saves the page in view now (a note also saves itself as it is typed)."""
        page = self._chart_page()
        save = getattr(page, "save_current", None)
        if save is None:
            self.statusBar().showMessage(self.tr("Nothing to save on this page."))
        elif save():
            self.statusBar().showMessage(self.tr("Saved"))

    def _on_about_triggered(self) -> None:
        from practice_desk.ui.about import show_about

        self.about_dialog = show_about(self)

    def _on_settings_triggered(self) -> None:
        from practice_desk.ui.settings_dialog import SettingsDialog

        self.settings_dialog = SettingsDialog(self.practice, self)
        self.settings_dialog.saved.connect(self._on_settings_saved)
        self.settings_dialog.open()

    def _on_settings_saved(self, preferences: Preferences) -> None:
        self._apply_preferences(preferences)
        self.today.refresh()
        self.statusBar().showMessage(self.tr("Settings saved"))

    def _apply_preferences(self, preferences: Preferences) -> None:
        prompts.paper = preferences.rx_paper  # the print dialog starts on the practice's paper
        self.idle.set_minutes(self._auto_lock_override or preferences.auto_lock_minutes)
        if self.idle.active:
            self.idle.start()
        self.today.reminder_days = preferences.backup_reminder_days
        self.chart.apply_preferences(preferences)

    def _update_count(self) -> None:
        self.count.setText(self.tr("%n patient(s)", "", self.model.rowCount()))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.practice.is_unlocked:
            self.chart.save_drafts()
        self.practice.close()
        event.accept()
