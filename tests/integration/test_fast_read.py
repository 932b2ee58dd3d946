"""FastRead: a statement built once runs with only the parameters that vary."""

from __future__ import annotations

import pytest
from sqlalchemy import Integer, bindparam, create_engine, func, literal, select, text
from sqlalchemy.exc import DBAPIError

from stockdesk.db.engine import make_engine
from stockdesk.db.fast_read import FastRead
from stockdesk.db.models import Store
from stockdesk.services.catalogue import organisation
from stockdesk.services.uow import UnitOfWork


def test_a_parameter_not_given_keeps_the_value_it_was_built_with(db, admin):
    for code in ("A", "B", "C"):
        organisation.create_store(db.uow(), admin, code=code, name=f"Store {code}")
    codes = select(Store.code).where(Store.code >= bindparam("first")).order_by(Store.code).limit(2)
    read = FastRead(codes)
    assert read.rows(db.engine, {"first": "A"}) == [("A",), ("B",)]  # the LIMIT's 2, never given
    assert read.rows(db.engine, {"first": "B"}) == [("B",), ("C",)]


@pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)
@pytest.mark.parametrize("plan", ["generic", "custom"])
def test_a_read_is_planned_as_it_asks_and_leaves_its_connection_as_it_found_it(db, admin, plan):
    for code in ("A", "B", "C"):
        organisation.create_store(db.uow(), admin, code=code, name=f"Store {code}")
    codes = select(Store.code).where(Store.code > bindparam("after")).order_by(Store.code).limit(2)
    read = FastRead(codes, plan=plan)
    engine = create_engine(db.engine.url, pool_size=1, max_overflow=0)  # one connection to look into
    prepared = "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s"
    try:
        for after in ("", "A", "B") * 4:  # psycopg prepares it on the fifth run
            assert read.rows(engine, {"after": after}) == [(c,) for c in "ABC" if c > after][:2]
        with engine.connect() as connection:
            plans = connection.exec_driver_sql(prepared, ("%store.code >%",)).all()
        if plan == "generic":  # prepared, and each run after that on the one generic plan
            assert len(plans) == 1 and plans[0].generic_plans >= 7 and plans[0].custom_plans == 0, plans
        else:  # never prepared: an unnamed statement is planned for each run's values
            assert plans == [], plans

        zero = bindparam("zero", type_=Integer)
        broken = FastRead(select(Store.code).where(literal(1) / zero == 1), plan="generic")
        with pytest.raises(engine.dialect.loaded_dbapi.Error, match="division by zero"):
            broken.rows(engine, {"zero": 0})
        with engine.connect() as connection:  # the same connection, back in the pool as it was
            assert connection.exec_driver_sql("SHOW plan_cache_mode").scalar() == "auto"
            assert connection.exec_driver_sql("SHOW transaction_read_only").scalar() == "off"
        assert read.rows(engine, {"after": "B"}) == [("C",)]
    finally:
        engine.dispose()


@pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)
def test_a_unit_of_work_that_only_read_leaves_the_fast_reads_prepared(db, admin):
    organisation.create_store(db.uow(), admin, code="A", name="Store A")
    engine = make_engine(db.engine.url.render_as_string(hide_password=False), connections=1)  # one connection
    read = FastRead(select(Store.code).where(Store.code == bindparam("code")))
    prepared = FastRead(select(func.count()).select_from(text("pg_prepared_statements")), plan="custom")
    uow = UnitOfWork(engine, desk_id="desk-test")
    try:
        for _ in range(6):  # psycopg prepares it on the fifth run
            assert read.rows(engine, {"code": "A"}) == [("A",)]
        assert prepared.rows(engine, {}) == [(1,)]
        with uow:  # a read, ended by a rollback: psycopg alone would have forgotten the statement
            assert uow.session.execute(select(Store.code)).all() == [("A",)]
        assert prepared.rows(engine, {}) == [(1,)]

        with pytest.raises(DBAPIError, match="division by zero"), uow:  # a transaction in error
            uow.session.execute(text("SELECT 1 / 0"))
        assert prepared.rows(engine, {}) == [(0,)]  # forgotten, as psycopg does after an error
        assert read.rows(engine, {"code": "A"}) == [("A",)]
    finally:
        engine.dispose()


@pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)
def test_a_search_read_first_on_a_new_engine_matches_and_keeps_matching(db, admin):
    """The first thing a freshly started server reads may be a search: its LIKE ... ESCAPE must be
    written for the server it talks to (the dialect knows only after a first connection)."""
    for code in ("50%-OFF", "500-G", "A_1"):
        organisation.create_store(db.uow(), admin, code=code, name=f"Store {code}")
    engine = make_engine(db.engine.url.render_as_string(hide_password=False))  # never connected yet
    pattern = bindparam("pattern")
    read = FastRead(select(Store.code).where(Store.code.ilike(pattern, escape="\\")).order_by(Store.code))
    try:
        assert read.rows(engine, {"pattern": "%50\\%%"}) == [("50%-OFF",)]  # the % itself, escaped
        assert read.rows(engine, {"pattern": "%\\_%"}) == [("A_1",)]
        assert read.rows(engine, {"pattern": "50%"}) == [("50%-OFF",), ("500-G",)]
    finally:
        engine.dispose()
