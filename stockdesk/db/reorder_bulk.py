"""A bulk writer's reorder marks on SQLite: every new movement's and level's key in one statement.

The row triggers of `db/reorder_marks.py` stamp `reorder_change` once per new movement and level row:
an upsert each, and a key a batch writes many times is restamped each time. That was 1.6 s of a
100,000-row import (about 180,000 opening levels and as many receipts) and a share of every batch.
Inside `marking()` those two triggers are quiet (`reorder_bulk` has a row) and on leaving, one
INSERT ... SELECT stamps the key of every movement and level row inserted inside the block, found by
rowid as `capture.bulk_inserts` finds its rows, with one stamp larger than any before. Nothing the
block wrote can go unmarked, whatever the caller knows of its keys, so an incremental reorder run
stays exact. A level's update is not marked by its trigger either way (see `reorder_marks`).

PostgreSQL marks with statement triggers, one upsert per statement already: nothing to do there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from sqlalchemy import Connection

_ACTIVE = "reorder_bulk"  # connection.info key: an outer block marks what inner ones write
# From this many rows a block pays for its few extra statements (the same as sync capture's).
BULK_FROM = 200

_FLOOR = "SELECT coalesce(max(rowid), 0) FROM {table}"
_MARK = """
INSERT INTO reorder_change (item_id, store_id, stamp)
SELECT k.item_id, k.store_id, (SELECT coalesce(max(stamp), 0) + 1 FROM reorder_change)
FROM (
    SELECT item_id, store_id FROM stock_movement WHERE rowid > ?
    UNION SELECT item_id, store_id FROM stock_level WHERE rowid > ?
) k WHERE true
ON CONFLICT (item_id, store_id) DO UPDATE SET stamp = excluded.stamp
"""


def marking_of(connection: Connection, rows: int) -> AbstractContextManager[None]:
    """`marking` for a write of about `rows` movements, when that many pays for its statements."""
    return marking(connection) if rows >= BULK_FROM else nullcontext()


@contextmanager
def marking(connection: Connection) -> Iterator[None]:
    """Movements and levels inserted inside are marked for the reorder run at the end, set-based."""
    if connection.dialect.name != "sqlite" or connection.info.get(_ACTIVE):
        yield
        return
    floors = tuple(
        connection.exec_driver_sql(_FLOOR.format(table=table)).scalar_one()
        for table in ("stock_movement", "stock_level")
    )
    connection.exec_driver_sql("INSERT INTO reorder_bulk (id) VALUES (1)")
    connection.info[_ACTIVE] = True
    failed = True
    try:
        yield
        failed = False
    finally:
        connection.info.pop(_ACTIVE, None)
        try:
            # Marked even when the block failed: a caller that catches the error and commits what was
            # written must not leave a key unmarked. The stamp is read once (a constant subquery): all
            # the keys share it, above every earlier one.
            connection.exec_driver_sql(_MARK, floors)
            connection.exec_driver_sql("DELETE FROM reorder_bulk")
        except Exception:
            if not failed:
                raise  # else the block's own error is the one to see (a broken connection rolls back)
