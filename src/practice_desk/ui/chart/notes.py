"""The Notes tab: the patient's visit notes, an editor with templates, signing and addenda.

Drafts save themselves a moment after typing stops, and before the window locks, closes
or moves to another patient, so nothing typed is lost to the auto-lock. Signed notes are
read-only; what comes later is an addendum. Search covers this chart or every chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from html import escape
from typing import Any

import pydantic
from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain.changes import Change
from practice_desk.domain.errors import ConcurrentEdit, PracticeError
from practice_desk.domain.notes import (
    TEMPLATE_SECTIONS,
    Adherence,
    Note,
    NoteContent,
    Template,
)
from practice_desk.practice import Practice
from practice_desk.practice.chart import Chart
from practice_desk.ui import prompts
from practice_desk.ui.chart.tab import ChartTabBase
from practice_desk.ui.chart.visits import BookVisitDialog, offer_from_plan
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP, long_date
from practice_desk.ui.naming import named
from practice_desk.ui.table_model import RowsModel

#: English titles; ``template_title`` gives them in the interface language.
TEMPLATE_TITLES = {
    Template.INITIAL_EVALUATION: QT_TRANSLATE_NOOP("NoteTemplates", "Initial evaluation"),
    Template.FOLLOW_UP: QT_TRANSLATE_NOOP("NoteTemplates", "Medication follow-up"),
    Template.BRIEF_CHECK: QT_TRANSLATE_NOOP("NoteTemplates", "Brief check"),
}
ADHERENCE_TITLES = {
    Adherence.NOT_ASKED: QT_TRANSLATE_NOOP("NoteEditor", "Not asked"),
    Adherence.FULL: QT_TRANSLATE_NOOP("NoteEditor", "Takes every dose"),
    Adherence.MOSTLY: QT_TRANSLATE_NOOP("NoteEditor", "Misses a few doses"),
    Adherence.POOR: QT_TRANSLATE_NOOP("NoteEditor", "Misses many doses"),
    Adherence.STOPPED: QT_TRANSLATE_NOOP("NoteEditor", "Stopped on their own"),
}
#: Headings of the template sections (keys in domain.notes.TEMPLATE_SECTIONS), for lupdate.
_SECTION_TITLES = (
    QT_TRANSLATE_NOOP("NoteEditor", "Reason for referral"),
    QT_TRANSLATE_NOOP("NoteEditor", "History of present illness"),
    QT_TRANSLATE_NOOP("NoteEditor", "Psychiatric history"),
    QT_TRANSLATE_NOOP("NoteEditor", "Medical history"),
    QT_TRANSLATE_NOOP("NoteEditor", "Substance use"),
    QT_TRANSLATE_NOOP("NoteEditor", "Family and social history"),
    QT_TRANSLATE_NOOP("NoteEditor", "Mental status"),
    QT_TRANSLATE_NOOP("NoteEditor", "Risk assessment"),
    QT_TRANSLATE_NOOP("NoteEditor", "Assessment"),
    QT_TRANSLATE_NOOP("NoteEditor", "Plan"),
    QT_TRANSLATE_NOOP("NoteEditor", "Interval history"),
    QT_TRANSLATE_NOOP("NoteEditor", "How things are"),
)
#: Quiet time after the last keystroke before a draft saves itself.
AUTOSAVE_MS = 1500


def template_title(template: Template) -> str:
    return QCoreApplication.translate("NoteTemplates", TEMPLATE_TITLES[template])


def section_title(key: str) -> str:
    """A section's heading in the interface language: "risk_assessment" -> "Risk assessment"."""
    return QCoreApplication.translate("NoteEditor", key.replace("_", " ").capitalize())


def status_words(note: Note) -> str:
    if not note.signed:
        return QCoreApplication.translate("NotesModel", "Draft")
    assert note.signed_at is not None
    words = QCoreApplication.translate("NotesModel", "Signed by %1, %2")
    words = words.replace("%1", note.signed_by).replace("%2", long_date(note.signed_at.date()))
    count = len(note.addenda)
    if count == 1:
        words += QCoreApplication.translate("NotesModel", " (+1 addendum)")
    elif count:
        words += QCoreApplication.translate("NotesModel", " (+%1 addenda)").replace(
            "%1", str(count)
        )
    return words


class NotesModel(RowsModel):
    """Notes newest first; the Patient column is filled when searching every chart."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [self.tr("Visit"), self.tr("Patient"), self.tr("Kind"), self.tr("Status")], parent
        )
        self.names: dict[int, str] = {}

    def set_notes(self, notes: Sequence[Note], names: dict[int, str] | None = None) -> None:
        self.names = names or {}
        self.set_rows(notes)

    def _cells(self, row: Any) -> tuple[str, ...]:
        note: Note = row
        return (
            long_date(note.content.visit_date),
            self.names.get(note.patient_id, ""),
            template_title(note.content.template),
            status_words(note),
        )

    def _extra(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            note: Note = row
            return note.content.text()[:400]
        return None


def _text_box(name: str, lines: int) -> QPlainTextEdit:
    box = named(QPlainTextEdit(), name)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class NoteEditor(QWidget):
    """The fields of one note; rebuilds its sections when the template changes."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = Template.FOLLOW_UP
        self.kind = named(QLabel(), "note_kind")
        self.kind.setStyleSheet("font-weight: bold")
        self.visit_date = named(QDateEdit(), "note_visit_date")
        self.visit_date.setDisplayFormat("d MMM yyyy")
        self.visit_date.setCalendarPopup(True)
        self.visit_date.setAccessibleName(self.tr("Visit date"))
        self.visit_date.setMaximumWidth(180)
        self.symptoms = _text_box("note_symptoms", 2)
        self.symptoms.setAccessibleName(self.tr("Symptoms"))
        self.side_effects = _text_box("note_side_effects", 2)
        self.side_effects.setAccessibleName(self.tr("Side effects"))
        self.adherence = named(QComboBox(), "note_adherence")
        self.adherence.setAccessibleName(self.tr("Adherence"))
        self.adherence.setMaximumWidth(260)
        for value, title in ADHERENCE_TITLES.items():
            self.adherence.addItem(self.tr(title), value)
        self.body = _text_box("note_body", 3)
        self.body.setAccessibleName(self.tr("Other notes"))
        self.sections: dict[str, QPlainTextEdit] = {}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.addRow(self.kind)
        self.form.addRow(self.tr("&Visit date:"), self.visit_date)
        self.form.addRow(self.tr("S&ymptoms:"), self.symptoms)
        self.form.addRow(self.tr("Side &effects:"), self.side_effects)
        self.form.addRow(self.tr("&Adherence:"), self.adherence)
        self._first_section_row = self.form.rowCount()
        self.form.addRow(self.tr("&Other notes:"), self.body)
        self._build()
        self.visit_date.dateChanged.connect(self.edited)
        self.adherence.currentIndexChanged.connect(self.edited)
        for box in (self.symptoms, self.side_effects, self.body):
            box.textChanged.connect(self.edited)

    def _build(self) -> None:
        """The template's sections, between adherence and the free text."""
        for _ in self.sections:
            self.form.removeRow(self._first_section_row)  # deletes the label and the box
        self.sections = {}
        self.kind.setText(template_title(self.template))
        for offset, key in enumerate(TEMPLATE_SECTIONS[self.template]):
            box = _text_box(f"note_section_{key}", 3 if key != "plan" else 2)
            box.setAccessibleName(section_title(key))
            box.textChanged.connect(self.edited)
            self.sections[key] = box
            self.form.insertRow(self._first_section_row + offset, section_title(key) + ":", box)

    def load(self, content: NoteContent, *, read_only: bool) -> None:
        blocked = self.blockSignals(True)
        try:
            if content.template is not self.template:
                self.template = content.template
                self._build()
            self.visit_date.setDate(QDate(content.visit_date))
            self.symptoms.setPlainText(content.symptoms)
            self.side_effects.setPlainText(content.side_effects)
            self.adherence.setCurrentIndex(max(0, self.adherence.findData(content.adherence)))
            for key, box in self.sections.items():
                box.setPlainText(content.sections.get(key, ""))
            self.body.setPlainText(content.body)
        finally:
            self.blockSignals(blocked)
        for widget in (self.symptoms, self.side_effects, self.body, *self.sections.values()):
            widget.setReadOnly(read_only)
        self.visit_date.setReadOnly(read_only)
        self.adherence.setEnabled(not read_only)

    def content_written(self) -> bool:
        boxes = (self.symptoms, self.side_effects, self.body, *self.sections.values())
        return any(box.toPlainText().strip() for box in boxes)

    def content(self) -> NoteContent:
        """What is on screen; raises pydantic.ValidationError when a field is too long."""
        return NoteContent(
            template=self.template,
            visit_date=self.visit_date.date().toPython(),
            symptoms=self.symptoms.toPlainText(),
            side_effects=self.side_effects.toPlainText(),
            adherence=self.adherence.currentData(),
            sections={
                key: box.toPlainText().strip()
                for key, box in self.sections.items()
                if box.toPlainText().strip()
            },
            body=self.body.toPlainText(),
        )


class NotesTab(QWidget, ChartTabBase):
    """Visit notes for the open patient."""

    defer_when_hidden = False  # never holds the previous patient while behind
    concerns = frozenset({Change.NOTES})

    changed = Signal()
    open_patient = Signal(int)

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notes_tab")
        self._practice = practice
        self._patient_id: int | None = None
        self.booking: BookVisitDialog | None = None  # offered after signing
        self._note: Note | None = None  # the note in the editor, once saved
        self._dirty = False
        self._prescriber = False

        self.search = named(QLineEdit(), "note_search")
        self.search.setPlaceholderText(self.tr("Search notes"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search notes"))
        self.search.setToolTip(self.tr("Every word must appear; word beginnings match."))
        self.every_chart = named(QCheckBox(self.tr("All patients")), "note_search_all")
        self.model = NotesModel(self)
        self.table = named(QTableView(), "note_list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(1, True)
        self.empty = named(QLabel(), "note_empty")
        self.empty.setWordWrap(True)
        self.template = named(QComboBox(), "note_template")
        self.template.setAccessibleName(self.tr("Template for a new note"))
        for value in TEMPLATE_TITLES:
            self.template.addItem(template_title(value), value)
        self.template.setCurrentIndex(self.template.findData(Template.FOLLOW_UP))
        self.new_button = named(QPushButton(self.tr("&New note")), "note_new")
        self.new_button.setToolTip(self.tr("Start a note with the chosen template (Ctrl+Shift+N)"))

        self.editor = named(NoteEditor(), "note_editor")
        self.status = named(QLabel(), "note_status")
        self.status.setWordWrap(True)
        self.save_button = named(QPushButton(self.tr("Save &draft")), "note_save")
        self.sign_button = named(QPushButton(self.tr("&Sign note")), "note_sign")
        self.sign_button.setToolTip(self.tr("Signing locks the note; later changes are addenda."))
        self.addendum_button = named(QPushButton(self.tr("Add a&ddendum…")), "note_addendum")
        self.addenda = named(QLabel(), "note_addenda")
        self.addenda.setWordWrap(True)
        self.addenda.setTextFormat(Qt.TextFormat.RichText)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.every_chart)
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)
        new_row = QHBoxLayout()
        new_row.addWidget(self.template, 1)
        new_row.addWidget(self.new_button)
        left_layout.addLayout(new_row)

        self.right = QWidget()
        right_layout = QVBoxLayout(self.right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.editor)
        right_layout.addWidget(self.addenda)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.addendum_button)
        buttons.addWidget(self.sign_button)
        right_layout.addLayout(buttons)
        right_layout.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 580])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_draft)
        self.editor.edited.connect(self._on_edited)
        self.search.textChanged.connect(self._refresh_list)
        self.every_chart.toggled.connect(self._refresh_list)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.new_button.clicked.connect(self.new_note)
        self.save_button.clicked.connect(self.save_draft)
        self.sign_button.clicked.connect(self.sign)
        self.addendum_button.clicked.connect(self.add_addendum)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.new_note)
        self._show_editor(None)

    # --- the chart's tab protocol ----------------------------------------------------------

    def apply_role(self, prescriber: bool) -> None:
        self._prescriber = prescriber
        self._update_buttons()

    def show_chart(self, chart: Chart) -> None:
        patient_id = chart.patient_id
        if patient_id != self._patient_id:
            self.save_draft()
            self._patient_id = patient_id
            self._show_editor(None)
        self._refresh_list(notes=chart.notes)
        if self._note is None and not self._dirty:
            drafts = [n for n in self._listed() if not n.signed]
            if drafts:
                self._select(drafts[0].id)

    def clear(self) -> None:
        self.autosave.stop()
        self._patient_id = None
        self._show_editor(None)
        self.model.set_notes([])
        self.search.clear()

    # --- drafts ----------------------------------------------------------------------------

    def new_note(self) -> None:
        if self._patient_id is None:
            return
        self.save_draft()
        self.table.clearSelection()
        template = Template(self.template.currentData())
        self._note = None
        self.editor.load(NoteContent(template=template, visit_date=date.today()), read_only=False)
        self._dirty = False
        self.right.setEnabled(True)
        self.status.setText(self.tr("New note: it saves itself as a draft while you type."))
        self._update_buttons()
        next(iter(self.editor.sections.values()), self.editor.symptoms).setFocus()

    def save_current(self) -> bool:
        """Ctrl+S: save the note being written now rather than at the next autosave."""
        return self.save_draft()

    def save_draft(self) -> bool:
        """Save what is in the editor if it changed; True when nothing is left unsaved."""
        self.autosave.stop()
        if not self._dirty or self._patient_id is None:
            return True
        if self._note is None and not self.editor.content_written():
            return True  # an untouched new note is not worth a draft
        if not self._practice.is_unlocked:
            return False
        try:
            content = self.editor.content()
        except pydantic.ValidationError as exc:
            key = str(exc.errors()[0]["loc"][0])
            field = {
                "symptoms": self.tr("symptoms"),
                "side_effects": self.tr("side effects"),
                "body": self.tr("other notes"),
            }.get(key, key.replace("_", " "))
            self.status.setText(
                self.tr(
                    "Not saved: the %1 field is too long. Shorten it and it will save."
                ).replace("%1", field)
            )
            return False
        try:
            if self._note is None:
                note = self._practice.save_note(self._patient_id, content)
            else:
                note = self._practice.save_note(
                    self._patient_id,
                    content,
                    note_id=self._note.id,
                    row_version=self._note.row_version,
                )
        except ConcurrentEdit:
            self.status.setText(
                self.tr(
                    "Not saved: this draft was changed or signed elsewhere. Your text is still "
                    "here; copy it before opening the note again."
                )
            )
            return False
        except PracticeError as exc:
            self.status.setText(self.tr("Not saved: %1").replace("%1", str(exc)))
            return False
        self._note = note
        self._dirty = False
        self.status.setText(self.tr("Draft saved at %1.").replace("%1", f"{datetime.now():%H:%M}"))
        self._refresh_list(keep=note.id)
        self._update_buttons()
        return True

    def sign(self) -> None:
        if not self.save_draft():
            return
        if self._note is None:
            self.status.setText(self.tr("Write the note before signing it."))
            return
        question = self.tr(
            "Sign this note? A signed note cannot be edited; later changes are addenda."
        )
        if not prompts.confirm(self, self.tr("Sign note"), question):
            return
        try:
            note = self._practice.sign_note(self._note.id, row_version=self._note.row_version)
        except PracticeError as exc:
            prompts.warn(self, self.tr("Sign note"), str(exc))
            return
        self._show_editor(note)
        self._refresh_list(keep=note.id)
        self.changed.emit()
        if self.snapshot is not None:
            self.booking = offer_from_plan(self, self._practice, self.snapshot, note, self.changed)

    def add_addendum(self) -> None:
        if self._note is None or not self._note.signed:
            return
        text = prompts.ask_text(
            self,
            self.tr("Add addendum"),
            self.tr("Addendum (saved with your name and the time):"),
            paragraphs=True,
        )
        if text is None:
            return
        try:
            note = self._practice.add_addendum(self._note.id, text)
        except PracticeError as exc:
            prompts.warn(self, self.tr("Add addendum"), str(exc))
            return
        self._show_editor(note)
        self._refresh_list(keep=note.id)
        self.changed.emit()

    # --- internals -------------------------------------------------------------------------

    def _on_edited(self) -> None:
        if self.editor.symptoms.isReadOnly():
            return
        self._dirty = True
        self.status.setText(self.tr("Editing…"))
        self.autosave.start()

    def _listed(self) -> list[Note]:
        return [self.model.row_item(r) for r in range(self.model.rowCount())]

    def _refresh_list(
        self, *_args: object, keep: int | None = None, notes: list[Note] | None = None
    ) -> None:
        """The list again: the chart's notes (given when a chart is shown), else read now
        (after a draft saves, or the search changes)."""
        if self._patient_id is None or not self._practice.is_unlocked:
            return
        text = self.search.text().strip()
        every = self.every_chart.isChecked() and bool(text)
        names: dict[int, str] = {}
        if text:
            scope = None if every else self._patient_id
            notes = self._practice.search_notes(text, patient_id=scope)
            if every:
                ids = list(dict.fromkeys(n.patient_id for n in notes))
                names = {s.id: s.display_name for s in self._practice.patient_summaries(ids)}
        elif notes is None:
            notes = self._practice.notes(self._patient_id)
        selected = keep if keep is not None else (self._note.id if self._note else None)
        blocked = self.table.selectionModel().blockSignals(True)
        self.model.set_notes(notes, names)
        self.table.setColumnHidden(1, not every)
        for row, note in enumerate(notes):
            if note.id == selected:
                self.table.selectRow(row)
        self.table.selectionModel().blockSignals(blocked)
        if notes:
            self.empty.setText("")
        elif text:
            self.empty.setText(self.tr("No notes contain every word of “%1”.").replace("%1", text))
        else:
            self.empty.setText(self.tr("No notes yet. Choose a template and press New note."))
        self.empty.setVisible(not notes)

    def _select(self, note_id: int) -> None:
        for row, note in enumerate(self._listed()):
            if note.id == note_id:
                self.table.selectRow(row)
                return

    def _on_selection_changed(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        note: Note = self.model.row_item(rows[0].row())
        if self._note is not None and note.id == self._note.id:
            return
        self.save_draft()
        if note.patient_id != self._patient_id:
            self._show_editor(note, read_only=True)
            self.status.setText(
                self.tr("A note from another patient's chart: double-click to open that chart.")
            )
            return
        self._show_editor(note)

    def _on_double_clicked(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            note: Note = self.model.row_item(rows[0].row())
            if note.patient_id != self._patient_id:
                self.every_chart.setChecked(False)
                self.open_patient.emit(note.patient_id)

    def _show_editor(self, note: Note | None, *, read_only: bool = False) -> None:
        self._note = note
        self._dirty = False
        if note is None:
            self.editor.load(NoteContent(visit_date=date.today()), read_only=True)
            self.right.setEnabled(False)
            self.status.setText("")
            self.addenda.setVisible(False)
        else:
            self.right.setEnabled(True)
            self.editor.load(note.content, read_only=read_only or note.signed)
            self.status.setText(
                self.tr("%1. Written by %2.")
                .replace("%1", status_words(note))
                .replace("%2", note.author)
            )
            addendum = escape(self.tr("Addendum"))
            parts = [
                f"<p><b>{addendum}</b> — {escape(a.author)}, "
                f"{escape(long_date(a.at.date()))} {a.at.astimezone():%H:%M}<br>"
                f"{escape(a.text)}</p>"
                for a in note.addenda
            ]
            self.addenda.setText("".join(parts))
            self.addenda.setVisible(bool(parts))
        self._update_buttons()

    def _update_buttons(self) -> None:
        note = self._note
        editable = note is None or not note.signed
        foreign = note is not None and note.patient_id != self._patient_id
        self.save_button.setVisible(editable and not foreign)
        self.sign_button.setVisible(self._prescriber and editable and not foreign)
        self.addendum_button.setVisible(note is not None and note.signed and not foreign)
        self.new_button.setEnabled(self._patient_id is not None)
