"""Settling stock after a pushed batch: negative on-hand after the merge opens a review.

The push itself is `http_side.push_checked` (apply the checked changes once, log them, settle).
"""

from __future__ import annotations

from sqlalchemy import select, tuple_

from stockdesk.db.sync_models import SyncReview
from stockdesk.sync.server.batch import ServerBatch


def settle_levels(batch: ServerBatch) -> None:
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
