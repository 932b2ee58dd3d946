"""When a pooled PostgreSQL connection is pinged as it leaves the pool, and when it is not.

A ping is a round trip (and its CPU on both sides). The desk takes connections out rarely and pings
every one, as `pool_pre_ping` would. A server's pool pings only connections that lay idle: an API
request takes one out several times, and a connection handed back moments ago is as alive as the
ping would show; one idle for longer (the server restarted, a firewall dropped it) is pinged and, if
dead, replaced before the request sees it.

A one-statement read (`fast_read`, the scan's look-up) is not pinged at all: the read itself finds
out whether the connection lives, and on a dead one it is run again on a fresh connection (a read is
safe to run twice). A ping would double what a scan costs on PostgreSQL.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from sqlalchemy import Engine, event, exc
from sqlalchemy.pool import PoolProxiedConnection

IDLE_SECONDS = 2.0
_unpinged = threading.local()


def unpinged_connection(engine: Engine) -> PoolProxiedConnection:
    """A pooled DB-API connection taken without a ping: the caller handles a dead one."""
    _unpinged.active = True
    try:
        return engine.raw_connection()
    finally:
        _unpinged.active = False


def install(engine: Engine, *, every_checkout: bool = False) -> None:
    """Ping on checkout (the engine has no pre-ping): every connection, or only those idle for more
    than IDLE_SECONDS; never for `unpinged_connection`."""

    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    def checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("idle_since", None)
        if since is None or getattr(_unpinged, "active", False):
            return  # new (just connected), or the caller's own statement will tell
        if not every_checkout and time.monotonic() - since <= IDLE_SECONDS:
            return  # back in the pool a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError(str(error)) from error  # the pool connects afresh and retries

    event.listen(engine, "checkin", checked_in)
    event.listen(engine, "checkout", checked_out)
