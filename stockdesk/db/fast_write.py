"""Executemany for tens of thousands of rows, with each column's conversion looked up once.

SQLAlchemy's Core executemany converts every parameter of every row through a generic path
(`construct_params` and a processor lookup per row): for a 50,000-line stocktake that costs more
than SQLite spends writing the rows. Here the statement is compiled once, the bind processors and
Python-side defaults (ids, timestamps) are resolved once per column, and the rows go to the driver
as plain tuples. The SQL and the stored values are exactly those SQLAlchemy would have produced.

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
    readers: list[Callable[[Mapping[str, Any]], Any]] = []
    for name in compiled.positiontup or []:
        bind = compiled.binds[name]
        processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if name in keys:
            readers.append(_reader(name, processor))
        elif name in per_row:
            # SQLAlchemy wraps zero-argument callables to take the context
            readers.append(_generated(per_row[name], processor))
        else:  # a batch-wide default, or a value given in the statement itself (`.values(kind=...)`)
            value = once.get(name, bind.effective_value)
            constant = processor(value) if processor else value
            readers.append(_constant(constant))
    params = [tuple([read(row) for read in readers]) for row in rows]
    connection.exec_driver_sql(compiled.string, params)


def _reader(name: str, processor: Callable[[Any], Any] | None) -> Callable[[Mapping[str, Any]], Any]:
    """The function that turns a row into this parameter's driver value (closures keep it one call)."""
    if processor is None:
        return lambda row: row[name]
    last: list[Any] = [_UNSET, None]

    def read(row: Mapping[str, Any]) -> Any:
        # A batch repeats the same objects down a column (its timestamp, store, user): convert once.
        value = row[name]
        if value is not last[0]:
            last[0], last[1] = value, processor(value)
        return last[1]

    return read


def _generated(
    make: Callable[[Any], Any], processor: Callable[[Any], Any] | None
) -> Callable[[Mapping[str, Any]], Any]:
    """A fresh value per row from a Python-side default (a new id)."""
    if processor is None:
        return lambda _row: make(None)
    return lambda _row: processor(make(None))


def _constant(value: Any) -> Callable[[Mapping[str, Any]], Any]:
    return lambda _row: value


def _generator_of(default: Any) -> Callable[[Any], Any]:
    generator: Callable[[Any], Any] = default.arg
    return generator


_UNSET = object()


def _value_of(default: Any) -> Any:
    return default.arg(None) if default.is_callable else default.arg
