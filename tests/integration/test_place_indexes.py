"""The expiry alerts and the recall read by their own indexes (migration 0029), on SQLite and PostgreSQL.

The queries are the services' own, caught as they are sent to the driver, and explained on a shop
large enough, and analysed, for the planners to choose as they would: 1,000 items with 5 lots each
(half of them with a use-by date over two years, the rest without), 20 movements per item, half of
them naming a lot. One such shop per database kind serves every test here (filling it is most of
their time).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Connection, event

from stockdesk.db.models import Item, StockMovement
from stockdesk.db.place_models import Lot, lot_id_of
from stockdesk.domain.ids import new_id
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.services.places.recall import lot_recall
from stockdesk.services.planning import expiry
from tests.support.new_databases import new_database

ITEMS, LOTS, MOVES = 1_000, 5, 20
TODAY = date(2027, 3, 1)


def _fill(db: Database, admin: Any, store_id: Any) -> None:
    items, lots, moves = [], [], []
    for number in range(ITEMS):
        item_id = new_id()
        items.append({"id": item_id, "sku": f"S-{number:05d}", "name": f"Item {number}", "owner_id": admin.id,
                      "tracking": "expiry"})  # fmt: skip
        codes = [f"L{n}" for n in range(LOTS)]
        for n, code in enumerate(codes):
            dated = TODAY + timedelta(days=(number * LOTS + n) % 730 - 30) if n % 2 == 0 else None
            lot = {"id": lot_id_of(item_id, code), "item_id": item_id, "code": code, "expires_on": dated}
            lots.append(lot)
        for n in range(MOVES):
            lot = lot_id_of(item_id, codes[n % LOTS]) if n % 2 == 0 else None
            moves.append({"id": new_id(), "item_id": item_id, "store_id": store_id, "kind": "receive",
                          "quantity": Decimal(1), "lot_id": lot, "user_id": admin.id})  # fmt: skip
    with db.engine.begin() as connection:
        connection.execute(Item.__table__.insert(), items)
        connection.execute(Lot.__table__.insert(), lots)
        connection.execute(StockMovement.__table__.insert(), moves)
        connection.exec_driver_sql("ANALYZE")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def lots_shop(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One filled shop per database kind; its tests read it, and the one that changes an item undoes it."""
    db = new_database(request.param, request, tmp_path_factory)
    admin = users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1", name="Ada")
    store = organisation.create_store(db.uow(), admin, code="MAIN", name="Main store")
    _fill(db, admin, store.id)
    yield db
    db.close()


@contextmanager
def _sent(db: Database) -> Iterator[list[tuple[str, Any]]]:
    """The statements (and parameters) the services send while the block runs."""
    caught: list[tuple[str, Any]] = []

    def catch(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        caught.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", catch)
    try:
        yield caught
    finally:
        event.remove(db.engine, "before_cursor_execute", catch)


def _one(caught: list[tuple[str, Any]], pattern: str) -> tuple[str, Any]:
    found = [(sql, params) for sql, params in caught if re.search(pattern, sql, re.S)]
    assert len(found) == 1, [sql for sql, _ in caught]
    return found[0]


def _indexes_used(connection: Connection, sql: str, params: Any) -> tuple[set[str], list[str]]:
    """The indexes the plan reads, and its steps (SQLite) or node types with their table (PostgreSQL)."""
    if connection.dialect.name == "sqlite":
        steps = [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
        return {m.group(1) for step in steps if (m := re.search(r"INDEX (\S+)", step))}, steps
    plan = connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {sql}", params).scalar_one()
    todo, nodes = [(json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]], []
    while todo:
        node = todo.pop()
        nodes.append(node)
        todo.extend(node.get("Plans", []))
    steps = [f"{n['Node Type']} {n.get('Relation Name', '')}".strip() for n in nodes]
    return {n["Index Name"] for n in nodes if "Index Name" in n}, steps


def test_the_recall_reads_the_lots_movements_by_the_lot_index(lots_shop):
    db = lots_shop
    with _sent(db) as caught:
        recall = lot_recall(db.uow(), sku="S-00500", lot="L2")
    assert [m.quantity for m in recall.movements] == [Decimal(1)] * 2  # moves 2 and 12 of that item
    sql, params = _one(caught, r"FROM stock_movement")
    with db.engine.connect() as connection:
        used, steps = _indexes_used(connection, sql, params)
    assert "ix_stock_movement_lot_id" in used, steps
    assert "ix_stock_movement_item_store_at" not in used, steps
    scans = [s for s in steps if s.startswith("SCAN stock_movement") or s == "Seq Scan stock_movement"]
    assert not scans, steps


def test_the_expiry_alerts_read_the_dated_lots_in_order_from_the_expiry_index(lots_shop):
    db = lots_shop
    with _sent(db) as caught:
        listed = expiry.expiring_lots(db.uow(), today=TODAY)
    assert listed and all(v.expires_on <= TODAY + timedelta(days=30) for v in listed)
    assert listed[0].expired and listed == sorted(listed, key=lambda v: v.expires_on)
    sql, params = _one(caught, r"SELECT lot\.id\s+FROM lot")
    with db.engine.connect() as connection:
        used, steps = _indexes_used(connection, sql, params)
    assert "ix_lot_expires_on" in used, steps
    # No pass over every lot. SQLite reads the index in order (no sort of its own); PostgreSQL may
    # rather sort what a bitmap scan of the index found within the horizon (a few hundred lots here).
    passes = [s for s in steps if "TEMP B-TREE" in s or s.startswith("SCAN lot") or s == "Seq Scan lot"]
    assert not passes, steps


def test_the_longest_warning_of_any_item_is_read_from_the_items_own_index(lots_shop):
    db = lots_shop
    with _warning_days(db, "S-00013", 90):
        with _sent(db) as caught:
            listed = expiry.expiring_lots(db.uow(), today=TODAY)
        # The item that warns 90 days ahead lists its lots expiring in 35-39 days; 30 days would not.
        assert any(v.sku == "S-00013" and 30 < (v.expires_on - TODAY).days <= 90 for v in listed), listed
        sql, params = _one(caught, r"max\(item\.expiry_warn_days\)")
        with db.engine.connect() as connection:
            used, steps = _indexes_used(connection, sql, params)
        assert "ix_item_expiry_warn_days" in used, steps
        assert not [s for s in steps if s.startswith("SCAN item") or s == "Seq Scan item"], steps


@contextmanager
def _warning_days(db: Database, sku: str, days: int) -> Iterator[None]:
    """The item warns `days` ahead while the block runs; then the shop is as the other tests expect."""
    _set_warning_days(db, sku, days)
    try:
        yield
    finally:
        _set_warning_days(db, sku, None)


def _set_warning_days(db: Database, sku: str, days: int | None) -> None:
    with db.engine.begin() as connection:
        connection.execute(Item.__table__.update().where(Item.sku == sku).values(expiry_warn_days=days))
        connection.exec_driver_sql("ANALYZE")
