"""Secondary indexes dropped during a large bulk load and rebuilt once at its end (SQLite).

Keeping a dozen sort and filter indexes in step row by row is most of what SQLite spends on an
import into a young catalogue (20,000 items with stock: 2.2 s of 3.6 s). Building an index from the
finished table is a sort, an order of magnitude cheaper, but it costs in proportion to the whole
table: it pays only when the batch is a good share of the rows already there, which is the case of
the first import that fills a new desk. Below that share nothing changes.

Everything happens inside the caller's transaction (SQLite DDL is transactional): other connections
keep seeing the committed schema with its indexes, and a rollback restores them. Unique indexes stay
(they enforce the rules the load must obey), as do the indexes the caller names in `keep` because the
load itself reads through them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager, suppress

from sqlalchemy import Connection

# Page cache of the connection while a bulk load runs (the usual 16 MB would spill the transaction's
# dirty pages to the WAL and read them back: +13 % on a 100,000-row import). Pages are only taken as
# touched and handed back when the load ends.
BULK_CACHE_KIB = 262144

# Rebuild when the batch adds at least this share of the rows the table already has. The measured
# break-even is near 10 % (rebuilding costs ~0.1 of maintaining per row); 25 % leaves room.
REBUILD_SHARE = 0.25


@contextmanager
def large_cache(connection: Connection) -> Iterator[None]:
    """A bigger SQLite page cache for this connection during the block, the usual one after."""
    if connection.dialect.name != "sqlite":
        yield
        return
    usual = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(usual)}")


@contextmanager
def rebuilt_after(
    connection: Connection, planned_rows: Mapping[str, int], *, keep: Collection[str] = ()
) -> Iterator[list[str]]:
    """Inside, the secondary indexes of tables about to grow by a large share are absent.

    `planned_rows` maps a table to the rows the block will insert; yields the dropped index names.
    """
    if connection.dialect.name != "sqlite":
        yield []
        return
    dropped: list[tuple[str, str]] = []
    for table, rows in planned_rows.items():
        existing = connection.exec_driver_sql(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').scalar_one()
        if rows < max(existing * REBUILD_SHARE, 1000):
            continue  # a small batch into a big table: per-row upkeep is cheaper than a rebuild
        dropped += [(name, sql) for name, sql in _secondary_indexes(connection, table) if name not in keep]
    for name, _sql in dropped:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    try:
        yield [name for name, _sql in dropped]
    except BaseException:
        # Normally the transaction is rolled back and the indexes come back with it; should the
        # caller commit anyway, the schema must not lose them.
        with suppress(Exception):
            _create(connection, dropped)
        raise
    _create(connection, dropped)


def _secondary_indexes(connection: Connection, table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's non-unique indexes (constraint indexes have no SQL)."""
    rows = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table,),
    ).all()
    return [(name, sql) for name, sql in rows if not sql.upper().startswith("CREATE UNIQUE")]


def _create(connection: Connection, indexes: list[tuple[str, str]]) -> None:
    for name, sql in indexes:
        exists = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
        ).scalar()
        if exists is None:
            connection.exec_driver_sql(sql)
