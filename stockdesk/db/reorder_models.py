"""What changed for the reorder calculation since its last run: one stamped row per (item, store).

Triggers (`db/reorder_marks.py`) on every table the calculation reads stamp the keys a write touches,
so every writer — the ledger, a stocktake post, a sync pull, a snapshot load, an import, an edit —
marks its changes without knowing of this table. A key of the nil id stands for "every store" (an
item's own fields) or "every item" (a store's); nil and nil is everything (the planning settings).

`stamp` is a change sequence on SQLite (writers take turns, so it grows in commit order) and the
writing transaction's id on PostgreSQL (read against a snapshot: see `services/planning/reorder_changes`).
The table never grows past one row per key: a later change of a key restamps its row.
"""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from stockdesk.db.base import Base

EVERY = uuid.UUID(int=0)  # the nil id: every store, or every item


class ReorderChange(Base):
    """The latest change stamp of one (item, store) key of the reorder calculation."""

    __tablename__ = "reorder_change"
    item_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    store_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    stamp: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (Index("ix_reorder_change_stamp", "stamp"),)


class ReorderBulk(Base):
    """A row while a bulk writer stamps its new rows' keys itself (SQLite; `db/reorder_bulk.py`)."""

    __tablename__ = "reorder_bulk"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
