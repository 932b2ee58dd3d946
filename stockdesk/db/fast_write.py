"""Executemany for tens of thousands of rows, with each column's conversion looked up once.

SQLAlchemy's Core executemany converts every parameter of every row through a generic path
(`construct_params` and a processor lookup per row): for a 50,000-line stocktake that costs more
than SQLite spends writing the rows. Here the statement is compiled once, the bind processors and
Python-side defaults (ids, timestamps) are resolved once per column, the values are converted a
column at a time (each distinct value once), and the rows go to the driver as plain tuples.
The SQL and the stored values are exactly those SQLAlchemy would have produced.

Only SQLite takes this path: on PostgreSQL SQLAlchemy already batches inserts ("insertmanyvalues")
and the server, not Python, is the cost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql.dml import Insert, Update


def executemany(
    connection: Connection, statement: Insert | Update, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Run `statement` once per row; every row must name the same keys."""
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(statement, list(rows))
        return
    dialect = connection.dialect
    keys = list(rows[0])
    compiled = statement.compile(dialect=dialect, column_keys=keys)
    # Python-side defaults: a key (a new id) for every row; anything else (a timestamp) once for the
    # batch, which is written at one moment: one conversion instead of one per row.
    per_row = {col.key: _generator_of(col.default) for col in compiled.insert_prefetch if col.primary_key}
    once = {col.key: _value_of(col.default) for col in compiled.insert_prefetch if not col.primary_key}
    once.update({col.key: _value_of(col.onupdate) for col in compiled.update_prefetch})
    count = len(rows)
    columns: list[list[Any]] = []
    for name in compiled.positiontup or []:
        bind = compiled.binds[name]
        processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if name in keys:
            columns.append(_column(rows, name, processor))
        elif name in per_row:
            # SQLAlchemy wraps zero-argument callables to take the context
            make = per_row[name]
            fresh = [make(None) for _ in range(count)]
            columns.append(list(map(processor, fresh)) if processor else fresh)
        else:  # a batch-wide default, or a value given in the statement itself (`.values(kind=...)`)
            value = once.get(name, bind.effective_value)
            columns.append([processor(value) if processor else value] * count)
    connection.exec_driver_sql(compiled.string, list(zip(*columns, strict=True)))


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
