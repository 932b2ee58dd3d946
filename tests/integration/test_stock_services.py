"""Receiving, selling, transferring, counting and reversing stock, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from stockdesk.db.models import AuditEvent, Item, StockMovement
from stockdesk.domain.errors import (
    InsufficientStock,
    InvalidQuantity,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import check, stock


@pytest.fixture
def apple(db, admin):
    return catalog.create_item(
        db.uow(),
        admin,
        sku="APL-1",
        name="Apple",
        sell_price="0.50",
        cost_price="0.20",
        barcodes=["4006381333931"],
    )


def movement_count(db) -> int:
    with db.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(StockMovement))


def audit_count(db) -> int:
    with db.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(AuditEvent))


def test_receiving_ten_and_selling_three_leaves_seven(db, admin, apple, main_store):
    stock.receive(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="10", unit_cost="0.20")
    sale = stock.sell(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="3")
    assert sale.on_hand_after == 7
    assert stock.on_hand_of(db.uow(), apple.id, main_store.id) == Decimal(7)
    assert [m.kind for m in stock.movements_of(db.uow(), apple.id)] == ["sale", "receive"]


def test_selling_more_than_on_hand_is_refused_and_nothing_is_written(db, admin, apple, main_store):
    stock.receive(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="5")
    before_audit = audit_count(db)
    with pytest.raises(InsufficientStock) as refused:
        stock.sell(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="6")
    assert "only 5" in str(refused.value) and "APL-1" in str(refused.value)
    assert stock.on_hand_of(db.uow(), apple.id, main_store.id) == 5
    assert movement_count(db) == 1
    assert audit_count(db) == before_audit


def test_a_manager_may_sell_below_zero_on_purpose(db, manager, apple, main_store):
    sale = stock.sell(
        db.uow(), manager, item_id=apple.id, store_id=main_store.id, quantity="2", allow_negative=True
    )
    assert sale.on_hand_after == -2


@pytest.mark.parametrize("quantity", ["0", "-3", "abc", "", "1.2345"])
def test_bad_quantities_name_the_field_and_write_nothing(db, admin, apple, main_store, quantity):
    with pytest.raises(InvalidQuantity) as refused:
        stock.receive(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity=quantity)
    assert refused.value.field == "quantity"
    assert movement_count(db) == 0


def test_unknown_item_or_store_is_reported_by_name(db, admin, apple, main_store):
    with pytest.raises(NotFound, match="store"):
        stock.receive(
            db.uow(), admin, item_id=apple.id, store_id="0190c1a0-0000-7000-8000-000000000000", quantity="1"
        )
    with pytest.raises(NotFound, match="item"):
        stock.receive(db.uow(), admin, item_id="not-an-id", store_id=main_store.id, quantity="1")


def test_a_transfer_is_two_movements_sharing_one_id(db, admin, apple, main_store, branch_store):
    stock.receive(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="10")
    out, into = stock.transfer(
        db.uow(),
        admin,
        item_id=apple.id,
        from_store_id=main_store.id,
        to_store_id=branch_store.id,
        quantity="4",
    )
    assert out.transfer_id == into.transfer_id is not None
    assert (out.quantity, into.quantity) == (-4, 4)
    levels = {level.store_code: level.on_hand for level in stock.levels(db.uow(), apple.id)}
    assert levels == {"MAIN": 6, "BR": 4}


def test_transfer_to_the_same_store_or_beyond_stock_is_refused(db, admin, apple, main_store, branch_store):
    stock.receive(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="2")
    with pytest.raises(ValidationError) as same:
        stock.transfer(
            db.uow(),
            admin,
            item_id=apple.id,
            from_store_id=main_store.id,
            to_store_id=main_store.id,
            quantity="1",
        )
    assert same.value.field == "to_store"
    with pytest.raises(InsufficientStock):
        stock.transfer(
            db.uow(),
            admin,
            item_id=apple.id,
            from_store_id=main_store.id,
            to_store_id=branch_store.id,
            quantity="3",
        )
    assert movement_count(db) == 1
    assert stock.on_hand_of(db.uow(), apple.id, branch_store.id) == 0


def test_a_count_posts_the_difference_and_keeps_the_counted_quantity(db, admin, apple, main_store):
    stock.receive(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="10")
    counted = stock.count(db.uow(), admin, item_id=apple.id, store_id=main_store.id, counted="8")
    assert (counted.quantity, counted.counted_quantity, counted.on_hand_after) == (-2, 8, 8)
    confirmed = stock.count(db.uow(), admin, item_id=apple.id, store_id=main_store.id, counted="8")
    assert confirmed.quantity == 0


def test_reversing_a_sale_restores_stock_with_a_new_movement(db, admin, apple, main_store):
    stock.receive(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="10")
    sale = stock.sell(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="3")
    (undo,) = stock.reverse(db.uow(), admin, sale.id, reason="scanned twice")
    assert undo.reverses_id == sale.id and undo.quantity == 3
    assert stock.on_hand_of(db.uow(), apple.id, main_store.id) == 10
    assert movement_count(db) == 3
    with pytest.raises(ValidationError, match="already been reversed"):
        stock.reverse(db.uow(), admin, sale.id, reason="again")


def test_reversing_one_leg_of_a_transfer_reverses_both(db, admin, apple, main_store, branch_store):
    stock.receive(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="5")
    out, _ = stock.transfer(
        db.uow(),
        admin,
        item_id=apple.id,
        from_store_id=main_store.id,
        to_store_id=branch_store.id,
        quantity="5",
    )
    stock.reverse(db.uow(), admin, out.id, reason="wrong store")
    levels = {level.store_code: level.on_hand for level in stock.levels(db.uow(), apple.id)}
    assert levels == {"MAIN": 5, "BR": 0}


def test_a_reversal_needs_a_reason(db, admin, apple, main_store):
    receipt = stock.receive(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="5")
    with pytest.raises(ValidationError) as refused:
        stock.reverse(db.uow(), admin, receipt.id, reason="  ")
    assert refused.value.field == "reason"


def test_a_batch_is_all_or_nothing(db, admin, apple, main_store):
    lines = [
        stock.MovementRequest("receive", apple.id, main_store.id, "5"),
        stock.MovementRequest("sale", apple.id, main_store.id, "2"),
        stock.MovementRequest("sale", apple.id, main_store.id, "x"),
    ]
    with pytest.raises(InvalidQuantity, match="line 3"):
        stock.post_movements(db.uow(), admin, lines)
    assert movement_count(db) == 0
    stock.post_movements(db.uow(), admin, lines[:2])
    assert stock.on_hand_of(db.uow(), apple.id, main_store.id) == 3


def test_posts_made_together_each_get_their_movements_and_audit_event_or_none_is_written(
    db, admin, apple, main_store
):
    receipt = [stock.MovementRequest("receive", apple.id, main_store.id, "5", reference="delivery")]
    two_sales = [
        stock.MovementRequest("sale", apple.id, main_store.id, "2", reference="till"),
        stock.MovementRequest("sale", apple.id, main_store.id, "1", reference="till"),
    ]
    before = audit_count(db)
    written = stock.post_each(db.uow(), admin, [receipt, two_sales])
    assert [[(v.kind, v.quantity, v.on_hand_after) for v in views] for views in written] == [
        [("receive", 5, 5)],
        [("sale", -2, 3), ("sale", -1, 2)],
    ]
    with db.uow() as uow:
        events = uow.session.execute(
            select(AuditEvent.entity_id, AuditEvent.details).where(AuditEvent.action == "stock.post")
        ).all()
    ours = {written[0][0].id, written[1][0].id}
    assert sorted(e for e in events if e[0] in ours) == sorted(
        [(written[0][0].id, '{"lines": 1}'), (written[1][0].id, '{"lines": 2}')]
    )  # one event per post, as if each had been posted alone
    assert audit_count(db) == before + 2
    too_many = [stock.MovementRequest("sale", apple.id, main_store.id, "9")]
    with pytest.raises(InsufficientStock):
        stock.post_each(db.uow(), admin, [receipt, too_many])
    assert stock.on_hand_of(db.uow(), apple.id, main_store.id) == 2  # the receipt went with the refusal
    assert movement_count(db) == 3 and audit_count(db) == before + 2


def test_every_stock_write_leaves_an_audit_event(db, admin, apple, main_store, branch_store):
    before = audit_count(db)
    stock.receive(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="5")
    stock.transfer(
        db.uow(),
        admin,
        item_id=apple.id,
        from_store_id=main_store.id,
        to_store_id=branch_store.id,
        quantity="1",
    )
    stock.count(db.uow(), admin, item_id=apple.id, store_id=main_store.id, counted="3")
    assert audit_count(db) == before + 3


def test_check_finds_a_level_that_drifted_from_the_ledger(db, admin, apple, main_store):
    stock.receive(db.uow(), admin, item_id=apple.id, store_id=main_store.id, quantity="5")
    assert check.find_differences(db.uow()) == []
    with db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE stock_level SET on_hand = on_hand + 1000")
    (difference,) = check.find_differences(db.uow())
    assert (difference.sku, difference.store_code, difference.ledger) == ("APL-1", "MAIN", 5)
    check.rebuild_levels(db.uow())
    assert check.find_differences(db.uow()) == []


def test_clerk_cannot_receive_in_a_store_they_are_not_assigned_to(db, clerk, apple, branch_store):
    with pytest.raises(PermissionDenied, match="assigned"):
        stock.receive(db.uow(), clerk, item_id=apple.id, store_id=branch_store.id, quantity="1")
    assert movement_count(db) == 0


def test_a_batch_returns_each_movement_as_stored_with_its_running_on_hand(db, admin, apple, main_store):
    pear = catalog.create_item(db.uow(), admin, sku="PEAR-1", name="Pear", sell_price="0.60")
    lines = [
        stock.MovementRequest("receive", apple.id, main_store.id, "5", unit_cost="0.20", reference="PO 7"),
        stock.MovementRequest("receive", str(pear.id), main_store.id, "4"),  # text: old scripts
        stock.MovementRequest("sale", apple.id, main_store.id, "2"),
    ]
    views = stock.post_movements(db.uow(), admin, lines)
    assert [v.on_hand_after for v in views] == [5, 4, 3]
    stored = {m.id: m for m in stock.movements_of(db.uow(), apple.id) + stock.movements_of(db.uow(), pear.id)}
    for view in views:
        assert replace(view, on_hand_after=None) == stored[view.id]
    assert views[0].unit_cost == Decimal("0.20") and views[0].reference == "PO 7"


def test_a_batch_refuses_a_deleted_item_by_line_and_an_archived_ones_receipt_by_sku(
    db, admin, apple, main_store
):
    pear = catalog.create_item(db.uow(), admin, sku="PEAR-1", name="Pear", sell_price="0.60")
    with db.uow() as uow:  # a tombstone, as a sync from another desk leaves it
        uow.session.get(Item, pear.id).deleted = True
        uow.commit()
    lines = [
        stock.MovementRequest("receive", apple.id, main_store.id, "5"),
        stock.MovementRequest("receive", pear.id, main_store.id, "4"),
    ]
    with pytest.raises(NotFound, match="line 2"):
        stock.post_movements(db.uow(), admin, lines)
    catalog.set_item_active(db.uow(), admin, apple.id, active=False)
    with pytest.raises(ValidationError, match="APL-1") as refused:
        stock.post_movements(db.uow(), admin, [lines[0], lines[0]])
    assert refused.value.field == "item"
    assert movement_count(db) == 0
