"""Two small read-only tables for the stock panel: on hand per store, and the latest movements."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from stockdesk.services.views import MovementView, StockLevelView
from stockdesk.ui.formatting import format_money, format_quantity, format_when, kind_label

AnyIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")
Column = tuple[str, Callable[[Any], str], bool]  # header, text of a row, right-aligned


class _ListModel(QAbstractTableModel, Generic[RowT]):
    """A table over a short list of frozen views, replaced whole when the selection changes."""

    columns: tuple[Column, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Rows of the list (none under a valid parent)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The fixed columns."""
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                # Titles are marked under the concrete model's class name (QT_TRANSLATE_NOOP below).
                return QCoreApplication.translate(type(self).__name__, self.columns[section][0])
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return self._alignment(section)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text and alignment."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[index.column()][1](self._rows[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(index.column())
        return None

    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        right = self.columns[column][2]
        horizontal = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        return horizontal | Qt.AlignmentFlag.AlignVCenter

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        try:
            self._rows = list(rows)
        finally:
            self.endResetModel()

    def rows(self) -> list[RowT]:
        return list(self._rows)


def _what(movement: MovementView) -> str:
    if movement.counted_quantity is not None:
        return f"{kind_label(movement.kind)} {format_quantity(movement.counted_quantity)}"
    return kind_label(movement.kind)


class StockLevelsModel(_ListModel[StockLevelView]):
    """On hand in each active store."""

    columns = (
        (QT_TRANSLATE_NOOP("StockLevelsModel", "Store"), lambda r: f"{r.store_code} — {r.store_name}", False),
        (QT_TRANSLATE_NOOP("StockLevelsModel", "On hand"), lambda r: format_quantity(r.on_hand), True),
    )


class MovementsModel(_ListModel[MovementView]):
    """The latest movements of one item, newest first; stores shown by code."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.store_codes: dict[uuid.UUID, str] = {}
        self.columns = (
            (QT_TRANSLATE_NOOP("MovementsModel", "When"), lambda m: format_when(m.at), False),
            (
                QT_TRANSLATE_NOOP("MovementsModel", "Store"),
                lambda m: self.store_codes.get(m.store_id, "?"),
                False,
            ),
            (QT_TRANSLATE_NOOP("MovementsModel", "What"), _what, False),
            (
                QT_TRANSLATE_NOOP("MovementsModel", "Qty"),
                lambda m: format_quantity(m.quantity, signed=True),
                True,
            ),
            (QT_TRANSLATE_NOOP("MovementsModel", "Unit cost"), lambda m: format_money(m.unit_cost), True),
            (QT_TRANSLATE_NOOP("MovementsModel", "Reference"), lambda m: m.reference, False),
        )
