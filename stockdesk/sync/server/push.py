"""The server side of a push: apply a batch of desk changes once, log them, settle stock.

Runs inside one server transaction opened by the desk (connected as its own PostgreSQL role; the
change_log trigger stamps and checks the desk from the connection, so a desk cannot log changes
as another desk).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select, tuple_

from stockdesk.db.sync_models import SyncReview
from stockdesk.sync.changes import Change, runs
from stockdesk.sync.server.batch import PushResult, ServerBatch
from stockdesk.sync.server.inserts import apply_inserts
from stockdesk.sync.server.updates import apply_updates


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
    """Negative stock after the merge opens one review per place (the levels were added to by the
    movements' own insert statement, see pgcopy.insert_json)."""
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
