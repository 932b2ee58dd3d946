"""FastRead: a statement built once runs with only the parameters that vary."""

from __future__ import annotations

import pytest
from sqlalchemy import Integer, bindparam, create_engine, literal, select

from stockdesk.db.fast_read import FastRead
from stockdesk.db.models import Store
from stockdesk.services.catalogue import organisation


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
