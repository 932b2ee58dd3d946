"""Table models for the management screens: a short list held whole, or a long one read by keyset.

`RowsModel` shows plain rows (service dataclasses) through a column spec. `KeysetModel` starts with
one page and asks for the next (`fetchMore`) when the view scrolls near the end, continuing after
the last row's key, so the ledger's millions of lines never load at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from stockdesk.domain.errors import StockDeskError
from stockdesk.ui.i18n import error_text

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    numeric: bool = False


class RowsModel(QAbstractTableModel):
    """Rows held in a list; `set_rows` replaces them (wrapped in a reset)."""

    def __init__(self, columns: Sequence[Column], parent: Any = None, *, context: str = "RowsModel") -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._context = context
        self._rows: list[Any] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Rows held (a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The spec's columns."""
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Translated column titles."""
        horizontal = orientation is Qt.Orientation.Horizontal and 0 <= section < len(self.columns)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self._context, self.columns[section].title)
        if horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(self.columns[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, alignment and the row object (ROW_ROLE)."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        return None

    @staticmethod
    def _alignment(column: Column) -> Qt.AlignmentFlag:
        side = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
        return side | Qt.AlignmentFlag.AlignVCenter

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        try:
            self._rows = list(rows)
        finally:
            self.endResetModel()

    def take_rows(self, rows: list[Any]) -> list[Any]:
        """Show `rows` itself, not a copy, and hand back the list shown before, for the caller to free.

        For a list of a million lines: a copy, and freeing the old one, touch every line (a reference
        count each, spread over gigabytes), 15-25 ms of the GUI thread at 568,000 lines."""
        self.beginResetModel()
        try:
            old, self._rows = self._rows, rows
        finally:
            self.endResetModel()
        return old

    def row(self, number: int) -> Any:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def rows(self) -> list[Any]:
        return list(self._rows)


class KeysetModel(RowsModel):
    """`fetch(before_key, limit)` returns the rows after `before_key` (None: the first page)."""

    def __init__(
        self,
        columns: Sequence[Column],
        fetch: Callable[[Any, int], list[Any]],
        parent: Any = None,
        *,
        page_size: int = 200,
        context: str = "KeysetModel",
    ) -> None:
        super().__init__(columns, parent, context=context)
        self._fetch = fetch
        self._page_size = page_size
        self._exhausted = False
        self.page_loads = 0
        self.last_error = ""

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        """More rows may follow until a short page has come back."""
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        """Append the next page, continuing after the last row's key."""
        if parent.isValid() or self._exhausted:
            return
        before = self._rows[-1].key if self._rows else None
        try:
            page = self._fetch(before, self._page_size)
        except StockDeskError as error:  # e.g. refused: a Qt override must not raise, so keep it to show
            self.last_error = error_text(error)
            self._exhausted = True
            return
        self.page_loads += 1
        self._exhausted = len(page) < self._page_size
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def reload(self, fetch: Callable[[Any, int], list[Any]] | None = None) -> None:
        """Start again from the first page (after a write, or with a new filter)."""
        self.beginResetModel()
        try:
            self._fetch = fetch or self._fetch
            self._rows = []
            self._exhausted = False
            self.last_error = ""
        finally:
            self.endResetModel()
        self.fetchMore()
