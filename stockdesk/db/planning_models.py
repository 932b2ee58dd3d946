"""Tables of purchase orders and stocktakes."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import Base, Quantity, Synced, utcnow


class PurchaseOrder(Synced, Base):
    """An order to one supplier for one store: draft -> sent -> partial -> received (or cancelled)."""

    __tablename__ = "purchase_order"
    number: Mapped[str] = mapped_column(String(40), unique=True)
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("supplier.id"), index=True)
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("store.id"))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    note: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(default=None)


class PurchaseOrderLine(Synced, Base):
    __tablename__ = "purchase_order_line"
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("purchase_order.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit_cost: Mapped[Decimal] = mapped_column(default=Decimal(0))
    received: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    reason: Mapped[str] = mapped_column(Text, default="")  # the suggestion's "why", kept for the buyer
    # The supplier's pack the line is ordered in, as it was when written ("" / None: in stock units).
    pack_name: Mapped[str] = mapped_column(Text, default="")
    pack_factor: Mapped[Decimal | None] = mapped_column(Quantity, default=None)


class Stocktake(Synced, Base):
    """A count session for one store (all items or some categories): open -> posted (or cancelled)."""

    __tablename__ = "stocktake"
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("store.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    scope: Mapped[str] = mapped_column(Text, default="")  # comma-separated category ids; "" = whole store
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    posted_at: Mapped[datetime | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    # What people call it ("Stocktake 12"): the next number on the desk that starts it. Desks counting
    # offline at the same moment may both take 12; the title (store or categories) still tells them apart.
    number: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Counted by location (the store had locations or placed stock at start): comma-separated zone ids
    # ("" = the whole store), and the places' expected frozen in `stocktake_place`.
    zones: Mapped[str] = mapped_column(Text, default="", server_default="")
    by_place: Mapped[bool] = mapped_column(default=False, server_default=false())


class StocktakeLine(Synced, Base):
    """One item of the session with what the books said when it started (frozen)."""

    __tablename__ = "stocktake_line"
    stocktake_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stocktake.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    expected: Mapped[Decimal] = mapped_column(Quantity)
    unit_cost: Mapped[Decimal] = mapped_column(default=Decimal(0))
    __table_args__ = (UniqueConstraint("stocktake_id", "item_id"),)


class StocktakeCount(Synced, Base):
    """One person's count of one item; counts of the same item add up (two people, two shelves)."""

    __tablename__ = "stocktake_count"
    stocktake_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stocktake.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    counted_by: Mapped[uuid.UUID | None] = mapped_column(default=None)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    # Where it was counted (a stocktake by location); NULL: the store's unplaced stock, an untracked item.
    location_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("location.id"), default=None)
    lot_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lot.id"), default=None)
    __table_args__ = (Index("ix_stocktake_count_take_item", "stocktake_id", "item_id"),)


class StocktakePlace(Synced, Base):
    """What the books said at start for one (item, location, lot) of a stocktake by location (frozen).

    NULL location: the item's unplaced stock in the store; NULL lot: stock without a lot.
    """

    __tablename__ = "stocktake_place"
    stocktake_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stocktake.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    location_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("location.id"), default=None)
    lot_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lot.id"), default=None)
    expected: Mapped[Decimal] = mapped_column(Quantity)
    __table_args__ = (Index("ix_stocktake_place_take_item", "stocktake_id", "item_id"),)
