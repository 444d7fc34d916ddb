"""What every chart tab is: shown a chart snapshot, redrawn only for changes it shows."""

from __future__ import annotations

from typing import ClassVar, Protocol

from PySide6.QtWidgets import QWidget

from practice_desk.domain.changes import Change
from practice_desk.domain.preferences import Preferences
from practice_desk.practice import Practice
from practice_desk.practice.chart import Chart


class ChartTab(Protocol):
    """The interface the chart view uses; ``ChartTabBase`` gives the optional parts."""

    #: The kinds of record this tab shows: a change to another kind does not redraw it.
    concerns: ClassVar[frozenset[Change]]

    def show_chart(self, chart: Chart) -> None:
        """Show this snapshot (the same patient again keeps what the user chose)."""

    def clear(self) -> None:
        """Forget the patient (the practice locked, or no chart is open)."""

    def apply_role(self, prescriber: bool) -> None: ...

    def apply_preferences(self, preferences: Preferences) -> None: ...

    def save_draft(self) -> bool:
        """Before locking or closing: keep what is typed and not yet saved (False when
        something could not be)."""


class ChartHost(Protocol):
    def refresh(self) -> None:
        """Read the open chart again and redraw the tabs the changes since concern."""


class ChartTabBase:
    """Defaults for a chart tab; mixed into the tab's widget class (after it)."""

    concerns: ClassVar[frozenset[Change]] = frozenset(Change)
    #: A tab behind another (in a window on screen) draws a new chart when it is brought
    #: forward, not before; tabs that hold typing for the previous patient say False.
    defer_when_hidden: ClassVar[bool] = True
    _practice: Practice
    _deferred = False
    #: The snapshot shown; None when no chart is open.
    snapshot: Chart | None = None
    #: The chart view holding this tab, which reads once for every tab.
    host: ChartHost | None = None

    def show_chart(self, chart: Chart) -> None:
        raise NotImplementedError

    def present(self, chart: Chart) -> None:
        self.snapshot = chart
        widget = self if isinstance(self, QWidget) else None
        if (
            self.defer_when_hidden
            and widget is not None
            and widget.window().isVisible()
            and not widget.isVisible()
        ):
            self._deferred = True  # drawn when brought forward (bring_forward)
            return
        self._deferred = False
        self.show_chart(chart)

    def bring_forward(self) -> None:
        """The tab is now the one shown: draw the chart it was handed while behind."""
        if self._deferred and self.snapshot is not None:
            self._deferred = False
            self.show_chart(self.snapshot)

    def show_patient(self, patient_id: int) -> None:
        """Open a patient in this tab alone (in the chart view, the view does this)."""
        self.present(self._practice.chart(patient_id))

    def refresh(self) -> None:
        """After this tab changed the record: the chart (or this tab alone) reads again."""
        if self.host is not None:
            self.host.refresh()
        elif self.snapshot is not None:
            self.present(self._practice.chart(self.snapshot.patient_id, audit=False))

    def forget(self) -> None:
        self._deferred = False
        self.snapshot = None
        self.clear()

    def clear(self) -> None:
        raise NotImplementedError

    def apply_role(self, prescriber: bool) -> None:
        pass

    def apply_preferences(self, preferences: Preferences) -> None:
        pass

    def save_draft(self) -> bool:
        return True
