"""Item card: one item's details and barcode, its stock per store and its latest movements.

The details and the barcode sit above the table; the table (stock, then movements) uses the shared
template's page chunker, so it splits over pages with repeated headers like every other report.
The CSV carries the details as a first section, so both files hold the same facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any, NamedTuple

from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Spacer, Table

from stockdesk.domain.errors import InvalidBarcode, ValidationError
from stockdesk.domain.messages import Message
from stockdesk.i18n.wording import ENGLISH, Wording
from stockdesk.reports.formatters import local_time, quantity
from stockdesk.reports.labels import bar_modules
from stockdesk.reports.model import (
    CancelCheck,
    Column,
    ProgressCallback,
    ReportMeta,
    Section,
)
from stockdesk.reports.movements import kind_text
from stockdesk.reports.pdf_style import ACCENT, FONT, FONT_BOLD, INK, MUTED, FastTable, fit_text
from stockdesk.reports.spec import BuiltReport, ReportContext
from stockdesk.reports.template import ReportDocument
from stockdesk.services.catalogue import pictures
from stockdesk.services.exchange.report_queries import ItemCard, item_card

TITLE = "Item card"
LAST_MOVEMENTS = 30
PICTURE_SIDE = 40 * mm


def _quantity_or_text(value: Any, wording: Wording = ENGLISH) -> str:
    if isinstance(value, Decimal | int):
        return quantity(value, wording)
    return "" if value is None else str(value)


COLUMNS = [
    Column("label", "Store / field", 34),
    Column("at", "Date", 28, formatter=local_time),
    Column("kind", "Kind", 24, formatter=kind_text),
    Column("quantity", "Quantity", 20, "right", _quantity_or_text),
    Column("detail", "Reference / value", 52),
    Column("user", "User", 36),
]


class CardLine(NamedTuple):
    label: str
    at: Any = None
    kind: str = ""
    quantity: Decimal | None = None
    detail: str = ""
    user: str = ""


def detail_pairs(card: ItemCard, w: Wording = ENGLISH) -> list[tuple[str, str]]:
    return [
        (w("SKU"), card.sku), (w("Name"), card.name), (w("Description"), card.description),
        (w("Category"), card.category), (w("Supplier"), card.supplier), (w("Unit"), card.unit),
        (w("Cost price"), w.money(card.cost_price)), (w("Sell price"), w.money(card.sell_price)),
        (w("Reorder point"), w.quantity(card.reorder_point)),
        (w("Reorder quantity"), w.quantity(card.reorder_qty)),
        (w("Status"), w("active") if card.active else w("archived")),
        (w("Barcodes"), ", ".join(code for code, _ in card.barcodes) or w("none")),
    ]


def table_sections(card: ItemCard, w: Wording = ENGLISH) -> list[Section]:
    stock = [CardLine(f"{code} {name}", quantity=qty) for code, name, qty in card.stock]
    stock.append(CardLine(w("All stores"), quantity=sum((q for _, _, q in card.stock), Decimal(0))))
    moves = [CardLine(m.store_code, m.at, m.kind, m.quantity, m.reference, m.user) for m in card.movements]
    return [Section(w("Stock per store"), stock, subtotal=False),
            Section(w("Last {count} movements", count=LAST_MOVEMENTS), moves, subtotal=False)]


def csv_sections(card: ItemCard, w: Wording = ENGLISH) -> list[Section]:
    details = [CardLine(field, detail=value) for field, value in detail_pairs(card, w)]
    return [Section(w("Details"), details, subtotal=False), *table_sections(card, w)]


def guess_symbology(code: str, stored: str) -> str:
    if stored:
        return stored
    if code.isdigit() and len(code) in (8, 12, 13):
        return {8: "ean8", 12: "upca", 13: "ean13"}[len(code)]
    return "code128"


class BarcodeImage(Flowable):
    """The item's barcode as vector bars with its digits underneath (as on the label sheets)."""

    def __init__(self, code: str, symbology: str, width: float = 62 * mm, height: float = 24 * mm) -> None:
        super().__init__()
        self.code = code
        self.modules = bar_modules(code, symbology)
        self.width = width
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Fixed size."""
        return self.width, self.height

    def draw(self) -> None:
        """Bars, then the human-readable code."""
        module = min(0.33 * mm, self.width / (len(self.modules) + 20))
        left = (self.width - module * len(self.modules)) / 2
        canvas = self.canv
        canvas.setFillColor(black)
        path = canvas.beginPath()
        for index, bit in enumerate(self.modules):
            if bit == "1":
                path.rect(left + index * module, 10, module, self.height - 10)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(INK)
        canvas.drawCentredString(self.width / 2, 0, self.code)


class ItemCardDocument(ReportDocument):
    """The shared template with the item's details and barcode above the table."""

    def __init__(self, meta: ReportMeta, columns: Sequence[Column], card: ItemCard, *,
                 wording: Wording = ENGLISH, picture: bytes | None = None) -> None:
        super().__init__(meta, columns, wording=wording)
        self.card = card
        self.picture = picture  # the item's stored picture (JPEG or PNG), printed above the barcode

    def write_pdf(self, path: Path | str, sections: Iterable[Section], *,
                  progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None,
                  preamble: Sequence[Flowable] = ()) -> Path:
        """Write the card: the item's details and barcode, then the template's rows."""
        story = [self._details(), Spacer(1, 6 * mm), *preamble]
        return super().write_pdf(path, sections, progress=progress, cancelled=cancelled, preamble=story)

    def _details(self) -> Table:
        label_w, value_w = 32 * mm, self.text_width - 70 * mm - 32 * mm
        pairs = detail_pairs(self.card, self.wording)
        rows = [[label, fit_text(value, value_w - 6, size=8.5)] for label, value in pairs]
        # FastTable draws names in any script (reports/fonts.py); it handles middle-aligned cells.
        facts = FastTable(rows, colWidths=[label_w, value_w], style=[
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONT", (0, 0), (-1, -1), FONT, 8.5), ("FONT", (0, 0), (0, -1), FONT_BOLD, 8.5),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED), ("TEXTCOLOR", (1, 0), (1, -1), INK),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("FONT", (1, 1), (1, 1), FONT_BOLD, 10), ("TEXTCOLOR", (1, 1), (1, 1), ACCENT)])
        return Table([[facts, self._picture_and_barcode()]], colWidths=[label_w + value_w, 70 * mm],
                     style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT")])

    def _picture_and_barcode(self) -> Flowable | str:
        if not self.picture:
            return self._barcode()
        picture = Image(BytesIO(self.picture), PICTURE_SIDE, PICTURE_SIDE, kind="proportional")
        picture.hAlign = "RIGHT"
        return Table([[picture], [self._barcode()]], colWidths=[70 * mm],
                     style=[("ALIGN", (0, 0), (-1, -1), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("RIGHTPADDING", (0, 0), (-1, -1), 0)])

    def _barcode(self) -> Flowable | str:
        if not self.card.barcodes:
            return self.wording("No barcode")
        code, symbology = self.card.barcodes[0]
        try:
            return BarcodeImage(code, guess_symbology(code, symbology))
        except (InvalidBarcode, ValidationError):
            # A code with a wrong check digit is printed as text rather than as bars that lie.
            return self.wording("Barcode {code} (cannot be drawn)", code=code)


def build(context: ReportContext) -> BuiltReport:
    sku = context.options.sku
    if not sku:
        raise ValidationError("sku", sku, Message("item_card_sku"))
    card = item_card(context.db.uow(), sku, last=LAST_MOVEMENTS)
    w = context.wording
    meta = context.meta(w("Item card: {sku}", sku=card.sku), card.name)
    shown = pictures.picture_of(context.db.uow(), card.item_id)
    document = ItemCardDocument(meta, COLUMNS, card, wording=w, picture=shown.data if shown else None)
    return BuiltReport(document, table_sections(card, w), csv_sections(card, w))
