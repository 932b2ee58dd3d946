"""Proving that the derived stock levels equal the ledger, and rebuilding them from it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, func, insert, select, text, update

from stockdesk.db import place_levels
from stockdesk.db.models import Item, StockLevel, StockMovement, Store
from stockdesk.db.place_models import NO_PLACE, Location, Lot, StockPlace
from stockdesk.db.search_models import (
    TALLY_SLOTS,
    catalogue_version,
    item_tally,
    low_tally,
    tallied_listed_items,
    tallied_low_items,
)
from stockdesk.domain.ids import ItemId
from stockdesk.services.catalogue import item_query
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.uow import UnitOfWork, rows_changed


@dataclass(frozen=True)
class LevelDifference:
    item_id: ItemId
    sku: str
    store_code: str
    on_hand: Decimal
    ledger: Decimal
    place: str = ""  # "location A-01-2, lot L7" for a place level; "" for the store's level


def ledger_sums(uow: UnitOfWork) -> dict[tuple[uuid.UUID, uuid.UUID], Decimal]:
    rows = uow.session.execute(
        select(StockMovement.item_id, StockMovement.store_id, func.sum(StockMovement.quantity)).group_by(
            StockMovement.item_id, StockMovement.store_id
        )
    )
    return {(item, store): total for item, store, total in rows}


def find_differences(uow: UnitOfWork) -> list[LevelDifference]:
    """Every (item, store) whose stock_level disagrees with the sum of its movements, and every
    (item, store, location, lot) whose stock_place does."""
    with uow:
        return _store_differences(uow) + _place_differences(uow)


def _store_differences(uow: UnitOfWork) -> list[LevelDifference]:
    ledger = ledger_sums(uow)
    levels = {
        (i, s): q
        for i, s, q in uow.session.execute(
            select(StockLevel.item_id, StockLevel.store_id, StockLevel.on_hand)
        )
    }
    wrong = [
        key
        for key in ledger.keys() | levels.keys()
        if ledger.get(key, Decimal(0)) != levels.get(key, Decimal(0))
    ]
    if not wrong:
        return []
    skus = dict(
        uow.session.execute(select(Item.id, Item.sku).where(Item.id.in_({k[0] for k in wrong})))
        .tuples()
        .all()
    )
    codes = dict(uow.session.execute(select(Store.id, Store.code)).tuples().all())
    return sorted(
        (
            LevelDifference(
                ItemId(i),
                skus.get(i, str(i)),
                codes.get(s, str(s)),
                levels.get((i, s), Decimal(0)),
                ledger.get((i, s), Decimal(0)),
            )
            for i, s in wrong
        ),
        key=lambda d: (d.sku, d.store_code),
    )


PlaceKey = tuple[uuid.UUID, uuid.UUID, uuid.UUID, uuid.UUID]


def _place_differences(uow: UnitOfWork) -> list[LevelDifference]:
    location = func.coalesce(StockMovement.location_id, NO_PLACE)
    lot = func.coalesce(StockMovement.lot_id, NO_PLACE)
    placed = StockMovement.location_id.is_not(None) | StockMovement.lot_id.is_not(None)
    ledger: dict[PlaceKey, Decimal] = {
        (i, s, loc, lt): q
        for i, s, loc, lt, q in uow.session.execute(
            select(
                StockMovement.item_id, StockMovement.store_id, location, lot, func.sum(StockMovement.quantity)
            )
            .where(placed)
            .group_by(StockMovement.item_id, StockMovement.store_id, location, lot)
        )
    }
    levels: dict[PlaceKey, Decimal] = {
        (i, s, loc, lt): q
        for i, s, loc, lt, q in uow.session.execute(
            select(
                StockPlace.item_id,
                StockPlace.store_id,
                StockPlace.location_id,
                StockPlace.lot_id,
                StockPlace.on_hand,
            )
        )
    }
    wrong = [
        k for k in ledger.keys() | levels.keys() if ledger.get(k, Decimal(0)) != levels.get(k, Decimal(0))
    ]
    if not wrong:
        return []
    skus = dict(uow.session.execute(select(Item.id, Item.sku)).tuples().all())
    codes = dict(uow.session.execute(select(Store.id, Store.code)).tuples().all())
    locations = dict(uow.session.execute(select(Location.id, Location.code)).tuples().all())
    lots = dict(uow.session.execute(select(Lot.id, Lot.code)).tuples().all())

    def place(loc: uuid.UUID, lt: uuid.UUID) -> str:
        parts = [f"location {locations.get(loc, loc)}"] if loc != NO_PLACE else []
        return ", ".join(parts + ([f"lot {lots.get(lt, lt)}"] if lt != NO_PLACE else []))

    return sorted(
        (
            LevelDifference(
                ItemId(k[0]),
                skus.get(k[0], str(k[0])),
                codes.get(k[1], str(k[1])),
                levels.get(k, Decimal(0)),
                ledger.get(k, Decimal(0)),
                place(k[2], k[3]),
            )
            for k in wrong
        ),
        key=lambda d: (d.sku, d.store_code, d.place),
    )


def rebuild_levels(uow: UnitOfWork) -> int:
    """Recompute every stock level from the ledger (after a sync pull or a repair)."""
    with uow:
        uow.session.execute(delete(StockLevel))
        query = select(
            StockMovement.item_id, StockMovement.store_id, func.sum(StockMovement.quantity)
        ).group_by(StockMovement.item_id, StockMovement.store_id)
        count = rows_changed(
            uow.session.execute(insert(StockLevel).from_select(["item_id", "store_id", "on_hand"], query))
        )
        place_levels.rebuild(uow.session.connection())
        uow.commit()
        return int(count or 0)


@dataclass(frozen=True)
class TallyDifference:
    tallied: int  # what the tally of listed items says (migration 0036)
    listed: int  # the items that are active and not deleted


def tally_difference(uow: UnitOfWork) -> TallyDifference | None:
    """On PostgreSQL, the tally of listed items when it disagrees with the items themselves."""
    if uow.dialect != "postgresql":
        return None
    with uow:
        tallied = uow.session.scalar(select(tallied_listed_items()))
        listed = uow.session.scalar(item_query.count_statement(uow, ItemFilter()))
    return None if tallied == listed else TallyDifference(int(tallied or 0), int(listed or 0))


def rebuild_tally(uow: UnitOfWork) -> int:
    """On PostgreSQL, the tally of listed items counted again from the items (after a restore that
    bypassed the triggers, say); the number of listed items, or 0 on SQLite, which keeps no tally.
    The catalogue's version moves on too, so no server serves a search page it kept before."""
    if uow.dialect != "postgresql":
        return 0
    with uow:
        # The items are locked against writers while counting: a new item's trigger adds to a slot
        # that would then be overwritten.
        uow.session.execute(text("LOCK TABLE item IN SHARE MODE"))
        listed = int(uow.session.scalar(item_query.count_statement(uow, ItemFilter())) or 0)
        uow.session.execute(delete(item_tally))
        # Every slot, as migration 0038 keeps them: a writer that finds none free waits for another.
        slots = [{"slot": slot, "listed": listed if slot == 0 else 0} for slot in range(TALLY_SLOTS)]
        uow.session.execute(insert(item_tally), slots)
        uow.session.execute(update(catalogue_version).values(version=catalogue_version.c.version + 1))
        uow.commit()
    return listed


# What item_summary's low-stock marks (migrations 0037, 0039) should be, per item, worked out from the
# items, their store points and their levels in one pass.
_LOW_MARKS = """
SELECT s.item_id, s.low_point, s.own_points, s.low_levels, w.point, w.own, coalesce(w.low, 0) AS low
FROM item_summary s
LEFT JOIN (
  SELECT p.id, p.point, p.own,
    count(l.item_id) FILTER (WHERE l.on_hand <= low_point_at(p.own, l.store_id, p.point)) AS low
  FROM (
    SELECT i.id,
      CASE WHEN i.active AND NOT i.deleted AND i.reorder_point > 0 THEN i.reorder_point END AS point,
      CASE WHEN i.active AND NOT i.deleted THEN o.own END AS own
    FROM item i
    LEFT JOIN (
      SELECT item_id, jsonb_object_agg(store_id::text, reorder_point) AS own
      FROM store_reorder_point WHERE NOT deleted GROUP BY item_id
    ) o ON o.item_id = i.id
  ) p
  LEFT JOIN stock_level l ON l.item_id = p.id
  WHERE p.point IS NOT NULL OR p.own IS NOT NULL
  GROUP BY p.id, p.point, p.own
) w ON w.id = s.item_id
"""
_WRONG = (
    "m.low_point IS DISTINCT FROM m.point OR m.own_points IS DISTINCT FROM m.own OR m.low_levels <> m.low"
)


def low_mark_difference(uow: UnitOfWork) -> int:
    """On PostgreSQL, how many items' low-stock marks disagree with their reorder points and levels
    (0 when all agree, and on SQLite, which keeps none)."""
    if uow.dialect != "postgresql":
        return 0
    with uow:
        wrong = uow.session.scalar(text(f"SELECT count(*) FROM ({_LOW_MARKS}) m WHERE {_WRONG}"))
    return int(wrong or 0)


def rebuild_low_marks(uow: UnitOfWork) -> int | None:
    """On PostgreSQL, every item's low-stock marks worked out again, and the tally of low items
    (migration 0043) counted again from them; the number of listed items now low (None on SQLite,
    which keeps no marks)."""
    if uow.dialect != "postgresql":
        return None
    with uow:
        # Writers wait meanwhile: a level or a store's point written between the reading and the
        # writing would be lost.
        uow.session.execute(text("LOCK TABLE item, stock_level, store_reorder_point IN SHARE MODE"))
        uow.session.execute(
            text(
                "UPDATE item_summary s SET low_point = m.point, own_points = m.own, low_levels = m.low "
                f"FROM ({_LOW_MARKS}) m "
                f"WHERE m.item_id = s.item_id AND ({_WRONG})"
            )
        )
        low = uow.session.scalar(item_query.count_statement(uow, ItemFilter(low_stock=True)))
        # The low tally (migration 0043) is that count (the items whose marks say low), every slot as
        # it keeps them.
        uow.session.execute(delete(low_tally))
        slots = [{"slot": slot, "low": int(low or 0) if slot == 0 else 0} for slot in range(TALLY_SLOTS)]
        uow.session.execute(insert(low_tally), slots)
        uow.commit()
    return int(low or 0)


def low_tally_difference(uow: UnitOfWork) -> tuple[int, int] | None:
    """On PostgreSQL, (what the low tally says, how many items' marks say low) when they disagree."""
    if uow.dialect != "postgresql":
        return None
    with uow:
        tallied = int(uow.session.scalar(select(tallied_low_items())) or 0)
        marked = uow.session.scalar(item_query.count_statement(uow, ItemFilter(low_stock=True)))
    return None if tallied == marked else (tallied, int(marked or 0))


def sku_clashes(uow: UnitOfWork) -> list[list[str]]:
    """Live items whose SKUs differ only by case or surrounding spaces ("D2", "d2 "), grouped.

    New clashes are refused by the services; these are older ones (migration 0009 reports them too)
    for a person to rename.
    """
    with uow:
        normalised = func.upper(func.trim(Item.sku))
        clashing = (
            select(normalised).where(Item.deleted.is_(False)).group_by(normalised).having(func.count() > 1)
        )
        groups: dict[str, list[str]] = {}
        live = Item.deleted.is_(False)
        query = select(normalised, Item.sku).where(live, normalised.in_(clashing)).order_by(Item.sku)
        rows = uow.session.execute(query)
        for key, sku in rows:
            groups.setdefault(key, []).append(sku)
        return [groups[key] for key in sorted(groups)]
