"""The low-stock list, its count, the Dashboard's figure and the low-stock report judge each store by
the reorder point that applies there: the store's own (a `StoreReorderPoint`) where it has one, else
the item's, exactly as the alerts and the reorder suggestions do. Before, they used the item's alone:
a branch alerted at its own point 20 with 10 on hand while the list and the report said nothing was low.
On PostgreSQL the listed items' low-stock marks count by the item's point; an item with a store's own
point is judged from its levels instead."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import catalog, item_pages
from stockdesk.services.catalogue.item_query import ItemFilter, count_items, item_page
from stockdesk.services.database import Database
from stockdesk.services.exchange.report_queries import low_stock_rows
from stockdesk.services.inventory import check, stock
from stockdesk.services.planning import dashboard, store_points
from stockdesk.services.views import StoreView


@pytest.fixture
def shop(db: Database, admin: Actor, main_store: StoreView, branch_store: StoreView) -> dict[str, object]:
    """Four items, each with 10 on hand in both stores:
    - HAM: item point 5, the branch's own point 20 -> low at the branch only;
    - SAW: item point 12 (low in both), the branch's own point 0 -> low in MAIN only;
    - NUT: item point 0 (not watched), the branch's own point 15 -> low at the branch only;
    - BOX: item point 12 -> low in both stores; no store points."""
    items = {}
    for sku, point in (("HAM", "5"), ("SAW", "12"), ("NUT", "0"), ("BOX", "12")):
        item = catalog.create_item(db.uow(), admin, sku=sku, name=sku.title(), reorder_point=point)
        for store in (main_store, branch_store):
            stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity="10")
        items[sku] = item
    for sku, own in (("HAM", "20"), ("SAW", "0"), ("NUT", "15")):
        store_points.set_overrides(db.uow(), admin, items[sku].id, {branch_store.id: (own, "40")})
    return items


def _listed(db: Database, item_filter: ItemFilter) -> list[str]:
    return sorted(row.sku for row in item_page(db.uow(), item_filter, limit=50))


def test_the_list_and_its_counts_use_each_stores_own_point(
    db: Database, shop: dict[str, object], main_store: StoreView, branch_store: StoreView
):
    low = ItemFilter(low_stock=True)
    assert _listed(db, low) == ["BOX", "HAM", "NUT", "SAW"]
    assert count_items(db.uow(), low) == 4
    assert dashboard.low_stock_count(db.uow()) == 4
    page = item_pages.keyset_page(db.uow(), low, limit=2)  # the API's list: its first page's count
    assert (page.count, [row.sku for row in page.rows]) == (4, ["BOX", "HAM"])
    assert _listed(db, ItemFilter(low_stock=True, store_id=branch_store.id)) == ["BOX", "HAM", "NUT"]
    assert _listed(db, ItemFilter(low_stock=True, store_id=main_store.id)) == ["BOX", "SAW"]


def test_removing_a_stores_own_point_brings_the_items_back(
    db: Database, admin: Actor, shop: dict[str, object], branch_store: StoreView
):
    ham = shop["HAM"]
    store_points.set_overrides(db.uow(), admin, ham.id, {branch_store.id: None})  # type: ignore[attr-defined]
    low = ItemFilter(low_stock=True)
    assert _listed(db, low) == ["BOX", "NUT", "SAW"]  # HAM: 10 on hand, above its own point 5 everywhere
    assert count_items(db.uow(), low) == 3
    assert item_pages.keyset_page(db.uow(), low, limit=50).count == 3


def test_the_low_stock_report_names_the_point_and_quantity_that_apply(db: Database, shop: dict[str, object]):
    rows = {
        (r.store_code, r.sku): (r.on_hand, r.reorder_point, r.reorder_qty) for r in low_stock_rows(db.uow())
    }
    assert rows == {
        ("BR", "BOX"): (Decimal(10), Decimal(12), Decimal(0)),
        ("BR", "HAM"): (Decimal(10), Decimal(20), Decimal(40)),
        ("BR", "NUT"): (Decimal(10), Decimal(15), Decimal(40)),
        ("MAIN", "BOX"): (Decimal(10), Decimal(12), Decimal(0)),
        ("MAIN", "SAW"): (Decimal(10), Decimal(12), Decimal(0)),
    }


@pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)
def test_the_marks_stay_proven_with_store_points(db: Database, shop: dict[str, object]):
    """The marks count by the item's point (check proves them so); the list reads them only for
    items without a store's own point."""
    assert check.low_mark_difference(db.uow()) == 0


def test_archived_items_are_judged_by_the_stores_own_point_too(
    db: Database, admin: Actor, shop: dict[str, object]
):
    """Archived items have no marks on PostgreSQL: their low stock is read from their levels, by the
    same rule. HAM is low at the branch by its own point only, SAW in MAIN by the item's only."""
    for sku in ("HAM", "SAW"):
        catalog.archive_item(db.uow(), admin, shop[sku].id)  # type: ignore[attr-defined]
    assert _listed(db, ItemFilter(low_stock=True)) == ["BOX", "NUT"]
    assert _listed(db, ItemFilter(low_stock=True, archived_only=True)) == ["HAM", "SAW"]
    every = ItemFilter(low_stock=True, include_archived=True)
    assert (_listed(db, every), count_items(db.uow(), every)) == (["BOX", "HAM", "NUT", "SAW"], 4)
