"""Undo at the counter: the last movement of this shift at this desk, reversed through the ledger.

Nothing is deleted: `stock.reverse` posts the opposite movement(s) and writes the audit entry. Only
movements this desk posted since the shift began can be undone here; another desk's movement is
refused (its clerk, or a manager on the ledger page, reverses it), and so is one already reversed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from stockdesk.db.models import StockMovement
from stockdesk.domain.errors import ValidationError
from stockdesk.domain.ids import MovementId
from stockdesk.domain.messages import Message
from stockdesk.domain.permissions import Actor
from stockdesk.services.inventory import stock
from stockdesk.services.uow import UnitOfWork
from stockdesk.services.views import MovementView

UNDO_REASON = "undone at the counter"


def last_of_shift(uow: UnitOfWork, actor: Actor, *, since: datetime) -> MovementId | None:
    """The newest movement this person posted at this desk since `since` that is still standing."""
    with uow:
        reversed_ids = select(StockMovement.reverses_id).where(StockMovement.reverses_id.is_not(None))
        query = (
            select(StockMovement.id)
            .where(
                StockMovement.origin_desk == uow.desk_id,
                StockMovement.user_id == actor.id,
                StockMovement.at >= since,
                StockMovement.reverses_id.is_(None),
                StockMovement.id.not_in(reversed_ids),
            )
            .order_by(StockMovement.at.desc(), StockMovement.id.desc())
            .limit(1)
        )
        found = uow.session.scalar(query)
        return None if found is None else MovementId(found)


def undo(
    uow: UnitOfWork, actor: Actor, movement_id: MovementId, *, since: datetime, reason: str = UNDO_REASON
) -> list[MovementView]:
    """Reverse `movement_id` if it belongs to this desk's shift; refused otherwise, nothing written."""
    with uow:
        movement = uow.get(StockMovement, movement_id, "movement")
        if movement.origin_desk != uow.desk_id:
            raise ValidationError("movement", str(movement_id), Message("undo_other_desk"))
        if movement.at < since.replace(tzinfo=movement.at.tzinfo):
            raise ValidationError("movement", str(movement_id), Message("undo_earlier_shift"))
    return stock.reverse(uow, actor, movement_id, reason=reason)


def undo_last(uow: UnitOfWork, actor: Actor, *, since: datetime) -> list[MovementView]:
    """Undo the last movement of this shift at this desk; [] when there is nothing left to undo."""
    last = last_of_shift(uow, actor, since=since)
    return [] if last is None else undo(uow, actor, last, since=since)
