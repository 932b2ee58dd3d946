"""PostgreSQL connections kept, outside the pool, for the reads an API worker runs on its event loop.

The API's hottest reads (a look-up, an item, a page of the list: `fast_read.rows_together`) run on
the worker's event loop itself, one at a time. Each took a connection from the pool and gave it back:
the checkout and check-in, turning autocommit on and off and the pool's reset cost about 55 µs of a
worker's CPU a read, against about 125 µs for psycopg's own execute and fetch of a page of 51 rows.
A keyset page in the middle of the list paid more again: its generic plan was asked for inside a
transaction of its own (BEGIN, SET LOCAL, COMMIT: three more statements in its pipeline).

Here an event loop keeps two connections of its own, in autocommit for good: one plain, and one whose
session asks for generic plans (`plan_cache_mode`), for the reads that want them. They are used only
inside `in_use()`, which the loop enters around a read it runs itself, so only one read at a time
ever has them; threads keep to the pool. A connection that fails is closed and made afresh on the
next read (a dead one is retried at once by `fast_read`, as a pooled one is). Both close with the
engine (`Engine.dispose`, as `Database.close` does).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine, event

from stockdesk.db import idle_ping

GENERIC_PLANS = "SET plan_cache_mode = force_generic_plan"


class KeptReads:
    """The kept connections of one engine, for reads on one event loop's thread."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._connections: dict[bool, Any] = {}  # the driver's (psycopg's) connections, by "generic plans"
        event.listen(engine, "engine_disposed", self._disposed)

    def connection(self, generic: bool) -> Any:
        """The kept driver connection (in autocommit); `generic`: the one that plans generically."""
        if generic not in self._connections:
            # Taken from the pool unpinged (a dead one fails its read, which is then run again) and
            # detached: the pool may open another in its place, and this one is never handed back.
            pooled = idle_ping.unpinged_connection(self.engine)
            kept: Any = pooled.driver_connection
            pooled.detach()
            kept.autocommit = True
            if generic:
                kept.execute(GENERIC_PLANS)
            self._connections[generic] = kept
        return self._connections[generic]

    def drop(self, generic: bool) -> None:
        """Close the connection (it failed: its state is unknown); the next read makes a new one."""
        kept = self._connections.pop(generic, None)
        if kept is not None:
            with suppress(Exception):  # a dead connection may fail to close; it is gone either way
                kept.close()

    def close(self) -> None:
        for generic in list(self._connections):
            self.drop(generic)

    def _disposed(self, _engine: Engine) -> None:
        self.close()

    @contextmanager
    def in_use(self) -> Iterator[None]:
        """Reads made inside run on these connections (the caller's thread runs one at a time)."""
        token = _IN_USE.set(self)
        try:
            yield
        finally:
            _IN_USE.reset(token)


_IN_USE: ContextVar[KeptReads | None] = ContextVar("kept_reads", default=None)


def kept_for(engine: Engine) -> KeptReads | None:
    """The kept connections in use here for `engine`'s reads, if any."""
    kept = _IN_USE.get()
    return kept if kept is not None and kept.engine is engine else None
