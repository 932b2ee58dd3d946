"""Stocktake sheet: the items each store carries, with barcode and a blank column to write the count.

The sheet is blind (no expected quantity): counters who see the book figure tend to find it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from stockdesk.i18n.wording import ENGLISH, Wording
from stockdesk.reports.model import Column, Section
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
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


def sections(rows: Iterator[StocktakeRow]) -> Iterator[Section]:
    def title(row: StocktakeRow) -> str:
        return f"{row.store_code} {row.store_name} · {row.category}"

    for heading, group in itertools.groupby(rows, key=title):
        yield Section(heading, group, subtotal=False)


def build(context: ReportContext) -> BuiltReport:
    rows = stocktake_rows(context.db.uow(), store_ids=context.store_ids)
    w = context.wording
    printed = w("Printed {at} · counted by: ____________", at=w.moment(context.generated_at))
    meta = context.meta(w(TITLE), printed)
    return BuiltReport(ReportDocument(meta, COLUMNS, wording=w), sections(rows))
