"""The Documents tab: handouts, visit summaries, medication lists and taper calendars.

Each document is made by the facade as PDF bytes (and audited there), previewed from
memory, then printed or, after a warning that the file will not be encrypted, saved.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain import formulary, handouts
from practice_desk.domain.changes import Change
from practice_desk.domain.errors import PracticeError
from practice_desk.domain.preferences import Preferences
from practice_desk.practice import Practice, write_private
from practice_desk.practice.chart import Chart
from practice_desk.ui import prompts
from practice_desk.ui.chart.pdf_preview import PdfPreview
from practice_desk.ui.chart.tab import ChartTabBase
from practice_desk.ui.i18n import fill, long_date
from practice_desk.ui.naming import named

_ERROR_STYLE = "color: #a00000;"


HANDOUT, VISIT_SUMMARY, MEDICATION_LIST, TAPER_CALENDAR = (
    "handout",
    "visit_summary",
    "medication_list",
    "taper_calendar",
)


class DocumentsTab(QWidget, ChartTabBase):
    concerns = frozenset(
        {Change.PATIENT, Change.MEDICATIONS, Change.TAPERS, Change.NOTES, Change.PROFILE}
    )
    changed = Signal()

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documents_tab")
        self._practice = practice
        self._patient_id: int | None = None
        self._title = ""
        self._file_stem = ""

        self.kind = named(QComboBox(), "doc_kind")
        self.kind.addItem(self.tr("Medication handout"), HANDOUT)
        self.kind.addItem(self.tr("Visit summary"), VISIT_SUMMARY)
        self.kind.addItem(self.tr("Medication list"), MEDICATION_LIST)
        self.kind.addItem(self.tr("Taper calendar"), TAPER_CALENDAR)
        self.kind.setAccessibleName(self.tr("Document"))
        self.language = named(QComboBox(), "doc_language")
        self.language.addItem(self.tr("English"), "en")
        self.language.addItem(self.tr("Español (Spanish)"), "es")
        self.language.setAccessibleName(self.tr("Language of the document"))

        self.drug = named(QComboBox(), "doc_drug")
        self.drug.setAccessibleName(self.tr("Medication the handout is about"))
        self.instructions = named(QPlainTextEdit(), "doc_instructions")
        self.instructions.setPlaceholderText(
            self.tr("Instructions for the patient, printed on the summary (optional)")
        )
        self.instructions.setAccessibleName(self.tr("Instructions for the patient"))
        self.instructions.setMaximumHeight(110)
        self.taper = named(QComboBox(), "doc_taper")
        self.taper.setAccessibleName(self.tr("Taper for the calendar"))
        self.options = QStackedWidget()
        self.options.addWidget(self._row(self.tr("Medication:"), self.drug))
        self.options.addWidget(self._row(self.tr("Instructions:"), self.instructions))
        self.options.addWidget(
            QLabel(self.tr("Every active medication, with directions, as on the chart today."))
        )
        self.options.addWidget(self._row(self.tr("Taper:"), self.taper))

        self.preview_button = named(QPushButton(self.tr("Preview")), "doc_preview_button")
        self.print_button = named(QPushButton(self.tr("Print…")), "doc_print")
        self.save_button = named(QPushButton(self.tr("Save as PDF…")), "doc_save")
        for button, words in (
            (self.preview_button, self.tr("Preview the document")),
            (self.print_button, self.tr("Print the previewed document")),
            (self.save_button, self.tr("Save the previewed document as an unencrypted PDF")),
        ):
            button.setAccessibleName(words)
        self.save_button.setToolTip(self.tr("A saved PDF is not encrypted."))
        self.status = named(QLabel(), "doc_status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Document status"))
        self.error = named(QLabel(), "doc_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setAccessibleName(self.tr("Problem with the document"))
        self.preview = PdfPreview(name="doc_preview")

        form = QFormLayout()
        form.addRow(self.tr("Document:"), self.kind)
        form.addRow(self.tr("Language:"), self.language)
        choose = named(QGroupBox(self.tr("Choose a document")), "doc_choose")
        choose_layout = QVBoxLayout(choose)
        choose_layout.addLayout(form)
        choose_layout.addWidget(self.options)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        choose_layout.addLayout(buttons)
        choose_layout.addWidget(self.status)
        choose_layout.addWidget(self.error)
        choose_layout.addStretch(1)
        splitter = named(QSplitter(Qt.Orientation.Horizontal), "doc_splitter")
        splitter.addWidget(choose)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._fit_options()
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.language.currentIndexChanged.connect(self._on_language_changed)
        self.drug.currentIndexChanged.connect(self._on_options_changed)
        self.taper.currentIndexChanged.connect(self._on_options_changed)
        self.instructions.textChanged.connect(self._on_options_changed)
        self.preview_button.clicked.connect(self._on_preview_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.clear()

    @staticmethod
    def _row(label: str, widget: QWidget) -> QWidget:
        holder = QWidget()
        form = QFormLayout(holder)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(label, widget)
        return holder

    # --- the contract ----------------------------------------------------------------------

    def show_chart(self, chart: Chart) -> None:
        """Load the patient; for the same patient (the chart changed) keep the choices but
        ask for a new preview, since what the document shows may have changed."""
        same = chart.patient_id == self._patient_id
        had_preview = bool(self.preview.pdf)
        self._patient_id = chart.patient_id
        if not same:
            self.instructions.blockSignals(True)
            self.instructions.clear()
            self.instructions.blockSignals(False)
        self._load_drugs()
        self._load_tapers()
        self.preview_button.setEnabled(True)
        self._stale(
            self.tr("The chart changed: press Preview again to see the latest.")
            if same and had_preview
            else self.tr("Choose a document and press Preview.")
        )

    def clear(self) -> None:
        self._patient_id = None
        for widget in (self.drug, self.taper, self.instructions):
            widget.blockSignals(True)
            widget.clear()
            widget.blockSignals(False)
        self.preview_button.setEnabled(False)
        self._stale(self.tr("Choose a patient to print their documents."))

    # --- choices ---------------------------------------------------------------------------

    def apply_preferences(self, preferences: Preferences) -> None:
        """The practice's default handout language, chosen until the user picks another."""
        index = self.language.findData(preferences.handout_language)
        if index >= 0:
            self.language.setCurrentIndex(index)

    def _language(self) -> Any:
        return self.language.currentData()

    def _load_drugs(self) -> None:
        """The patient's own medications first, then every other handout in the language."""
        if self._patient_id is None or self.snapshot is None:
            return
        drugs = formulary.load().drugs
        have = handouts.available(self._language())
        mine = [o.details.drug_id for o in self.snapshot.medications if o.details.drug_id in have]
        previous = self.drug.currentData()
        self.drug.blockSignals(True)
        self.drug.clear()
        for drug_id in dict.fromkeys(mine):
            self.drug.addItem(
                drugs[drug_id].generic + self.tr(" — on this patient's list"), drug_id
            )
        if mine:
            self.drug.insertSeparator(self.drug.count())
        for drug_id in sorted(
            have - set(mine), key=lambda d: drugs[d].generic if d in drugs else d
        ):
            self.drug.addItem(drugs[drug_id].generic if drug_id in drugs else drug_id, drug_id)
        index = self.drug.findData(previous) if previous else -1
        self.drug.setCurrentIndex(max(index, 0))
        self.drug.blockSignals(False)

    def _load_tapers(self) -> None:
        if self._patient_id is None or self.snapshot is None:
            return
        previous = self.taper.currentData()
        self.taper.blockSignals(True)
        self.taper.clear()
        for taper in self.snapshot.tapers:
            start = taper.plan.steps[0].start if taper.plan.steps else date.today()
            self.taper.addItem(
                fill(
                    self.tr("%1 from %2 mg a day, starting %3"),
                    taper.plan.drug_name.capitalize(),
                    f"{taper.plan.start_mg:g}",
                    long_date(start),
                ),
                taper.id,
            )
        if not self.taper.count():
            self.taper.addItem(self.tr("No taper in progress"), None)
        self.taper.setCurrentIndex(max(self.taper.findData(previous) if previous else 0, 0))
        self.taper.blockSignals(False)

    def _on_kind_changed(self, index: int) -> None:
        self.options.setCurrentIndex(index)
        self._fit_options()
        self._on_options_changed()

    def _fit_options(self) -> None:
        """Only the shown page's options take room, so the buttons sit right under them."""
        for i in range(self.options.count()):
            page = self.options.widget(i)
            if page is None:
                continue
            shown = i == self.options.currentIndex()
            policy = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.options.adjustSize()

    def _on_language_changed(self, _index: int) -> None:
        self._load_drugs()
        self._on_options_changed()

    def _on_options_changed(self, *_args: object) -> None:
        if self._patient_id is not None:
            self._stale(self.tr("The choice changed: press Preview to see the document."))

    def _stale(self, message: str) -> None:
        self.preview.clear(message)
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.status.clear()
        self.error.clear()

    # --- making, printing, saving ------------------------------------------------------------

    def _make(self) -> tuple[bytes, str, str]:
        """PDF bytes, a print title and a file name stem (no patient name: file names leak)."""
        assert self._patient_id is not None
        kind, language = self.kind.currentData(), self._language()
        today = date.today().isoformat()
        if kind == HANDOUT:
            drug_id = self.drug.currentData()
            if not drug_id:
                raise _Missing(self.tr("Choose the medication the handout is about."))
            pdf = self._practice.handout_pdf(drug_id, language)
            return (
                pdf,
                fill(
                    self.tr("Handout: %1, %2"),
                    drug_id,
                    self.tr("Spanish") if language == "es" else self.tr("English"),
                ),
                f"handout-{drug_id}-{language}",
            )
        if kind == VISIT_SUMMARY:
            pdf = self._practice.visit_summary_pdf(
                self._patient_id, language, instructions=self.instructions.toPlainText().strip()
            )
            return pdf, self.tr("Visit summary"), f"visit-summary-{today}-{language}"
        if kind == MEDICATION_LIST:
            pdf = self._practice.medication_list_pdf(self._patient_id, language)
            return pdf, self.tr("Medication list"), f"medication-list-{today}-{language}"
        taper_id = self.taper.currentData()
        if taper_id is None:
            raise _Missing(self.tr("There is no taper in progress to make a calendar for."))
        pdf = self._practice.taper_calendar_pdf(taper_id, language)
        return pdf, self.tr("Taper calendar"), f"taper-calendar-{today}-{language}"

    def _on_preview_clicked(self) -> None:
        if self._patient_id is None:
            return
        self._stale("")
        try:
            pdf, self._title, self._file_stem = self._make()
        except (PracticeError, _Missing) as error:
            self.preview.clear(self.tr("No preview."))
            self.error.setText(str(error))
            return
        self.preview.show_pdf(pdf)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("%1 — ready to print or save.").replace("%1", self._title))

    def print_current(self) -> bool:
        """Ctrl+P: print what is previewed, previewing the chosen document first if needed."""
        if self._patient_id is None:
            return False
        if not self.preview.pdf:
            self._on_preview_clicked()
        if not self.preview.pdf:
            return False
        self._on_print_clicked()
        return True

    def _on_print_clicked(self) -> None:
        if self.preview.pdf and prompts.print_pdf(self, self.preview.pdf, self._title):
            self.status.setText(self.tr("%1 — sent to the printer.").replace("%1", self._title))

    def _on_save_clicked(self) -> None:
        if not self.preview.pdf:
            return
        title = self.tr("Save as PDF")
        if not prompts.confirm(
            self,
            title,
            self.tr(
                "The saved PDF will NOT be encrypted: anyone who can open the file can read "
                "this patient's information. Keep it only where your practice's records policy "
                "allows, and delete it when it is no longer needed.\n\nSave it anyway?"
            ),
        ):
            self.status.setText(self.tr("Not saved."))
            return
        path = prompts.save_file(self, title, f"{self._file_stem}.pdf", self.tr("PDF (*.pdf)"))
        if not path:
            self.status.setText(self.tr("Not saved."))
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            write_private(target, self.preview.pdf)  # patient data: the owner's eyes only
        except OSError as error:
            self.error.setText(
                self.tr("The PDF could not be saved (%1). Nothing was written.").replace(
                    "%1", error.strerror or str(error)
                )
            )
            return
        self._practice.note_export(self._file_stem, self._patient_id)
        self.status.setText(self.tr("Saved to %1 (not encrypted).").replace("%1", str(target)))


class _Missing(Exception):
    """A choice the form still needs, in words."""
