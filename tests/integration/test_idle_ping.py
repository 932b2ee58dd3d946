"""The server's pool pings only connections that lay idle: a dead one is still replaced unseen."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from stockdesk.db import idle_ping
from stockdesk.db.engine import make_engine

pytestmark = pytest.mark.pg


def test_a_connection_killed_while_idle_is_replaced_before_a_request_uses_it(pg_server, monkeypatch):
    engine = make_engine(pg_server, connections=2)
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            first = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with admin.connect() as killer:  # a server restart or a firewall, as far as the pool can tell
            killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        monkeypatch.setattr(idle_ping, "IDLE_SECONDS", -1.0)  # every connection counts as idle long enough
        with engine.connect() as connection:
            second = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
        assert second != first
    finally:
        engine.dispose()
        admin.dispose()
