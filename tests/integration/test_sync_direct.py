"""A desk working directly on the server (`--db postgresql://...`): its writes reach the other desks
through the change log (server-side capture triggers), and merge with theirs like any desk's."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import open_database
from stockdesk.services.inventory import stock
from stockdesk.sync import conflicts
from tests.integration.test_sync_support import make_desk, service, sync_all, sync_api, sync_server

__all__ = ["make_desk", "sync_api", "sync_server"]  # fixtures
pytestmark = pytest.mark.pg


@pytest.fixture
def direct(sync_server):
    db = open_database(sync_server)
    yield db
    db.close()


@pytest.fixture
def setup(direct, make_desk, tmp_path):
    admin = users.create_first_admin(direct.uow(), email="boss@example.com", password="boss-pass-1")
    store = organisation.create_store(direct.uow(), admin, code="MAIN", name="Main")
    item = catalog.create_item(direct.uow(), admin, sku="TEA", name="Green tea", sell_price="2.50", unit="kg")
    stock.receive(direct.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal("5.5"))
    desk = service(make_desk("a"), tmp_path)
    sync_all([desk])
    yield desk, admin, store, item
    desk.close()


def log_count(db, where: str = "true") -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM change_log WHERE {where}")).scalar())


def test_a_desk_sees_what_was_written_directly_on_the_server(setup):
    desk, _admin, store, item = setup
    view = catalog.get_item(desk.db.uow(), item.id)
    assert (view.sku, view.name, view.sell_price) == ("TEA", "Green tea", Decimal("2.50"))
    assert stock.on_hand_of(desk.db.uow(), item.id, store.id) == Decimal("5.5")
    clerk_login = users.authenticate(desk.db.uow(), email="boss@example.com", password="boss-pass-1")
    assert clerk_login.email == "boss@example.com"


def test_later_direct_edits_and_sales_reach_the_desk(direct, setup):
    desk, admin, store, item = setup
    catalog.update_item(direct.uow(), admin, item.id, name="Sencha", sell_price="3.10")
    stock.sell(direct.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(2))
    sync_all([desk])
    view = catalog.get_item(desk.db.uow(), item.id)
    assert (view.name, view.sell_price) == ("Sencha", Decimal("3.10"))
    assert stock.on_hand_of(desk.db.uow(), item.id, store.id) == Decimal("3.5")


def test_a_pushed_change_is_logged_once_not_again_by_the_capture_triggers(direct, setup):
    desk, _admin, store, item = setup
    admin_a = users.authenticate(desk.db.uow(), email="boss@example.com", password="boss-pass-1")
    moved = stock.receive(desk.db.uow(), admin_a, item_id=item.id, store_id=store.id, quantity=Decimal(4))
    sync_all([desk])
    assert log_count(direct, f"row_id = '{moved.id.hex}'") == 1
    assert stock.on_hand_of(direct.uow(), item.id, store.id) == Decimal("9.5")


def test_the_same_field_edited_directly_and_on_an_offline_desk_records_a_conflict(direct, setup):
    desk, admin, _store, item = setup
    admin_a = users.authenticate(desk.db.uow(), email="boss@example.com", password="boss-pass-1")
    catalog.update_item(desk.db.uow(), admin_a, item.id, name="Tea (desk)")
    catalog.update_item(direct.uow(), admin, item.id, name="Tea (direct)")  # later: wins
    sync_all([desk])
    assert catalog.get_item(desk.db.uow(), item.id).name == "Tea (direct)"
    assert catalog.get_item(direct.uow(), item.id).name == "Tea (direct)"
    for db in (desk.db, direct):
        found = conflicts.open_conflicts(db.uow())
        assert [(c.field, c.kept_value, c.lost_value) for c in found] == [
            ("name", "Tea (direct)", "Tea (desk)")
        ]
