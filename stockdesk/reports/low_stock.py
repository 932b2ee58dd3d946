"""Low stock and reorder list: what is at or below its reorder point, and what the planner says to order.

Quantities come from the reorder suggestions (`services.reorder`: forecast demand over the lead time,
safety stock, minus on hand and what is already on order from sent purchase orders), with the
suggestion's reason in words. The list holds every item at or below its reorder point, plus every item
the planner suggests ordering although no reorder point was set on it (its computed point applies).

An item the planner has no suggestion for falls back to the simple rule on paper: at least the item's
reorder quantity, and enough to lift on hand + on order back to the reorder point.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import NamedTuple

from reportlab.lib.pagesizes import A4, landscape

from stockdesk.domain.ids import StoreId
from stockdesk.domain.messages import Message
from stockdesk.domain.numbers import shortest
from stockdesk.i18n import translate
from stockdesk.i18n.wording import ENGLISH, Wording
from stockdesk.reports.formatters import money, quantity, unit_price
from stockdesk.reports.model import Column, Section
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
from stockdesk.services.exchange.report_queries import LowStockRow, cents, low_stock_rows, stores_named
from stockdesk.services.planning import reorder
from stockdesk.services.planning.reorder import SuggestionRow
from stockdesk.services.uow import UnitOfWork

TITLE = "Low stock and reorder list"
Key = tuple[uuid.UUID, uuid.UUID]  # (item, store)
# Quantities are stored with three decimals; written with the same scale, the CSV's columns read alike
# whichever source (stock level, purchase order, planner) a number came from.
_SCALE = Decimal("0.001")

def short_reason(value: str, wording: Wording = ENGLISH) -> str:
    """The reason as the PDF shows it, in the document's language: shorter ("Reorder pt" already gives
    the point) and in the standard fonts' encoding, which has no arrow (a cell outside it is drawn the
    slow way)."""
    said = translate(value, wording.language)
    return said.replace(wording(" (set by manager)"), wording(" (manager)")).replace(" → ", wording(", so "))


# Landscape A4 (267 mm of text width): the reason gets what the figures leave.
COLUMNS = [
    Column("sku", "SKU", 20),
    Column("name", "Item", 38),
    Column("supplier", "Supplier", 22),
    Column("on_hand", "On hand", 14.5, "right", quantity),
    Column("reorder_point", "Reorder pt", 17, "right", quantity),
    Column("on_order", "On order", 15, "right", quantity),
    Column("suggested_qty", "Suggested", 17, "right", quantity),
    Column("unit_cost", "Unit cost", 15, "right", unit_price),
    Column("order_value", "Order value", 19.5, "right", money, total=True),
    Column("reason", "Reason", 89, formatter=short_reason),
]


class ReorderLine(NamedTuple):
    store_code: str
    store_name: str
    sku: str
    name: str
    supplier: str
    on_hand: Decimal
    reorder_point: Decimal
    on_order: Decimal
    suggested_qty: Decimal
    unit_cost: Decimal
    order_value: Decimal
    reason: Message  # the PDF says it in the document's language


def suggested_quantity(row: LowStockRow, on_order: Decimal = Decimal(0)) -> Decimal:
    """The fallback rule: at least the reorder quantity, and enough to get back to the reorder point.

    Nothing when what is on order already lifts stock above the reorder point.
    """
    shortfall = row.reorder_point - (row.on_hand + on_order)
    if shortfall < 0:
        return Decimal(0)
    return max(row.reorder_qty, shortfall)


def _fallback(row: LowStockRow, on_order: Decimal) -> ReorderLine:
    qty = suggested_quantity(row, on_order).quantize(_SCALE)
    point, pack = shortest(row.reorder_point), shortest(row.reorder_qty)
    reason = Message("reorder.no_forecast", quantity=pack, point=point)
    return ReorderLine(row.store_code, row.store_name, row.sku, row.name, row.supplier, row.on_hand,
                       row.reorder_point, on_order.quantize(_SCALE), qty, row.unit_cost,
                       cents(qty * row.unit_cost), reason)


def _suggested(s: SuggestionRow, store_name: str) -> ReorderLine:
    qty = s.suggested_qty.quantize(_SCALE)
    return ReorderLine(s.store_code, store_name, s.sku, s.name, s.supplier, s.on_hand.quantize(_SCALE),
                       s.reorder_point.quantize(_SCALE), s.on_order.quantize(_SCALE), qty, s.unit_cost,
                       cents(qty * s.unit_cost), s.reason_message())


def lines(low: Iterable[LowStockRow], suggestions: Mapping[Key, SuggestionRow],
          on_order: Mapping[Key, Decimal], store_names: Mapping[str, str]) -> list[ReorderLine]:
    """Low-stock rows (with the planner's numbers where it has them) and the planner's other orders,
    by store code and SKU."""
    found: list[ReorderLine] = []
    listed: set[Key] = set()
    for row in low:
        key: Key = (row.item_id, row.store_id)
        listed.add(key)
        s = suggestions.get(key)
        found.append(_fallback(row, on_order.get(key, Decimal(0))) if s is None
                     else _suggested(s, row.store_name))
    for key, s in suggestions.items():
        if key not in listed and s.suggested_qty > 0:
            found.append(_suggested(s, store_names.get(s.store_code, "")))
    found.sort(key=lambda line: (line.store_code, line.sku))
    return found


def suggestions_for(uow: Callable[[], UnitOfWork], store_ids: Iterable[StoreId] | None
                    ) -> dict[Key, SuggestionRow]:
    """The planner's suggestion for every (item, store) of the given stores (None: all stores).

    One store at a time: the planner holds a matrix of items x days of sales, and a store's share of
    it is a fraction of the whole catalogue's (100,000 items in three stores: peak RSS 1 GiB at once).
    """
    stores = sorted(store_ids) if store_ids is not None else [sid for sid, _, _ in stores_named(uow())]
    found: dict[Key, SuggestionRow] = {}
    for store in stores:
        for s in reorder.suggestions(uow(), store_id=store):
            found[(s.item_id, s.store_id)] = s
    return found


def sections(rows: Iterable[ReorderLine]) -> Iterator[Section]:
    for title, group in itertools.groupby(rows, key=lambda r: f"{r.store_code} {r.store_name}"):
        yield Section(title, group)


def build(context: ReportContext) -> BuiltReport:
    uow = context.db.uow
    low = list(low_stock_rows(uow(), store_ids=context.store_ids))
    planned = suggestions_for(uow, context.store_ids)
    incoming = reorder.on_order_of(uow())
    names = {code: name for _, code, name in stores_named(uow())}
    rows = lines(low, planned, incoming, names)
    w = context.wording
    meta = context.meta(w(TITLE), w("Stock on {at}", at=w.moment(context.generated_at)))
    # Landscape: the reason needs the width a portrait page would cut to a few words.
    return BuiltReport(ReportDocument(meta, COLUMNS, pagesize=landscape(A4), wording=w), sections(rows))
