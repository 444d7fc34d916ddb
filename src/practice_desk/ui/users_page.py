"""Settings → Users: who may sign in, their roles and passwords, and the practice's keys.

Each change happens at once behind its own dialog or confirmation. Removing a user, and
a reset whose old password may be known to someone, replace the practice's encryption
key; so does making a new recovery key, which is then shown once with its new Recovery
Sheet.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain.errors import PracticeError
from practice_desk.domain.users import Role, User
from practice_desk.practice import KeyRotation, Practice
from practice_desk.ui import prompts
from practice_desk.ui.naming import named
from practice_desk.ui.password_fields import NewPasswordFields
from practice_desk.ui.recovery_key import NewRecoveryKeyDialog
from practice_desk.ui.table_model import RowsModel

_ERROR_STYLE = "color: #a00000"


def problem_label(name: str) -> QLabel:
    label = named(QLabel(), name)
    label.setStyleSheet(_ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


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
        # The meter judges as the save will: a password built from the name is weak.
        self.full_name.textChanged.connect(self.passwords.set_context)
        self.error = problem_label("add_user_error")
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
        self.old_may_be_known = named(
            QCheckBox(
                self.tr(
                    "Someone else may know the old password: also replace the practice's "
                    "encryption key"
                )
            ),
            "reset_old_may_be_known",
        )
        self.old_may_be_known.setVisible(not own)
        #: What the reset did to the practice's key (when the box was ticked).
        self.rotation: KeyRotation | None = None
        self.error = problem_label("new_password_error")
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
        layout.addWidget(self.old_may_be_known)
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
                with _busy():
                    self.rotation = self._practice.reset_password(
                        self.username,
                        self.passwords.text(),
                        old_may_be_known=self.old_may_be_known.isChecked(),
                    )
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
        self.rotate_button = named(
            QPushButton(self.tr("Replace the &encryption key…")), "users_rotate_key"
        )
        self.recovery_button = named(
            QPushButton(self.tr("New recovery &key…")), "users_new_recovery_key"
        )
        self.rotate_button.clicked.connect(self._on_rotate_clicked)
        self.recovery_button.clicked.connect(self._on_recovery_clicked)
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
        key_buttons = QHBoxLayout()
        key_buttons.addWidget(self.rotate_button)
        key_buttons.addWidget(self.recovery_button)
        key_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addLayout(key_buttons)
        self.anchor = named(QLabel(), "users_trust_anchor")
        self.anchor.setWordWrap(True)
        self.anchor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fingerprint = practice.trust_anchor()
        self.anchor.setText(
            self.tr(
                "Signing key of the founding prescriber: %1. It is printed on the Recovery "
                "Sheet; if the two ever differ, the list of users and roles was changed "
                "outside Practice Desk."
            ).replace("%1", fingerprint)
            if fingerprint
            else self.tr("This practice's users and roles are not signed yet.")
        )
        layout.addWidget(self.anchor)
        layout.addWidget(self.message)
        manager = practice.user.role is Role.PRESCRIBER
        for button in (
            self.add_button,
            self.reset_button,
            self.remove_button,
            self.rotate_button,
            self.recovery_button,
        ):
            button.setVisible(manager)
        self.recovery_dialog: NewRecoveryKeyDialog | None = None
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
            if self.dialog.rotation is not None:
                self._show_rotation(self.dialog.rotation, self.message.text())

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
            with _busy():
                rotation = self._practice.remove_user(user.username)
        except PracticeError as exc:
            self.message.setText(str(exc))
            return
        self.refresh()
        self._show_rotation(rotation, self.tr("%1 was removed.").replace("%1", user.username))

    def _on_rotate_clicked(self) -> None:
        question = self.tr(
            "Replace the practice's encryption key? Do this when a laptop, a backup or a copy "
            "of the practice's files may be in the wrong hands. Everyone keeps their "
            "password. Copies and backups made before now are not changed: they still open "
            "with the passwords they were made with."
        )
        if prompts.confirm(self, self.tr("Replace the encryption key"), question):
            self._rotate(self._practice.rotate_data_key)

    def _on_recovery_clicked(self) -> None:
        question = self.tr(
            "Make a new recovery key? The old key and every Recovery Sheet printed before "
            "stop opening the practice, and the encryption key is replaced with it. The new "
            "key is shown once, to print or save."
        )
        if prompts.confirm(self, self.tr("New recovery key"), question):
            self._rotate(self._practice.new_recovery_key)

    def _rotate(self, action: Callable[[], KeyRotation]) -> None:
        try:
            with _busy():
                rotation = action()
        except PracticeError as exc:
            self.message.setText(str(exc))
            return
        self._show_rotation(rotation, "")

    def _show_rotation(self, rotation: KeyRotation, before: str) -> None:
        """Say what replacing the key did, and show a new recovery key once."""
        words = [before] if before else []
        words.append(
            self.tr(
                "The practice's encryption key was replaced: copies of its files, old "
                "passwords and keys no longer open it as it is now. Backups and copies made "
                "before now are not changed."
            )
        )
        if rotation.needs_reset:
            words.append(
                self.tr(
                    "These users signed in with an older key file and need a new password "
                    "before they can sign in again: %1."
                ).replace("%1", ", ".join(rotation.needs_reset))
            )
        self.message.setText(" ".join(words))
        if rotation.recovery_key:
            self.recovery_dialog = NewRecoveryKeyDialog(self._practice, rotation.recovery_key, self)
            self.recovery_dialog.open()


@contextlib.contextmanager
def _busy() -> Iterator[None]:
    """The wait cursor while the practice is re-encrypted (about a second per 100 MB)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
