"""Applying pulled changes to the desk's SQLite file (the caller owns the transaction).

Values arrive in the file's own stored form, so rows go in with plain driver executemany, no
conversion. Writes are muted (`sync_mute`) so the capture triggers do not send them back.
A pulled field value wins unless this desk's own edit of that field carries a later stamp
(`sync_field_clock`). Unique-key collisions are settled with the same rules as the server
(rules.py), applied to the local row, which is the one that reached the server second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection

from stockdesk.db import place_levels
from stockdesk.db.synced_tables import SyncedTable, synced_tables
from stockdesk.sync import rules
from stockdesk.sync.changes import Change, runs

RawKey = tuple[str, str]  # (item_id, store_id) as stored


class LocalApply:
    def __init__(self, connection: Connection, desk_id: str) -> None:
        self.connection = connection
        self.desk_id = desk_id
        self.touched: set[RawKey] = set()
        self.added: dict[RawKey, int] = {}  # scaled quantity of movements this pull inserted, per place
        self.applied = 0

    def __enter__(self) -> LocalApply:
        self.connection.exec_driver_sql("INSERT OR IGNORE INTO sync_mute (id) VALUES (1)")
        return self

    def __exit__(self, *exc: object) -> None:
        self.connection.exec_driver_sql("DELETE FROM sync_mute")

    def apply(self, changes: Sequence[Change]) -> None:
        for run in runs([c for c in changes if c.origin != self.desk_id and c.op in ("I", "U")]):
            spec = synced_tables().get(run[0].tbl)
            if spec is None:
                continue
            if run[0].op == "I":
                self.insert_rows(spec, [c.raw for c in run], upsert=False)
            else:
                self._update(spec, run)

    # -- inserts (and snapshot upserts) ----------------------------------------------------------

    def insert_rows(self, spec: SyncedTable, rows: list[dict[str, Any]], *, upsert: bool) -> None:
        if not rows:
            return
        for column in spec.unique_text:
            self._make_room(spec, column, [(r["id"], r.get(column)) for r in rows])
        for key in spec.unique_multi:
            self._drop_local_duplicates(spec, key, rows)
        columns = spec.columns
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        action = "NOTHING"
        if upsert:
            action = "UPDATE SET " + ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
        sql = f'INSERT INTO "{spec.name}" ({names}) VALUES ({marks}) ON CONFLICT(id) DO {action}'
        fresh = self._absent_ids([r["id"] for r in rows]) if spec.name == "stock_movement" else set()
        self.connection.exec_driver_sql(sql, [tuple(r.get(c) for c in columns) for r in rows])
        self.applied += len(rows)
        if spec.name == "stock_movement":
            self.touched.update((r["item_id"], r["store_id"]) for r in rows)
            for row in rows:
                if row["id"] in fresh:  # stored form: scaled integers, summed exactly
                    key = (row["item_id"], row["store_id"])
                    self.added[key] = self.added.get(key, 0) + int(row["quantity"])

    def _absent_ids(self, ids: list[str]) -> set[str]:
        """The ids not in the ledger yet: only those rows will really be inserted."""
        absent = set(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            absent -= set(
                self.connection.exec_driver_sql(
                    f"SELECT id FROM stock_movement WHERE id IN ({marks})", tuple(chunk)
                ).scalars()
            )
        return absent

    def _make_room(self, spec: SyncedTable, column: str, incoming: Iterable[tuple[str, Any]]) -> None:
        """A local row holding a key an incoming row brings is the later one: rename it as the server did."""
        wanted = {value: ident for ident, value in incoming if value is not None}
        if not wanted:
            return
        values = list(wanted)
        holders: list[tuple[str, Any]] = []
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            holders += (
                self.connection.exec_driver_sql(
                    f'SELECT id, "{column}" FROM "{spec.name}" WHERE "{column}" IN ({marks})', tuple(chunk)
                )
                .tuples()
                .all()
            )
        for ident, value in holders:
            if ident == wanted[value]:
                continue
            moved = rules.collision_changes(spec.name, column, value, ident, spec.max_length(column))
            assignments = ", ".join(f'"{c}" = ?' for c in moved)
            self.connection.exec_driver_sql(
                f'UPDATE "{spec.name}" SET {assignments} WHERE id = ?', (*moved.values(), ident)
            )

    def _drop_local_duplicates(
        self, spec: SyncedTable, key: tuple[str, ...], rows: list[dict[str, Any]]
    ) -> None:
        where = " AND ".join(f'"{k}" = ?' for k in key)
        params = [(*(r.get(k) for k in key), r["id"]) for r in rows]
        self.connection.exec_driver_sql(f'DELETE FROM "{spec.name}" WHERE {where} AND id <> ?', params)

    # -- field edits -----------------------------------------------------------------------------

    def _update(self, spec: SyncedTable, run: list[Change]) -> None:
        own = self._own_clocks(spec.name, {c.row_id for c in run})
        known = set(spec.columns)
        for change in run:
            fields = [
                f
                for f in change.fields
                if f in known
                and (own.get((change.row_id, f)) is None or change.hlc > own[(change.row_id, f)])
            ]
            if not fields:
                continue
            for field in fields:
                if field in spec.unique_text:
                    self._make_room(spec, field, [(change.row_id, change.raw.get(field))])
            written = [*fields, *(m for m in ("updated_at", "updated_by") if m in change.raw)]
            assignments = ", ".join(f'"{f}" = ?' for f in written)
            self.connection.exec_driver_sql(
                f'UPDATE "{spec.name}" SET {assignments} WHERE id = ?',
                (*(change.raw.get(f) for f in written), change.row_id),
            )
            self.applied += 1

    def _own_clocks(self, table: str, row_ids: set[str]) -> dict[tuple[str, str], str]:
        found: dict[tuple[str, str], str] = {}
        ids = sorted(row_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self.connection.exec_driver_sql(
                f"SELECT row_id, field, hlc FROM sync_field_clock WHERE tbl = ? AND row_id IN ({marks})",
                (table, *chunk),
            )
            found.update({(r, f): h for r, f, h in rows})
        return found

    # -- derived stock ---------------------------------------------------------------------------

    def recompute_levels(self) -> None:
        """Add the movements this pull inserted to the levels of their places.

        The levels stay derived from the ledger (level = its movements' sum, which `stockdesk check`
        proves): each pulled movement is added once, exactly when its row goes in. Summing every
        touched place's whole history again instead costs a read of most of the ledger per batch.
        """
        if not self.added:
            return
        self.connection.exec_driver_sql(
            "INSERT INTO stock_level (item_id, store_id, on_hand) VALUES (?, ?, ?) "
            "ON CONFLICT(item_id, store_id) DO UPDATE SET on_hand = stock_level.on_hand + excluded.on_hand",
            [(i, s, q) for (i, s), q in sorted(self.added.items())],
        )
        self.added.clear()

    def rebuild_all_levels(self) -> None:
        self.connection.exec_driver_sql("DELETE FROM stock_level")
        self.connection.exec_driver_sql(
            "INSERT INTO stock_level (item_id, store_id, on_hand) "
            "SELECT item_id, store_id, SUM(quantity) FROM stock_movement GROUP BY item_id, store_id"
        )
        place_levels.rebuild(self.connection)
