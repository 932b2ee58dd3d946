"""The server side of a push: apply a batch of desk changes once, log them, settle stock.

Runs inside one server transaction opened by the desk (connected as its own PostgreSQL role; the
change_log trigger stamps and checks the desk from the connection, so a desk cannot log changes
as another desk).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import Connection, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert

from stockdesk.db.models import StockLevel
from stockdesk.db.sync_models import SyncReview
from stockdesk.sync.changes import Change, runs
from stockdesk.sync.server_batch import Key, PushResult, ServerBatch
from stockdesk.sync.server_inserts import apply_inserts
from stockdesk.sync.server_updates import apply_updates


def push_changes(connection: Connection, desk_id: str, changes: Sequence[Change]) -> PushResult:
    """Apply the changes not seen before, in their order; the caller commits."""
    batch = ServerBatch(connection, desk_id)
    batch.begin()
    fresh = batch.new_changes(changes)
    for run in runs(fresh):
        if run[0].op == "I":
            apply_inserts(batch, run)
        else:
            apply_updates(batch, run)
    _settle_levels(batch)
    batch.write_log()
    return PushResult(len(fresh), len(changes) - len(fresh), batch.conflicts, batch.reviews, batch.last_seq)


def _settle_levels(batch: ServerBatch) -> None:
    """Add pulled-in movements to the server's levels; negative stock opens one review per place."""
    if not batch.deltas:
        return
    level = StockLevel.__table__
    statement = pg_insert(level)
    batch.connection.execute(
        statement.on_conflict_do_update(
            index_elements=["item_id", "store_id"],
            set_={"on_hand": level.c.on_hand + statement.excluded.on_hand},
        ),
        [{"item_id": i, "store_id": s, "on_hand": d} for (i, s), d in sorted(batch.deltas.items())],
    )
    negative = _negative_levels(batch, sorted(batch.deltas))
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


def _negative_levels(batch: ServerBatch, keys: list[Key]) -> dict[Key, Decimal]:
    level = StockLevel.__table__
    found: dict[Key, Decimal] = {}
    for start in range(0, len(keys), 1000):
        query = select(level.c.item_id, level.c.store_id, level.c.on_hand).where(
            tuple_(level.c.item_id, level.c.store_id).in_(keys[start : start + 1000]), level.c.on_hand < 0
        )
        found.update({(i, s): q for i, s, q in batch.connection.execute(query)})
    return found
