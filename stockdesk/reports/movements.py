"""Movements in a period by store and item, each item between its opening and closing balance."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from reportlab.lib.pagesizes import A4, landscape

from stockdesk.reports.formatters import quantity
from stockdesk.reports.model import Column, Section
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
from stockdesk.services.report_queries import MovementFilter, MovementRow, day_start, movement_rows

TITLE = "Stock movements"
DEFAULT_DAYS = 30


def local_time(value: Any) -> str:
    """Movement times are stored in UTC; people read them in the desk's time zone."""
    return f"{value.astimezone():%Y-%m-%d %H:%M}" if isinstance(value, datetime) else ""


COLUMNS = [
    Column("at", "Date", 28, formatter=local_time),
    Column("sku", "SKU", 28),
    Column("name", "Item", 56),
    Column("kind", "Kind", 26),
    Column("quantity", "Quantity", 20, "right", quantity, total=True),
    Column("balance", "Balance", 20, "right", quantity),
    Column("user", "User", 44),
    Column("reference", "Reference", 45),
]


def period(context: ReportContext) -> tuple[date, date]:
    last = context.options.date_to or date.today()
    first = context.options.date_from or last - timedelta(days=DEFAULT_DAYS - 1)
    return first, last


def sections(rows: Iterator[MovementRow], names: dict[str, str]) -> Iterator[Section]:
    for code, group in itertools.groupby(rows, key=lambda r: r.store_code):
        yield Section(f"{code} {names.get(code, '')}".strip(), group)


def build(context: ReportContext, movement_filter: MovementFilter,
          store_names: dict[str, str]) -> BuiltReport:
    first, last = period(context)
    rows = movement_rows(context.db.uow(), movement_filter)
    chosen = [f"kind {context.options.kind}"] if context.options.kind else []
    chosen += [f"user {context.options.user}"] if context.options.user else []
    chosen += [f"item {context.options.sku}"] if context.options.sku else []
    suffix = f" · {', '.join(chosen)}" if chosen else ""
    meta = context.meta(TITLE, f"{first.isoformat()} to {last.isoformat()}{suffix}")
    # Landscape: eight columns of dates, codes and e-mail addresses do not fit across A4 upright.
    return BuiltReport(ReportDocument(meta, COLUMNS, pagesize=landscape(A4)), sections(rows, store_names))


def movement_filter(context: ReportContext, **ids: Any) -> MovementFilter:
    first, last = period(context)
    kinds = [context.options.kind] if context.options.kind else None
    end = day_start(last + timedelta(days=1))
    return MovementFilter(day_start(first), end, context.store_ids, kinds, **ids)
