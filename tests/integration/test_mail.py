"""The outbox is sent over real SMTP (aiosmtpd on loopback); a dead server delays mail, never loses it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from stockdesk.db.alerts_models import EmailOutbox
from stockdesk.db.base import utcnow
from stockdesk.domain.errors import PermissionDenied
from stockdesk.services import mail
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.services.planning import alert_mail, alert_recipients
from tests.support.smtp import LoopbackController, SmtpServer, dead_port


@pytest.fixture
def server():
    smtp = SmtpServer().start()
    yield smtp
    smtp.stop()


def settings_for(port: int) -> mail.SmtpSettings:
    return mail.SmtpSettings(host="127.0.0.1", port=port, security="none", sender="stockdesk@example.com")


def queue_low_stock_mail(db, admin, store, sku="HAM-1"):
    if not alert_recipients.list_recipients(db.uow()):
        alert_recipients.add_recipient(db.uow(), admin, email="buyer@example.com")
    item = catalog.create_item(db.uow(), admin, sku=sku, name="Hammer", reorder_point="5")
    stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity="10")
    stock.sell(db.uow(), admin, item_id=item.id, store_id=store.id, quantity="6")


def statuses(db) -> list[tuple[str, int]]:
    with db.uow() as uow:
        return [(r.status, r.attempts) for r in uow.session.scalars(select(EmailOutbox))]


def test_a_queued_alert_email_reaches_the_smtp_server_once(db, admin, main_store, server):
    queue_low_stock_mail(db, admin, main_store)
    result = mail.flush(db.uow, settings_for(server.port))
    assert (result.sent, result.deferred, result.failed) == (1, 0, 0)
    [message] = server.inbox.messages
    assert message["To"] == "buyer@example.com" and "HAM-1" in message["Subject"]
    assert "reorder point 5" in message.get_payload(decode=True).decode()
    assert mail.flush(db.uow, settings_for(server.port)).sent == 0
    assert len(server.inbox.messages) == 1
    assert statuses(db) == [("sent", 1)]


def test_a_dead_server_delays_mail_and_the_queued_mail_arrives_once_it_is_up(db, admin, main_store):
    with dead_port() as sock:  # bound, not listening: connections are refused
        port = sock.getsockname()[1]
        queue_low_stock_mail(db, admin, main_store)  # the sale itself succeeds while mail cannot go
        tried_from = utcnow()
        down = mail.flush(db.uow, settings_for(port))
        assert down.sent == 0 and down.deferred == 1 and "ConnectionRefused" in down.error
        [row] = mail.pending(db.uow())
        # The retry time comes from the row, not from the clock now: a slow machine cannot have passed it.
        assert row.status == "queued" and row.attempts == 1
        assert row.next_attempt_at >= tried_from + mail.backoff(1)
        server = SmtpServer(sock).start()
        try:
            still_backing_off = row.next_attempt_at - timedelta(seconds=1)
            assert mail.flush(db.uow, settings_for(port), now=still_backing_off).sent == 0
            later = row.next_attempt_at + timedelta(seconds=1)
            assert mail.flush(db.uow, settings_for(port), now=later).sent == 1
            assert len(server.inbox.messages) == 1
        finally:
            server.stop()
    assert statuses(db) == [("sent", 2)]


def test_backoff_doubles_and_is_capped_at_an_hour():
    assert [mail.backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert mail.backoff(30) == timedelta(hours=1)


def test_a_worker_killed_mid_send_leaves_a_claim_that_no_one_else_sends_until_it_expires(
    db, admin, main_store, server
):
    queue_low_stock_mail(db, admin, main_store)
    claimed_at = utcnow()
    claim = mail.claim_next(db.uow(), claimed_at, force=False, sender="x@example.com")
    assert claim is not None and claim.attempts == 1
    # ...the claiming process dies here, before sending. A second worker must not send it meanwhile
    # (one second later, not "whenever this machine gets there": the lease is measured from the claim):
    assert mail.flush(db.uow, settings_for(server.port), now=claimed_at + timedelta(seconds=1)).sent == 0
    assert server.inbox.messages == []
    after_lease = claimed_at + mail.LEASE + timedelta(seconds=1)
    assert mail.flush(db.uow, settings_for(server.port), now=after_lease).sent == 1
    assert mail.flush(db.uow, settings_for(server.port), now=after_lease).sent == 0
    [message] = server.inbox.messages
    assert claim.message["Message-ID"] == message["Message-ID"]  # a resend is recognisably the same mail


def test_a_second_claim_of_the_same_row_loses(db, admin, main_store):
    queue_low_stock_mail(db, admin, main_store)
    now = utcnow()
    first = mail.claim_next(db.uow(), now, force=False, sender="x@example.com")
    second = mail.claim_next(db.uow(), now, force=True, sender="x@example.com")
    assert first is not None and first.attempts == 1
    assert second is None  # the row is `sending` under a live lease


def test_the_background_worker_sends_without_blocking_the_caller(db, admin, main_store, server):
    worker = mail.MailWorker(db.uow, lambda: settings_for(server.port), interval_s=60)
    worker.start()
    try:
        queue_low_stock_mail(db, admin, main_store)
        worker.wake()
        server.inbox.wait_for(1)  # woken by the message; the timeout is only a hang guard
    finally:
        worker.stop()
    assert len(server.inbox.messages) == 1


def test_without_a_mail_server_nothing_is_sent_and_the_mail_stays_queued(db, admin, main_store):
    queue_low_stock_mail(db, admin, main_store)
    assert mail.flush(db.uow, None).error == "SMTP is not configured"
    assert statuses(db) == [("queued", 0)]


def test_a_change_of_mail_server_is_recorded_for_admins_and_refused_for_others(db, admin, manager):
    mail.record_smtp_change(db.uow(), admin, host="smtp.example.com", port=465)
    with pytest.raises(PermissionDenied):
        mail.record_smtp_change(db.uow(), manager, host="x.example.com", port=25)


def test_a_recipient_the_server_refuses_is_marked_failed_not_retried_forever(db, admin, main_store):
    class Refusing:
        async def handle_RCPT(self, server, session, envelope, address, options):
            return "550 no such user"

    controller = LoopbackController(Refusing())
    port = controller.port
    controller.start()
    try:
        queue_low_stock_mail(db, admin, main_store)
        result = mail.flush(db.uow, settings_for(port))
    finally:
        controller.stop()
    assert result.failed == 1
    [row] = mail.pending(db.uow())
    assert row.status == "failed" and "550" in row.last_error


def test_the_digest_with_an_expired_lot_reaches_the_smtp_server(db, admin, main_store, server):
    alert_recipients.add_recipient(db.uow(), admin, email="daily@example.com", mode="digest")
    milk = catalog.create_item(db.uow(), admin, sku="MILK", name="Milk", tracking="expiry")
    gone = date.today() - timedelta(days=1)
    place = PlaceChoice(lot="L-42", expires_on=gone)
    stock.receive(db.uow(), admin, item_id=milk.id, store_id=main_store.id, quantity="6", place=place)
    assert alert_mail.queue_due_digests(db.uow(), now=utcnow() + timedelta(days=1, minutes=1)) == 1
    assert mail.flush(db.uow, settings_for(server.port)).sent == 1
    [message] = server.inbox.messages
    assert message["To"] == "daily@example.com" and "1 lot expiring" in message["Subject"]
    body = message.get_payload(decode=True).decode()
    assert f"MILK  Milk  lot L-42 in MAIN: 6 on hand, EXPIRED {gone.isoformat()}" in body
