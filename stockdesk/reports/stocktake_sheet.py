"""Stocktake sheet: the items each store carries, with barcode and a blank column to write the count.

The sheet is blind (no expected quantity): counters who see the book figure tend to find it.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator
from typing import Any

from stockdesk.i18n.wording import ENGLISH, Wording
from stockdesk.reports.model import Column, Section
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
from stockdesk.services.exchange.place_report_queries import stocktake_by_location_rows, stores_with_locations
from stockdesk.services.exchange.report_queries import StocktakeRow, stocktake_rows

TITLE = "Stocktake sheet"


def write_in(_value: Any, _wording: Wording = ENGLISH) -> str:
    """A line to write the counted quantity on; the CSV leaves the cell empty."""
    return "_" * 14


COLUMNS = [
    Column("sku", "SKU", 24),
    Column("name", "Item", 62),
    Column("barcode", "Barcode", 32),
    Column("unit", "Unit", 12),
    Column("counted", "Counted", 26, "left", write_in),
]
# When a store on the sheet keeps stock by location: its lines go shelf by shelf, each with its location.
LOCATION_COLUMNS = [
    Column("location", "Location", 34),
    Column("sku", "SKU", 24),
    Column("name", "Item", 50),
    Column("barcode", "Barcode", 30),
    Column("unit", "Unit", 12),
    Column("counted", "Counted", 26, "left", write_in),
]


def sections(rows: Iterator[StocktakeRow], no_location: str = "No location") -> Iterator[Section]:
    """Per store and category; a store with locations is one section in location order."""

    def title(row: StocktakeRow) -> str:
        if not row.category:  # a store with locations (place_report_queries)
            return f"{row.store_code} {row.store_name}"
        return f"{row.store_code} {row.store_name} · {row.category}"

    for heading, group in itertools.groupby(rows, key=title):
        lines = (row if row.location or row.category else row._replace(location=no_location) for row in group)
        yield Section(heading, lines, subtotal=False)


def build(context: ReportContext) -> BuiltReport:
    w = context.wording
    placed = stores_with_locations(context.db.uow(), context.store_ids)
    by_location = stocktake_by_location_rows(context.db.uow(), stores=placed)
    codes = {row.store_code for row in by_location}
    by_category = (
        row
        for row in stocktake_rows(context.db.uow(), store_ids=context.store_ids)
        if row.store_code not in codes
    )
    rows = heapq.merge(by_category, by_location, key=lambda row: row.store_code)
    printed = w("Printed {at} · counted by: ____________", at=w.moment(context.generated_at))
    meta = context.meta(w(TITLE), printed)
    columns = LOCATION_COLUMNS if placed else COLUMNS
    return BuiltReport(ReportDocument(meta, columns, wording=w), sections(rows, w("No location")))
