"""The database's moment: which transactions had ended when a statement began (PostgreSQL's snapshot).

An answer kept in memory (a look-up's: `api.lookup_memory`) may be given again only while nothing
has been committed since it was read. PostgreSQL says so in one short statement:
`pg_current_snapshot()` names the statement's snapshot (its xmin, its xmax and the transactions
still running then). Two statements with the same snapshot saw the same committed rows in every
table; a transaction that wrote anything and ended (committed or rolled back) in between changes it,
while reads take no transaction id and change nothing. It is the whole cluster's: a write in another
database changes it too, and the memory is then read afresh. So a moment can say "unchanged" only
when nothing changed, never the other way round.

Reads run together in autocommit (`fast_read.rows_together`) take a snapshot each. Framed by a
moment before and after (`framed`), they all saw one state exactly when the two moments are equal:
no transaction ended between the first and the last (`unframed`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NewType

from sqlalchemy import Text, cast, func, select

from stockdesk.db.fast_read import FastRead, Rows, rows_together
from stockdesk.services.database import Database

Moment = NewType("Moment", str)
Reads = Sequence[tuple[FastRead, Mapping[str, Any]]]

_MOMENT = FastRead(select(cast(func.pg_current_snapshot(), Text)))


def moment_now(database: Database) -> Moment:
    """The database's moment now (PostgreSQL only)."""
    return Moment(rows_together(database.engine, [(_MOMENT, {})])[0][0][0])


def framed(reads: Reads) -> list[tuple[FastRead, Mapping[str, Any]]]:
    """`reads` with a read of the moment before and after them, for `rows_together`."""
    return [(_MOMENT, {}), *reads, (_MOMENT, {})]


def unframed(rows: Sequence[Rows]) -> tuple[Moment | None, list[Rows]]:
    """The rows of `framed` reads without the moments', and the moment they all saw the database at
    (None when a transaction ended while they ran: each may have seen another state)."""
    before, *inner, after = rows
    same = before[0][0] == after[0][0]
    return (Moment(before[0][0]) if same else None), inner
