"""Read-only queries behind the reports: plain rows, streamed, aggregated in SQL.

Each query is a generator that holds its unit of work open while the caller reads (a report
writer pulls rows one page at a time), so memory stays bounded by a page, not by the ledger.
Rows are NamedTuples: cheap to build by the million and read by attribute like a dataclass.

Stock "as of" a moment is always the ledger summed up to that moment (`at < until`), never
today's `stock_level`, so a valuation for the end of last month stays right after this month's
movements. Values are rounded to the cent per line (half-up) and totals are sums of those lines:
what a person adds up on paper is what the total says.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from sqlalchemy import Select, func, select

from stockdesk.db.models import Category, Item, ItemBarcode, StockLevel, StockMovement, Store, Supplier, User
from stockdesk.db.store_points_models import StoreReorderPoint
from stockdesk.domain.errors import NotFound
from stockdesk.domain.ids import ItemId, StoreId, UserId
from stockdesk.services.inventory.movement_queries import MovementFilter, MovementRow, movement_rows
from stockdesk.services.planning import store_points
from stockdesk.services.uow import UnitOfWork

__all__ = ["MovementFilter", "MovementRow", "movement_rows"]

CENT = Decimal("0.01")
_BATCH = 2000  # rows per fetch: big enough to amortise round trips, small enough to stay flat in memory
UNCATEGORISED = "Uncategorised"


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def day_start(day: date, zone: tzinfo | None = None) -> datetime:
    """The first instant of `day` in `zone` (default: this desk's local time zone)."""
    local = zone or datetime.now().astimezone().tzinfo
    return datetime.combine(day, time(0), tzinfo=local)


def as_instant(value: date | datetime, zone: tzinfo | None = None) -> datetime:
    """A report boundary: a date means the end of that day (so "as of 31 May" includes 31 May)."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return day_start(value + timedelta(days=1), zone)


def _streamed(uow: UnitOfWork, query: Select[Any]) -> Iterator[Any]:
    return iter(uow.session.execute(query.execution_options(yield_per=_BATCH)))


def category_paths(uow: UnitOfWork) -> dict[uuid.UUID, str]:
    """Every category's full path ("Tools / Hand tools"); the table is small, so it is read whole."""
    rows = {
        cid: (name, parent)
        for cid, name, parent in uow.session.execute(select(Category.id, Category.name, Category.parent_id))
    }
    paths: dict[uuid.UUID, str] = {}
    for cid in rows:
        names, seen, current = [], set(), cid
        while current is not None and current in rows and current not in seen:  # a cycle must not hang us
            seen.add(current)
            names.append(rows[current][0])
            current = rows[current][1]
        paths[cid] = " / ".join(reversed(names))
    return paths


# --- valuation ---------------------------------------------------------------------------------


class ValuationRow(NamedTuple):
    store_code: str
    store_name: str
    category: str
    sku: str
    name: str
    unit: str
    on_hand: Decimal
    unit_cost: Decimal
    cost_value: Decimal
    sell_price: Decimal
    sell_value: Decimal


def on_hand_source(until: datetime | None, store_ids: Collection[StoreId] | None) -> Any:
    """(item_id, store_id, on_hand) for every non-zero pair: the ledger up to `until`, or today's levels."""
    if until is None:
        query = select(StockLevel.item_id, StockLevel.store_id, StockLevel.on_hand.label("on_hand")).where(
            StockLevel.on_hand != 0
        )
        if store_ids is not None:
            query = query.where(StockLevel.store_id.in_(store_ids))
        return query.subquery("levels")
    total = func.sum(StockMovement.quantity)  # typed like the column: comes back as an exact Decimal
    query = select(StockMovement.item_id, StockMovement.store_id, total.label("on_hand")).where(
        StockMovement.at < until
    )
    if store_ids is not None:
        query = query.where(StockMovement.store_id.in_(store_ids))
    return query.group_by(StockMovement.item_id, StockMovement.store_id).having(total != 0).subquery("ledger")


def valuation_rows(
    uow: UnitOfWork, *, until: datetime | None, store_ids: Collection[StoreId] | None = None
) -> Iterator[ValuationRow]:
    """Stock value per item and store at `until` (None: now, from stock_level), at cost and sell price.

    Ordered by store code, category, SKU. Items are valued at their current cost and sell price:
    the catalogue keeps no price history, and the ledger's unit costs exist only on receipts.
    """
    with uow:
        paths = category_paths(uow)
        src = on_hand_source(until, store_ids)
        query = (
            select(
                Store.code,
                Store.name,
                Item.category_id,
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
            .outerjoin(Category, Category.id == Item.category_id)
            .order_by(Store.code, Category.id.is_(None), Category.name, Category.id, Item.sku)
        )
        for code, store_name, cat, sku, name, unit, qty, cost, sell in _streamed(uow, query):
            category = paths.get(cat, UNCATEGORISED) if cat is not None else UNCATEGORISED
            yield ValuationRow(
                code,
                store_name,
                category,
                sku,
                name,
                unit,
                qty,
                cost,
                cents(qty * cost),
                sell,
                cents(qty * sell),
            )


def stock_value(
    uow: UnitOfWork,
    as_of: date | datetime | None = None,
    store_id: StoreId | None = None,
    *,
    price: str = "cost",
) -> Decimal:
    """The dashboard's stock value figure: exactly the valuation report's grand total for the same date.

    `as_of` None is now (read from stock_level, which is fast); `price` is "cost" or "sell".
    """
    until = None if as_of is None else as_instant(as_of)
    stores = None if store_id is None else [store_id]
    field = "cost_value" if price == "cost" else "sell_value"
    total = Decimal(0)
    for row in valuation_rows(uow, until=until, store_ids=stores):
        total += getattr(row, field)
    return total


# --- low stock -----------------------------------------------------------------------------------


class LowStockRow(NamedTuple):
    store_code: str
    store_name: str
    item_id: ItemId
    store_id: StoreId
    sku: str
    name: str
    unit: str
    supplier: str
    on_hand: Decimal
    reorder_point: Decimal
    reorder_qty: Decimal
    unit_cost: Decimal


def low_stock_rows(uow: UnitOfWork, *, store_ids: Collection[StoreId] | None = None) -> Iterator[LowStockRow]:
    """Active items at or below their reorder point in a store that carries them (has a level row):
    the store's own point and quantity where it has them (`StoreReorderPoint`), else the item's, as
    the alerts and the reorder suggestions judge.

    Items without a reorder point (0) have no reorder policy and are left out, or every item
    never stocked would be "low".
    """
    own = StoreReorderPoint
    point = func.coalesce(own.reorder_point, Item.reorder_point)
    with uow:
        query = (
            select(
                Store.code,
                Store.name,
                Item.id,
                Store.id,
                Item.sku,
                Item.name,
                Item.unit,
                func.coalesce(Supplier.name, ""),
                StockLevel.on_hand,
                point,
                func.coalesce(own.reorder_qty, Item.reorder_qty),
                Item.cost_price,
            )
            .select_from(StockLevel)
            .join(Item, Item.id == StockLevel.item_id)
            .join(Store, Store.id == StockLevel.store_id)
            .outerjoin(Supplier, Supplier.id == Item.supplier_id)
            .outerjoin(own, store_points.live_point_of(StockLevel.item_id, StockLevel.store_id))
            .where(
                Item.active.is_(True),
                Item.deleted.is_(False),
                Store.deleted.is_(False),
                point > 0,
                StockLevel.on_hand <= point,
            )
            .order_by(Store.code, Item.sku)
        )
        if store_ids is not None:
            query = query.where(StockLevel.store_id.in_(store_ids))
        for row in _streamed(uow, query):
            yield LowStockRow(*row)


# --- movements: see movement_queries (re-exported here for callers of this module) ---------------

# --- stocktake sheet -----------------------------------------------------------------------------


class StocktakeRow(NamedTuple):
    store_code: str
    store_name: str
    category: str
    sku: str
    name: str
    barcode: str
    unit: str
    expected: Decimal
    counted: None = None
    location: str = ""  # the location's path, in a store with locations (place_report_queries)


def stocktake_rows(
    uow: UnitOfWork, *, store_ids: Collection[StoreId] | None = None
) -> Iterator[StocktakeRow]:
    """Active items each store carries, by store, category and SKU, with the first barcode."""
    with uow:
        paths = category_paths(uow)
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
                Item.category_id,
                Item.sku,
                Item.name,
                barcode,
                Item.unit,
                StockLevel.on_hand,
            )
            .select_from(StockLevel)
            .join(Item, Item.id == StockLevel.item_id)
            .join(Store, Store.id == StockLevel.store_id)
            .outerjoin(Category, Category.id == Item.category_id)
            .where(Item.active.is_(True), Item.deleted.is_(False), Store.deleted.is_(False))
            .order_by(Store.code, Category.id.is_(None), Category.name, Category.id, Item.sku)
        )
        if store_ids is not None:
            query = query.where(StockLevel.store_id.in_(store_ids))
        for code, store_name, cat, sku, name, first_code, unit, qty in _streamed(uow, query):
            category = paths.get(cat, UNCATEGORISED) if cat is not None else UNCATEGORISED
            yield StocktakeRow(code, store_name, category, sku, name, first_code or "", unit, qty)


# --- item card -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemCard:
    item_id: ItemId
    sku: str
    name: str
    description: str
    category: str
    supplier: str
    unit: str
    cost_price: Decimal
    sell_price: Decimal
    reorder_point: Decimal
    reorder_qty: Decimal
    active: bool
    barcodes: tuple[tuple[str, str], ...]
    stock: tuple[tuple[str, str, Decimal], ...]
    movements: tuple[MovementRow, ...]


def item_card(uow: UnitOfWork, sku: str, *, last: int = 30) -> ItemCard:
    """One item's details, barcodes (code, symbology), stock per store and latest movements."""
    with uow:
        item = uow.session.scalar(select(Item).where(Item.sku == sku, Item.deleted.is_(False)))
        if item is None:
            raise NotFound("item", sku)
        paths = category_paths(uow)
        supplier = uow.session.scalar(select(Supplier.name).where(Supplier.id == item.supplier_id)) or ""
        barcodes = tuple(
            uow.session.execute(
                select(ItemBarcode.code, ItemBarcode.symbology)
                .where(ItemBarcode.item_id == item.id, ItemBarcode.deleted.is_(False))
                .order_by(ItemBarcode.code)
            )
        )
        stock = tuple(
            uow.session.execute(
                select(Store.code, Store.name, func.coalesce(StockLevel.on_hand, 0))
                .outerjoin(StockLevel, (StockLevel.store_id == Store.id) & (StockLevel.item_id == item.id))
                .where(Store.deleted.is_(False), Store.active.is_(True))
                .order_by(Store.code)
            )
        )
        recent = uow.session.execute(
            select(
                Store.code,
                StockMovement.at,
                StockMovement.kind,
                StockMovement.quantity,
                func.coalesce(User.email, ""),
                StockMovement.reference,
            )
            .join(Store, Store.id == StockMovement.store_id)
            .outerjoin(User, User.id == StockMovement.user_id)
            .where(StockMovement.item_id == item.id)
            .order_by(StockMovement.at.desc(), StockMovement.id.desc())
            .limit(last)
        )
        movements = tuple(
            MovementRow(code, item.sku, item.name, at, kind, qty, None, email, ref)
            for code, at, kind, qty, email, ref in recent
        )
        category = paths.get(item.category_id, UNCATEGORISED) if item.category_id else UNCATEGORISED
        return ItemCard(
            ItemId(item.id),
            item.sku,
            item.name,
            item.description,
            category,
            supplier,
            item.unit,
            item.cost_price,
            item.sell_price,
            item.reorder_point,
            item.reorder_qty,
            item.active,
            tuple((c, s) for c, s in barcodes),
            tuple((c, n, Decimal(q)) for c, n, q in stock),
            movements,
        )


# --- resolving what a person typed ---------------------------------------------------------------


def stores_named(uow: UnitOfWork, code: str | None = None) -> list[tuple[StoreId, str, str]]:
    """(id, code, name) of the store with `code` (case-insensitive), or of every live store."""
    with uow:
        query = select(Store.id, Store.code, Store.name).where(Store.deleted.is_(False)).order_by(Store.code)
        if code is not None:
            query = query.where(func.lower(Store.code) == code.strip().lower())
        found = [(StoreId(sid), c, n) for sid, c, n in uow.session.execute(query)]
        if code is not None and not found:
            raise NotFound("store", code)
        return found


def user_id_by_email(uow: UnitOfWork, email: str) -> UserId:
    with uow:
        found = uow.session.scalar(select(User.id).where(User.email_key == email.strip().lower()))
        if found is None:
            raise NotFound("user", email)
        return UserId(found)


def item_id_by_sku(uow: UnitOfWork, sku: str) -> ItemId:
    with uow:
        found = uow.session.scalar(select(Item.id).where(Item.sku == sku.strip()))
        if found is None:
            raise NotFound("item", sku)
        return ItemId(found)
