"""PostgreSQL keeps the number of low items in a tally that follows their marks (migration 0043); the
low-stock list's first page reads its count from there. Two desks turning items low do not wait for
each other, and `stockdesk check` says when the tally disagrees with the marks, and mends it."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from stockdesk.cli.main import main
from stockdesk.db.models import StockLevel
from stockdesk.db.search_models import TALLY_SLOTS, low_tally
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import catalog, item_pages
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.database import Database
from stockdesk.services.inventory import check, stock
from stockdesk.services.views import StoreView

pytestmark = pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)

HANG_GUARD = "10s"  # a statement that waits on another transaction's lock fails after this, never hangs


def _low_count(db: Database) -> int | None:
    return item_pages.keyset_page(db.uow(), ItemFilter(low_stock=True), limit=1).count


def test_two_desks_turning_items_low_do_not_wait_for_each_other(
    db: Database, admin: Actor, main_store: StoreView
):
    made = []
    for sku in ("BOLT", "NUT"):
        item = catalog.create_item(db.uow(), admin, sku=sku, name=sku.title(), reorder_point="5")
        stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="20")
        made.append(item.id)
    assert _low_count(db) == 0

    def down_to_one(item_index: int) -> object:
        return update(StockLevel).where(StockLevel.item_id == made[item_index]).values(on_hand=1)

    with db.engine.connect() as slow, db.engine.connect() as quick:
        firsts = set()  # the slot each backend tries first (its own), then the next, and so on
        for connection in (slow, quick):
            firsts.add(connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one() % TALLY_SLOTS)
            connection.rollback()
        # The one slot left free: neither backend's own, so the slow one's item takes the slot it holds
        # already, and the quick one's first choice is held.
        free = min(set(range(TALLY_SLOTS)) - firsts)
        slow.begin()
        slow.execute(down_to_one(0))  # a stocktake's post, say, not committed yet: it holds a slot
        slow.execute(low_tally.select().where(low_tally.c.slot != free).with_for_update())  # and all but one
        with quick.begin():
            quick.exec_driver_sql(f"SET LOCAL lock_timeout = '{HANG_GUARD}'")
            quick.execute(down_to_one(1))  # another desk's sale: another slot, no wait
        assert _low_count(db) == 1
        slow.commit()
    assert _low_count(db) == 2
    assert check.low_tally_difference(db.uow()) is None


def test_check_reports_a_low_tally_that_disagrees_with_the_marks_and_rebuilds_it(
    db: Database, admin: Actor, main_store: StoreView, capsys: pytest.CaptureFixture[str]
):
    bolt = catalog.create_item(db.uow(), admin, sku="BOLT", name="Bolt", reorder_point="10")
    stock.receive(db.uow(), admin, item_id=bolt.id, store_id=main_store.id, quantity="4")
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "check"]) == 0
    with db.engine.begin() as connection:  # what a restore behind the triggers' back may leave
        connection.execute(low_tally.update().where(low_tally.c.slot == 3).values(low=low_tally.c.low + 5))
    assert check.low_tally_difference(db.uow()) == (6, 1)
    assert _low_count(db) == 6  # the page believes the tally
    capsys.readouterr()
    assert main(["--db", url, "check"]) == 1
    assert "the tally of low items says 6, but the marks of 1 items say low" in capsys.readouterr().out
    assert main(["--db", url, "check", "--rebuild-tally"]) == 0
    assert check.low_tally_difference(db.uow()) is None and _low_count(db) == 1
    stock.receive(db.uow(), admin, item_id=bolt.id, store_id=main_store.id, quantity="20")  # no longer low
    assert _low_count(db) == 0  # the triggers take from the rebuilt tally
