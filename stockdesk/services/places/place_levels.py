"""Reading stock per place: where an item is in a store, by location and lot, and the unplaced rest."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import bindparam, func, select

from stockdesk.db.models import StockLevel, Store
from stockdesk.db.place_models import NO_PLACE, Location, Lot, StockPlace
from stockdesk.domain.ids import ItemId, LocationId, LotId, StoreId
from stockdesk.domain.tracking import PlaceStock
from stockdesk.services.inventory import ledger
from stockdesk.services.uow import UnitOfWork


def _or_none(value: uuid.UUID) -> uuid.UUID | None:
    return None if value == NO_PLACE else value


# Built once (a FEFO sale runs it): on PostgreSQL the places are locked, after the level.
_PLACES_QUERY = (
    select(
        StockPlace.location_id, StockPlace.lot_id, StockPlace.on_hand, Lot.expires_on, Location.code, Lot.code
    )
    .outerjoin(Lot, Lot.id == StockPlace.lot_id)
    .outerjoin(Location, Location.id == StockPlace.location_id)
    .where(
        StockPlace.item_id == bindparam("item", type_=StockPlace.item_id.type),
        StockPlace.store_id == bindparam("store", type_=StockPlace.store_id.type),
    )
)
_PLACES = {"postgresql": _PLACES_QUERY.with_for_update(of=StockPlace), "sqlite": _PLACES_QUERY}


def places_in_store(uow: UnitOfWork, item_id: uuid.UUID, store_id: uuid.UUID) -> list[PlaceStock]:
    """The item's stock in one store by (location, lot), with the unplaced rest as (None, None).

    Places at zero are left out; on PostgreSQL the rows are locked, so two desks picking the same
    lot wait for each other instead of both taking its last unit. The store's level is locked first:
    the ledger and a stocktake's post lock it before the trigger writes the places, and one order
    for every transaction means waiting, never a deadlock.
    """
    found = ledger.read_level(uow, item_id, store_id)
    if found is not None:  # the ledger's posting that follows needs not read (or lock) it again
        ledger.remember_level(uow, (item_id, store_id), found)
    level = found or Decimal(0)
    keys = {"item": item_id, "store": store_id}
    places = [
        PlaceStock(_or_none(loc), _or_none(lot), qty, expires, loc_code or "", lot_code or "")
        for loc, lot, qty, expires, loc_code, lot_code in uow.session.execute(_PLACES[uow.dialect], keys)
    ]
    unplaced = level - sum((p.on_hand for p in places), Decimal(0))
    rest = [p for p in places if p.on_hand != 0]  # stock_place never holds the (no location, no lot) place
    if unplaced != 0:
        rest.insert(0, PlaceStock(None, None, unplaced))
    return rest


def store_places(uow: UnitOfWork, item_id: ItemId, store_id: StoreId) -> list[PlaceStock]:
    """What a move inside the store can take from: the item's unplaced rest first, then each location
    (and lot) by code and first expiry, only those with stock."""
    with uow:
        places = [p for p in places_in_store(uow, item_id, store_id) if p.on_hand > 0]
    return sorted(
        places,
        key=lambda p: (p.location_id is not None, p.location_code, p.expires_on or date.max, p.lot_code),
    )


def place_on_hand(
    uow: UnitOfWork,
    item_id: uuid.UUID,
    store_id: uuid.UUID,
    location_id: uuid.UUID | None,
    lot_id: uuid.UUID | None,
) -> Decimal:
    for place in places_in_store(uow, item_id, store_id):
        if (place.location_id, place.lot_id) == (location_id, lot_id):
            return place.on_hand
    return Decimal(0)


def lot_on_hand_everywhere(uow: UnitOfWork, lot_id: uuid.UUID) -> Decimal:
    """A lot's (a serial's) stock in every store together."""
    total = uow.session.scalar(select(func.sum(StockPlace.on_hand)).where(StockPlace.lot_id == lot_id))
    return total if total is not None else Decimal(0)


def suggested_location(uow: UnitOfWork, item_id: uuid.UUID, store_id: uuid.UUID) -> LocationId | None:
    """Where to put away a receipt: the location of this store that holds most of the item."""
    row = uow.session.execute(
        select(StockPlace.location_id, func.sum(StockPlace.on_hand).label("qty"))
        .join(Location, Location.id == StockPlace.location_id)
        .where(
            StockPlace.item_id == item_id,
            StockPlace.store_id == store_id,
            Location.active.is_(True),
            Location.deleted.is_(False),
        )
        .group_by(StockPlace.location_id, Location.code)
        .having(func.sum(StockPlace.on_hand) > 0)
        .order_by(func.sum(StockPlace.on_hand).desc(), Location.code)
        .limit(1)
    ).first()
    return LocationId(row[0]) if row is not None else None


@dataclass(frozen=True)
class PlaceLevelView:
    """One line of an item's stock by place, for the item card."""

    store_id: StoreId
    store_code: str
    location_id: LocationId | None
    location_code: str  # "" for the store's unplaced stock
    lot_id: LotId | None
    lot_code: str  # "" for an untracked item
    expires_on: date | None
    on_hand: Decimal


def item_places(uow: UnitOfWork, item_id: ItemId) -> list[PlaceLevelView]:
    """Every place the item has stock in, store by store; a store's unplaced rest as its own line."""
    with uow:
        return places_of_item(uow, item_id)


def places_of_item(uow: UnitOfWork, item_id: uuid.UUID) -> list[PlaceLevelView]:
    """`item_places` inside a unit of work the caller holds (the counter's item card)."""
    rows = uow.session.execute(
        select(
            StockPlace.store_id,
            Store.code,
            StockPlace.location_id,
            Location.code,
            StockPlace.lot_id,
            Lot.code,
            Lot.expires_on,
            StockPlace.on_hand,
        )
        .join(Store, Store.id == StockPlace.store_id)
        .outerjoin(Location, Location.id == StockPlace.location_id)
        .outerjoin(Lot, Lot.id == StockPlace.lot_id)
        .where(StockPlace.item_id == item_id, StockPlace.on_hand != 0)
    ).all()
    placed: dict[uuid.UUID, Decimal] = {}
    views: list[PlaceLevelView] = []
    for store, store_code, loc, loc_code, lot, lot_code, expires, qty in rows:
        placed[store] = placed.get(store, Decimal(0)) + qty
        if (loc, lot) == (NO_PLACE, NO_PLACE):
            continue
        views.append(
            PlaceLevelView(
                StoreId(store),
                store_code,
                LocationId(loc) if loc != NO_PLACE else None,
                loc_code or "",
                LotId(lot) if lot != NO_PLACE else None,
                lot_code or "",
                expires,
                qty,
            )
        )
    if placed:
        levels = uow.session.execute(
            select(StockLevel.store_id, Store.code, StockLevel.on_hand)
            .join(Store, Store.id == StockLevel.store_id)
            .where(StockLevel.item_id == item_id, StockLevel.store_id.in_(placed))
        )
        for store, store_code, level in levels:
            rest = level - placed[store]
            if rest != 0:
                views.append(PlaceLevelView(StoreId(store), store_code, None, "", None, "", None, rest))
    return sorted(views, key=lambda v: (v.store_code, v.location_code, v.expires_on or date.max, v.lot_code))
