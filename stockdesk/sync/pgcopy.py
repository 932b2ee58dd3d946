"""Bulk writes on the server with COPY: a 5,000-row multi-VALUES insert spends most of its time
having its placeholders parsed by the driver; COPY streams rows with no SQL text per row."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table

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
