"""Applying a run of pushed inserts on the server, unique-key collisions included."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, tuple_

from stockdesk.db.synced_tables import SyncedTable, synced_tables
from stockdesk.sync import codec, rules
from stockdesk.sync.changes import Change
from stockdesk.sync.pgcopy import insert_json, insert_new
from stockdesk.sync.server.batch import ServerBatch

CHUNK = 1000


def apply_inserts(batch: ServerBatch, run: list[Change]) -> None:
    spec = synced_tables()[run[0].tbl]
    for change in run:
        batch.take_seq(change)
    if not spec.unique_text and not spec.unique_multi:
        # Nothing to rename or drop (the ledger, the audit log...): the rows go in as the desk's JSON
        # text, parsed by one set-based statement on the server; movements settle levels there too.
        documents = [c.data or codec.dumps(c.raw) for c in run]
        movements = spec.name == "stock_movement"
        batch.levels.update(insert_json(batch.connection, spec.table, documents, add_to_levels=movements))
        batch.flush_pending()
        return
    for column in spec.unique_text:
        _rename_collisions(batch, spec, run, column)
    if spec.unique_multi:
        rows = {c.row_id: codec.to_python(spec.name, c.raw, spec.columns) for c in run}
        for key in spec.unique_multi:
            _drop_collisions(batch, spec, run, rows, key)
    kept = [c.raw for c in run if c.op == "I"]
    if not kept:
        batch.flush_pending()
        return
    insert_new(batch.connection, spec.table, kept)
    batch.flush_pending()


def _holders(batch: ServerBatch, spec: SyncedTable, column: str, values: set[Any]) -> dict[Any, str]:
    found: dict[Any, str] = {}
    table = spec.table
    ordered = sorted(values)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        query = select(table.c[column], table.c.id).where(table.c[column].in_(chunk))
        found.update({value: ident.hex for value, ident in batch.connection.execute(query)})
    return found


def _rename_collisions(batch: ServerBatch, spec: SyncedTable, run: list[Change], column: str) -> None:
    """The later row (this one) gets a suffixed key; the desks learn it from a correction entry."""
    taken = _holders(batch, spec, column, {c.raw[column] for c in run if c.raw.get(column) is not None})
    for change in run:
        value = change.raw.get(column)
        if value is None:
            continue
        holder = taken.get(value)
        if holder is None or holder == change.row_id:
            taken[value] = change.row_id
            continue
        moved = rules.collision_changes(spec.name, column, value, change.row_id, spec.max_length(column))
        change.raw.update(moved)
        change.data = ""
        taken[moved[column]] = change.row_id
        batch.renamed(change, moved, codec.to_python(spec.name, change.raw, spec.columns), column, value)


def _drop_collisions(
    batch: ServerBatch,
    spec: SyncedTable,
    run: list[Change],
    rows: dict[str, dict[str, Any]],
    key: tuple[str, ...],
) -> None:
    """Two rows meaning the same fact (a clerk assigned twice): the later one is not applied."""
    table = spec.table
    wanted = {tuple(rows[c.row_id][k] for k in key) for c in run}
    taken: dict[tuple[Any, ...], uuid.UUID] = {}
    ordered = list(wanted)
    for start in range(0, len(ordered), CHUNK):
        query = select(table.c.id, *(table.c[k] for k in key)).where(
            tuple_(*(table.c[k] for k in key)).in_(ordered[start : start + CHUNK])
        )
        taken.update({tuple(r[1:]): r[0] for r in batch.connection.execute(query)})
    for change in run:
        values = tuple(rows[change.row_id][k] for k in key)
        holder = taken.get(values)
        if holder is None or holder.hex == change.row_id:
            taken[values] = uuid.UUID(change.row_id)
            continue
        change.op = "X"
        batch.conflict(
            kind="unique",
            change=change,
            field=",".join(key),
            kept=holder.hex,
            lost=change.row_id,
            kept_desk="",
            lost_desk=change.origin,
        )
