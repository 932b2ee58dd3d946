"""Indexing a batch of new items once, after the batch, instead of row by row (SQLite).

Inside `deferred()` the insert triggers of the search index are quiet (migration 0005), so the new
items, their barcodes and their opening stock are written without touching `item_fts` or
`item_summary`; on leaving, both are filled for the new items with two set-based statements, each
item tokenised once with all its barcodes. Everything happens in the caller's transaction: a
rollback takes the quiet flag and the half-written batch away together.

Only items inserted inside the block may get barcodes or stock there; barcodes attached to older
items would be missed, so that is checked and refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import Connection

_LIVE_CODES = "FROM item_barcode b WHERE b.item_id = i.id AND b.deleted = 0"
_CODES = f"coalesce((SELECT group_concat(code, ' ') {_LIVE_CODES}), '')"
_FIRST_CODE = f"coalesce((SELECT min(code) {_LIVE_CODES}), '')"
_ON_HAND = "coalesce((SELECT sum(on_hand) FROM stock_level l WHERE l.item_id = i.id), 0)"


@contextmanager
def deferred(connection: Connection) -> Iterator[None]:
    """Write new items inside; they are searchable and summarised when the block ends."""
    if connection.dialect.name != "sqlite":
        yield  # PostgreSQL's trigram indexes and summary triggers cost little per row
        return
    item_floor = connection.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM item").scalar_one()
    code_floor = connection.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM item_barcode").scalar_one()
    connection.exec_driver_sql("INSERT INTO search_deferred (id) VALUES (1)")
    try:
        yield
    except BaseException:
        # The transaction is about to be rolled back; should a caller commit anyway, later inserts
        # must not stay unindexed.
        with suppress(Exception):
            connection.exec_driver_sql("DELETE FROM search_deferred")
        raise
    older = connection.exec_driver_sql(
        "SELECT b.code FROM item_barcode b JOIN item i ON i.id = b.item_id "
        "WHERE b.rowid > ? AND i.rowid <= ? LIMIT 1",
        (code_floor, item_floor),
    ).scalar()
    if older is not None:
        raise RuntimeError(f"barcode {older} was added to an existing item while indexing was deferred")
    connection.exec_driver_sql(
        f"INSERT INTO item_fts (rowid, name, sku, codes) SELECT i.rowid, i.name, i.sku, {_CODES} "
        "FROM item i WHERE i.rowid > ?",
        (item_floor,),
    )
    connection.exec_driver_sql(
        "INSERT OR REPLACE INTO item_summary (item_id, on_hand, barcode) "
        f"SELECT i.id, {_ON_HAND}, {_FIRST_CODE} FROM item i WHERE i.rowid > ?",
        (item_floor,),
    )
    connection.exec_driver_sql("DELETE FROM search_deferred")
