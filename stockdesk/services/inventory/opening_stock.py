"""Opening stock of items an import has just created: receipts and their level rows, set-based.

A 100,000-row import brings about 180,000 opening quantities. Each is an ordinary receipt (kind
`receive`, the import's reference, the row's cost) written under the ledger's rules, but none of
them can meet an existing level row or cross a reorder point downwards from nothing, so on SQLite
they skip the general path (`ledger.post_many`, which reads, balances and converts every line in
Python): the lines go into a slim temporary table and the database writes the level rows and the
movements from it, with ids made by `new_id_hexes`. The import's capture and search blocks around
this call index and capture the new rows as they do for the general path. PostgreSQL keeps
`ledger.post_many` (told the items are new), where the server, not Python, is the cost.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import text

from stockdesk.db import reorder_bulk
from stockdesk.db.base import Money, Quantity, utcnow
from stockdesk.db.models import StockMovement
from stockdesk.db.scratch import scratch_table
from stockdesk.domain.ids import new_id_hexes
from stockdesk.domain.movements import MovementKind
from stockdesk.services.inventory import ledger
from stockdesk.services.inventory.postings import Posting
from stockdesk.services.uow import UnitOfWork

_LINES_NAME = "opening_stock"
_LINES = f"temp.{_LINES_NAME}"

_LEVELS = f"""
INSERT INTO stock_level (item_id, store_id, on_hand)
SELECT item_id, store_id, quantity FROM {_LINES} WHERE true ORDER BY n
ON CONFLICT (item_id, store_id) DO UPDATE SET on_hand = stock_level.on_hand + excluded.on_hand
"""

_MOVEMENTS = f"""
INSERT INTO stock_movement (id, item_id, store_id, kind, quantity, counted_quantity, unit_cost, reference,
    transfer_id, reverses_id, user_id, at, created_at, updated_at, updated_by, origin_desk, hlc, deleted)
SELECT ids.value, p.item_id, p.store_id, :kind, p.quantity, NULL, p.cost, :reference, NULL, NULL, :user,
       :now, :now, :now, :user, :desk, '', 0
FROM json_each(:ids) AS ids CROSS JOIN {_LINES} AS p ON p.n = ids.key + 1
ORDER BY p.n
"""


def post(uow: UnitOfWork, postings: Sequence[Posting], *, user_id: uuid.UUID | None) -> int:
    """Write the receipts (new items only, positive quantities); the number of movements written."""
    if not postings:
        return 0
    connection = uow.session.connection()
    if connection.dialect.name != "sqlite":
        ledger.post_many(uow, postings, user_id=user_id, allow_negative=False, views=False, new_items=True)
        return len(postings)
    dialect = connection.dialect
    quantity = Quantity.dialect_impl(dialect).bind_processor(dialect)
    money = Money.dialect_impl(dialect).bind_processor(dialect)
    stamp = StockMovement.__table__.c.at.type.dialect_impl(dialect).bind_processor(dialect)
    assert quantity is not None and money is not None and stamp is not None  # scaled integers, text
    references = {p.reference for p in postings}
    assert len(references) == 1 and all(p.kind is MovementKind.RECEIVE for p in postings)
    columns = (
        "n INTEGER PRIMARY KEY, item_id TEXT NOT NULL, store_id TEXT NOT NULL, quantity INTEGER NOT NULL,"
        " cost INTEGER"
    )
    # A file repeats its quantities and costs down the rows: each distinct one is converted once.
    quantities = {q: quantity(q) for q in {p.quantity for p in postings}}
    costs: dict[Decimal | None, object] = {
        c: None if c is None else money(c) for c in {p.unit_cost for p in postings}
    }
    stores = {store: store.id.hex for store in {p.store for p in postings}}  # by the object: no UUID hash
    with scratch_table(connection, _LINES_NAME, columns):
        connection.exec_driver_sql(
            f"INSERT INTO {_LINES} (item_id, store_id, quantity, cost) VALUES (?, ?, ?, ?)",
            [
                (
                    p.item.id.hex,
                    stores[p.store],
                    quantities[p.quantity],
                    costs[p.unit_cost],
                )
                for p in postings
            ],
        )
        with reorder_bulk.marking_of(connection, len(postings)):  # each key once, not twice a row
            connection.exec_driver_sql(_LEVELS)
            connection.execute(
                text(_MOVEMENTS),
                {
                    "kind": MovementKind.RECEIVE.value,
                    "reference": references.pop(),
                    "user": user_id.hex if user_id else None,
                    "now": stamp(utcnow()),
                    "desk": uow.desk_id,
                    "ids": json.dumps(new_id_hexes(len(postings))),
                },
            )
    return len(postings)
