"""The chart: a tab per part of the record for the selected patient."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QScrollArea, QTabWidget, QWidget

from practice_desk.domain.changes import NOTHING, Changes
from practice_desk.domain.preferences import Preferences
from practice_desk.practice import Practice
from practice_desk.ui.chart.summary import SummaryTab
from practice_desk.ui.chart.tab import ChartTabBase
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP

Factory = Callable[[Practice, QWidget | None], QWidget]


def tab_factories() -> list[tuple[str, Factory, bool]]:
    """(title, factory, prescriber only) for every chart tab, in reading order.

    Titles stay English here (they key ``ChartView.tabs``); the tab shows them translated.
    """
    from practice_desk.ui.chart.audit import AuditTab
    from practice_desk.ui.chart.documents import DocumentsTab
    from practice_desk.ui.chart.labs import LabsTab
    from practice_desk.ui.chart.medications import MedicationsTab
    from practice_desk.ui.chart.notes import NotesTab
    from practice_desk.ui.chart.prescriptions import PrescriptionsTab
    from practice_desk.ui.chart.scales import ScalesTab
    from practice_desk.ui.chart.tapers import TapersTab

    return [
        (QT_TRANSLATE_NOOP("ChartView", "Summary"), SummaryTab, False),
        (QT_TRANSLATE_NOOP("ChartView", "Medications"), MedicationsTab, False),
        (QT_TRANSLATE_NOOP("ChartView", "Notes"), NotesTab, False),
        (QT_TRANSLATE_NOOP("ChartView", "Scales"), ScalesTab, False),
        (QT_TRANSLATE_NOOP("ChartView", "Labs"), LabsTab, False),
        (QT_TRANSLATE_NOOP("ChartView", "Tapers"), TapersTab, False),
        (QT_TRANSLATE_NOOP("ChartView", "Prescriptions"), PrescriptionsTab, True),
        (QT_TRANSLATE_NOOP("ChartView", "Documents"), DocumentsTab, False),
        (QT_TRANSLATE_NOOP("ChartView", "Audit"), AuditTab, True),
    ]


class ChartView(QTabWidget):
    """Hosts the tabs; reads one snapshot per patient opened and hands it to every tab;
    after a change, reads again and redraws only the tabs the change concerns."""

    changed = Signal()
    #: Another patient's chart was asked for (a note found by searching every chart).
    open_patient = Signal(int)

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
        self.setObjectName("chart_view")
        self.patient_id: int | None = None
        self.tabs: dict[str, QWidget] = {}
        self._parts: list[ChartTabBase] = []
        self._pending = NOTHING
        for title, factory, _prescriber_only in tab_factories():
            tab = factory(practice, self)
            assert isinstance(tab, ChartTabBase), f"{title} is not a chart tab"
            tab.host = self
            self.tabs[title] = tab
            self._parts.append(tab)
            if isinstance(tab, QScrollArea):
                self.addTab(tab, self.tr(title))
            else:
                # Scrolls rather than squeezing the patient list on a 1366 x 768 screen.
                holder = QScrollArea(self)
                holder.setWidgetResizable(True)
                holder.setFrameShape(QScrollArea.Shape.NoFrame)
                holder.setWidget(tab)
                self.addTab(holder, self.tr(title))
            tab.changed.connect(self._on_tab_changed)  # type: ignore[attr-defined]
            wanted = getattr(tab, "open_patient", None)
            if wanted is not None:
                wanted.connect(self.open_patient)
        unsubscribe = practice.subscribe(self._note_changes)
        self.destroyed.connect(lambda *_: unsubscribe())

    @property
    def summary(self) -> SummaryTab:
        tab = self.tabs["Summary"]
        assert isinstance(tab, SummaryTab)
        return tab

    def show_patient(self, patient_id: int) -> None:
        """Open a chart: one read (one chart.read in the audit trail) for every tab."""
        chart = self._practice.chart(patient_id)
        self.patient_id = patient_id
        self._pending = NOTHING
        for tab in self._parts:
            tab.present(chart)

    def refresh(self) -> None:
        """Read the open chart again (not a new opening) and redraw the tabs that show
        what changed since it was read; every tab when that is not known."""
        if self.patient_id is None:
            return
        changes, self._pending = self._pending, NOTHING
        chart = self._practice.chart(self.patient_id, audit=False)
        for tab in self._parts:
            if not changes.kinds or changes.concerns(tab.concerns, self.patient_id):
                tab.present(chart)

    def clear(self) -> None:
        self.patient_id = None
        self._pending = NOTHING
        for tab in self._parts:
            tab.forget()

    def apply_role(self, prescriber: bool) -> None:
        """Prescriber-only tabs are hidden for other roles (the facade refuses anyway)."""
        for index, (_title, _factory, prescriber_only) in enumerate(tab_factories()):
            self.setTabVisible(index, prescriber or not prescriber_only)
            self._parts[index].apply_role(prescriber)

    def current_tab(self) -> QWidget | None:
        """The tab shown (not the scroll area that may hold it)."""
        index = self.currentIndex()
        tabs = list(self.tabs.values())
        return tabs[index] if 0 <= index < len(tabs) else None

    def apply_preferences(self, preferences: Preferences) -> None:
        """Tabs with a default from the practice preferences (e.g. handout language) take it."""
        for tab in self._parts:
            tab.apply_preferences(preferences)

    def save_drafts(self) -> None:
        """Before locking or closing: every tab with unsaved typing saves it now."""
        for tab in self._parts:
            tab.save_draft()

    def _note_changes(self, changes: Changes) -> None:
        self._pending = self._pending | changes

    def _on_tab_changed(self) -> None:
        if self._pending.kinds:  # the tab changed the record without redrawing the chart
            self.refresh()
        self.changed.emit()
