"""Settings: the practice and prescriber profile, users, and practice preferences.

Profile and preferences are saved together with Save (Ctrl+S); each problem is shown
beside its field and nothing is saved until all are fixed. User changes (add, reset,
remove) happen at once, each behind its own dialog or confirmation. Nurses see the
settings but cannot change them, apart from their own password.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
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
from practice_desk.domain.users import Role
from practice_desk.practice import Practice
from practice_desk.ui.i18n import LANGUAGES, interface_language
from practice_desk.ui.naming import named
from practice_desk.ui.screen import fit_to_screen, scrolling
from practice_desk.ui.users_page import UsersModel, UsersPage, problem_label

__all__ = ["ProfileFields", "SettingsDialog", "UsersModel"]


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
        problem = problem_label(f"profile_{key.replace('.', '_')}_problem")
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
        self.error = problem_label("settings_error")
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
