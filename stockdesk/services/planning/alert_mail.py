"""Alert e-mails: one per immediate recipient for the alerts a batch opened, and the daily digests.

Only the desk that posted the crossing mails it; digests list only alerts whose `origin_desk` is ours.
A digest also lists the lots (in the recipient's stores and categories) that expire within their
warning days or have expired, as they stand when it is written (`expiry.read_expiring`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import (
    select,
)

from stockdesk.db.alerts_models import Alert, AlertRecipient
from stockdesk.db.base import utcnow
from stockdesk.db.models import Item, Store
from stockdesk.i18n import format_decimal
from stockdesk.i18n.wording import Wording
from stockdesk.services import mail
from stockdesk.services.inventory.postings import Posting
from stockdesk.services.maintenance.shop import read_document_language
from stockdesk.services.planning.alert_recipients import category_chains, matches, recipients
from stockdesk.services.planning.expiry import ExpiryView, read_expiring
from stockdesk.services.uow import UnitOfWork

DIGEST_EVERY = timedelta(days=1)


@dataclass(frozen=True)
class Opening:
    posting: Posting
    after: Decimal
    point: Decimal  # the store's own reorder point, else the item's


def mail_openings(uow: UnitOfWork, fresh: list[Opening]) -> None:
    targets = recipients(uow, "immediate")
    if not targets:
        return
    chains = category_chains(uow) if any(r.category_id for r in targets) else {}
    per_address: dict[str, list[Opening]] = {}
    for opening in fresh:
        item = opening.posting.item
        categories = chains.get(item.category_id, set()) if item.category_id else set()
        for recipient in targets:
            if matches(recipient, opening.posting.store.id, categories):
                per_address.setdefault(recipient.email, []).append(opening)
    w = Wording(read_document_language(uow))
    mail.enqueue_many(
        uow,
        [("alert", (address,), *_alert_text(openings, w), None) for address, openings in per_address.items()],
    )


def _line(w: Wording, sku: str, name: str, store: str, on_hand: Decimal, point: Decimal) -> str:
    on_hand_text, point_text = format_decimal(on_hand, w.language), format_decimal(point, w.language)
    return w(
        "{sku}  {name}  in {store}: on hand {on_hand}, reorder point {point}",
        sku=sku,
        name=name,
        store=store,
        on_hand=on_hand_text,
        point=point_text,
    )


def _alert_text(openings: list[Opening], w: Wording) -> tuple[str, str]:
    lines = [
        _line(w, item.sku, item.name, o.posting.store.code, o.after, o.point)
        for o in openings
        for item in (o.posting.item,)
    ]
    if len(openings) == 1:
        first = openings[0].posting
        subject = w(
            "Low stock: {sku} {name} in {store}",
            sku=first.item.sku,
            name=first.item.name,
            store=first.store.code,
        )
    else:
        subject = w("Low stock: {count} items reached their reorder point", count=len(openings))
    body = w("These items are at or below their reorder point:") + "\n\n" + "\n".join(lines) + "\n"
    return subject, body


def queue_due_digests(uow: UnitOfWork, *, now: datetime | None = None) -> int:
    """Queue the daily digest of every digest recipient whose day is over; returns e-mails queued."""
    moment = now or utcnow()
    with uow:
        digest = select(AlertRecipient).where(
            AlertRecipient.deleted.is_(False), AlertRecipient.mode == "digest"
        )
        due = [
            r
            for r in uow.session.scalars(digest)
            if r.last_digest_at is None or r.last_digest_at + DIGEST_EVERY <= moment
        ]
        if not due:
            return 0
        chains = category_chains(uow)
        w = Wording(read_document_language(uow))
        expiring = read_expiring(uow, moment.date())
        queued = 0
        for recipient in due:
            since = recipient.last_digest_at or moment - DIGEST_EVERY
            lines = _digest_lines(uow, recipient, since, moment, chains, w)
            lots = [_expiry_line(w, lot) for lot in expiring if _wants(recipient, lot, chains)]
            if lines or lots:
                subject, body = _digest_text(w, lines, lots)
                mail.enqueue(uow, kind="digest", recipients=[recipient.email], subject=subject, body=body)
                queued += 1
            recipient.last_digest_at = moment
        uow.commit()
        return queued


def _digest_lines(
    uow: UnitOfWork,
    recipient: AlertRecipient,
    since: datetime,
    until: datetime,
    chains: dict[uuid.UUID, set[uuid.UUID]],
    w: Wording,
) -> list[str]:
    rows = uow.session.execute(
        select(Alert, Item.sku, Item.name, Item.category_id, Store.code)
        .join(Item, Item.id == Alert.item_id)
        .join(Store, Store.id == Alert.store_id)
        .where(Alert.opened_at > since, Alert.opened_at <= until, Alert.origin_desk == uow.desk_id)
        .order_by(Store.code, Item.sku)
    )
    lines = []
    for alert, sku, name, category_id, code in rows:
        if matches(recipient, alert.store_id, chains.get(category_id, set()) if category_id else set()):
            state = "" if alert.is_open else " " + w("(since recovered)")
            lines.append(_line(w, sku, name, code, alert.on_hand, alert.reorder_point) + state)
    return lines


def _digest_text(w: Wording, lines: list[str], lots: list[str]) -> tuple[str, str]:
    alerts = w.count(len(lines), "{count} alert", "{count} alerts")
    parts = []
    if lines:
        parts.append(w("Alerts opened since the last digest:") + "\n\n" + "\n".join(lines) + "\n")
    if lots:
        parts.append(w("Lots that expire soon or have expired:") + "\n\n" + "\n".join(lots) + "\n")
    if not lots:
        return w("Low stock digest: {alerts}", alerts=alerts), parts[0]
    expiring = w.count(len(lots), "{count} lot expiring", "{count} lots expiring")
    return w("Alert digest: {alerts}, {lots}", alerts=alerts, lots=expiring), "\n".join(parts)


def _wants(recipient: AlertRecipient, lot: ExpiryView, chains: dict[uuid.UUID, set[uuid.UUID]]) -> bool:
    return matches(recipient, lot.store_id, chains.get(lot.category_id, set()) if lot.category_id else set())


def _expiry_line(w: Wording, lot: ExpiryView) -> str:
    text = (
        "{sku}  {name}  lot {lot} in {place}: {quantity} on hand, EXPIRED {day}"
        if lot.expired
        else "{sku}  {name}  lot {lot} in {place}: {quantity} on hand, expires {day}"
    )
    place = f"{lot.store_code} {lot.location_code}".strip()
    return w(
        text,
        sku=lot.sku,
        name=lot.name,
        lot=lot.lot_code,
        place=place,
        quantity=w.quantity(lot.on_hand),
        day=w.date(lot.expires_on),
    )
