"""One item with its barcodes, as `catalog.get_item` gives it, read without the ORM: for a caller that
runs the reads together with its own (the API's token check) in one round trip.

Through `get_item` an API client's item page cost a worker four round trips (BEGIN, the item, its
barcodes, ROLLBACK) and the ORM's loading: 1.2 ms of server CPU an item at 16 clients, where a
look-up costs 0.5; read this way, 0.37 ms (docs/benchmarks.md, stop 47).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, select

from stockdesk.db.fast_read import FastRead, Rows
from stockdesk.db.models import Item, ItemBarcode
from stockdesk.domain.errors import NotFound
from stockdesk.domain.ids import BarcodeId, ItemId
from stockdesk.services.views import ITEM_COLUMNS, BarcodeView, ItemView

_ITEM = FastRead(
    select(*(getattr(Item, column) for column in ITEM_COLUMNS)).where(
        Item.id == bindparam("item_id"), Item.deleted.is_(False)
    )
)
# In the order `catalog.get_item` gives them.
_BARCODES = FastRead(
    select(ItemBarcode.id, ItemBarcode.code, ItemBarcode.symbology)
    .where(ItemBarcode.item_id == bindparam("item_id"), ItemBarcode.deleted.is_(False))
    .order_by(ItemBarcode.created_at)
)


def reads(item_id: ItemId) -> Sequence[tuple[FastRead, Mapping[str, Any]]]:
    """The item's row and its live barcodes; their rows go to `item_of`."""
    return [(_ITEM, {"item_id": item_id}), (_BARCODES, {"item_id": item_id})]


def item_of(item_id: ItemId, item_rows: Rows, barcode_rows: Rows) -> ItemView:
    """The ItemView `catalog.get_item` gives, or NotFound as it raises (an archived item is found)."""
    if not item_rows:
        raise NotFound("item", item_id)
    barcodes = tuple(BarcodeView(BarcodeId(row[0]), row[1], row[2]) for row in barcode_rows)
    return ItemView.of_values(item_rows[0], barcodes)
