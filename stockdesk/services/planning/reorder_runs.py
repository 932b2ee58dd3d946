"""Recalculating reorder suggestions incrementally: only the items whose inputs changed since the last run.

A `ReorderRun` is one calculation's every line and the change mark taken before it read anything
(`reorder_changes`). The next `recalculate` given it recomputes the items with a changed key (a sale,
a receipt, a pulled movement, a reorder point, an order line, an item's or supplier's fields) and
keeps every other line as it was, which is exact because a line depends only on its own item's and
key's rows. A whole run is made instead when there is no earlier run for the same store, when the
calendar day changed (every forecast's window moved), when a whole store or the planning settings
changed, or when so many items changed that reading them one by one costs more than a whole run.

The caller keeps the run (the window's Reorder page does): the lines stay where they are, in memory.
"""

from __future__ import annotations

import uuid
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from stockdesk.db.models import Store
from stockdesk.domain.ids import StoreId
from stockdesk.services.gc_pause import collector_paused
from stockdesk.services.planning import reorder_changes
from stockdesk.services.planning.reorder import (
    SuggestionRow,
    Watch,
    checkpoint,
    lines_of,
    read_inputs,
)
from stockdesk.services.uow import UnitOfWork

# Changed items from which a whole run is cheaper: each changed item is read through the ledger's item
# index, a whole run scans the year's sales once.
WHOLE_RUN_FROM = 100_000


@dataclass(frozen=True)
class ReorderRun:
    """Every line of one calculation, in the page's order (store code, SKU), and what it was made from."""

    rows: list[SuggestionRow]
    store_id: StoreId | None
    day: date  # the calendar day (UTC) of the calculation: the forecasts' window ends there
    mark: str  # the change record's position before the run read anything
    full: bool  # every line computed (False: only `recomputed` items' lines)
    recomputed: int  # items computed again (in a whole run: the lines)

    def lines(self, only_orders: bool) -> list[SuggestionRow]:
        return [r for r in self.rows if r.suggested_qty > 0] if only_orders else self.rows


def recalculate(
    uow: UnitOfWork,
    previous: ReorderRun | None = None,
    *,
    store_id: StoreId | None = None,
    as_of: datetime | None = None,
    watch: Watch | None = None,
) -> ReorderRun:
    """Suggestions for every (item, store), recomputing only what changed since `previous`."""
    until = as_of or datetime.now(UTC)
    day = until.astimezone(UTC).date()
    with collector_paused():
        checkpoint(watch, "reading stock")
        with uow:
            store = uow.get(Store, store_id, "store").id if store_id is not None else None
            mark = reorder_changes.mark(uow)  # before any input is read: see reorder_changes
            changed = _changed_items(uow, previous, store_id, day)
            if changed is None:
                inputs = read_inputs(uow, store, until, watch)
            elif changed:
                inputs = read_inputs(uow, store, until, watch, items=sorted(changed))
        if changed is None:
            rows = lines_of(inputs, False, watch)
            return ReorderRun(rows, store_id, day, mark, True, len(rows))
        assert previous is not None  # a part run always has one
        if not changed:
            return replace(previous, mark=mark, full=False, recomputed=0)
        fresh = lines_of(inputs, False, watch)
        return ReorderRun(_merged(previous.rows, changed, fresh), store_id, day, mark, False, len(changed))


def _changed_items(
    uow: UnitOfWork, previous: ReorderRun | None, store_id: StoreId | None, day: date
) -> frozenset[uuid.UUID] | None:
    """The items to compute again, or None for a whole run."""
    if previous is None or previous.store_id != store_id or previous.day != day:
        return None
    changes = reorder_changes.since(uow, previous.mark)
    whole_store = changes.stores if store_id is None else changes.stores & {store_id}
    if changes.everything or whole_store or len(changes.items) >= WHOLE_RUN_FROM:
        return None
    return changes.items


def _order(row: SuggestionRow) -> tuple[str, str]:
    return row.store_code, row.sku


def _merged(
    rows: list[SuggestionRow], changed: frozenset[uuid.UUID], fresh: list[SuggestionRow]
) -> list[SuggestionRow]:
    """`rows` without the changed items' lines, with `fresh` (in order) put where a whole run puts them."""
    kept = [r for r in rows if r.item_id not in changed]
    merged: list[SuggestionRow] = []
    last = 0
    for row in fresh:
        cut = bisect_left(kept, _order(row), lo=last, key=_order)
        merged += kept[last:cut]
        merged.append(row)
        last = cut
    merged += kept[last:]
    return merged
