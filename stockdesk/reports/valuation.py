"""Inventory valuation by store and category, at cost and at sell price, as of a date."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date

from stockdesk.reports.formatters import money, quantity, unit_price
from stockdesk.reports.model import Column, Section
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
from stockdesk.services.exchange.report_queries import ValuationRow, as_instant, valuation_rows

TITLE = "Inventory valuation"

COLUMNS = [
    Column("sku", "SKU", 24),
    Column("name", "Item", 58),
    Column("on_hand", "On hand", 16, "right", quantity),
    Column("unit_cost", "Unit cost", 18, "right", unit_price),
    Column("cost_value", "Value at cost", 24, "right", money, total=True),
    Column("sell_price", "Sell price", 18, "right", unit_price),
    Column("sell_value", "Value at sell", 24, "right", money, total=True),
]


def section_title(row: ValuationRow) -> str:
    return f"{row.store_code} {row.store_name} · {row.category}"


def sections(rows: Iterator[ValuationRow]) -> Iterator[Section]:
    """One section per store and category; the row stream is already in that order."""
    for title, group in itertools.groupby(rows, key=section_title):
        yield Section(title, group)


def build(context: ReportContext) -> BuiltReport:
    as_of = context.options.as_of or date.today()
    rows = valuation_rows(context.db.uow(), until=as_instant(as_of), store_ids=context.store_ids)
    w = context.wording
    meta = context.meta(w(TITLE), w("As of {day} (end of day)", day=w.date(as_of)))
    return BuiltReport(ReportDocument(meta, COLUMNS, wording=w), sections(rows))
