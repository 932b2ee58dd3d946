"""Low-stock alerts open on the way down, close on the way up, and queue their e-mail.

The e-mail is queued in the same transaction as the movement."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from stockdesk.db.alerts_models import Alert, EmailOutbox
from stockdesk.domain.errors import InsufficientStock, ValidationError
from stockdesk.domain.movements import MovementKind
from stockdesk.services import mail
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.services.maintenance import settings
from stockdesk.services.places import locations
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.services.planning import alert_mail, alert_recipients, alerts, expiry


@pytest.fixture
def hammer(db, admin, main_store):
    item = catalog.create_item(db.uow(), admin, sku="HAM-1", name="Hammer", reorder_point="5")
    stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="10")
    return item


def outbox(db) -> list[EmailOutbox]:
    with db.uow() as uow:
        rows = list(uow.session.scalars(select(EmailOutbox).order_by(EmailOutbox.created_at)))
        uow.session.expunge_all()  # keep the loaded values after the unit of work rolls back
        return rows


def alert_rows(db) -> list[Alert]:
    with db.uow() as uow:
        rows = list(uow.session.scalars(select(Alert).order_by(Alert.opened_at)))
        uow.session.expunge_all()
        return rows


def sell(db, actor, item, store, qty):
    return stock.sell(db.uow(), actor, item_id=item.id, store_id=store.id, quantity=qty)


def test_a_sale_that_reaches_the_reorder_point_opens_one_alert_and_queues_one_email(
    db, admin, hammer, main_store
):
    alert_recipients.add_recipient(db.uow(), admin, email="buyer@example.com")
    sell(db, admin, hammer, main_store, "4")
    assert alerts.open_alerts(db.uow()) == []
    sell(db, admin, hammer, main_store, "1")  # 6 -> 5: at the point counts
    [alert] = alerts.open_alerts(db.uow())
    assert (alert.sku, alert.store_code, alert.on_hand, alert.reorder_point) == ("HAM-1", "MAIN", 5, 5)
    [message] = outbox(db)
    assert message.recipients == "buyer@example.com"
    assert "HAM-1" in message.subject and "on hand 5, reorder point 5" in message.body


def test_further_sales_while_open_raise_no_second_alert_and_a_receipt_closes_it(
    db, admin, hammer, main_store
):
    alert_recipients.add_recipient(db.uow(), admin, email="buyer@example.com")
    sell(db, admin, hammer, main_store, "6")
    sell(db, admin, hammer, main_store, "2")
    assert len(alert_rows(db)) == 1 and len(outbox(db)) == 1
    stock.receive(db.uow(), admin, item_id=hammer.id, store_id=main_store.id, quantity="1")  # 4: still low
    assert len(alerts.open_alerts(db.uow())) == 1
    stock.receive(db.uow(), admin, item_id=hammer.id, store_id=main_store.id, quantity="10")
    assert alerts.open_alerts(db.uow()) == []
    [closed] = alert_rows(db)
    assert not closed.is_open and closed.closed_at is not None
    sell(db, admin, hammer, main_store, "10")  # 14 -> 4: a new crossing, a new alert
    assert len(alert_rows(db)) == 2 and len(outbox(db)) == 2


def test_an_item_without_a_reorder_point_never_alerts(db, admin, main_store):
    item = catalog.create_item(db.uow(), admin, sku="NIL-1", name="No point")
    stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="3")
    sell(db, admin, item, main_store, "3")
    assert alert_rows(db) == []


def test_a_refused_sale_leaves_neither_alert_nor_email(db, admin, hammer, main_store):
    alert_recipients.add_recipient(db.uow(), admin, email="buyer@example.com")
    with pytest.raises(InsufficientStock):
        stock.post_movements(
            db.uow(),
            admin,
            [
                MovementRequest(MovementKind.SALE, hammer.id, main_store.id, "6"),
                MovementRequest(MovementKind.SALE, hammer.id, main_store.id, "6"),
            ],
        )
    assert alert_rows(db) == [] and outbox(db) == []


def test_one_batch_crossing_many_items_sends_one_email_per_recipient(db, admin, main_store):
    alert_recipients.add_recipient(db.uow(), admin, email="buyer@example.com")
    items = [
        catalog.create_item(db.uow(), admin, sku=f"BAT-{n}", name=f"Batch {n}", reorder_point="2")
        for n in range(5)
    ]
    stock.post_movements(
        db.uow(), admin, [MovementRequest(MovementKind.RECEIVE, i.id, main_store.id, "3") for i in items]
    )
    stock.post_movements(
        db.uow(), admin, [MovementRequest(MovementKind.SALE, i.id, main_store.id, "2") for i in items]
    )
    assert len(alerts.open_alerts(db.uow())) == 5
    [message] = outbox(db)
    assert "5 items" in message.subject
    assert all(f"BAT-{n}" in message.body for n in range(5))


def test_recipients_are_chosen_by_store_and_category_including_subcategories(
    db, admin, main_store, branch_store
):
    tools = organisation.create_category(db.uow(), admin, name="Tools")
    hand = organisation.create_category(db.uow(), admin, name="Hand tools", parent_id=tools.id)
    paint = organisation.create_category(db.uow(), admin, name="Paint")
    alert_recipients.add_recipient(db.uow(), admin, email="tools@example.com", category_id=tools.id)
    alert_recipients.add_recipient(db.uow(), admin, email="branch@example.com", store_id=branch_store.id)
    alert_recipients.add_recipient(db.uow(), admin, email="daily@example.com", mode="digest")
    saw = catalog.create_item(db.uow(), admin, sku="SAW", name="Saw", reorder_point="1", category_id=hand.id)
    brush = catalog.create_item(
        db.uow(), admin, sku="BRU", name="Brush", reorder_point="1", category_id=paint.id
    )
    for item in (saw, brush):
        for store in (main_store, branch_store):
            stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity="2")
            sell(db, admin, item, store, "1")
    sent = sorted((m.recipients, m.subject.split(": ")[1]) for m in outbox(db))
    assert sent == [
        ("branch@example.com", "BRU Brush in BR"),
        ("branch@example.com", "SAW Saw in BR"),
        ("tools@example.com", "SAW Saw in BR"),
        ("tools@example.com", "SAW Saw in MAIN"),
    ]


def test_the_daily_digest_lists_the_days_alerts_once(db, admin, hammer, main_store):
    alert_recipients.add_recipient(db.uow(), admin, email="daily@example.com", mode="digest")
    sell(db, admin, hammer, main_store, "6")
    assert outbox(db) == []  # digest recipients get nothing immediately
    assert alert_mail.queue_due_digests(db.uow()) == 0  # the day is not over yet
    tomorrow = alerts.utcnow() + timedelta(days=1, minutes=1)
    assert alert_mail.queue_due_digests(db.uow(), now=tomorrow) == 1
    assert alert_mail.queue_due_digests(db.uow(), now=tomorrow) == 0
    [digest] = outbox(db)
    assert digest.kind == "digest" and "HAM-1" in digest.body


def test_acknowledged_alerts_leave_the_badge_and_snoozed_ones_the_list(db, admin, hammer, main_store):
    sell(db, admin, hammer, main_store, "6")
    [alert] = alerts.open_alerts(db.uow())
    assert alerts.badge_count(db.uow()) == 1
    alerts.acknowledge(db.uow(), admin, alert.id)
    assert alerts.badge_count(db.uow()) == 0 and len(alerts.open_alerts(db.uow())) == 1
    until = alerts.snooze(db.uow(), admin, alert.id, days="3")
    assert alerts.open_alerts(db.uow()) == []
    assert len(alerts.open_alerts(db.uow(), now=until)) == 1


@pytest.mark.parametrize("days", ["0", "-1", "soon"])
def test_snoozing_for_a_bad_number_of_days_is_refused(db, admin, hammer, main_store, days):
    sell(db, admin, hammer, main_store, "6")
    [alert] = alerts.open_alerts(db.uow())
    with pytest.raises(ValidationError):
        alerts.snooze(db.uow(), admin, alert.id, days=days)
    assert alerts.open_alerts(db.uow())[0].snoozed_until is None


def test_a_recipient_that_is_not_an_address_is_refused(db, admin):
    with pytest.raises(ValidationError, match="not an e-mail address"):
        alert_recipients.add_recipient(db.uow(), admin, email="buyer at example")
    assert alert_recipients.list_recipients(db.uow()) == []


def test_outbox_rows_are_not_synced_tables(db):
    from stockdesk.db.base import Synced

    assert not issubclass(EmailOutbox, Synced) and issubclass(Alert, Synced)
    with db.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(EmailOutbox)) == 0
    assert mail.pending(db.uow()) == []


def test_lots_expiring_within_their_warning_days_are_listed_and_sent_in_the_digest(
    db, admin, main_store, branch_store
):
    today = date.today()
    dairy = organisation.create_category(db.uow(), admin, name="Dairy")
    organisation.set_category_expiry_warn_days(db.uow(), admin, dairy.id, days="10")
    shelf = locations.create_location(db.uow(), admin, store_id=main_store.id, code="C-01")
    milk = catalog.create_item(
        db.uow(), admin, sku="MILK", name="Milk", tracking="expiry", category_id=dairy.id
    )
    yogurt = catalog.create_item(
        db.uow(), admin, sku="YOG", name="Yogurt", tracking="expiry", category_id=dairy.id, expiry_warn_days=2
    )
    glue = catalog.create_item(db.uow(), admin, sku="GLUE", name="Glue", tracking="expiry")  # shop: 30 days

    def receive(item, store, lot, days, qty="5", **where):
        place = PlaceChoice(lot=lot, expires_on=today + timedelta(days=days), **where)
        stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity=qty, place=place)

    receive(milk, main_store, "M-OLD", -2, location_id=shelf.id)  # expired, still on the shelf
    receive(milk, main_store, "M-SOON", 9, location_id=shelf.id)  # within the category's 10 days
    receive(milk, branch_store, "M-LATE", 11)  # beyond them
    receive(yogurt, main_store, "Y-1", 5)  # the item's own 2 days win over the category's 10
    receive(glue, branch_store, "G-1", 25, qty="3")  # within the shop's default of 30
    receive(glue, main_store, "G-GONE", 1, qty="1")
    stock.sell(db.uow(), admin, item_id=glue.id, store_id=main_store.id, quantity="1")  # no stock: not listed

    listed = expiry.expiring_lots(db.uow())
    assert [(v.sku, v.lot_code, v.store_code, v.location_code, v.on_hand, v.expired) for v in listed] == [
        ("MILK", "M-OLD", "MAIN", "C-01", Decimal(5), True),
        ("MILK", "M-SOON", "MAIN", "C-01", Decimal(5), False),
        ("GLUE", "G-1", "BR", "", Decimal(3), False),
    ]
    settings.save(db.uow(), admin, expiry_warn_days="20")  # the shop's default only moves glue's horizon
    assert [v.lot_code for v in expiry.expiring_lots(db.uow())] == ["M-OLD", "M-SOON"]
    assert [v.lot_code for v in expiry.expiring_lots(db.uow(), store_ids={branch_store.id})] == []
    with pytest.raises(ValidationError, match="expiry_warn_days"):
        settings.save(db.uow(), admin, expiry_warn_days="soon")

    alert_recipients.add_recipient(
        db.uow(), admin, email="dairy@example.com", mode="digest", category_id=dairy.id
    )
    alert_recipients.add_recipient(
        db.uow(), admin, email="branch@example.com", mode="digest", store_id=branch_store.id
    )
    tomorrow = alerts.utcnow() + timedelta(days=1, minutes=1)  # M-LATE is within its 10 days by then
    assert alert_mail.queue_due_digests(db.uow(), now=tomorrow) == 2
    digests = {m.recipients: m for m in outbox(db)}
    dairy_mail, branch_mail = digests["dairy@example.com"], digests["branch@example.com"]
    assert dairy_mail.subject == "Alert digest: 0 alerts, 3 lots expiring"
    old, soon = today - timedelta(days=2), today + timedelta(days=9)
    assert f"MILK  Milk  lot M-OLD in MAIN C-01: 5 on hand, EXPIRED {old}" in dairy_mail.body
    assert f"lot M-SOON in MAIN C-01: 5 on hand, expires {soon}" in dairy_mail.body
    assert "lot M-LATE in BR: 5 on hand" in branch_mail.body and "MAIN" not in branch_mail.body
