"""Applying a run of pushed field edits on the server: field-level last-writer-wins by HLC.

Each field remembers (stamp, sequence, desk) of the edit that set it (`server_field_clock`). An
incoming edit is *concurrent* with the stored one when another desk made the stored one and the
incoming desk had not pulled it yet (its cursor at edit time, `base_cursor`, is below the stored
sequence). Concurrent edits that disagree produce a `sync_conflict` row whatever the outcome; the
higher stamp wins. A losing field is dropped from the logged change and a correction entry carries
the winning value back (under the winner's stamp) to the desk that lost.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import bindparam, select

from stockdesk.db.sync_models import server_field_clock
from stockdesk.db.synced_tables import SyncedTable, synced_tables
from stockdesk.sync import codec, rules
from stockdesk.sync.changes import Change
from stockdesk.sync.server.batch import ServerBatch

ClockEntry = tuple[str, int, str]
ALWAYS_WRITTEN = ("updated_at", "updated_by")


def apply_updates(batch: ServerBatch, run: list[Change]) -> None:
    spec = synced_tables()[run[0].tbl]
    for change in run:
        batch.take_seq(change)
    ids = sorted({c.row_id for c in run})
    current = _current_rows(batch, spec, ids)
    clocks = _clocks(batch, spec.name, ids)
    writes: list[dict[str, Any]] = []
    for change in run:
        row = current.get(change.row_id)
        if row is None:  # a row the server dropped (duplicate fact): nothing to edit
            change.op, change.fields = "X", ()
            continue
        won = _merge(batch, spec, change, row, clocks)
        for field in won:
            if field in spec.unique_text:
                _move_out_of_the_way(batch, spec, change, row, field)
        change.fields = tuple(won)
        if won:
            values = {f: row[f] for f in (*won, *ALWAYS_WRITTEN)}
            incoming = codec.to_python(spec.name, change.raw, ALWAYS_WRITTEN)
            values.update(incoming)
            writes.append({"_id": uuid.UUID(change.row_id), **values})
    _write(batch, spec, writes)
    batch.flush_pending()


def _merge(
    batch: ServerBatch,
    spec: SyncedTable,
    change: Change,
    row: dict[str, Any],
    clocks: dict[tuple[str, str], ClockEntry],
) -> list[str]:
    fields = [f for f in change.fields if f in spec.table.c]
    incoming = codec.to_python(spec.name, change.raw, fields)
    won: list[str] = []
    for field in fields:
        clock = clocks.get((change.row_id, field))
        concurrent = clock is not None and clock[2] != change.origin and clock[1] > change.base_cursor
        differs = row[field] != incoming[field]
        if clock is None or change.hlc > clock[0]:
            if concurrent and differs and clock is not None:  # concurrent implies a clock
                batch.conflict(
                    kind="field",
                    change=change,
                    field=field,
                    kept=incoming[field],
                    lost=row[field],
                    kept_desk=change.origin,
                    lost_desk=clock[2],
                )
            row[field] = incoming[field]
            clocks[(change.row_id, field)] = (change.hlc, change.seq, change.origin)
            batch.set_clock(change, field, change.hlc, change.origin)
            won.append(field)
            continue
        if concurrent and differs:
            batch.conflict(
                kind="field",
                change=change,
                field=field,
                kept=row[field],
                lost=incoming[field],
                kept_desk=clock[2],
                lost_desk=change.origin,
            )
        batch.correction(spec.name, change.row_id, (field,), row, clock[0])
    return won


def _move_out_of_the_way(
    batch: ServerBatch, spec: SyncedTable, change: Change, row: dict[str, Any], column: str
) -> None:
    value = row[column]
    table = spec.table
    holder = batch.connection.scalar(
        select(table.c.id).where(table.c[column] == value, table.c.id != uuid.UUID(change.row_id))
    )
    if holder is None:
        return
    moved = rules.collision_changes(spec.name, column, value, change.row_id, spec.max_length(column))
    row.update(codec.to_python(spec.name, moved))
    batch.renamed(change, moved, row, column, value)


def _current_rows(batch: ServerBatch, spec: SyncedTable, ids: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    table = spec.table
    for start in range(0, len(ids), 1000):
        chunk = [uuid.UUID(i) for i in ids[start : start + 1000]]
        for row in batch.connection.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            found[row["id"].hex] = dict(row)
    return found


def _clocks(batch: ServerBatch, table: str, ids: list[str]) -> dict[tuple[str, str], ClockEntry]:
    clock = server_field_clock.c
    found: dict[tuple[str, str], ClockEntry] = {}
    for start in range(0, len(ids), 1000):
        query = select(clock.row_id, clock.field, clock.hlc, clock.seq, clock.desk).where(
            clock.tbl == table, clock.row_id.in_(ids[start : start + 1000])
        )
        for row_id, field, stamp, seq, desk in batch.connection.execute(query):
            found[(row_id, field)] = (stamp, seq, desk)
    return found


def _write(batch: ServerBatch, spec: SyncedTable, writes: list[dict[str, Any]]) -> None:
    """One executemany per distinct set of written fields."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for write in writes:
        groups.setdefault(tuple(sorted(k for k in write if k != "_id")), []).append(write)
    table = spec.table
    for fields, rows in groups.items():
        statement = (
            table.update()
            .where(table.c.id == bindparam("_id"))
            .values({f: bindparam(f"v_{f}", type_=table.c[f].type) for f in fields})
        )
        params = [{"_id": r["_id"], **{f"v_{f}": r[f] for f in fields}} for r in rows]
        batch.connection.execute(statement, params)
