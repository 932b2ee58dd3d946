"""Attributes of an item template (size, colour, ...) with their ordered values (docs/variants.md).

The variants themselves are ordinary `item` rows (`template_id`, `variant_values`), so the ledger,
stock levels, scanning, reorder, sync and reports treat them as any item.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import Base, Synced


class ItemAttribute(Synced, Base):
    """One attribute of one template; `item_id` is the template (so sync checks it as the item's child)."""

    __tablename__ = "item_attribute"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The values in the order the matrix shows them, as a JSON list of strings.
    choices: Mapped[str] = mapped_column(Text, default="[]")
    __table_args__ = (UniqueConstraint("item_id", "name"),)
