"""A temporary SQLite table for one set-based write: created when first needed, emptied around use.

Set-based writers (a stocktake's lines and counts, an import's opening stock) hand Python's few
values to the database as rows of a slim temporary table, then write their target tables from it
with `INSERT … SELECT`. The table lives as long as the connection and is emptied before and after
each use, so a failed write leaves nothing behind for the next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection


@contextmanager
def scratch_table(connection: Connection, name: str, columns: str) -> Iterator[None]:
    """`temp.<name>` with `columns` (SQL column definitions), empty inside the block and after it."""
    connection.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS temp.{name} ({columns})")
    connection.exec_driver_sql(f"DELETE FROM temp.{name}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"DELETE FROM temp.{name}")
