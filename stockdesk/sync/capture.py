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

from sqlalchemy import Connection, Engine, text

from stockdesk.sync.tables import SyncedTable, synced_tables

NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
TICK = (
    f"UPDATE sync_clock SET counter = CASE WHEN {NOW_MS} > wall THEN 0 ELSE counter + 1 END, "
    f"wall = MAX(wall, {NOW_MS}) WHERE id = 1;"
)
STAMP = "(SELECT printf('%013d-%06d-%s', wall, counter, desk_id) FROM sync_clock WHERE id = 1)"
CURSOR = "(SELECT cursor FROM sync_state WHERE id = 1)"
UNMUTED = "NOT EXISTS (SELECT 1 FROM sync_mute)"


def _json_row(spec: SyncedTable) -> str:
    pairs = ", ".join(f"'{c}', NEW.\"{c}\"" for c in spec.columns)
    return f"json_object({pairs})"


def _changed(spec: SyncedTable, column: str) -> str:
    return f'OLD."{column}" IS NOT NEW."{column}"'


def trigger_sql(spec: SyncedTable) -> list[str]:
    name = spec.name
    insert = (
        f'CREATE TRIGGER "sync_ai_{name}" AFTER INSERT ON "{name}" WHEN {UNMUTED} BEGIN {TICK} '
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
