"""Pack units of an item: a case of 12, a pallet of 480, each with its own barcode.

The ledger counts in the item's stock unit; a pack only says how many of them a pack holds, so a
scan of a case's barcode posts `factor` units. A pack's code shares the namespace of item barcodes
(the services refuse a code that either table holds) but lives in its own table so the counter's
barcode look-up stays one indexed join (issue 21).
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import Base, Quantity, Synced


class ItemPack(Synced, Base):
    """One pack unit of one item."""

    __tablename__ = "item_pack"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    factor: Mapped[Decimal] = mapped_column(Quantity)
    # NULL when the pack has no barcode of its own (a pallet nobody scans).
    code: Mapped[str | None] = mapped_column(String(128), unique=True, default=None)
    # The pack the supplier sells: purchase suggestions round up to whole packs of it.
    purchase: Mapped[bool] = mapped_column(default=False)
    __table_args__ = (UniqueConstraint("item_id", "name"),)
