"""Where stock sits inside a store (a tree of locations) and which batch it came from (lots, serials).

A movement may name a location and a lot; `stock_place` holds the level per (item, store, location,
lot) of the movements that do, kept by a trigger on `stock_movement` in the same statement (so every
writer — the ledger, a stocktake's set-based post, a sync pull — keeps it without knowing of it).
Movements that name neither, which is all of them in a store without locations and for an untracked
item, cost nothing extra: their stock is the store's "unplaced" remainder, `stock_level` minus the
item's `stock_place` rows, which is also where an old database's stock is after the upgrade.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import Base, Quantity, Synced

# `stock_place` keys a place without a location or without a lot by this id (a primary key has no NULLs).
NO_PLACE = uuid.UUID(int=0)


class Location(Synced, Base):
    """A zone, aisle, shelf or bin of one store; `code` is printed on its label and scanned."""

    __tablename__ = "location"
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("store.id"), index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("location.id"), index=True, default=None)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(16), default="bin")
    active: Mapped[bool] = mapped_column(default=True)


class Lot(Synced, Base):
    """A batch of one item (a serial number is a lot of one unit).

    Its id is derived from (item, code), so two desks that receive the same lot offline create the
    same row and their movements meet in one place after sync.
    """

    __tablename__ = "lot"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    code: Mapped[str] = mapped_column(String(64))
    expires_on: Mapped[date | None] = mapped_column(default=None)
    __table_args__ = (
        UniqueConstraint("item_id", "code"),
        # The expiry alerts read dated lots soonest first; lots without a date are not indexed (0029).
        Index(
            "ix_lot_expires_on",
            "expires_on",
            "id",
            sqlite_where=text("expires_on IS NOT NULL"),
            postgresql_where=text("expires_on IS NOT NULL"),
        ),
    )


class StockPlace(Base):
    """On-hand per item, store, location and lot, for movements that name a location or a lot."""

    __tablename__ = "stock_place"
    item_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    store_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    location_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    lot_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    on_hand: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    __table_args__ = (
        Index("ix_stock_place_store_location", "store_id", "location_id"),
        Index("ix_stock_place_lot", "lot_id"),
    )


def lot_id_of(item_id: uuid.UUID, code: str) -> uuid.UUID:
    return uuid.uuid5(item_id, code)
