"""The look of report tables: fonts, fixed row heights, colours, cutting text to fit (the rows of a
report page are drawn by pdf_rows.py; `FastTable` serves the small tables of other documents).

Row heights are fixed (text is cut to fit with an ellipsis rather than wrapped) because the page
chunker must know before drawing how many rows fit on a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Table

from stockdesk.reports.fonts import draw_text, is_standard, text_width
from stockdesk.reports.model import Column

# The 14 standard PDF fonts need no embedding and cover Latin-1 plus the euro sign; other scripts
# are drawn in the bundled TrueType fonts (reports/fonts.py).
FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
FONT_ITALIC = "Helvetica-Oblique"
FONT_SIZE = 8.0
PADDING = 3.0

ROW_H = 12.5
HEADER_H = 16.0
TITLE_H = 24.0
SUB_H = 15.0
CF_H = 13.0
GRAND_H = 18.0

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#616E7C")
ACCENT = colors.HexColor("#243B53")
RULE = colors.HexColor("#9AA5B1")
HEADER_BG = colors.HexColor("#E4E9F0")
ZEBRA_BG = colors.HexColor("#F5F7FA")
SUBTOTAL_BG = colors.HexColor("#EDF0F4")

_ELLIPSIS = "…"
_ELLIPSIS_CODE = _ELLIPSIS.encode("cp1252")[0]
# No glyph of Helvetica is wider than 1.02 em, so shorter strings need no measuring.
_WIDEST_GLYPH_EM = 1.02


def fit_text(value: str, width: float, *, bold: bool = False, size: float = FONT_SIZE) -> str:
    """`value` cut with an ellipsis so that it fits `width` points."""
    if len(value) * size * _WIDEST_GLYPH_EM <= width:
        return value
    font = FONT_BOLD if bold else FONT
    try:
        data = value.encode("cp1252")  # the standard fonts' encoding: one byte per character
    except UnicodeEncodeError:
        return _fit_measured(value, width, font, size)
    # One pass over the font's width table: a long text column (a reason, a description) would
    # otherwise cost a dozen stringWidth calls per cell in the binary search below.
    widths = getFont(font).widths
    room = width * 1000 / size
    if sum(map(widths.__getitem__, data)) <= room:
        return value
    room -= widths[_ELLIPSIS_CODE]
    used = 0
    for index, code in enumerate(data):
        used += widths[code]
        if used > room:
            return value[:index].rstrip() + _ELLIPSIS
    return value


def _fit_measured(value: str, width: float, font: str, size: float) -> str:
    """`fit_text` for characters outside the standard encoding, measured in the fonts that draw them."""
    if text_width(value, font, size) <= width:
        return value
    low, high = 0, len(value)
    while low < high:  # the longest prefix that fits together with the ellipsis
        middle = (low + high + 1) // 2
        if text_width(value[:middle] + _ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return value[:low].rstrip() + _ELLIPSIS


class TableStyler:
    """Knows the columns and their widths in points; hands out one builder per page."""

    def __init__(self, columns: Sequence[Column], widths: Sequence[float],
                 headers: Sequence[str] | None = None) -> None:
        self.columns = list(columns)
        self.widths = list(widths)
        self._text_widths = [width - 2 * PADDING for width in self.widths]
        self._cut = [column.align != "right" for column in self.columns]
        # `headers`: the columns' headers in the document's language (their English when not given).
        shown = headers if headers is not None else [column.header for column in columns]
        pairs = zip(shown, self._text_widths, strict=True)
        self._header = [fit_text(header, inner, bold=True) for header, inner in pairs]

    def header_cells(self) -> list[str]:
        return list(self._header)

    def span_width(self, columns: int) -> float:
        return sum(self.widths[:columns]) - 2 * PADDING

    def fit_row(self, cells: list[str]) -> list[str]:
        """The row's text cells cut to their columns, each on one line (a row has room for one)."""
        for index, cut in enumerate(self._cut):
            if cut:
                text = cells[index]
                if "\n" in text or "\r" in text:
                    text = " ".join(text.splitlines())
                cells[index] = fit_text(text, self._text_widths[index])
        return cells


_JUSTIFIED = {"LEFT": "left", "RIGHT": "right", "CENTRE": "centre", "CENTER": "centre"}
_PDF_ESCAPES = str.maketrans({"\\": "\\\\", "(": "\\(", ")": "\\)"})
_TEXT_OP = "BT 1 0 0 1 %.3f %.3f Tm (%s) Tj T* ET"


def _cp1252_escapes() -> dict[int, str]:
    table: dict[int, str] = {ord("\\"): "\\\\", ord("("): "\\(", ord(")"): "\\)"}
    for code in [*range(32), *range(127, 256)]:
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue  # a byte the encoding leaves undefined
        table[ord(char)] = f"\\{code:03o}"
    return table


_CP1252_ESCAPES = _cp1252_escapes()


def pdf_string(text: str) -> str:
    """The PDF string body of a text the standard fonts can show (see `fonts.is_standard`): its bytes
    in their WinAnsi encoding, those outside printable ASCII as octal escapes (as reportlab writes them)."""
    return text.translate(_CP1252_ESCAPES)


class FastTable(Table):
    """A Table that writes its one-line text cells as PDF text operators itself.

    Without reportlab's optional C accelerator, `canvas.drawString` builds a text object, measures
    and re-encodes for every cell: two thirds of a 100,000-row valuation's time went there. The
    operators written here are the ones drawString writes ("BT Tm (text) Tj ET", one block per
    cell, so text extraction still sees one cell per line); anything unusual (several lines,
    characters outside the standard fonts' encoding, flowables) goes the normal way.
    """

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: tuple[float, float],
                  size: tuple[float, float]) -> None:
        """Draw a plain text cell directly; defer everything else to Table."""
        just = cellstyle.alignment
        if type(cellval) is str and not is_standard(cellval) and just in _JUSTIFIED:
            self._draw_any_script(cellval, cellstyle, pos, size)
            return
        if (type(cellval) is not str or "\n" in cellval or cellstyle.valign != "MIDDLE"
                or just not in ("LEFT", "RIGHT") or cellstyle.direction or cellstyle.shaping):
            super()._drawCell(cellval, cellstyle, pos, size)  # type: ignore[misc]  # reportlab private
            return
        colpos, rowpos = pos
        colwidth, rowheight = size
        fontsize = cellstyle.fontsize
        y = rowpos + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + cellstyle.leading) / 2.0 \
            - fontsize
        data = cellval.encode("cp1252")  # the standard fonts' WinAnsi encoding (checked above)
        self._switch_style(cellstyle)
        if not data:
            return
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        else:
            widths = getFont(cellstyle.fontname).widths  # per code point of the encoding, in 1/1000 em
            width = sum(map(widths.__getitem__, data)) * fontsize / 1000
            x = colpos + colwidth - cellstyle.rightPadding - width
        body = cellval.translate(_PDF_ESCAPES) if cellval.isascii() else pdf_string(cellval)
        self.canv._code.append(_TEXT_OP % (x, y, body))  # type: ignore[attr-defined]  # reportlab private

    def _draw_any_script(self, text: str, cellstyle: Any, pos: tuple[float, float],
                         size: tuple[float, float]) -> None:
        """Greek, Cyrillic, Arabic, CJK: run by run in the bundled fonts (reports/fonts.py), placed
        where Table._drawCell places a string."""
        self._switch_style(cellstyle)
        colpos, rowpos = pos
        colwidth, rowheight = size
        lines = text.split("\n")
        leading, fontsize = cellstyle.leading, cellstyle.fontsize
        if cellstyle.valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + len(lines) * leading - fontsize
        elif cellstyle.valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:
            inner = rowheight + cellstyle.bottomPadding - cellstyle.topPadding
            y = rowpos + (inner + len(lines) * leading) / 2 - fontsize
        align = _JUSTIFIED[cellstyle.alignment]
        if align == "left":
            x = colpos + cellstyle.leftPadding
        elif align == "right":
            x = colpos + colwidth - cellstyle.rightPadding
        else:
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) / 2
        for line in lines:
            draw_text(self.canv, x, y, line, font=cellstyle.fontname, size=fontsize, align=align)
            y -= leading
        self._curcellstyle = None  # the runs changed the font: the next cell sets its own again

    def _switch_style(self, cellstyle: Any) -> None:
        """Colour and font changes exactly as Table._drawCell makes them."""
        current = self._curcellstyle  # set by Table while drawing (private)
        if current is cellstyle:
            return
        if current is None or cellstyle.color != current.color:
            self.canv.setFillColor(cellstyle.color)
        if (current is None or cellstyle.leading != current.leading or cellstyle.fontname != current.fontname
                or cellstyle.fontsize != current.fontsize):
            self.canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
        self._curcellstyle = cellstyle
