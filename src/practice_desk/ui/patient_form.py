"""Register a patient or change their details, with every problem shown beside its field."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QStringListModel, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain import icd10
from practice_desk.domain.errors import ConcurrentEdit, PracticeError, ValidationError
from practice_desk.domain.patients import Patient, age_on, parse_details
from practice_desk.domain.wording import read_date
from practice_desk.practice import Practice
from practice_desk.ui.allergy_editor import AllergyEditor
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP, installed_language, long_date
from practice_desk.ui.naming import named
from practice_desk.ui.screen import fit_to_screen, scrolling

_SEXES = (
    QT_TRANSLATE_NOOP("PatientForm", "unknown"),
    QT_TRANSLATE_NOOP("PatientForm", "female"),
    QT_TRANSLATE_NOOP("PatientForm", "male"),
    QT_TRANSLATE_NOOP("PatientForm", "intersex"),
)


class PatientForm(QDialog):
    """New patient (patient=None) or edit; ``saved_id`` holds the patient's id after saving."""

    def __init__(
        self, practice: Practice, patient: Patient | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._practice = practice
        self._patient = patient
        self.saved_id: int | None = None
        self.setObjectName("patient_form")
        self.setWindowTitle(
            self.tr("New patient")
            if patient is None
            else self.tr("Patient details — %1").replace("%1", patient.display_name)
        )
        self.fields: dict[str, QWidget] = {}
        self.problems: dict[str, QLabel] = {}
        form = QFormLayout()

        def add(key: str, label: str, widget: QWidget) -> None:
            widget.setObjectName(f"patient_{key}")
            widget.setAccessibleName(label.replace("&", ""))
            self.fields[key] = widget
            problem = named(QLabel(), f"patient_{key}_problem")
            problem.setStyleSheet("color: #a00000")
            problem.setWordWrap(True)
            problem.hide()
            self.problems[key] = problem
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(widget)
            box.addWidget(problem)
            holder = QWidget()
            holder.setLayout(box)
            form.addRow(label, holder)

        self.family = QLineEdit()
        self.given = QLineEdit()
        self.preferred = QLineEdit()
        self._day_first = installed_language() == "es"
        self.born = QLineEdit()
        self.born.setPlaceholderText(
            self.tr("DD/MM/YYYY or 14 Mar 1975")
            if self._day_first
            else self.tr("MM/DD/YYYY or 14 Mar 1975")
        )
        self.born.textChanged.connect(self._on_born_text_changed)
        self.born_read = named(QLabel(), "patient_date_of_birth_read")
        self.born_read.setStyleSheet("color: #555")
        self.sex = QComboBox()
        self.sex.addItems([self.tr(s) for s in _SEXES])
        self.gender = QLineEdit()
        self.pronouns = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.line1 = QLineEdit()
        self.city = QLineEdit()
        self.state = QLineEdit()
        self.postal = QLineEdit()
        self.allergies = AllergyEditor()
        self.diagnoses = QLineEdit()
        self.diagnoses.setPlaceholderText(self.tr("ICD-10-CM codes, e.g. F32.1, F41.1"))
        self.diagnosis_finder = named(QLineEdit(), "patient_diagnosis_finder")
        self.diagnosis_finder.setPlaceholderText(
            self.tr("Find a diagnosis by words, e.g. panic disorder")
        )
        self.diagnosis_finder.setAccessibleName(self.tr("Find a diagnosis by words"))
        self._found_diagnoses = QStringListModel(self)
        finder = QCompleter(self._found_diagnoses, self.diagnosis_finder)
        finder.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.diagnosis_finder.setCompleter(finder)
        self.diagnosis_finder.textEdited.connect(self._on_diagnosis_finder_edited)
        finder.activated.connect(self.add_diagnosis)
        self.smoker = QCheckBox(self.tr("Smokes tobacco"))
        self.pregnancy = QCheckBox(self.tr("Could become pregnant"))
        for key, label, widget in (
            ("family_name", self.tr("&Family name:"), self.family),
            ("given_name", self.tr("&Given name:"), self.given),
            ("preferred_name", self.tr("Preferred name:"), self.preferred),
            ("date_of_birth", self.tr("&Date of birth:"), self.born),
            ("sex", self.tr("Sex:"), self.sex),
            ("gender_identity", self.tr("Gender identity:"), self.gender),
            ("pronouns", self.tr("Pronouns:"), self.pronouns),
            ("phone", self.tr("&Phone:"), self.phone),
            ("email", self.tr("Email:"), self.email),
            ("address.line1", self.tr("Street:"), self.line1),
            ("address.city", self.tr("City:"), self.city),
            ("address.state", self.tr("State:"), self.state),
            ("address.postal_code", self.tr("ZIP code:"), self.postal),
            ("allergies", self.tr("Allergies:"), self.allergies),
            ("diagnoses", self.tr("Diagnoses:"), self.diagnoses),
            ("diagnosis_finder", "", self.diagnosis_finder),
            ("smoker", "", self.smoker),
            ("pregnancy_possible", "", self.pregnancy),
        ):
            add(key, label, widget)
        holder = self.problems["date_of_birth"].parentWidget()
        box = holder.layout() if holder is not None else None
        if isinstance(box, QVBoxLayout):
            box.insertWidget(1, self.born_read)
        self.error = named(QLabel(), "patient_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(form), 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        hint = self.sizeHint()
        fit_to_screen(self, max(hint.width(), 560), hint.height() + 40)
        if patient is not None:
            self._fill(patient)

    def _fill(self, patient: Patient) -> None:
        d = patient.details
        self.family.setText(d.family_name)
        self.given.setText(d.given_name)
        self.preferred.setText(d.preferred_name)
        self.born.setText(long_date(d.date_of_birth))
        self.sex.setCurrentIndex(_SEXES.index(d.sex.value))
        self.gender.setText(d.gender_identity)
        self.pronouns.setText(d.pronouns)
        self.phone.setText(d.phone or "")
        self.email.setText(d.email)
        self.line1.setText(d.address.line1)
        self.city.setText(d.address.city)
        self.state.setText(d.address.state)
        self.postal.setText(d.address.postal_code)
        self.allergies.set_allergies(d.allergies, d.no_known_allergies)
        self.diagnoses.setText(", ".join(x.code for x in d.diagnoses))
        self.smoker.setChecked(bool(d.smoker))
        if d.smoking_stopped and not d.smoker:
            self.smoker.setText(
                self.tr("Smokes tobacco (stopped %1)").replace("%1", long_date(d.smoking_stopped))
            )
        self.pregnancy.setChecked(d.pregnancy_possible)

    def data(self) -> dict[str, Any]:
        """The form as the facade takes it (validation happens there, in words)."""
        base: dict[str, Any] = self._patient.details.model_dump() if self._patient else {}
        return base | {
            "family_name": self.family.text(),
            "given_name": self.given.text(),
            "preferred_name": self.preferred.text(),
            "date_of_birth": self.birth_date(),
            "sex": _SEXES[self.sex.currentIndex()],
            "gender_identity": self.gender.text(),
            "pronouns": self.pronouns.text(),
            "phone": self.phone.text() or None,
            "email": self.email.text(),
            "address": (base.get("address") or {})
            | {
                "line1": self.line1.text(),
                "city": self.city.text(),
                "state": self.state.text(),
                "postal_code": self.postal.text(),
            },
            "allergies": self.allergies.allergies(),
            "no_known_allergies": self.allergies.none_known.isChecked(),
            "diagnoses": [c.strip() for c in self.diagnoses.text().split(",") if c.strip()],
            "smoker": self.smoker.isChecked(),
            "pregnancy_possible": self.pregnancy.isChecked(),
        }

    def _show_problems(self, problems: list[tuple[str, str]]) -> None:
        for label in self.problems.values():
            label.hide()
        unplaced = []
        for field, message in problems:
            key = field if field in self.problems else field.split(".")[0]
            if key in self.problems:
                self.problems[key].setText(message)
                self.problems[key].show()
            else:
                unplaced.append(message)
        self.error.setText(" ".join(unplaced))
        first = next(
            (f for f, _ in problems if f in self.fields or f.split(".")[0] in self.fields), None
        )
        if first:
            self.fields.get(first, self.fields.get(first.split(".")[0])).setFocus()  # type: ignore[union-attr]

    def _on_diagnosis_finder_edited(self, text: str) -> None:
        found = icd10.search(text, 30) if len(text.strip()) >= 3 else []
        self._found_diagnoses.setStringList([f"{c.code} — {c.description}" for c in found])

    def add_diagnosis(self, chosen: str) -> None:
        """A diagnosis found by words joins the codes (once)."""
        code = chosen.split(" — ")[0].strip()
        codes = [c.strip() for c in self.diagnoses.text().split(",") if c.strip()]
        if code and code not in codes:
            self.diagnoses.setText(", ".join([*codes, code]))
        QTimer.singleShot(0, self.diagnosis_finder, self.diagnosis_finder.clear)

    def birth_date(self) -> date | None:
        """The date of birth as typed, read in the clinic's order (None: not a date)."""
        return read_date(self.born.text(), day_first=self._day_first)

    def _on_born_text_changed(self, text: str) -> None:
        born = self.birth_date()
        if not text.strip():
            self.born_read.setText("")
        elif born is None:
            self.born_read.setText(
                self.tr("Not a date yet: type it as %1.").replace("%1", self.born.placeholderText())
            )
        else:
            self.born_read.setText(
                self.tr("Read as %1 (age %2).")
                .replace("%1", long_date(born))
                .replace("%2", str(age_on(born, date.today())))
            )

    def _on_buttons_accepted(self) -> None:
        if not self.born.text().strip() or self.birth_date() is None:
            words = (
                self.tr("Enter the date of birth.")
                if not self.born.text().strip()
                else self.tr("“%1” is not a date: type it as %2.")
                .replace("%1", self.born.text().strip())
                .replace("%2", self.born.placeholderText())
            )
            problems = [("date_of_birth", words)]
            try:  # the rest of the form's problems too, all at once
                parse_details(self.data() | {"date_of_birth": date(2000, 1, 1)})
            except ValidationError as exc:
                problems += exc.problems
            self._show_problems(problems)
            self.born.setFocus()
            return
        try:
            if self._patient is None:
                saved = self._practice.add_patient(self.data())
            else:
                saved = self._practice.update_patient(
                    self._patient.id, self.data(), self._patient.row_version
                )
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return
        except ConcurrentEdit as exc:
            self.error.setText(str(exc))
            return
        except PracticeError as exc:
            self.error.setText(str(exc))
            return
        self.saved_id = saved.id
        self.accept()
