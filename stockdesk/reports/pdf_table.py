"""Report rows laid out one page at a time (a `PageRows` flowable per page), streamed from an iterator.

Why not one big Table with `repeatRows`: reportlab splits a long Table in quadratic time
(100,000 rows took 391 s on the development machine). Every row here has a fixed height, so we
know exactly how many rows fit in the space the frame offers; `RowStream.split` pulls that many
rows, returns a page of them and puts itself back for the next page. Rows are read once, so a
million-row iterator never sits in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable

from stockdesk.i18n.wording import ENGLISH, Wording
from stockdesk.reports.model import (
    CancelCheck,
    Column,
    ProgressCallback,
    Section,
    Totals,
    row_reader,
    total_keys,
)
from stockdesk.reports.pdf_rows import PageLayout, PageRows
from stockdesk.reports.pdf_style import (
    CF_H,
    GRAND_H,
    HEADER_H,
    ROW_H,
    SUB_H,
    TITLE_H,
    TableStyler,
    fit_text,
)

_MIN_ROWS_AFTER_TITLE = 2  # keep a section title from sitting alone at the foot of a page


@dataclass(frozen=True)
class _Start:
    section: Section


@dataclass(frozen=True)
class _End:
    section: Section


class _Grand:
    """The end of the report: the grand total line."""


def _events(sections: Iterable[Section]) -> Iterator[Any]:
    for section in sections:
        yield _Start(section)
        yield from section.rows
        yield _End(section)
    yield _Grand()


class _Peekable:
    def __init__(self, items: Iterator[Any]) -> None:
        self._items = items
        self._head: list[Any] = []

    def peek(self, ahead: int = 0) -> Any:
        while len(self._head) <= ahead:
            self._head.append(next(self._items, None))
        return self._head[ahead]

    def pop(self) -> Any:
        self.peek()
        return self._head.pop(0)


class PageChunker:
    """Turns the event stream into pages of rows, keeping exact running totals."""

    def __init__(self, columns: Sequence[Column], widths: Sequence[float], sections: Iterable[Section],
                 progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None, *,
                 wording: Wording = ENGLISH) -> None:
        self.columns = list(columns)
        self.wording = wording
        self._keys = total_keys(columns)
        self._read = row_reader(columns)
        self._events = _Peekable(_events(sections))
        self._styler = TableStyler(self.columns, widths, [wording.label(c.header) for c in self.columns])
        self._layout = PageLayout(self._styler)
        self._progress = progress
        self._cancelled = cancelled
        self._section: Section | None = None
        self._section_totals = Totals(self._keys)
        self.grand_totals = Totals(self._keys)
        self.rows_done = 0
        self.done = False

    @property
    def _has_totals(self) -> bool:
        return bool(self._keys)

    def next_table(self, height: float) -> PageRows | None:
        """The rows that fill at most `height` points, or None when not even a start fits."""
        if self._cancelled is not None and self._cancelled():
            raise _CancelError
        table = self._layout.begin()
        reserve = CF_H if self._has_totals else 0.0
        if self._section is not None:
            if HEADER_H + 2 * reserve + ROW_H > height:
                return None  # not even one continued row fits; wait for the next page
            table.add("header", self._styler.header_cells(), HEADER_H)
            if self._has_totals:
                self._add_forward(table, "{section}, brought forward")
        while not self.done and self._place_next(table, height):
            pass
        if self.done and not table.has_content:
            # A report with nothing in it still gets its page, saying so, rather than no file.
            empty = [self.wording("Nothing to report for this selection."), *[""] * (len(self.columns) - 1)]
            table.add("title", empty, TITLE_H)
        if self._progress is not None:
            self._progress(self.rows_done)
        return table if table.has_content else None

    def _place_next(self, table: PageRows, height: float) -> bool:
        """Place the next event if it fits; False when the page is full."""
        event = self._events.peek()
        room = height - table.used
        reserve = CF_H if self._has_totals else 0.0
        if isinstance(event, _Start):
            need = TITLE_H + HEADER_H + _MIN_ROWS_AFTER_TITLE * ROW_H + reserve
            if need > room:
                return False
            self._start_section(table, event.section)
        elif isinstance(event, _End):
            self._end_section(table, event.section)  # SUB_H <= reserve, so it always fits
        elif isinstance(event, _Grand):
            if room < GRAND_H:
                return False
            if self._has_totals:
                table.add("grand", self._total_cells(self.wording("Grand total"), self.grand_totals), GRAND_H)
            self.done = True
        else:
            if self._is_last_row():
                # Keep the report's last row company: its subtotal and the grand total follow it.
                reserve = max(reserve, SUB_H + GRAND_H)
            elif self._has_totals and isinstance(self._events.peek(1), _End):
                # A section's last row: its subtotal (taller than a carried-forward line) must fit too.
                reserve = max(reserve, SUB_H)
            if ROW_H + reserve > room:
                if self._has_totals:
                    self._add_forward(table, "{section}, carried forward")
                return False
            self._add_row(table, event)
        self._events.pop()
        return True

    def _is_last_row(self) -> bool:
        return isinstance(self._events.peek(1), _End) and isinstance(self._events.peek(2), _Grand)

    def _start_section(self, table: PageRows, section: Section) -> None:
        self._section = section
        self._section_totals = Totals(self._keys)
        table.add("title", [section.title] + [""] * (len(self.columns) - 1), TITLE_H)
        table.add("header", self._styler.header_cells(), HEADER_H)

    def _end_section(self, table: PageRows, section: Section) -> None:
        if self._has_totals and section.subtotal:
            label = self.wording("Subtotal {section}", section=section.title)
            table.add("subtotal", self._total_cells(label, self._section_totals), SUB_H)
        self.grand_totals.add_totals(self._section_totals)
        self._section = None

    def _add_row(self, table: PageRows, row: Any) -> None:
        values = self._read(row)
        if self._keys:
            self._section_totals.add(values)
        wording = self.wording
        cells = [column.formatter(values[column.key], wording) for column in self.columns]
        table.add("row", cells, ROW_H)
        self.rows_done += 1

    def _add_forward(self, table: PageRows, template: str) -> None:
        title = self._section.title if self._section is not None else ""
        label = self.wording(template, section=title)
        table.add("forward", self._total_cells(label, self._section_totals), CF_H)

    def _total_cells(self, label: str, totals: Totals) -> list[str]:
        cells = [column.formatter(totals.sums[column.key], self.wording) if column.total else ""
                 for column in self.columns]
        first_total = next(i for i, column in enumerate(self.columns) if column.total)
        # The label spans the columns left of the first total; with none there it takes column 0.
        span = max(first_total, 1)
        cells[0] = fit_text(label, self._styler.span_width(span), bold=True)
        return cells


class _CancelError(Exception):
    """Raised inside the layout loop when the person cancels."""


class RowStream(Flowable):
    """A flowable that is never drawn itself: it splits into one page of rows at a time."""

    def __init__(self, chunker: PageChunker, width: float) -> None:
        super().__init__()
        self._chunker = chunker
        self._width = width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Claim more than the space left so that the frame always asks us to split."""
        return self._width, avail_height + 1.0

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """A page of rows that fits `avail_height`, then this stream again unless the rows have run out."""
        table = self._chunker.next_table(avail_height - 0.5)
        if table is None:
            return []
        # platypus marks a flowable that had to wait for a new frame; we are a fresh piece each time.
        self.__dict__.pop("_postponed", None)
        return [table] if self._chunker.done else [table, self]

    def draw(self) -> None:
        """Nothing to draw: the pages of rows do the drawing."""


CancelSignal = _CancelError
