"""Reorder suggestions for every item and store: daily sales from the ledger -> forecast -> order quantity.

What is planned: every (item, store) with a stock level row (the item was stocked there once) whose
item is active. Inputs per row, and where they come from:

- daily demand: sale movements (net of reversed sales) per calendar day (UTC) over the last
  `history_days` days, zero days included -> `domain.forecast.forecast_many`;
- lead time: the item's supplier's `lead_time_days` (DEFAULT_LEAD_DAYS without a supplier);
- order multiple: `item.reorder_qty` read as the pack size the supplier sells in (0 -> 1);
- on order: open purchase-order lines (sent or partly received), ordered minus received;
- reorder point: the store's own point (store_reorder_point), else the item's `reorder_point`, when set
  (> 0), else the computed one;
  `computed_reorder_point` is always shown too, and `apply_reorder_points` copies it to items.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    String,
    Text,
    cast,
    func,
    literal,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.orm import InstrumentedAttribute

from stockdesk.db.models import Item, StockLevel, StockMovement, Store, Supplier
from stockdesk.db.planning_models import PurchaseOrder, PurchaseOrderLine
from stockdesk.db.store_points_models import StoreReorderPoint
from stockdesk.domain import forecast as fc
from stockdesk.domain import reorder as rules
from stockdesk.domain.ids import ItemId, StoreId, SupplierId
from stockdesk.domain.numbers import QuantityInput, parse_quantity
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.accounts import audit
from stockdesk.services.gc_pause import collector_paused
from stockdesk.services.maintenance import settings
from stockdesk.services.uow import UnitOfWork

DEFAULT_LEAD_DAYS = 7
OPEN_PO = ("sent", "partial")
Key = tuple[uuid.UUID, uuid.UUID]


@dataclass(frozen=True)
class SuggestionRow:
    """One line of the suggestions table / CSV, with the reason in words."""

    item_id: ItemId
    sku: str
    name: str
    store_id: StoreId
    store_code: str
    supplier_id: SupplierId | None
    supplier: str
    method: str
    mase: float | None
    daily_rate: Decimal
    lead_time_days: Decimal
    safety_stock: Decimal
    computed_reorder_point: Decimal
    reorder_point: Decimal
    on_hand: Decimal
    on_order: Decimal
    order_multiple: Decimal
    suggested_qty: Decimal
    unit_cost: Decimal
    reason: str


@dataclass(frozen=True)
class DailySales:
    """Items x days of units sold; row i belongs to keys[i]; day 0 is `first_day`.

    `starts[i]` is the first day on which the item was stocked in the store (its first movement):
    days before it are not "sold nothing", they are "did not exist", and must not make a new item look
    intermittent.
    """

    keys: list[Key]
    matrix: np.ndarray
    first_day: datetime
    starts: np.ndarray


@dataclass(frozen=True)
class _Target:
    item_id: ItemId
    sku: str
    name: str
    store_id: StoreId
    store_code: str
    supplier_id: SupplierId | None
    supplier: str
    lead: int
    multiple: Decimal
    manager_point: Decimal
    unit_cost: Decimal
    on_hand: Decimal


def _day_index(dialect: str, since: datetime) -> ColumnElement[int]:
    if dialect == "sqlite":
        naive = since.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
        return cast(func.julianday(StockMovement.at) - func.julianday(literal(naive)), Integer)
    seconds = func.extract("epoch", StockMovement.at - literal(since))
    return cast(func.floor(seconds / 86400), Integer)


def _units(dialect: str) -> ColumnElement[float | Decimal]:
    """Units moved as a float, without building a Decimal per row (SQLite stores thousandths).

    PostgreSQL sums per day (a hash aggregate, and fewer rows on the wire); SQLite hands back each
    movement and numpy sums them: its GROUP BY sorts every row of the window, which took longer
    than reading the rows twice over.
    """
    if dialect == "sqlite":
        return type_coerce(StockMovement.quantity, Float) / 1000.0
    return cast(func.sum(StockMovement.quantity), Float)


def _key_text(dialect: str) -> ColumnElement[str]:
    """(item, store) as one text value, so a result row maps to its matrix row with one dict lookup
    and no UUID is built per row (SQLite keeps Uuid columns as hex text already)."""
    if dialect == "sqlite":
        return type_coerce(StockMovement.item_id, String) + type_coerce(StockMovement.store_id, String)
    return cast(StockMovement.item_id, Text) + cast(StockMovement.store_id, Text)


def _key_of(dialect: str, key: Key) -> str:
    return key[0].hex + key[1].hex if dialect == "sqlite" else f"{key[0]}{key[1]}"


CHUNK_ROWS = 200_000  # result rows turned into numpy arrays at a time


def read_daily_sales(
    uow: UnitOfWork, keys: list[Key], *, days: int, until: datetime, store_id: uuid.UUID | None = None
) -> DailySales:
    """Daily units sold for `keys` over the `days` days before `until` (one query).

    Rows are read in chunks of plain values (text key, day number, units as a float) and summed into
    the matrix with numpy, never as one Python object per sale.
    """
    first_day = (until - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)
    end = first_day + timedelta(days=days)
    position = {key: row for row, key in enumerate(keys)}
    by_text = {_key_of(uow.dialect, key): row for key, row in position.items()}
    matrix = np.zeros((len(keys), days))
    day = _day_index(uow.dialect, first_day).label("day")
    at: ColumnElement[datetime] | InstrumentedAttribute[datetime] = StockMovement.at
    store: ColumnElement[uuid.UUID] | InstrumentedAttribute[uuid.UUID] = StockMovement.store_id
    if uow.dialect == "sqlite":
        # Nearly every row of the window is read: one table scan beats one index lookup per row, but
        # SQLite picks the `at` (or store, kind, at) index unless the terms hide it ("+column" is
        # SQLite's no-op for that).
        at = type_coerce(literal_column("+stock_movement.at"), StockMovement.at.type)
        store = type_coerce(literal_column("+stock_movement.store_id"), StockMovement.store_id.type)
    query = select(_key_text(uow.dialect), day, _units(uow.dialect)).where(
        StockMovement.kind == "sale", at >= first_day, at < end
    )
    if uow.dialect != "sqlite":
        query = query.group_by(StockMovement.item_id, StockMovement.store_id, day)
    if store_id is not None:
        query = query.where(store == store_id)
    result = uow.session.connection().execute(query)
    # The DBAPI cursor of the result: plain tuples, since a Row per sale cost as much as the scan.
    with collector_paused():
        _sum_into(matrix, result.cursor, by_text, days)
    result.close()
    np.maximum(matrix, 0, out=matrix)  # a day of net returns is not negative demand
    return DailySales(keys, matrix, first_day, _starts(uow, position, first_day, days, store_id))


def _sum_into(matrix: np.ndarray, cursor: Any, by_text: dict[str, int], days: int) -> None:
    while chunk := cursor.fetchmany(CHUNK_ROWS):
        texts, indexes, units = zip(*chunk, strict=True)
        rows = np.fromiter((by_text.get(t, -1) for t in texts), dtype=np.int64, count=len(texts))
        cols = np.array(indexes, dtype=np.int64)
        wanted = (rows >= 0) & (cols >= 0) & (cols < days)
        # Sales are negative movements; add.at sums several sales of one key on one day.
        np.add.at(matrix, (rows[wanted], cols[wanted]), -np.array(units, dtype=np.float64)[wanted])


def _starts(
    uow: UnitOfWork, position: dict[Key, int], first_day: datetime, days: int, store_id: uuid.UUID | None
) -> np.ndarray:
    """Day index of each key's first movement (0 when it predates the window)."""
    starts = np.zeros(len(position), dtype=np.int64)
    first = func.min(StockMovement.at)
    query = select(StockMovement.item_id, StockMovement.store_id, first).group_by(
        StockMovement.item_id, StockMovement.store_id
    )
    if store_id is not None:
        query = query.where(StockMovement.store_id == store_id)
    query = query.having(first >= first_day)
    for item, store, at in uow.session.execute(query).tuples():
        row = position.get((item, store))
        if row is not None:
            starts[row] = min(days, (at - first_day).days)
    return starts


def forecast_sales(sales: DailySales, *, bucket_days: int = 7) -> fc.ForecastBatch:
    """`forecast_many` over each row's own history (from its first stocked day), batched by length.

    Rows are grouped by history length rounded down to whole weeks, so a catalogue of items that
    started on many different days still runs as a few dozen vectorised batches.
    """
    m, n = sales.matrix.shape
    lengths = n - sales.starts
    lengths = np.where(lengths >= bucket_days, lengths - lengths % bucket_days, lengths)
    out = fc.ForecastBatch(
        methods=np.full(m, fc.Method.ZERO.value, dtype="<U7"),
        alphas=np.full(m, np.nan),
        rates=np.zeros(m),
        sigmas=np.zeros(m),
        mase=np.full(m, np.nan),
        zero_shares=np.ones(m),
        n_days=n,
    )
    for length in np.unique(lengths[lengths > 0]):  # no history yet: ZERO, rate 0
        rows = np.flatnonzero(lengths == length)
        part = fc.forecast_many(sales.matrix[rows, n - int(length) :])
        for name in ("methods", "alphas", "rates", "sigmas", "mase", "zero_shares"):
            getattr(out, name)[rows] = getattr(part, name)
    return out


def _targets(uow: UnitOfWork, store_id: uuid.UUID | None) -> list[_Target]:
    query = (
        select(
            Item.id,
            Item.sku,
            Item.name,
            Store.id,
            Store.code,
            Supplier.id,
            Supplier.name,
            Supplier.lead_time_days,
            # A store's own point and quantity override the item's (issue 17, item 6).
            func.coalesce(StoreReorderPoint.reorder_qty, Item.reorder_qty),
            func.coalesce(StoreReorderPoint.reorder_point, Item.reorder_point),
            Item.cost_price,
            StockLevel.on_hand,
        )
        .join(StockLevel, StockLevel.item_id == Item.id)
        .join(Store, Store.id == StockLevel.store_id)
        .outerjoin(Supplier, Supplier.id == Item.supplier_id)
        .outerjoin(
            StoreReorderPoint,
            (StoreReorderPoint.item_id == Item.id)
            & (StoreReorderPoint.store_id == StockLevel.store_id)
            & StoreReorderPoint.deleted.is_(False),
        )
        .where(Item.active.is_(True), Item.deleted.is_(False), Store.deleted.is_(False))
        .order_by(Store.code, Item.sku)
    )
    if store_id is not None:
        query = query.where(StockLevel.store_id == store_id)
    rows = uow.session.execute(query).tuples()
    return [
        _Target(
            item,
            sku,
            name,
            store,
            code,
            sup,
            sup_name or "",
            lead if lead is not None else DEFAULT_LEAD_DAYS,
            multiple if multiple > 0 else Decimal(1),
            point,
            cost,
            on_hand,
        )
        for item, sku, name, store, code, sup, sup_name, lead, multiple, point, cost, on_hand in rows
    ]


def on_order(uow: UnitOfWork, store_id: uuid.UUID | None = None) -> dict[Key, Decimal]:
    """Ordered but not yet received, per (item, store), over sent and partly received orders."""
    outstanding = func.sum(PurchaseOrderLine.quantity - PurchaseOrderLine.received)
    query = (
        select(PurchaseOrderLine.item_id, PurchaseOrder.store_id, outstanding)
        .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.order_id)
        .where(
            PurchaseOrder.status.in_(OPEN_PO),
            PurchaseOrder.deleted.is_(False),
            PurchaseOrderLine.deleted.is_(False),
            PurchaseOrderLine.received < PurchaseOrderLine.quantity,
        )
        .group_by(PurchaseOrderLine.item_id, PurchaseOrder.store_id)
    )
    if store_id is not None:
        query = query.where(PurchaseOrder.store_id == store_id)
    return {(item, store): Decimal(qty) for item, store, qty in uow.session.execute(query).tuples()}


def on_order_of(uow: UnitOfWork, store_id: StoreId | None = None) -> dict[Key, Decimal]:
    """`on_order` in a unit of work of its own (for callers outside a transaction)."""
    with uow:
        return on_order(uow, store_id)


def suggestions(
    uow: UnitOfWork,
    *,
    store_id: StoreId | None = None,
    as_of: datetime | None = None,
    only_orders: bool = False,
) -> list[SuggestionRow]:
    """Forecast every (item, store) and suggest what to order, each line with its reason."""
    with collector_paused():
        return _suggestions(uow, store_id=store_id, as_of=as_of, only_orders=only_orders)


def _suggestions(
    uow: UnitOfWork, *, store_id: StoreId | None, as_of: datetime | None, only_orders: bool
) -> list[SuggestionRow]:
    with uow:
        store = uow.get(Store, store_id, "store").id if store_id is not None else None
        plan = settings.read(uow)
        targets = _targets(uow, store)
        keys: list[Key] = [(t.item_id, t.store_id) for t in targets]
        sales = read_daily_sales(
            uow, keys, days=plan.history_days, until=as_of or datetime.now(UTC), store_id=store
        )
        incoming = on_order(uow, store)
    batch = forecast_sales(sales)
    rows = [
        _row(t, batch, i, incoming.get((t.item_id, t.store_id), Decimal(0)), plan)
        for i, t in enumerate(targets)
    ]
    return [r for r in rows if r.suggested_qty > 0] if only_orders else rows


def _row(
    t: _Target, batch: fc.ForecastBatch, i: int, incoming: Decimal, plan: settings.PlanningSettings
) -> SuggestionRow:
    rate, sigma = float(batch.rates[i]), float(batch.sigmas[i])
    s = rules.suggest(
        item_id=t.item_id,
        store_id=t.store_id,
        daily_rate=rate,
        daily_sigma=sigma,
        lead_time_days=t.lead,
        on_hand=t.on_hand,
        on_order=incoming,
        service_level=plan.service_level,
        order_multiple=t.multiple,
        review_period_days=plan.review_period_days,
        manager_reorder_point=t.manager_point if t.manager_point > 0 else None,
    )
    computed = rules.reorder_point(s.daily_rate, s.lead_time_days, s.safety_stock)
    mase = float(batch.mase[i])
    return SuggestionRow(
        t.item_id,
        t.sku,
        t.name,
        t.store_id,
        t.store_code,
        t.supplier_id,
        t.supplier,
        f"{batch.methods[i]}" + (f" α={batch.alphas[i]:.2f}" if not np.isnan(batch.alphas[i]) else ""),
        None if np.isnan(mase) else mase,
        s.daily_rate,
        s.lead_time_days,
        s.safety_stock,
        computed,
        s.reorder_point,
        s.on_hand,
        s.on_order,
        s.order_multiple,
        s.suggested_qty,
        t.unit_cost,
        s.reason,
    )


@dataclass(frozen=True)
class SalesHistory:
    """What the small chart shows: recent daily sales and the one-step forecast for each day."""

    days: tuple[datetime, ...]
    sales: tuple[float, ...]
    forecast: tuple[float, ...]
    method: str
    daily_rate: float


def history(
    uow: UnitOfWork, item_id: ItemId, store_id: StoreId, *, show_days: int = 56, as_of: datetime | None = None
) -> SalesHistory:
    """Recent sales against the forecast for one item in one store (for the suggestion's chart)."""
    with uow:
        item = uow.get(Item, item_id, "item")
        store = uow.get(Store, store_id, "store")
        plan = settings.read(uow)
        sales = read_daily_sales(
            uow,
            [(item.id, store.id)],
            days=plan.history_days,
            until=as_of or datetime.now(UTC),
            store_id=store.id,
        )
    result = fc.forecast(sales.matrix[0, int(sales.starts[0]) :])
    fitted = np.concatenate([np.zeros(int(sales.starts[0])), result.fitted])
    start = max(0, sales.matrix.shape[1] - show_days)
    days = tuple(sales.first_day + timedelta(days=d) for d in range(start, sales.matrix.shape[1]))
    return SalesHistory(
        days,
        tuple(sales.matrix[0, start:].tolist()),
        tuple(fitted[start:].tolist()),
        result.method.value,
        result.daily_rate,
    )


def apply_reorder_points(uow: UnitOfWork, actor: Actor, points: Mapping[ItemId, QuantityInput]) -> int:
    """Set items' reorder points (item id -> quantity), e.g. the computed ones a manager accepted.

    Every value is checked first: one negative or non-numeric point refuses the lot, naming it.
    """
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        cleaned = {
            uow.get(Item, item_id, "item"): parse_quantity("reorder_point", value, allow_zero=True)
            for item_id, value in points.items()
        }
        for item, point in cleaned.items():
            item.reorder_point = point
        audit.record(uow, actor, "item.reorder_points", "item", None, items=len(cleaned))
        uow.commit()
        return len(cleaned)


def csv_rows(rows: Iterable[SuggestionRow]) -> Iterable[list[str]]:
    """Header then one list of texts per suggestion, for `stockdesk reorder --out`."""
    yield [
        "sku",
        "name",
        "store",
        "supplier",
        "method",
        "mase",
        "daily_rate",
        "lead_time_days",
        "safety_stock",
        "computed_reorder_point",
        "reorder_point",
        "on_hand",
        "on_order",
        "order_multiple",
        "suggested_qty",
        "reason",
    ]
    for r in rows:
        yield [
            r.sku,
            r.name,
            r.store_code,
            r.supplier,
            r.method,
            "" if r.mase is None else f"{r.mase:.3f}",
            str(r.daily_rate),
            str(r.lead_time_days),
            str(r.safety_stock),
            str(r.computed_reorder_point),
            str(r.reorder_point),
            str(r.on_hand),
            str(r.on_order),
            str(r.order_multiple),
            str(r.suggested_qty),
            r.reason,
        ]
