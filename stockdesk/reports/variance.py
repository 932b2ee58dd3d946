"""Stocktake variance: what the books said at the start of a count, what was counted, and the difference
in quantity and in value (at the cost frozen when the stocktake started), per item, with totals.

The numbers are exactly those of `services.stocktake.variance`, the figures the posting screen shows
and the count movements post, so the report's grand totals equal the service's totals.

Items nobody counted are listed in a section of their own: they are left unchanged when the stocktake
is posted (unless the person posting chose "uncounted as zero"), so their difference is 0 here.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from stockdesk.reports.formatters import money, quantity
from stockdesk.reports.model import Column, ReportMeta, Section
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
from stockdesk.reports.valuation import unit_price
from stockdesk.services.inventory import stocktake
from stockdesk.services.inventory.stocktake_queries import StocktakeSummary, stocktake_for_report

TITLE = "Stocktake variance"
NOT_COUNTED = "not counted"


def counted_text(value: Decimal | None) -> str:
    return NOT_COUNTED if value is None else quantity(value)


COLUMNS = [
    Column("sku", "SKU", 24),
    Column("name", "Item", 54),
    Column("expected", "Expected", 17, "right", quantity),
    Column("counted", "Counted", 17, "right", counted_text),
    Column("difference", "Difference", 18, "right", quantity, total=True),
    Column("unit_cost", "Unit cost", 18, "right", unit_price),
    Column("value_difference", "Value diff.", 22, "right", money, total=True),
]


def _sections(lines: list[stocktake.VarianceLine]) -> Iterator[Section]:
    counted = [line for line in lines if line.counted is not None]
    missing = [line for line in lines if line.counted is None]
    yield Section(f"Counted ({_items(len(counted))})", counted)
    if missing:
        yield Section(f"Not counted ({_items(len(missing))}, left unchanged)", missing, subtotal=False)


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _meta(context: ReportContext, take: StocktakeSummary) -> ReportMeta:
    # The page header has room for about 40 characters here; the counts are in the section titles.
    state = take.status if take.posted_at is None else f"posted {take.posted_at.astimezone():%Y-%m-%d}"
    period = f"Started {take.started_at.astimezone():%Y-%m-%d %H:%M} · {state}"
    by = context.actor.name or context.actor.email
    return ReportMeta(TITLE, [f"{take.store_code} {take.store_name}"], period, by, context.generated_at)


def resolve(context: ReportContext) -> StocktakeSummary:
    """The chosen stocktake, or the latest of the chosen store(s).

    `context.store_ids` is already narrowed to a clerk's own stores, so a clerk cannot reach another
    store's count by naming its id.
    """
    return stocktake_for_report(context.db.uow(), context.options.stocktake, store_ids=context.store_ids)


def build(context: ReportContext) -> BuiltReport:
    take = resolve(context)
    result = stocktake.variance(context.db.uow(), take.id)
    document = ReportDocument(_meta(context, take), COLUMNS)
    return BuiltReport(document, _sections(result.lines))
