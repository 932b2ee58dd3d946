"""Exporting the items, as filtered and sorted, to CSV: the columns the import reads back.

Rows are read in batches by key (`item_query.iter_rows`) and written as they come, so a million
rows never sit in memory. The window runs this off the GUI thread behind a progress dialog
(ui/export.py), `stockdesk export FILE` from the command line.

With `pictures=True` each item's picture is written once into a folder beside the CSV
(`items.csv` -> `items-pictures/<sha256>.jpg`) and its `Picture` cell names that file
(item_pictures.py); without, the column stays blank, which the import reads as "leave the picture as
it is", so an export without pictures never removes any when read back.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path

from stockdesk.services.catalogue import item_query, organisation, packs, variants
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort
from stockdesk.services.database import Database
from stockdesk.services.exchange.csv_files import csv_output
from stockdesk.services.exchange.item_pictures import PictureExport
from stockdesk.services.exchange.item_tracking import tracking_of_items
from stockdesk.services.planning import store_points
from stockdesk.services.views import ItemRow

BATCH = 2_000
HEADER = (
    "SKU", "Name", "Barcode", "Unit", "Sell price", "Cost price", "Reorder point", "On hand", "Active",
    "Packs",  # read back by the import: case=12:4012345678901*; bag=5
    "Tracking", "Expiry warn days",  # read back by the import (blank warning: the category's)
    "Template", "Attributes",  # a variant's template SKU and its values: size=M; colour=Red
    "Picture",  # items-pictures/<sha256>.jpg with pictures=True, else blank (the import leaves it alone)
)  # fmt: skip


class ExportCancelled(Exception):
    """The person pressed Cancel; the partial file is gone."""


def write_items_csv(
    db: Database,
    item_filter: ItemFilter,
    path: Path,
    *,
    sort: ItemSort = ItemSort.SKU,
    descending: bool = False,
    pictures: bool = False,
    progress: Callable[[int], None] = lambda _rows: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Write every matching row in display order; returns the number of rows written.

    `pictures`: write the items' pictures beside the CSV (`picture_folder(path)`) and name them in the
    Picture column. A cancelled or failed export removes the pictures it wrote with the CSV.
    """
    written = 0
    # Each store's own reorder point and quantity, under the headers the import reads back
    # (blank: the store follows the item's own figures).
    stores = [(store.id, store.code) for store in organisation.list_stores(db.uow(), include_inactive=True)]
    per_store = [f"{field}:{code}" for _id, code in stores for field in ("reorder_point", "reorder_qty")]
    picture_files = PictureExport(path) if pictures else None
    try:
        # The shared writer makes hostile names harmless, creates the file 0600 and leaves nothing on cancel.
        with csv_output(path, bom=False) as out:
            out.writerow((*HEADER, *per_store))
            rows = item_query.iter_rows(db.uow, item_filter, sort=sort, descending=descending, batch=BATCH)
            for batch in batched(rows, BATCH):
                points = store_points.overrides_of_items(db.uow(), (row.id for row in batch))
                pack_cells = packs.pack_cells_of_items(db.uow(), (row.id for row in batch))
                tracked = tracking_of_items(db.uow(), (row.id for row in batch))
                variant_cells = variants.variant_cells_of_items(db.uow(), (row.id for row in batch))
                picture_cells = (
                    picture_files.cells(db.uow(), (row.id for row in batch)) if picture_files else {}
                )
                for row in batch:
                    tracking, warn_days = tracked.get(row.id, ("none", None))
                    warn = "" if warn_days is None else warn_days
                    out.writerow((row.sku, row.name, row.barcode, row.unit, row.sell_price, row.cost_price,
                                  row.reorder_point, row.on_hand, "yes" if row.active else "no",
                                  pack_cells.get(row.id, ""), tracking, warn,
                                  *variant_cells.get(row.id, ("", "")), picture_cells.get(row.id, ""),
                                  *_store_cells(points, row.id, stores)))  # fmt: skip
                written += len(batch)
                if cancelled():
                    raise ExportCancelled
                progress(written)
    except BaseException:
        if picture_files is not None:
            picture_files.discard()
        raise
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
