"""PostgreSQL connections that keep their prepared statements when a healthy transaction rolls back.

psycopg prepares a statement it has run five times, and forgets every one of them (sending
`DEALLOCATE ALL`) whenever it rolls a transaction back. A unit of work that only read ends in a
rollback, and the API's precompiled reads (`fast_read`) share the pool with such units: on a server
that mixes routed requests with fast ones, the fast reads were prepared again after nearly every
routed request, and planned afresh meanwhile.

PostgreSQL itself keeps prepared statements across a rollback: they are not transactional. What a
rollback can lose is a statement whose preparation failed inside a failed transaction, and then the
transaction is in error. So a rollback of a transaction in error still goes through psycopg (which
forgets them all, as before); a rollback of a healthy one is a plain ROLLBACK.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import pq
from psycopg.rows import TupleRow
from sqlalchemy import Engine, event


class StatementKeepingConnection(psycopg.Connection[TupleRow]):
    def rollback(self) -> None:
        if self.pgconn.transaction_status != pq.TransactionStatus.INTRANS:
            super().rollback()  # in error (or nothing to end): psycopg's own, forgetting its statements
            return
        self.execute("ROLLBACK", prepare=False)


def install(engine: Engine) -> None:
    """The engine's new connections keep their prepared statements across healthy rollbacks."""

    @event.listens_for(engine, "do_connect")
    def connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> StatementKeepingConnection:
        return StatementKeepingConnection.connect(*cargs, **cparams)
