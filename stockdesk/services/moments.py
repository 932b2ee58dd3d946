"""The database's moment: which transactions had ended when a statement began (PostgreSQL's snapshot).

An answer kept in memory (a look-up's: `api.answer_memory`) may be given again only while nothing
has been committed since it was read. PostgreSQL says so in one short statement:
`pg_current_snapshot()` names the statement's snapshot (its xmin, its xmax and the transactions
still running then). Two statements with the same snapshot saw the same committed rows in every
table; a transaction that wrote anything and ended (committed or rolled back) in between changes it,
while reads take no transaction id and change nothing. It is the whole cluster's: a write in another
database changes it too, and the memory is then read afresh. So a moment can say "unchanged" only
when nothing changed, never the other way round.

Reads run together in autocommit (`fast_read.rows_together`) take a snapshot each. The moment of
the first of them is enough for all: if the moment is the same later, no transaction ended after it,
so the later reads saw that very state too. If one did end in between, they may have seen a newer
state, but the moment is then different later, and nothing read with it is given again.
"""

from __future__ import annotations

from typing import Any, NewType

from sqlalchemy import ColumnElement, Text, cast, func, select

from stockdesk.db.fast_read import FastRead, rows_together
from stockdesk.services.database import Database

Moment = NewType("Moment", str)


def column() -> ColumnElement[Any]:
    """The moment, as a column of a statement (the first one a round trip runs: its snapshot's)."""
    return cast(func.pg_current_snapshot(), Text)


_MOMENT = FastRead(select(column()))


def moment_now(database: Database) -> Moment:
    """The database's moment now (PostgreSQL only)."""
    return Moment(rows_together(database.engine, [(_MOMENT, {})])[0][0][0])
