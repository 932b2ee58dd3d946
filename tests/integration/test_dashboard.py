"""The dashboard's stock value equals the valuation report to the cent, on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from stockdesk.services.catalogue import catalog
from stockdesk.services.exchange import report_queries
from stockdesk.services.inventory import stock
from stockdesk.services.planning import dashboard


def test_store_values_equal_the_valuation_report_with_half_cents_and_negative_lines(
    db, admin, main_store, branch_store
):
    # cost x on-hand lands on half cents (rounded up per line), and one line is below zero
    lines = [
        ("0.0345", "7", "0"),
        ("1.005", "3", "0"),
        ("2.4999", "1.5", "0"),
        ("0.125", "1", "3"),
        ("9", "0", "0"),
    ]
    for number, (cost, received, sold) in enumerate(lines):
        item = catalog.create_item(  # by weight, so 1.5 can be on hand
            db.uow(), admin, sku=f"V-{number}", name=f"Item {number}", cost_price=cost, unit="kg"
        )
        for store in (main_store, branch_store):
            if Decimal(received):
                stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity=received)
        if Decimal(sold):
            stock.sell(
                db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity=sold, allow_negative=True
            )
    values = {v.code: v.value for v in dashboard.store_values(db.uow)}
    assert values == {
        "MAIN": report_queries.stock_value(db.uow(), store_id=main_store.id),
        "BR": report_queries.stock_value(db.uow(), store_id=branch_store.id),
    }
    # 0.2415 -> 0.24, 3.015 -> 3.02, 3.74985 -> 3.75, -2 x 0.125 = -0.25 in MAIN; +0.125 -> 0.13 in BR
    assert values["MAIN"] == Decimal("0.24") + Decimal("3.02") + Decimal("3.75") - Decimal("0.25")
    assert values["BR"] == Decimal("0.24") + Decimal("3.02") + Decimal("3.75") + Decimal("0.13")


def test_movers_idle_items_and_daily_flows(db, admin, main_store):
    busy = catalog.create_item(db.uow(), admin, sku="BUSY", name="Busy")
    catalog.create_item(db.uow(), admin, sku="IDLE", name="Idle")
    stock.receive(db.uow(), admin, item_id=busy.id, store_id=main_store.id, quantity="10")
    stock.sell(db.uow(), admin, item_id=busy.id, store_id=main_store.id, quantity="4")
    now = datetime.now(UTC)
    assert dashboard.idle_items(db.uow(), since=now - timedelta(days=90)) == 1
    assert [(m.sku, m.sold) for m in dashboard.top_movers(db.uow(), since=now - timedelta(days=30))] == [
        ("BUSY", Decimal(4))
    ]
    today = dashboard.daily_flows(db.uow(), since=now - timedelta(days=30))[-1]
    assert (today.sold, today.received) == (Decimal(4), Decimal(10))


def test_idle_items_count_live_items_without_a_recent_movement(db, admin, main_store):
    now = datetime.now(UTC)
    old, recent, archived = (
        catalog.create_item(db.uow(), admin, sku=sku, name=sku) for sku in ("OLD", "RECENT", "ARCHIVED")
    )
    catalog.create_item(db.uow(), admin, sku="NEVER", name="Never moved")
    long_ago = now - timedelta(days=120)
    stock.post_movements(
        db.uow(),
        admin,
        [
            stock.MovementRequest("receive", old.id, main_store.id, "5", at=long_ago),
            stock.MovementRequest("receive", recent.id, main_store.id, "5", at=long_ago),
            stock.MovementRequest("sale", recent.id, main_store.id, "1"),
            stock.MovementRequest("sale", recent.id, main_store.id, "1"),  # twice: still one item
            stock.MovementRequest("receive", archived.id, main_store.id, "5"),
        ],
    )
    catalog.set_item_active(db.uow(), admin, archived.id, active=False)
    # OLD and NEVER are idle; RECENT moved; ARCHIVED is not counted at all, moved or not
    assert dashboard.idle_items(db.uow(), since=now - timedelta(days=90)) == 2
    assert dashboard.idle_items(db.uow(), since=now - timedelta(days=200)) == 1
