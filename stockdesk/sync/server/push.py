"""Settling stock after a pushed batch: negative on-hand after the merge opens a review.

A serial number sold (or received) on two offline desks opens a review that names it: its lot is at -1
in a store (or above one unit in all stores together), which the item's level in the store may not
show at all when other units are on hand.

The push itself is `http_side.push_checked` (apply the checked changes once, log them, settle).
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import select, text, tuple_

from stockdesk.db.sync_models import SyncReview
from stockdesk.sync.conflicts import SERIAL_IN_STOCK_TWICE, SERIAL_SOLD_TWICE
from stockdesk.sync.server.batch import ServerBatch


def settle_levels(batch: ServerBatch) -> None:
    """Negative stock after the merge opens one review per place (the levels were added to by the
    movements' own insert statement, see pgcopy.insert_json)."""
    # Serials first: where a serial explains a negative level, its review is the one that says why.
    settle_serials(batch)
    negative = {key: on_hand for key, on_hand in batch.levels.items() if on_hand < 0}
    if not negative:
        return
    review = SyncReview.__table__
    open_keys = set(
        batch.connection.execute(
            select(review.c.item_id, review.c.store_id).where(
                review.c.status == "open", tuple_(review.c.item_id, review.c.store_id).in_(list(negative))
            )
        ).tuples()
    )
    for (item_id, store_id), on_hand in sorted(negative.items()):
        if (item_id, store_id) in open_keys:
            continue
        batch.insert_row(
            "sync_review",
            {
                "item_id": item_id,
                "store_id": store_id,
                "on_hand": on_hand,
                "status": "open",
                "note": "stock went below zero when offline desks' movements were merged",
            },
        )
        batch.reviews += 1


# The serial-tracked lots of the batch's items that are not where a serial can be: below zero in a
# store, or more than one unit in all stores together. A push holds at most PUSH_BATCH changes, so the
# item ids fit one array parameter; untracked items drop out at the join with `item`.
_SERIAL_PLACES = text(
    "SELECT sp.item_id, sp.store_id, sp.on_hand, sum(sp.on_hand) OVER (PARTITION BY sp.lot_id), "
    "l.code, i.sku FROM stock_place sp JOIN item i ON i.id = sp.item_id JOIN lot l ON l.id = sp.lot_id "
    "WHERE sp.item_id = ANY(:items) AND i.tracking = 'serial' AND sp.on_hand <> 0 "
    "ORDER BY l.code, sp.on_hand, sp.store_id"
)



def settle_serials(batch: ServerBatch) -> None:
    """One review per serial found twice (or sold twice) after the merge, unless one is open for it."""
    items = sorted({item for item, _store in batch.levels})
    if not items:
        return
    found: dict[tuple[uuid.UUID, str], tuple[uuid.UUID, Decimal]] = {}
    for item, store, on_hand, total, serial, sku in batch.connection.execute(
        _SERIAL_PLACES, {"items": items}
    ):
        if on_hand < 0:
            note = SERIAL_SOLD_TWICE.format(serial=serial, sku=sku)
            found.setdefault((item, note), (store, on_hand))
        elif total > 1:
            note = SERIAL_IN_STOCK_TWICE.format(serial=serial, sku=sku)
            found.setdefault((item, note), (store, total))
    if not found:
        return
    review = SyncReview.__table__
    open_notes = set(
        batch.connection.execute(
            select(review.c.item_id, review.c.note).where(
                review.c.status == "open", review.c.item_id.in_({item for item, _note in found})
            )
        ).tuples()
    )
    for (item, note), (store, on_hand) in sorted(found.items(), key=lambda kv: kv[0][1]):
        if (item, note) in open_notes:
            continue
        batch.insert_row(
            "sync_review",
            {"item_id": item, "store_id": store, "on_hand": on_hand, "status": "open", "note": note},
        )
        batch.reviews += 1
