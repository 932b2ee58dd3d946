"""Low stock and reorder list: what is at or below its reorder point, with a suggested quantity."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from stockdesk.reports.formatters import money, quantity, text
from stockdesk.reports.model import Column, Section
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
from stockdesk.reports.valuation import unit_price
from stockdesk.services.report_queries import LowStockRow, cents, low_stock_rows

TITLE = "Low stock and reorder list"
COLUMNS = [
    Column("sku", "SKU", 22),
    Column("name", "Item", 52),
    Column("supplier", "Supplier", 30),
    Column("on_hand", "On hand", 15, "right", quantity),
    Column("reorder_point", "Reorder pt", 16, "right", quantity),
    Column("suggested_qty", "Suggested", 16, "right", quantity),
    Column("unit_cost", "Unit cost", 18, "right", unit_price),
    Column("order_value", "Order value", 22, "right", money, total=True),
]


class ReorderLine(NamedTuple):
    store_code: str
    store_name: str
    sku: str
    name: str
    supplier: str
    on_hand: Decimal
    reorder_point: Decimal
    suggested_qty: Decimal
    unit_cost: Decimal
    order_value: Decimal


def suggested_quantity(row: LowStockRow) -> Decimal:
    """At least the item's reorder quantity, and always enough to lift stock back to the reorder point.

    Deliberately simple and explainable on paper; the forecast-based suggestions of the reorder
    screen take lead times and demand into account.
    """
    shortfall = row.reorder_point - row.on_hand
    return max(row.reorder_qty, shortfall, Decimal(0))


def lines(rows: Iterator[LowStockRow]) -> Iterator[ReorderLine]:
    for row in rows:
        qty = suggested_quantity(row)
        yield ReorderLine(row.store_code, row.store_name, row.sku, row.name, row.supplier, row.on_hand,
                          row.reorder_point, qty, row.unit_cost, cents(qty * row.unit_cost))


def sections(rows: Iterator[ReorderLine]) -> Iterator[Section]:
    for title, group in itertools.groupby(rows, key=lambda r: f"{r.store_code} {r.store_name}"):
        yield Section(title, group)


def build(context: ReportContext) -> BuiltReport:
    rows = lines(low_stock_rows(context.db.uow(), store_ids=context.store_ids))
    meta = context.meta(TITLE, f"Stock on {text(context.generated_at)}")
    return BuiltReport(ReportDocument(meta, COLUMNS), sections(rows))
