"""Posting a stocktake set-based: the count movements and level changes as a few statements.

The rules are those of any ledger posting (`ledger.post_many`): lines in SKU order, numbered as in
the variance report; a line is posted when it was counted (or when uncounted lines count as zero);
a negative count refuses the whole post, every such line reported at once; each posted line becomes
a count movement of `counted - expected`; each level row is written once; alerts open and close as
for any movement, at the store's own reorder point where it has one.

Why not `ledger.post_many`: with 50,000 lines it spent most of its time in Python building,
converting and reading back rows one by one (5 s on PostgreSQL, issue 18). Here the lines are
gathered into a temporary table once, and the database computes and writes everything from it;
Python only hands over the new movement ids (made by `new_id`, like every other id) and looks at the
few places whose alert state changes. On SQLite quantities and costs are compared and copied as the
scaled integers it stores them as; on PostgreSQL as numerics, and the level rows are locked first in
item order, as `ledger` locks them, so a count and a batch at the counter wait rather than deadlock.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import Connection, TextClause, text

from stockdesk.db import capture, reorder_bulk
from stockdesk.db.base import Quantity, utcnow
from stockdesk.db.models import Store
from stockdesk.db.planning_models import StocktakeLine
from stockdesk.domain.ids import new_id_hexes, new_ids
from stockdesk.domain.messages import Message
from stockdesk.domain.movements import MovementKind
from stockdesk.domain.numbers import round_cents
from stockdesk.services.catalogue.bulk import BulkRejected, RowProblem
from stockdesk.services.inventory import stocktake_places
from stockdesk.services.inventory.postings import ItemRef, Key, Posting
from stockdesk.services.planning import alerts
from stockdesk.services.uow import UnitOfWork

_SQLITE_LINES = "temp.stocktake_posting"
_PG_LINES = "stocktake_posting"
_WORK_MEM = "64MB"
_COST_SCALE: int = StocktakeLine.__table__.c.unit_cost.type.scale  # type: ignore[attr-defined]

_GATHER = """
WITH counts AS (
    SELECT item_id, sum(quantity) AS counted FROM stocktake_count
    WHERE stocktake_id = :take AND deleted = false GROUP BY item_id
), numbered AS (
    SELECT row_number() OVER (ORDER BY i.sku) AS line_no, l.item_id, i.sku, l.expected, l.unit_cost,
           c.counted
    FROM stocktake_line l JOIN item i ON i.id = l.item_id LEFT JOIN counts c ON c.item_id = l.item_id
    WHERE l.stocktake_id = :take
)
INSERT INTO {lines} (n, line_no, item_id, sku, counted, diff, cost)
SELECT row_number() OVER (ORDER BY line_no) - 1, line_no, item_id, sku, coalesce(counted, 0),
       coalesce(counted, 0) - expected, unit_cost
FROM numbered WHERE counted IS NOT NULL OR :uncounted_as_zero
"""
# A count by location: one line per place (`stocktake_places.PLACES` decides which are counted).
_GATHER_PLACES = (
    stocktake_places.PLACES.format(place="")
    + """
INSERT INTO {lines} (n, line_no, item_id, sku, location_id, lot_id, counted, diff, cost)
SELECT row_number() OVER (ORDER BY line_no) - 1, line_no, item_id, sku, location_id, lot_id,
       coalesce(counted, 0), coalesce(counted, 0) - expected, unit_cost
FROM numbered WHERE counted IS NOT NULL OR :uncounted_as_zero
"""
)
# The items' changes: the lines themselves when one line is one item, else summed per item into a table
# keyed by item (joined to the levels by key; a grouped subquery there cost seconds at 50,000 items).
_SQLITE_ITEMS = "temp.stocktake_posting_items"
_PG_ITEMS = "stocktake_posting_items"

# Places whose alert state may change: before and after straddle the reorder point in force there.
_CROSSINGS = """
SELECT p.item_id, coalesce(l.on_hand, 0), p.diff, i.sku, i.name, i.active, i.reorder_point, i.category_id
FROM (
    SELECT p.item_id, p.diff, coalesce(sp.reorder_point, i.reorder_point) AS point
    FROM {items} p JOIN item i ON i.id = p.item_id
    LEFT JOIN store_reorder_point sp
      ON sp.item_id = p.item_id AND sp.store_id = :store AND sp.deleted = false
    WHERE p.diff != 0
) p JOIN item i ON i.id = p.item_id
LEFT JOIN stock_level l ON l.item_id = p.item_id AND l.store_id = :store
WHERE p.point > 0 AND (coalesce(l.on_hand, 0) > p.point) != (coalesce(l.on_hand, 0) + p.diff > p.point)
"""

_LOCK = """
SELECT l.item_id FROM stock_level l
WHERE l.store_id = :store AND l.item_id IN (SELECT item_id FROM {lines})
ORDER BY l.item_id FOR UPDATE
"""

# Existing level rows change by their line's difference (one joined update, not 50,000 upserts);
# places without a row get one, even at zero: a count of nothing is still a count. Should another
# desk have created such a row meanwhile, the difference is added to its figure.
_UPDATE_LEVELS = """
UPDATE stock_level SET on_hand = stock_level.on_hand + p.diff
FROM {items} p
WHERE stock_level.store_id = :store AND stock_level.item_id = p.item_id AND p.diff != 0
"""
_NEW_LEVELS = """
INSERT INTO stock_level (item_id, store_id, on_hand)
SELECT p.item_id, :store, p.diff FROM {items} p
WHERE NOT EXISTS (SELECT 1 FROM stock_level l WHERE l.item_id = p.item_id AND l.store_id = :store)
ON CONFLICT (item_id, store_id) DO UPDATE SET on_hand = stock_level.on_hand + excluded.on_hand
"""

_MOVEMENT_COLUMNS = """INSERT INTO stock_movement (id, item_id, store_id, kind, quantity, counted_quantity,
    unit_cost, reference, transfer_id, reverses_id, user_id, at, created_at, updated_at, updated_by,
    origin_desk, hlc, deleted, location_id, lot_id)"""
# The place columns are all a movement needs to say where: the `stock_place` trigger does the rest.
_MOVEMENT_VALUES = """p.item_id, :store, :kind, p.diff, p.counted, NULL, :reference, NULL, NULL, :user,
       :now, :now, :now, :user, :desk, '', false, p.location_id, p.lot_id"""
# json_each first (CROSS JOIN keeps it the outer loop): each id finds its line by primary key.
_SQLITE_MOVEMENTS = f"""{_MOVEMENT_COLUMNS}
SELECT ids.value, {_MOVEMENT_VALUES}
FROM json_each(:ids) AS ids CROSS JOIN {_SQLITE_LINES} AS p ON p.n = ids.key
ORDER BY p.n
"""
_PG_MOVEMENTS = f"""{_MOVEMENT_COLUMNS}
SELECT ids.id, {_MOVEMENT_VALUES}
FROM unnest(CAST(:ids AS uuid[])) WITH ORDINALITY AS ids(id, k) JOIN {_PG_LINES} AS p ON p.n = ids.k - 1
ORDER BY p.n
"""


class _Dialect:
    """How ids, quantities and the lines' table look on this database."""

    def __init__(self, connection: Connection, *, by_place: bool = False) -> None:
        self.sqlite = connection.dialect.name == "sqlite"
        self.lines = _SQLITE_LINES if self.sqlite else _PG_LINES
        items = _SQLITE_ITEMS if self.sqlite else _PG_ITEMS
        self.items = items if by_place else self.lines
        convert = StocktakeLine.__table__.c.created_at.type.dialect_impl(connection.dialect)
        self._stamp = convert.bind_processor(connection.dialect)

    def id(self, value: uuid.UUID) -> object:
        return value.hex if self.sqlite else value

    def uuid(self, value: object) -> uuid.UUID:
        return uuid.UUID(str(value)) if self.sqlite else cast(uuid.UUID, value)

    def quantity(self, raw: object) -> Decimal:
        return Decimal(int(cast(int, raw))).scaleb(-Quantity.scale) if self.sqlite else cast(Decimal, raw)

    def stamp(self, moment: datetime) -> object:
        return self._stamp(moment) if self._stamp else moment

    def sql(self, template: str) -> TextClause:
        return text(template.format(lines=self.lines, items=self.items))


def post_counts(
    uow: UnitOfWork,
    take_id: uuid.UUID,
    store: Store,
    reference: str,
    *,
    user_id: uuid.UUID | None,
    uncounted_as_zero: bool,
    by_place: bool = False,
) -> tuple[int, Decimal]:
    """Post the stocktake's lines (its places when counted by location); (movements, value difference)."""
    connection = uow.session.connection()
    dialect = _Dialect(connection, by_place=by_place)
    if not dialect.sqlite:
        # The lines' sorts and the summary trigger's sums spilled to disk at the default 4 MB (EXPLAIN
        # ANALYZE of a 50,000-line post); this transaction's own, gone with it.
        connection.exec_driver_sql(f"SET LOCAL work_mem = '{_WORK_MEM}'")
    _gather(connection, dialect, take_id, uncounted_as_zero, by_place)
    try:
        _refuse_negative_counts(connection, dialect)
        lines = int(connection.execute(dialect.sql("SELECT count(*) FROM {lines}")).scalar_one())
        value = _value_difference(connection, dialect)
        if lines:
            place = {"store": dialect.id(store.id)}
            if not dialect.sqlite:
                connection.execute(dialect.sql(_LOCK), place)
            crossings = _crossings(connection, dialect, store, reference)
            connection.execute(dialect.sql(_UPDATE_LEVELS), place)
            with reorder_bulk.marking_of(connection, lines):
                connection.execute(dialect.sql(_NEW_LEVELS), place)  # after: only rows still missing
                if crossings[0]:
                    alerts.levels_changed(uow, *crossings)
                _write_movements(uow, connection, dialect, lines, store, reference, user_id)
        return lines, value
    finally:
        if dialect.sqlite:
            connection.exec_driver_sql(f"DELETE FROM {_SQLITE_LINES}")
            if by_place:
                connection.exec_driver_sql(f"DELETE FROM {_SQLITE_ITEMS}")


def _gather(
    connection: Connection, dialect: _Dialect, take_id: uuid.UUID, uncounted_as_zero: bool, by_place: bool
) -> None:
    if dialect.sqlite:
        connection.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {_SQLITE_LINES} (n INTEGER PRIMARY KEY, line_no INTEGER,"
            " item_id TEXT NOT NULL, sku TEXT NOT NULL, counted INTEGER NOT NULL, diff INTEGER NOT NULL,"
            " cost INTEGER NOT NULL, location_id TEXT, lot_id TEXT)"
        )
        connection.exec_driver_sql(f"DELETE FROM {_SQLITE_LINES}")
    else:  # gone with the transaction, committed or rolled back
        connection.exec_driver_sql(
            f"CREATE TEMPORARY TABLE {_PG_LINES} (n integer PRIMARY KEY, line_no integer,"
            " item_id uuid NOT NULL, sku text NOT NULL, counted numeric NOT NULL, diff numeric NOT NULL,"
            " cost numeric NOT NULL, location_id uuid, lot_id uuid) ON COMMIT DROP"
        )
    connection.execute(
        dialect.sql(_GATHER_PLACES if by_place else _GATHER),
        {"take": dialect.id(take_id), "uncounted_as_zero": uncounted_as_zero},
    )
    if by_place:
        if dialect.sqlite:
            connection.exec_driver_sql(
                f"CREATE TABLE IF NOT EXISTS {_SQLITE_ITEMS}"
                " (item_id TEXT PRIMARY KEY, diff INTEGER NOT NULL)"
            )
            connection.exec_driver_sql(f"DELETE FROM {_SQLITE_ITEMS}")
        else:
            connection.exec_driver_sql(
                f"CREATE TEMPORARY TABLE {_PG_ITEMS} (item_id uuid PRIMARY KEY, diff numeric NOT NULL)"
                " ON COMMIT DROP"
            )
        connection.execute(
            dialect.sql(
                "INSERT INTO {items} (item_id, diff) SELECT item_id, sum(diff) FROM {lines} GROUP BY item_id"
            )
        )
    if not dialect.sqlite:
        connection.exec_driver_sql(f"ANALYZE {_PG_LINES}")  # the planner would guess 1,000 rows
        if by_place:
            connection.exec_driver_sql(f"ANALYZE {_PG_ITEMS}")


def _refuse_negative_counts(connection: Connection, dialect: _Dialect) -> None:
    rows = connection.execute(
        dialect.sql("SELECT line_no, sku, counted FROM {lines} WHERE counted < 0 ORDER BY line_no")
    ).all()
    if rows:
        raise BulkRejected(
            [
                RowProblem(
                    number, "counted", str(dialect.quantity(counted)), Message("would_be_negative", sku=sku)
                )
                for number, sku, counted in rows
            ]
        )


def _value_difference(connection: Connection, dialect: _Dialect) -> Decimal:
    """Sum of each line's (counted - expected) x frozen cost, each rounded half up to the cent."""
    rows = connection.execute(dialect.sql("SELECT diff, cost FROM {lines} WHERE diff != 0"))
    if not dialect.sqlite:
        return sum((round_cents(diff * cost) for diff, cost in rows), Decimal(0))
    scale = Quantity.scale + _COST_SCALE - 2  # the product's places beyond the cent
    half, unit = 5 * 10 ** (scale - 1), 10**scale
    cents = 0
    for diff, cost in rows:
        product = diff * cost  # Python integers: exact at any size
        cents += (product + half) // unit if product >= 0 else -((-product + half) // unit)
    return Decimal(cents).scaleb(-2)


def _crossings(
    connection: Connection, dialect: _Dialect, store: Store, reference: str
) -> tuple[list[Posting], dict[Key, Decimal], dict[Key, Decimal]]:
    postings: list[Posting] = []
    start: dict[Key, Decimal] = {}
    balance: dict[Key, Decimal] = {}
    rows = connection.execute(dialect.sql(_CROSSINGS), {"store": dialect.id(store.id)})
    for item_id, before, diff, sku, name, active, point, category in rows:
        item = ItemRef(
            dialect.uuid(item_id),
            sku,
            name,
            bool(active),
            dialect.quantity(point),
            dialect.uuid(category) if category else None,
        )
        key = (item.id, store.id)
        start[key] = dialect.quantity(before)
        balance[key] = start[key] + dialect.quantity(diff)
        postings.append(Posting(item, store, MovementKind.COUNT, dialect.quantity(diff), reference))
    return postings, start, balance


def _write_movements(
    uow: UnitOfWork,
    connection: Connection,
    dialect: _Dialect,
    lines: int,
    store: Store,
    reference: str,
    user_id: uuid.UUID | None,
) -> None:
    params = {
        "store": dialect.id(store.id),
        "kind": MovementKind.COUNT.value,
        "reference": reference,
        "user": dialect.id(user_id) if user_id else None,
        "now": dialect.stamp(utcnow()),
        "desk": uow.desk_id,
        "ids": json.dumps(new_id_hexes(lines)) if dialect.sqlite else new_ids(lines),
    }
    with capture.bulk_inserts_of(connection, ["stock_movement"], lines):
        connection.execute(text(_SQLITE_MOVEMENTS if dialect.sqlite else _PG_MOVEMENTS), params)
