"""What PostgreSQL's triggers keep, for a bench shop loaded with its triggers off (COPY, replica role):
the tally of listed items (migration 0036) and the low-stock marks (0037), worked out once and proven.
Without them the items list's first page said 0 items and the low-stock list was empty (stop 42)."""

from __future__ import annotations

from stockdesk.services.database import open_database
from stockdesk.services.inventory import check


def derive(url: str) -> None:
    db = open_database(url)
    try:
        check.rebuild_tally(db.uow())
        check.rebuild_low_marks(db.uow())
        if check.tally_difference(db.uow()) is not None or check.low_mark_difference(db.uow()):
            raise RuntimeError("the bench shop's tally or low-stock marks disagree with its items")
    finally:
        db.close()
