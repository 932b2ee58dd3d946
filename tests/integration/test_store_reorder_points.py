"""Reorder points per store: the item's point is the default, a store's own point overrides it.

Issue 17, item 6: a branch that sells faster alerts at its own, higher point; the main store keeps
the item's point; removing the override brings the item's point back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stockdesk.domain.errors import PermissionDenied, ValidationError
from stockdesk.domain.movements import MovementKind
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from stockdesk.services.planning import alert_recipients, alerts, store_points


@pytest.fixture
def hammer(db, admin, main_store, branch_store):
    item = catalog.create_item(db.uow(), admin, sku="HAM-1", name="Hammer", reorder_point="5")
    for store in (main_store, branch_store):
        stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity="30")
    return item


def sell(db, actor, item, store, qty):
    stock.sell(db.uow(), actor, item_id=item.id, store_id=store.id, quantity=qty)


def test_an_alert_opens_at_the_stores_own_point_and_the_other_store_keeps_the_items(
    db, admin, hammer, main_store, branch_store
):
    alert_recipients.add_recipient(db.uow(), admin, email="buyer@example.com")
    store_points.set_overrides(db.uow(), admin, hammer.id, {branch_store.id: ("20", "40")})
    sell(db, admin, hammer, branch_store, "10")  # 30 -> 20: at the branch's point
    sell(db, admin, hammer, main_store, "10")  # 30 -> 20: far above the item's point 5
    [alert] = alerts.open_alerts(db.uow())
    assert (alert.store_code, alert.on_hand, alert.reorder_point) == ("BR", 20, 20)
    sell(db, admin, hammer, main_store, "15")  # 20 -> 5: the item's point in MAIN
    opened = {(a.store_code, a.reorder_point) for a in alerts.open_alerts(db.uow())}
    assert opened == {("BR", Decimal(20)), ("MAIN", Decimal(5))}


def test_a_single_posted_line_alerts_at_the_stores_own_point_read_with_its_rows(
    db, admin, hammer, main_store, branch_store
):
    """A one-line post (the API's and the counter's) reads the store's point with the item and the
    store: with an override the alert opens there, without one at the item's, as a batch would."""
    alert_recipients.add_recipient(db.uow(), admin, email="buyer@example.com")
    store_points.set_overrides(db.uow(), admin, hammer.id, {branch_store.id: ("20", "40")})
    for store in (branch_store, main_store):
        line = stock.MovementRequest(MovementKind.SALE, hammer.id, store.id, "12")  # 30 -> 18
        stock.post_movements(db.uow(), admin, [line])
    [alert] = alerts.open_alerts(db.uow())
    assert (alert.store_code, alert.on_hand, alert.reorder_point) == ("BR", 18, 20)


def test_overrides_are_read_back_and_removed(db, admin, hammer, branch_store):
    store_points.set_overrides(db.uow(), admin, hammer.id, {branch_store.id: ("20", "40")})
    with db.uow() as uow:
        assert store_points.overrides_of(uow.session, hammer.id) == {
            branch_store.id: store_points.StorePoint(Decimal(20), Decimal(40))
        }
    store_points.set_overrides(db.uow(), admin, hammer.id, {branch_store.id: None})
    with db.uow() as uow:
        assert store_points.overrides_of(uow.session, hammer.id) == {}
    sell(db, admin, hammer, branch_store, "10")  # 30 -> 20: the item's point (5) applies again
    assert alerts.open_alerts(db.uow()) == []


def test_a_bad_value_names_the_store_and_writes_nothing(db, admin, hammer, main_store, branch_store):
    with pytest.raises(ValidationError, match="BR"):
        store_points.set_overrides(
            db.uow(), admin, hammer.id, {main_store.id: ("3", "10"), branch_store.id: ("-1", "10")}
        )
    with db.uow() as uow:
        assert store_points.overrides_of(uow.session, hammer.id) == {}


def test_a_clerk_may_not_set_store_points(db, hammer, clerk, main_store):
    with pytest.raises(PermissionDenied):
        store_points.set_overrides(db.uow(), clerk, hammer.id, {main_store.id: ("3", "10")})


def test_the_reorder_page_says_where_each_stores_point_comes_from(
    db, admin, hammer, main_store, branch_store
):
    from stockdesk.services.planning import reorder

    nail = catalog.create_item(db.uow(), admin, sku="NAIL-1", name="Nails")
    stock.receive(db.uow(), admin, item_id=nail.id, store_id=main_store.id, quantity="3")
    store_points.set_overrides(db.uow(), admin, hammer.id, {branch_store.id: ("20", "40")})
    sources = {(r.sku, r.store_code): r.point_source for r in reorder.suggestions(db.uow())}
    assert sources == {
        ("HAM-1", "BR"): "store",  # the branch's own point
        ("HAM-1", "MAIN"): "item",  # the item's point, the same in every store without its own
        ("NAIL-1", "MAIN"): "forecast",  # none set: computed from sales
    }
    header, *rows = list(reorder.csv_rows(reorder.suggestions(db.uow())))
    assert header[-1] == "point_source" and sorted(row[-1] for row in rows) == ["forecast", "item", "store"]
