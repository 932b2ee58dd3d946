"""Which (item, store) keys of the reorder calculation changed since a run: read from `reorder_change`.

A run takes a `mark` before it reads anything; the next run asks for the keys changed since that
mark, and gets every write the earlier run may not have seen (and perhaps a few it did: those are
recomputed once more, which is harmless). Never fewer: that is what makes an incremental run exact.

- SQLite: the mark is the largest stamp. Writers take turns and stamp max + 1, so whatever commits
  after the mark was read has a larger stamp.
- PostgreSQL: stamps are writing transactions' ids, which do not commit in their order; the mark is
  the reader's snapshot (`pg_current_snapshot()`), and "changed since" is "written by a transaction
  that snapshot did not see" (`pg_visible_in_snapshot`), which includes those still running then.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from stockdesk.db.reorder_models import EVERY, ReorderChange
from stockdesk.services import moments
from stockdesk.services.uow import UnitOfWork


@dataclass(frozen=True)
class Changes:
    """What changed: everything (the planning settings), whole stores, and items (in some store)."""

    everything: bool = False
    stores: frozenset[uuid.UUID] = field(default_factory=frozenset)
    items: frozenset[uuid.UUID] = field(default_factory=frozenset)


def mark(uow: UnitOfWork) -> str:
    """The position of the change record now, to be read before the data a run computes from."""
    if uow.dialect == "postgresql":
        return str(uow.session.scalar(select(moments.column())))
    return str(uow.session.scalar(select(func.coalesce(func.max(ReorderChange.stamp), 0))))


def since(uow: UnitOfWork, earlier: str) -> Changes:
    """The keys changed since `earlier` (a `mark`), folded into items, stores and everything."""
    if uow.dialect == "postgresql":
        keys = uow.session.execute(
            text(
                "SELECT item_id, store_id FROM reorder_change "
                "WHERE stamp >= pg_snapshot_xmin(CAST(:mark AS pg_snapshot))::text::bigint "
                "AND NOT pg_visible_in_snapshot(stamp::text::xid8, CAST(:mark AS pg_snapshot))"
            ).columns(ReorderChange.item_id, ReorderChange.store_id),
            {"mark": earlier},
        ).tuples()
    else:
        query = select(ReorderChange.item_id, ReorderChange.store_id).where(
            ReorderChange.stamp > int(earlier)
        )
        keys = uow.session.execute(query).tuples()
    everything = False
    stores: set[uuid.UUID] = set()
    items: set[uuid.UUID] = set()
    for item, store in keys:
        if item == EVERY and store == EVERY:
            everything = True
        elif item == EVERY:
            stores.add(store)
        else:
            items.add(item)
    return Changes(everything, frozenset(stores), frozenset(items))
