"""Low-stock alerts: opened and closed by the ledger, e-mailed through the outbox, read by the window.

Rules (DESIGN.md, "Alerts and reordering"):

- An alert opens for (item, store) when a batch of movements takes on-hand from above the item's
  reorder point to at or below it, unless one is already open; it closes when stock rises above the
  point again. The batch is judged by its net effect (on-hand before vs after the whole batch): a
  dip and recovery inside one transaction is never visible to anyone, so it raises nothing.
- `item.reorder_point == 0` means "do not watch this item": zero is the default of every new item,
  and alerting on all of them at their first sale would be exactly the noise users complain about.
- The e-mail is queued in the same transaction as the movement (`mail.enqueue_many`), one e-mail per
  immediate recipient per transaction listing every alert it opened: a 500-line delivery note that
  empties many shelves sends one message per person, not 500. Digest recipients get one e-mail a day.
- Only the desk that posted the crossing mails it; alerts that arrive by sync are shown, not mailed
  (e-mails live in the local, unsynced outbox; digests only list alerts whose `origin_desk` is ours).

Cost: `levels_changed` is called by `ledger.post_many` for every batch. A batch that crosses no
reorder point costs one pass over its postings in Python and no SQL at all. A sale that opens an
alert adds two statements, both built once per process: the alert (INSERT ... SELECT ... WHERE NOT
EXISTS an open one) and its e-mail; a batch adds one query for the open alerts of its keys (ids as
one parameter per store), one multi-row alert insert and one e-mail per recipient.
"""

from __future__ import annotations

import uuid
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Engine,
    Insert,
    Select,
    bindparam,
    exists,
    func,
    insert,
    select,
    update,
)

from stockdesk.db import fast_write
from stockdesk.db.alerts_models import Alert, AlertRecipient
from stockdesk.db.base import utcnow
from stockdesk.db.id_lists import id_in
from stockdesk.db.models import Category, Item, Store
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import new_id
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services import audit, mail
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import email_address, whole_number
from stockdesk.sync import capture

if TYPE_CHECKING:  # the ledger imports this module; only type names flow back
    from stockdesk.services.ledger import Posting

Key = tuple[uuid.UUID, uuid.UUID]
MODES = ("immediate", "digest")
DIGEST_EVERY = timedelta(days=1)


@dataclass(frozen=True)
class AlertView:
    id: uuid.UUID
    item_id: uuid.UUID
    store_id: uuid.UUID
    sku: str
    name: str
    store_code: str
    on_hand: Decimal
    reorder_point: Decimal
    opened_at: datetime
    is_open: bool
    acknowledged: bool
    snoozed_until: datetime | None


@dataclass(frozen=True)
class RecipientView:
    id: uuid.UUID
    email: str
    store_id: uuid.UUID | None
    category_id: uuid.UUID | None
    mode: str


@dataclass(frozen=True)
class _Opening:
    posting: Posting
    after: Decimal


def levels_changed(
    uow: UnitOfWork, postings: Sequence[Posting], start: Mapping[Key, Decimal], balance: Mapping[Key, Decimal]
) -> None:
    """Open and close alerts for the batch the ledger just balanced (same transaction, no commit)."""
    openings: dict[Key, _Opening] = {}
    closings: list[Key] = []
    for posting in postings:
        point = posting.item.reorder_point
        if point <= 0:
            continue
        key = posting.key
        before, after = start[key], balance[key]
        if before > point >= after:
            openings[key] = _Opening(posting, after)
        elif before <= point < after:
            closings.append(key)
    if openings:
        _open(uow, openings)
    if closings:
        _close(uow, sorted(set(closings)))


def _alert_row(uow: UnitOfWork, opening: _Opening, now: datetime) -> dict[str, object]:
    return {
        "id": new_id(),
        "item_id": opening.posting.item.id,
        "store_id": opening.posting.store.id,
        "is_open": True,
        "opened_at": now,
        "on_hand": opening.after,
        "reorder_point": opening.posting.item.reorder_point,
        "created_at": now,
        "updated_at": now,
        "updated_by": uow.actor_id,
        "origin_desk": uow.desk_id,
        "hlc": "",
        "deleted": False,
    }


def _open(uow: UnitOfWork, openings: dict[Key, _Opening]) -> None:
    now = utcnow()
    connection = uow.session.connection()
    if len(openings) == 1:
        # One sale, one statement: insert unless an alert is already open (INSERT ... WHERE NOT EXISTS).
        ((_key, opening),) = openings.items()
        fresh = (
            [opening]
            if connection.execute(_INSERT_UNLESS_OPEN, _alert_row(uow, opening, now)).rowcount
            else []
        )
    else:
        already = _open_keys(uow, list(openings))
        fresh = [o for key, o in openings.items() if key not in already]
        if fresh:
            # Core on the session's connection: the ORM's bulk path costs more than the insert itself.
            with capture.bulk_inserts_of(connection, ["alert"], len(fresh)):
                fast_write.executemany(connection, _INSERT, [_alert_row(uow, o, now) for o in fresh])
    if fresh:
        _mail_openings(uow, fresh)


def _insert_unless_open() -> Insert:
    """INSERT INTO alert SELECT :id, :item_id, ... WHERE NOT EXISTS (an open alert for the key).

    Built once with named parameters: constructing a dozen typed literals per sale cost more than
    running the statement.
    """
    table = Alert.__table__
    names = [c.name for c in table.columns if c.name in _ROW_COLUMNS]
    values = select(*(bindparam(name, type_=table.c[name].type) for name in names)).where(
        ~exists().where(
            table.c.item_id == bindparam("item_id", type_=table.c.item_id.type),
            table.c.store_id == bindparam("store_id", type_=table.c.store_id.type),
            table.c.is_open.is_(True),
        )
    )
    return insert(table).from_select(names, values)


_ROW_COLUMNS = frozenset(
    {"id", "item_id", "store_id", "is_open", "opened_at", "on_hand", "reorder_point", "created_at"}
    | {"updated_at", "updated_by", "origin_desk", "hlc", "deleted"}
)
_INSERT = insert(Alert.__table__)
_INSERT_UNLESS_OPEN = _insert_unless_open()


def _open_keys(uow: UnitOfWork, keys: list[Key]) -> set[Key]:
    """The keys that already have an open alert: one query per store, its item ids as one parameter."""
    per_store: dict[uuid.UUID, list[uuid.UUID]] = {}
    for item, store in keys:
        per_store.setdefault(store, []).append(item)
    connection = uow.session.connection()
    table = Alert.__table__.c
    found: set[Key] = set()
    for store, items in per_store.items():
        query = select(table.item_id).where(
            table.store_id == store, table.is_open.is_(True), id_in(uow.dialect, table.item_id, items)
        )
        found.update((item, store) for item in connection.execute(query).scalars())
    return found


def _close(uow: UnitOfWork, keys: list[Key]) -> None:
    if len(keys) > 1:
        # A big batch (an import's opening stock) rises above the point for thousands of places that
        # never had an alert: find the few open ones with one query instead of updating every key.
        keys = sorted(_open_keys(uow, keys))
        if not keys:
            return
    uow.session.connection().execute(
        update(Alert)
        .where(Alert.item_id == bindparam("i"), Alert.store_id == bindparam("s"), Alert.is_open.is_(True))
        .values(is_open=False, closed_at=bindparam("now"), updated_at=bindparam("now")),
        [{"i": item, "s": store, "now": utcnow()} for item, store in keys],
    )


@dataclass(frozen=True)
class _Recipient:
    id: uuid.UUID
    email: str
    store_id: uuid.UUID | None
    category_id: uuid.UUID | None


# Immediate recipients per engine, re-read at most every RECIPIENTS_TTL (and at once after a local
# change): a sale that opens an alert must not pay a query for a list that changes a few times a year.
# A change that arrives by sync is seen within the TTL.
RECIPIENTS_TTL = timedelta(seconds=30)
_recipient_cache: weakref.WeakKeyDictionary[Engine, tuple[datetime, list[_Recipient]]] = (
    weakref.WeakKeyDictionary()
)


def _recipients(uow: UnitOfWork, mode: str) -> list[_Recipient]:
    cached = _recipient_cache.get(uow.engine) if mode == "immediate" else None
    if cached is not None and cached[0] > utcnow():
        return cached[1]
    table = AlertRecipient.__table__.c
    query = select(table.id, table.email, table.store_id, table.category_id).where(
        table.deleted.is_(False), table.mode == mode
    )
    found = [_Recipient(*row) for row in uow.session.connection().execute(query)]
    if mode == "immediate":
        _recipient_cache[uow.engine] = (utcnow() + RECIPIENTS_TTL, found)
    return found


def _forget_recipients(uow: UnitOfWork) -> None:
    _recipient_cache.pop(uow.engine, None)


def _ancestors(uow: UnitOfWork) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Each category with itself and every parent up the tree (the tree is small)."""
    parents = dict(uow.session.execute(select(Category.id, Category.parent_id)).tuples().all())
    chains: dict[uuid.UUID, set[uuid.UUID]] = {}
    for category in parents:
        chain, node = set(), category
        while node is not None and node not in chain:
            chain.add(node)
            node = parents.get(node)
        chains[category] = chain
    return chains


def _matches(recipient: _Recipient | AlertRecipient, store_id: uuid.UUID, categories: set[uuid.UUID]) -> bool:
    if recipient.store_id is not None and recipient.store_id != store_id:
        return False
    return recipient.category_id is None or recipient.category_id in categories


def _mail_openings(uow: UnitOfWork, fresh: list[_Opening]) -> None:
    recipients = _recipients(uow, "immediate")
    if not recipients:
        return
    chains = _ancestors(uow) if any(r.category_id for r in recipients) else {}
    per_address: dict[str, list[_Opening]] = {}
    for opening in fresh:
        item = opening.posting.item
        categories = chains.get(item.category_id, set()) if item.category_id else set()
        for recipient in recipients:
            if _matches(recipient, opening.posting.store.id, categories):
                per_address.setdefault(recipient.email, []).append(opening)
    mail.enqueue_many(
        uow,
        [("alert", (address,), *_alert_text(openings), None) for address, openings in per_address.items()],
    )


def _line(sku: str, name: str, store: str, on_hand: Decimal, point: Decimal) -> str:
    return f"{sku}  {name}  in {store}: on hand {_fmt(on_hand)}, reorder point {_fmt(point)}"


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


def _alert_text(openings: list[_Opening]) -> tuple[str, str]:
    lines = [
        _line(item.sku, item.name, o.posting.store.code, o.after, item.reorder_point)
        for o in openings
        for item in (o.posting.item,)
    ]
    if len(openings) == 1:
        first = openings[0].posting
        subject = f"Low stock: {first.item.sku} {first.item.name} in {first.store.code}"
    else:
        subject = f"Low stock: {len(openings)} items reached their reorder point"
    body = "These items are at or below their reorder point:\n\n" + "\n".join(lines) + "\n"
    return subject, body


# --- recipients ------------------------------------------------------------------------------------


def add_recipient(
    uow: UnitOfWork,
    actor: Actor,
    *,
    email: str,
    store_id: object = None,
    category_id: object = None,
    mode: str = "immediate",
) -> RecipientView:
    """Someone to tell about alerts, optionally only for one store and/or one category (and below)."""
    with uow:
        require(actor, Action.MANAGE_SETTINGS)
        uow.actor_id = actor.id
        address = email_address("email", email)
        if mode not in MODES:
            raise ValidationError("mode", mode, Message("alert_mode"))
        store = uow.get(Store, store_id, "store").id if store_id is not None else None
        category = uow.get(Category, category_id, "category").id if category_id is not None else None
        row = AlertRecipient(
            email=address,
            store_id=store,
            category_id=category,
            mode=mode,
            last_digest_at=utcnow() if mode == "digest" else None,
        )
        uow.session.add(row)
        uow.session.flush()
        audit.record(uow, actor, "alert.recipient.add", "alert_recipient", row.id, email=address, mode=mode)
        uow.commit()
        _forget_recipients(uow)
        return RecipientView(row.id, row.email, row.store_id, row.category_id, row.mode)


def remove_recipient(uow: UnitOfWork, actor: Actor, recipient_id: object) -> None:
    with uow:
        require(actor, Action.MANAGE_SETTINGS)
        uow.actor_id = actor.id
        row = uow.get(AlertRecipient, recipient_id, "recipient")
        row.deleted = True
        audit.record(uow, actor, "alert.recipient.remove", "alert_recipient", row.id, email=row.email)
        uow.commit()
        _forget_recipients(uow)


def list_recipients(uow: UnitOfWork) -> list[RecipientView]:
    with uow:
        rows = uow.session.scalars(
            select(AlertRecipient).where(AlertRecipient.deleted.is_(False)).order_by(AlertRecipient.email)
        )
        return [RecipientView(r.id, r.email, r.store_id, r.category_id, r.mode) for r in rows]


# --- reading and handling alerts -------------------------------------------------------------------


def _alert_query(
    now: datetime, *, include_snoozed: bool, store_id: uuid.UUID | None
) -> Select[tuple[Alert, str, str, str]]:
    query = (
        select(Alert, Item.sku, Item.name, Store.code)
        .join(Item, Item.id == Alert.item_id)
        .join(Store, Store.id == Alert.store_id)
        .where(Alert.is_open.is_(True), Alert.deleted.is_(False))
    )
    if not include_snoozed:
        query = query.where((Alert.snoozed_until.is_(None)) | (Alert.snoozed_until <= now))
    if store_id is not None:
        query = query.where(Alert.store_id == store_id)
    return query


def open_alerts(
    uow: UnitOfWork,
    *,
    store_id: uuid.UUID | None = None,
    include_snoozed: bool = False,
    now: datetime | None = None,
    limit: int = 1000,
) -> list[AlertView]:
    """Open alerts, newest first; snoozed ones are hidden until their snooze ends."""
    with uow:
        query = _alert_query(now or utcnow(), include_snoozed=include_snoozed, store_id=store_id)
        rows = uow.session.execute(query.order_by(Alert.opened_at.desc(), Alert.id.desc()).limit(limit))
        return [
            AlertView(
                a.id,
                a.item_id,
                a.store_id,
                sku,
                name,
                code,
                a.on_hand,
                a.reorder_point,
                a.opened_at,
                a.is_open,
                a.acknowledged_at is not None,
                a.snoozed_until,
            )
            for a, sku, name, code in rows
        ]


def badge_count(uow: UnitOfWork, *, store_id: uuid.UUID | None = None, now: datetime | None = None) -> int:
    """Open, unacknowledged, unsnoozed alerts: the number on the window's badge."""
    with uow:
        query = _alert_query(now or utcnow(), include_snoozed=False, store_id=store_id).where(
            Alert.acknowledged_at.is_(None)
        )
        return int(uow.session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def acknowledge(uow: UnitOfWork, actor: Actor, alert_id: object) -> None:
    """Someone has seen it: it leaves the badge but stays listed until stock recovers."""
    with uow:
        uow.actor_id = actor.id
        alert = uow.get(Alert, alert_id, "alert")
        require(actor, Action.MOVE_STOCK, store_ids=[alert.store_id])
        alert.acknowledged_at = utcnow()
        alert.acknowledged_by = actor.id
        audit.record(uow, actor, "alert.acknowledge", "alert", alert.id)
        uow.commit()


def snooze(uow: UnitOfWork, actor: Actor, alert_id: object, *, days: object) -> datetime:
    """Hide an alert for N days (1-365); it comes back by itself if stock is still low."""
    with uow:
        uow.actor_id = actor.id
        alert = uow.get(Alert, alert_id, "alert")
        require(actor, Action.MOVE_STOCK, store_ids=[alert.store_id])
        until = utcnow() + timedelta(days=whole_number("days", days, minimum=1, maximum=365))
        alert.snoozed_until = until
        audit.record(uow, actor, "alert.snooze", "alert", alert.id, until=until.isoformat())
        uow.commit()
        return until


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
        chains = _ancestors(uow)
        queued = 0
        for recipient in due:
            since = recipient.last_digest_at or moment - DIGEST_EVERY
            lines = _digest_lines(uow, recipient, since, moment, chains)
            if lines:
                body = "Alerts opened since the last digest:\n\n" + "\n".join(lines) + "\n"
                mail.enqueue(
                    uow,
                    kind="digest",
                    recipients=[recipient.email],
                    subject=f"Low stock digest: {len(lines)} alert(s)",
                    body=body,
                )
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
        if _matches(recipient, alert.store_id, chains.get(category_id, set()) if category_id else set()):
            state = "" if alert.is_open else " (since recovered)"
            lines.append(_line(sku, name, code, alert.on_hand, alert.reorder_point) + state)
    return lines
