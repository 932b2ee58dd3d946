"""One pushed batch on the server: one transaction, sequence numbers in commit order, one log write.

The batch takes a transaction-level advisory lock before it reads the highest sequence number, so
batches append to `change_log` one after another and a sequence number becomes visible only after
every smaller one is: a desk's pull cursor can never step over a change that commits late.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert

from stockdesk.db.base import utcnow
from stockdesk.db.sync_models import change_log, server_field_clock
from stockdesk.db.synced_tables import synced_tables
from stockdesk.domain.ids import new_id
from stockdesk.sync import codec
from stockdesk.sync.changes import Change
from stockdesk.sync.hlc import SERVER, ServerClock
from stockdesk.sync.pgcopy import copy_rows

LOCK_KEY = 7_146_017  # "one writer of change_log at a time", shared by every desk and the server
Key = tuple[uuid.UUID, uuid.UUID]


class ServerBatch:
    """Collects the log entries, field clocks and stock deltas of one pushed batch."""

    def __init__(self, connection: Connection, desk_id: str) -> None:
        self.connection = connection
        self.desk_id = desk_id
        self.clock = ServerClock()
        self.log: list[Change] = []
        self.pending: list[Change] = []  # server-made entries, logged after the run that caused them
        self.clock_rows: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.levels: dict[Key, Decimal] = {}  # places whose on-hand pushed movements changed, and to what
        self.conflicts = 0
        self.reviews = 0
        self._next_seq = 0

    def begin(self) -> None:
        self.connection.execute(select(func.pg_advisory_xact_lock(LOCK_KEY)))
        # The push logs its own writes: the direct-desk capture triggers (server_capture) stay quiet.
        self.connection.execute(text("SELECT set_config('stockdesk.applying', 'on', true)"))
        top = self.connection.scalar(select(func.coalesce(func.max(change_log.c.seq), 0)))
        self._next_seq = int(top or 0) + 1

    def new_changes(self, changes: Sequence[Change]) -> list[Change]:
        """The changes not applied before (a batch replayed after a crash changes nothing)."""
        ids = [c.change_id for c in changes]
        # One array parameter: thousands of IN placeholders cost more to parse than the lookup itself.
        seen = set(
            self.connection.execute(
                text("SELECT change_id FROM change_log WHERE change_id = ANY(:ids)"), {"ids": ids}
            ).scalars()
        )
        fresh = [c for c in changes if c.change_id not in seen]
        for change in fresh:
            self.clock.observe(change.hlc)
        return fresh

    def take_seq(self, change: Change) -> None:
        change.seq = self._next_seq
        self._next_seq += 1
        self.log.append(change)

    def flush_pending(self) -> None:
        for change in self.pending:
            self.take_seq(change)
        self.pending.clear()

    def set_clock(self, change: Change, field: str, stamp: str, desk: str) -> None:
        self.clock_rows[(change.tbl, change.row_id, field)] = {
            "tbl": change.tbl,
            "row_id": change.row_id,
            "field": field,
            "hlc": stamp,
            "seq": change.seq,
            "desk": desk,
        }

    # -- changes the server makes itself -------------------------------------------------------

    def correction(
        self, table: str, row_id: str, fields: Sequence[str], row: dict[str, Any], stamp: str
    ) -> None:
        """Tell desks (above all the one whose value lost) the value that won, under the winner's stamp."""
        raw = codec.to_raw(table, row)
        self.pending.append(
            Change(f"srv-{new_id().hex}", stamp, table, row_id, "U", tuple(fields), raw, SERVER)
        )

    def insert_row(self, table: str, values: dict[str, Any]) -> str:
        """A new shared row made by the server (conflict, review): written here and logged for desks."""
        stamp = self.clock.next()
        now = utcnow()
        row = {
            "id": new_id(),
            "created_at": now,
            "updated_at": now,
            "updated_by": None,
            "origin_desk": SERVER,
            "hlc": stamp[:40],
            "deleted": False,
            **values,
        }
        self.connection.execute(synced_tables()[table].table.insert(), row)
        raw = codec.to_raw(table, row)
        self.pending.append(Change(f"srv-{new_id().hex}", stamp, table, raw["id"], "I", (), raw, SERVER))
        return stamp

    def renamed(
        self, change: Change, moved: dict[str, Any], row: dict[str, Any], column: str, kept: Any
    ) -> None:
        """A unique key the later row had to give up (`moved`: its new values): desks learn the new
        value from a correction, the fields' clocks are the server's, and a conflict records both."""
        stamp = self.clock.next()
        self.correction(change.tbl, change.row_id, tuple(moved), row, stamp)
        for field in moved:
            self.set_clock(change, field, stamp, SERVER)
        self.conflict(
            kind="unique",
            change=change,
            field=column,
            kept=kept,
            lost=row[column],
            kept_desk="",
            lost_desk=change.origin,
        )

    def conflict(
        self, *, kind: str, change: Change, field: str, kept: Any, lost: Any, kept_desk: str, lost_desk: str
    ) -> None:
        raw = codec.to_raw(change.tbl, {field: kept}) if field in _columns(change.tbl) else {}
        raw_lost = codec.to_raw(change.tbl, {field: lost}) if field in _columns(change.tbl) else {}
        self.insert_row(
            "sync_conflict",
            {
                "kind": kind,
                "tbl": change.tbl,
                "row_id": uuid.UUID(change.row_id),
                "field": field,
                "kept_value": json.dumps(raw.get(field, kept), default=str),
                "lost_value": json.dumps(raw_lost.get(field, lost), default=str),
                "kept_desk": kept_desk,
                "lost_desk": lost_desk,
                "status": "open",
            },
        )
        self.conflicts += 1

    # -- the end of the batch --------------------------------------------------------------------

    def write_log(self) -> None:
        self.flush_pending()
        if self.clock_rows:
            statement = pg_insert(server_field_clock)
            self.connection.execute(
                statement.on_conflict_do_update(
                    index_elements=["tbl", "row_id", "field"],
                    set_={
                        "hlc": statement.excluded.hlc,
                        "seq": statement.excluded.seq,
                        "desk": statement.excluded.desk,
                    },
                ),
                list(self.clock_rows.values()),
            )
        if not self.log:
            return
        columns = (
            "seq",
            "change_id",
            "hlc",
            "tbl",
            "row_id",
            "op",
            "fields",
            "data",
            "origin_desk",
            "base_cursor",
        )
        copy_rows(
            self.connection,
            change_log,
            columns,
            [
                (
                    c.seq,
                    c.change_id,
                    c.hlc,
                    c.tbl,
                    c.row_id,
                    c.op,
                    ",".join(c.fields),
                    c.data or codec.dumps(c.raw),
                    c.origin,
                    c.base_cursor,
                )
                for c in self.log
            ],
        )

    @property
    def last_seq(self) -> int:
        return self._next_seq - 1


def _columns(table: str) -> tuple[str, ...]:
    return synced_tables()[table].columns
