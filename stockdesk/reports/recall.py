"""Lot recall: every movement of one lot (or serial number), oldest first, then where it still is.

One section lists the receipts, transfers (with the store at the other end), sales and adjustments
with their date, user and reference; the second the stock left per store and location, and all
stores together. The CSV holds the same two sections.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from reportlab.lib.pagesizes import A4, landscape

from stockdesk.i18n.wording import ENGLISH, Wording
from stockdesk.reports.formatters import local_time, quantity
from stockdesk.reports.model import Column, Section
from stockdesk.reports.movements import kind_text
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
from stockdesk.services.places.recall import LotRecall, lot_recall

TITLE = "Lot recall"


def _quantity_or_blank(value: Any, wording: Wording = ENGLISH) -> str:
    return "" if value is None else quantity(value, wording)


COLUMNS = [
    Column("at", "Date", 28, formatter=local_time),
    Column("kind", "Kind", 24, formatter=kind_text),
    Column("store", "Store", 44),
    Column("location", "Location", 22),
    Column("quantity", "Quantity", 18, "right", _quantity_or_blank),
    Column("other_store", "To / from", 22),
    Column("user", "User", 36),
    Column("reference", "Reference", 30),
]


class RecallLine(NamedTuple):
    at: Any = None
    kind: str = ""
    store: str = ""
    location: str = ""
    quantity: Decimal | None = None
    other_store: str = ""
    user: str = ""
    reference: str = ""


def recall_sections(recall: LotRecall, w: Wording = ENGLISH) -> list[Section]:
    moves = [
        RecallLine(
            m.at, m.kind, m.store_code, m.location_code, m.quantity, m.other_store, m.user, m.reference
        )
        for m in recall.movements
    ]
    left = [RecallLine(store=f"{s.store_code} {s.store_name}".strip(), location=s.location_code,
                       quantity=s.on_hand) for s in recall.remaining]  # fmt: skip
    left.append(RecallLine(store=w("All stores"), quantity=recall.on_hand))
    return [
        Section(w("Where the lot went"), moves, subtotal=False),
        Section(w("Still on hand"), left, subtotal=False),
    ]


def summary(recall: LotRecall, w: Wording = ENGLISH) -> str:
    numbers = w(
        "received {received}, sold {sold}, on hand {on_hand}",
        received=w.quantity(recall.total("receive")),
        sold=w.quantity(-recall.total("sale")),
        on_hand=w.quantity(recall.on_hand),
    )
    if recall.expires_on is None:
        return f"{recall.name} · {numbers}"
    return f"{recall.name} · " + w("expires {day}", day=w.date(recall.expires_on)) + f" · {numbers}"


def build(context: ReportContext) -> BuiltReport:
    options, w = context.options, context.wording
    recall = lot_recall(context.db.uow(), sku=options.sku, lot=options.lot, store_ids=context.store_ids)
    meta = context.meta(w("Recall: {sku} lot {lot}", sku=recall.sku, lot=recall.lot_code), summary(recall, w))
    # Landscape: dates, two stores, a location, e-mail addresses and references do not fit upright.
    document = ReportDocument(meta, COLUMNS, pagesize=landscape(A4), wording=w)
    return BuiltReport(document, recall_sections(recall, w))
