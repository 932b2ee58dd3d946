"""Sheets of shelf/product labels: name, price, barcode and its human-readable code.

python-barcode encodes the code into its bar pattern; the bars are drawn as vector rectangles
on the reportlab canvas, so they are sharp at any printer resolution and decode reliably when
rasterised (the tests decode pages rendered at 200 dpi). We do not let python-barcode "fix" a
wrong check digit: it would print a different number from the one stored for the item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import barcode
from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from stockdesk.domain.errors import InvalidBarcode, ValidationError
from stockdesk.domain.messages import Message
from stockdesk.reports.fonts import draw_text
from stockdesk.reports.formatters import money
from stockdesk.reports.label_presets import LabelPreset, preset_named
from stockdesk.reports.model import atomic_output
from stockdesk.reports.pdf_style import FONT, FONT_BOLD, INK, fit_text

# Module (narrowest bar) width: 0.33 mm is the EAN nominal size; below ~0.19 mm cheap label
# printers and phone cameras start to lose bars.
_MAX_MODULE = 0.33 * mm
_MIN_MODULE = 0.19 * mm
# Blank margins scanners need either side of the bars, in modules.
_QUIET = {"ean13": 11, "ean8": 7, "upca": 9, "code128": 10}
_PAD_X = 3 * mm
_PAD_Y = 2 * mm


@dataclass(frozen=True)
class Label:
    """What one label shows. `symbology` is one of ean13, ean8, upca, code128; without a price (a
    location label) the corner shows `corner` (a location's store), or nothing."""

    name: str
    price: Decimal | None
    code: str
    symbology: str = "ean13"
    corner: str = ""


def symbology_key(symbology: str) -> str:
    """Normalise "EAN-13", "UPC-A", "Code 128" and the like to python-barcode's names."""
    key = symbology.lower().replace("-", "").replace("_", "").replace(" ", "")
    if key not in _QUIET:
        raise ValidationError("symbology", symbology, Message("one_of", choices=", ".join(_QUIET)))
    return key


def bar_modules(code: str, symbology: str) -> str:
    """The bar pattern as a string of '1' (bar) and '0' (space) modules."""
    key = symbology_key(symbology)
    try:
        encoded = barcode.get_barcode_class(key)(code)
    except Exception as error:  # python-barcode raises several unrelated types for bad input
        problem = Message("cannot_encode", symbology=key, problem=str(error))
        raise InvalidBarcode("code", code, problem) from error
    if key != "code128" and encoded.get_fullcode() != code:
        raise InvalidBarcode("code", code, Message("incomplete_code", symbology=key))
    return "".join(encoded.build())


def write_labels(path: Path | str, labels: Iterable[Label], preset: str, copies: int = 1, *,
                 price_text: Callable[[Decimal], str] = money) -> int:
    """Write label sheets to `path` as PDF; each label `copies` times in a row. Returns the sheet count.

    Codes are checked as they are drawn (`labels` may be a one-shot stream); the file is written
    under a temporary name and appears only if every label was valid.
    """
    if copies < 1:
        raise ValidationError("copies", copies, Message("at_least_one"))
    sheet = preset_named(preset)
    path = Path(path)
    with atomic_output(path) as temp:
        canvas = Canvas(str(temp), pagesize=sheet.page, invariant=True)
        canvas.setTitle(f"Labels ({sheet.description})")
        canvas.setCreator("StockDesk")
        slot = -1
        for slot, label in enumerate(_repeated(labels, copies)):
            if slot and slot % sheet.per_sheet == 0:
                canvas.showPage()
            draw = _draw_shelf_label if sheet.style == "shelf" else _draw_label
            draw(canvas, sheet, slot % sheet.per_sheet, label, price_text)
        canvas.showPage()
        canvas.save()
    return max(slot, 0) // sheet.per_sheet + 1


def _repeated(labels: Iterable[Label], copies: int) -> Iterator[Label]:
    for label in labels:
        for _ in range(copies):
            yield label


def _draw_label(canvas: Canvas, sheet: LabelPreset, slot: int, label: Label,
                price_text: Callable[[Decimal], str]) -> None:
    x, y = sheet.origin(slot)
    inner = sheet.width - 2 * _PAD_X
    # Type scales with the label so the small 1-inch Letter labels keep room for the bars.
    name_size = min(9.0, sheet.height / mm * 0.3)
    digits_size = name_size - 1
    top = y + sheet.height - _PAD_Y - name_size

    price = price_text(label.price) if label.price is not None else label.corner
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, name_size + 2)
    canvas.drawRightString(x + sheet.width - _PAD_X, top, price)
    price_width = canvas.stringWidth(price, FONT_BOLD, name_size + 2)
    name = fit_text(label.name, inner - price_width - 2 * mm, bold=True, size=name_size)
    draw_text(canvas, x + _PAD_X, top, name, font=FONT_BOLD, size=name_size)  # any script (fonts.py)

    bars_bottom = y + _PAD_Y + digits_size + 1.5
    bars_top = top - 2.5 * mm
    _draw_bars(canvas, label, x + _PAD_X, inner, bars_bottom, bars_top - bars_bottom)
    canvas.setFont(FONT, digits_size)
    canvas.drawCentredString(x + sheet.width / 2, y + _PAD_Y, label.code)


def _draw_shelf_label(canvas: Canvas, sheet: LabelPreset, slot: int, label: Label,
                      price_text: Callable[[Decimal], str]) -> None:
    """A shelf-edge label: the price big enough to read from the aisle, the name above it, the bars
    in the right half for the clerk's scanner. A location label (no price, its store in the corner)
    shows its code big instead, the store beside its path."""
    x, y = sheet.origin(slot)
    inner = sheet.width - 2 * _PAD_X
    name_size = min(8.0, sheet.height / mm * 0.25)
    top = y + sheet.height - _PAD_Y - name_size
    canvas.setFillColor(INK)
    corner = label.corner if label.price is None else ""
    canvas.setFont(FONT_BOLD, name_size)
    canvas.drawRightString(x + sheet.width - _PAD_X, top, corner)
    room = inner - (canvas.stringWidth(corner, FONT_BOLD, name_size) + 2 * mm if corner else 0)
    name = fit_text(label.name, room, bold=True, size=name_size)
    draw_text(canvas, x + _PAD_X, top, name, font=FONT_BOLD, size=name_size)
    half = inner / 2
    big = price_text(label.price) if label.price is not None else label.code if corner else ""
    if big:
        size = min(sheet.height / mm * 0.9, 28.0)
        while size > 8 and canvas.stringWidth(big, FONT_BOLD, size) > half - 2 * mm:
            size -= 1
        canvas.setFont(FONT_BOLD, size)
        canvas.drawString(x + _PAD_X, y + _PAD_Y + 1 * mm, big)
    digits_size = name_size - 1.5
    bars_left = x + _PAD_X + half
    bars_bottom = y + _PAD_Y + digits_size + 1.5
    _draw_bars(canvas, label, bars_left, half, bars_bottom, top - 2 * mm - bars_bottom)
    canvas.setFont(FONT, digits_size)
    canvas.drawCentredString(bars_left + half / 2, y + _PAD_Y, label.code)


def _draw_bars(canvas: Canvas, label: Label, left: float, width: float, bottom: float, height: float) -> None:
    modules = bar_modules(label.code, label.symbology)
    quiet = _QUIET[symbology_key(label.symbology)]
    module = min(_MAX_MODULE, width / (len(modules) + 2 * quiet))
    if module < _MIN_MODULE:
        raise InvalidBarcode("code", label.code, Message("label_too_long"))
    x = left + (width - module * len(modules)) / 2
    canvas.setFillColor(black)  # full contrast for scanners, unlike the softer text colour
    path = canvas.beginPath()
    for start, run in _bar_runs(modules):
        path.rect(x + start * module, bottom, run * module, height)
    canvas.drawPath(path, stroke=0, fill=1)


def _bar_runs(modules: str) -> Iterator[tuple[int, int]]:
    """(first module, length) of each bar: adjacent dark modules drawn as one rectangle."""
    index = 0
    while index < len(modules):
        if modules[index] == "1":
            end = index
            while end < len(modules) and modules[end] == "1":
                end += 1
            yield index, end - index
            index = end
        else:
            index += 1
