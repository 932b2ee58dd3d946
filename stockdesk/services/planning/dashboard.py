"""The dashboard's figures, read in one go (the window runs this off the GUI thread).

Stock value per store adds up the valuation report's lines with the report's own rounding, in SQL
(see `store_values`), so it equals `report_queries.stock_value` and the report to the cent.
Every other figure is one aggregate query over an index (movement time, item/store/time).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Date, cast, func, select, text

from stockdesk.db.models import Item, StockMovement
from stockdesk.domain.ids import ItemId, StoreId
from stockdesk.services.catalogue import item_query, organisation
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.uow import UnitOfWork

IDLE_DAYS = 90
MOVER_DAYS = 30
CHART_DAYS = 30


@dataclass(frozen=True)
class StoreValue:
    store_id: StoreId
    code: str
    name: str
    value: Decimal


@dataclass(frozen=True)
class Mover:
    item_id: ItemId
    sku: str
    name: str
    sold: Decimal


@dataclass(frozen=True)
class DayFlow:
    day: date
    sold: Decimal
    received: Decimal


@dataclass(frozen=True)
class Dashboard:
    store_values: list[StoreValue]
    low_stock_items: int
    idle_items: int
    top_movers: list[Mover]
    daily: list[DayFlow]


def dashboard(uow_factory: Callable[[], UnitOfWork], *, now: datetime | None = None) -> Dashboard:
    """All figures; `uow_factory` is `db.uow` (each query gets its own short unit of work)."""
    make = uow_factory
    now = now or datetime.now(UTC)
    return Dashboard(
        store_values=store_values(make),
        low_stock_items=low_stock_count(make()),
        idle_items=idle_items(make(), since=now - timedelta(days=IDLE_DAYS)),
        top_movers=top_movers(make(), since=now - timedelta(days=MOVER_DAYS)),
        daily=daily_flows(make(), since=now - timedelta(days=CHART_DAYS)),
    )


def store_values(uow_factory: Callable[[], UnitOfWork]) -> list[StoreValue]:
    """Stock value at cost per store, computed in SQL exactly as the valuation report adds it up.

    The report values each (item, store) line as cents(on_hand x cost_price), half-up, and sums the
    lines (report_queries.valuation_rows); reading its two million lines into Python took 30 s at a
    million items, so the same rounding is done in the database: scaled integers on SQLite (on-hand
    in thousandths x cost in ten-thousandths = 10**-7, rounded half away from zero to 10**-2),
    round(numeric, 2) on PostgreSQL (also half away from zero). Tests compare it with
    `report_queries.stock_value` on both databases.
    """
    uow = uow_factory()
    stores = organisation.list_stores(uow_factory())
    with uow:
        if uow.dialect == "sqlite":
            product = "(l.on_hand * i.cost_price)"
            line = (
                f"CASE WHEN {product} >= 0 THEN ({product} + 50000) / 100000 "
                f"ELSE -((-{product} + 50000) / 100000) END"
            )
        else:
            line = "round(l.on_hand * i.cost_price, 2)"
        # SQLite reads a CROSS JOIN in the order written: the items in one pass, each one's few level
        # rows by the key's index (at a million items 3 s), instead of looking up an item for each of
        # two million level rows (9 s). PostgreSQL plans the join itself.
        join = "item i CROSS JOIN stock_level l" if uow.dialect == "sqlite" else "item i JOIN stock_level l"
        sql = (
            f"SELECT l.store_id, sum({line}) FROM {join} ON l.item_id = i.id "
            "WHERE l.on_hand <> 0 GROUP BY l.store_id"
        )
        raw = {_store_key(store_id): total for store_id, total in uow.session.execute(text(sql))}
    totals = {s.id: _cents(uow, raw.get(s.id)) for s in stores}
    return [StoreValue(s.id, s.code, s.name, totals[s.id]) for s in stores]


def _store_key(value: uuid.UUID | str) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _cents(uow: UnitOfWork, raw: int | Decimal | None) -> Decimal:
    if raw is None:
        return Decimal("0.00")
    if uow.dialect == "sqlite":
        return Decimal(int(raw)).scaleb(-2)
    return Decimal(raw).quantize(Decimal("0.01"))


def low_stock_count(uow: UnitOfWork) -> int:
    """Items at or below their reorder point in any store (the items table's low-stock filter)."""
    return item_query.count_items(uow, ItemFilter(low_stock=True))


def idle_items(uow: UnitOfWork, *, since: datetime) -> int:
    """Active items with no movement at or after `since` (in any store).

    Counted as the live items less those among them that moved: a NOT EXISTS per item probed the
    ledger a million times at a million items (5 s on SQLite); the recent movements are few."""
    live = (Item.deleted.is_(False), Item.active.is_(True))
    # The distinct ids first: joined the other way round, SQLite probed the ledger once per item again.
    recent = select(StockMovement.item_id).where(StockMovement.at >= since).distinct().subquery()
    moved = select(func.count()).select_from(recent).join(Item, Item.id == recent.c.item_id).where(*live)
    with uow:
        items = int(uow.session.scalar(select(func.count()).select_from(Item).where(*live)) or 0)
        return items - int(uow.session.scalar(moved) or 0)


def top_movers(uow: UnitOfWork, *, since: datetime, limit: int = 10) -> list[Mover]:
    """Items by units sold since `since` (sales net of their reversals), most first."""
    sold = func.sum(-StockMovement.quantity).label("sold")
    recent = (
        select(StockMovement.item_id, sold)
        .where(StockMovement.at >= since, StockMovement.kind == "sale")
        .group_by(StockMovement.item_id)
        .order_by(sold.desc())
        .limit(limit)
        .subquery()
    )
    query = select(Item.id, Item.sku, Item.name, recent.c.sold).join(recent, recent.c.item_id == Item.id)
    with uow:
        rows = uow.session.execute(query.order_by(recent.c.sold.desc(), Item.sku)).all()
    return [Mover(ItemId(r.id), r.sku, r.name, _quantity(uow, r.sold)) for r in rows]


def daily_flows(uow: UnitOfWork, *, since: datetime) -> list[DayFlow]:
    """Units sold and received per day (UTC days) since `since`, days without movement included."""
    day = cast(StockMovement.at, Date) if uow.dialect == "postgresql" else func.date(StockMovement.at)
    query = (
        select(day.label("day"), StockMovement.kind, func.sum(StockMovement.quantity))
        .where(StockMovement.at >= since, StockMovement.kind.in_(("sale", "receive")))
        .group_by(day, StockMovement.kind)
    )
    totals: dict[date, dict[str, Decimal]] = {}
    with uow:
        for when, kind, quantity in uow.session.execute(query):
            key = when if isinstance(when, date) else date.fromisoformat(str(when))
            totals.setdefault(key, {})[kind] = _quantity(uow, quantity)
    first = since.astimezone(UTC).date()
    days = [first + timedelta(days=n) for n in range((datetime.now(UTC).date() - first).days + 1)]
    return [
        DayFlow(d, -totals.get(d, {}).get("sale", Decimal(0)), totals.get(d, {}).get("receive", Decimal(0)))
        for d in days
    ]


def _quantity(_uow: UnitOfWork, raw: Decimal | None) -> Decimal:
    """A SUM keeps the Quantity column type, so it is already a Decimal; None when nothing matched."""
    return raw if isinstance(raw, Decimal) else Decimal(0)
