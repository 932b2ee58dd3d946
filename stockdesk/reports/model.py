"""What a report is made of, independent of its output format (PDF or CSV).

A report is a list of `Column`s and a stream of `Section`s whose rows are plain mappings or
dataclasses (whatever the services return). Totals are exact `Decimal` sums of the raw values,
never of the formatted text, so the PDF, the CSV and the screen agree to the cent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from stockdesk.domain.errors import StockDeskError
from stockdesk.i18n.wording import Wording
from stockdesk.private_files import atomic_private
from stockdesk.reports.formatters import Formatter, text

Align = Literal["left", "right", "center"]
ProgressCallback = Callable[[int], None]
CancelCheck = Callable[[], bool]


class ReportCancelled(StockDeskError):
    """The person cancelled the report; no output file was left behind."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"report {path.name} cancelled; nothing was written")


@dataclass(frozen=True)
class Column:
    """One report column.

    `width` is in millimetres; the PDF scales all widths together when they do not add up to the
    page's text width, so they act as proportions too. `formatter` turns the raw value into the
    text shown in the PDF, in the document's language (the PDF translates the header too); the CSV
    writes the raw value exactly under the English header, so scripts read every shop's files alike.
    A `total` column is summed into carried-forward lines, section subtotals and the grand total.
    """

    key: str
    header: str
    width: float = 25.0
    align: Align = "left"
    formatter: Formatter = text
    total: bool = False


@dataclass(frozen=True)
class ReportMeta:
    """The facts printed on every page."""

    title: str
    stores: Sequence[str]
    period: str
    generated_by: str
    generated_at: datetime

    def stores_text(self, wording: Wording) -> str:
        return ", ".join(self.stores) if self.stores else wording("All stores")

    def generated_text(self, wording: Wording) -> str:
        at = wording.moment(self.generated_at)
        return wording("Generated {at} by {user}", at=at, user=self.generated_by)


@dataclass
class Section:
    """A group of rows with its own subtotal; `rows` may be a one-shot iterator (it is read once)."""

    title: str
    rows: Iterable[Any]
    subtotal: bool = True


@dataclass
class PreparedSection:
    """The CSV fast path for very long reports: lines already as CSV cells, totals summed by the producer.

    `lines` are complete CSV records (section title, "row", then one text cell per column, already
    exact and formula-safe); `totals()` gives the exact sums of the total columns once `lines` has
    been read. Writing a million lines this way costs the csv module's time, not a dict per row.
    """

    title: str
    lines: Iterable[Sequence[str]]
    totals: Callable[[], Mapping[str, Decimal]]
    subtotal: bool = True


@dataclass
class Totals:
    """Running exact sums of the total columns."""

    keys: tuple[str, ...]
    sums: dict[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sums = {key: Decimal(0) for key in self.keys}

    def add(self, values: Mapping[str, Any]) -> None:
        for key in self.keys:
            self.sums[key] += as_decimal(key, values[key])

    def add_totals(self, other: Totals) -> None:
        for key in self.keys:
            self.sums[key] += other.sums[key]


def as_decimal(key: str, value: Any) -> Decimal:
    """A summable value; floats are refused because they would not add up to the cent."""
    if value is None:
        return Decimal(0)
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"total column {key!r} needs Decimal or int values, got {type(value).__name__}")
    return Decimal(value)


def total_keys(columns: Sequence[Column]) -> tuple[str, ...]:
    return tuple(column.key for column in columns if column.total)


def row_reader(columns: Sequence[Column]) -> Callable[[Any], dict[str, Any]]:
    """A function giving a row's raw values by column key, for mappings and plain objects alike."""
    keys = [column.key for column in columns]

    def read(row: Any) -> dict[str, Any]:
        if isinstance(row, Mapping):
            return {key: row.get(key) for key in keys}
        return {key: getattr(row, key, None) for key in keys}

    return read


def check_cancelled(cancelled: CancelCheck | None, path: Path) -> None:
    if cancelled is not None and cancelled():
        raise ReportCancelled(path)


# Reports, labels and CSVs are written 0600 next to their final name and moved into place when complete:
# a cancelled report leaves nothing, an older one stays intact until the new one is whole.
atomic_output = atomic_private
