"""The chart: a tab per part of the record for the selected patient."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QScrollArea, QTabWidget, QWidget

from practice_desk.domain.changes import NOTHING, Changes
from practice_desk.domain.preferences import Preferences
from practice_desk.practice import Practice
from practice_desk.ui.chart.tab import ChartTabBase
from practice_desk.ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from practice_desk.ui.chart.summary import SummaryTab

Factory = Callable[[Practice, QWidget | None], QWidget]


#: (title, prescriber only) for every chart tab, in reading order. Titles stay English here
#: (they key ``ChartView.tabs``); the tab shows them translated.
TITLES = [
    (QT_TRANSLATE_NOOP("ChartView", "Summary"), False),
    (QT_TRANSLATE_NOOP("ChartView", "Medications"), False),
    (QT_TRANSLATE_NOOP("ChartView", "Notes"), False),
    (QT_TRANSLATE_NOOP("ChartView", "Scales"), False),
    (QT_TRANSLATE_NOOP("ChartView", "Labs"), False),
    (QT_TRANSLATE_NOOP("ChartView", "Tapers"), False),
    (QT_TRANSLATE_NOOP("ChartView", "Prescriptions"), True),
    (QT_TRANSLATE_NOOP("ChartView", "Documents"), False),
    (QT_TRANSLATE_NOOP("ChartView", "Audit"), True),
]


def tab_factories() -> list[Factory]:
    """The class of each tab in TITLES, in the same order (imported when first needed)."""
    from practice_desk.ui.chart.audit import AuditTab
    from practice_desk.ui.chart.documents import DocumentsTab
    from practice_desk.ui.chart.labs import LabsTab
    from practice_desk.ui.chart.medications import MedicationsTab
    from practice_desk.ui.chart.notes import NotesTab
    from practice_desk.ui.chart.prescriptions import PrescriptionsTab
    from practice_desk.ui.chart.scales import ScalesTab
    from practice_desk.ui.chart.summary import SummaryTab
    from practice_desk.ui.chart.tapers import TapersTab

    return [
        SummaryTab,
        MedicationsTab,
        NotesTab,
        ScalesTab,
        LabsTab,
        TapersTab,
        PrescriptionsTab,
        DocumentsTab,
        AuditTab,
    ]


class ChartView(QTabWidget):
    """Hosts the tabs; reads one snapshot per patient opened and hands it to every tab;
    after a change, reads again and redraws only the tabs the change concerns."""

    changed = Signal()
    #: Another patient's chart was asked for (a note found by searching every chart).
    open_patient = Signal(int)
    #: A chart was read (opened or read again): whose it is, for the banner above.
    presented = Signal(object)
    cleared = Signal()

    def __init__(self, practice: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
        self.setObjectName("chart_view")
        self.patient_id: int | None = None
        self._tabs: dict[str, QWidget] = {}
        self._parts: list[ChartTabBase] = []
        self._holders: list[QScrollArea] = []
        self._pending = NOTHING
        # The pages are empty until first needed (after unlocking, or once the unlock
        # window is up): the unlock window shows without waiting for every tab.
        for title, _prescriber_only in TITLES:
            # Scrolls rather than squeezing the patient list on a 1366 x 768 screen.
            holder = QScrollArea(self)
            holder.setWidgetResizable(True)
            holder.setFrameShape(QScrollArea.Shape.NoFrame)
            self._holders.append(holder)
            self.addTab(holder, self.tr(title))
        self.currentChanged.connect(self._on_current_changed)
        unsubscribe = practice.subscribe(self._note_changes)
        self.destroyed.connect(lambda *_: unsubscribe())

    def build(self) -> None:
        """Make every tab now (at most once)."""
        if self._parts:
            return
        for (title, _prescriber_only), factory, holder in zip(
            TITLES, tab_factories(), self._holders, strict=True
        ):
            tab = factory(self._practice, self)
            assert isinstance(tab, ChartTabBase), f"{title} is not a chart tab"
            tab.host = self
            self._tabs[title] = tab
            self._parts.append(tab)
            holder.setWidget(tab)
            tab.changed.connect(self._on_tab_changed)  # type: ignore[attr-defined]
            wanted = getattr(tab, "open_patient", None)
            if wanted is not None:
                wanted.connect(self.open_patient)

    @property
    def tabs(self) -> dict[str, QWidget]:
        """The tabs by their English title."""
        self.build()
        return self._tabs

    @property
    def summary(self) -> SummaryTab:
        from practice_desk.ui.chart.summary import SummaryTab

        tab = self.tabs["Summary"]
        assert isinstance(tab, SummaryTab)
        return tab

    def show_patient(self, patient_id: int) -> None:
        """Open a chart: one read (one chart.read in the audit trail) for every tab."""
        self.build()
        chart = self._practice.chart(patient_id)
        self.patient_id = patient_id
        self._pending = NOTHING
        self.presented.emit(chart)
        for tab in self._parts:
            tab.present(chart)

    def refresh(self) -> None:
        """Read the open chart again (not a new opening) and redraw the tabs that show
        what changed since it was read; every tab when that is not known."""
        if self.patient_id is None:
            return
        changes, self._pending = self._pending, NOTHING
        chart = self._practice.chart(self.patient_id, audit=False)
        self.presented.emit(chart)
        for tab in self._parts:
            if not changes.kinds or changes.concerns(tab.concerns, self.patient_id):
                tab.present(chart)

    def clear(self) -> None:
        self.patient_id = None  # (tabs not made yet hold nothing to clear)
        self._pending = NOTHING
        self.cleared.emit()
        for tab in self._parts:
            tab.forget()

    def apply_role(self, prescriber: bool) -> None:
        """Prescriber-only tabs are hidden for other roles (the facade refuses anyway)."""
        self.build()
        for index, (_title, prescriber_only) in enumerate(TITLES):
            self.setTabVisible(index, prescriber or not prescriber_only)
            self._parts[index].apply_role(prescriber)

    def current_tab(self) -> QWidget | None:
        """The tab shown (not the scroll area that may hold it)."""
        index = self.currentIndex()
        tabs = list(self._tabs.values())
        return tabs[index] if 0 <= index < len(tabs) else None

    def apply_preferences(self, preferences: Preferences) -> None:
        """Tabs with a default from the practice preferences (e.g. handout language) take it."""
        self.build()
        for tab in self._parts:
            tab.apply_preferences(preferences)

    def save_drafts(self) -> None:
        """Before locking or closing: every tab with unsaved typing saves it now."""
        for tab in self._parts:
            tab.save_draft()

    def _on_current_changed(self, index: int) -> None:
        if 0 <= index < len(self._parts):
            self._parts[index].bring_forward()

    def _note_changes(self, changes: Changes) -> None:
        self._pending = self._pending | changes

    def _on_tab_changed(self) -> None:
        if self._pending.kinds:  # the tab changed the record without redrawing the chart
            self.refresh()
        self.changed.emit()
