"""What every chart tab is: shown a chart snapshot, redrawn only for changes it shows."""

from __future__ import annotations

from typing import ClassVar, Protocol

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
    _practice: Practice
    #: The snapshot shown; None when no chart is open.
    snapshot: Chart | None = None
    #: The chart view holding this tab, which reads once for every tab.
    host: ChartHost | None = None

    def show_chart(self, chart: Chart) -> None:
        raise NotImplementedError

    def present(self, chart: Chart) -> None:
        self.snapshot = chart
        self.show_chart(chart)

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
