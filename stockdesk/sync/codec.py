"""Row values on the wire: exactly the form the SQLite file stores (the trigger's json_object).

Uuids are 32 hex digits, decimals scaled integers, times "YYYY-MM-DD HH:MM:SS.ffffff" in UTC and
booleans 0/1. A desk therefore writes pulled values into its file without converting them; the
server converts them with the column types' own SQLite processors before binding them to
PostgreSQL, and back when it makes changes of its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.dialects import sqlite

from stockdesk.db.synced_tables import synced_tables

_SQLITE = sqlite.dialect()
Processor = Callable[[Any], Any] | None


@cache
def _processors(table: str) -> dict[str, tuple[Processor, Processor]]:
    spec = synced_tables()[table]
    found: dict[str, tuple[Processor, Processor]] = {}
    for column in spec.table.columns:
        found[column.name] = (
            column.type.dialect_impl(_SQLITE).result_processor(_SQLITE, None),
            column.type.dialect_impl(_SQLITE).bind_processor(_SQLITE),
        )
    return found


def to_python(
    table: str,
    raw: Mapping[str, Any],
    columns: Any = None,
    memo: dict[tuple[str, Any], Any] | None = None,
) -> dict[str, Any]:
    """Stored form -> Python values (Decimal, UUID, datetime, bool) for the named columns.

    `memo` keeps each (column, stored value) converted once across many rows: a push of 100,000
    movements names the same user, store and few hundred items over and over, and converting a
    UUID costs more than looking it up. The values are immutable, so sharing them is safe."""
    processors = _processors(table)
    names = raw.keys() if columns is None else columns
    values: dict[str, Any] = {}
    for name in names:
        if name not in processors:
            continue  # a column this schema version does not have (refused earlier by the version check)
        value = raw.get(name)
        convert = processors[name][0]
        if convert is None or value is None:
            values[name] = value
        elif memo is not None and isinstance(value, (str, int)):
            key = (name, value)
            found = memo.get(key, _UNSEEN)
            if found is _UNSEEN:
                found = memo[key] = convert(value)
            values[name] = found
        else:
            values[name] = convert(value)
    return values


_UNSEEN = object()


def to_raw(table: str, values: Mapping[str, Any] | RowMapping) -> dict[str, Any]:
    processors = _processors(table)
    raw: dict[str, Any] = {}
    for name, value in values.items():
        convert = processors[name][1]
        raw[name] = convert(value) if convert is not None and value is not None else value
    return raw


def dumps(raw: Mapping[str, Any]) -> str:
    return json.dumps(raw, separators=(",", ":"), default=str)
