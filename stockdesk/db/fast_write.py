"""Executemany for tens of thousands of rows, with each column's conversion looked up once.

SQLAlchemy's Core executemany converts every parameter of every row through a generic path
(`construct_params` and a processor lookup per row): for a 50,000-line stocktake that costs more
than SQLite spends writing the rows. Here the statement is compiled once (and kept for the next
batch of the same statement and keys: a sale at the counter is a batch of one), the bind processors and
Python-side defaults (ids, timestamps) are resolved once per column, the values are converted a
column at a time (each distinct value once), and the rows go to the driver as plain tuples.
The SQL and the stored values are exactly those SQLAlchemy would have produced.

Only SQLite takes this path: on PostgreSQL SQLAlchemy batches inserts ("insertmanyvalues", turned on
for inserts without RETURNING too by `engine.make_engine`) and the server, not Python, is the cost.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql.dml import Insert, Update

from stockdesk.db import scratch


@dataclass(frozen=True)
class _Plan:
    """What compiling a statement for a set of keys decides, kept for the next batch of the same shape."""

    sql: str
    through: tuple[str, str] | None  # a plain insert's (table, columns): a big batch goes through scratch
    # per parameter: (where its value comes from, the key or default, the driver conversion)
    params: list[tuple[str, Any, Callable[[Any], Any] | None]]


# Keyed by the statement object itself (held, so its identity is never reused while cached): callers
# that post one movement at a time pass module-level statements and compile once per process.
_PLANS: dict[tuple[Insert | Update, str, tuple[str, ...]], _Plan] = {}
_MAX_PLANS = 256
# From this many rows a plain insert pays for going through a scratch table (`scratch.insert_through`).
THROUGH_SCRATCH_FROM = 200


def executemany(
    connection: Connection, statement: Insert | Update, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Run `statement` once per row; every row must name the same keys."""
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(statement, list(rows))
        return
    plan = _plan(connection, statement, tuple(rows[0]))
    count = len(rows)
    columns: list[list[Any]] = []
    for source, what, processor in plan.params:
        if source == "key":
            columns.append(_column(rows, what, processor))
        elif source == "per_row":
            fresh = [what(None) for _ in range(count)]  # SQLAlchemy wraps zero-argument callables
            columns.append(list(map(processor, fresh)) if processor else fresh)
        else:  # a batch-wide default (made now: a timestamp), or a value given in the statement itself
            value = _value_of(what) if source == "default" else what
            columns.append([processor(value) if processor else value] * count)
    values = list(zip(*columns, strict=True))
    if plan.through is not None and count >= THROUGH_SCRATCH_FROM:
        scratch.insert_through(connection, *plan.through, values)
    else:
        connection.exec_driver_sql(plan.sql, values)


def _plan(connection: Connection, statement: Insert | Update, keys: tuple[str, ...]) -> _Plan:
    cache_key = (statement, connection.dialect.name, keys)
    plan = _PLANS.get(cache_key)
    if plan is not None:
        return plan
    dialect = connection.dialect
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    # Python-side defaults: a key (a new id) for every row; anything else (a timestamp) once for the
    # batch, which is written at one moment: one conversion instead of one per row.
    per_row = {col.key: _generator_of(col.default) for col in compiled.insert_prefetch if col.primary_key}
    once = {col.key: col.default for col in compiled.insert_prefetch if not col.primary_key}
    once.update({col.key: col.onupdate for col in compiled.update_prefetch})
    params: list[tuple[str, Any, Callable[[Any], Any] | None]] = []
    for name in compiled.positiontup or []:
        bind = compiled.binds[name]
        processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if name in keys:
            params.append(("key", name, processor))
        elif name in per_row:
            params.append(("per_row", per_row[name], processor))
        elif name in once:
            params.append(("default", once[name], processor))
        else:
            params.append(("value", bind.effective_value, processor))
    if len(_PLANS) >= _MAX_PLANS:  # statements built per call would otherwise pile up
        _PLANS.clear()
    plan = _PLANS[cache_key] = _Plan(compiled.string, scratch.plain_insert(compiled.string), params)
    return plan


def _column(
    rows: Sequence[Mapping[str, Any]], name: str, processor: Callable[[Any], Any] | None
) -> list[Any]:
    """One parameter's driver values down the batch, a column at a time (C loops, not a call per cell).

    A batch repeats values down a column (its timestamp, store, user; a few prices): each distinct
    value is converted once. Equal values convert equally (1 and Decimal("1.000") store the same).
    """
    values = [row[name] for row in rows]
    if processor is None:
        return values
    if isinstance(values[0], uuid.UUID):  # hashed in Python: a look-up costs more than converting anew
        return list(map(processor, values))
    distinct = set(values)
    if len(distinct) * 2 > len(values):  # mostly different (ids): a table would cost more than it saves
        return list(map(processor, values))
    converted = {value: processor(value) for value in distinct}
    return [converted[value] for value in values]


def _generator_of(default: Any) -> Callable[[Any], Any]:
    generator: Callable[[Any], Any] = default.arg
    return generator


def _value_of(default: Any) -> Any:
    return default.arg(None) if default.is_callable else default.arg
