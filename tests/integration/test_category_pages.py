"""A category's pages in price order (a web shop's category page): every match once, in order, both
ways, with the first page's count, on both databases. On PostgreSQL such a page is read sub-category by
sub-category, each from its own index (category_pages), with one plan for every category."""

from __future__ import annotations

import json
from decimal import Decimal
from itertools import cycle
from typing import Any

import psycopg
import pytest

from stockdesk.db.models import Item
from stockdesk.domain.ids import new_id
from stockdesk.services.catalogue import catalog, item_pages, item_query, organisation
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort
from stockdesk.services.database import Database

# Few prices, so that many items tie on one and the id decides, also across sub-categories.
PRICES = [Decimal("5"), Decimal("7.50"), Decimal("10"), Decimal("12")]


@pytest.fixture
def shelves(db: Database, admin: Any) -> dict[str, Any]:
    """Tools > (Hand > Saws, Power, Empty); Garden beside it. Hand is big, Saws and Power small."""

    def category(name: str, parent: Any = None) -> Any:
        return organisation.create_category(db.uow(), admin, name=name, parent_id=parent).id

    tools = category("Tools")
    hand, power, empty = category("Hand", tools), category("Power", tools), category("Empty", tools)
    saws, garden = category("Saws", hand), category("Garden")
    sizes = {
        "TOOLS": (tools, 4),
        "HAND": (hand, 40),
        "SAWS": (saws, 3),
        "POWER": (power, 9),
        "GARDEN": (garden, 12),
    }
    prices, items = cycle(PRICES), {}
    for prefix, (category_id, size) in sizes.items():
        for number in range(size):
            sku = f"{prefix}-{number:02d}"
            made = catalog.create_item(
                db.uow(), admin, sku=sku, name=f"Item {sku}", sell_price=next(prices), category_id=category_id
            )
            archived = number % 7 == 3
            if archived:
                catalog.archive_item(db.uow(), admin, made.id)
            items[made.id] = (category_id, made.sell_price, archived)
    tree = {tools: [tools, hand, saws, power, empty], hand: [hand, saws], saws: [saws], empty: [empty]}
    return {"tree": tree, "items": items, "tools": tools, "hand": hand, "garden": garden, "power": power}


def _walk(db: Database, item_filter: ItemFilter, descending: bool) -> tuple[list[Any], list[Any], int | None]:
    """Every page forwards (3 rows a page), then every page back from the last: the ids, and the count."""

    def at(cursor: str | None) -> item_pages.ItemPage:
        return item_pages.keyset_page(
            db.uow(), item_filter, sort=ItemSort.SELL_PRICE, descending=descending, cursor=cursor, limit=3
        )

    pages = [at(None)]
    while pages[-1].next_cursor is not None:
        assert len(pages) <= 100, "the pages never end"  # 68 items: at most 23 pages of 3
        pages.append(at(pages[-1].next_cursor))
    forwards = [row.id for page in pages for row in page.rows]
    back, backwards = pages[-1], [row.id for row in pages[-1].rows]
    while back.previous_cursor is not None:
        assert len(backwards) <= 300, "the pages never end"
        back = at(back.previous_cursor)
        backwards = [row.id for row in back.rows] + backwards
    assert backwards == forwards
    return forwards, [row.sell_price for page in pages for row in page.rows], pages[0].count


FILTERS = [
    {},
    {"min_price": Decimal("7.50"), "max_price": Decimal("10")},
    {"min_price": Decimal("6")},
    {"max_price": Decimal("4")},
    {"include_archived": True},
    {"archived_only": True, "min_price": Decimal("7.50")},
]


@pytest.mark.parametrize("descending", [False, True], ids=["cheapest-first", "dearest-first"])
def test_a_category_page_walks_its_sub_categories_matches_once_in_price_order(db, shelves, descending):
    for root, members in shelves["tree"].items():
        for conditions in FILTERS:
            item_filter = ItemFilter(category_id=root, **conditions)
            walked, prices, count = _walk(db, item_filter, descending)
            # The unpaged list (another statement) is the order the pages must give, ties included.
            whole = item_query.item_page(
                db.uow(), item_filter, sort=ItemSort.SELL_PRICE, descending=descending, limit=1000
            )
            assert walked == [row.id for row in whole], (root, conditions)
            assert prices == sorted(prices, reverse=descending)
            shown = {True} if conditions.get("archived_only") else {False}  # which archived flags list
            if conditions.get("include_archived"):
                shown = {False, True}
            wanted = {
                item_id
                for item_id, (category_id, price, archived) in shelves["items"].items()
                if category_id in members
                and conditions.get("min_price", price) <= price <= conditions.get("max_price", price)
                and archived in shown
            }
            assert set(walked) == wanted and len(walked) == len(wanted), (root, conditions)
            assert count == len(wanted)


def test_a_sub_category_moved_elsewhere_is_listed_under_its_new_parent_at_once(db, admin, shelves):
    def listed(root: Any) -> set[Any]:
        walked, _prices, _count = _walk(db, ItemFilter(category_id=root, min_price=Decimal("0")), False)
        return set(walked)

    items = shelves["items"].items()
    powered = {
        i for i, (category, _price, archived) in items if category == shelves["power"] and not archived
    }
    assert powered <= listed(shelves["tools"]) and not powered & listed(shelves["garden"])
    organisation.move_category(db.uow(), admin, shelves["power"], parent_id=shelves["garden"])
    assert not powered & listed(shelves["tools"]) and powered <= listed(shelves["garden"])


@pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)
def test_a_category_page_reads_at_most_a_page_from_each_sub_category(db, admin, shelves):
    """PostgreSQL settles on one generic plan for every category by itself, and in that plan the page
    reads each sub-category's index and stops after a page there: never the big sub-category's other
    rows. The planner chooses on a catalogue large enough, and analysed, to choose as it would in a shop."""
    _add_many(db, admin, shelves["hand"], 4_000)
    _add_many(db, admin, shelves["garden"], 4_000)
    item_filter = ItemFilter(category_id=shelves["tools"], min_price=Decimal("5"))
    known = item_pages.page_read(db.uow(), item_filter, sort=ItemSort.SELL_PRICE, limit=3)
    assert known is not None
    assert (
        known.read.plan != "custom"
    )  # a "custom" read is never prepared (db/fast_read.py): planned every run
    sql = known.read.sql(db.engine.dialect)
    arguments = known.read.arguments(db.engine.dialect, known.params)
    url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url) as raw:  # a connection of its own: nothing prepared on it yet
        # run as the API runs it: psycopg prepares it, then PostgreSQL weighs its generic plan
        for _ in range(12):
            raw.execute(sql, arguments).fetchall()
        prepared = raw.execute("SELECT generic_plans FROM pg_prepared_statements").fetchall()
    assert prepared == [(2,)]  # settled on the generic plan after 5 custom ones
    with db.engine.connect() as connection:
        connection.exec_driver_sql("SET plan_cache_mode = force_generic_plan")
        connection.exec_driver_sql(f"PREPARE category_page AS {_numbered(sql, arguments)}")
        values = ", ".join(_literal(connection, arguments[name]) for name in _order(sql, arguments))
        plan = connection.exec_driver_sql(
            f"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE category_page({values})"
        ).scalar_one()
    nodes, todo = [], [(json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]]
    while todo:
        node = todo.pop()
        nodes.append(node)
        todo.extend(node.get("Plans", []))
    per_category = [
        n for n in nodes if n.get("Index Name") == "ix_item_category_id_sell_price" and n["Actual Loops"] > 1
    ]
    assert per_category, "the page is not read sub-category by sub-category"
    for node in per_category:
        assert node["Actual Rows"] <= 4, node  # a page (3 rows and the one telling whether more follow)


def _add_many(db: Database, admin: Any, category_id: Any, count: int) -> None:
    """`count` items in one statement (through the services they would take a minute), then ANALYZE."""
    prices = cycle(PRICES)
    rows = [
        {"id": new_id(), "sku": f"BULK-{category_id}-{n}", "name": f"Bulk {n}", "owner_id": admin.id,
         "category_id": category_id, "sell_price": next(prices)}
        for n in range(count)
    ]  # fmt: skip
    with db.engine.begin() as connection:
        connection.execute(Item.__table__.insert(), rows)
        connection.exec_driver_sql("ANALYZE")


def _order(sql: str, arguments: dict[str, Any]) -> list[str]:
    """The parameter names in the order they first appear in `sql` (psycopg's %(name)s style)."""
    present = [name for name in arguments if f"%({name})s" in sql]
    return sorted(present, key=lambda name: sql.index(f"%({name})s"))


def _numbered(sql: str, arguments: dict[str, Any]) -> str:
    for number, name in enumerate(_order(sql, arguments), start=1):
        sql = sql.replace(f"%({name})s", f"${number}")
    return sql


def _literal(connection: Any, value: Any) -> str:
    return connection.exec_driver_sql("SELECT quote_literal(%(v)s::text)", {"v": _text(value)}).scalar_one()


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "{" + ",".join(str(v) for v in value) + "}"
    return str(value)
