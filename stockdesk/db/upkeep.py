"""PostgreSQL's own upkeep of the shop's tables: whether autovacuum runs, and a VACUUM on demand.

Every post rewrites rows the item lists read (a level, an item's summary, its low-stock mark), and
every item edit adds entries to the search indexes' pending lists. Autovacuum clears the dead rows
and merges those entries. Where a server runs without it, the lists and searches slow down week by
week: on a benchmark machine with `autovacuum = off`, an hour of posts left 176,039 dead summary
rows and doubled a search's cost (docs/benchmarks.md, stop 46). SQLite needs none of this: it
reuses the space of deleted rows itself, and its search index has no pending list.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text


@dataclass(frozen=True)
class AutovacuumGaps:
    """Where autovacuum does not run: the whole server, or these tables of the shop's schema."""

    server_off: bool
    tables_off: tuple[str, ...]

    def __bool__(self) -> bool:
        return self.server_off or bool(self.tables_off)


def autovacuum_gaps(engine: Engine) -> AutovacuumGaps | None:
    """None on SQLite (it has no autovacuum to miss)."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as connection:
        # Autovacuum picks its tables by the statistics it counts: without them it never starts.
        settings = "SELECT current_setting('autovacuum') = 'off' OR current_setting('track_counts') = 'off'"
        server_off = bool(connection.scalar(text(settings)))
        tables = connection.scalars(
            text(
                "SELECT c.relname FROM pg_class c "
                "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm') "
                "AND 'autovacuum_enabled=false' = ANY (c.reloptions) ORDER BY c.relname"
            )
        ).all()
    return AutovacuumGaps(server_off=server_off, tables_off=tuple(tables))


def vacuum(engine: Engine) -> bool:
    """VACUUM (ANALYZE) every table of the database: dead rows cleared, pending index entries merged,
    the planner's statistics renewed; other sessions go on reading and writing meanwhile. False on
    SQLite, which has nothing of the kind to clear: only its statistics are renewed where stale."""
    if engine.dialect.name != "postgresql":
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA optimize")
        return False
    # VACUUM refuses to run inside a transaction block.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM (ANALYZE)")
    return True
