"""Pings on checkout: the server's pool pings only connections that lay idle, a scan none; a dead one is
still replaced unseen. And the server's pool hands out the connection returned last."""

from __future__ import annotations

import pytest
from sqlalchemy import Integer, bindparam, create_engine, func, literal, select, text

from stockdesk.db import idle_ping
from stockdesk.db.engine import make_engine
from stockdesk.db.fast_read import FastRead

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


def _backend(engine):
    return FastRead(select(func.pg_backend_pid())).rows(engine, {})[0][0]


def test_a_scan_on_a_connection_the_server_dropped_still_answers_on_a_fresh_one(pg_server):
    engine = make_engine(pg_server)  # the desk's engine, which pings every other checkout
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    try:
        first = _backend(engine)
        with admin.connect() as killer:
            killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        assert _backend(engine) not in (first, None)
    finally:
        engine.dispose()
        admin.dispose()


def test_a_scan_costs_no_ping_while_the_desks_other_reads_keep_theirs(pg_server, monkeypatch):
    engine = make_engine(pg_server)
    pings: list[object] = []
    real_ping = engine.dialect.do_ping

    def counted_ping(connection: object) -> bool:
        pings.append(connection)
        return real_ping(connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted_ping)
    try:
        _backend(engine)
        _backend(engine)
        assert pings == []
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        assert len(pings) == 1
    finally:
        engine.dispose()


def test_a_failed_scan_hands_its_connection_back_out_of_autocommit(pg_server):
    engine = make_engine(pg_server, pool_size=1, max_overflow=0)  # the next checkout gets the same one
    try:
        with pytest.raises(Exception, match="division by zero"):
            FastRead(select(literal(1) / bindparam("zero", type_=Integer))).rows(engine, {"zero": 0})
        with engine.connect() as connection:
            connection.exec_driver_sql("CREATE TEMP TABLE scratch (x int)")
            connection.rollback()  # in autocommit this would keep the table
            assert connection.exec_driver_sql("SELECT to_regclass('pg_temp.scratch')").scalar() is None
    finally:
        engine.dispose()


def test_after_a_burst_the_server_pool_serves_one_request_after_another_on_one_backend(pg_server):
    """Last in, first out: the connection handed back last is the one taken next, so reads that come
    one at a time keep to one warm PostgreSQL backend instead of cycling through every connection a
    burst of threads opened."""
    engine = make_engine(pg_server, connections=4)
    try:
        burst = [engine.connect() for _ in range(4)]
        for connection in burst:
            connection.execute(text("SELECT 1"))
            connection.close()
        backends = {_backend(engine) for _ in range(8)}
        assert len(backends) == 1
        assert engine.pool.checkedin() == 4  # the burst's other connections stay open for the next one
    finally:
        engine.dispose()
