"""Kept connections for the reads an API worker runs on its event loop: the loop's reads keep off the
pool, plan as they ask without a transaction, and a kept connection that dies or fails is replaced
without the caller seeing it."""

from __future__ import annotations

import pytest
from sqlalchemy import Integer, bindparam, create_engine, event, func, literal, select, text

from stockdesk.db.fast_read import FastRead, rows_together
from stockdesk.db.models import Store
from stockdesk.services.catalogue import organisation

pytestmark = pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)

BACKEND = FastRead(select(func.pg_backend_pid()))
# What each read sees of its session: the plans it gets, and whether it runs in a transaction of its own.
SETTINGS = [func.current_setting("plan_cache_mode"), func.current_setting("transaction_read_only")]
PLAIN = FastRead(select(func.pg_backend_pid(), *SETTINGS))
GENERIC = FastRead(select(func.pg_backend_pid(), *SETTINGS), plan="generic")


def _kill(db, pid: int) -> None:
    admin = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as killer:  # a server restart or a firewall, as far as the worker can tell
            assert killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    finally:
        admin.dispose()


def test_the_loops_reads_keep_off_the_pool_and_get_generic_plans_without_a_transaction(db, admin):
    organisation.create_store(db.uow(), admin, code="A", name="Store A")
    codes = FastRead(select(Store.code).where(Store.code > bindparam("after")), plan="generic")
    checkouts: list[int] = []
    event.listen(db.engine, "checkout", lambda *_args: checkouts.append(1))
    kept = db.kept_reads()
    with kept.in_use():
        (plain_pid, plain_plans, plain_read_only), = PLAIN.rows(db.engine, {})
        (generic_pid, generic_plans, generic_read_only), = GENERIC.rows(db.engine, {})
        taken = len(checkouts)  # each kept connection was taken from the pool once, to keep
        for _ in range(10):  # psycopg prepares a statement on its fifth run: both kinds, on each
            assert PLAIN.rows(db.engine, {})[0][0] == plain_pid
            assert GENERIC.rows(db.engine, {})[0][0] == generic_pid
            session, found = rows_together(db.engine, [(BACKEND, {}), (codes, {"after": ""})])
            assert session == [(generic_pid,)] and found == [("A",)]  # a generic read takes its batch along
    assert taken == 2 and len(checkouts) == taken
    assert plain_pid != generic_pid
    assert (plain_plans, plain_read_only) == ("auto", "off")
    assert (generic_plans, generic_read_only) == ("force_generic_plan", "off")  # no READ ONLY transaction

    # Outside, reads take pooled connections as ever: a generic one in its read-only transaction.
    (pooled_pid, pooled_plans, pooled_read_only), = GENERIC.rows(db.engine, {})
    assert pooled_pid not in (plain_pid, generic_pid)
    assert (pooled_plans, pooled_read_only) == ("force_generic_plan", "on")
    assert PLAIN.rows(db.engine, {})[0][1] == "auto"


def test_a_kept_connection_that_dies_or_fails_is_replaced_unseen_and_closes_with_the_database(db, admin):
    kept = db.kept_reads()
    with kept.in_use():
        first_plain = PLAIN.rows(db.engine, {})[0][0]
        first_generic = GENERIC.rows(db.engine, {})[0][0]
    _kill(db, first_plain)
    _kill(db, first_generic)
    with kept.in_use():
        (plain_pid, plain_plans, _), = PLAIN.rows(db.engine, {})  # run again at once, on a fresh one
        (generic_pid, generic_plans, _), = GENERIC.rows(db.engine, {})
    assert plain_pid not in (first_plain, first_generic) and plain_plans == "auto"
    assert generic_pid not in (first_plain, first_generic) and generic_plans == "force_generic_plan"

    zero = bindparam("zero", type_=Integer)
    broken = FastRead(select(literal(1) / zero), plan="generic")
    with kept.in_use():
        with pytest.raises(db.engine.dialect.loaded_dbapi.Error, match="division by zero"):
            broken.rows(db.engine, {"zero": 0})
        (after_pid, after_plans, after_read_only), = GENERIC.rows(db.engine, {})
    assert after_pid != generic_pid  # a failed connection's state is unknown: a new one, set up as before
    assert (after_plans, after_read_only) == ("force_generic_plan", "off")

    connections = [kept.connection(generic) for generic in (False, True)]  # those in use now
    assert not any(connection.closed for connection in connections)
    db.close()  # a worker stopping
    assert all(connection.closed for connection in connections)
