"""Shared by the report tests: a small shop built through the services, and reading files back."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pypdfium2
from pypdf import PdfReader

from stockdesk.domain.movements import MovementKind
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest

# The anchor for rows a test dates ("10 days before NOW"): a fixed instant, so no test depends on when it
# runs. Rows the services stamp with the real clock (a transfer, a reversal) come later than all of them;
# a test that needs "after everything" takes it from the rows written (`Shop.after_last`).
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class Shop:
    """Items by SKU and the ledger as the test itself wrote it: (at, sku, store code, signed qty)."""

    items: dict[str, object] = field(default_factory=dict)
    costs: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    stores: dict[str, object] = field(default_factory=dict)
    ledger: list[tuple[datetime, str, str, Decimal]] = field(default_factory=list)

    def on_hand(self, until: datetime) -> dict[tuple[str, str], Decimal]:
        levels: dict[tuple[str, str], Decimal] = {}
        for at, sku, store, qty in self.ledger:
            if at < until:
                levels[sku, store] = levels.get((sku, store), Decimal(0)) + qty
        return {key: qty for key, qty in levels.items() if qty != 0}

    def after_last(self) -> datetime:
        """An instant after every row of the ledger, however long the machine took to write them."""
        return max(at for at, *_ in self.ledger) + timedelta(seconds=1)

    def value(self, until: datetime, which: int = 0) -> Decimal:
        return sum(
            (cents(q * self.costs[sku][which]) for (sku, _), q in self.on_hand(until).items()), Decimal(0)
        )


def add_item(db, actor, shop: Shop, sku: str, cost: str, sell: str, **other) -> None:
    view = catalog.create_item(
        db.uow(), actor, sku=sku, name=f"Item {sku}", cost_price=cost, sell_price=sell, **other
    )
    shop.items[sku] = view.id
    shop.costs[sku] = (Decimal(cost), Decimal(sell))


def post(db, actor, shop: Shop, kind: MovementKind, sku: str, store: str, qty: str, at: datetime) -> object:
    [view] = stock.post_movements(
        db.uow(), actor, [MovementRequest(kind, shop.items[sku], shop.stores[store], qty, at=at)]
    )
    sign = -1 if kind is MovementKind.SALE else 1
    shop.ledger.append((at, sku, store, sign * Decimal(qty)))
    return view.id


def make_stores(db, admin, shop: Shop, *codes: str) -> None:
    for code in codes:
        shop.stores[code] = organisation.create_store(db.uow(), admin, code=code, name=f"Store {code}").id


def pdf_lines(path: Path) -> list[list[str]]:
    """Per page, the text lines (pypdf puts each table cell on a line of its own)."""
    return [
        [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
        for page in PdfReader(path).pages
    ]


def all_lines(path: Path) -> list[str]:
    return [line for page in pdf_lines(path) for line in page]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def save_artifact(pdf: Path, name: str) -> Path:
    """Rasterise the first page; kept in $STOCKDESK_ARTIFACTS (if set) for a person to look at."""
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil()
    folder = Path(os.environ.get("STOCKDESK_ARTIFACTS") or pdf.parent)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    image.save(target)
    return target
