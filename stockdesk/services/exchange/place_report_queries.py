"""The reports' rows by location, for stores that keep stock by location (issue 20).

An item's stock in such a store is split over the locations it is at (`stock_place`, lots of one
location added together) and the rest, kept at no location, is a line with location "" (the
report's "No location"). Lines are ordered by the location's path ("A › A-03 › A-03-2"), so a
valuation reads shelf by shelf and a stocktake sheet walks the store in label order. Stores without
locations are left to the category-ordered queries of `report_queries`.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from stockdesk.db.models import Item, ItemBarcode, StockLevel, StockMovement, Store
from stockdesk.db.place_models import NO_PLACE, Location, StockPlace
from stockdesk.domain.ids import StoreId
from stockdesk.services.exchange.report_queries import StocktakeRow, ValuationRow, cents, on_hand_source
from stockdesk.services.uow import UnitOfWork

# (item id, store id) -> {location id: quantity}
Placed = dict[tuple[uuid.UUID, uuid.UUID], dict[uuid.UUID, Decimal]]


def stores_with_locations(uow: UnitOfWork, store_ids: Collection[StoreId] | None) -> set[StoreId]:
    """The stores (of `store_ids`, None: all) that have at least one location."""
    with uow:
        query = select(Location.store_id).where(Location.deleted.is_(False)).distinct()
        found = {StoreId(s) for s in uow.session.scalars(query)}
    return found if store_ids is None else found & set(store_ids)


def location_paths(uow: UnitOfWork) -> dict[uuid.UUID, str]:
    """Every location's path from the top of its store's tree; the table is small, read whole."""
    rows = {
        ident: (parent, code)
        for ident, parent, code in uow.session.execute(select(Location.id, Location.parent_id, Location.code))
    }
    paths: dict[uuid.UUID, str] = {}
    for ident in rows:
        codes, seen, at = [], set(), ident
        while at is not None and at in rows and at not in seen:  # a cycle must not hang a report
            seen.add(at)
            parent, code = rows[at]
            codes.append(code)
            at = parent
        paths[ident] = " › ".join(reversed(codes))
    return paths


def _placed(uow: UnitOfWork, stores: set[StoreId], until: datetime | None) -> Placed:
    """Stock per item, store and location: today's `stock_place`, or the ledger up to `until`."""
    if until is None:
        total = func.sum(StockPlace.on_hand)
        query: Any = (
            select(StockPlace.item_id, StockPlace.store_id, StockPlace.location_id, total)
            .where(StockPlace.store_id.in_(stores))
            .group_by(StockPlace.item_id, StockPlace.store_id, StockPlace.location_id)
        )
    else:
        total = func.sum(StockMovement.quantity)
        query = (
            select(StockMovement.item_id, StockMovement.store_id, StockMovement.location_id, total)
            .where(
                StockMovement.store_id.in_(stores),
                StockMovement.at < until,
                StockMovement.location_id.is_not(None),
            )
            .group_by(StockMovement.item_id, StockMovement.store_id, StockMovement.location_id)
        )
    placed: Placed = {}
    for item, store, location, qty in uow.session.execute(query):
        if location != NO_PLACE and qty:
            placed.setdefault((item, store), {})[location] = qty
    return placed


def _split(
    placed: Placed, paths: dict[uuid.UUID, str], item: uuid.UUID, store: uuid.UUID, level: Decimal
) -> Iterator[tuple[str, Decimal]]:
    """(location path, quantity) of an item's stock in a store; "" for the part at no location."""
    here = placed.get((item, store), {})
    rest = level - sum(here.values(), Decimal(0))
    for location, qty in here.items():
        yield paths.get(location, ""), qty
    if rest:
        yield "", rest


def _order(path: str) -> tuple[bool, str]:
    return path == "", path  # stock at no location after every shelf


def valuation_by_location_rows(
    uow: UnitOfWork, *, until: datetime | None, stores: set[StoreId]
) -> list[ValuationRow]:
    """Valuation lines of `stores` per location and item (`category` holds the location's path, ""
    for no location), ordered by store, path and SKU; values rounded to the cent per line."""
    if not stores:
        return []
    with uow:
        paths = location_paths(uow)
        placed = _placed(uow, stores, until)
        src = on_hand_source(until, stores)
        query = (
            select(
                Store.code,
                Store.name,
                Item.id,
                Store.id,
                Item.sku,
                Item.name,
                Item.unit,
                src.c.on_hand,
                Item.cost_price,
                Item.sell_price,
            )
            .select_from(src)
            .join(Item, Item.id == src.c.item_id)
            .join(Store, Store.id == src.c.store_id)
        )
        rows = [
            ValuationRow(
                code, name, path, sku, item_name, unit, qty, cost, cents(qty * cost), sell, cents(qty * sell)
            )
            for code, name, item, store, sku, item_name, unit, level_qty, cost, sell in uow.session.execute(
                query
            )
            for path, qty in _split(placed, paths, item, store, level_qty)
        ]
    return sorted(rows, key=lambda r: (r.store_code, *_order(r.category), r.sku))


def stocktake_by_location_rows(uow: UnitOfWork, *, stores: set[StoreId]) -> list[StocktakeRow]:
    """Stocktake sheet lines of `stores` in walking order: by store, location path, SKU; an item on
    three shelves is three lines, and its stock at no location one more."""
    if not stores:
        return []
    with uow:
        paths = location_paths(uow)
        placed = _placed(uow, stores, None)
        barcode = (
            select(func.min(ItemBarcode.code))
            .where(ItemBarcode.item_id == Item.id, ItemBarcode.deleted.is_(False))
            .correlate(Item)
            .scalar_subquery()
        )
        query = (
            select(
                Store.code,
                Store.name,
                Item.id,
                Store.id,
                Item.sku,
                Item.name,
                barcode,
                Item.unit,
                StockLevel.on_hand,
            )
            .select_from(StockLevel)
            .join(Item, Item.id == StockLevel.item_id)
            .join(Store, Store.id == StockLevel.store_id)
            .where(StockLevel.store_id.in_(stores), Item.active.is_(True), Item.deleted.is_(False))
        )
        rows = []
        for code, name, item, store, sku, item_name, first_code, unit, level in uow.session.execute(query):
            lines = list(_split(placed, paths, item, store, level)) or [("", level)]  # a carried item at 0
            rows += [
                StocktakeRow(code, name, "", sku, item_name, first_code or "", unit, qty, location=path)
                for path, qty in lines
            ]
    return sorted(rows, key=lambda r: (r.store_code, *_order(r.location), r.sku))
