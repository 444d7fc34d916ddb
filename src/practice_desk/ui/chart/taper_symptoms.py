"""The Tapers tab's withdrawal-symptom log: checklist, 0-10 severity, hold advice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from practice_desk.domain import withdrawal
from practice_desk.domain.errors import PracticeError
from practice_desk.domain.taper_progress import SYMPTOMS, SymptomEntry
from practice_desk.practice import Practice
from practice_desk.practice.chart import Chart
from practice_desk.ui.chart.taper_widgets import _ADVICE_STYLE, _ERROR_STYLE, _button, _label
from practice_desk.ui.i18n import fill, long_date
from practice_desk.ui.naming import named

_Base = QWidget if TYPE_CHECKING else object


class SymptomLogMixin(_Base):  # type: ignore[misc,valid-type]
    """Built into TapersTab; relies on its practice, current taper and step.

    Words go through ``QCoreApplication.translate("SymptomLogMixin", ...)``: ``self.tr``
    would look them up under "TapersTab", while lupdate files them under this class.
    """

    _practice: Practice
    changed: Any
    snapshot: Chart | None
    refresh: Callable[[], None]  # ChartTabBase's, later in the tab's bases

    def _current_taper(self) -> Any:
        raise NotImplementedError

    def _step_now(self, taper: Any) -> int:
        raise NotImplementedError

    def _show_log(self, taper_id: int) -> None:
        """The latest symptom entries of a taper, newest first (from the chart shown)."""
        shown = self.snapshot.symptoms.get(taper_id, []) if self.snapshot is not None else []
        entries = sorted(shown, key=lambda e: e.on, reverse=True)
        if not entries:
            self.log_history.setText(
                QCoreApplication.translate(
                    "SymptomLogMixin", "No symptoms recorded for this taper yet."
                )
            )
            return
        lines = [
            fill(
                QCoreApplication.translate("SymptomLogMixin", "%1 · step %2 · severity %3/10 · %4"),
                long_date(e.on),
                e.step,
                e.severity,
                escape(", ".join(SYMPTOMS[s] for s in e.symptoms) or "—"),
            )
            + (f" — {escape(e.note)}" if e.note else "")
            for e in entries[:8]
        ]
        recorded = QCoreApplication.translate("SymptomLogMixin", "Recorded:")
        self.log_history.setText(f"<b>{recorded}</b><br>" + "<br>".join(lines))

    def _build_symptoms(self) -> QGroupBox:
        box = named(
            QGroupBox(
                QCoreApplication.translate(
                    "SymptomLogMixin", "Withdrawal symptoms at the current step"
                )
            ),
            "taper_symptoms",
        )
        self.symptoms_box = box
        self.symptom_checks: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        self._symptom_grid = grid
        for i, (key, words) in enumerate(SYMPTOMS.items()):
            check = named(QCheckBox(words[:1].upper() + words[1:]), f"symptom_{key}")
            check.setAccessibleName(check.text())
            self.symptom_checks[key] = check
            grid.addWidget(check, i // 2, i % 2)
        self.severity = named(QSlider(Qt.Orientation.Horizontal), "symptom_severity")
        self.severity.setRange(0, 10)
        self.severity.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.severity.setTickInterval(1)
        self.severity.setPageStep(1)
        self.severity.setAccessibleName(
            QCoreApplication.translate("SymptomLogMixin", "Overall severity, 0 to 10")
        )
        self.severity_text = named(QLabel(), "symptom_severity_text")
        self.note = named(QLineEdit(), "symptom_note")
        self.note.setPlaceholderText(
            QCoreApplication.translate("SymptomLogMixin", "Note (optional)")
        )
        self.note.setAccessibleName(QCoreApplication.translate("SymptomLogMixin", "Symptom note"))
        self.log_button = _button(
            QCoreApplication.translate("SymptomLogMixin", "Record symptoms"), "symptom_record"
        )
        self.advice = _label(
            "symptom_advice", QCoreApplication.translate("SymptomLogMixin", "Advice about holding")
        )
        self.log_history = _label(
            "symptom_history", QCoreApplication.translate("SymptomLogMixin", "Symptoms recorded")
        )

        severity = QHBoxLayout()
        severity.addWidget(QLabel(QCoreApplication.translate("SymptomLogMixin", "Severity:")))
        severity.addWidget(self.severity, 1)
        severity.addWidget(self.severity_text)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.log_button)
        layout = QVBoxLayout(box)
        layout.addLayout(grid)
        layout.addLayout(severity)
        layout.addLayout(row)
        layout.addWidget(self.advice)
        layout.addWidget(self.log_history)
        self.severity.valueChanged.connect(self._on_severity_changed)
        self.log_button.clicked.connect(self._on_log_clicked)
        self._on_severity_changed(0)
        return box

    def _show_checklist(self, drug_id: str) -> None:
        """Offer the symptoms of this drug's withdrawal class, in its order (withdrawal.toml)."""
        wanted = withdrawal.for_drug(drug_id).symptoms
        for check in self.symptom_checks.values():
            self._symptom_grid.removeWidget(check)
            check.hide()
            check.setChecked(False)
        for i, key in enumerate(wanted):
            check = self.symptom_checks[key]
            self._symptom_grid.addWidget(check, i // 2, i % 2)
            check.show()

    def _on_severity_changed(self, value: int) -> None:
        words = (
            QCoreApplication.translate("SymptomLogMixin", "none")
            if value == 0
            else QCoreApplication.translate("SymptomLogMixin", "mild")
            if value <= 3
            else QCoreApplication.translate("SymptomLogMixin", "moderate")
            if value <= 6
            else QCoreApplication.translate("SymptomLogMixin", "severe")
        )
        self.severity_text.setText(
            fill(QCoreApplication.translate("SymptomLogMixin", "%1 out of 10 (%2)"), value, words)
        )
        self.severity.setAccessibleDescription(self.severity_text.text())

    def _on_log_clicked(self) -> None:
        taper = self._current_taper()
        if taper is None:
            return
        try:
            entry = SymptomEntry(
                on=date.today(),
                step=self._step_now(taper),
                symptoms=tuple(k for k, check in self.symptom_checks.items() if check.isChecked()),
                severity=self.severity.value(),
                note=self.note.text().strip(),
            )
            advice = self._practice.log_withdrawal(taper.id, entry)
        except PracticeError as error:
            self.advice.setStyleSheet(_ERROR_STYLE)
            self.advice.setText(escape(str(error)))
            self.advice.show()
            return
        except ValueError as error:  # the entry's own checks (e.g. a note too long)
            self.advice.setStyleSheet(_ERROR_STYLE)
            self.advice.setText(escape(str(error).splitlines()[-1]))
            self.advice.show()
            return
        for check in self.symptom_checks.values():
            check.setChecked(False)
        self.severity.setValue(0)
        self.note.clear()
        self.advice.setStyleSheet(_ADVICE_STYLE)
        self.advice.setText(
            "<b>"
            + QCoreApplication.translate("SymptomLogMixin", "Hold suggested:")
            + "</b> "
            + escape(advice)
            if advice
            else QCoreApplication.translate(
                "SymptomLogMixin", "Recorded. No hold suggested by these symptoms."
            )
        )
        self.advice.show()
        self.refresh()  # the chart reads again, with this entry in the log
        self.changed.emit()
