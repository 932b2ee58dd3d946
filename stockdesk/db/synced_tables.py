"""Which tables sync, which of their columns are content, and their unique keys.

Every mapped class with the Synced mixin syncs: a table another engineer adds later is covered
without touching the sync code. Columns are read from `Base.metadata` at the current schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Table, UniqueConstraint

from stockdesk.db import schema  # noqa: F401 - registers every table
from stockdesk.db.base import Base, Synced

# Bookkeeping columns: they travel with every change but never make a conflict on their own.
META_COLUMNS = frozenset({"id", "created_at", "updated_at", "updated_by", "origin_desk", "hlc"})


@dataclass(frozen=True)
class SyncedTable:
    table: Table
    columns: tuple[str, ...]
    content: tuple[str, ...]  # columns whose change is an edit a person made
    unique_text: tuple[str, ...]  # single-column unique text keys: a collision is renamed
    unique_multi: tuple[tuple[str, ...], ...]  # other unique keys: the later row is dropped

    @property
    def name(self) -> str:
        return self.table.name

    def max_length(self, column: str) -> int:
        return int(getattr(self.table.c[column].type, "length", None) or 200)


def _uniques(table: Table) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    keys: list[tuple[str, ...]] = [
        tuple(c.name for c in con.columns) for con in table.constraints if isinstance(con, UniqueConstraint)
    ]
    keys += [(c.name,) for c in table.columns if c.unique]
    keys += [tuple(c.name for c in ix.columns) for ix in table.indexes if ix.unique]
    text = tuple(sorted({k[0] for k in keys if len(k) == 1 and k[0] != "id"}))
    multi = tuple(sorted({k for k in keys if len(k) > 1}))
    return text, multi


@cache
def synced_tables() -> dict[str, SyncedTable]:
    found: dict[str, SyncedTable] = {}
    for mapper in Base.registry.mappers:
        if not issubclass(mapper.class_, Synced) or not isinstance(mapper.local_table, Table):
            continue
        table = mapper.local_table
        columns = tuple(c.name for c in table.columns)
        text, multi = _uniques(table)
        found[table.name] = SyncedTable(
            table, columns, tuple(c for c in columns if c not in META_COLUMNS), text, multi
        )
    return found


def dependency_order() -> list[str]:
    """Parents before children (for a snapshot copy)."""
    names = set(synced_tables())
    return [t.name for t in Base.metadata.sorted_tables if t.name in names]
