"""Push, pull and the first-sync snapshot: the desk's half of the protocol (see docs/sync-protocol.md)."""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.exc import DBAPIError

from stockdesk.db.sync_models import change_log
from stockdesk.db.synced_tables import dependency_order, synced_tables
from stockdesk.sync import codec
from stockdesk.sync.changes import Change
from stockdesk.sync.errors import PushRefused
from stockdesk.sync.hlc import wall_of
from stockdesk.sync.local_apply import LocalApply
from stockdesk.sync.server.push import push_changes

PUSH_BATCH = 5000
PULL_BATCH = 5000
SNAPSHOT_CHUNK = 5000
OUTBOX_COLUMNS = "seq, hlc, tbl, row_id, op, fields, data, base_cursor"
LOG_COLUMNS = (
    change_log.c.seq,
    change_log.c.change_id,
    change_log.c.hlc,
    change_log.c.tbl,
    change_log.c.row_id,
    change_log.c.op,
    change_log.c.fields,
    change_log.c.data,
    change_log.c.origin_desk,
)
Hook = Callable[[str], None]  # test seam: called at named points ("pushed", "pulled") to crash there


def push(local: Engine, server: Engine, desk_id: str, *, hook: Hook | None = None) -> tuple[int, int]:
    """Send the outbox in batches; each batch is deleted locally only after the server committed it."""
    pushed = conflicts = 0
    while True:
        with local.connect() as connection:
            rows = connection.exec_driver_sql(
                f"SELECT {OUTBOX_COLUMNS} FROM sync_outbox ORDER BY seq LIMIT {PUSH_BATCH}"
            ).all()
        if not rows:
            return pushed, conflicts
        changes = [Change.from_outbox(row, desk_id) for row in rows]
        try:
            with server.begin() as connection:
                result = push_changes(connection, desk_id, changes)
                if hook:
                    hook("push-applied")  # a crash here rolls the server transaction back
        except (DBAPIError, psycopg.Error) as error:
            cause = getattr(error, "orig", None) or error  # COPY raises the driver's error unwrapped
            if getattr(cause, "sqlstate", "") in ("42501", "22008"):
                raise PushRefused(str(cause).splitlines()[0]) from error
            raise
        if hook:
            hook("pushed")  # a crash here leaves the batch in the outbox: the replay is a no-op
        with local.begin() as connection:
            connection.exec_driver_sql("DELETE FROM sync_outbox WHERE seq <= ?", (changes[-1].local_seq,))
        pushed += len(changes)
        conflicts += result.conflicts


def read_cursor(connection: Connection) -> int:
    return int(connection.exec_driver_sql("SELECT cursor FROM sync_state WHERE id = 1").scalar() or 0)


def pull(local: Engine, server: Engine, desk_id: str, *, hook: Hook | None = None) -> int:
    """Fetch the log after the cursor and apply it; the cursor moves in the same local transaction."""
    pulled = 0
    while True:
        with local.connect() as connection:
            cursor = read_cursor(connection)
        with server.connect() as connection:
            rows = connection.execute(
                select(*LOG_COLUMNS)
                .where(change_log.c.seq > cursor)
                .order_by(change_log.c.seq)
                .limit(PULL_BATCH)
            ).all()
        if not rows:
            return pulled
        changes = [Change.from_log(row) for row in rows]
        if hook:
            hook("pull-fetched")
        with local.begin() as connection:
            with LocalApply(connection, desk_id) as applier:
                applier.apply(changes)
                applier.recompute_levels()
            _advance(connection, changes[-1].seq, max(wall_of(c.hlc) for c in changes))
            if hook:
                hook("pulled")  # a crash here rolls the whole batch back, cursor included
        pulled += len(changes)


def _advance(connection: Connection, cursor: int, seen_wall: int) -> None:
    connection.exec_driver_sql("UPDATE sync_state SET cursor = ? WHERE id = 1", (cursor,))
    # HLC receive rule: our next stamp must be later than every stamp we have seen.
    connection.exec_driver_sql(
        "UPDATE sync_clock SET counter = CASE WHEN ? > wall THEN 0 ELSE counter END, "
        "wall = MAX(wall, ?) WHERE id = 1",
        (seen_wall + 1, seen_wall + 1),
    )


def snapshot(local: Engine, server: Engine, desk_id: str) -> int:
    """First sync: copy every shared row as of one consistent server snapshot, then follow the log."""
    copied = 0
    with server.connect().execution_options(isolation_level="REPEATABLE READ") as source, source.begin():
        top = int(source.scalar(select(func.coalesce(func.max(change_log.c.seq), 0))) or 0)
        if top == 0:
            return 0
        now_ms = int(source.scalar(text("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")))
        with local.begin() as connection:
            with LocalApply(connection, desk_id) as applier:
                for name in dependency_order():
                    copied += _copy_table(source, applier, name)
                applier.rebuild_all_levels()
            _advance(connection, top, now_ms)
    return copied


def _copy_table(source: Connection, applier: LocalApply, name: str) -> int:
    spec = synced_tables()[name]
    result = source.execution_options(yield_per=SNAPSHOT_CHUNK).execute(
        select(spec.table).order_by(spec.table.c.id)
    )
    copied = 0
    for partition in result.mappings().partitions():
        applier.insert_rows(spec, [codec.to_raw(name, row) for row in partition], upsert=True)
        copied += len(partition)
    return copied
