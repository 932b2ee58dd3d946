"""Code look-up (services/catalogue/code_lookup.py): what it finds, and the plans that keep a scan instant.

The plans are read from the databases themselves on a catalogue large enough, and analysed, for the
planners to choose as they would in a shop: every table is reached through an index and nothing is
sorted in a temporary B-tree (SQLite) or a Sort node (PostgreSQL).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, text

from stockdesk.db.models import Item, ItemBarcode
from stockdesk.domain.ids import new_id
from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, code_lookup, scanning
from stockdesk.services.database import Database
from tests.support.new_databases import new_database

CATALOGUE = 5_000


def _fill(db: Database, admin: Actor) -> None:
    """CATALOGUE items with one barcode each, written in two statements (services would take minutes)."""
    items, codes = [], []
    for number in range(CATALOGUE):
        item_id = new_id()
        items.append({"id": item_id, "sku": f"S-{number:05d}", "name": f"Item {number}",
                      "owner_id": admin.id})
        codes.append({"id": new_id(), "item_id": item_id, "code": f"C{number:07d}", "symbology": "CODE128"})
    with db.engine.begin() as connection:
        connection.execute(Item.__table__.insert(), items)
        connection.execute(ItemBarcode.__table__.insert(), codes)
        connection.exec_driver_sql("ANALYZE")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def large_catalogue(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """One filled catalogue per database kind for the plan tests, which only read it."""
    db = new_database(request.param, request, tmp_path_factory)
    admin = users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1", name="Ada")
    _fill(db, admin)
    yield db
    db.close()


def _sqlite_plan(connection: Connection, sql: str, arguments: Any) -> list[str]:
    return [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", arguments)]


def _pg_nodes(connection: Connection, sql: str, arguments: Any) -> list[dict[str, Any]]:
    plan = connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {sql}", arguments).scalar_one()
    todo = [(json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]]
    nodes = []
    while todo:
        node = todo.pop()
        nodes.append(node)
        todo.extend(node.get("Plans", []))
    return nodes


# The indexes each look-up must use; SQLite names those of UNIQUE constraints sqlite_autoindex_*.
BY_CODE = {"sqlite": {"sqlite_autoindex_item_barcode_2", "sqlite_autoindex_item_1",
                      "ix_item_barcode_item_id"},
           "postgresql": {"uq_item_barcode_code", "pk_item", "ix_item_barcode_item_id"}}
BY_SKU = {"sqlite": {"ix_item_sku_upper", "ix_item_barcode_item_id"},
          "postgresql": {"ix_item_sku_upper", "ix_item_barcode_item_id"}}


UNION_LINES = {"COMPOUND QUERY", "LEFT-MOST SUBQUERY", "UNION ALL"}  # a UNION ALL's own: they read nothing


@pytest.mark.parametrize(
    ("statement", "params", "indexes"),
    [
        (code_lookup._by_barcode(1), {"form_0": "C0001234"}, BY_CODE),
        (code_lookup._by_barcode(3), {"form_0": "C0001234", "form_1": "0001234", "form_2": "1234"}, BY_CODE),
        (code_lookup._BY_SKU, {"upper": "S-01234"}, BY_SKU),
        (code_lookup._by_code(1), {"form_0": "S-01234", "upper": "S-01234"},
         {name: BY_CODE[name] | BY_SKU[name] for name in BY_CODE}),
    ],
    ids=["barcode", "barcode-forms", "sku", "barcode-or-sku"],
)
def test_each_look_up_reaches_every_table_through_an_index_and_sorts_nothing(
    large_catalogue: Database, statement: Any, params: dict[str, str], indexes: dict[str, set[str]]
) -> None:
    db = large_catalogue
    dialect = db.engine.dialect
    sql, arguments = statement.sql(dialect), statement.arguments(dialect, params)
    with db.engine.connect() as connection:
        if dialect.name == "sqlite":
            plan = [step for step in _sqlite_plan(connection, sql, arguments) if step not in UNION_LINES]
            assert not [step for step in plan if "TEMP B-TREE" in step or step.startswith("SCAN")], plan
            assert all(step.startswith("SEARCH") for step in plan), plan
            used = {re.search(r"INDEX (\S+)", step).group(1) for step in plan}  # type: ignore[union-attr]
        else:
            nodes = _pg_nodes(connection, sql, arguments)
            kinds = {node["Node Type"] for node in nodes}
            assert not kinds & {"Seq Scan", "Sort", "Incremental Sort", "Materialize"}, kinds
            used = {node["Index Name"] for node in nodes if "Index Name" in node}
    assert indexes[dialect.name] <= used, used


def test_the_sku_look_up_prefers_the_exact_case_and_skips_archived_barcodes(db, admin):
    upper = catalog.create_item(db.uow(), admin, sku="BOLT-7", name="Upper bolt")
    lower = catalog.create_item(db.uow(), admin, sku="bolt-8", name="Lower bolt", barcodes=["4006381333931"])
    # SKUs are unique ignoring case now; a file from before that rule may still hold both spellings.
    with db.engine.begin() as connection:
        connection.execute(text("update item set sku = 'bolt-7' where sku = 'bolt-8'"))
    catalog.add_barcode(db.uow(), admin, lower.id, "036000291452")
    catalog.remove_barcode(db.uow(), admin, lower.id, "4006381333931")
    assert catalog.find_item(db.uow(), "BOLT-7").id == upper.id
    found = catalog.find_item(db.uow(), "bolt-7")
    assert found.id == lower.id and [b.code for b in found.barcodes] == ["036000291452"]
    assert catalog.find_item(db.uow(), "Bolt-7").id in (upper.id, lower.id)


def test_an_item_comes_with_all_its_live_barcodes_oldest_first_whichever_one_was_scanned(db, admin):
    item = catalog.create_item(db.uow(), admin, sku="H-1", name="Hammer", barcodes=["4006381333931"])
    for code in ("036000291452", "HAMMER-BOX"):
        catalog.add_barcode(db.uow(), admin, item.id, code)
    for code in ("4006381333931", "036000291452", "HAMMER-BOX", "h-1"):
        found = catalog.find_item(db.uow(), code)
        assert [b.code for b in found.barcodes] == ["4006381333931", "036000291452", "HAMMER-BOX"]
        assert found == catalog.get_item(db.uow(), item.id)


def test_the_scanned_form_wins_over_another_printed_form_held_by_another_item(db, admin):
    # One GTIN catalogued twice, as a UPC-A and as its 13-digit EAN form: a scan looks up both forms.
    as_upc = catalog.create_item(db.uow(), admin, sku="U", name="As UPC-A", barcodes=["036000291452"])
    as_ean = catalog.create_item(db.uow(), admin, sku="E", name="As EAN-13", barcodes=["0036000291452"])
    assert scanning.resolve_scan(db.uow(), "0036000291452").item.id == as_ean.id
    assert scanning.resolve_scan(db.uow(), "036000291452").item.id == as_upc.id


def test_an_archived_item_is_found_and_a_deleted_one_is_not(db, admin):
    item = catalog.create_item(db.uow(), admin, sku="A-1", name="Anvil", barcodes=["4006381333931"])
    catalog.archive_item(db.uow(), admin, item.id)
    assert catalog.find_item(db.uow(), "4006381333931").active is False
    with db.engine.begin() as connection:
        connection.execute(Item.__table__.update().values(deleted=True))
    assert code_lookup.item_by_code(db.engine, ["4006381333931"], "A-1") is None
