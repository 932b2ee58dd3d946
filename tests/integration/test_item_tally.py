"""PostgreSQL keeps the number of listed items (active, not deleted) in a tally that statement triggers
add to (migration 0036); the API's first page of the whole list reads its count from there. Whatever
writes the items (a service, a bulk insert, a sync's tombstone, a delete, a truncate), the tally stays
equal to the items, and `stockdesk check` says so, or says where it does not."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import Connection, create_engine, func, insert, select, text
from sqlalchemy.pool import NullPool

from stockdesk.cli.main import main
from stockdesk.db.models import Item
from stockdesk.db.search_models import TALLY_SLOTS, item_tally
from stockdesk.domain.ids import new_id
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import catalog, item_pages
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.database import Database
from stockdesk.services.inventory import check

pytestmark = pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)


def _tallied(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.scalar(select(func.coalesce(func.sum(item_tally.c.listed), 0))) or 0)


def _first_page_count(db: Database) -> int | None:
    return item_pages.keyset_page(db.uow(), ItemFilter(), limit=1).count


@pytest.fixture
def rows(db: Database) -> Iterator[list[dict[str, object]]]:
    yield [
        {"id": new_id(), "sku": f"BULK-{n:04d}", "name": f"Bulk {n}", "active": n % 3 != 0}
        for n in range(300)
    ]


def test_the_tally_follows_every_way_items_are_written(
    db: Database, admin: Actor, rows: list[dict[str, object]]
):
    hammer = catalog.create_item(db.uow(), admin, sku="H-1", name="Hammer")
    saw = catalog.create_item(db.uow(), admin, sku="S-1", name="Saw")
    assert (_tallied(db), _first_page_count(db)) == (2, 2)

    catalog.archive_item(db.uow(), admin, saw.id)
    catalog.update_item(db.uow(), admin, hammer.id, name="Claw hammer", sell_price=Decimal("9.90"))
    assert (_tallied(db), _first_page_count(db)) == (1, 1)
    catalog.set_item_active(db.uow(), admin, saw.id, active=True)
    assert _tallied(db) == 2

    with db.engine.begin() as connection:
        connection.execute(insert(Item), rows)  # one multi-row statement (engine.make_engine), 200 active
        assert connection.scalar(select(func.sum(item_tally.c.listed))) == 202  # within the transaction
    assert (_tallied(db), _first_page_count(db)) == (202, 202)

    with db.engine.begin() as connection:  # a sync's tombstones, then a mass archive and a delete
        connection.execute(Item.__table__.update().where(Item.sku.like("BULK-000%")).values(deleted=True))
        connection.execute(Item.__table__.update().where(Item.sku.like("BULK-01%")).values(active=False))
        connection.execute(Item.__table__.delete().where(Item.sku.like("BULK-02%")))
    with db.engine.connect() as connection:
        listed = connection.scalar(
            select(func.count()).select_from(Item).where(Item.deleted.is_(False), Item.active.is_(True))
        )
    assert listed == 2 + sum(1 for n, row in enumerate(rows) if 10 <= n < 100 and row["active"])
    assert (_tallied(db), _first_page_count(db)) == (listed, listed)
    assert check.tally_difference(db.uow()) is None

    with db.engine.begin() as connection:  # rolled back: nothing counted
        connection.execute(insert(Item), [{"id": new_id(), "sku": "GONE", "name": "Gone"}])
        connection.rollback()
    assert _tallied(db) == listed


def test_past_ten_thousand_the_first_page_says_so_as_a_count_would(db: Database, admin: Actor):
    catalog.create_item(db.uow(), admin, sku="H-1", name="Hammer")
    with db.engine.begin() as connection:
        connection.execute(
            insert(Item),
            [{"id": new_id(), "sku": f"B-{n}", "name": "b"} for n in range(item_pages.COUNT_LIMIT)],
        )
    assert _first_page_count(db) is None
    with db.engine.begin() as connection:
        connection.execute(Item.__table__.update().where(Item.sku == "H-1").values(active=False))
    assert _first_page_count(db) == item_pages.COUNT_LIMIT


def test_a_big_insert_writes_the_tally_once_a_page_of_rows_not_once_an_item(db: Database):
    # Sent one statement per row, each statement's trigger rewrote the tally's row: in one transaction
    # every rewrite walked the row's earlier versions, and a 10,000-item import spent 9 s doing so.
    items = [{"id": new_id(), "sku": f"P-{n}", "name": "p"} for n in range(2_500)]
    # The backend's counts not yet reported (earlier transactions' too): the difference is this insert's.
    writes = text("SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'item_tally'")
    with db.engine.begin() as connection:
        before = connection.scalar(writes)
        connection.execute(insert(Item), items)
        assert connection.scalar(writes) - before <= 3  # in pages of 1,000 rows
    assert _tallied(db) == 2_500


def _backend_preferring(db: Database, slot: int) -> Connection:
    """A connection whose backend starts its search for a free slot at `slot` (its pid modulo 16)."""
    lonely = create_engine(db.engine.url, poolclass=NullPool)
    for _ in range(20 * TALLY_SLOTS):
        connection = lonely.connect()
        pid = connection.scalar(text("SELECT pg_backend_pid()"))
        connection.rollback()
        if pid % TALLY_SLOTS == slot:
            return connection
        connection.close()
    raise AssertionError(f"no backend with pid % {TALLY_SLOTS} == {slot} in {20 * TALLY_SLOTS} tries")


def test_a_long_item_import_does_not_hold_up_another_desks_new_item(db: Database, admin: Actor):
    importing = db.engine.connect()
    try:
        importing.begin()
        importing.execute(insert(Item), [{"id": new_id(), "sku": f"IMP-{n}", "name": "i"} for n in range(50)])
        held = importing.scalar(text("SELECT slot FROM item_tally WHERE xmin = pg_current_xact_id()::xid"))
        # The other desk's backend would start at the very slot the import holds; the lock timeout
        # makes a wait for the import's commit an error instead of a hang.
        other = _backend_preferring(db, held)
        try:
            with other.begin():
                other.execute(text("SET LOCAL lock_timeout = '10s'"))
                other.execute(insert(Item), [{"id": new_id(), "sku": "DESK-1", "name": "Desk item"}])
        finally:
            other.close()
        assert _tallied(db) == 1
        importing.commit()
    finally:
        importing.close()
    assert _tallied(db) == 51


def test_every_slot_is_there_after_a_truncate_and_a_rebuild(db: Database, admin: Actor):
    def slots() -> list[int]:
        with db.engine.connect() as connection:
            return list(connection.scalars(select(item_tally.c.slot).order_by(item_tally.c.slot)))

    assert slots() == list(range(TALLY_SLOTS))
    catalog.create_item(db.uow(), admin, sku="H-1", name="Hammer")
    with db.engine.begin() as connection:
        connection.execute(text("TRUNCATE item CASCADE"))
    assert (slots(), _tallied(db)) == (list(range(TALLY_SLOTS)), 0)
    catalog.create_item(db.uow(), admin, sku="H-2", name="Hammer")
    assert check.rebuild_tally(db.uow()) == 1
    assert (slots(), _tallied(db)) == (list(range(TALLY_SLOTS)), 1)


def test_check_reports_a_tally_that_disagrees_with_the_items_and_rebuilds_it(
    db: Database, admin: Actor, capsys: pytest.CaptureFixture[str]
):
    catalog.create_item(db.uow(), admin, sku="H-1", name="Hammer")
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "check"]) == 0
    with db.engine.begin() as connection:
        connection.execute(
            item_tally.update().where(item_tally.c.slot == 0).values(listed=item_tally.c.listed + 5)
        )
    assert check.tally_difference(db.uow()) == check.TallyDifference(tallied=6, listed=1)
    capsys.readouterr()
    assert main(["--db", url, "check"]) == 1
    assert "the tally of listed items says 6, but 1 items are listed" in capsys.readouterr().out
    assert main(["--db", url, "check", "--rebuild-tally"]) == 0
    assert "the tally of listed items is rebuilt: 1 items are listed" in capsys.readouterr().out
    catalog.create_item(db.uow(), admin, sku="S-1", name="Saw")  # the triggers add to the rebuilt tally
    assert (_tallied(db), _first_page_count(db)) == (2, 2)
