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

import math
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from sqlalchemy import (
    Select,
    String,
    func,
    select,
    type_coerce,
)

from stockdesk.db.id_lists import id_in
from stockdesk.db.models import Item, StockLevel, Store, Supplier
from stockdesk.db.planning_models import PurchaseOrder, PurchaseOrderLine
from stockdesk.db.store_points_models import StoreReorderPoint
from stockdesk.domain import forecast as fc
from stockdesk.domain import reorder as rules
from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.ids import ItemId, StoreId, SupplierId
from stockdesk.domain.messages import Message
from stockdesk.domain.numbers import QuantityInput, parse_quantity
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.domain.units import round_up_to_pack
from stockdesk.services.accounts import audit
from stockdesk.services.catalogue.packs import WHOLE_TABLE_FROM, purchase_factors
from stockdesk.services.gc_pause import collector_paused
from stockdesk.services.maintenance import settings
from stockdesk.services.planning import store_points
from stockdesk.services.planning.sales import SaleCells, forecast_cells, read_sale_cells
from stockdesk.services.uow import UnitOfWork

DEFAULT_LEAD_DAYS = 7
OPEN_PO = ("sent", "partial")
Key = tuple[uuid.UUID, uuid.UUID]


class SuggestionRow(NamedTuple):
    """One line of the suggestions table / CSV, with the reason in words.

    A tuple, not a frozen dataclass: a whole run at a million items makes 1.9 million of them, where a
    dataclass's field by field __init__ cost seconds and its per-object dict memory."""

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
    # Where `reorder_point` comes from: "store" (this store's own point), "item" (the item's point,
    # the same in every store) or "forecast" (none set: computed from sales).
    point_source: str = "forecast"
    review_period_days: Decimal = Decimal(0)
    target_level: Decimal = Decimal(0)

    @property
    def reason(self) -> str:
        """Why, in English; built when read (the page paints a screenful of a million lines)."""
        return rules.reason_text(rules.reason_parts(self))

    def reason_message(self) -> Message:
        """`reason` as a Message, for a reader of another language (a German purchase list)."""
        return rules.reason_message(rules.reason_parts(self))

    @property
    def reorder_point_set_by_manager(self) -> bool:
        return self.point_source != "forecast"


class _Target(NamedTuple):
    """What a line is made from, read per (item, store). A tuple: built 1.9 million times in a whole
    run at a million items, where a frozen dataclass's field by field __init__ cost seconds."""

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
    store_point: bool = False  # the store has its own reorder point for the item


def _targets(uow: UnitOfWork, store_id: uuid.UUID | None, items: list[uuid.UUID] | None) -> list[_Target]:
    """Every live (item, store) level to plan, in the page's order: store code, then SKU.

    Read in SKU order alone, each item once with its levels, and sorted into stores here: ordered by
    store first, SQLite scanned the item index once per store (3 million look-ups of a million items
    for 1.9 million lines). Stores and suppliers, a handful of rows, are joined here by the raw
    value of their id, as the driver hands it, without building a UUID to look them up."""
    sku = Item.sku
    if uow.dialect == "postgresql":
        # Byte order, as SQLite and Python compare texts: an incremental run puts its changed lines
        # among the kept ones in Python, and must find the places a full run gives them.
        sku = Item.sku.collate("C")  # type: ignore[assignment]
    stores = {
        raw: (store, code)
        for raw, store, code in _plain_rows(
            uow, select(_raw(Store.id), Store.id, Store.code).where(Store.deleted.is_(False))
        )
    }
    suppliers = {
        raw: (supplier, name, lead if lead is not None else DEFAULT_LEAD_DAYS)
        for raw, supplier, name, lead in _plain_rows(
            uow, select(_raw(Supplier.id), Supplier.id, Supplier.name, Supplier.lead_time_days)
        )
    }
    query = (
        select(
            Item.id,
            Item.sku,
            Item.name,
            _raw(StockLevel.store_id),
            _raw(Item.supplier_id),
            # A store's own point and quantity override the item's (issue 17, item 6).
            func.coalesce(StoreReorderPoint.reorder_qty, Item.reorder_qty),
            func.coalesce(StoreReorderPoint.reorder_point, Item.reorder_point),
            Item.cost_price,
            StockLevel.on_hand,
            StoreReorderPoint.id,
        )
        .join(StockLevel, StockLevel.item_id == Item.id)
        .outerjoin(StoreReorderPoint, store_points.live_point_of(Item.id, StockLevel.store_id))
        .where(Item.active.is_(True), Item.deleted.is_(False))
        .order_by(sku)
    )
    if store_id is not None:
        query = query.where(StockLevel.store_id == store_id)
    if items is not None:
        query = query.where(id_in(uow.dialect, StockLevel.item_id, items))
    in_store: dict[Any, list[_Target]] = {raw: [] for raw in stores}
    none = (None, "", DEFAULT_LEAD_DAYS)
    for item, sku_text, name, raw_store, raw_supplier, multiple, point, cost, on_hand, own in _plain_rows(
        uow, query
    ):
        lines = in_store.get(raw_store)
        if lines is None:
            continue  # a deleted store's level
        store, code = stores[raw_store]
        supplier, supplier_name, lead = none if raw_supplier is None else suppliers.get(raw_supplier, none)
        lines.append(
            _Target(
                item,
                sku_text,
                name,
                store,
                code,
                supplier,
                supplier_name or "",
                lead,
                multiple if multiple > 0 else ONE,
                point,
                cost,
                on_hand,
                own is not None,
            )
        )
    return [line for raw in sorted(stores, key=lambda raw: stores[raw][1]) for line in in_store[raw]]


def _raw(column: Any) -> Any:
    """The column as the driver hands it (hex text in SQLite, a UUID from psycopg): a dict key."""
    return type_coerce(column, String)


def _plain_rows(uow: UnitOfWork, query: Select[Any]) -> Iterator[tuple[Any, ...]]:
    """The query's rows as converted tuples straight from the driver's cursor, each distinct raw value
    converted once: a store's id, a supplier, a price or a stock of 10 recur on most of a million lines,
    and ORM rows with a UUID and a Decimal built per cell cost 16 µs a line. Converted a column of a
    chunk at a time, so the per-cell work is a dict look-up in C, not a Python call."""
    dialect = uow.session.get_bind().dialect
    result = uow.session.connection().execute(query)
    cursor = result.cursor
    converters = [
        column.type.dialect_impl(dialect).result_processor(dialect, entry[1])
        for column, entry in zip(query.selected_columns, cursor.description, strict=True)
    ]
    memos: list[dict[Any, Any]] = [{None: None} for _ in converters]
    try:
        while chunk := cursor.fetchmany(50_000):
            columns = zip(*chunk, strict=True)
            yield from zip(*map(_converted, converters, memos, columns), strict=True)
    finally:
        result.close()


MEMO_LIMIT = 100_000


def _converted(convert: Any, memo: dict[Any, Any], values: tuple[Any, ...]) -> Iterable[Any]:
    """`values` converted, each distinct one once (`memo` keeps them across chunks; None stays None)."""
    if convert is None:
        return values
    if len(memo) > MEMO_LIMIT:
        # Started afresh: an item's id recurs only in its own few lines, and a memo of a million of them
        # grew by resizes that copied it whole, then was freed in one go, each a call that held the
        # interpreter for 0.1 s (the window's thread waits on it).
        memo.clear()
        memo[None] = None
    for value in set(values).difference(memo):
        memo[value] = convert(value)
    return map(memo.__getitem__, values)


def in_purchase_packs(uow: UnitOfWork, targets: list[_Target]) -> list[_Target]:
    """Targets whose item the supplier sells in packs order whole packs: the order multiple becomes
    the item's own multiple rounded up to whole packs (a case of 12, never 10 pieces)."""
    # Each item once, except for a whole catalogue, where every purchase pack is read anyway: a set of
    # a million ids (a Python hash call per UUID) cost more than the read.
    items: list[uuid.UUID] = [t.item_id for t in targets]
    if len(items) <= WHOLE_TABLE_FROM:
        items = list(set(items))
    factors = purchase_factors(uow, items)
    if not factors:
        return targets
    return [
        t._replace(multiple=round_up_to_pack(t.multiple, factors[t.item_id])) if t.item_id in factors else t
        for t in targets
    ]


def _point_source(t: _Target) -> str:
    if t.manager_point <= 0:
        return "forecast"  # no point set (or set to 0): the computed one applies
    return "store" if t.store_point else "item"


def on_order(
    uow: UnitOfWork, store_id: uuid.UUID | None = None, items: list[uuid.UUID] | None = None
) -> dict[Key, Decimal]:
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
    if items is not None:
        query = query.where(id_in(uow.dialect, PurchaseOrderLine.item_id, items))
    return {(item, store): Decimal(qty) for item, store, qty in uow.session.execute(query).tuples()}


def on_order_of(uow: UnitOfWork, store_id: StoreId | None = None) -> dict[Key, Decimal]:
    """`on_order` in a unit of work of its own (for callers outside a transaction)."""
    with uow:
        return on_order(uow, store_id)


class Watch(Protocol):
    """What a long calculation tells its caller: the stage it is at (`stage`: "reading stock", "reading
    sales", "forecasting", then "suggesting" with lines done of total), and whether to stop
    (`cancelled`, polled between stages and every CHECK_EVERY lines)."""

    def stage(self, name: str, done: int, total: int) -> None: ...

    def cancelled(self) -> bool: ...


CHECK_EVERY = 50_000


class CalculationCancelled(StockDeskError):
    """The person stopped the calculation; nothing was written (suggestions are only read)."""

    def __init__(self) -> None:
        super().__init__(Message("reorder.cancelled"))


def suggestions(
    uow: UnitOfWork,
    *,
    store_id: StoreId | None = None,
    as_of: datetime | None = None,
    only_orders: bool = False,
    watch: Watch | None = None,
) -> list[SuggestionRow]:
    """Forecast every (item, store) and suggest what to order, each line with its reason.

    With a `watch`, the stages are reported as they start and the lines as they are made; a cancel
    raises CalculationCancelled at the next check.
    """
    with collector_paused():
        return _suggestions(uow, store_id=store_id, as_of=as_of, only_orders=only_orders, watch=watch)


def checkpoint(watch: Watch | None, stage: str, done: int = 0, total: int = 0) -> None:
    if watch is None:
        return
    if watch.cancelled():
        raise CalculationCancelled()
    watch.stage(stage, done, total)


@dataclass(frozen=True)
class Inputs:
    """What a run reads from the database, in one transaction."""

    plan: settings.PlanningSettings
    targets: list[_Target]
    keys: list[Key]
    sales: SaleCells
    incoming: dict[Key, Decimal]


def read_inputs(
    uow: UnitOfWork,
    store: uuid.UUID | None,
    until: datetime,
    watch: Watch | None,
    items: list[uuid.UUID] | None = None,
) -> Inputs:
    """Targets, sales and orders of every (item, store), or of `items` only; `uow` is open."""
    plan = settings.read(uow)
    targets = in_purchase_packs(uow, _targets(uow, store, items))
    keys: list[Key] = [(t.item_id, t.store_id) for t in targets]
    checkpoint(watch, "reading sales", 0, len(keys))
    sales = read_sale_cells(uow, keys, days=plan.history_days, until=until, store_id=store, items=items)
    return Inputs(plan, targets, keys, sales, on_order(uow, store, items))


def _suggestions(
    uow: UnitOfWork,
    *,
    store_id: StoreId | None,
    as_of: datetime | None,
    only_orders: bool,
    watch: Watch | None,
) -> list[SuggestionRow]:
    checkpoint(watch, "reading stock")
    with uow:
        store = uow.get(Store, store_id, "store").id if store_id is not None else None
        inputs = read_inputs(uow, store, as_of or datetime.now(UTC), watch)
    return lines_of(inputs, only_orders, watch)


def lines_of(inputs: Inputs, only_orders: bool, watch: Watch | None) -> list[SuggestionRow]:
    """Forecast every key of `inputs` and make its line."""
    targets, keys, incoming, plan = inputs.targets, inputs.keys, inputs.incoming, inputs.plan
    checkpoint(watch, "forecasting", 0, len(keys))
    batch = _Forecasts.of(forecast_cells(inputs.sales))
    rules_of_run = _RunRules(rules.service_level_z(plan.service_level), Decimal(plan.review_period_days))
    rows: list[SuggestionRow] = []
    for start in range(0, len(targets), CHECK_EVERY):
        checkpoint(watch, "suggesting", start, len(targets))
        chunk = targets[start : start + CHECK_EVERY]
        # Looked up only where orders are open: a (UUID, UUID) key's hash is two Python calls a line.
        arriving = [ZERO] * len(chunk)
        if incoming:
            arriving = [incoming.get((t.item_id, t.store_id), ZERO) for t in chunk]
        made = [
            _row(t, batch, i, on_order_now, rules_of_run)
            for (i, t), on_order_now in zip(enumerate(chunk, start), arriving, strict=True)
        ]
        rows += [r for r in made if r.suggested_qty > 0] if only_orders else made
    release(targets)
    release(keys)  # the sales' row keys
    for column in (batch.methods, batch.mase, batch.rates, batch.sigmas):
        release(column)  # millions of floats and texts: freed at once, 0.7 s without a thread switch
    return rows


RELEASE_SLICE = 10_000  # 50,000 lines' objects took 20-30 ms to free


def release(lines: list[Any]) -> None:
    """Drop a big list a slice at a time. Freed at once, a million lines' objects are one long call
    that holds the interpreter (a window waiting on it froze 1.2 s); in slices, other threads run
    between them."""
    while lines:
        del lines[-RELEASE_SLICE:]


@dataclass(frozen=True)
class _Forecasts:
    """A forecast batch as plain Python values per row: reading a numpy scalar costs a microsecond,
    six of them per line were seconds at a million items and three stores."""

    methods: list[str]  # "sba α=0.10", as the page shows it
    mase: list[float | None]
    rates: list[float]
    sigmas: list[float]

    @classmethod
    def of(cls, batch: fc.ForecastBatch) -> _Forecasts:
        made = cls([], [], [], [])
        # A slice at a time: `tolist` of 1.9 million values is one call that holds the interpreter for
        # 40-80 ms, and the window waits on it for every event it handles meanwhile.
        for start in range(0, len(batch), CHECK_EVERY):
            part = slice(start, start + CHECK_EVERY)
            methods, alphas = batch.methods[part].tolist(), batch.alphas[part].tolist()
            made.methods.extend(
                method if math.isnan(alpha) else f"{method} α={alpha:.2f}"
                for method, alpha in zip(methods, alphas, strict=True)
            )
            made.mase.extend(None if math.isnan(value) else value for value in batch.mase[part].tolist())
            made.rates.extend(batch.rates[part].tolist())
            made.sigmas.extend(batch.sigmas[part].tolist())
        return made


class _RunRules(NamedTuple):
    """The planning settings as every line of a run uses them, worked out once."""

    z: float  # the service level's quantile
    review: Decimal  # the review period in days


ZERO, ONE = Decimal(0), Decimal(1)


def _row(t: _Target, batch: _Forecasts, i: int, incoming: Decimal, plan: _RunRules) -> SuggestionRow:
    rate, sigma = batch.rates[i], batch.sigmas[i]
    manager = t.manager_point if t.manager_point > 0 else None
    lead = Decimal(t.lead)
    if rate == 0.0 and sigma == 0.0:
        s = rules.suggest_without_demand(
            item_id=t.item_id,
            store_id=t.store_id,
            lead_time_days=lead,
            on_hand=t.on_hand,
            on_order=incoming,
            order_multiple=t.multiple,
            review_period_days=plan.review,
            manager_reorder_point=manager,
        )
        return _line(t, batch, i, s, rules.NONE)  # the computed point of no demand
    # What rules.suggest() checks holds here: the database's Decimals (a multiple above 0, see
    # _targets) and a forecast's finite, non-negative floats.
    s = rules.suggest_checked(
        t.item_id, t.store_id, rules.quantity(rate), sigma, lead, plan.review, t.multiple, t.on_hand,
        incoming, plan.z, manager,
    )
    # Without a manager's point, `suggest` computed this very point from the same figures.
    return _line(t, batch, i, s, s.reorder_point if manager is None else rules.computed_point(s))


def _line(
    t: _Target, batch: _Forecasts, i: int, s: rules.ReorderSuggestion, computed: Decimal
) -> SuggestionRow:
    return SuggestionRow(
        t.item_id,
        t.sku,
        t.name,
        t.store_id,
        t.store_code,
        t.supplier_id,
        t.supplier,
        batch.methods[i],
        batch.mase[i],
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
        _point_source(t),
        s.review_period_days,
        s.target_level,
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
        "point_source",
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
            r.point_source,
        ]
