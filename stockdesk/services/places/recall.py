"""A recall: where every unit of one lot (or one serial number) went.

Every movement that named the lot, oldest first — receipts, transfers between stores (with the store at
the other end), sales and adjustments, with the date, the user and the reference — and what is still on
hand, per store and location. Read from the ledger itself, so it agrees with `stockdesk check`.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, select

from stockdesk.db.models import Item, StockMovement, Store, User
from stockdesk.db.place_models import Location, Lot, StockPlace, lot_id_of
from stockdesk.domain.errors import NotFound, ValidationError
from stockdesk.domain.ids import ItemId, LotId
from stockdesk.domain.messages import Message
from stockdesk.services.uow import UnitOfWork


@dataclass(frozen=True)
class RecallMovement:
    at: datetime
    kind: str
    store_code: str
    location_code: str  # "" for the store's unplaced stock
    quantity: Decimal
    other_store: str  # a transfer's store at the other end; "" otherwise
    user: str
    reference: str


@dataclass(frozen=True)
class RecallStock:
    store_code: str
    store_name: str
    location_code: str
    on_hand: Decimal


@dataclass(frozen=True)
class LotRecall:
    item_id: ItemId
    sku: str
    name: str
    lot_id: LotId
    lot_code: str
    expires_on: date | None
    movements: tuple[RecallMovement, ...]
    remaining: tuple[RecallStock, ...]

    def total(self, kind: str) -> Decimal:
        """The lot's quantity moved by movements of `kind` (sales are negative)."""
        return sum((m.quantity for m in self.movements if m.kind == kind), Decimal(0))

    @property
    def on_hand(self) -> Decimal:
        return sum((s.on_hand for s in self.remaining), Decimal(0))


def lot_recall(
    uow: UnitOfWork, *, sku: str | None, lot: str | None, store_ids: Collection[uuid.UUID] | None = None
) -> LotRecall:
    """The recall of lot `lot` of item `sku`; `store_ids` limits it to those stores (a clerk's)."""
    if not (sku or "").strip():
        raise ValidationError("sku", sku or "", Message("recall_needs"))
    if not (lot or "").strip():
        raise ValidationError("lot", lot or "", Message("recall_needs"))
    sku, lot = (sku or "").strip(), (lot or "").strip()
    with uow:
        item = uow.session.scalar(select(Item).where(Item.sku == sku, Item.deleted.is_(False)))
        if item is None:
            raise NotFound("item", sku)
        found = uow.session.get(Lot, lot_id_of(item.id, lot))
        if found is None:
            raise ValidationError("lot", lot, Message("lot_unknown", lot=lot, sku=sku))
        movements = _movements(uow, found.id, store_ids)
        remaining = _remaining(uow, found.id, store_ids)
        return LotRecall(
            ItemId(item.id), item.sku, item.name, LotId(found.id), found.code, found.expires_on,
            movements, remaining,
        )  # fmt: skip


def movements_query(lot_id: uuid.UUID) -> Select[tuple[Any, ...]]:
    """Every movement that named the lot, oldest first.

    Read by `ix_stock_movement_lot_id` (movements that name a lot): the lot alone says which item,
    and narrowing by the item instead would read the item's whole history in every store through
    (item, store, at) to keep the few rows of one lot.
    """
    return (
        select(
            StockMovement.at,
            StockMovement.kind,
            StockMovement.store_id,
            Store.code,
            func.coalesce(Location.code, ""),
            StockMovement.quantity,
            StockMovement.transfer_id,
            func.coalesce(User.email, ""),
            StockMovement.reference,
        )
        .join(Store, Store.id == StockMovement.store_id)
        .outerjoin(Location, Location.id == StockMovement.location_id)
        .outerjoin(User, User.id == StockMovement.user_id)
        .where(StockMovement.lot_id == lot_id)
        .order_by(StockMovement.at, StockMovement.quantity, StockMovement.id)
    )


def _movements(
    uow: UnitOfWork, lot_id: uuid.UUID, store_ids: Collection[uuid.UUID] | None
) -> tuple[RecallMovement, ...]:
    query = movements_query(lot_id)
    rows = uow.session.execute(query).all()
    # Both legs of a transfer name the lot: each tells the other's store (a move inside one store
    # names its own store, which is no news, so it is left out).
    legs: dict[uuid.UUID, set[str]] = {}
    for _at, _kind, _store_id, store, _loc, _qty, transfer, _user, _ref in rows:
        if transfer is not None:
            legs.setdefault(transfer, set()).add(store)
    result = []
    for at, kind, store_id, store, location, quantity, transfer, user, reference in rows:
        if store_ids is not None and store_id not in store_ids:
            continue
        others = sorted(legs.get(transfer, set()) - {store}) if transfer is not None else []
        result.append(RecallMovement(at, kind, store, location, quantity, ", ".join(others), user, reference))
    return tuple(result)


def _remaining(
    uow: UnitOfWork, lot_id: uuid.UUID, store_ids: Collection[uuid.UUID] | None
) -> tuple[RecallStock, ...]:
    query = (
        select(Store.code, Store.name, func.coalesce(Location.code, ""), StockPlace.on_hand)
        .join(Store, Store.id == StockPlace.store_id)
        .outerjoin(Location, Location.id == StockPlace.location_id)
        .where(StockPlace.lot_id == lot_id, StockPlace.on_hand != 0)
        .order_by(Store.code, func.coalesce(Location.code, ""))
    )
    if store_ids is not None:
        query = query.where(StockPlace.store_id.in_(list(store_ids)))
    return tuple(RecallStock(*row) for row in uow.session.execute(query))
