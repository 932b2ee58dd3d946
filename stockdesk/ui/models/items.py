"""The items table: a first page at once, then the ordered row keys off the GUI thread.

A filter or sort change reads only the first page (an index walk with LIMIT: a few ms at a million
items) so the table paints at once. If the page is full, the ordered keys of every matching row are
read on the thread pool; when they arrive the rest of the rows are inserted (count exact, scrollbar
true to size). Any other page is then read by its keys (`rows_by_keys`), so row 500,000 costs the
same as row 200. At most MAX_PAGES pages of rows are kept.

The last column shows the item's picture. Thumbnails are asked for only when a view paints a row
(DecorationRole): the ids wanted are gathered for one event-loop turn and read in one query on the
thread pool (services.catalogue.pictures.thumbnails), so neither the first page nor any page read
costs a picture look-up, and no row ever queries on the GUI thread.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QImage
from shiboken6 import isValid

from stockdesk.services.catalogue import item_query, pictures
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort, Keys
from stockdesk.services.database import Database
from stockdesk.services.views import ItemRow
from stockdesk.ui.formatting import format_money, format_quantity
from stockdesk.ui.memory import release_freed_memory
from stockdesk.ui.worker import run_in_background

PAGE_SIZE = 100
BACKGROUND_DELAY_MS = 40
MAX_PAGES = 40  # ~4,000 rows in memory whatever the catalogue size
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LOW_STOCK_COLOUR = "#b00020"
THUMB_SIDE = 24  # fits the table's default row height
MAX_THUMBS = 2000  # thumbnails kept (None for "no picture" too), oldest dropped first

AnyIndex = QModelIndex | QPersistentModelIndex
Runner = Callable[[Callable[[], Any], Callable[[Any], None]], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ItemsModel", text)


def _read_keys(db: Database, item_filter: ItemFilter, sort: ItemSort, descending: bool) -> Keys:
    """The ordered keys (on a pool thread), then the read's freed cache pages back to the system."""
    keys = item_query.sorted_keys(db.uow(), item_filter, sort=sort, descending=descending)
    release_freed_memory()
    return keys


def _read_thumbnails(db: Database, ids: list[uuid.UUID]) -> dict[uuid.UUID, QImage]:
    """On a pool thread: the pictures of those of `ids` that have one, scaled for a table row."""
    found: dict[uuid.UUID, QImage] = {}
    for item_id, png in pictures.thumbnails(db.uow(), ids).items():
        image = QImage.fromData(png)
        if not image.isNull():
            fit, smooth = Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            found[item_id] = image.scaled(THUMB_SIDE, THUMB_SIDE, fit, smooth)
    return found


# (header, how to show a row, SQL sort key): every column sorts in SQL on an index
COLUMNS: tuple[tuple[str, Callable[[ItemRow], str], ItemSort], ...] = (
    (QT_TRANSLATE_NOOP("ItemsModel", "SKU"), lambda r: r.sku, ItemSort.SKU),
    (QT_TRANSLATE_NOOP("ItemsModel", "Name"), lambda r: r.name, ItemSort.NAME),
    (QT_TRANSLATE_NOOP("ItemsModel", "Barcode"), lambda r: r.barcode, ItemSort.BARCODE),
    (QT_TRANSLATE_NOOP("ItemsModel", "Unit"), lambda r: r.unit, ItemSort.UNIT),
    (
        QT_TRANSLATE_NOOP("ItemsModel", "Sell price"),
        lambda r: format_money(r.sell_price, grouped=True),
        ItemSort.SELL_PRICE,
    ),
    (
        QT_TRANSLATE_NOOP("ItemsModel", "Cost price"),
        lambda r: format_money(r.cost_price, grouped=True),
        ItemSort.COST_PRICE,
    ),
    (
        QT_TRANSLATE_NOOP("ItemsModel", "Reorder point"),
        lambda r: format_quantity(r.reorder_point),
        ItemSort.REORDER_POINT,
    ),
    (QT_TRANSLATE_NOOP("ItemsModel", "On hand"), lambda r: format_quantity(r.on_hand), ItemSort.ON_HAND),
)
NUMERIC_COLUMNS = frozenset(range(4, 8))
ON_HAND_COLUMN = 7
PICTURE_COLUMN = len(COLUMNS)  # after the text columns; it does not sort
PICTURE_HEADER = QT_TRANSLATE_NOOP("ItemsModel", "Picture")


def background_runner(function: Callable[[], Any], on_finished: Callable[[Any], None]) -> None:
    """Run on the thread pool; a failed key read leaves the table at its first page (shown, not lost)."""
    run_in_background(function, on_finished=on_finished, on_failed=lambda _error: None)


def immediate_runner(function: Callable[[], Any], on_finished: Callable[[Any], None]) -> None:
    """Run at once on the calling thread (tests, exports that already run off the GUI thread)."""
    on_finished(function())


class ItemsModel(QAbstractTableModel):
    """Rows come a page at a time, only for the rows a view asks for."""

    count_changed = Signal(int, int)  # rows matching the filter (-1 while counting), all items

    def __init__(self, db: Database, parent: Any = None, *, runner: Runner = background_runner) -> None:
        super().__init__(parent)
        self._db = db
        self._run = runner
        self._filter = ItemFilter()
        self._sort = ItemSort.SKU
        self._descending = False
        self._pages: OrderedDict[int, list[ItemRow]] = OrderedDict()
        self._keys: Keys | None = None
        self._count = 0
        self._complete = True
        self._generation = 0
        self.total = -1
        self.page_loads = 0  # how many pages were read, so tests can see the cache work
        self._thumbs: OrderedDict[uuid.UUID, QImage | None] = OrderedDict()
        self._wanted: set[uuid.UUID] = set()
        self._in_flight: set[uuid.UUID] = set()  # asked for, not arrived: a repaint does not ask again
        self._asking = False
        self._thumb_epoch = 0  # bumped when pictures may have changed: late answers are dropped
        self.thumbnail_reads = 0  # how many thumbnail queries ran, so tests can see the batching
        self._load_first_page()

    # Qt overrides ------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Rows known so far (none under a valid parent: this is a flat table)."""
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The fixed columns."""
        return 0 if parent.isValid() else len(COLUMNS) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles; row numbers are not shown."""
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == PICTURE_COLUMN:
                return _tr(PICTURE_HEADER)
            return _tr(COLUMNS[section][0]) if 0 <= section < len(COLUMNS) else None
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, alignment, the item id (ITEM_ID_ROLE) and colours for archived and low items."""
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        if role not in _ROLES:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if index.column() == PICTURE_COLUMN:
            if role == Qt.ItemDataRole.DecorationRole:
                return self._thumbnail(row.id)
            return str(row.id) if role == ITEM_ID_ROLE else None
        if role == Qt.ItemDataRole.DecorationRole:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](row)
        if role == ITEM_ID_ROLE:
            return str(row.id)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(index.column())
        return _colour(row, index.column())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL on the column's index."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = COLUMNS[column][2]
        self._descending = order is Qt.SortOrder.DescendingOrder
        self.refresh(recount_all=False)

    # own API -----------------------------------------------------------------------------------

    @property
    def sort_column(self) -> int:
        return next(i for i, column in enumerate(COLUMNS) if column[2] is self._sort)

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    @property
    def sort_key(self) -> tuple[ItemSort, bool]:
        return self._sort, self._descending

    @property
    def item_filter(self) -> ItemFilter:
        return self._filter

    @property
    def filter_text(self) -> str:
        return self._filter.text

    @property
    def is_complete(self) -> bool:
        """True once the count is exact (the keys of a long list have arrived)."""
        return self._complete

    def set_filter(self, item_filter: ItemFilter) -> None:
        if item_filter != self._filter:
            self._filter = item_filter
            self.refresh(recount_all=False)

    def set_filter_text(self, text: str) -> None:
        self.set_filter(replace(self._filter, text=text))

    def set_include_archived(self, include: bool) -> None:
        self.set_filter(replace(self._filter, include_archived=include))

    def refresh(self, *, recount_all: bool = True) -> None:
        """Forget every cached page and read the first one again: call after any write."""
        self._forget_thumbnails()
        self.beginResetModel()
        try:
            self._load_first_page(recount_all=recount_all)
        finally:
            self.endResetModel()
        self.emit_count()

    def _load_first_page(self, *, recount_all: bool = True) -> None:
        self._generation += 1
        self._pages.clear()
        self._keys = None
        first = item_query.item_page(
            self._db.uow(), self._filter, sort=self._sort, descending=self._descending, limit=PAGE_SIZE + 1
        )
        self._pages[0] = first[:PAGE_SIZE]
        self._count = min(len(first), PAGE_SIZE)
        self._complete = len(first) <= PAGE_SIZE
        generation, db, item_filter = self._generation, self._db, self._filter
        sort, descending = self.sort_key
        jobs: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []
        if not self._complete:
            jobs.append((
                lambda: _read_keys(db, item_filter, sort, descending),
                lambda keys: self._keys_arrived(generation, keys),
            ))
        if recount_all:
            jobs.append((lambda: item_query.total_items(db.uow()), self._total_arrived))
        # Start the background reads only after the first page has been painted: a pool thread
        # turning a million keys into Python ints holds the GIL and would slow that paint.
        QTimer.singleShot(BACKGROUND_DELAY_MS, self, lambda: [self._run(*job) for job in jobs])

    def _keys_arrived(self, generation: int, keys: Keys) -> None:
        # Dropped when the filter changed while they were read, or the model is gone.
        if not isValid(self) or generation != self._generation:
            return
        self._keys = keys
        if len(keys) > self._count:
            self.beginInsertRows(QModelIndex(), self._count, len(keys) - 1)
            self._count = len(keys)
            self.endInsertRows()
        self._complete = True
        self.emit_count()

    def _total_arrived(self, total: int) -> None:
        if isValid(self):
            self.total = total
            self.emit_count()

    def invalidate(self) -> None:
        """Re-read the rows in view after a write elsewhere, keeping the scroll position.

        A long list keeps its keys (and count) and only drops its cached pages; a short one is read
        again whole. A changed count under a filter shows on the next filter change or refresh.
        """
        if self._keys is None:
            self.refresh(recount_all=True)
            return
        self._pages.clear()
        self._forget_thumbnails()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, PICTURE_COLUMN))

    # thumbnails ----------------------------------------------------------------------------------

    def _thumbnail(self, item_id: uuid.UUID) -> QImage | None:
        if item_id in self._thumbs:
            self._thumbs.move_to_end(item_id)
            return self._thumbs[item_id]
        if item_id in self._in_flight:
            return None
        self._wanted.add(item_id)
        if not self._asking:
            self._asking = True
            # One read for every row painted in this turn of the event loop, not one per row.
            QTimer.singleShot(0, self, self._ask_thumbnails)
        return None

    def _ask_thumbnails(self) -> None:
        ids = list(self._wanted)
        self._wanted.clear()
        self._in_flight.update(ids)
        if not ids:
            self._asking = False
            return
        db, epoch = self._db, self._thumb_epoch
        self.thumbnail_reads += 1
        self._run(
            lambda: _read_thumbnails(db, ids), lambda found: self._thumbnails_arrived(epoch, ids, found)
        )

    def _thumbnails_arrived(self, epoch: int, ids: list[uuid.UUID], found: dict[uuid.UUID, QImage]) -> None:
        if not isValid(self):
            return
        self._asking = False
        self._in_flight.difference_update(ids)
        if epoch == self._thumb_epoch:
            for item_id in ids:
                self._thumbs[item_id] = found.get(item_id)
            while len(self._thumbs) > MAX_THUMBS:
                self._thumbs.popitem(last=False)
        if self._count:  # a stale answer too: the rows it was for ask again when repainted
            column = (self.index(0, PICTURE_COLUMN), self.index(self._count - 1, PICTURE_COLUMN))
            self.dataChanged.emit(*column, [Qt.ItemDataRole.DecorationRole])
        if self._wanted:
            self._asking = True
            QTimer.singleShot(0, self, self._ask_thumbnails)

    def _forget_thumbnails(self) -> None:
        self._thumbs.clear()
        self._thumb_epoch += 1

    def has_thumbnail(self, row: int) -> bool:
        """True once the row's picture has arrived (tests; the view just repaints)."""
        item_id = self.item_id(row)
        return item_id is not None and self._thumbs.get(item_id) is not None

    def emit_count(self) -> None:
        self.count_changed.emit(self._count if self._complete else -1, self.total)

    def row_at(self, row: int) -> ItemRow | None:
        """The row's item, reading its page if it is not cached (oldest page dropped beyond MAX_PAGES)."""
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            if self._keys is None:
                return None
            keys = self._keys[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
            page = item_query.rows_by_keys(self._db.uow(), self._filter, keys)
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


_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    ITEM_ID_ROLE,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole,
})


def _colour(row: ItemRow, column: int) -> QColor | None:
    """Grey for archived items; the on-hand figure red once it is at or below the reorder point."""
    if not row.active:
        return QColor(Qt.GlobalColor.gray)
    # In one store's list the on-hand is that store's, judged by the point that applies there, as the
    # low-stock filter and the alerts judge it.
    point = row.reorder_point if row.store_point is None else row.store_point
    if column == ON_HAND_COLUMN and point > 0 and row.on_hand <= point:
        return QColor(LOW_STOCK_COLOUR)
    return None


def _alignment(column: int) -> Qt.AlignmentFlag:
    if column == PICTURE_COLUMN:
        return Qt.AlignmentFlag.AlignCenter
    horizontal = Qt.AlignmentFlag.AlignRight if column in NUMERIC_COLUMNS else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter
