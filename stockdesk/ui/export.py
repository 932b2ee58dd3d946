"""Exporting the items table, as filtered and sorted, to CSV: streamed off the GUI thread with progress.

Rows are read in batches by key (`item_query.iter_rows`) and written as they come, so a million
rows never sit in memory; a progress dialog shows the count and can cancel (the partial file is
removed).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from stockdesk.services.catalogue import item_query, organisation, packs, variants
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort
from stockdesk.services.database import Database
from stockdesk.services.exchange.csv_files import csv_output
from stockdesk.services.exchange.item_tracking import tracking_of_items
from stockdesk.services.planning import store_points
from stockdesk.services.views import ItemRow
from stockdesk.ui.worker import run_cancellable

BATCH = 2_000
HEADER = (
    "SKU", "Name", "Barcode", "Unit", "Sell price", "Cost price", "Reorder point", "On hand", "Active",
    "Packs",  # read back by the import: case=12:4012345678901*; bag=5
    "Tracking", "Expiry warn days",  # read back by the import (blank warning: the category's)
    "Template", "Attributes",  # a variant's template SKU and its values: size=M; colour=Red
)


class ExportCancelled(Exception):
    """The person pressed Cancel; the partial file is gone."""


def write_items_csv(
    db: Database,
    item_filter: ItemFilter,
    path: Path,
    *,
    sort: ItemSort = ItemSort.SKU,
    descending: bool = False,
    progress: Callable[[int], None] = lambda _rows: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Write every matching row in display order; returns the number of rows written."""
    written = 0
    # Each store's own reorder point and quantity, under the headers the import reads back
    # (blank: the store follows the item's own figures).
    stores = [(store.id, store.code) for store in organisation.list_stores(db.uow(), include_inactive=True)]
    per_store = [f"{field}:{code}" for _id, code in stores for field in ("reorder_point", "reorder_qty")]
    # The shared writer makes hostile names harmless, creates the file 0600 and leaves nothing on cancel.
    with csv_output(path, bom=False) as out:
        out.writerow((*HEADER, *per_store))
        rows = item_query.iter_rows(db.uow, item_filter, sort=sort, descending=descending, batch=BATCH)
        for batch in batched(rows, BATCH):
            points = store_points.overrides_of_items(db.uow(), (row.id for row in batch))
            pack_cells = packs.pack_cells_of_items(db.uow(), (row.id for row in batch))
            tracked = tracking_of_items(db.uow(), (row.id for row in batch))
            variant_cells = variants.variant_cells_of_items(db.uow(), (row.id for row in batch))
            for row in batch:
                tracking, warn_days = tracked.get(row.id, ("none", None))
                out.writerow((row.sku, row.name, row.barcode, row.unit, row.sell_price, row.cost_price,
                              row.reorder_point, row.on_hand, "yes" if row.active else "no",
                              pack_cells.get(row.id, ""), tracking, "" if warn_days is None else warn_days,
                              *variant_cells.get(row.id, ("", "")),
                              *_store_cells(points, row.id, stores)))
            written += len(batch)
            if cancelled():
                raise ExportCancelled
            progress(written)
    progress(written)
    return written


def batched(rows: Iterable[ItemRow], size: int) -> Iterator[list[ItemRow]]:
    """`rows` in lists of `size` (itertools.batched arrives with Python 3.12)."""
    source = iter(rows)
    while chunk := list(islice(source, size)):
        yield chunk


def _store_cells(
    points: Mapping[tuple[uuid.UUID, uuid.UUID], store_points.StorePoint],
    item_id: uuid.UUID,
    stores: Sequence[tuple[uuid.UUID, str]],
) -> list[object]:
    cells: list[object] = []
    for store_id, _code in stores:
        point = points.get((item_id, store_id))
        cells += ["", ""] if point is None else [point.reorder_point, point.reorder_qty]
    return cells


class ItemsExport(QObject):
    """One export with its progress dialog; `finished(rows)` or `failed(error)` at the end."""

    finished = Signal(int)
    failed = Signal(object)

    def __init__(self, parent: QWidget, db: Database, item_filter: ItemFilter, path: Path, *,
                 sort: ItemSort, descending: bool, expected_rows: int) -> None:
        super().__init__(parent)
        self.path = path
        self.dialog = QProgressDialog(self.tr("Exporting {path}…").format(path=path.name), self.tr("Cancel"),
                                      0, max(expected_rows, 1), parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # a small export finishes before the dialog would flash
        self.job = run_cancellable(
            lambda control: write_items_csv(db, item_filter, path, sort=sort, descending=descending,
                                            progress=control.report, cancelled=control.cancelled),
            on_finished=self._done,
            on_failed=self._error,
            on_progress=self.dialog.setValue,
        )
        self.dialog.canceled.connect(self.job.control.cancel)

    def _done(self, rows: int) -> None:
        self.dialog.reset()
        self.finished.emit(rows)

    def _error(self, error: BaseException) -> None:
        self.dialog.reset()
        self.failed.emit(error)
