"""The ledger read page by page, newest first, with keyset cursors (for the API's movements list)."""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select

from stockdesk.db.models import StockMovement
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message
from stockdesk.domain.movements import MovementKind
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import MovementView

MAX_LIMIT = 500


@dataclass(frozen=True)
class MovementQuery:
    item_id: uuid.UUID | None = None
    store_id: uuid.UUID | None = None
    kind: MovementKind | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


@dataclass(frozen=True)
class MovementPage:
    rows: list[MovementView]
    next_cursor: str | None


def _encode(view: MovementView) -> str:
    return base64.urlsafe_b64encode(f"{view.at.isoformat()}|{view.id.hex}".encode()).decode()


def _decode(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        moment, _, ident = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        return datetime.fromisoformat(moment), uuid.UUID(hex=ident)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ValidationError("cursor", cursor, Message("api.bad_cursor")) from None


def movement_page(
    uow: UnitOfWork, q: MovementQuery, *, cursor: str | None = None, limit: int = 100
) -> MovementPage:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError("limit", limit, Message("api.limit", maximum=MAX_LIMIT))
    m = StockMovement
    query = select(m)
    if q.item_id:
        query = query.where(m.item_id == q.item_id)
    if q.store_id:
        query = query.where(m.store_id == q.store_id)
    if q.kind:
        query = query.where(m.kind == q.kind.value)
    if q.since:
        query = query.where(m.at >= q.since)
    if q.until:
        query = query.where(m.at < q.until)
    if cursor:
        at, ident = _decode(cursor)
        query = query.where(m.at <= at, or_(m.at < at, and_(m.at == at, m.id < ident)))
    with uow:
        rows = list(uow.session.scalars(query.order_by(m.at.desc(), m.id.desc()).limit(limit + 1)))
        views = [MovementView.of(r) for r in rows[:limit]]
    return MovementPage(views, _encode(views[-1]) if len(rows) > limit else None)
