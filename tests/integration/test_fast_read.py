"""FastRead: a statement built once runs with only the parameters that vary."""

from __future__ import annotations

from sqlalchemy import bindparam, select

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
