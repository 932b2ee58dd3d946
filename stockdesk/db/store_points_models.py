"""Per-store reorder points: a branch that sells faster than the others reorders at its own level.

A row overrides the item's own `reorder_point` / `reorder_qty` for one store; no row means the
item's values apply there (issue 17, item 6).
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import Base, Quantity, Synced


class StoreReorderPoint(Synced, Base):
    """The reorder point and quantity of one item in one store."""

    __tablename__ = "store_reorder_point"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("store.id"))
    reorder_point: Mapped[Decimal] = mapped_column(Quantity)
    reorder_qty: Mapped[Decimal] = mapped_column(Quantity)
    __table_args__ = (UniqueConstraint("item_id", "store_id"),)
