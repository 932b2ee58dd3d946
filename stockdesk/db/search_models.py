"""Per-item figures kept for fast sorting and filtering of the items table at a million rows.

`item_summary` holds each item's total on-hand over all stores and its first barcode, so the items
table can sort on those columns through an index instead of aggregating per row. It is derived data
(never synced): database triggers from migration 0002_search keep it in step with `item`,
`item_barcode` and `stock_level`, whichever code path writes them (ORM, Core executemany, sync pull).
The text-search index (FTS5 on SQLite, pg_trgm on PostgreSQL) lives in the same migration; it has no
model because SQLAlchemy has no notion of virtual tables or operator-class indexes.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Uuid,
    cast,
    func,
    literal_column,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import Base, Quantity


class ItemSummary(Base):
    __tablename__ = "item_summary"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), primary_key=True)
    on_hand: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    barcode: Mapped[str] = mapped_column(String(128), default="")
    __table_args__ = (
        Index("ix_item_summary_on_hand", "on_hand", "item_id"),
        Index("ix_item_summary_barcode", "barcode", "item_id"),
    )


class SearchDeferred(Base):
    """Has a row only inside a bulk insert that indexes its new items itself (migration 0005)."""

    __tablename__ = "search_deferred"
    id: Mapped[int] = mapped_column(primary_key=True)


# PostgreSQL only (migration 0036_item_tally): the number of listed items, in slots that statement
# triggers add to; the count is their sum. Not in `Base.metadata`: SQLite has no such table.
TALLY_SLOTS = 16  # all present from migration 0038 on
item_tally = Table(
    "item_tally",
    MetaData(),
    Column("slot", SmallInteger, primary_key=True),
    Column("listed", BigInteger, nullable=False),
)


def tallied_listed_items() -> ColumnElement[int]:
    """What the tally says: the sum of its slots."""
    return cast(func.coalesce(func.sum(item_tally.c.listed), 0), BigInteger)


# PostgreSQL only (migration 0043): the number of items whose low-stock marks say low
# (`item_summary.low_levels > 0`), in slots that a row trigger adds to as a mark turns over.
low_tally = Table(
    "low_tally",
    MetaData(),
    Column("slot", SmallInteger, primary_key=True),
    Column("low", BigInteger, nullable=False),
)


def tallied_low_items() -> ColumnElement[int]:
    """What the low tally says: the sum of its slots. (The 0 is written in, not a parameter: a page
    statement with no parameter keeps PostgreSQL's one plan; with one, it planned each run afresh.)"""
    return cast(func.coalesce(func.sum(low_tally.c.low), literal_column("0")), BigInteger)


# PostgreSQL only (migrations 0037, 0039): item_summary's columns that triggers keep for the low-stock
# list. `low_point` is the reorder point of a listed, watched item (else NULL) and `low_levels` how many
# of its levels are at or below the point that applies in their store (a store's own, kept in
# `own_points`, which only the triggers and `check` read). Not in `Base.metadata`: SQLite has neither.
item_low = Table(
    "item_summary",
    MetaData(),
    Column("item_id", Uuid, primary_key=True),
    Column("low_point", Quantity, nullable=True),
    Column("low_levels", Integer, nullable=False),
)


# PostgreSQL only (migration 0041): how many committed transactions have changed `item` or
# `item_barcode`. Triggers add one as each commits; nothing else writes it. Not in `Base.metadata`.
catalogue_version = Table(
    "catalogue_version",
    MetaData(),
    Column("id", SmallInteger, primary_key=True),
    Column("version", BigInteger, nullable=False),
)


def catalogue_version_now() -> ColumnElement[int]:
    """The catalogue's version as the statement reading it sees the catalogue (NULL: its row has gone)."""
    return select(catalogue_version.c.version).where(catalogue_version.c.id == 1).scalar_subquery()
