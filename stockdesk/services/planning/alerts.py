"""Low-stock alerts: opened and closed by the ledger, e-mailed through the outbox, read by the window.

Rules (docs/architecture.md, "Alerts and reordering"):

- An alert opens for (item, store) when a batch of movements takes on-hand from above the store's
  own reorder point (else the item's) to at or below it, unless one is already open; it closes
  when stock rises above the point again. The batch is judged by its net effect (on-hand before vs
  after the whole batch): a dip and recovery inside one transaction is never visible to anyone, so
  it raises nothing.
- `item.reorder_point == 0` means "do not watch this item": zero is the default of every new item,
  and alerting on all of them at their first sale would be exactly the noise users complain about.
- The e-mail is queued in the same transaction as the movement (`mail.enqueue_many`), one e-mail per
  immediate recipient per transaction listing every alert it opened: a 500-line delivery note that
  empties many shelves sends one message per person, not 500. Digest recipients get one e-mail a day.
- Only the desk that posted the crossing mails it; alerts that arrive by sync are shown, not mailed
  (e-mails live in the local, unsynced outbox; digests only list alerts whose `origin_desk` is ours).

Cost: `levels_changed` is called by `ledger.post_many` for every batch. A batch that crosses no
reorder point costs one pass over its postings in Python and one query (the per-store reorder
points of its items, `store_points.overrides_for`). A sale that opens an
alert adds two statements, both built once per process: the alert (INSERT ... SELECT ... WHERE NOT
EXISTS an open one) and its e-mail; a batch adds one query for the open alerts of its keys (ids as
one parameter per store), one multi-row alert insert and one e-mail per recipient.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import (
    Insert,
    Select,
    bindparam,
    exists,
    func,
    insert,
    select,
    update,
)

from stockdesk.db import capture, fast_write
from stockdesk.db.alerts_models import Alert
from stockdesk.db.base import utcnow
from stockdesk.db.id_lists import id_in
from stockdesk.db.models import Item, Store
from stockdesk.domain.ids import AlertId, ItemId, StoreId, new_id
from stockdesk.domain.numbers import WholeNumberInput
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.accounts import audit
from stockdesk.services.inventory.postings import Posting
from stockdesk.services.planning import store_points
from stockdesk.services.planning.alert_mail import Opening, mail_openings
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.validation import whole_number

Key = tuple[uuid.UUID, uuid.UUID]


@dataclass(frozen=True)
class AlertView:
    id: AlertId
    item_id: ItemId
    store_id: StoreId
    sku: str
    name: str
    store_code: str
    on_hand: Decimal
    reorder_point: Decimal
    opened_at: datetime
    is_open: bool
    acknowledged: bool
    snoozed_until: datetime | None


def levels_changed(
    uow: UnitOfWork, postings: Sequence[Posting], start: Mapping[Key, Decimal], balance: Mapping[Key, Decimal]
) -> None:
    """Open and close alerts for the batch the ledger just balanced (same transaction, no commit)."""
    openings: dict[Key, Opening] = {}
    closings: list[Key] = []
    # A store's own point overrides the item's (issue 17, item 6): one query per batch.
    overrides = store_points.overrides_at(uow.session, [p.key for p in postings])
    for posting in postings:
        override = overrides.get(posting.key)
        point = posting.item.reorder_point if override is None else override.reorder_point
        if point <= 0:
            continue
        key = posting.key
        before, after = start[key], balance[key]
        if before > point >= after:
            openings[key] = Opening(posting, after, point)
        elif before <= point < after:
            closings.append(key)
    if openings:
        _open(uow, openings)
    if closings:
        _close(uow, sorted(set(closings)))


def _alert_row(uow: UnitOfWork, opening: Opening, now: datetime) -> dict[str, object]:
    return {
        "id": new_id(),
        "item_id": opening.posting.item.id,
        "store_id": opening.posting.store.id,
        "is_open": True,
        "opened_at": now,
        "on_hand": opening.after,
        "reorder_point": opening.point,
        "created_at": now,
        "updated_at": now,
        "updated_by": uow.actor_id,
        "origin_desk": uow.desk_id,
        "hlc": "",
        "deleted": False,
    }


def _open(uow: UnitOfWork, openings: dict[Key, Opening]) -> None:
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
        mail_openings(uow, fresh)


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
    store_id: StoreId | None = None,
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
                AlertId(a.id),
                ItemId(a.item_id),
                StoreId(a.store_id),
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


def badge_count(uow: UnitOfWork, *, store_id: StoreId | None = None, now: datetime | None = None) -> int:
    """Open, unacknowledged, unsnoozed alerts: the number on the window's badge."""
    with uow:
        query = _alert_query(now or utcnow(), include_snoozed=False, store_id=store_id).where(
            Alert.acknowledged_at.is_(None)
        )
        return int(uow.session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def acknowledge(uow: UnitOfWork, actor: Actor, alert_id: AlertId) -> None:
    """Someone has seen it: it leaves the badge but stays listed until stock recovers."""
    with uow:
        uow.actor_id = actor.id
        alert = uow.get(Alert, alert_id, "alert")
        require(actor, Action.MOVE_STOCK, store_ids=[alert.store_id])
        alert.acknowledged_at = utcnow()
        alert.acknowledged_by = actor.id
        audit.record(uow, actor, "alert.acknowledge", "alert", alert.id)
        uow.commit()


def snooze(uow: UnitOfWork, actor: Actor, alert_id: AlertId, *, days: WholeNumberInput) -> datetime:
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
