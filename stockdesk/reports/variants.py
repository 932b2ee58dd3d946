"""Stock of each template's variants per store, with the template's totals (issue 21: reports that
group by template)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from stockdesk.reports.formatters import money, quantity, unit_price
from stockdesk.reports.model import Column, Section
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
from stockdesk.services.exchange.report_queries import cents
from stockdesk.services.exchange.variant_report_queries import VariantStockRow, variant_stock_rows

TITLE = "Stock by template"

COLUMNS = [
    Column("sku", "SKU", 30),
    Column("values", "Variant", 40),
    Column("on_hand", "On hand", 18, "right", quantity),
    Column("cost_price", "Unit cost", 18, "right", unit_price),
    Column("cost_value", "Value at cost", 24, "right", money, total=True),
    Column("sell_value", "Value at sell", 24, "right", money, total=True),
]


def _lines(rows: Iterator[VariantStockRow]) -> Iterator[dict[str, object]]:
    for row in rows:
        yield {
            "sku": row.sku,
            "values": row.values,
            "on_hand": row.on_hand,
            "cost_price": row.cost_price,
            "cost_value": cents(row.on_hand * row.cost_price),  # per line, as the valuation rounds
            "sell_value": cents(row.on_hand * row.sell_price),
        }


def build(context: ReportContext) -> BuiltReport:
    w = context.wording
    rows = variant_stock_rows(context.db.uow(), store_ids=context.store_ids)

    def heading(row: VariantStockRow) -> str:
        return f"{row.template_sku} {row.template_name} · {row.store_code}"

    sections = (Section(title, _lines(group)) for title, group in itertools.groupby(rows, key=heading))
    meta = context.meta(w(TITLE), w("Variants with stock, by template and store"))
    return BuiltReport(ReportDocument(meta, COLUMNS, wording=w), sections)
