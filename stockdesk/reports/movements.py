"""Movements in a period by store and item, each item between its opening and closing balance."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from reportlab.lib.pagesizes import A4, landscape

from stockdesk.domain.cells import FORMULA_START, safe_cell
from stockdesk.domain.movements import MovementKind
from stockdesk.i18n.wording import ENGLISH, Wording
from stockdesk.reports import csv_writer
from stockdesk.reports.formatters import local_time, quantity
from stockdesk.reports.model import Column, PreparedSection, Section
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
from stockdesk.services.exchange.report_queries import day_start
from stockdesk.services.inventory.movement_queries import (
    CLOSING,
    OPENING,
    MovementFilter,
    StoreLines,
    safe_text,
    store_lines,
    typed_rows,
)

TITLE = "Stock movements"
DEFAULT_DAYS = 30
_RISKY = frozenset(FORMULA_START)  # first characters a spreadsheet would run as a formula


# A movement's kind is printed in English as stored, the word `--kind` takes; other languages translate it
# (and the lines that open and close each item's balance).
KINDS = frozenset({*(kind.value for kind in MovementKind), OPENING, CLOSING})


def kind_text(value: Any, wording: Wording = ENGLISH) -> str:
    return wording(value) if value in KINDS else ("" if value is None else str(value))


COLUMNS = [
    Column("at", "Date", 28, formatter=local_time),
    Column("sku", "SKU", 26),
    Column("name", "Item", 44),
    Column("kind", "Kind", 24, formatter=kind_text),
    Column("quantity", "Quantity", 19, "right", quantity, total=True),
    Column("balance", "Balance", 19, "right", quantity),
    Column("user", "User", 38),
    Column("reference", "Reference", 33),
    # Last, so a script reading the CSV by position before locations existed still finds its columns.
    Column("location", "Location", 20),
    Column("lot", "Lot", 20),
]


def period(context: ReportContext) -> tuple[date, date]:
    last = context.options.date_to or date.today()
    first = context.options.date_from or last - timedelta(days=DEFAULT_DAYS - 1)
    return first, last


def _title(store: StoreLines) -> str:
    return f"{store.code} {store.name}".strip()


def sections(stores: Iterator[StoreLines]) -> Iterator[Section]:
    """One section per store, rows typed for the PDF's formatters."""
    for store in stores:
        yield Section(_title(store), typed_rows(store))


def csv_sections(stores: Iterator[StoreLines]) -> Iterator[PreparedSection]:
    """The same lines as `sections`, turned straight into CSV text (a million of them in seconds)."""
    for store in stores:
        yield PreparedSection(_title(store), csv_lines(store), _totals_of(store))


def _totals_of(store: StoreLines) -> Callable[[], dict[str, Decimal]]:
    return lambda: {"quantity": store.total()}


def csv_lines(store: StoreLines) -> Iterator[tuple[str, ...]]:
    """Cells as csv_writer.csv_value would write the typed values: exact, ISO 8601, formula-safe.

    The loop body is the cost of a million-line CSV, so texts that repeat (item, user) are made safe
    once, not per line.
    """
    title, row = _title(store), csv_writer.ROW
    quantity_text, moment_text = store.codec.quantity_text, store.codec.moment_text
    item: str | None = None
    sku = name = ""
    users: dict[str, str] = {}
    for line_sku, line_name, at, kind, qty, balance, user, reference, location, lot in store.lines:
        if line_sku is not item:
            item = line_sku
            sku, name = safe_text(line_sku), safe_text(line_name)
        if reference and reference[0] in _RISKY:
            reference = safe_cell(reference)
        shown = users.get(user)
        if shown is None:
            shown = users[user] = safe_text(user)
        yield (title, row, moment_text(at), sku, name, kind, quantity_text(qty), quantity_text(balance),
               shown, reference, safe_text(location) if location else "", safe_text(lot) if lot else "")


def build(context: ReportContext, movement_filter: MovementFilter) -> BuiltReport:
    first, last = period(context)
    options, w = context.options, context.wording
    chosen = [w("kind {kind}", kind=kind_text(options.kind, w))] if options.kind else []
    chosen += [w("user {user}", user=options.user)] if options.user else []
    chosen += [w("item {sku}", sku=options.sku)] if options.sku else []
    suffix = f" · {', '.join(chosen)}" if chosen else ""
    meta = context.meta(w(TITLE), w("{first} to {last}", first=w.date(first), last=w.date(last)) + suffix)
    # Landscape: eight columns of dates, codes and e-mail addresses do not fit across A4 upright.
    document = ReportDocument(meta, COLUMNS, pagesize=landscape(A4), wording=w)
    # Two lazy streams; only the one the chosen format reads ever runs its queries.
    return BuiltReport(document, sections(store_lines(context.db.uow(), movement_filter)),
                       csv_sections(store_lines(context.db.uow(), movement_filter)))


def movement_filter(context: ReportContext, **ids: Any) -> MovementFilter:
    first, last = period(context)
    kinds = [context.options.kind] if context.options.kind else None
    end = day_start(last + timedelta(days=1))
    return MovementFilter(day_start(first), end, context.store_ids, kinds, **ids)
