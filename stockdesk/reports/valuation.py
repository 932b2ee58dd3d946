"""Inventory valuation by store and category, at cost and at sell price, as of a date; with
`by_location`, a store that has locations by location instead (its stock at no location last)."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterator
from datetime import date

from stockdesk.reports.formatters import money, quantity, unit_price
from stockdesk.reports.model import Column, Section
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
from stockdesk.services.exchange.place_report_queries import stores_with_locations, valuation_by_location_rows
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


def sections(
    rows: Iterator[ValuationRow], title: Callable[[ValuationRow], str] = section_title
) -> Iterator[Section]:
    """One section per store and category (per location in a store valued by location); the row
    stream is already in that order."""
    for heading, group in itertools.groupby(rows, key=title):
        yield Section(heading, group)


def build(context: ReportContext) -> BuiltReport:
    as_of = context.options.as_of or date.today()
    until = as_instant(as_of)
    w = context.wording
    meta = context.meta(w(TITLE), w("As of {day} (end of day)", day=w.date(as_of)))
    by_category = valuation_rows(context.db.uow(), until=until, store_ids=context.store_ids)
    if not context.options.by_location:
        return BuiltReport(ReportDocument(meta, COLUMNS, wording=w), sections(by_category))
    # A store with locations is valued location by location instead of by category (both would say
    # the same money twice); the others by category as always.
    placed = stores_with_locations(context.db.uow(), context.store_ids)
    by_location = valuation_by_location_rows(context.db.uow(), until=until, stores=placed)
    codes = {row.store_code for row in by_location}
    rows = heapq.merge(
        (row for row in by_category if row.store_code not in codes),
        by_location,
        key=lambda row: row.store_code,
    )

    def title(row: ValuationRow) -> str:
        if row.store_code in codes:
            return f"{row.store_code} {row.store_name} · {row.category or w('No location')}"
        return section_title(row)

    return BuiltReport(ReportDocument(meta, COLUMNS, wording=w), sections(rows, title))
