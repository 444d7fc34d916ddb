"""First run: set up a new practice, open an existing practice file, or restore a backup.

Setting up takes three steps: the practice and prescriber (as printed on prescriptions),
the first user and password, and the recovery key with its Recovery Sheet, which must be
printed or saved before the wizard can finish. Afterwards ``practice`` holds the new
practice, unlocked; after opening or restoring, ``path`` holds the file to unlock.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from practice_desk.applog import data_dir
from practice_desk.domain import prescriptions
from practice_desk.domain.errors import PracticeError, ValidationError
from practice_desk.domain.users import check_username
from practice_desk.practice import Practice
from practice_desk.practice.backups import restore_backup
from practice_desk.ui import prompts
from practice_desk.ui.naming import named
from practice_desk.ui.password_fields import NewPasswordFields
from practice_desk.ui.recovery_key import RecoveryKeyPanel
from practice_desk.ui.screen import fit_to_screen, scrolling
from practice_desk.ui.settings_dialog import ProfileFields

START, PRACTICE, USER, RECOVERY, RESTORE = range(5)
_ERROR_STYLE = "color: #a00000"
_VAULT_FILTER = "Practice files (*.pdvault);;All files (*)"


def default_practice_path() -> Path:
    """A free file name in the per-user data folder."""
    folder = data_dir()
    candidate = folder / "clinic.pdvault"
    number = 2
    while candidate.exists():
        candidate = folder / f"clinic-{number}.pdvault"
        number += 1
    return candidate


def _disk_words(exc: OSError) -> str:
    return QCoreApplication.translate(
        "SetupWizard",
        "The computer refused to write there (%1). Choose another folder, or check that "
        "the disk has room.",
    ).replace("%1", exc.strerror or type(exc).__name__)


def _setup(page: QWizardPage) -> SetupWizard:
    """The wizard a page belongs to, typed."""
    wizard = page.wizard()
    assert isinstance(wizard, SetupWizard)
    return wizard


def _error_label(name: str) -> QLabel:
    label = named(QLabel(), name)
    label.setStyleSheet(_ERROR_STYLE)
    label.setWordWrap(True)
    return label


class StartPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to Practice Desk"))
        self.setSubTitle(
            self.tr(
                "Practice Desk keeps your practice's records in one encrypted file on this "
                "computer. Nothing is ever sent over the network."
            )
        )
        self.new = named(QRadioButton(self.tr("&Set up a new practice")), "start_new")
        self.open = named(
            QRadioButton(self.tr("&Open an existing practice file on this computer")),
            "start_open",
        )
        self.restore = named(
            QRadioButton(self.tr("&Restore a practice from a backup (for example a new laptop)")),
            "start_restore",
        )
        self.new.setChecked(True)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for button in (self.new, self.open, self.restore):
            self.group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(self.completeChanged)
        self.error = _error_label("start_error")
        layout.addWidget(self.error)
        layout.addStretch(1)

    def nextId(self) -> int:
        if self.open.isChecked():
            return -1
        return RESTORE if self.restore.isChecked() else PRACTICE

    def validatePage(self) -> bool:
        if not self.open.isChecked():
            return True
        chosen = prompts.open_file(self, self.tr("Open a practice file"), _VAULT_FILTER)
        if not chosen:
            return False
        wizard = _setup(self)
        wizard.path = Path(chosen)
        return True


class PracticePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your practice"))
        self.setSubTitle(
            self.tr(
                "This is printed on prescriptions and handouts. The DEA number and NPI can "
                "be added later in Settings."
            )
        )
        self.location = named(QLineEdit(str(default_practice_path())), "setup_location")
        self.location.setAccessibleName(self.tr("Where the practice file is kept"))
        choose = named(QPushButton(self.tr("C&hoose…")), "setup_choose_location")
        choose.clicked.connect(self._on_choose_clicked)
        self.location_problem = _error_label("setup_location_problem")
        self.profile = ProfileFields()
        row = QHBoxLayout()
        row.addWidget(self.location, 1)
        row.addWidget(choose)
        form = QFormLayout()
        caption = QLabel(self.tr("Practice &file:"))
        caption.setBuddy(self.location)
        form.addRow(caption, row)
        form.addRow("", self.location_problem)
        body = QVBoxLayout()
        body.addLayout(form)
        body.addWidget(self.profile)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(body))

    def _on_choose_clicked(self) -> None:
        chosen = prompts.save_file(
            self, self.tr("Where to keep the practice file"), self.location.text(), _VAULT_FILTER
        )
        if chosen:
            if not chosen.endswith(".pdvault"):
                chosen += ".pdvault"
            self.location.setText(chosen)

    def path(self) -> Path:
        return Path(self.location.text().strip()).expanduser()

    def validatePage(self) -> bool:
        self.location_problem.clear()
        self.profile.clear_problems()
        path = self.path()
        problem = ""
        if not self.location.text().strip():
            problem = self.tr("Choose where to keep the practice file.")
        elif path.exists():
            problem = self.tr("A file of that name already exists. Choose a new name.")
        elif not path.parent.is_dir():
            problem = self.tr("That folder does not exist. Choose another place.")
        if problem:
            self.location_problem.setText(problem)
            self.location.setFocus()
            return False
        try:
            profile = prescriptions.parse_profile(self.profile.data())
            warnings = prescriptions.check_profile(profile)
        except ValidationError as exc:
            self.profile.show_problems(exc.problems)
            return False
        self.profile.warning.setText(" ".join(warnings))
        return True


class UserPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your sign-in"))
        self.setSubTitle(
            self.tr(
                "The first user is a prescriber who can add the other staff later. Nobody, "
                "not even Practice Desk's makers, can open the records without a password "
                "or the recovery key."
            )
        )
        self.username = named(QLineEdit(), "setup_username")
        self.username.setAccessibleName(self.tr("User name"))
        self.username.setPlaceholderText(self.tr("lower case, e.g. drsample"))
        self.full_name = named(QLineEdit(), "setup_full_name")
        self.full_name.setAccessibleName(self.tr("Full name"))
        self.passwords = NewPasswordFields()
        self.username.textChanged.connect(self.passwords.set_username)
        # The meter judges as the save will: a password built from the name is weak.
        self.full_name.textChanged.connect(self.passwords.set_context)
        self.error = _error_label("setup_user_error")
        # Leaving this page creates the practice file: there is no going back after it.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Create the practice"))
        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("F&ull name:"), self.full_name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.passwords)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = _setup(self)
        prescriber = wizard.practice_page.profile.prescriber_name.text().strip()
        if not self.full_name.text():
            self.full_name.setText(prescriber)
        if not self.username.text() and prescriber:
            surname = re.sub(r"[^a-z]", "", prescriber.split()[-1].lower())
            self.username.setText(f"dr{surname}"[:32] if surname else "")

    def validatePage(self) -> bool:
        self.error.clear()
        try:
            username = check_username(self.username.text().strip())
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.username.setFocus()
            return False
        problem = self.passwords.problem()
        if problem:
            self.error.setText(problem)
            self.passwords.password.setFocus()
            return False
        wizard = _setup(self)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            wizard.create_practice(username, self.full_name.text().strip(), self.passwords.text())
        except PracticeError as exc:
            self.error.setText(str(exc))
            return False
        except OSError as exc:
            self.error.setText(_disk_words(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return True


class RecoveryPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your recovery key"))
        self.setSubTitle(
            self.tr(
                "If every password is forgotten, this key is the only way back into the "
                "records. It is shown once. Print the Recovery Sheet and keep it locked away, "
                "apart from this laptop and from the backups."
            )
        )
        self.panel = RecoveryKeyPanel(self._sheet, self)
        self.key, self.status, self.stored = self.panel.key, self.panel.status, self.panel.stored
        self.print_button, self.save_button = self.panel.print_button, self.panel.save_button
        self.stored.toggled.connect(self.completeChanged)
        self.warnings = _error_label("setup_storage_warning")
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(self.warnings)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = _setup(self)
        self.panel.show_key(wizard.recovery_key)
        if wizard.practice is not None and wizard.practice.warnings:
            self.warnings.setText(" ".join(wizard.practice.warnings))

    def nextId(self) -> int:
        return -1

    def isComplete(self) -> bool:
        return self.stored.isChecked()

    def _sheet(self) -> bytes:
        wizard = _setup(self)
        assert wizard.practice is not None
        return wizard.practice.recovery_sheet_pdf(wizard.recovery_key)


class RestorePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Restore from a backup"))
        self.setSubTitle(
            self.tr(
                "Choose the backup file (.pdbackup), where to put the practice on this "
                "computer, and a password or the recovery key that opened the practice."
            )
        )
        self.backup = named(QLineEdit(), "restore_backup_file")
        self.backup.setAccessibleName(self.tr("Backup file"))
        choose_backup = named(QPushButton(self.tr("C&hoose…")), "restore_choose_backup")
        choose_backup.clicked.connect(self._on_choose_backup_clicked)
        self.location = named(QLineEdit(str(default_practice_path())), "restore_location")
        self.location.setAccessibleName(self.tr("Where to put the restored practice"))
        self.username = named(QLineEdit(), "restore_username")
        self.username.setAccessibleName(self.tr("User name"))
        self.password = named(QLineEdit(), "restore_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.recovery = named(QLineEdit(), "restore_recovery_key")
        self.recovery.setAccessibleName(self.tr("Recovery key"))
        self.recovery.setPlaceholderText(self.tr("or the 48-digit recovery key instead"))
        self.error = _error_label("restore_error")
        row = QHBoxLayout()
        row.addWidget(self.backup, 1)
        row.addWidget(choose_backup)
        form = QFormLayout(self)
        backup_label = QLabel(self.tr("&Backup file:"))
        backup_label.setBuddy(self.backup)  # a row holding a layout has no buddy of its own
        form.addRow(backup_label, row)
        form.addRow(self.tr("Restore &to:"), self.location)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("Or recovery &key:"), self.recovery)
        form.addRow(self.error)

    def nextId(self) -> int:
        return -1

    def _on_choose_backup_clicked(self) -> None:
        chosen = prompts.open_file(
            self, self.tr("Choose the backup"), "Backups (*.pdbackup);;All files (*)"
        )
        if chosen:
            self.backup.setText(chosen)

    def validatePage(self) -> bool:
        self.error.clear()
        target = Path(self.location.text().strip()).expanduser()
        if not self.backup.text().strip():
            self.error.setText(self.tr("Choose the backup file first."))
            return False
        if target.exists():
            self.error.setText(
                self.tr("A practice file of that name is already there. Choose a new name.")
            )
            return False
        if not target.parent.is_dir():
            self.error.setText(self.tr("That folder does not exist. Choose another place."))
            return False
        if self.recovery.text().strip():
            credentials = {"recovery_key": self.recovery.text().strip()}
        else:
            credentials = {
                "username": self.username.text().strip(),
                "password": self.password.text(),
            }
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            restore_backup(self.backup.text().strip(), target, **credentials)
        except PracticeError as exc:
            self.error.setText(str(exc))
            return False
        except OSError as exc:
            self.error.setText(_disk_words(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        wizard = _setup(self)
        wizard.path = target
        return True


class SetupWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setup_wizard")
        self.setWindowTitle(self.tr("Practice Desk — first start"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        #: The new practice, unlocked (set up); or None.
        self.practice: Practice | None = None
        #: The practice file to open locked (opened or restored), or the new one.
        self.path: Path | None = None
        self.recovery_key = ""
        self.start_page = StartPage()
        self.practice_page = PracticePage()
        self.user_page = UserPage()
        self.recovery_page = RecoveryPage()
        self.restore_page = RestorePage()
        self.setPage(START, self.start_page)
        self.setPage(PRACTICE, self.practice_page)
        self.setPage(USER, self.user_page)
        self.setPage(RECOVERY, self.recovery_page)
        self.setPage(RESTORE, self.restore_page)
        fit_to_screen(self, 720, 680)

    def create_practice(self, username: str, full_name: str, password: str) -> None:
        """Create the practice file, then save the profile typed on the first page.

        The user page is a commit page, so there is no Back button once this has run.
        """
        if self.practice is not None:
            return
        path = self.practice_page.path()
        practice, recovery_key = Practice.create(path, username, password, full_name)
        try:
            practice.save_practice_profile(self.practice_page.profile.data())
        except PracticeError:
            practice.close()
            raise
        self.practice, self.recovery_key, self.path = practice, recovery_key, path

    def reject(self) -> None:
        if self.practice is not None and self.currentId() == RECOVERY:
            # The practice exists; leaving now would lose the only sight of the key.
            question = self.tr(
                "The recovery key will not be shown again. Leave without printing or saving "
                "the Recovery Sheet?"
            )
            if not prompts.confirm(self, self.tr("Recovery key"), question):
                return
        super().reject()
