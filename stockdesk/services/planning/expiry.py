"""Expiry alerts: lots with stock that expire within their warning days (or have expired already).

They are not stored like the low-stock alerts: whether a lot is "expiring" changes with the calendar,
not with a movement, so there is no crossing for the ledger to notice. They are read from
`stock_place` and `lot` whenever the alerts page or a digest asks (docs/places.md, "Expiry alerts").

The warning days of a lot are its item's `expiry_warn_days`, else its category's, else the shop's
default (`settings.PlanningSettings.expiry_warn_days`, 30 days).

Cost: two small aggregate queries (the longest warning anybody set) and one query over the places
that hold a lot expiring within that horizon; the exact per-item cut is made here in Python.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Select, func, select

from stockdesk.db.id_lists import id_in
from stockdesk.db.models import Category, Item, Store
from stockdesk.db.place_models import NO_PLACE, Location, Lot, StockPlace
from stockdesk.domain.ids import ItemId, LocationId, LotId, StoreId
from stockdesk.domain.tracking import expires_within
from stockdesk.services.maintenance import settings
from stockdesk.services.uow import UnitOfWork


@dataclass(frozen=True)
class ExpiryView:
    """One lot at one place (store, location) with stock, expiring soon or expired."""

    item_id: ItemId
    sku: str
    name: str
    category_id: uuid.UUID | None
    store_id: StoreId
    store_code: str
    location_id: LocationId | None
    location_code: str  # "" for the store's unplaced stock
    lot_id: LotId
    lot_code: str
    expires_on: date
    on_hand: Decimal
    warn_days: int
    days_left: int  # negative once expired

    @property
    def expired(self) -> bool:
        return self.days_left < 0


LIMIT = 1000  # a list longer than this is read by nobody; the soonest come first


def expiring_lots(
    uow: UnitOfWork,
    *,
    today: date | None = None,
    store_ids: Collection[uuid.UUID] | None = None,
    limit: int = LIMIT,
) -> list[ExpiryView]:
    """Lots with stock expiring within their warning days, soonest first (expired ones first of all)."""
    with uow:
        # The UTC day, as placing.today(): the day from which a lot's sale is refused.
        return read_expiring(uow, today or datetime.now(UTC).date(), store_ids=store_ids, limit=limit)


def read_expiring(
    uow: UnitOfWork, today: date, *, store_ids: Collection[uuid.UUID] | None = None, limit: int = LIMIT
) -> list[ExpiryView]:
    """As `expiring_lots`, inside a unit of work the caller already has open.

    The dated lots within the longest warning anybody set are read soonest first, a chunk at a time,
    and their places found by `ix_stock_place_lot`, until `limit` lots are listed: driving from the
    places instead made SQLite look up the lot of every place of every tracked item (4x slower at
    500,000 lots). The cut by each item's own warning days is made here.
    """
    default = settings.read(uow).expiry_warn_days
    # "IS NOT NULL" changes no maximum; it lets the partial index of migration 0033 answer for the
    # items (a pass over every item otherwise: 0.2 s at a million, on the alerts page's first paint).
    own = Item.expiry_warn_days.is_not(None)
    longest = max(
        default,
        uow.session.scalar(select(func.max(Item.expiry_warn_days)).where(own)) or 0,
        uow.session.scalar(select(func.max(Category.expiry_warn_days))) or 0,
    )
    dated = dated_lots_query(today + timedelta(days=longest)).execution_options(yield_per=CHUNK)
    found: list[ExpiryView] = []
    for chunk in uow.session.execute(dated).scalars().partitions():
        found += _places_of(uow, list(chunk), today, default, store_ids)
        if len(found) >= limit:
            break
    found.sort(key=lambda v: (v.expires_on, v.store_code, v.location_code, v.sku, v.lot_code))
    return found[:limit]


CHUNK = 500


def dated_lots_query(horizon: date) -> Select[tuple[uuid.UUID]]:
    """The ids of the lots that expire on or before `horizon`, soonest first.

    Read in order from the partial index `ix_lot_expires_on` (expires_on, id) alone: no sort, and
    lots without a use-by date (lot- and serial-tracked items) are not even in it.
    """
    return (
        select(Lot.id)
        .where(Lot.expires_on.is_not(None), Lot.expires_on <= horizon)
        .order_by(Lot.expires_on, Lot.id)
    )


def _places_of(
    uow: UnitOfWork,
    lot_ids: list[uuid.UUID],
    today: date,
    default: int,
    store_ids: Collection[uuid.UUID] | None,
) -> list[ExpiryView]:
    query = (
        select(
            Item.id,
            Item.sku,
            Item.name,
            Item.category_id,
            Item.expiry_warn_days,
            Category.expiry_warn_days,
            StockPlace.store_id,
            Store.code,
            StockPlace.location_id,
            Location.code,
            Lot.id,
            Lot.code,
            Lot.expires_on,
            StockPlace.on_hand,
        )
        .join(Lot, Lot.id == StockPlace.lot_id)
        .join(Item, Item.id == StockPlace.item_id)
        .join(Store, Store.id == StockPlace.store_id)
        .outerjoin(Location, Location.id == StockPlace.location_id)
        .outerjoin(Category, Category.id == Item.category_id)
        .where(
            id_in(uow.dialect, StockPlace.lot_id, lot_ids),
            StockPlace.on_hand > 0,
            Item.deleted.is_(False),
            Store.deleted.is_(False),
        )
    )
    if store_ids is not None:
        query = query.where(StockPlace.store_id.in_(list(store_ids)))
    views = []
    for row in uow.session.execute(query):
        item, sku, name, category, item_days, category_days, store, store_code = row[:8]
        location, location_code, lot, lot_code, expires_on, on_hand = row[8:]
        warn = item_days if item_days is not None else category_days if category_days is not None else default
        if expires_within(expires_on, today, warn):
            views.append(
                ExpiryView(
                    ItemId(item),
                    sku,
                    name,
                    category,
                    StoreId(store),
                    store_code,
                    LocationId(location) if location != NO_PLACE else None,
                    location_code or "",
                    LotId(lot),
                    lot_code,
                    expires_on,
                    on_hand,
                    warn,
                    (expires_on - today).days,
                )
            )
    return views
