"""The trigger that keeps `stock_place` equal to the sum of the movements that name a place or lot.

SQLite: a row trigger with a WHEN clause: a movement that names neither a location nor a lot (every
movement of an untracked item in a store without locations) is not touched, so the bulk paths
(stocktake posts, imports, sync pushes of 100,000 rows) pay only the clause's test.

PostgreSQL: a statement trigger over the statement's inserted rows (a transition table), which
upserts their sums per place in one statement. A row trigger ran its PL/pgSQL upsert once per
placed movement: 7 of the 15 s of a 50,000-place stocktake post (issue 20). Places are upserted in
key order, so two statements that touch the same places lock them in the same order.
"""

from __future__ import annotations

from sqlalchemy import Connection

_PLACED = "NEW.location_id IS NOT NULL OR NEW.lot_id IS NOT NULL"
_NIL_SQLITE = "'" + "0" * 32 + "'"  # SQLAlchemy's Uuid keeps 32 hex digits on SQLite
_NIL_PG = "'00000000-0000-0000-0000-000000000000'::uuid"


# SQLite's row trigger: the movement's own place (only movements that name one get here, by WHEN).
_ROW_UPSERT = (
    "INSERT INTO stock_place (item_id, store_id, location_id, lot_id, on_hand) "
    f"VALUES (NEW.item_id, NEW.store_id, COALESCE(NEW.location_id, {_NIL_SQLITE}), "
    f"COALESCE(NEW.lot_id, {_NIL_SQLITE}), NEW.quantity) "
    "ON CONFLICT (item_id, store_id, location_id, lot_id) "
    "DO UPDATE SET on_hand = stock_place.on_hand + excluded.on_hand"
)


# One row per place however many of the statement's movements name it (ON CONFLICT may touch a row once).
_SET_UPSERT = (
    "INSERT INTO stock_place (item_id, store_id, location_id, lot_id, on_hand) "
    f"SELECT item_id, store_id, COALESCE(location_id, {_NIL_PG}), COALESCE(lot_id, {_NIL_PG}), SUM(quantity) "
    "FROM added WHERE location_id IS NOT NULL OR lot_id IS NOT NULL "
    "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 "
    "ON CONFLICT (item_id, store_id, location_id, lot_id) "
    "DO UPDATE SET on_hand = stock_place.on_hand + excluded.on_hand"
)


def install(connection: Connection) -> None:
    """(Re)create the trigger; SQLite drops a table's triggers when a batch migration copies it."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS stock_place_added")
        connection.exec_driver_sql(
            f"CREATE TRIGGER stock_place_added AFTER INSERT ON stock_movement WHEN {_PLACED} "
            f"BEGIN {_ROW_UPSERT}; END"
        )
        return
    connection.exec_driver_sql("DROP TRIGGER IF EXISTS stock_place_added ON stock_movement")
    connection.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION stock_place_added() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {_SET_UPSERT}; RETURN NULL; END $$"
    )
    connection.exec_driver_sql(
        "CREATE TRIGGER stock_place_added AFTER INSERT ON stock_movement REFERENCING NEW TABLE AS added "
        "FOR EACH STATEMENT EXECUTE FUNCTION stock_place_added()"
    )


def rebuild(connection: Connection) -> None:
    """Every place level again from the ledger (a repair, or after a snapshot was loaded)."""
    nil = _NIL_SQLITE if connection.dialect.name == "sqlite" else _NIL_PG
    connection.exec_driver_sql("DELETE FROM stock_place")
    connection.exec_driver_sql(
        "INSERT INTO stock_place (item_id, store_id, location_id, lot_id, on_hand) "
        f"SELECT item_id, store_id, COALESCE(location_id, {nil}), COALESCE(lot_id, {nil}), SUM(quantity) "
        "FROM stock_movement WHERE location_id IS NOT NULL OR lot_id IS NOT NULL "
        f"GROUP BY item_id, store_id, COALESCE(location_id, {nil}), COALESCE(lot_id, {nil})"
    )
