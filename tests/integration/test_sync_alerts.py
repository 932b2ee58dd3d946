"""Low-stock e-mails across desks: only the desk that posted the crossing sale mails it; the alert
reaches the other desks by sync and is shown there, never mailed a second time."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from stockdesk.db.base import utcnow
from stockdesk.services import mail
from stockdesk.services.inventory import stock
from stockdesk.services.planning import alert_mail, alert_recipients, alerts
from tests.integration.test_sync_support import (
    make_desk,
    sync_all,
    sync_api,
    sync_server,
    two_desks_with_stock,
)

__all__ = ["make_desk", "sync_api", "sync_server"]  # fixtures
pytestmark = pytest.mark.pg


@pytest.fixture
def desks(make_desk, tmp_path):
    yield from two_desks_with_stock(
        make_desk,
        tmp_path,
        sku="HAM-1",
        name="Hammer",
        reorder_point="5",
        quantity=Decimal(10),
        before_sync=lambda db, admin: alert_recipients.add_recipient(
            db.uow(), admin, email="buyer@example.com"
        ),
    )


def subjects(db) -> list[str]:
    return [m.subject for m in mail.pending(db.uow())]


def test_the_selling_desk_mails_the_alert_and_the_other_desk_only_shows_it(desks):
    a, b, admin, _admin_b, store, item = desks
    stock.sell(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(6))
    assert len(subjects(a.db)) == 1 and "HAM-1" in subjects(a.db)[0]

    sync_all([a, b])

    [shown] = alerts.open_alerts(b.db.uow())
    assert (shown.sku, shown.on_hand) == ("HAM-1", Decimal(4))
    assert subjects(b.db) == []  # pulled, not mailed again
    assert len(subjects(a.db)) == 1  # and the sender did not queue it twice either


def test_a_crossing_posted_on_the_other_desk_is_mailed_by_that_desk(desks):
    a, b, _admin, admin_b, store, item = desks
    stock.sell(b.db.uow(), admin_b, item_id=item.id, store_id=store.id, quantity=Decimal(7))
    sync_all([b, a])
    assert len(subjects(b.db)) == 1
    assert subjects(a.db) == []
    assert [x.sku for x in alerts.open_alerts(a.db.uow())] == ["HAM-1"]


def test_the_daily_digest_lists_only_the_alerts_this_desk_opened(desks):
    a, b, admin, _admin_b, store, item = desks
    alert_recipients.add_recipient(a.db.uow(), admin, email="digest@example.com", mode="digest")
    stock.sell(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(6))
    sync_all([a, b])
    later = utcnow() + timedelta(days=2)
    assert alert_mail.queue_due_digests(b.db.uow(), now=later) == 0
    assert alert_mail.queue_due_digests(a.db.uow(), now=later) == 1
