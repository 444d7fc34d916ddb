"""The prescription log: every prescription of a patient with what happened to it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from practice_desk.ui.i18n import QT_TRANSLATE_NOOP, fill, long_date
from practice_desk.ui.table_model import RowsModel

#: What happened to a prescription, as the log's Events column reads.
_EVENTS = {
    "written": QT_TRANSLATE_NOOP("RxLogModel", "written"),
    "printed": QT_TRANSLATE_NOOP("RxLogModel", "printed"),
    "reprinted": QT_TRANSLATE_NOOP("RxLogModel", "reprinted"),
    "voided": QT_TRANSLATE_NOOP("RxLogModel", "voided"),
}


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{long_date(local)} {local:%H:%M}"


class RxLogModel(RowsModel):
    """Every prescription of the patient, newest first, with what happened to it."""

    SERIAL_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                self.tr("Rx #"),
                self.tr("Issued"),
                self.tr("Medication"),
                self.tr("Quantity"),
                self.tr("Status"),
                self.tr("Events"),
            ],
            parent,
        )

    def set_log(self, rows: list[tuple[Any, list[Any]]]) -> None:
        """(StoredRx, [RxEvent]) pairs."""
        self.set_rows(rows)

    def serial(self, row: int) -> int | None:
        return self.row_item(row)[0].serial if 0 <= row < self.rowCount() else None

    def _cells(self, row: Any) -> tuple[str, ...]:
        stored, events = row
        return tuple(self._text(stored, events, column) for column in range(6))

    def _extra(self, row: Any, column: int, role: int) -> Any:
        stored, events = row
        if role == self.SERIAL_ROLE:
            return stored.serial
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return self._text(stored, events, 5).replace("; ", "\n")
        if role == Qt.ItemDataRole.ForegroundRole and stored.status == "voided":
            return QBrush(QColor("#8a0000"))
        return None

    def _text(self, stored: Any, events: list[Any], column: int) -> str:
        rx = stored.rx
        if column == 0:
            return f"{stored.serial:06d}"
        if column == 1:
            series = (
                fill(self.tr(" (%1 of %2)"), rx.series_index, rx.series_total)
                if rx.series_total > 1
                else ""
            )
            return long_date(rx.issued) + series
        if column == 2:
            schedule = f" (C-{rx.schedule})" if rx.schedule else ""
            return f"{rx.drug} {rx.strength} {rx.form}{schedule}"
        if column == 3:
            return fill(
                self.tr("%1 %2 · %3 days · refills: %4"),
                f"{rx.quantity:g}",
                rx.quantity_unit,
                rx.days_supply,
                rx.refills,
            )
        if column == 4:
            if stored.status == "voided":
                why = next((e.note for e in reversed(events) if e.kind == "voided"), "")
                return self.tr("VOIDED") + (f": {why}" if why else "")
            words = {"written": self.tr("written, not printed"), "printed": self.tr("printed")}
            return words.get(str(stored.status), str(stored.status))
        return "; ".join(
            f"{self.tr(_EVENTS.get(e.kind, e.kind))} {_when(e.at)}"
            + (f" ({e.note})" if e.note else "")
            for e in events
        )
