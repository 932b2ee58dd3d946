"""Change capture on the server itself, for a desk that runs directly on it (`--db postgresql://...`).

Such a desk writes the shared tables with no outbox in between, so other desks would never hear of
its writes. These triggers log them: every insert or update of a Synced table that does not come
from a push appends one `change_log` entry, in the write's own transaction, under the same
advisory lock pushes take (so sequence order stays commit order), with the row in the desks' stored
form (uuid hex, scaled-integer decimals, UTC time text, 0/1) so desks apply it like any pulled
change. Updates also set the fields' `server_field_clock` entries, so a later push from a desk that
edited the same field offline merges against it (and records a conflict) like against any desk.

A push marks its transaction with `SET LOCAL stockdesk.applying = 'on'` (ServerBatch.begin): its
writes are logged by the push itself and the triggers stay quiet.

Stamps are `<server wall ms>-<counter>-<desk id>` from the server's clock: the server is the clock
every pushed stamp is checked against (changes more than 5 minutes ahead are refused), so a direct
edit is ordered against desks' edits by real time.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Column, Connection, select, text
from sqlalchemy.types import Boolean, Date, DateTime, Uuid

from stockdesk.db.models import LocalSetting
from stockdesk.db.synced_tables import SyncedTable, synced_tables
from stockdesk.db.types import ExactDecimal, UTCDateTime
from stockdesk.sync.server.batch import LOCK_KEY

APPLYING = "stockdesk.applying"
# Checked in the trigger's WHEN clause: rows a push writes queue no trigger event at all.
QUIET = f"coalesce(current_setting('{APPLYING}', true), '') <> 'on'"
_DESK_KEY = "desk_id"


def stored_form(column: Column) -> str:  # type: ignore[type-arg]
    """SQL that renders NEW.<column> the way a desk's SQLite file stores it."""
    ref = f'NEW."{column.name}"'
    kind = column.type
    if isinstance(kind, ExactDecimal):
        return f"({ref} * {10 ** (kind.scale or 0)})::bigint"
    if isinstance(kind, Uuid):
        return f"replace({ref}::text, '-', '')"
    if isinstance(kind, UTCDateTime) or (isinstance(kind, DateTime) and kind.timezone):
        return f"to_char({ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    if isinstance(kind, DateTime):
        return f"to_char({ref}, 'YYYY-MM-DD HH24:MI:SS.US')"
    if isinstance(kind, Date):
        return f"to_char({ref}, 'YYYY-MM-DD')"
    if isinstance(kind, Boolean):
        return f"{ref}::int"
    return ref


def _function_sql(spec: SyncedTable, desk_id: str) -> str:
    name = spec.name
    row = ", ".join(f"'{c.name}', {stored_form(c)}" for c in spec.table.columns)
    changed = ", ".join(
        f'CASE WHEN OLD."{c}" IS DISTINCT FROM NEW."{c}" THEN \'{c}\' END' for c in spec.content
    )
    return f"""
CREATE OR REPLACE FUNCTION sync_capture_{name}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  changed text[] := '{{}}';
  next_seq bigint;
  stamp text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    changed := array_remove(ARRAY[{changed}]::text[], NULL);
    IF cardinality(changed) = 0 THEN
      RETURN NULL;
    END IF;
  END IF;
  PERFORM pg_advisory_xact_lock({LOCK_KEY});
  SELECT coalesce(max(seq), 0) + 1 INTO next_seq FROM change_log;
  stamp := lpad(((extract(epoch FROM clock_timestamp()) * 1000)::bigint)::text, 13, '0') || '-'
        || lpad((nextval('sync_direct_counter') % 1000000)::text, 6, '0') || '-{desk_id}';
  INSERT INTO change_log (seq, change_id, hlc, tbl, row_id, op, fields, data, origin_desk, base_cursor)
  VALUES (next_seq, stamp, stamp, '{name}', replace(NEW.id::text, '-', ''),
          CASE TG_OP WHEN 'INSERT' THEN 'I' ELSE 'U' END, array_to_string(changed, ','),
          json_build_object({row})::text, '{desk_id}', next_seq - 1);
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO server_field_clock (tbl, row_id, field, hlc, seq, desk)
    SELECT '{name}', replace(NEW.id::text, '-', ''), f, stamp, next_seq, '{desk_id}' FROM unnest(changed) f
    ON CONFLICT (tbl, row_id, field)
    DO UPDATE SET hlc = excluded.hlc, seq = excluded.seq, desk = excluded.desk;
  END IF;
  RETURN NULL;
END $$"""


def direct_desk_id(connection: Connection) -> str:
    """The desk id of whoever works directly on this database (made here if no desk opened it yet)."""
    found = connection.scalar(select(LocalSetting.value).where(LocalSetting.key == _DESK_KEY))
    if found:
        return str(found)
    desk_id = f"desk-{uuid.uuid4().hex[:12]}"
    connection.execute(LocalSetting.__table__.insert().values(key=_DESK_KEY, value=desk_id))
    return desk_id


def install(connection: Connection) -> int:
    """(Re)create the capture triggers of every Synced table on the server; returns how many tables."""
    desk_id = direct_desk_id(connection)
    if not desk_id.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"unexpected desk id {desk_id!r}")  # it is spliced into the functions' SQL
    connection.execute(text("CREATE SEQUENCE IF NOT EXISTS sync_direct_counter"))
    for spec in synced_tables().values():
        connection.execute(text(_function_sql(spec, desk_id)))
        connection.execute(text(f'DROP TRIGGER IF EXISTS sync_capture ON "{spec.name}"'))
        connection.execute(
            text(
                f'CREATE TRIGGER sync_capture AFTER INSERT OR UPDATE ON "{spec.name}" FOR EACH ROW '
                f"WHEN ({QUIET}) EXECUTE FUNCTION sync_capture_{spec.name}()"
            )
        )
    return len(synced_tables())
