"""Posting a stocktake on SQLite set-based: the count movements and level changes as a few statements.

The rules are those of the general path (`stocktake._posting_lines` then `ledger.post_many`, which
PostgreSQL keeps using): lines in SKU order, numbered as in the variance report; a line is posted
when it was counted (or when uncounted lines count as zero); a negative count refuses the whole
post, every such line reported at once; each posted line becomes a count movement of
`counted - expected`; each level row is written once; alerts open and close as for any movement.

Why a second path: with 50,000 lines the general one spent half its time in Python building,
converting and reading back rows one by one. Here the lines are gathered into a temporary table
once, and SQLite computes and writes everything from it; Python only hands over the new movement
ids (made by `new_id`, like every other id) and looks at the few places whose alert state changes.
Quantities and costs are compared and copied as the scaled integers SQLite stores them as.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

from sqlalchemy import Connection

from stockdesk.db import capture
from stockdesk.db.base import Quantity, utcnow
from stockdesk.db.models import Store
from stockdesk.db.planning_models import StocktakeLine
from stockdesk.domain.ids import new_id
from stockdesk.domain.messages import Message
from stockdesk.domain.movements import MovementKind
from stockdesk.services.catalogue.bulk import BulkRejected, RowProblem
from stockdesk.services.inventory.postings import ItemRef, Key, Posting
from stockdesk.services.planning import alerts
from stockdesk.services.uow import UnitOfWork

_LINES = "temp.stocktake_posting"
_COST_SCALE: int = StocktakeLine.__table__.c.unit_cost.type.scale  # type: ignore[attr-defined]

_GATHER = f"""
WITH counts AS (
    SELECT item_id, sum(quantity) AS counted FROM stocktake_count
    WHERE stocktake_id = :take AND deleted = 0 GROUP BY item_id
), numbered AS (
    SELECT row_number() OVER (ORDER BY i.sku) AS line_no, l.item_id, i.sku, l.expected, l.unit_cost,
           c.counted
    FROM stocktake_line l JOIN item i ON i.id = l.item_id LEFT JOIN counts c ON c.item_id = l.item_id
    WHERE l.stocktake_id = :take
)
INSERT INTO {_LINES} (n, line_no, item_id, sku, counted, diff, cost)
SELECT row_number() OVER (ORDER BY line_no) - 1, line_no, item_id, sku, coalesce(counted, 0),
       coalesce(counted, 0) - expected, unit_cost
FROM numbered WHERE counted IS NOT NULL OR :uncounted_as_zero
"""

# Places whose alert state may change: before and after straddle the item's reorder point.
_CROSSINGS = f"""
SELECT p.item_id, coalesce(l.on_hand, 0), p.diff, i.sku, i.name, i.active, i.reorder_point, i.category_id
FROM {_LINES} p JOIN item i ON i.id = p.item_id
LEFT JOIN stock_level l ON l.item_id = p.item_id AND l.store_id = :store
WHERE p.diff != 0 AND i.reorder_point > 0
  AND (coalesce(l.on_hand, 0) > i.reorder_point) != (coalesce(l.on_hand, 0) + p.diff > i.reorder_point)
"""

_LEVELS = f"""
INSERT INTO stock_level (item_id, store_id, on_hand)
SELECT p.item_id, :store, p.diff FROM {_LINES} p
WHERE p.diff != 0
   OR NOT EXISTS (SELECT 1 FROM stock_level l WHERE l.item_id = p.item_id AND l.store_id = :store)
ON CONFLICT (item_id, store_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand
"""

# json_each first (CROSS JOIN keeps it the outer loop): each id finds its line by primary key.
_MOVEMENTS = f"""
INSERT INTO stock_movement (id, item_id, store_id, kind, quantity, counted_quantity, unit_cost,
    reference, transfer_id, reverses_id, user_id, at, created_at, updated_at, updated_by,
    origin_desk, hlc, deleted)
SELECT ids.value, p.item_id, :store, :kind, p.diff, p.counted, NULL, :reference, NULL, NULL, :user,
       :now, :now, :now, :user, :desk, '', 0
FROM json_each(:ids) AS ids CROSS JOIN {_LINES} AS p ON p.n = ids.key
ORDER BY p.n
"""


def post_counts(
    uow: UnitOfWork,
    take_id: uuid.UUID,
    store: Store,
    reference: str,
    *,
    user_id: uuid.UUID | None,
    uncounted_as_zero: bool,
) -> tuple[int, Decimal]:
    """Post the stocktake's lines; (movements written, value difference at the frozen cost)."""
    connection = uow.session.connection()
    _gather(connection, take_id, uncounted_as_zero)
    try:
        _refuse_negative_counts(connection)
        lines = connection.exec_driver_sql(f"SELECT count(*) FROM {_LINES}").scalar_one()
        value = _value_difference(connection)
        if lines:
            crossings = _crossings(connection, store, reference)
            connection.exec_driver_sql(_LEVELS, {"store": store.id.hex})
            if crossings[0]:
                alerts.levels_changed(uow, *crossings)
            _write_movements(uow, connection, lines, store, reference, user_id)
        return lines, value
    finally:
        connection.exec_driver_sql(f"DELETE FROM {_LINES}")


def _gather(connection: Connection, take_id: uuid.UUID, uncounted_as_zero: bool) -> None:
    connection.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {_LINES} (n INTEGER PRIMARY KEY, line_no INTEGER,"
        " item_id TEXT NOT NULL, sku TEXT NOT NULL, counted INTEGER NOT NULL, diff INTEGER NOT NULL,"
        " cost INTEGER NOT NULL)"
    )
    connection.exec_driver_sql(f"DELETE FROM {_LINES}")
    connection.exec_driver_sql(_GATHER, {"take": take_id.hex, "uncounted_as_zero": int(uncounted_as_zero)})


def _refuse_negative_counts(connection: Connection) -> None:
    rows = connection.exec_driver_sql(
        f"SELECT line_no, sku, counted FROM {_LINES} WHERE counted < 0 ORDER BY line_no"
    ).all()
    if rows:
        raise BulkRejected(
            [
                RowProblem(number, "counted", str(_quantity(counted)), Message("would_be_negative", sku=sku))
                for number, sku, counted in rows
            ]
        )


def _value_difference(connection: Connection) -> Decimal:
    """Sum of each line's (counted - expected) x frozen cost, each rounded half up to the cent."""
    scale = Quantity.scale + _COST_SCALE - 2  # the product's places beyond the cent
    half, unit = 5 * 10 ** (scale - 1), 10**scale
    cents = 0
    for diff, cost in connection.exec_driver_sql(f"SELECT diff, cost FROM {_LINES} WHERE diff != 0"):
        product = diff * cost  # Python integers: exact at any size
        cents += (product + half) // unit if product >= 0 else -((-product + half) // unit)
    return Decimal(cents).scaleb(-2)


def _crossings(
    connection: Connection, store: Store, reference: str
) -> tuple[list[Posting], dict[Key, Decimal], dict[Key, Decimal]]:
    postings: list[Posting] = []
    start: dict[Key, Decimal] = {}
    balance: dict[Key, Decimal] = {}
    rows = connection.exec_driver_sql(_CROSSINGS, {"store": store.id.hex})
    for item_hex, before, diff, sku, name, active, point, category in rows:
        item = ItemRef(
            uuid.UUID(item_hex),
            sku,
            name,
            bool(active),
            _quantity(point),
            uuid.UUID(category) if category else None,
        )
        key = (item.id, store.id)
        start[key], balance[key] = _quantity(before), _quantity(before + diff)
        postings.append(Posting(item, store, MovementKind.COUNT, _quantity(diff), reference))
    return postings, start, balance


def _write_movements(
    uow: UnitOfWork,
    connection: Connection,
    lines: int,
    store: Store,
    reference: str,
    user_id: uuid.UUID | None,
) -> None:
    stamp = StocktakeLine.__table__.c.created_at.type.dialect_impl(connection.dialect).bind_processor(
        connection.dialect
    )
    now = utcnow()
    params = {
        "store": store.id.hex,
        "kind": MovementKind.COUNT.value,
        "reference": reference,
        "user": user_id.hex if user_id else None,
        "now": stamp(now) if stamp else now,
        "desk": uow.desk_id,
        "ids": json.dumps([new_id().hex for _ in range(lines)]),
    }
    with capture.bulk_inserts_of(connection, ["stock_movement"], lines):
        connection.exec_driver_sql(_MOVEMENTS, params)


def _quantity(raw: int) -> Decimal:
    return Decimal(int(raw)).scaleb(-Quantity.scale)
