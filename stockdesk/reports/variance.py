"""Stocktake variance: what the books said at the start of a count, what was counted, and the difference
in quantity and in value (at the cost frozen when the stocktake started), per item, with totals.

The numbers are exactly those of `services.stocktake.variance`, the figures the posting screen shows
and the count movements post, so the report's grand totals equal the service's totals.

Items nobody counted are listed in a section of their own: they are left unchanged when the stocktake
is posted (unless the person posting chose "uncounted as zero"), so their difference is 0 here.

A stocktake by location lists its places (item, location, lot) location by location, each location a
section with its subtotal, so the person posting sees which shelf the difference is on.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal

from stockdesk.i18n.wording import ENGLISH, Wording
from stockdesk.reports.formatters import money, quantity, unit_price
from stockdesk.reports.model import Column, ReportMeta, Section
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
from stockdesk.services.inventory import stocktake
from stockdesk.services.inventory.stocktake_queries import StocktakeSummary, stocktake_for_report

TITLE = "Stocktake variance"
NOT_COUNTED = "not counted"


def counted_text(value: Decimal | None, wording: Wording = ENGLISH) -> str:
    return wording(NOT_COUNTED) if value is None else quantity(value, wording)


COLUMNS = [
    Column("sku", "SKU", 24),
    Column("name", "Item", 54),
    Column("expected", "Expected", 17, "right", quantity),
    Column("counted", "Counted", 17, "right", counted_text),
    Column("difference", "Difference", 18, "right", quantity, total=True),
    Column("unit_cost", "Unit cost", 18, "right", unit_price),
    Column("value_difference", "Value diff.", 22, "right", money, total=True),
]


PLACE_COLUMNS = [
    Column("location", "Location", 20),
    Column("sku", "SKU", 22),
    Column("name", "Item", 42),
    Column("lot", "Lot", 16),
    *COLUMNS[2:],
]


def _place_sections(lines: list[stocktake.VarianceLine], w: Wording) -> Iterator[Section]:
    counted = [line for line in lines if line.counted is not None]
    missing = [line for line in lines if line.counted is None]
    for location, group in itertools.groupby(counted, key=lambda line: line.location):
        places = list(group)
        where = location or w("Unplaced")
        yield Section(w("{location} ({places})", location=where, places=_places(len(places), w)), places)
    if missing:
        title = w("Not counted ({places}, left unchanged)", places=_places(len(missing), w))
        yield Section(title, missing, subtotal=False)


def _places(count: int, w: Wording) -> str:
    return w.count(count, "{count} place", "{count} places")


def _sections(lines: list[stocktake.VarianceLine], w: Wording) -> Iterator[Section]:
    counted = [line for line in lines if line.counted is not None]
    missing = [line for line in lines if line.counted is None]
    yield Section(w("Counted ({items})", items=_items(len(counted), w)), counted)
    if missing:
        title = w("Not counted ({items}, left unchanged)", items=_items(len(missing), w))
        yield Section(title, missing, subtotal=False)


def _items(count: int, w: Wording) -> str:
    return w.count(count, "{count} item", "{count} items")


def _meta(context: ReportContext, take: StocktakeSummary) -> ReportMeta:
    # The page header has room for about 40 characters here; the counts are in the section titles.
    w = context.wording
    if take.posted_at is None:
        state = w("open") if take.status == "open" else take.status  # posted ones have posted_at
    else:
        state = w("posted {day}", day=w.date(take.posted_at.astimezone()))
    period = w("Started {at} · {state}", at=w.moment(take.started_at.astimezone()), state=state)
    by = context.actor.name or context.actor.email
    store = [f"{take.store_code} {take.store_name}"]
    return ReportMeta(w(TITLE), store, period, by, context.generated_at)


def resolve(context: ReportContext) -> StocktakeSummary:
    """The chosen stocktake, or the latest of the chosen store(s).

    `context.store_ids` is already narrowed to a clerk's own stores, so a clerk cannot reach another
    store's count by naming its id.
    """
    return stocktake_for_report(context.db.uow(), context.options.stocktake, store_ids=context.store_ids)


def build(context: ReportContext) -> BuiltReport:
    take = resolve(context)
    result = stocktake.variance(context.db.uow(), take.id)
    if result.by_place:
        document = ReportDocument(_meta(context, take), PLACE_COLUMNS, wording=context.wording)
        return BuiltReport(document, _place_sections(result.lines, context.wording))
    document = ReportDocument(_meta(context, take), COLUMNS, wording=context.wording)
    return BuiltReport(document, _sections(result.lines, context.wording))
