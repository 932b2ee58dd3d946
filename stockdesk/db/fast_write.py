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
    defaults = {col.key: _default_maker(col.default) for col in compiled.insert_prefetch}
    defaults.update({col.key: _default_maker(col.onupdate) for col in compiled.update_prefetch})
    readers: list[Callable[[Mapping[str, Any]], Any]] = []
    for name in compiled.positiontup or []:
        bind = compiled.binds[name]
        processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if name in keys:
            readers.append(_reader(name, None, processor))
        elif name in defaults:
            readers.append(_reader(name, defaults[name], processor))
        else:  # a value given in the statement itself (`.values(kind="count")`)
            constant = processor(bind.effective_value) if processor else bind.effective_value
            readers.append(lambda _row, value=constant: value)
    params = [tuple([read(row) for read in readers]) for row in rows]
    connection.exec_driver_sql(compiled.string, params)


def _reader(
    name: str, default: Callable[[], Any] | None, processor: Callable[[Any], Any] | None
) -> Callable[[Mapping[str, Any]], Any]:
    """The function that turns a row into this parameter's driver value (closures keep it one call)."""
    if default is not None:
        if processor is None:
            return lambda _row: default()
        return lambda _row: processor(default())
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


_UNSET = object()


def _default_maker(default: Any) -> Callable[[], Any]:
    """A Python-side default (or onupdate) of `column`, computed per row as SQLAlchemy would."""
    arg = default.arg
    if default.is_callable:
        return lambda: arg(None)  # SQLAlchemy wraps zero-argument callables to take the context
    return lambda: arg
