"""Writing to the ledger: one movement row and the matching stock_level change, in one transaction.

This module is the only place that changes `stock_level`, so the level can never drift from the
ledger except through a bug that `stockdesk check` would show.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from stockdesk.db.models import Item, StockLevel, StockMovement, Store
from stockdesk.domain.errors import InsufficientStock, ValidationError
from stockdesk.domain.movements import MovementKind
from stockdesk.services.uow import UnitOfWork


@dataclass(frozen=True)
class Posting:
    """A movement about to be written; `quantity` is already signed."""

    item: Item
    store: Store
    kind: MovementKind
    quantity: Decimal
    reference: str = ""
    unit_cost: Decimal | None = None
    counted_quantity: Decimal | None = None
    transfer_id: uuid.UUID | None = None
    reverses_id: uuid.UUID | None = None
    at: datetime | None = None


def change_level(uow: UnitOfWork, item_id: uuid.UUID, store_id: uuid.UUID, delta: Decimal) -> Decimal:
    """Add `delta` to on-hand atomically (row created on first use) and return the new on-hand."""
    result = uow.session.execute(
        update(StockLevel)
        .where(StockLevel.item_id == item_id, StockLevel.store_id == store_id)
        .values(on_hand=StockLevel.on_hand + delta)
        .returning(StockLevel.on_hand)
    ).scalar_one_or_none()
    if result is not None:
        return result
    insert = postgresql.insert if uow.dialect == "postgresql" else sqlite.insert
    statement = insert(StockLevel).values(item_id=item_id, store_id=store_id, on_hand=delta)
    statement = statement.on_conflict_do_update(
        index_elements=[StockLevel.item_id, StockLevel.store_id],
        set_={"on_hand": StockLevel.on_hand + statement.excluded.on_hand},
    ).returning(StockLevel.on_hand)
    return uow.session.execute(statement).scalar_one()


def on_hand(uow: UnitOfWork, item_id: uuid.UUID, store_id: uuid.UUID) -> Decimal:
    value = uow.session.scalar(
        select(StockLevel.on_hand).where(StockLevel.item_id == item_id, StockLevel.store_id == store_id)
    )
    return value if value is not None else Decimal(0)


def post(
    uow: UnitOfWork, posting: Posting, *, user_id: uuid.UUID | None, allow_negative: bool
) -> tuple[StockMovement, Decimal]:
    """Write one movement and its level change; refuse to go below zero unless allowed."""
    if not posting.item.active and posting.kind in (MovementKind.RECEIVE, MovementKind.TRANSFER_IN):
        raise ValidationError("item", posting.item.sku, "is archived: restore it before receiving stock")
    after = change_level(uow, posting.item.id, posting.store.id, posting.quantity)
    if after < 0 and posting.quantity < 0 and not allow_negative:
        raise InsufficientStock(
            sku=posting.item.sku,
            store=posting.store.code,
            on_hand=after - posting.quantity,
            requested=-posting.quantity,
        )
    movement = StockMovement(
        item_id=posting.item.id,
        store_id=posting.store.id,
        kind=posting.kind.value,
        quantity=posting.quantity,
        counted_quantity=posting.counted_quantity,
        unit_cost=posting.unit_cost,
        reference=posting.reference,
        transfer_id=posting.transfer_id,
        reverses_id=posting.reverses_id,
        user_id=user_id,
    )
    if posting.at is not None:
        movement.at = posting.at
    uow.session.add(movement)
    return movement, after
