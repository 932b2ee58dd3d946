"""A purchase order as a PDF, on the shared report page template (title, store, page x of y)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from stockdesk.db.base import utcnow
from stockdesk.reports.formatters import money, quantity
from stockdesk.reports.model import Column, ReportMeta, Section
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


COLUMNS = [
    Column("line_no", "#", 8, "right"),
    Column("sku", "SKU", 28),
    Column("name", "Item", 70),
    Column("quantity", "Quantity", 22, "right", quantity),
    Column("unit_cost", "Unit cost", 22, "right", money),
    Column("amount", "Amount", 26, "right", money, total=True),
]


@dataclass(frozen=True)
class _Row:
    line_no: int
    sku: str
    name: str
    quantity: Decimal
    unit_cost: Decimal
    amount: Decimal


def write_order_pdf(order: Order, path: Path, *, by: str, at: datetime | None = None) -> Path:
    """Write `order` to `path` (atomically) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = ReportMeta(
        title=f"Purchase order {order.number} - {order.supplier}",
        stores=[order.store_code],
        period=f"Deliver to {order.store_code}",
        generated_by=by,
        generated_at=at or utcnow(),
    )
    rows = [
        _Row(
            line.line_no,
            line.sku,
            line.name,
            line.quantity,
            line.unit_cost,
            (line.quantity * line.unit_cost).quantize(Decimal("0.01")),
        )
        for line in order.lines
    ]
    return ReportDocument(meta, COLUMNS).write_pdf(path, [Section(order.supplier, rows)])
