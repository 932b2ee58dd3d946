"""A page of report rows drawn straight onto the canvas (docs/reports.md: why not a platypus Table).

Every row has a fixed height and one line of text per cell, so a page is simple to draw: the row
backgrounds, then the text of each cell as the PDF operators `canvas.drawString` writes, then the
rules. A reportlab Table would first build a style object per cell, resolve spans, compare colours
cell by cell and format every coordinate through reportlab's pure-Python number formatter; for a
long valuation that was most of the run time. Here the x position of a left-aligned column is one
string per page, a right-aligned number is measured once per distinct text (`_RightEdge`), and the
y position is formatted once per row.

The text of each cell stays one text object ending in a line feed (`BT ... Tj T* ET`), as
drawString writes it: PDF readers and text extraction see every cell on a line of its own, in
reading order. Text outside the standard fonts' encoding (Greek, Cyrillic, Arabic, Chinese) is drawn
by `fonts.draw_text` in the bundled fonts, exactly where a plain string would go.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from stockdesk.reports.fonts import draw_text, is_standard
from stockdesk.reports.pdf_style import (
    ACCENT,
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    FONT_SIZE,
    HEADER_BG,
    INK,
    MUTED,
    PADDING,
    RULE,
    SUBTOTAL_BG,
    ZEBRA_BG,
    TableStyler,
    pdf_string,
)


@dataclass(frozen=True)
class RowLook:
    """How a kind of row is drawn: its font, colours, rules and where its text sits."""

    font: str = FONT
    size: float = FONT_SIZE
    color: Color = INK
    background: Color | None = None
    rule_above: tuple[float, Color] | None = None  # (line width, colour)
    rule_below: tuple[float, Color] | None = None
    bottom: bool = False  # text on the bottom padding (a section title) rather than centred
    bottom_padding: float = 1.0
    # "all": one cell over the whole row; "label": cell 0 over the columns left of the first total
    span: str = ""

    def baseline(self, height: float) -> float:
        """The text's baseline above the row's bottom edge (where reportlab's Table puts it)."""
        leading = self.size * 1.2
        if self.bottom:
            return self.bottom_padding + leading - self.size
        return (self.bottom_padding + height + leading) / 2 - self.size


LOOKS = {
    "row": RowLook(),
    "zebra": RowLook(background=ZEBRA_BG),  # every other data row of a page, on a pale stripe
    "header": RowLook(font=FONT_BOLD, background=HEADER_BG, rule_below=(0.8, ACCENT)),
    "title": RowLook(font=FONT_BOLD, size=10, color=ACCENT, bottom=True, bottom_padding=4, span="all"),
    "forward": RowLook(font=FONT_ITALIC, color=MUTED, rule_above=(0.4, RULE), span="label"),
    "subtotal": RowLook(font=FONT_BOLD, background=SUBTOTAL_BG, rule_above=(0.6, ACCENT), span="label"),
    # the grand total: closed by rules above and below, as accountants expect
    "grand": RowLook(font=FONT_BOLD, size=9, rule_above=(1.0, ACCENT), rule_below=(0.5, ACCENT),
                     bottom_padding=3, span="label"),
}

_DATA_ROWS = frozenset({"row", "zebra"})  # drawn alike (the row's look), measured once per distinct text
_TEXT_OP = "BT 1 0 0 1 %s %s Tm (%s) Tj T* ET"
_CACHE_LIMIT = 2_048  # distinct texts remembered per right-aligned column (then forgotten, and so on)


def _needs_escape(text: str) -> bool:
    return "(" in text or ")" in text or "\\" in text


class _RightEdge:
    """The x position, as PDF text, of right-aligned texts of one column in one font: measured once
    per distinct text (a quantity column has few), as widths from the font's table."""

    def __init__(self, edge: float, font: str, size: float) -> None:
        self._edge = edge
        self._widths = getFont(font).widths  # per code of the standard encoding, in 1/1000 em
        self._scale = size / 1000
        self._known: dict[str, str] = {}

    def x(self, text: str, data: bytes) -> str:
        known = self._known.get(text)
        if known is None:
            if len(self._known) >= _CACHE_LIMIT:
                self._known.clear()
            width = sum(map(self._widths.__getitem__, data)) * self._scale
            known = self._known[text] = f"{self._edge - width:.3f}"
        return known


class PageLayout:
    """What every page of one report shares: the columns' edges and measured right-aligned texts."""

    def __init__(self, styler: TableStyler) -> None:
        self.styler = styler
        self.columns = styler.columns
        self.widths = list(styler.widths)
        self.width = sum(self.widths)
        lefts = [sum(self.widths[:index]) for index in range(len(self.widths))]
        self.lefts = [left + PADDING for left in lefts]
        self.rights = [left + width - PADDING for left, width in zip(lefts, self.widths, strict=True)]
        self.right_aligned = [column.align == "right" for column in self.columns]
        self.centred = [column.align == "center" for column in self.columns]
        first_total = next((i for i, column in enumerate(self.columns) if column.total), 1)
        self.label_span = max(first_total, 1)
        look = LOOKS["row"]
        self._row_x = [f"{left:.3f}" for left in self.lefts]
        self._row_edges = [_RightEdge(right, look.font, look.size) if right_aligned else None
                           for right, right_aligned in zip(self.rights, self.right_aligned, strict=True)]

    def begin(self) -> PageRows:
        return PageRows(self)


class PageRows(Flowable):
    """The rows of one page; `add` them, then let the frame draw the flowable."""

    def __init__(self, layout: PageLayout) -> None:
        super().__init__()
        self._layout = layout
        self._rows: list[tuple[str, list[str], float]] = []
        self._data_rows = 0
        self.used = 0.0

    @property
    def has_content(self) -> bool:
        return bool(self._rows)

    def add(self, kind: str, cells: list[str], height: float) -> None:
        if kind == "row":
            cells = self._layout.styler.fit_row(cells)
            self._data_rows += 1
            if self._data_rows % 2 == 0:
                kind = "zebra"
        self._rows.append((kind, cells, height))
        self.used += height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self._layout.width, self.used

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        layout = self._layout
        code: list[str] = canvas._code  # type: ignore[attr-defined]  # reportlab private: the page's operators
        # (row kind, cells, height, bottom edge), top to bottom
        rows: list[tuple[str, list[str], float, float]] = []
        top = self.used
        for kind, cells, height in self._rows:
            top -= height
            rows.append((kind, cells, height, top))
        fill: Color | None = None
        for kind, _cells, height, bottom in rows:
            color = LOOKS[kind].background
            if color is not None:
                if color is not fill:
                    canvas.setFillColor(color)
                    fill = color
                code.append(f"0 {bottom:.3f} {layout.width:.3f} {height:.3f} re f")
        row_x, row_edges = layout._row_x, layout._row_edges
        for kind, cells, height, bottom in rows:
            look = LOOKS[kind]
            if look.color is not fill:
                canvas.setFillColor(look.color)
                fill = look.color
            if (canvas._fontname, canvas._fontsize) != (look.font, look.size):  # type: ignore[attr-defined]
                canvas.setFont(look.font, look.size)
            y = bottom + look.baseline(height)
            if kind in _DATA_ROWS:
                self._data_row(cells, y, row_x, row_edges)
            else:
                self._other_row(look, cells, y)
        self._rules(rows)
        canvas.restoreState()

    def _data_row(self, cells: Sequence[str], y: float, row_x: list[str],
                  row_edges: list[_RightEdge | None]) -> None:
        """The common row, written as operators with positions measured once per distinct text."""
        code: list[str] = self.canv._code  # type: ignore[attr-defined]
        text_y = f"{y:.3f}"
        for index, text in enumerate(cells):
            if not text:
                continue
            if text.isascii():
                data = text.encode("ascii")
                body = pdf_string(text) if _needs_escape(text) else text
            elif is_standard(text):
                data = text.encode("cp1252")
                body = pdf_string(text)
            else:
                self._any_script(index, text, y, LOOKS["row"])
                continue
            edge = row_edges[index]
            if edge is not None:
                code.append(_TEXT_OP % (edge.x(text, data), text_y, body))
            elif self._layout.centred[index]:
                self._plain(index, text, data, body, y, LOOKS["row"])
            else:
                code.append(_TEXT_OP % (row_x[index], text_y, body))

    def _other_row(self, look: RowLook, cells: Sequence[str], y: float) -> None:
        """Headers, section titles and total lines: a few per page, drawn cell by cell."""
        layout = self._layout
        for index, text in enumerate(cells):
            if look.span == "all" and index > 0:
                break
            if look.span == "label" and 0 < index < layout.label_span:
                continue
            if not text:
                continue
            if not is_standard(text):
                self._any_script(index, text, y, look)
                continue
            data = text.encode("cp1252")
            self._plain(index, text, data, pdf_string(text), y, look)

    def _align(self, index: int, look: RowLook) -> str:
        if index == 0 and look.span:
            return "left"  # a title or a total line's label
        if self._layout.right_aligned[index]:
            return "right"
        return "centre" if self._layout.centred[index] else "left"

    def _x(self, index: int, align: str) -> float:
        layout = self._layout
        if align == "left":
            return layout.lefts[index]
        if align == "right":
            return layout.rights[index]
        return (layout.lefts[index] + layout.rights[index]) / 2

    def _plain(self, index: int, text: str, data: bytes, body: str, y: float, look: RowLook) -> None:
        align = self._align(index, look)
        x = self._x(index, align)
        if align != "left":
            width = sum(map(getFont(look.font).widths.__getitem__, data)) * look.size / 1000
            x -= width if align == "right" else width / 2
        self.canv._code.append(_TEXT_OP % (f"{x:.3f}", f"{y:.3f}", body))  # type: ignore[attr-defined]

    def _any_script(self, index: int, text: str, y: float, look: RowLook) -> None:
        """Greek, Cyrillic, Arabic, CJK: run by run in the bundled fonts (reports/fonts.py)."""
        align = self._align(index, look)
        draw_text(self.canv, self._x(index, align), y, text, font=look.font, size=look.size, align=align)

    def _rules(self, rows: list[tuple[str, list[str], float, float]]) -> None:
        """The rules above and below rows, drawn after all backgrounds as reportlab's Table does."""
        canvas: Canvas = self.canv
        lines: list[tuple[float, Color, float]] = []
        for kind, _cells, height, bottom in rows:
            look = LOOKS[kind]
            if look.rule_above is not None:
                lines.append((*look.rule_above, bottom + height))
            if look.rule_below is not None:
                lines.append((*look.rule_below, bottom))
        if not lines:
            return
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        for weight, color, y in lines:
            canvas.setStrokeColor(color)
            canvas.setLineWidth(weight)
            canvas.line(0, y, self._layout.width, y)
