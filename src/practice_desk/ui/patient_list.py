"""The patient list: a model over the ids of one search, with rows fetched as they show."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from practice_desk.domain.patients import PatientSummary
from practice_desk.practice import Practice
from practice_desk.ui.i18n import long_date

_CHUNK = 100
_Index = QModelIndex | QPersistentModelIndex


class PatientListModel(QAbstractTableModel):
    """Holds only the ids of the current search; summaries are cached in chunks on demand."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, practice: Practice, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._practice = practice
        self._ids: list[int] = []
        self._rows: dict[int, PatientSummary] = {}
        self._headers = [self.tr("Name"), self.tr("Born"), self.tr("Chart"), self.tr("Phone")]

    def search(self, text: str) -> None:
        self.beginResetModel()
        self._ids = self._practice.find_patient_ids(text, limit=1_000_000)
        self._rows.clear()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._ids, self._rows = [], {}
        self.endResetModel()

    def patient_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        patient_id = self._ids[index.row()]
        if role == self.ID_ROLE:
            return patient_id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        return (row.display_name, long_date(row.date_of_birth), row.chart_number, row.phone or "")[
            index.column()
        ]

    def _row(self, position: int) -> PatientSummary | None:
        patient_id = self._ids[position]
        if patient_id not in self._rows:
            start = position - position % _CHUNK
            chunk = self._ids[start : start + _CHUNK]
            for summary in self._practice.patient_summaries(chunk):
                self._rows[summary.id] = summary
        return self._rows.get(patient_id)
