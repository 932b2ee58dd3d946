"""Per-store reorder points: read, set and resolve the point that applies to (item, store).

The item's own `reorder_point` is the default for every store; a `StoreReorderPoint` row overrides
it (and the reorder quantity) for one store. Setting an override to None removes it (tombstone, so
the removal syncs like any other edit).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, and_, bindparam, select
from sqlalchemy.orm import Session

from stockdesk.db.id_lists import id_in
from stockdesk.db.models import Item, Store
from stockdesk.db.store_points_models import StoreReorderPoint
from stockdesk.domain.ids import ItemId, StoreId
from stockdesk.domain.numbers import QuantityInput, parse_quantity
from stockdesk.domain.permissions import Action, Actor, require
from stockdesk.services.accounts import audit
from stockdesk.services.uow import UnitOfWork

Key = tuple[uuid.UUID, uuid.UUID]
Override = tuple[QuantityInput, QuantityInput] | None  # (reorder point, reorder qty) as typed; None removes


@dataclass(frozen=True)
class StorePoint:
    reorder_point: Decimal
    reorder_qty: Decimal


def overrides_of(session: Session, item_id: uuid.UUID) -> dict[uuid.UUID, StorePoint]:
    """The item's per-store overrides, store id -> point (stores without a row use the item's)."""
    row = StoreReorderPoint
    rows = session.execute(
        select(row.store_id, row.reorder_point, row.reorder_qty).where(
            row.item_id == item_id, row.deleted.is_(False)
        )
    )
    return {store_id: StorePoint(point, qty) for store_id, point, qty in rows}


_ONE_ITEM = select(
    StoreReorderPoint.store_id, StoreReorderPoint.reorder_point, StoreReorderPoint.reorder_qty
).where(
    StoreReorderPoint.item_id == bindparam("item", type_=StoreReorderPoint.item_id.type),
    StoreReorderPoint.deleted.is_(False),
)


def overrides_for(session: Session, item_ids: Iterable[uuid.UUID]) -> dict[Key, StorePoint]:
    """Every live override of these items, (item id, store id) -> point; one query."""
    ids = sorted(set(item_ids))
    if not ids:
        return {}
    if len(ids) == 1:  # a sale at the counter: a statement built once, the item's rows by its index
        rows = session.execute(_ONE_ITEM, {"item": ids[0]})
        return {(ids[0], store_id): StorePoint(point, qty) for store_id, point, qty in rows}
    rows = session.execute(
        select(
            StoreReorderPoint.item_id,
            StoreReorderPoint.store_id,
            StoreReorderPoint.reorder_point,
            StoreReorderPoint.reorder_qty,
        ).where(
            id_in(session.get_bind().dialect.name, StoreReorderPoint.item_id, ids),
            StoreReorderPoint.deleted.is_(False),
        )
    )
    return {(item_id, store_id): StorePoint(point, qty) for item_id, store_id, point, qty in rows}


# session.info key: {(item id, store id): its override, None for none}, read with the rows a single
# movement's preload loaded anyway (one round trip fewer per posting), kept for one transaction.
KNOWN_OVERRIDES = "known_store_points"


def live_point_of(item_id: Any, store_id: Any) -> ColumnElement[bool]:
    """The join condition of the store's own (live) reorder point for an item, for a read that
    outer-joins `StoreReorderPoint` to rows that carry the item's and the store's ids."""
    return and_(
        StoreReorderPoint.item_id == item_id,
        StoreReorderPoint.store_id == store_id,
        StoreReorderPoint.deleted.is_(False),
    )


def override_columns(item_id: Any, store_id: Any) -> tuple[ScalarSelect[Decimal], ScalarSelect[Decimal]]:
    """For a read that has the item's and the store's rows: the store's own reorder point and
    quantity for the item (null: none; one live row at most, the pair is unique)."""

    def one(column: Any) -> ScalarSelect[Decimal]:
        return select(column).where(live_point_of(item_id, store_id)).scalar_subquery()

    return one(StoreReorderPoint.reorder_point), one(StoreReorderPoint.reorder_qty)


def remember_override(session: Session, key: Key, point: Decimal | None, qty: Decimal | None) -> None:
    known: dict[Key, StorePoint | None] = session.info.setdefault(KNOWN_OVERRIDES, {})
    known[key] = StorePoint(point, qty) if point is not None and qty is not None else None


def overrides_at(session: Session, keys: Sequence[Key]) -> dict[Key, StorePoint]:
    """The live overrides of these (item, store) pairs: from what this transaction already read
    when it read them all, else `overrides_for` (one query)."""
    known: dict[Key, StorePoint | None] = session.info.get(KNOWN_OVERRIDES, {})
    if all(key in known for key in keys):
        return {key: point for key in keys if (point := known[key]) is not None}
    return overrides_for(session, (item_id for item_id, _store in keys))


def overrides_of_items(uow: UnitOfWork, item_ids: Iterable[uuid.UUID]) -> dict[Key, StorePoint]:
    """`overrides_for` in a short read of its own (an export asks once per batch of rows)."""
    with uow:
        return overrides_for(uow.session, item_ids)


def write_overrides(
    uow: UnitOfWork, overrides: Mapping[uuid.UUID, Mapping[uuid.UUID, Sequence[Decimal | None]]]
) -> int:
    """Inside the caller's transaction (an import): item id -> store id -> [point, quantity], checked
    already; a missing half keeps the stored value, or the item's own for a new override."""
    items = list(overrides)
    stored = {
        (row.item_id, row.store_id): row
        for start in range(0, len(items), 500)
        for row in uow.session.scalars(
            select(StoreReorderPoint).where(StoreReorderPoint.item_id.in_(items[start : start + 500]))
        )
    }
    defaults = {
        item_id: (point, qty)
        for start in range(0, len(items), 500)
        for item_id, point, qty in uow.session.execute(
            select(Item.id, Item.reorder_point, Item.reorder_qty).where(
                Item.id.in_(items[start : start + 500])
            )
        ).tuples()
    }
    written = 0
    for item_id, places in overrides.items():
        for store_id, (point, qty) in places.items():
            row = stored.get((item_id, store_id))
            if row is None:
                row = StoreReorderPoint(
                    item_id=item_id,
                    store_id=store_id,
                    reorder_point=defaults[item_id][0],
                    reorder_qty=defaults[item_id][1],
                )
                uow.session.add(row)
            if point is not None:
                row.reorder_point = point
            if qty is not None:
                row.reorder_qty = qty
            row.deleted = False
            written += 1
    uow.session.flush()
    return written


def set_overrides(
    uow: UnitOfWork, actor: Actor, item_id: ItemId, overrides: Mapping[StoreId, Override]
) -> int:
    """Set (store id -> (point, quantity)) or remove (store id -> None) an item's per-store points.

    Every value is checked before anything is written: one bad value refuses the lot, naming it.
    """
    with uow:
        require(actor, Action.MANAGE_CATALOGUE)
        uow.actor_id = actor.id
        item = uow.get(Item, item_id, "item")
        cleaned: dict[uuid.UUID, StorePoint | None] = {}
        for store_id, value in overrides.items():
            store = uow.get(Store, store_id, "store")
            if value is None:
                cleaned[store.id] = None
                continue
            point, qty = value
            cleaned[store.id] = StorePoint(
                parse_quantity(f"reorder_point ({store.code})", point, allow_zero=True),
                parse_quantity(f"reorder_qty ({store.code})", qty, allow_zero=True),
            )
        query = select(StoreReorderPoint).where(StoreReorderPoint.item_id == item.id)
        existing = {row.store_id: row for row in uow.session.scalars(query)}
        for place, wanted in cleaned.items():
            row = existing.get(place)
            if wanted is None:
                if row is not None:
                    row.deleted = True
                continue
            if row is None:
                row = StoreReorderPoint(item_id=item.id, store_id=place)
                uow.session.add(row)
            row.reorder_point, row.reorder_qty, row.deleted = wanted.reorder_point, wanted.reorder_qty, False
        audit.record(uow, actor, "item.store_points", "item", item.id, stores=len(cleaned))
        uow.commit()
        return len(cleaned)
