"""Settings: the practice and prescriber profile, users, and practice preferences.

Profile and preferences are saved together with Save (Ctrl+S); each problem is shown
beside its field and nothing is saved until all are fixed. User changes (add, reset,
remove) happen at once, each behind its own dialog or confirmation. Nurses see the
settings but cannot change them, apart from their own password.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain.errors import PracticeError, ValidationError
from practice_desk.domain.preferences import (
    AUTO_LOCK_RANGE,
    BACKUP_REMINDER_RANGE,
    Preferences,
)
from practice_desk.domain.users import Role, User
from practice_desk.practice import Practice
from practice_desk.ui import prompts
from practice_desk.ui.i18n import LANGUAGES, interface_language
from practice_desk.ui.naming import named
from practice_desk.ui.password_fields import NewPasswordFields
from practice_desk.ui.screen import fit_to_screen, scrolling
from practice_desk.ui.table_model import RowsModel

_ERROR_STYLE = "color: #a00000"


def _problem_label(name: str) -> QLabel:
    label = named(QLabel(), name)
    label.setStyleSheet(_ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class ProfileFields(QWidget):
    """The practice and prescriber as printed on prescriptions and handouts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self.problems: dict[str, QLabel] = {}
        self.practice_name = self._line("name", 120)
        self.address = named(QPlainTextEdit(), "profile_address")
        self.address.setTabChangesFocus(True)
        self.address.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.address.setPlaceholderText(self.tr("Street\nTown, State ZIP"))
        self.phone = self._line("phone", 40)
        self.fax = self._line("fax", 40)
        self.prescriber_name = self._line("prescriber.name", 120)
        self.prescriber_name.setPlaceholderText(self.tr("as signed, e.g. Dr Alex Sample"))
        self.credentials = self._line("prescriber.credentials", 60)
        self.credentials.setPlaceholderText(self.tr("e.g. MD, DO, PMHNP-BC"))
        self.dea = self._line("prescriber.dea", 9)
        self.dea.setPlaceholderText(self.tr("two letters and seven digits"))
        self.npi = self._line("prescriber.npi", 10)
        self.npi.setPlaceholderText(self.tr("ten digits"))
        self.licence = self._line("prescriber.licence", 60)
        self.licence.setPlaceholderText(self.tr("state and number"))

        form = QFormLayout()
        form.addRow(QLabel(self.tr("<b>Practice</b> (printed at the top of every page)")))
        self._row(form, "name", self.tr("Practice &name:"), self.practice_name)
        self._row(form, "address", self.tr("&Address:"), self.address)
        self._row(form, "phone", self.tr("P&hone:"), self.phone)
        self._row(form, "fax", self.tr("Fa&x:"), self.fax)
        form.addRow(QLabel(self.tr("<b>Prescriber</b> (printed on prescriptions)")))
        self._row(form, "prescriber.name", self.tr("Prescriber's na&me:"), self.prescriber_name)
        self._row(form, "prescriber.credentials", self.tr("&Credentials:"), self.credentials)
        self._row(form, "prescriber.dea", self.tr("&DEA number:"), self.dea)
        self._row(form, "prescriber.npi", self.tr("N&PI:"), self.npi)
        self._row(form, "prescriber.licence", self.tr("&Licence:"), self.licence)
        self.warning = named(QLabel(), "profile_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5a00")

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addStretch(1)

    def _line(self, key: str, length: int) -> QLineEdit:
        edit = named(QLineEdit(), f"profile_{key.replace('.', '_')}")
        edit.setMaxLength(length)
        return edit

    def _row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.fields[key] = widget
        problem = _problem_label(f"profile_{key.replace('.', '_')}_problem")
        self.problems[key] = problem
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(problem)
        caption = QLabel(label)
        caption.setBuddy(widget)  # makes the & shortcut work and hides the &
        form.addRow(caption, box)

    def load(self, data: dict[str, Any] | None) -> None:
        data = data or {}
        prescriber = data.get("prescriber") or {}
        self.practice_name.setText(data.get("name", ""))
        self.address.setPlainText(data.get("address", ""))
        self.phone.setText(data.get("phone", ""))
        self.fax.setText(data.get("fax", ""))
        self.prescriber_name.setText(prescriber.get("name", ""))
        self.credentials.setText(prescriber.get("credentials", ""))
        self.dea.setText(prescriber.get("dea", ""))
        self.npi.setText(prescriber.get("npi", ""))
        self.licence.setText(prescriber.get("licence", ""))

    def data(self) -> dict[str, Any]:
        return {
            "name": self.practice_name.text(),
            "address": self.address.toPlainText(),
            "phone": self.phone.text(),
            "fax": self.fax.text(),
            "prescriber": {
                "name": self.prescriber_name.text(),
                "credentials": self.credentials.text(),
                "dea": self.dea.text().strip().upper(),
                "npi": self.npi.text().strip(),
                "licence": self.licence.text(),
            },
        }

    def show_problems(self, problems: list[tuple[str, str]]) -> list[str]:
        """Mark each field at fault; return messages that belong to no field."""
        self.clear_problems()
        unplaced = []
        first: QWidget | None = None
        for field, message in problems:
            key = field if field in self.problems else f"prescriber.{field}"
            if key not in self.problems:
                unplaced.append(message)
                continue
            self.problems[key].setText(message)
            self.problems[key].show()
            first = first or self.fields[key]
        if first is not None:
            first.setFocus()
        return unplaced

    def clear_problems(self) -> None:
        for label in self.problems.values():
            label.hide()
        self.warning.clear()

    def set_editable(self, editable: bool) -> None:
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(not editable)


class PreferenceFields(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.auto_lock = named(QSpinBox(), "pref_auto_lock")
        self.auto_lock.setRange(*AUTO_LOCK_RANGE)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setAccessibleName(self.tr("Lock after this many idle minutes"))
        self.reminder = named(QSpinBox(), "pref_backup_reminder")
        self.reminder.setRange(*BACKUP_REMINDER_RANGE)
        self.reminder.setSuffix(self.tr(" days"))
        self.reminder.setAccessibleName(self.tr("Remind about backups after this many days"))
        self.language = named(QComboBox(), "pref_handout_language")
        self.language.addItem(self.tr("English"), "en")
        self.language.addItem(self.tr("Spanish (Español)"), "es")
        self.language.setAccessibleName(self.tr("Default language for handouts"))
        self.paper = named(QComboBox(), "pref_paper")
        self.paper.addItem(self.tr("US Letter (8.5 × 11 in)"), "letter")
        self.paper.addItem(self.tr("A4 (210 × 297 mm)"), "a4")
        self.paper.setAccessibleName(self.tr("Paper size"))
        self.layout_choice = named(QComboBox(), "pref_rx_layout")
        self.layout_choice.addItem(self.tr("One prescription per sheet"), "one")
        self.layout_choice.addItem(self.tr("Two prescriptions per sheet, with a cut line"), "two")
        self.layout_choice.setAccessibleName(self.tr("Prescription layout"))

        self.interface = named(QComboBox(), "pref_interface_language")
        for code, name in LANGUAGES.items():
            self.interface.addItem(name, code)
        self.interface.setAccessibleName(self.tr("Language of the screens on this computer"))
        settings = QSettings()
        self.interface.setCurrentIndex(
            max(self.interface.findData(interface_language(settings)), 0)
        )

        form = QFormLayout(self)
        form.addRow(self.tr("&Lock after idle:"), self.auto_lock)
        form.addRow(self.tr("&Backup reminder after:"), self.reminder)
        form.addRow(self.tr("&Handout language:"), self.language)
        form.addRow(self.tr("&Paper size:"), self.paper)
        form.addRow(self.tr("Prescription la&yout:"), self.layout_choice)
        form.addRow(self.tr("&Screens on this computer:"), self.interface)
        hint = QLabel(
            self.tr(
                "Practice Desk locks itself after the idle time, keeping any note being "
                "typed as a draft. A prescription too long for half a sheet is printed on a "
                "sheet of its own. The language of the screens belongs to this computer "
                "and changes the next time Practice Desk starts."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)

    def load(self, value: Preferences) -> None:
        self.auto_lock.setValue(value.auto_lock_minutes)
        self.reminder.setValue(value.backup_reminder_days)
        for combo, data in (
            (self.language, value.handout_language),
            (self.paper, value.rx_paper),
            (self.layout_choice, value.rx_layout),
        ):
            combo.setCurrentIndex(max(combo.findData(data), 0))

    def value(self) -> Preferences:
        return Preferences(
            auto_lock_minutes=self.auto_lock.value(),
            backup_reminder_days=self.reminder.value(),
            handout_language=self.language.currentData(),
            rx_paper=self.paper.currentData(),
            rx_layout=self.layout_choice.currentData(),
        )

    def set_editable(self, editable: bool) -> None:
        for widget in (
            self.auto_lock,
            self.reminder,
            self.language,
            self.paper,
            self.layout_choice,
        ):
            widget.setEnabled(editable)


class UsersModel(RowsModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        words = ("User name", "Full name", "Role")
        super().__init__([QCoreApplication.translate("UsersModel", w) for w in words], parent)

    def _cells(self, row: User) -> tuple[str, ...]:
        return (row.username, row.full_name, _role_words(row.role))


def _role_words(role: Role) -> str:
    if role is Role.PRESCRIBER:
        return QCoreApplication.translate("SettingsDialog", "Prescriber")
    return QCoreApplication.translate("SettingsDialog", "Nurse")


class AddUserDialog(QDialog):
    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
        self.setObjectName("add_user_dialog")
        self.setWindowTitle(self.tr("Add a user"))
        self.username = named(QLineEdit(), "add_user_name")
        self.username.setPlaceholderText(self.tr("lower case, e.g. nurse.jo"))
        self.username.setAccessibleName(self.tr("User name"))
        self.full_name = named(QLineEdit(), "add_user_full_name")
        self.full_name.setAccessibleName(self.tr("Full name"))
        self.role = named(QComboBox(), "add_user_role")
        self.role.addItem(self.tr("Nurse (no prescribing, signing or medication changes)"), "nurse")
        self.role.addItem(self.tr("Prescriber (everything)"), "prescriber")
        self.role.setAccessibleName(self.tr("Role"))
        self.passwords = NewPasswordFields()
        self.username.textChanged.connect(self.passwords.set_username)
        self.error = _problem_label("add_user_error")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Full name:"), self.full_name)
        form.addRow(self.tr("R&ole:"), self.role)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.passwords)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_buttons_accepted(self) -> None:
        problem = self.passwords.problem()
        if problem:
            self._show(problem)
            return
        try:
            self._practice.add_user(
                self.username.text().strip(),
                self.full_name.text(),
                self.role.currentData(),
                self.passwords.text(),
            )
        except PracticeError as exc:
            self._show(str(exc))
            return
        self.accept()

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class NewPasswordDialog(QDialog):
    """Reset another user's password (prescriber) or change one's own (anyone)."""

    def __init__(
        self, practice: Practice, username: str, own: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._practice = practice
        self.username = username
        self.own = own
        self.setObjectName("new_password_dialog")
        self.setWindowTitle(
            self.tr("Change my password")
            if own
            else self.tr("New password for %1").replace("%1", username)
        )
        self.current = named(QLineEdit(), "current_password")
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setAccessibleName(self.tr("Current password"))
        self.passwords = NewPasswordFields()
        self.passwords.set_username(username)
        self.error = _problem_label("new_password_error")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if own:
            form = QFormLayout()
            form.addRow(self.tr("&Current password:"), self.current)
            layout.addLayout(form)
        layout.addWidget(self.passwords)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_buttons_accepted(self) -> None:
        problem = self.passwords.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        try:
            if self.own:
                self._practice.change_password(self.current.text(), self.passwords.text())
            else:
                self._practice.reset_password(self.username, self.passwords.text())
        except PracticeError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class UsersPage(QWidget):
    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
        self.model = UsersModel(self)
        self.table = named(QTableView(), "users_table")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Users"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add_button = named(QPushButton(self.tr("&Add user…")), "users_add")
        self.reset_button = named(QPushButton(self.tr("&Reset password…")), "users_reset")
        self.remove_button = named(QPushButton(self.tr("Re&move user…")), "users_remove")
        self.own_button = named(QPushButton(self.tr("Change &my password…")), "users_own")
        self.add_button.clicked.connect(self._on_add_clicked)
        self.reset_button.clicked.connect(self._on_reset_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.own_button.clicked.connect(self._on_own_clicked)
        self.dialog: QDialog | None = None
        self.message = named(QLabel(), "users_message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.own_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        manager = practice.user.role is Role.PRESCRIBER
        for button in (self.add_button, self.reset_button, self.remove_button):
            button.setVisible(manager)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self._practice.users())
        self.table.resizeColumnToContents(0)

    def _selected(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText(self.tr("Choose a user in the list first."))
            return None
        user: User = self.model.row_item(rows[0].row())
        return user

    def _on_add_clicked(self) -> None:
        self.dialog = AddUserDialog(self._practice, self)
        self.dialog.accepted.connect(self._on_user_added)
        self.dialog.open()

    def _on_user_added(self) -> None:
        assert isinstance(self.dialog, AddUserDialog)
        self.refresh()
        name = self.dialog.username.text().strip()
        self.message.setText(self.tr("%1 can now sign in.").replace("%1", name))

    def _on_reset_clicked(self) -> None:
        user = self._selected()
        if user is None:
            return
        own = user.username == self._practice.user.username
        self._open_password_dialog(user.username, own)

    def _on_own_clicked(self) -> None:
        self._open_password_dialog(self._practice.user.username, True)

    def _open_password_dialog(self, username: str, own: bool) -> None:
        self.dialog = NewPasswordDialog(self._practice, username, own, self)
        self.dialog.accepted.connect(self._on_password_set)
        self.dialog.open()

    def _on_password_set(self) -> None:
        assert isinstance(self.dialog, NewPasswordDialog)
        if self.dialog.own:
            self.message.setText(self.tr("Your password is changed. Use it from now on."))
        else:
            self.message.setText(
                self.tr("New password set for %1.").replace("%1", self.dialog.username)
            )

    def _on_remove_clicked(self) -> None:
        user = self._selected()
        if user is None:
            return
        question = self.tr(
            "Remove %1 (%2)? They will no longer be able to sign in. Their name stays on "
            "the notes and audit events they made."
        )
        question = question.replace("%1", user.full_name).replace("%2", user.username)
        if not prompts.confirm(self, self.tr("Remove user"), question):
            return
        try:
            self._practice.remove_user(user.username)
        except PracticeError as exc:
            self.message.setText(str(exc))
            return
        self.refresh()
        self.message.setText(self.tr("%1 was removed.").replace("%1", user.username))


class SettingsDialog(QDialog):
    """``saved`` carries the preferences after a successful Save."""

    saved = Signal(object)

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.editable = practice.user.role is Role.PRESCRIBER
        self.profile = ProfileFields()
        profile = practice.practice_profile()
        self.profile.load(profile.model_dump(exclude={"logo_png"}) if profile else None)
        #: The profile as shown, so Save only writes it (and audits it) when it changed.
        self._profile_shown = self.profile.data()
        self.profile.set_editable(self.editable)
        self.preferences = PreferenceFields()
        self.preferences.load(practice.preferences())
        self.preferences.set_editable(self.editable)
        self.users = UsersPage(practice)
        self.tabs = named(QTabWidget(), "settings_tabs")
        self.tabs.addTab(scrolling(self.profile), self.tr("P&ractice and prescriber"))
        self.tabs.addTab(scrolling(self.preferences), self.tr("Pre&ferences"))
        self.tabs.addTab(self.users, self.tr("&Users"))
        self.note = named(QLabel(), "settings_note")
        self.note.setWordWrap(True)
        if not self.editable:
            self.note.setText(
                self.tr(
                    "Only a prescriber can change these settings. You can change your "
                    "own password on the Users page."
                )
            )
        self.error = _problem_label("settings_error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 620, 640)

    def save(self) -> bool:
        """Save what changed: the profile (when edited) and the preferences.

        A profile with a problem is shown beside its fields and nothing is saved. A
        practice without a profile yet can still save its preferences.
        """
        QSettings().setValue("ui/language", self.preferences.interface.currentData())
        if not self.editable:
            self.accept()
            return True
        self.error.hide()
        self.profile.clear_problems()
        preferences = self.preferences.value()
        warnings: list[str] = []
        try:
            if self.profile.data() != self._profile_shown:
                warnings = self._practice.save_practice_profile(self.profile.data())
                self._profile_shown = self.profile.data()
        except ValidationError as exc:
            unplaced = self.profile.show_problems(exc.problems)
            self.tabs.setCurrentIndex(0)
            if unplaced:
                self.error.setText(" ".join(unplaced))
                self.error.show()
            return False
        except PracticeError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        try:
            self._practice.save_preferences(preferences)
        except PracticeError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.saved.emit(preferences)
        if warnings:
            # Saved, but worth a second look (e.g. the DEA letter and the surname differ).
            self.profile.warning.setText(" ".join(warnings))
            self.tabs.setCurrentIndex(0)
            return True
        self.accept()
        return True
