"""The conflicts list and the negative-stock reviews: reading them and settling them (a service).

Keeping a conflict only marks it settled. Reversing writes the losing value back as a new edit
(a new stamp, so it wins everywhere once synced) and marks the conflict reversed; both are
ordinary local writes, so they travel to the other desks like any edit.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from stockdesk.db.sync_models import SyncConflict, SyncReview
from stockdesk.db.synced_tables import synced_tables
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork
from stockdesk.sync import codec


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    kind: str  # field | unique
    table: str
    row_id: uuid.UUID
    field: str
    kept_value: str
    lost_value: str
    kept_desk: str
    lost_desk: str
    status: str
    at: datetime


@dataclass(frozen=True)
class ReviewView:
    id: uuid.UUID
    item_id: uuid.UUID
    store_id: uuid.UUID
    on_hand: Decimal
    status: str
    note: str


# The notes the server writes on a serial's review (sync/server/push.settle_serials), in English like
# every server-made note; `serial_review` reads the serial back out of them.
MERGED = "offline desks' movements were merged"
SERIAL_SOLD_TWICE = "serial number {serial} of {sku} went out twice: " + MERGED
SERIAL_IN_STOCK_TWICE = "serial number {serial} of {sku} is in stock more than once: " + MERGED


@dataclass(frozen=True)
class SerialReview:
    """What a serial's review is about: `serial`, and whether it went out twice (else it is in stock
    twice, received on two desks)."""

    serial: str
    sold_twice: bool


def serial_review(review: ReviewView, sku: str) -> SerialReview | None:
    """The serial a review names, if it is a serial's review of item `sku` (None for a level's)."""
    for template, sold_twice in ((SERIAL_SOLD_TWICE, True), (SERIAL_IN_STOCK_TWICE, False)):
        head, tail = template.split("{serial}")
        found = re.fullmatch(
            re.escape(head) + "(?P<serial>.+)" + re.escape(tail.format(sku=sku)), review.note, re.DOTALL
        )
        if found:
            return SerialReview(found["serial"], sold_twice)
    return None


def _display(table: str, field: str, stored: str) -> str:
    raw = json.loads(stored) if stored else None
    if table in synced_tables() and field in synced_tables()[table].columns:
        value = codec.to_python(table, {field: raw})[field]
        return "" if value is None else str(value)
    return "" if raw is None else str(raw)


def _view(row: SyncConflict) -> ConflictView:
    return ConflictView(
        row.id,
        row.kind,
        row.tbl,
        row.row_id,
        row.field,
        _display(row.tbl, row.field, row.kept_value),
        _display(row.tbl, row.field, row.lost_value),
        row.kept_desk,
        row.lost_desk,
        row.status,
        row.created_at,
    )


def open_conflicts(uow: UnitOfWork) -> list[ConflictView]:
    with uow:
        rows = uow.session.scalars(
            select(SyncConflict).where(SyncConflict.status == "open").order_by(SyncConflict.created_at)
        )
        return [_view(row) for row in rows]


def resolve(uow: UnitOfWork, actor: Actor, conflict_id: uuid.UUID, *, keep: bool) -> ConflictView:
    """Keep the merged value, or reverse it (write the losing value back as a new edit)."""
    with uow:
        require(actor, Action.EDIT_ITEM)
        uow.actor_id = actor.id
        conflict = uow.get(SyncConflict, conflict_id, "conflict")
        if conflict.status != "open":
            raise ValidationError("conflict", conflict_id, Message("conflict_done", status=conflict.status))
        if not keep:
            _write_back(uow, conflict)
        conflict.status = "kept" if keep else "reversed"
        audit.record(
            uow,
            actor,
            f"sync.conflict.{conflict.status}",
            conflict.tbl,
            conflict.row_id,
            field=conflict.field,
        )
        uow.commit()
        return _view(conflict)


def _write_back(uow: UnitOfWork, conflict: SyncConflict) -> None:
    spec = synced_tables().get(conflict.tbl)
    if conflict.kind != "field" or spec is None or conflict.field not in spec.columns:
        raise ValidationError("conflict", conflict.id, Message("key_collision"))
    raw = json.loads(conflict.lost_value) if conflict.lost_value else None
    value = codec.to_python(conflict.tbl, {conflict.field: raw})[conflict.field]
    table = spec.table
    uow.session.execute(table.update().where(table.c.id == conflict.row_id).values({conflict.field: value}))


def open_reviews(uow: UnitOfWork) -> list[ReviewView]:
    with uow:
        rows = uow.session.scalars(select(SyncReview).where(SyncReview.status == "open"))
        return [ReviewView(r.id, r.item_id, r.store_id, r.on_hand, r.status, r.note) for r in rows]


def close_review(uow: UnitOfWork, actor: Actor, review_id: uuid.UUID, *, note: str = "") -> ReviewView:
    """A manager settled the oversell (usually with a compensating count or adjustment first)."""
    with uow:
        require(actor, Action.OVERRIDE_NEGATIVE)
        uow.actor_id = actor.id
        review = uow.get(SyncReview, review_id, "review")
        review.status, review.note = "resolved", note or review.note
        audit.record(
            uow, actor, "sync.review.resolve", "stock", review.item_id, store_id=str(review.store_id)
        )
        uow.commit()
        return ReviewView(
            review.id, review.item_id, review.store_id, review.on_hand, review.status, review.note
        )
