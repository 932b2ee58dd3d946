"""The items table's SQL filters and sorts agree with a plain reading of the same data, on both databases."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, item_pages, item_query, organisation
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort
from stockdesk.services.inventory import stock

TEXTS = ["", "ham", "HAM", "mer", "saw", "12", "4006", "7", "zz", "ail 5", "b"]


@dataclass
class Snapshot:
    """Everything the filters look at, as the services created it."""

    items: dict  # id -> dict of fields
    categories: dict  # name -> id
    children: dict  # id -> list of child ids
    suppliers: list
    stores: list


@pytest.fixture
def catalogue(db, admin, main_store, branch_store) -> Snapshot:
    rng = random.Random(11)
    tools = organisation.create_category(db.uow(), admin, name="Tools")
    hand = organisation.create_category(db.uow(), admin, name="Hand", parent_id=tools.id)
    saws = organisation.create_category(db.uow(), admin, name="Saws", parent_id=hand.id)
    other = organisation.create_category(db.uow(), admin, name="Other")
    categories = {"Tools": tools.id, "Hand": hand.id, "Saws": saws.id, "Other": other.id}
    children = {tools.id: [hand.id], hand.id: [saws.id], saws.id: [], other.id: []}
    suppliers = [organisation.create_supplier(db.uow(), admin, name=n).id for n in ("Acme", "Bolt")]
    stores = [main_store.id, branch_store.id]
    names = ["Claw hammer", "Hand saw", "Nail 50 mm", "Sledge HAMMER", "Tape 12 m", "Bolt 7", "Saw blade"]
    items: dict = {}
    for number in range(30):
        name = f"{rng.choice(names)} {number}"
        category = rng.choice([None, *categories.values()])
        supplier = rng.choice([None, *suppliers])
        sell, point = Decimal(rng.randrange(0, 3000)) / 100, Decimal(rng.randrange(0, 6))
        codes = [f"C4006{number:04d}{rng.randrange(10**4):04d}"] if rng.random() < 0.6 else []
        item = catalog.create_item(
            db.uow(),
            admin,
            sku=f"SKU-{number:03d}",
            name=name,
            sell_price=sell,
            barcodes=codes,
            category_id=category,
            supplier_id=supplier,
            reorder_point=point,
        )
        levels = {}
        for store in rng.sample(stores, rng.randrange(0, 3)):
            quantity = rng.randrange(0, 9)
            stock.receive(db.uow(), admin, item_id=item.id, store_id=store, quantity=quantity + 1)
            stock.sell(db.uow(), admin, item_id=item.id, store_id=store, quantity=1)
            levels[store] = Decimal(quantity)
        active = rng.random() > 0.2
        if not active:
            catalog.archive_item(db.uow(), admin, item.id)
        items[item.id] = dict(
            sku=item.sku,
            name=name,
            category=category,
            supplier=supplier,
            sell=sell,
            point=point,
            codes=codes,
            levels=levels,
            active=active,
        )
    return Snapshot(items, categories, children, suppliers, stores)


def expected(snapshot: Snapshot, f: ItemFilter) -> set:
    """The plain reading: a loop over every item, the way a person would check each condition."""
    wanted_categories = None
    if f.category_id:
        wanted_categories, todo = {f.category_id}, [f.category_id]
        while todo:
            for child in snapshot.children[todo.pop()]:
                wanted_categories.add(child)
                todo.append(child)
    found = set()
    for item_id, item in snapshot.items.items():
        text = f.text.lower()
        haystacks = [item["name"].lower(), item["sku"].lower(), *(c.lower() for c in item["codes"])]
        levels = item["levels"]
        if f.store_id:
            considered = [levels[f.store_id]] if f.store_id in levels else []
        else:
            considered = list(levels.values())
        checks = [
            not f.archived_only or not item["active"],
            f.archived_only or f.include_archived or item["active"],
            not text or any(text in h for h in haystacks),
            wanted_categories is None or item["category"] in wanted_categories,
            f.supplier_id is None or item["supplier"] == f.supplier_id,
            f.store_id is None or f.store_id in levels,
            f.min_price is None or item["sell"] >= f.min_price,
            f.max_price is None or item["sell"] <= f.max_price,
            not f.low_stock or (item["point"] > 0 and any(q <= item["point"] for q in considered)),
        ]
        if all(checks):
            found.add(item_id)
    return found


@st.composite
def filters(draw, snapshot: Snapshot) -> ItemFilter:
    status = draw(st.sampled_from(["active", "archived", "all"]))
    prices = draw(st.lists(st.integers(0, 3000).map(lambda c: Decimal(c) / 100), min_size=2, max_size=2))
    return ItemFilter(
        text=draw(st.sampled_from(TEXTS)),
        include_archived=status == "all",
        archived_only=status == "archived",
        category_id=draw(st.sampled_from([None, *snapshot.categories.values()])),
        supplier_id=draw(st.sampled_from([None, *snapshot.suppliers])),
        store_id=draw(st.sampled_from([None, *snapshot.stores])),
        min_price=draw(st.sampled_from([None, min(prices)])),
        max_price=draw(st.sampled_from([None, max(prices)])),
        low_stock=draw(st.booleans()),
    )


def _sort_value(snapshot: Snapshot, item_id, sort: ItemSort, store_id):
    item = snapshot.items[item_id]
    if sort is ItemSort.ON_HAND:
        levels = item["levels"]
        return levels.get(store_id, Decimal(0)) if store_id else sum(levels.values(), Decimal(0))
    return {
        ItemSort.SKU: item["sku"],
        ItemSort.NAME: item["name"],
        ItemSort.SELL_PRICE: item["sell"],
        ItemSort.REORDER_POINT: item["point"],
        ItemSort.BARCODE: min(item["codes"], default=""),
    }[sort]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_filter_combinations_match_a_plain_reading(db, catalogue, data):
    item_filter = data.draw(filters(catalogue))
    sorts = [ItemSort.SKU, ItemSort.NAME, ItemSort.SELL_PRICE, ItemSort.REORDER_POINT, ItemSort.ON_HAND]
    sort = data.draw(st.sampled_from([*sorts, ItemSort.BARCODE]))
    descending = data.draw(st.booleans())
    want = expected(catalogue, item_filter)

    page = item_query.item_page(db.uow(), item_filter, sort=sort, descending=descending, limit=1000)
    assert {row.id for row in page} == want
    assert item_query.count_items(db.uow(), item_filter) == len(want)
    values = [_sort_value(catalogue, row.id, sort, item_filter.store_id) for row in page]
    assert values == sorted(values, reverse=descending)
    for row in page:  # on-hand is the chosen store's figure, else the total
        assert row.on_hand == _sort_value(catalogue, row.id, ItemSort.ON_HAND, item_filter.store_id)

    keys = item_query.sorted_keys(db.uow(), item_filter, sort=sort, descending=descending)
    by_keys = item_query.rows_by_keys(db.uow(), item_filter, keys)
    assert [row.id for row in by_keys] == [row.id for row in page]


def test_key_pages_read_any_position_in_display_order(db, catalogue):
    everything = ItemFilter(include_archived=True)
    keys = item_query.sorted_keys(db.uow(), everything, sort=ItemSort.SKU)
    middle = item_query.rows_by_keys(db.uow(), everything, keys[10:15])
    assert [row.sku for row in middle] == [f"SKU-{n:03d}" for n in range(10, 15)]
    exported = list(item_query.iter_rows(db.uow, everything, sort=ItemSort.SKU, batch=7))
    assert [row.sku for row in exported] == [f"SKU-{n:03d}" for n in range(30)]


def test_search_follows_a_renamed_item(db, admin, catalogue):
    item_id = next(iter(catalogue.items))
    catalog.update_item(db.uow(), admin, item_id, name="Quixotic widget")
    found = item_query.item_page(db.uow(), ItemFilter(text="xotic", include_archived=True))
    assert [row.id for row in found] == [item_id]


def test_walking_the_sort_index_returns_the_same_rows(db, catalogue, monkeypatch):
    """The first page may hide the supplier/price indexes from SQLite's planner: same rows, same order."""
    monkeypatch.setattr(item_query, "WALK_THRESHOLD", 1)
    for supplier in catalogue.suppliers:
        item_filter = ItemFilter(supplier_id=supplier, min_price=Decimal("2.50"), max_price=Decimal("25"))
        page = item_query.item_page(db.uow(), item_filter, sort=ItemSort.NAME, limit=1000)
        assert {row.id for row in page} == expected(catalogue, item_filter)
        assert [row.name for row in page] == sorted(row.name for row in page)



@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_search_first_page_and_its_count_match_a_plain_reading(db, catalogue, data):
    """The API's first page of a search (on PostgreSQL one statement per shape of filter, built once,
    the text its parameter): an item found by its name, SKU and barcode alike comes once and counts
    once, and a second text through the same shape gets its own matches, not the first one's."""
    shape = data.draw(filters(catalogue))
    sorts = [ItemSort.SKU, ItemSort.NAME, ItemSort.SELL_PRICE, ItemSort.REORDER_POINT]
    sort = data.draw(st.sampled_from(sorts))
    for text in data.draw(st.lists(st.sampled_from([t for t in TEXTS if t]), min_size=2, max_size=2)):
        item_filter = replace(shape, text=text)
        want = expected(catalogue, item_filter)
        page = item_pages.keyset_page(db.uow(), item_filter, sort=sort, limit=item_pages.MAX_LIMIT)
        found = [row.id for row in page.rows]
        assert sorted(found) == sorted(want)  # each match once
        assert page.count == len(want)
        values = [_sort_value(catalogue, item_id, sort, None) for item_id in found]
        assert values == sorted(values)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_api_pages_of_any_filter_walk_every_match_once_in_order_both_ways(db, catalogue, data):
    """The API's pages (on PostgreSQL one statement per shape of filter, compiled once, the values its
    parameters): walked forwards page by page and back again, a filter gives exactly its matches, in
    order, with the first page's count; filters of one shape with other values get their own matches."""
    item_filter = replace(data.draw(filters(catalogue)), text="")
    sort = data.draw(st.sampled_from([ItemSort.SKU, ItemSort.NAME, ItemSort.SELL_PRICE]))
    descending = data.draw(st.booleans())
    want = expected(catalogue, item_filter)

    def at(cursor: str | None) -> item_pages.ItemPage:
        return item_pages.keyset_page(
            db.uow(), item_filter, sort=sort, descending=descending, cursor=cursor, limit=4
        )

    pages, cursor = [at(None)], None
    while (cursor := pages[-1].next_cursor) is not None:
        pages.append(at(cursor))
    assert pages[0].count == len(want)
    forwards = [row.id for page in pages for row in page.rows]
    assert sorted(forwards) == sorted(want)  # each match once
    values = [_sort_value(catalogue, item_id, sort, None) for item_id in forwards]
    assert values == sorted(values, reverse=descending)
    for row in (row for page in pages for row in page.rows):  # on-hand is the chosen store's, else the total
        assert row.on_hand == _sort_value(catalogue, row.id, ItemSort.ON_HAND, item_filter.store_id)
    back = pages[-1]
    backwards = [row.id for row in back.rows]
    while back.previous_cursor is not None:
        back = at(back.previous_cursor)
        backwards = [row.id for row in back.rows] + backwards
    assert backwards == forwards


def test_the_low_stock_count_reads_the_items_in_one_pass_on_sqlite(sqlite_db):
    """Not through the reorder-point index: with most items watched, fetching each row from that index
    cost three times one pass over the table at a million items (the Dashboard's low-stock figure)."""
    db = sqlite_db
    admin = users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1")
    store = organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
    for number, (point, received) in enumerate([("5", "3"), ("5", "9"), ("0", "1"), ("2", "2")]):
        item = catalog.create_item(db.uow(), admin, sku=f"LOW-{number}", name="x", reorder_point=point)
        stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity=received)
    sent: list[str] = []

    def catch(_conn, _cursor, statement, _params, _context, _many) -> None:
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", catch)
    try:
        assert item_query.count_items(db.uow(), ItemFilter(low_stock=True)) == 2  # LOW-0 and LOW-3
    finally:
        event.remove(db.engine, "before_cursor_execute", catch)
    (sql,) = [s for s in sent if "count(" in s]
    with db.engine.connect() as connection:
        steps = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", (0,) * sql.count("?"))
        plan = [row[3] for row in steps]
    assert not [step for step in plan if "ix_item_reorder_point" in step], plan
    assert any(step.startswith("SCAN item") for step in plan), plan
