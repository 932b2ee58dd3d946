"""What a batch of movements is made of before the ledger writes it: postings and the items they name.

Shared by the ledger, which writes them, and the alerts, which judge them; kept apart so that
neither has to import the other to name them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from stockdesk.db.models import Store
from stockdesk.domain.movements import MovementKind

Key = tuple[uuid.UUID, uuid.UUID]
# session.info key: the levels a sale's picking has just read (and locked on PostgreSQL), by Key; the
# ledger's next posting takes them instead of reading them again.
LEVELS_READ = "levels_read_for_posting"


class StockItem(Protocol):
    """What posting needs to know about an item (an ORM `Item` has all of it)."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def sku(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def active(self) -> bool: ...
    @property
    def reorder_point(self) -> Decimal: ...
    @property
    def category_id(self) -> uuid.UUID | None: ...
    @property
    def tracking(self) -> str: ...
    @property
    def is_template(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class ItemRef:
    """The columns of an item that posting reads, without an ORM object behind them."""

    id: uuid.UUID
    sku: str
    name: str
    active: bool
    reorder_point: Decimal
    category_id: uuid.UUID | None
    tracking: str = "none"
    is_template: bool = False  # a variants' template: never stocked


@dataclass(frozen=True)
class Posting:
    """A movement about to be written; `quantity` is already signed."""

    item: StockItem
    store: Store
    kind: MovementKind
    quantity: Decimal
    reference: str = ""
    unit_cost: Decimal | None = None
    counted_quantity: Decimal | None = None
    transfer_id: uuid.UUID | None = None
    reverses_id: uuid.UUID | None = None
    at: datetime | None = None
    location_id: uuid.UUID | None = None  # where in the store (None: the store's unplaced stock)
    lot_id: uuid.UUID | None = None  # which lot or serial (None: an untracked item)

    @property
    def key(self) -> Key:
        return (self.item.id, self.store.id)
