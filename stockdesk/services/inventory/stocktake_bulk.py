"""A stocktake's tens of thousands of lines and counts written as a few set-based statements.

Starting a whole-store count copies every active item with what the books say into
`stocktake_line`; a scanner file adds a count per item. Row by row through the ORM that was 4–5 s
and 9–10 s for 50,000 lines (issue 18): Python built, converted and handed over every value, and
the capture triggers fired once per row. Here the database copies the lines from `item` and
`stock_level` itself, and counts arrive as a slim temporary table of (item, quantity); Python only
makes the new row ids (`new_id`, like every other id) and the rows' change capture is one statement
per table (`capture.bulk_inserts_of`). The stored values are those the ORM would have written.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, text

from stockdesk.db import capture
from stockdesk.db.base import Quantity, utcnow
from stockdesk.db.planning_models import StocktakeLine
from stockdesk.db.scratch import scratch_table
from stockdesk.domain.ids import new_id_hexes, new_ids
from stockdesk.services.uow import UnitOfWork

_FROZEN_NAME, _COUNTED_NAME = "stocktake_frozen", "stocktake_counted"
_FROZEN, _COUNTED = f"temp.{_FROZEN_NAME}", f"temp.{_COUNTED_NAME}"
_SYNCED_COLUMNS = "id, created_at, updated_at, updated_by, origin_desk, hlc, deleted"


def freeze_lines(
    uow: UnitOfWork, take_id: uuid.UUID, store_id: uuid.UUID, categories: set[uuid.UUID] | None
) -> int:
    """Copy each active item (of `categories`, or all) with its on-hand and cost; the lines written."""
    connection = uow.session.connection()
    if connection.dialect.name == "sqlite":
        return _freeze_sqlite(uow, connection, take_id, store_id, categories)
    return _freeze_postgresql(uow, connection, take_id, store_id, categories)


# (item, quantity, location, lot): a count line as stored; no location or lot is NULL.
CountRow = tuple[uuid.UUID, Decimal, uuid.UUID | None, uuid.UUID | None]


def insert_counts(
    uow: UnitOfWork, take_id: uuid.UUID, user_id: uuid.UUID, counts: Sequence[CountRow]
) -> None:
    """One `stocktake_count` row per (item, quantity, location, lot), in order, counted by `user_id` now."""
    if not counts:
        return
    connection = uow.session.connection()
    if connection.dialect.name == "sqlite":
        _counts_sqlite(uow, connection, take_id, user_id, counts)
    else:
        _counts_postgresql(uow, connection, take_id, user_id, counts)


def _stamp(connection: Connection, moment: datetime) -> Any:
    """`moment` as the driver stores it in a timestamp column (naive UTC text on SQLite)."""
    column = StocktakeLine.__table__.c.created_at
    convert = column.type.dialect_impl(connection.dialect).bind_processor(connection.dialect)
    return convert(moment) if convert else moment


def _category_filter(categories: set[uuid.UUID] | None, style: str) -> tuple[str, dict[str, Any]]:
    if categories is None:
        return "", {}
    names = {f"c{n}": (c.hex if style == "hex" else c) for n, c in enumerate(sorted(categories))}
    if not names:
        return " AND 0 = 1", {}
    return " AND i.category_id IN (" + ", ".join(f":{name}" for name in names) + ")", names


def _freeze_sqlite(
    uow: UnitOfWork,
    connection: Connection,
    take_id: uuid.UUID,
    store_id: uuid.UUID,
    categories: set[uuid.UUID] | None,
) -> int:
    where, params = _category_filter(categories, "hex")
    columns = "n INTEGER PRIMARY KEY, item_id TEXT NOT NULL, expected INTEGER NOT NULL, cost INTEGER NOT NULL"
    with scratch_table(connection, _FROZEN_NAME, columns):
        # On-hand and cost are copied as the scaled integers SQLite keeps them as (same scales).
        connection.execute(
            text(
                f"INSERT INTO {_FROZEN} (item_id, expected, cost) "
                "SELECT i.id, coalesce(l.on_hand, 0), i.cost_price FROM item i "
                "LEFT JOIN stock_level l ON l.item_id = i.id AND l.store_id = :store "
                f"WHERE i.active = 1 AND i.deleted = 0{where} ORDER BY i.rowid"
            ),
            {"store": store_id.hex, **params},
        )
        lines = int(connection.exec_driver_sql(f"SELECT count(*) FROM {_FROZEN}").scalar_one())
        if lines:
            now = _stamp(connection, utcnow())
            with capture.bulk_inserts_of(connection, ["stocktake_line"], lines):
                connection.execute(
                    text(
                        "INSERT INTO stocktake_line (stocktake_id, item_id, expected, unit_cost, "
                        f"{_SYNCED_COLUMNS}) "
                        "SELECT :take, p.item_id, p.expected, p.cost, ids.value, :now, :now, :user, :desk,"
                        " '', 0 "
                        # json_each first (CROSS JOIN keeps it the outer loop): each id finds its line by key
                        f"FROM json_each(:ids) AS ids CROSS JOIN {_FROZEN} AS p ON p.n = ids.key + 1 "
                        "ORDER BY p.n"
                    ),
                    {
                        "take": take_id.hex,
                        "now": now,
                        "user": uow.actor_id.hex if uow.actor_id else None,
                        "desk": uow.desk_id,
                        "ids": json.dumps(new_id_hexes(lines)),
                    },
                )
        return lines


def _freeze_postgresql(
    uow: UnitOfWork,
    connection: Connection,
    take_id: uuid.UUID,
    store_id: uuid.UUID,
    categories: set[uuid.UUID] | None,
) -> int:
    where, params = _category_filter(categories, "uuid")
    # The items are fixed in a temporary table first: counted and then copied from one set, so an item
    # activated by another desk between two statements cannot leave a line without its id.
    connection.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {_FROZEN_NAME} (n bigint PRIMARY KEY, item_id uuid NOT NULL,"
        " expected numeric NOT NULL, cost numeric NOT NULL) ON COMMIT DROP"
    )
    connection.execute(
        text(
            f"INSERT INTO {_FROZEN_NAME} (n, item_id, expected, cost) "
            "SELECT row_number() OVER (ORDER BY i.id), i.id, coalesce(l.on_hand, 0), i.cost_price "
            "FROM item i LEFT JOIN stock_level l ON l.item_id = i.id AND l.store_id = :store "
            f"WHERE i.active AND NOT i.deleted{where}"
        ),
        {"store": store_id, **params},
    )
    lines = int(connection.exec_driver_sql(f"SELECT count(*) FROM {_FROZEN_NAME}").scalar_one())
    if lines:
        connection.execute(
            text(
                "INSERT INTO stocktake_line (stocktake_id, item_id, expected, unit_cost, "
                f"{_SYNCED_COLUMNS}) "
                "SELECT :take, p.item_id, p.expected, p.cost, ids.id, :now, :now, :user, :desk, '', false "
                f"FROM {_FROZEN_NAME} p "
                "JOIN unnest(CAST(:ids AS uuid[])) WITH ORDINALITY AS ids(id, n) ON ids.n = p.n"
            ),
            {
                "take": take_id,
                "now": utcnow(),
                "user": uow.actor_id,
                "desk": uow.desk_id,
                "ids": new_ids(lines),
            },
        )
    return lines


def _counts_sqlite(
    uow: UnitOfWork,
    connection: Connection,
    take_id: uuid.UUID,
    user_id: uuid.UUID,
    counts: Sequence[CountRow],
) -> None:
    stored = Quantity.dialect_impl(connection.dialect).bind_processor(connection.dialect)
    assert stored is not None  # a scaled integer on SQLite
    columns = (
        "n INTEGER PRIMARY KEY, item_id TEXT NOT NULL, quantity INTEGER NOT NULL,"
        " location_id TEXT, lot_id TEXT"
    )
    with scratch_table(connection, _COUNTED_NAME, columns):
        connection.exec_driver_sql(
            f"INSERT INTO {_COUNTED} (item_id, quantity, location_id, lot_id) VALUES (?, ?, ?, ?)",
            [
                (item.hex, stored(quantity), place.hex if place else None, lot.hex if lot else None)
                for item, quantity, place, lot in counts
            ],
        )
        now = _stamp(connection, utcnow())
        with capture.bulk_inserts_of(connection, ["stocktake_count"], len(counts)):
            connection.execute(
                text(
                    "INSERT INTO stocktake_count (stocktake_id, item_id, quantity, location_id, lot_id, "
                    f"counted_by, at, {_SYNCED_COLUMNS}) "
                    "SELECT :take, p.item_id, p.quantity, p.location_id, p.lot_id, :user, :now, ids.value,"
                    " :now, :now, :user, :desk, '', 0 "
                    f"FROM json_each(:ids) AS ids CROSS JOIN {_COUNTED} AS p ON p.n = ids.key + 1 "
                    "ORDER BY p.n"
                ),
                {
                    "take": take_id.hex,
                    "user": user_id.hex,
                    "now": now,
                    "desk": uow.desk_id,
                    "ids": json.dumps(new_id_hexes(len(counts))),
                },
            )


def _counts_postgresql(
    uow: UnitOfWork,
    connection: Connection,
    take_id: uuid.UUID,
    user_id: uuid.UUID,
    counts: Sequence[CountRow],
) -> None:
    connection.execute(
        text(
            "INSERT INTO stocktake_count (stocktake_id, item_id, quantity, location_id, lot_id, counted_by,"
            f" at, {_SYNCED_COLUMNS}) "
            "SELECT :take, c.item_id, c.quantity, c.location_id, c.lot_id, :user, :now, c.id, :now, :now,"
            " :user, :desk, '', false "
            "FROM unnest(CAST(:ids AS uuid[]), CAST(:items AS uuid[]), CAST(:quantities AS numeric[]),"
            "  CAST(:locations AS uuid[]), CAST(:lots AS uuid[]))"
            "  WITH ORDINALITY AS c(id, item_id, quantity, location_id, lot_id, n) ORDER BY c.n"
        ),
        {
            "take": take_id,
            "user": user_id,
            "now": utcnow(),
            "desk": uow.desk_id,
            "ids": new_ids(len(counts)),
            "items": [row[0] for row in counts],
            "quantities": [row[1] for row in counts],
            "locations": [row[2] for row in counts],
            "lots": [row[3] for row in counts],
        },
    )
