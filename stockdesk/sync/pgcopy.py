"""Bulk writes on the server with COPY: a 5,000-row multi-VALUES insert spends most of its time
having its placeholders parsed by the driver; COPY streams rows with no SQL text per row."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Dialect, Table

from stockdesk.db.types import ExactDecimal


def copy_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def _raw_converters(table: Table) -> list[Any]:
    """Stored (SQLite) form -> COPY text input: only scaled decimals need work; uuids, UTC times
    (the session runs in UTC) and 0/1 booleans are already valid PostgreSQL input."""
    converters: list[Any] = []
    for column in table.columns:
        scale = getattr(column.type, "scale", None)
        if isinstance(column.type, ExactDecimal) and scale is not None:
            converters.append(lambda v, s=scale: None if v is None else Decimal(v).scaleb(-s))
        else:
            converters.append(None)
    return converters


def insert_new(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> set[str]:
    """Insert stored-form rows whose id is new (through a temporary table); returns the new ids (hex)."""
    columns = [c.name for c in table.columns]
    temp = f"_incoming_{table.name}"
    connection.exec_driver_sql("SET LOCAL TIME ZONE 'UTC'")
    connection.exec_driver_sql(
        f'CREATE TEMP TABLE IF NOT EXISTS "{temp}" (LIKE "{table.name}") ON COMMIT DELETE ROWS'
    )
    connection.exec_driver_sql(f'TRUNCATE "{temp}"')
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    pairs = list(zip(columns, _raw_converters(table), strict=True))
    with cursor.copy(f'COPY "{temp}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row.get(c) if f is None else f(row.get(c)) for c, f in pairs])
    inserted = connection.exec_driver_sql(
        f'INSERT INTO "{table.name}" ({names}) SELECT {names} FROM "{temp}" '
        f"ON CONFLICT (id) DO NOTHING RETURNING replace(id::text, '-', '')"
    ).scalars()
    return set(inserted)


def _record_definition(table: Table, dialect: Dialect) -> str:
    """Column list for jsonb_to_record: scaled decimals arrive as integers, read as unbounded numerics."""
    parts = []
    for column in table.columns:
        if isinstance(column.type, ExactDecimal):
            sql_type = "numeric"
        else:
            sql_type = column.type.compile(dialect=dialect)
        parts.append(f'"{column.name}" {sql_type}')
    return ", ".join(parts)


def _record_values(table: Table) -> str:
    parts = []
    for column in table.columns:
        scale = getattr(column.type, "scale", None)
        if isinstance(column.type, ExactDecimal) and scale:
            parts.append(f'r."{column.name}" / {10**scale}::numeric')  # exact: a power of ten
        else:
            parts.append(f'r."{column.name}"')
    return ", ".join(parts)


def insert_json(
    connection: Connection, table: Table, documents: Sequence[str], *, add_to_levels: bool = False
) -> dict[tuple[uuid.UUID, uuid.UUID], Decimal]:
    """Insert stored-form rows, given as the JSON text the desk captured, whose id is new.

    One COPY of the texts into a temporary table, then one set-based INSERT ... SELECT that parses
    them on the server (jsonb_to_record): no per-row work in Python. With `add_to_levels` (movements)
    the same statement adds the new rows' quantities to `stock_level` and returns the places touched
    with their new on-hand; a replayed row (id already there) adds nothing.
    """
    temp = "_incoming_json"
    connection.exec_driver_sql("SET LOCAL TIME ZONE 'UTC'")  # stored times are UTC without an offset
    connection.exec_driver_sql(f'CREATE TEMP TABLE IF NOT EXISTS "{temp}" (data text) ON COMMIT DELETE ROWS')
    connection.exec_driver_sql(f'TRUNCATE "{temp}"')
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f'COPY "{temp}" (data) FROM STDIN') as copy:
        for document in documents:
            copy.write_row((document,))
    names = ", ".join(f'"{c.name}"' for c in table.columns)
    insert = (
        f'INSERT INTO "{table.name}" ({names}) SELECT {_record_values(table)} FROM "{temp}" s, '
        f"jsonb_to_record(s.data::jsonb) AS r({_record_definition(table, connection.dialect)}) "
        "ON CONFLICT (id) DO NOTHING"
    )
    if not add_to_levels:
        connection.exec_driver_sql(insert)
        return {}
    rows = connection.exec_driver_sql(
        f"WITH ins AS ({insert} RETURNING item_id, store_id, quantity) "
        "INSERT INTO stock_level (item_id, store_id, on_hand) "
        "SELECT item_id, store_id, sum(quantity) FROM ins GROUP BY item_id, store_id ORDER BY 1, 2 "
        "ON CONFLICT (item_id, store_id) DO UPDATE SET on_hand = stock_level.on_hand + excluded.on_hand "
        "RETURNING item_id, store_id, on_hand"
    )
    return {(item, store): on_hand for item, store, on_hand in rows}
