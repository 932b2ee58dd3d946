"""A purchase order as a PDF, on the shared report page template (title, store, page x of y).

Above the lines, what a supplier needs to ship it (issue 17 item 2): who orders and where to deliver
(the store's name and address), the supplier with its contact, postal address, e-mail and phone, the
order date, the expected delivery (order date + the supplier's lead time), the currency the prices are
in, the note and the terms; each line gives its unit. The title is the order number only, so it is
never cut off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Protocol
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from stockdesk.db.base import utcnow
from stockdesk.i18n.wording import Wording
from stockdesk.reports.formatters import money, quantity, unit_price
from stockdesk.reports.model import Column, ReportMeta, Section
from stockdesk.reports.pdf_style import FONT, FONT_BOLD, INK, MUTED, RULE
from stockdesk.reports.template import ReportDocument


class OrderLine(Protocol):
    """What the document prints of a line (the services' order view has these fields)."""

    @property
    def line_no(self) -> int: ...
    @property
    def sku(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def unit_cost(self) -> Decimal: ...
    @property
    def unit(self) -> str: ...
    @property
    def pack_name(self) -> str: ...
    @property
    def pack_factor(self) -> Decimal | None: ...


class Order(Protocol):
    """What the document prints of an order: reports depend on this shape, not on the services."""

    @property
    def number(self) -> str: ...
    @property
    def supplier(self) -> str: ...
    @property
    def store_code(self) -> str: ...
    @property
    def lines(self) -> Sequence[OrderLine]: ...
    @property
    def ordered_at(self) -> datetime | None: ...
    @property
    def expected_on(self) -> date | None: ...
    @property
    def note(self) -> str: ...
    @property
    def supplier_contact(self) -> str: ...
    @property
    def supplier_email(self) -> str: ...
    @property
    def supplier_phone(self) -> str: ...
    @property
    def supplier_address(self) -> str: ...
    @property
    def store_name(self) -> str: ...
    @property
    def store_address(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def language(self) -> str: ...


TERMS = (
    "Please confirm this order and its delivery date by e-mail. Deliver to the address above and "
    "quote the order number on the delivery note and the invoice; partial deliveries are accepted."
)
TABLE_TOP_LEFT = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
_LABEL = ParagraphStyle("label", fontName=FONT_BOLD, fontSize=7.5, leading=9, textColor=MUTED)
_TEXT = ParagraphStyle("text", fontName=FONT, fontSize=9, leading=11.5, textColor=INK)


COLUMNS = [
    Column("line_no", "#", 8, "right"),
    Column("sku", "SKU", 26),
    Column("name", "Item", 52),
    Column("quantity", "Quantity", 18, "right", quantity),
    Column("unit", "Unit", 24),  # "case of 12 pcs" where the supplier sells in packs
    # All the price's decimals: 5,000 m at 0.035 is 175.00, which "0.04" would not explain.
    Column("unit_cost", "Unit cost", 22, "right", unit_price),
    Column("amount", "Amount", 26, "right", money, total=True),
]


@dataclass(frozen=True)
class _Row:
    line_no: int
    sku: str
    name: str
    quantity: Decimal
    unit: str
    unit_cost: Decimal
    amount: Decimal


def _row(line: OrderLine, w: Wording) -> _Row:
    """A line as the supplier reads it: in their pack where it is ordered in one (2 cases of 12 pcs at
    the case's price), else in the item's stock unit. The amount is the same either way."""
    amount = (line.quantity * line.unit_cost).quantize(Decimal("0.01"))
    factor = line.pack_factor
    if factor is None or not line.pack_name:
        return _Row(line.line_no, line.sku, line.name, line.quantity, line.unit, line.unit_cost, amount)
    unit = w("{pack} of {contents} {unit}", pack=line.pack_name, contents=w.quantity(factor), unit=line.unit)
    return _Row(
        line.line_no, line.sku, line.name, line.quantity / factor, unit, line.unit_cost * factor, amount
    )


def write_order_pdf(order: Order, path: Path, *, by: str, at: datetime | None = None) -> Path:
    """Write `order` to `path` (atomically), in the order's language, and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    w = Wording(order.language)
    meta = ReportMeta(
        title=w("Purchase order {number}", number=order.number),
        stores=[order.store_code],
        period=w("Deliver to {store}", store=order.store_code),
        generated_by=by,
        generated_at=at or utcnow(),
    )
    rows = [_row(line, w) for line in order.lines]
    document = ReportDocument(meta, COLUMNS, wording=w)
    return document.write_pdf(
        path, [Section(order.supplier, rows)], preamble=order_header(order, document.text_width, w)
    )


def _block(label: str, lines: Sequence[str]) -> list[Flowable]:
    shown = "<br/>".join(escape(line) for line in lines if line)
    return [Paragraph(escape(label), _LABEL), Paragraph(shown or "&nbsp;", _TEXT)]


def order_header(order: Order, width: float, w: Wording) -> list[Flowable]:
    """The addresses, dates, currency, note and terms above the lines, on the first page."""
    buyer = [order.store_name or order.store_code, *order.store_address.splitlines()]
    supplier = [
        order.supplier,
        w("Attn. {contact}", contact=order.supplier_contact) if order.supplier_contact else "",
        *order.supplier_address.splitlines(),
        order.supplier_email,
        order.supplier_phone,
    ]
    facts = [
        (w("Order date"), w.date(order.ordered_at) if order.ordered_at else w("not sent yet")),
        (w("Expected delivery"), w.date(order.expected_on) if order.expected_on else w("to be confirmed")),
        (w("Currency"), order.currency or w("the shop's currency")),
    ]
    addresses = Table(
        [[_block(w("Buyer and delivery address"), buyer), _block(w("Supplier"), supplier)]],
        colWidths=[width / 2, width / 2],
    )
    addresses.setStyle(TABLE_TOP_LEFT)
    dates = Table(
        [[_block(label, [value]) for label, value in facts]], colWidths=[width / len(facts)] * len(facts)
    )
    dates.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    header: list[Flowable] = [addresses, Spacer(1, 3 * mm), dates, Spacer(1, 3 * mm)]
    if order.note:
        header += [*_block(w("Note"), order.note.splitlines()), Spacer(1, 2 * mm)]
    header += [*_block(w("Terms"), [w(TERMS)]), Spacer(1, 5 * mm)]
    return header
