"""A search's first page is kept in memory on PostgreSQL and served again while the catalogue's version
(migration 0041) stays the same: every committed change of an item or a barcode, by whatever writer,
moves it once; stock does not, and a kept page's stock is always read afresh."""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text, update

from stockdesk.db.models import Item
from stockdesk.domain.ids import ItemId
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import catalog, item_pages, organisation
from stockdesk.services.catalogue.item_pages import ItemPage
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort
from stockdesk.services.catalogue.kept_searches import KeptSearches, kept_searches
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import check, stock
from stockdesk.services.views import StoreView

pytestmark = pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)

HANG_GUARD = "10s"  # a statement that waits on another transaction's lock fails after this, never hangs
HANG_GUARD_S = 60.0  # only a guard against a hang, never a measure of speed


def _version(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.scalar(text("SELECT version FROM catalogue_version")))


def _search(db: Database, phrase: str = "hinge 12", **more: object) -> ItemPage:
    return item_pages.keyset_page(db.uow(), ItemFilter(text=phrase, **more), sort=ItemSort.NAME, limit=5)  # type: ignore[arg-type]


def _listed(page: ItemPage) -> list[tuple[str, Decimal]]:
    return [(row.name, row.on_hand) for row in page.rows]


@pytest.fixture
def hinges(db: Database, admin: Actor, main_store: StoreView) -> Iterator[list[ItemId]]:
    ids = []
    for n, size in enumerate(("12", "120", "125")):
        item = catalog.create_item(db.uow(), admin, sku=f"HNG-{n}", name=f"Copper hinge {size} mm")
        stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="10")
        ids.append(item.id)
    catalog.create_item(db.uow(), admin, sku="SAW-1", name="Saw 12 teeth")
    yield ids


def test_every_committed_change_of_the_catalogue_moves_the_version_once_and_stock_does_not(
    db: Database, admin: Actor, main_store: StoreView
):
    before = _version(db)
    item = catalog.create_item(db.uow(), admin, sku="H-1", name="Hinge", barcodes=["4006381333931"])
    assert _version(db) == before + 1  # the item and its barcode: one transaction, one step
    catalog.update_item(db.uow(), admin, item.id, sell_price=Decimal("4.20"))
    catalog.add_barcode(db.uow(), admin, item.id, "5901234123457")
    catalog.remove_barcode(db.uow(), admin, item.id, "5901234123457")
    assert _version(db) == before + 4

    stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="5")
    stock.sell(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="2")
    assert _version(db) == before + 4  # a sale leaves every kept page as it was

    with db.engine.connect() as connection:
        with connection.begin():
            connection.execute(update(Item).values(name="Never"))
            connection.rollback()
        with connection.begin():
            with connection.begin_nested() as savepoint:
                connection.execute(update(Item).values(name="Never either"))
                savepoint.rollback()
            connection.execute(text("SELECT 1"))
    assert _version(db) == before + 4
    assert catalog.get_item(db.uow(), item.id).name == "Hinge"


def test_two_writers_of_items_do_not_wait_for_each_other_before_they_commit(db: Database, admin: Actor):
    first = catalog.create_item(db.uow(), admin, sku="A-1", name="First")
    second = catalog.create_item(db.uow(), admin, sku="B-1", name="Second")
    before = _version(db)
    with db.engine.connect() as slow, db.engine.connect() as quick:
        slow.begin()
        slow.execute(update(Item).where(Item.id == first.id).values(name="First, renamed"))
        with quick.begin():
            quick.execute(text(f"SET LOCAL lock_timeout = '{HANG_GUARD}'"))
            quick.execute(update(Item).where(Item.id == second.id).values(name="Second, renamed"))
        assert _version(db) == before + 1  # committed while the slow one still holds its item
        slow.commit()
    assert _version(db) == before + 2


def test_a_search_asked_again_is_served_from_memory_with_its_stock_read_afresh(
    db: Database, admin: Actor, main_store: StoreView, hinges: list[ItemId]
):
    first = _search(db)
    assert first.count == 3
    assert _listed(first) == [
        ("Copper hinge 12 mm", Decimal(10)),
        ("Copper hinge 120 mm", Decimal(10)),
        ("Copper hinge 125 mm", Decimal(10)),
    ]
    # A rename behind the triggers' back moves no version: only a page kept in memory still shows
    # the old name. A sale moves no version either, and the kept page shows its stock as it is now.
    with db.engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(update(Item).where(Item.id == hinges[1]).values(name="Copper hinge 120 mm, brass"))
    stock.sell(db.uow(), admin, item_id=hinges[0], store_id=main_store.id, quantity="3")
    again = _search(db)
    assert _listed(again) == [
        ("Copper hinge 12 mm", Decimal(7)),
        ("Copper hinge 120 mm", Decimal(10)),
        ("Copper hinge 125 mm", Decimal(10)),
    ]
    assert again.count == 3 and again.next_cursor == first.next_cursor

    check.rebuild_tally(db.uow())  # what a restore behind the triggers' back ends with: kept pages go
    assert [row.name for row in _search(db).rows][1] == "Copper hinge 120 mm, brass"

    catalog.update_item(db.uow(), admin, hinges[2], name="Copper hinge 25 mm")  # no longer a match
    after = _search(db)
    assert after.count == 2
    assert _listed(after) == [("Copper hinge 12 mm", Decimal(7)), ("Copper hinge 120 mm, brass", Decimal(10))]


def test_a_change_through_another_worker_is_seen_by_the_next_search(
    db: Database, admin: Actor, hinges: list[ItemId]
):
    other_worker = open_database(db.engine.url.render_as_string(hide_password=False))
    try:
        assert _search(other_worker).count == 3
        catalog.create_item(
            db.uow(), admin, sku="HNG-9", name="Copper hinge 12 mm, left", barcodes=["4006381333931"]
        )
        assert _search(other_worker).count == 4
        catalog.add_barcode(db.uow(), admin, hinges[0], "5901234123457")
        found = _search(other_worker, "5901234123457")
        assert [row.name for row in found.rows] == ["Copper hinge 12 mm"]
        catalog.remove_barcode(db.uow(), admin, hinges[0], "5901234123457")
        assert _search(other_worker, "5901234123457").count == 0
        catalog.archive_item(db.uow(), admin, hinges[0])
        assert [row.name for row in _search(other_worker).rows] == [
            "Copper hinge 12 mm, left",
            "Copper hinge 120 mm",
            "Copper hinge 125 mm",
        ]
    finally:
        other_worker.close()


def test_a_search_by_store_or_low_stock_follows_the_stock_not_the_catalogue(
    db: Database, admin: Actor, main_store: StoreView, branch_store: StoreView, hinges: list[ItemId]
):
    for item_id in (hinges[0], hinges[2]):
        catalog.update_item(db.uow(), admin, item_id, reorder_point=Decimal(5))
    stock.sell(db.uow(), admin, item_id=hinges[0], store_id=main_store.id, quantity="6")
    assert [row.name for row in _search(db, low_stock=True).rows] == ["Copper hinge 12 mm"]
    stock.sell(db.uow(), admin, item_id=hinges[2], store_id=main_store.id, quantity="6")
    assert [row.name for row in _search(db, low_stock=True).rows] == [
        "Copper hinge 12 mm",
        "Copper hinge 125 mm",
    ]

    in_branch = {"store_id": branch_store.id}
    stock.receive(db.uow(), admin, item_id=hinges[1], store_id=branch_store.id, quantity="2")
    assert [row.name for row in _search(db, **in_branch).rows] == ["Copper hinge 120 mm"]
    stock.receive(db.uow(), admin, item_id=hinges[2], store_id=branch_store.id, quantity="2")
    assert [row.name for row in _search(db, **in_branch).rows] == [
        "Copper hinge 120 mm",
        "Copper hinge 125 mm",
    ]


def test_requests_for_a_page_being_searched_wait_for_that_search_rather_than_search_too(
    db: Database, hinges: list[ItemId], monkeypatch: pytest.MonkeyPatch
):
    followers = 3
    announced = threading.Semaphore(0)
    searches: list[str] = []
    lead, searched = KeptSearches.lead, item_pages._searched

    class Announced:
        def __init__(self, under_way: threading.Event) -> None:
            self.under_way = under_way

        def wait(self, timeout: float) -> bool:
            announced.release()
            return self.under_way.wait(timeout)

    def announcing_lead(self: KeptSearches, key: Hashable) -> Announced | None:
        under_way = lead(self, key)
        return None if under_way is None else Announced(under_way)

    def held_search(*args: Any) -> list[Any]:
        searches.append(threading.current_thread().name)
        for _ in range(followers):  # the page is searched only once every other request waits for it
            assert announced.acquire(timeout=HANG_GUARD_S)
        return searched(*args)

    monkeypatch.setattr(KeptSearches, "lead", announcing_lead)
    monkeypatch.setattr(item_pages, "_searched", held_search)
    with ThreadPoolExecutor(followers + 1) as pool:
        pages = list(pool.map(lambda _: _search(db), range(followers + 1), timeout=HANG_GUARD_S))
    assert len(searches) == 1
    assert all(_listed(page) == _listed(pages[0]) and page.count == 3 for page in pages)


def _department(db: Database, category_id: object) -> ItemPage:
    """A web shop's department page: a category and a price range, cheapest first."""
    wanted = ItemFilter(category_id=category_id, min_price=Decimal(1), max_price=Decimal(100))  # type: ignore[arg-type]
    return item_pages.keyset_page(db.uow(), wanted, sort=ItemSort.SELL_PRICE, limit=5)


def test_a_category_page_is_kept_until_an_item_or_the_tree_below_it_changes(
    db: Database, admin: Actor, main_store: StoreView
):
    tools = organisation.create_category(db.uow(), admin, name="Tools")
    hinges = organisation.create_category(db.uow(), admin, name="Hinges", parent_id=tools.id)
    garden = organisation.create_category(db.uow(), admin, name="Garden")
    made = {}
    for sku, name, price, category in (
        ("T-1", "Hammer", "19.90", tools),
        ("H-1", "Copper hinge", "4.20", hinges),
        ("G-1", "Rake", "12.50", garden),
    ):
        item = catalog.create_item(
            db.uow(), admin, sku=sku, name=name, sell_price=price, category_id=category.id
        )
        stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="10")
        made[sku] = item.id
    kept = kept_searches(db.engine)
    before = len(kept)
    first = _department(db, tools.id)
    assert _listed(first) == [("Copper hinge", Decimal(10)), ("Hammer", Decimal(10))] and first.count == 2
    assert len(kept) == before + 1

    # Renamed behind the triggers' back: only a page kept in memory still shows the old name. Its stock
    # is read afresh.
    with db.engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(update(Item).where(Item.id == made["T-1"]).values(name="Claw hammer"))
    stock.sell(db.uow(), admin, item_id=made["H-1"], store_id=main_store.id, quantity="4")
    assert _listed(_department(db, tools.id)) == [("Copper hinge", Decimal(6)), ("Hammer", Decimal(10))]

    organisation.move_category(db.uow(), admin, garden.id, parent_id=hinges.id)  # the rake moves in, deeper
    assert _listed(_department(db, tools.id)) == [
        ("Copper hinge", Decimal(6)),
        ("Rake", Decimal(10)),
        ("Claw hammer", Decimal(10)),
    ]
    organisation.move_category(db.uow(), admin, hinges.id, parent_id=None)  # the hinges and the rake leave
    assert _listed(_department(db, tools.id)) == [("Claw hammer", Decimal(10))]
    catalog.update_item(db.uow(), admin, made["T-1"], sell_price=Decimal("150"))  # out of the price range
    emptied = _department(db, tools.id)
    assert emptied.rows == [] and emptied.count == 0
    assert _listed(_department(db, hinges.id)) == [("Copper hinge", Decimal(6)), ("Rake", Decimal(10))]
