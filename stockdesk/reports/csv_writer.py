"""Any report as CSV: the same columns, rows, subtotals and grand total as its PDF.

Values are written raw and exact (Decimal via str, never through float; dates ISO 8601) so a
spreadsheet or a script reads back precisely what the PDF shows rounded. Two leading columns,
"Section" and "Line", say which group a line belongs to and whether it is a "row", a "subtotal"
or the "total", so totals can be filtered out without guessing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from stockdesk.reports.model import (
    CancelCheck,
    Column,
    PreparedSection,
    ProgressCallback,
    Section,
    Totals,
    check_cancelled,
    row_reader,
    total_keys,
)
from stockdesk.services.exchange.csv_files import cell_text, csv_output

# Checking a callback for every row would cost more than writing the row.
_CHECK_EVERY = 5000
ROW, SUBTOTAL, TOTAL = "row", "subtotal", "total"

# Kept under their old names: report modules and tests use them.
csv_value = cell_text


def write_csv(path: Path | str, columns: Sequence[Column], sections: Iterable[Section | PreparedSection], *,
              progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None) -> Totals:
    """Stream the report to `path` (UTF-8 with BOM so spreadsheets detect it, 0600); return the totals.

    Like the PDF, the file appears only when complete; cancelling raises ReportCancelled.
    """
    path = Path(path)
    keys = total_keys(columns)
    read = row_reader(columns)
    grand = Totals(keys)
    written = 0
    with csv_output(path) as safe:
        writer = safe.raw  # cells below already pass csv_value; prepared lines come formula-safe
        writer.writerow(["Section", "Line", *(column.header for column in columns)])
        for section in sections:
            if isinstance(section, PreparedSection):
                written += _write_prepared(writer, columns, section, grand, _ticker(
                    progress, cancelled, written, path))
                continue
            subtotal = Totals(keys)
            for row in section.rows:
                values = read(row)
                if keys:
                    subtotal.add(values)
                writer.writerow([section.title, ROW, *(csv_value(values[c.key]) for c in columns)])
                written += 1
                if written % _CHECK_EVERY == 0:
                    _report(progress, cancelled, written, path)
            if keys and section.subtotal:
                writer.writerow(_total_line(section.title, SUBTOTAL, columns, subtotal))
            grand.add_totals(subtotal)
        if keys:
            writer.writerow(_total_line("", TOTAL, columns, grand))
        _report(progress, cancelled, written, path)
    return grand


def _write_prepared(writer: Any, columns: Sequence[Column], section: PreparedSection, grand: Totals,
                    tick: Callable[[int], None]) -> int:
    """Write the section's ready lines in batches, `tick(lines so far)` between them; returns the count."""
    written = 0
    lines = iter(section.lines)
    while batch := list(itertools.islice(lines, _CHECK_EVERY)):
        writer.writerows(batch)
        written += len(batch)
        tick(written)
    subtotal = Totals(grand.keys)
    for key, value in section.totals().items():
        subtotal.sums[key] = value
    if grand.keys and section.subtotal:
        writer.writerow(_total_line(section.title, SUBTOTAL, columns, subtotal))
    grand.add_totals(subtotal)
    return written


def _total_line(section: str, kind: str, columns: Sequence[Column], totals: Totals) -> list[str]:
    return [section, kind, *(str(totals.sums[c.key]) if c.total else "" for c in columns)]


def _ticker(progress: Callable[[int], None] | None, cancelled: CancelCheck | None, done: int,
            path: Path) -> Callable[[int], None]:
    """`_report` for a prepared section, counting on from the `done` lines written before it."""
    return lambda n: _report(progress, cancelled, done + n, path)


def _report(progress: Callable[[int], None] | None, cancelled: CancelCheck | None, written: int,
            path: Path) -> None:
    check_cancelled(cancelled, path)
    if progress is not None:
        progress(written)
