"""Change capture on the desk's SQLite file: triggers append every write to `sync_outbox`.

Triggers see every write in the same transaction, whether it came from an ORM Session or a Core
executemany (the ledger and bulk imports use the latter, which ORM events never see). Each firing
advances the desk's hybrid logical clock in `sync_clock` and stamps the change with it; an update
also records the stamp per changed field in `sync_field_clock`, which later decides whether a
pulled value for that field wins. Writes made while `sync_mute` has a row (applying a pull) are
not captured.

`install()` drops and recreates the triggers for every Synced table; the app calls it after each
migration because SQLite loses a table's triggers when a batch migration recreates the table.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress

from sqlalchemy import Connection, Engine, text

from stockdesk.db.synced_tables import SyncedTable, synced_tables

NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
TICK = (
    f"UPDATE sync_clock SET counter = CASE WHEN {NOW_MS} > wall THEN 0 ELSE counter + 1 END, "
    f"wall = MAX(wall, {NOW_MS}) WHERE id = 1;"
)
STAMP = "(SELECT printf('%013d-%06d-%s', wall, counter, desk_id) FROM sync_clock WHERE id = 1)"
CURSOR = "(SELECT cursor FROM sync_state WHERE id = 1)"
UNMUTED = "NOT EXISTS (SELECT 1 FROM sync_mute)"


def _json_row(spec: SyncedTable, row: str = "NEW") -> str:
    pairs = ", ".join(f"'{c}', {row}.\"{c}\"" for c in spec.columns)
    return f"json_object({pairs})"


def _changed(spec: SyncedTable, column: str) -> str:
    return f'OLD."{column}" IS NOT NEW."{column}"'


def trigger_sql(spec: SyncedTable) -> list[str]:
    name = spec.name
    not_bulk = f"NOT EXISTS (SELECT 1 FROM sync_bulk WHERE tbl = '{name}')"
    insert = (
        f'CREATE TRIGGER "sync_ai_{name}" AFTER INSERT ON "{name}" WHEN {UNMUTED} AND {not_bulk} '
        f"BEGIN {TICK} "
        f"INSERT INTO sync_outbox (hlc, tbl, row_id, op, fields, data, base_cursor) "
        f"VALUES ({STAMP}, '{name}', NEW.id, 'I', '', {_json_row(spec)}, {CURSOR}); END"
    )
    fields = " || ".join(f"CASE WHEN {_changed(spec, c)} THEN '{c},' ELSE '' END" for c in spec.content)
    any_change = " OR ".join(_changed(spec, c) for c in spec.content)
    per_field = " UNION ALL ".join(f"SELECT '{c}' AS f WHERE {_changed(spec, c)}" for c in spec.content)
    update = (
        f'CREATE TRIGGER "sync_au_{name}" AFTER UPDATE ON "{name}" WHEN {UNMUTED} AND ({any_change}) '
        f"BEGIN {TICK} "
        f"INSERT INTO sync_outbox (hlc, tbl, row_id, op, fields, data, base_cursor) "
        f"VALUES ({STAMP}, '{name}', NEW.id, 'U', rtrim({fields}, ','), {_json_row(spec)}, {CURSOR}); "
        f"INSERT OR REPLACE INTO sync_field_clock (tbl, row_id, field, hlc) "
        f"SELECT '{name}', NEW.id, f, {STAMP} FROM ({per_field}); END"
    )
    return [insert, update]


def install(engine: Engine, desk_id: str) -> None:
    """(Re)create the capture triggers of every Synced table and name this desk in its clock."""
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as connection:
        _drop_all(connection)
        for spec in synced_tables().values():
            for statement in trigger_sql(spec):
                connection.exec_driver_sql(statement)
        connection.execute(text("UPDATE sync_clock SET desk_id = :d WHERE id = 1"), {"d": desk_id})


def _drop_all(connection: Connection) -> None:
    names = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_a%' ESCAPE '\\'"
    ).scalars()
    for name in list(names):
        connection.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}"')


def queued_changes(connection: Connection) -> int:
    return int(connection.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar() or 0)


# From this many new rows a batch captures them set-based; below it the triggers are cheaper.
BULK_FROM = 200


def bulk_inserts_of(connection: Connection, tables: Sequence[str], rows: int) -> AbstractContextManager[None]:
    """`bulk_inserts` for a batch of `rows` new rows, when that many pays for its extra statements."""
    return bulk_inserts(connection, tables) if rows >= BULK_FROM else nullcontext()


@contextmanager
def bulk_inserts(connection: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Capture the rows inserted into `tables` inside the block with one statement per table.

    Per-row triggers cost a clock update and two look-ups for each of tens of thousands of rows;
    here each new row still gets its own change, stamped with consecutive clock values in the
    order it was written (tables in the order given: parents first), as the triggers would have.
    Rows inserted inside must not also be updated inside (their update would precede their insert
    in the outbox): that is checked. Tables already in a bulk block are left to the outer one.
    """
    active: set[str] = connection.info.setdefault("sync_bulk", set())
    mine = [t for t in tables if t not in active]
    if connection.dialect.name != "sqlite" or not mine:
        yield
        return
    specs = synced_tables()
    floors = {
        t: connection.exec_driver_sql(f'SELECT coalesce(max(rowid), 0) FROM "{t}"').scalar_one() for t in mine
    }
    seq_floor = connection.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM sync_outbox").scalar_one()
    connection.exec_driver_sql(
        "INSERT INTO sync_bulk (tbl) VALUES " + ", ".join("(?)" for _ in mine), tuple(mine)
    )
    active.update(mine)
    try:
        yield
        muted = connection.exec_driver_sql("SELECT count(*) FROM sync_mute").scalar_one()
        if not muted:
            _refuse_updates_of_new_rows(connection, mine, seq_floor, floors)
            for table in mine:
                _capture_new_rows(connection, specs[table], floors[table])
    finally:
        active.difference_update(mine)
        with suppress(Exception):  # a broken connection is rolled back anyway
            connection.exec_driver_sql(
                "DELETE FROM sync_bulk WHERE tbl IN (" + ", ".join("?" for _ in mine) + ")", tuple(mine)
            )


def _refuse_updates_of_new_rows(
    connection: Connection, tables: Sequence[str], seq_floor: int, floors: dict[str, int]
) -> None:
    for table in tables:
        touched = connection.exec_driver_sql(
            f'SELECT o.row_id FROM sync_outbox o JOIN "{table}" t ON t.id = o.row_id '
            f"WHERE o.seq > ? AND o.tbl = ? AND t.rowid > ? LIMIT 1",
            (seq_floor, table, floors[table]),
        ).scalar()
        if touched is not None:
            raise RuntimeError(f"{table} row {touched} was inserted and changed in one bulk capture")


# Row k (from 0) of a bulk capture is stamped counter + k, carried into the wall clock's
# milliseconds past 999,999 so that stamps stay fixed-width and sort in write order.
_BULK_WALL = "(c.wall + (c.counter + n.k) / 1000000)"
_BULK_COUNTER = "((c.counter + n.k) % 1000000)"


def _capture_new_rows(connection: Connection, spec: SyncedTable, floor: int) -> None:
    name = spec.name
    new_rows = f'FROM "{name}" WHERE rowid > ?'
    count = connection.exec_driver_sql(f"SELECT count(*) {new_rows}", (floor,)).scalar_one()
    if not count:
        return
    connection.exec_driver_sql(TICK)  # the first new row's stamp, as the trigger would take it
    connection.exec_driver_sql(
        "INSERT INTO sync_outbox (hlc, tbl, row_id, op, fields, data, base_cursor) "
        f"SELECT printf('%013d-%06d-%s', {_BULK_WALL}, {_BULK_COUNTER}, c.desk_id), '{name}', n.id, 'I', '', "
        f"{_json_row(spec, 'n')}, {CURSOR} "
        f"FROM (SELECT row_number() OVER (ORDER BY rowid) - 1 AS k, * {new_rows}) n, "
        "sync_clock c WHERE c.id = 1 ORDER BY n.k",
        (floor,),
    )
    connection.exec_driver_sql(
        "UPDATE sync_clock SET wall = wall + (counter + ?) / 1000000, counter = (counter + ?) % 1000000 "
        "WHERE id = 1",
        (count - 1, count - 1),
    )
