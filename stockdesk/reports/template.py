"""The one page template every StockDesk report uses.

Each page carries the title, the store(s), the period, "Generated <time> by <user>" and
"Page x of y". The total page count is not known until the last row is laid out, so every page
draws "Page x of" followed by a PDF form XObject that is defined once, after the last page: a
single pass, with no second layout run and no page kept in memory for renumbering.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFPage, PDFStream
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from stockdesk.i18n.wording import ENGLISH, Wording
from stockdesk.reports.fonts import draw_text
from stockdesk.reports.model import (
    CancelCheck,
    Column,
    ProgressCallback,
    ReportCancelled,
    ReportMeta,
    Section,
    Totals,
    atomic_output,
)
from stockdesk.reports.pdf_style import ACCENT, FONT, FONT_BOLD, INK, MUTED, RULE, fit_text
from stockdesk.reports.pdf_table import CancelSignal, PageChunker, RowStream

_PAGE_COUNT_FORM = "StockDeskPageCount"
_MARGIN = 15 * mm
_HEADER_SPACE = 21 * mm
_FOOTER_SPACE = 14 * mm


class _PageStream(PDFStream):
    """A page's operators, compressed when the page was finished; let go once written into the file."""

    def __init__(self, compressed: bytes) -> None:
        super().__init__(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}), compressed)
        self.__Comment__ = "page stream"  # as reportlab labels its page streams

    def format(self, document: Any) -> bytes:
        formatted: bytes = super().format(document)
        self.content = None  # each object is written once; the file's copy is the one that stays
        return formatted


def _compress_now(page: PDFPage) -> None:
    """Replace a finished page's operators (reportlab keeps them as text until the file is saved) by
    the stream reportlab would write for them: the rows of a long report then take their compressed
    size in memory (a 100,000-row valuation: 6 MB) rather than five times that in page text."""
    if page.stream is None or not page.compression:
        return
    text = page.stream
    data = text.encode("utf8") if isinstance(text, str) else text  # as reportlab's FlateDecode filter encodes
    page.Contents = _PageStream(zlib.compress(data))
    page.stream = None


class _PageCountCanvas(Canvas):
    """A canvas that fills in the page-count form once the last page is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages_done = 0

    def showPage(self) -> None:
        """Count the finished page and compress it at once."""
        self.pages_done += 1
        super().showPage()
        _compress_now(self._doc.Pages.pages[-1])  # type: ignore[attr-defined]  # reportlab private

    def save(self) -> None:
        """Define the page-count form, then write the file."""
        self.beginForm(_PAGE_COUNT_FORM)
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(self.pages_done))
        self.endForm()
        # Binary page streams: ASCII85 (reportlab's default) makes them 25% larger and, without the
        # optional C accelerator, costs about a tenth of the whole report's run time.
        previous = rl_config.useA85
        rl_config.useA85 = 0
        try:
            super().save()
        finally:
            rl_config.useA85 = previous


class ReportDocument:
    """A report: the facts on every page plus its columns; write it as PDF with `write_pdf`.

    `wording` is the language the PDF is written in: its column headers, the words of the page frame
    and of the total lines, and how numbers and dates are written (the meta and section titles come
    already worded from the report's builder).
    """

    def __init__(self, meta: ReportMeta, columns: Sequence[Column], *,
                 pagesize: tuple[float, float] = A4, wording: Wording = ENGLISH) -> None:
        if not columns:
            raise ValueError("a report needs at least one column")
        self.meta = meta
        self.columns = list(columns)
        self.pagesize = pagesize
        self.wording = wording
        self.grand_totals: Totals | None = None

    @property
    def text_width(self) -> float:
        return self.pagesize[0] - 2 * _MARGIN

    def column_widths(self) -> list[float]:
        """Column widths in points, scaled to fill the text width of the page."""
        requested = sum(column.width for column in self.columns)
        return [column.width / requested * self.text_width for column in self.columns]

    def write_pdf(self, path: Path | str, sections: Iterable[Section], *,
                  progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None,
                  preamble: Sequence[Flowable] = ()) -> Path:
        """Write the report to `path` (replaced only when complete) and return the path.

        `progress(rows_written)` is called once per page; `cancelled()` is polled once per page and
        ends the job with ReportCancelled, leaving no file behind.
        """
        path = Path(path)
        chunker = PageChunker(self.columns, self.column_widths(), sections, progress, cancelled,
                              wording=self.wording)
        with atomic_output(path) as temp:
            doc = self._doc_template(temp)
            try:
                # `preamble`: what comes before the rows on the first page (an order's addresses).
                doc.build([*preamble, RowStream(chunker, self.text_width)], canvasmaker=_PageCountCanvas)
            except CancelSignal:
                raise ReportCancelled(path) from None
        self.grand_totals = chunker.grand_totals
        return path

    def _doc_template(self, target: Path) -> BaseDocTemplate:
        width, height = self.pagesize
        frame = Frame(_MARGIN, _FOOTER_SPACE, width - 2 * _MARGIN, height - _HEADER_SPACE - _FOOTER_SPACE,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        doc = BaseDocTemplate(str(target), pagesize=self.pagesize, title=self.meta.title,
                              author=self.meta.generated_by, creator="StockDesk", invariant=True)
        doc.addPageTemplates([PageTemplate(id="report", frames=[frame], onPage=self._decorate)])
        return doc

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Draw the page header and footer."""
        canvas.saveState()
        self._draw_header(canvas)
        self._draw_footer(canvas)
        canvas.restoreState()

    def _draw_header(self, canvas: Canvas) -> None:
        width, height = self.pagesize
        left, right = _MARGIN, width - _MARGIN
        top = height - 12 * mm
        canvas.setFillColor(ACCENT)
        title = fit_text(self.meta.title, self.text_width * 0.62, bold=True, size=15)
        draw_text(canvas, left, top, title, font=FONT_BOLD, size=15)
        canvas.setFillColor(INK)
        stores = fit_text(self.meta.stores_text(self.wording), self.text_width * 0.36, size=8.5)
        draw_text(canvas, right, top + 4, stores, font=FONT, size=8.5, align="right")
        canvas.setFillColor(MUTED)
        period = fit_text(self.meta.period, self.text_width * 0.36, size=8.5)
        draw_text(canvas, right, top - 7, period, font=FONT, size=8.5, align="right")
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(left, top - 12, right, top - 12)

    def _draw_footer(self, canvas: Canvas) -> None:
        width, _ = self.pagesize
        left, right = _MARGIN, width - _MARGIN
        base = 8 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, base + 10, right, base + 10)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        generated = fit_text(self.meta.generated_text(self.wording), self.text_width * 0.6, size=7.5)
        draw_text(canvas, left, base, generated, font=FONT, size=7.5)
        # "Page x of " ends where the total (a form filled in at the end) begins.
        total_slot = stringWidth("00000", FONT, 7.5)
        label = self.wording("Page {page} of", page=canvas.getPageNumber()) + " "
        canvas.drawRightString(right - total_slot, base, label)
        canvas.saveState()
        canvas.translate(right - total_slot, base)
        canvas.doForm(_PAGE_COUNT_FORM)
        canvas.restoreState()
