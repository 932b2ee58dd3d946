"""The items table: a count and a small cache of pages, filtered and sorted in SQL."""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from stockdesk.services import item_query
from stockdesk.services.database import Database
from stockdesk.services.item_query import ItemFilter, ItemSort
from stockdesk.services.views import ItemRow
from stockdesk.ui.formatting import format_money, format_quantity

PAGE_SIZE = 200
MAX_PAGES = 20  # ~4,000 rows in memory whatever the catalogue size
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LOW_STOCK_COLOUR = "#b00020"

AnyIndex = QModelIndex | QPersistentModelIndex


# (header, how to show a row, SQL sort key or None when the column cannot be sorted on)
COLUMNS: tuple[tuple[str, Callable[[ItemRow], str], ItemSort | None], ...] = (
    ("SKU", lambda r: r.sku, ItemSort.SKU),
    ("Name", lambda r: r.name, ItemSort.NAME),
    ("Barcode", lambda r: r.barcode, None),
    ("Unit", lambda r: r.unit, None),
    ("Sell price", lambda r: format_money(r.sell_price, grouped=True), ItemSort.SELL_PRICE),
    ("Cost price", lambda r: format_money(r.cost_price, grouped=True), ItemSort.COST_PRICE),
    ("Reorder point", lambda r: format_quantity(r.reorder_point), ItemSort.REORDER_POINT),
    ("On hand", lambda r: format_quantity(r.on_hand), ItemSort.ON_HAND),
)
NUMERIC_COLUMNS = frozenset(range(4, 8))
ON_HAND_COLUMN = 7


class ItemsModel(QAbstractTableModel):
    """Rows come from `item_query.item_page` a page at a time, only for the rows a view asks for."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = ItemFilter()
        self._sort = ItemSort.SKU
        self._descending = False
        self._pages: OrderedDict[int, list[ItemRow]] = OrderedDict()
        self._count = item_query.count_items(db.uow(), self._filter)
        self.page_loads = 0  # how many pages were read, so tests can see the cache work

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Rows that match the filter (none under a valid parent: this is a flat table)."""
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The fixed columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles; row numbers are not shown."""
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0] if 0 <= section < len(COLUMNS) else None
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, alignment, the item id (ITEM_ID_ROLE) and a dim colour for archived items."""
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](row)
        if role == ITEM_ID_ROLE:
            return str(row.id)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return _colour(row, index.column())
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL on the column's key; columns without one keep the current order."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column][2] is None:
            return
        key = COLUMNS[column][2]
        assert key is not None
        self._sort = key
        self._descending = order is Qt.SortOrder.DescendingOrder
        self.refresh()

    # own API -----------------------------------------------------------------------------------

    @property
    def sort_column(self) -> int:
        return next(i for i, column in enumerate(COLUMNS) if column[2] is self._sort)

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    @property
    def filter_text(self) -> str:
        return self._filter.text

    def set_filter_text(self, text: str) -> None:
        if text != self._filter.text:
            self._filter = ItemFilter(text=text, include_archived=self._filter.include_archived)
            self.refresh()

    def set_include_archived(self, include: bool) -> None:
        if include != self._filter.include_archived:
            self._filter = ItemFilter(text=self._filter.text, include_archived=include)
            self.refresh()

    def refresh(self) -> None:
        """Forget every cached page and recount: call after any write."""
        self.beginResetModel()
        try:
            self._pages.clear()
            self._count = item_query.count_items(self._db.uow(), self._filter)
        finally:
            self.endResetModel()

    def row_at(self, row: int) -> ItemRow | None:
        """The row's item, reading its page if it is not cached (oldest page dropped beyond MAX_PAGES)."""
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = item_query.item_page(
                self._db.uow(),
                self._filter,
                sort=self._sort,
                descending=self._descending,
                offset=number * PAGE_SIZE,
                limit=PAGE_SIZE,
            )
            self.page_loads += 1
            self._pages[number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def item_id(self, row: int) -> uuid.UUID | None:
        item = self.row_at(row) if 0 <= row < self._count else None
        return item.id if item is not None else None

    def find_row(self, item_id: uuid.UUID, *, hint: int = 0) -> int | None:
        """The row showing `item_id`, looking at the hinted row's page first, then the cached ones."""
        if 0 <= hint < self._count:
            self.row_at(hint)
        for number, page in list(self._pages.items()):
            for offset, row in enumerate(page):
                if row.id == item_id:
                    return number * PAGE_SIZE + offset
        return None

    def on_hand(self, row: int) -> Decimal | None:
        item = self.row_at(row) if 0 <= row < self._count else None
        return item.on_hand if item is not None else None


def _colour(row: ItemRow, column: int) -> QColor | None:
    """Grey for archived items; the on-hand figure red once it is at or below the reorder point."""
    if not row.active:
        return QColor(Qt.GlobalColor.gray)
    if column == ON_HAND_COLUMN and row.reorder_point > 0 and row.on_hand <= row.reorder_point:
        return QColor(LOW_STOCK_COLOUR)
    return None


def _alignment(column: int) -> Qt.AlignmentFlag:
    horizontal = Qt.AlignmentFlag.AlignRight if column in NUMERIC_COLUMNS else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter
