"""PostgreSQL marks each item's low-stock state in item_summary (migration 0037): the reorder point of a
listed, watched item and how many of its levels are at or below it. The low-stock list and its count
read those marks. Whatever writes the levels or the item (a sale, a transfer, a multi-row statement,
a new reorder point, an archive, a tombstone), and in whichever order two transactions commit, the
list equals the items worked out from their levels, and `stockdesk check` says so or says where not."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from sqlalchemy import Connection, delete, insert, select, text, update

from stockdesk.cli.main import main
from stockdesk.db.engine import make_engine
from stockdesk.db.models import Item, StockLevel
from stockdesk.db.store_points_models import StoreReorderPoint
from stockdesk.domain.ids import ItemId, StoreId, new_id
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import catalog, item_pages
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.database import Database
from stockdesk.services.inventory import check, stock
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import StoreView

pytestmark = pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)

LOW = ItemFilter(low_stock=True)


def _listed_low_skus(db: Database, item_filter: ItemFilter = LOW) -> tuple[list[str], int | None]:
    page = item_pages.keyset_page(db.uow(), item_filter, limit=500)
    return [row.sku for row in page.rows], page.count


def _worked_out(db: Database, *, archived_too: bool = False) -> list[str]:
    """The low items worked out from the items, their store points and their levels, as the list
    promises them: a level at or below the point that applies in its store (a store's own, else the
    item's; 0 there: not watched)."""
    status = "" if archived_too else "AND i.active AND NOT i.deleted"
    point = "coalesce(o.reorder_point, i.reorder_point)"
    with db.engine.connect() as connection:
        found = connection.execute(
            text(
                f"SELECT i.sku FROM item i WHERE NOT i.deleted {status} "
                "AND EXISTS (SELECT 1 FROM stock_level l LEFT JOIN store_reorder_point o "
                "ON o.item_id = l.item_id AND o.store_id = l.store_id "
                f"AND NOT o.deleted WHERE l.item_id = i.id AND {point} > 0 AND l.on_hand <= {point}) "
                "ORDER BY i.name, i.id"
            )
        )
        return [sku for (sku,) in found]


def _agrees(db: Database) -> list[str]:
    expected = _worked_out(db)
    assert _listed_low_skus(db) == (expected, len(expected))  # the count: the low tally's (0043)
    assert check.low_mark_difference(db.uow()) == 0
    assert check.low_tally_difference(db.uow()) is None
    return expected


@pytest.fixture
def items(db: Database, admin: Actor) -> dict[str, ItemId]:
    made = {}
    for sku, point in [("BOLT", "10"), ("NUT", "5"), ("SAW", "0"), ("TAPE", "2.5")]:
        view = catalog.create_item(db.uow(), admin, sku=sku, name=sku.title(), reorder_point=point)
        made[sku] = view.id
    return made


def test_the_low_stock_list_follows_every_way_levels_and_items_are_written(
    db: Database, admin: Actor, main_store: StoreView, branch_store: StoreView, items: dict[str, ItemId]
):
    main, branch = main_store.id, branch_store.id
    assert _agrees(db) == []  # no level yet: nothing is low, however low the point
    for sku in items:
        stock.receive(db.uow(), admin, item_id=items[sku], store_id=main, quantity="20")
    assert _agrees(db) == []
    stock.sell(db.uow(), admin, item_id=items["BOLT"], store_id=main, quantity="10")  # 10: at the point
    stock.sell(db.uow(), admin, item_id=items["SAW"], store_id=main, quantity="20")  # not watched
    assert _agrees(db) == ["BOLT"]
    stock.transfer(
        db.uow(), admin, item_id=items["NUT"], from_store_id=main, to_store_id=branch, quantity="3"
    )  # 17 here, 3 at the branch: low in one store is low
    assert _agrees(db) == ["BOLT", "NUT"]

    catalog.update_item(db.uow(), admin, items["BOLT"], reorder_point="9.999")
    catalog.update_item(db.uow(), admin, items["TAPE"], reorder_point="20")
    assert _agrees(db) == ["NUT", "TAPE"]  # BOLT's 10 is above 9.999; TAPE's 20 is at its new point
    catalog.archive_item(db.uow(), admin, items["NUT"])
    assert _agrees(db) == ["TAPE"]
    archived_too = ItemFilter(low_stock=True, include_archived=True)
    assert _listed_low_skus(db, archived_too)[0] == _worked_out(db, archived_too=True) == ["NUT", "TAPE"]
    catalog.set_item_active(db.uow(), admin, items["NUT"], active=True)
    assert _agrees(db) == ["NUT", "TAPE"]

    with db.engine.begin() as connection:  # one statement over many levels: a stocktake's post
        connection.execute(StockLevel.__table__.update().values(on_hand=StockLevel.on_hand + 100))
    assert _agrees(db) == []
    with db.engine.begin() as connection:  # moved between stores in one statement: the total stays
        connection.execute(
            text(
                "UPDATE stock_level SET on_hand = CASE WHEN store_id = :main THEN 0 ELSE on_hand + 117 END "
                "WHERE item_id = :nut"
            ),
            {"main": main, "nut": items["NUT"]},
        )
        connection.execute(StockLevel.__table__.delete().where(StockLevel.item_id == items["TAPE"]))
        connection.execute(  # a sync's tombstone
            Item.__table__.update().where(Item.id == items["BOLT"]).values(deleted=True)
        )
    assert _agrees(db) == ["NUT"]

    with db.engine.begin() as connection:  # rolled back: nothing marked
        connection.execute(StockLevel.__table__.update().values(on_hand=0))
        connection.rollback()
    assert _agrees(db) == ["NUT"]


def test_the_low_stock_pages_are_planned_once_and_still_follow_every_sale(
    db: Database, admin: Actor, main_store: StoreView, items: dict[str, ItemId]
):
    """The low-stock list has no value to plan for, so PostgreSQL plans its pages once and keeps the
    plan (planning the first page afresh for each request was a quarter of its cost), and the kept
    plan still lists what each sale made low."""
    for sku in items:
        stock.receive(db.uow(), admin, item_id=items[sku], store_id=main_store.id, quantity="20")
    stock.sell(db.uow(), admin, item_id=items["BOLT"], store_id=main_store.id, quantity="10")
    engine = make_engine(db.engine.url.render_as_string(hide_password=False), connections=1)
    uow = UnitOfWork(engine, desk_id="desk-test")
    try:
        first = item_pages.page_read(uow, LOW, limit=1)
        assert first is not None and first.read.plan != "custom"  # a "custom" read is planned every run
        for _ in range(8):  # psycopg prepares it on the fifth run
            page = first.page(first.read.rows(engine, first.params))
            assert ([r.sku for r in page.rows], page.count) == (["BOLT"], 1)
        stock.sell(db.uow(), admin, item_id=items["NUT"], store_id=main_store.id, quantity="16")
        page = first.page(first.read.rows(engine, first.params))
        assert ([r.sku for r in page.rows], page.count) == (["BOLT"], 2)
        second = item_pages.page_read(uow, LOW, cursor=page.next_cursor, limit=1)
        assert second is not None
        for _ in range(8):
            assert [r.sku for r in second.page(second.read.rows(engine, second.params)).rows] == ["NUT"]
        with engine.connect() as connection:
            plans = connection.exec_driver_sql(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
                ("%low_levels%",),
            ).all()
        assert len(plans) == 2 and all(generic >= 2 and custom == 0 for generic, custom in plans), plans
    finally:
        engine.dispose()


def test_the_count_of_a_long_low_stock_list_is_read_from_the_marks(db: Database, admin: Actor, main_store):
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO item (id, sku, name, description, unit, cost_price, sell_price, reorder_point, "
                "reorder_qty, active, created_at, updated_at, origin_desk, hlc, deleted) "
                "SELECT gen_random_uuid(), 'L-' || n, 'Low ' || n, '', 'pcs', 0, 0, 5, 0, true, "
                "now(), now(), '', '', false FROM generate_series(0, :n) AS n"
            ),
            {"n": item_pages.COUNT_LIMIT},
        )
        connection.execute(
            text("INSERT INTO stock_level (item_id, store_id, on_hand) SELECT id, :store, 1 FROM item"),
            {"store": main_store.id},
        )
    assert _listed_low_skus(db)[1] is None  # 10,001 low: past the exact count, as for any list
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE item SET active = false WHERE sku = 'L-0'"))
    assert _listed_low_skus(db)[1] == item_pages.COUNT_LIMIT

    with db.engine.begin() as connection:  # a wrong mark shows where the count comes from
        connection.execute(
            text(
                "UPDATE item_summary SET low_levels = 0 "
                "WHERE item_id = (SELECT id FROM item WHERE sku = 'L-1')"
            )
        )
    assert _listed_low_skus(db)[1] == item_pages.COUNT_LIMIT - 1
    assert len(_worked_out(db)) == item_pages.COUNT_LIMIT
    assert check.low_mark_difference(db.uow()) == 1


def _waits_on_a_lock(probe: Connection, pid: int) -> bool:
    found = probe.execute(text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid})
    probe.commit()
    return found.scalar() == "Lock"


def _blocked_until_first_commits(
    db: Database, first: Callable[[Connection], None], second: Callable[[Connection], None]
) -> None:
    """`first` runs and stays uncommitted; `second` runs in another transaction until it waits on a lock
    `first` holds; then `first` commits, and `second` goes on and commits."""
    holder, waiter, probe = db.engine.connect(), db.engine.connect(), db.engine.connect()
    failures: list[BaseException] = []

    def run_second() -> None:
        try:
            with waiter.begin():
                waiter.execute(text("SET LOCAL lock_timeout = '60s'"))  # a bound, never a synchronisation
                second(waiter)
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    try:
        holder.begin()
        first(holder)
        pid = int(waiter.execute(text("SELECT pg_backend_pid()")).scalar_one())
        waiter.commit()
        thread = threading.Thread(target=run_second)
        thread.start()
        waited = threading.Event()
        while thread.is_alive() and not waited.is_set():
            if _waits_on_a_lock(probe, pid):
                waited.set()
            else:
                thread.join(0.01)
        holder.commit()
        thread.join()
        assert not failures, failures
        assert waited.is_set(), "the second transaction never waited for the first"
    finally:
        for connection in (holder, waiter, probe):
            connection.close()


@pytest.fixture
def one_item(db: Database, admin: Actor, main_store: StoreView) -> Iterator[tuple[ItemId, StoreId]]:
    item = catalog.create_item(db.uow(), admin, sku="BOLT", name="Bolt", reorder_point="10")
    stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="20")
    yield item.id, main_store.id


def _sell_down_to(on_hand: str, item_id: ItemId, store_id: StoreId) -> Callable[[Connection], None]:
    def write(connection: Connection) -> None:
        connection.execute(
            StockLevel.__table__.update()
            .where(StockLevel.item_id == item_id, StockLevel.store_id == store_id)
            .values(on_hand=Decimal(on_hand))
        )

    return write


def _set_point(point: str, item_id: ItemId) -> Callable[[Connection], None]:
    def write(connection: Connection) -> None:
        connection.execute(
            Item.__table__.update().where(Item.id == item_id).values(reorder_point=Decimal(point))
        )

    return write


def test_a_new_reorder_point_waits_for_a_level_change_in_flight_and_counts_it(
    db: Database, one_item: tuple[ItemId, StoreId]
):
    item_id, store_id = one_item
    # 20 on hand, point 10: a sale to 15 uncommitted while the point goes to 16. Counted with the old
    # level, the item would stay unmarked though it is low.
    _blocked_until_first_commits(db, _sell_down_to("15", item_id, store_id), _set_point("16", item_id))
    assert _agrees(db) == ["BOLT"]


def test_a_level_change_waits_for_a_new_reorder_point_in_flight_and_compares_with_it(
    db: Database, one_item: tuple[ItemId, StoreId]
):
    item_id, store_id = one_item
    # The point goes to 16 uncommitted while a sale takes 20 to 15: compared with the old point, the
    # sale would not mark the item.
    _blocked_until_first_commits(db, _set_point("16", item_id), _sell_down_to("15", item_id, store_id))
    assert _agrees(db) == ["BOLT"]


def test_check_reports_wrong_low_marks_and_works_them_out_again(
    db: Database, admin: Actor, one_item: tuple[ItemId, StoreId], capsys: pytest.CaptureFixture[str]
):
    item_id, store_id = one_item
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "check"]) == 0
    with db.engine.begin() as connection:  # as after a restore that bypassed the triggers
        connection.execute(text("UPDATE item_summary SET low_levels = 1"))
    assert check.low_mark_difference(db.uow()) == 1
    capsys.readouterr()
    assert main(["--db", url, "check"]) == 1
    assert "the low-stock marks of 1 item(s) disagree with their levels" in capsys.readouterr().out
    assert main(["--db", url, "check", "--rebuild-tally"]) == 0
    assert "the low-stock marks are rebuilt: 0 items are low" in capsys.readouterr().out
    stock.sell(db.uow(), admin, item_id=item_id, store_id=store_id, quantity="15")  # marked again by triggers
    assert _agrees(db) == ["BOLT"]


def _set_own_point(point: str | None, item_id: ItemId, store_id: StoreId) -> Callable[[Connection], None]:
    """A store's own point for the item, as a desk's sync writes it: a row, or its tombstone (None)."""

    def write(connection: Connection) -> None:
        own = StoreReorderPoint.__table__
        found = connection.execute(
            select(own.c.id).where(own.c.item_id == item_id, own.c.store_id == store_id)
        )
        row_id = found.scalar()
        if row_id is None:
            values = {"id": new_id(), "item_id": item_id, "store_id": store_id, "reorder_qty": Decimal(1)}
            connection.execute(insert(own).values(reorder_point=Decimal(point or 0), **values))
        elif point is None:
            connection.execute(update(own).where(own.c.id == row_id).values(deleted=True))
        else:
            connection.execute(
                update(own).where(own.c.id == row_id).values(reorder_point=Decimal(point), deleted=False)
            )

    return write


def test_the_marks_follow_a_stores_own_point_written_any_way(db: Database, one_item: tuple[ItemId, StoreId]):
    item_id, store_id = one_item  # 20 on hand, the item's point 10
    for point, low in [("25", ["BOLT"]), ("0", []), ("20", ["BOLT"]), (None, [])]:
        with db.engine.begin() as connection:
            _set_own_point(point, item_id, store_id)(connection)
        assert _agrees(db) == low, point
    with db.engine.begin() as connection:  # the row itself deleted (a restore, a purge)
        _set_own_point("30", item_id, store_id)(connection)
        connection.execute(delete(StoreReorderPoint.__table__).where(StoreReorderPoint.item_id == item_id))
    assert _agrees(db) == []


@pytest.mark.parametrize("point_first", [False, True], ids=["sale-in-flight", "point-in-flight"])
def test_a_stores_own_point_and_a_level_change_in_flight_agree_in_either_order(
    db: Database, one_item: tuple[ItemId, StoreId], point_first: bool
):
    """20 on hand, the item's point 10; a sale to 15 and the store's own point 16, one uncommitted
    while the other waits for it. The point's recount must see the sale; the sale must compare with
    the new point."""
    item_id, store_id = one_item
    sale, point = _sell_down_to("15", item_id, store_id), _set_own_point("16", item_id, store_id)
    _blocked_until_first_commits(db, *((point, sale) if point_first else (sale, point)))
    assert _agrees(db) == ["BOLT"]
