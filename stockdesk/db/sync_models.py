"""Tables of the sync protocol (see docs/sync-protocol.md).

Local bookkeeping (in `Base.metadata`, present in every database):
  sync_outbox        changes captured by triggers, waiting to be pushed
  sync_state         the pull cursor (one row)
  sync_clock         this desk's hybrid logical clock (one row, advanced inside the triggers)
  sync_mute          non-empty while pulled changes are applied, so they are not captured again
  sync_bulk          tables whose inserts a bulk write captures itself, set-based (migration 0006)
  sync_field_clock   HLC of this desk's own last edit of each field (decides whether a pulled value wins)
Shared, synced like any other entity (they carry the Synced mixin):
  sync_conflict      the losing value of a concurrent edit or a unique-key collision, for a person to judge
  sync_review        negative stock after a merge (an oversell on two offline desks)
Server only (`server_metadata`, created on PostgreSQL by the 0004 migration):
  change_log, sync_desk, server_field_clock, sync_server
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import NAMING, Base, Quantity, Synced


class SyncOutbox(Base):
    __tablename__ = "sync_outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hlc: Mapped[str] = mapped_column(String(64))  # also the change id: unique per desk and across desks
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(40))
    op: Mapped[str] = mapped_column(String(1))  # I insert, U update
    fields: Mapped[str] = mapped_column(Text, default="")  # comma list of changed fields (U only)
    data: Mapped[str] = mapped_column(Text)  # the whole row as JSON, values as the SQLite file stores them
    base_cursor: Mapped[int] = mapped_column(BigInteger, default=0)  # what this desk had pulled at edit time


class SyncState(Base):
    __tablename__ = "sync_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncClock(Base):
    __tablename__ = "sync_clock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    wall: Mapped[int] = mapped_column(BigInteger, default=0)
    counter: Mapped[int] = mapped_column(Integer, default=0)
    desk_id: Mapped[str] = mapped_column(String(64), default="")


class SyncMute(Base):
    __tablename__ = "sync_mute"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class SyncBulk(Base):
    """Tables whose inserts are captured set-based at the end of the current bulk write."""

    __tablename__ = "sync_bulk"
    tbl: Mapped[str] = mapped_column(String(64), primary_key=True)


class SyncFieldClock(Base):
    __tablename__ = "sync_field_clock"
    tbl: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(64))


class SyncConflict(Synced, Base):
    """A value that lost a merge; `status` open until a person keeps the winner or reverses it."""

    __tablename__ = "sync_conflict"
    kind: Mapped[str] = mapped_column(String(16))  # field | unique
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID] = mapped_column()
    field: Mapped[str] = mapped_column(String(64))
    kept_value: Mapped[str] = mapped_column(Text, default="")  # JSON, stored form
    lost_value: Mapped[str] = mapped_column(Text, default="")
    kept_desk: Mapped[str] = mapped_column(String(64), default="")
    lost_desk: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)


class SyncReview(Synced, Base):
    """Negative stock found after a merge, for a manager to settle with a compensating movement."""

    __tablename__ = "sync_review"
    item_id: Mapped[uuid.UUID] = mapped_column()
    store_id: Mapped[uuid.UUID] = mapped_column()
    on_hand: Mapped[Decimal] = mapped_column(Quantity)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (Index("ix_sync_review_item_store", "item_id", "store_id"),)


server_metadata = MetaData(naming_convention=NAMING)

change_log = Table(
    "change_log",
    server_metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("change_id", String(80), nullable=False, unique=True),
    Column("hlc", String(64), nullable=False),
    Column("tbl", String(64), nullable=False),
    Column("row_id", String(40), nullable=False),
    Column("op", String(1), nullable=False),
    Column("fields", Text, nullable=False, default=""),
    Column("data", Text, nullable=False),
    Column("origin_desk", String(64), nullable=False),
    Column("base_cursor", BigInteger, nullable=False, default=0),
    Column("logged_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

sync_desk = Table(
    "sync_desk",
    server_metadata,
    Column("desk_id", String(64), primary_key=True),
    Column("role_name", String(64), nullable=False, unique=True),
    Column("registered_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("last_seen_at", DateTime(timezone=True)),
)

server_field_clock = Table(
    "server_field_clock",
    server_metadata,
    Column("tbl", String(64), primary_key=True),
    Column("row_id", String(40), primary_key=True),
    Column("field", String(64), primary_key=True),
    Column("hlc", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("desk", String(64), nullable=False),
)

sync_server = Table(
    "sync_server",
    server_metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False, default=""),
)
