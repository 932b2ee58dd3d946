"""A server's pool pings a PostgreSQL connection only when it has lain idle, not on every checkout.

`pool_pre_ping` costs a round trip (and its CPU on both sides) every time a connection leaves the pool,
and an API request takes one out several times. A connection handed back moments ago is as alive as
the ping would show; one idle for longer (the server restarted, a firewall dropped it) is pinged as
before and, if dead, replaced before the request sees it. Only the server's pool uses this: the desk
takes connections out rarely and keeps the plain pre-ping.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, event, exc

IDLE_SECONDS = 2.0


def install(engine: Engine) -> None:
    """Ping on checkout only connections idle for more than IDLE_SECONDS (the engine has no pre-ping)."""

    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    def checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("idle_since", None)
        if since is None or time.monotonic() - since <= IDLE_SECONDS:
            return  # new (just connected), or back in the pool a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError(str(error)) from error  # the pool connects afresh and retries

    event.listen(engine, "checkin", checked_in)
    event.listen(engine, "checkout", checked_out)
