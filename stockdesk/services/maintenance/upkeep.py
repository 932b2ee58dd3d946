"""Keeping a PostgreSQL shop lean: a warning where autovacuum does not run, and `stockdesk vacuum`.

The warning is shown by `stockdesk check` and when the server starts: the two places an
administrator looks. It names the fix; it never stops either (a shop that vacuums on a schedule of
its own has chosen so).
"""

from __future__ import annotations

from stockdesk.db import upkeep
from stockdesk.services.database import Database

VACUUM_HINT = "run `stockdesk vacuum` regularly (e.g. nightly) or turn autovacuum on"


def autovacuum_warning(db: Database) -> str | None:
    """A one-paragraph warning naming where autovacuum is off, or None (also on SQLite)."""
    gaps = upkeep.autovacuum_gaps(db.engine)
    return None if gaps is None else warning_for(gaps)


def warning_for(gaps: upkeep.AutovacuumGaps) -> str | None:
    if not gaps:
        return None
    if gaps.server_off:
        where = "PostgreSQL's autovacuum is off (or track_counts, which it needs)"
    else:
        where = f"autovacuum is off for table(s) {', '.join(gaps.tables_off)}"
    return (
        f"warning: {where}: the rows each post and edit leaves behind are never cleared, and lists and "
        f"searches slow down over the weeks; {VACUUM_HINT}"
    )


def vacuum(db: Database) -> bool:
    """Clear dead rows, merge the search indexes' pending entries and renew the planner's statistics;
    False on SQLite, which reuses the space of deleted rows itself (its statistics are renewed)."""
    return upkeep.vacuum(db.engine)
