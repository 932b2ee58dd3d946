"""The triggers that stamp `reorder_change` (db/reorder_models.py) on every write the reorder run reads.

Every table the calculation reads gets a trigger, so no writer has to know: the ledger, a stocktake's
set-based post, a sync pull (`local_apply` inserts movements and adds to levels), a snapshot load
(`rebuild_all_levels` deletes and re-inserts every level), imports, edits, purchase orders, settings.
Each source says which (item, store) keys a changed row touches, as a SELECT over the changed rows
(`{rows}`, aliased r); the nil id (`EVERY`) stands for all stores or all items.

SQLite: row triggers; the stamp is the table's largest stamp plus one (writers take turns, so stamps
grow in commit order). A new movement's or level's trigger is quiet while `reorder_bulk` has a row: a
bulk writer then stamps all its new rows' keys in one statement (`db/reorder_bulk.py`).
PostgreSQL: statement triggers over the statement's rows (transition tables), one upsert per
statement, keys in order (two writers lock shared keys in the same order); the stamp is the writing
transaction's id, which a reader compares with the snapshot of its last run.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

_NIL_SQLITE = "'" + "0" * 32 + "'"  # SQLAlchemy's Uuid keeps 32 hex digits on SQLite
_NIL_PG = "'00000000-0000-0000-0000-000000000000'::uuid"


@dataclass(frozen=True)
class _Source:
    table: str
    columns: tuple[str, ...]  # the changed row's columns that `keys` reads
    keys: str  # SELECT <item> AS i, <store> AS s FROM {rows} r ...; {nil} is the nil id
    events: tuple[str, ...] = ("INSERT", "UPDATE", "DELETE")
    update_of: tuple[str, ...] = ()  # SQLite: only updates of these columns mark (empty: any)
    bulk: bool = False  # SQLite: inserts are marked by a bulk writer instead, while it says so


_PER_KEY = "SELECT r.item_id AS i, r.store_id AS s FROM {rows} r"
SOURCES = (
    # A level's on_hand changes only with the movements that explain it (the ledger, a stocktake post, a
    # pull, the server's push; a rebuild deletes and inserts), whose trigger marks the key; a level's key
    # never changes. Marking level updates too cost 0.2 s (SQLite) and 0.7 s (PostgreSQL) of a
    # 50,000-line stocktake post (bench stocktake).
    _Source("stock_level", ("item_id", "store_id"), _PER_KEY, ("INSERT", "DELETE"), bulk=True),
    # sales, and each key's first day
    _Source("stock_movement", ("item_id", "store_id"), _PER_KEY, bulk=True),
    _Source("store_reorder_point", ("item_id", "store_id"), _PER_KEY),
    _Source(
        "item",
        ("id",),
        "SELECT r.id AS i, {nil} AS s FROM {rows} r",
        ("UPDATE", "DELETE"),  # a new item has no level yet: its first level row marks it
        ("sku", "name", "supplier_id", "reorder_qty", "reorder_point", "cost_price", "active", "deleted"),
    ),
    _Source("item_pack", ("item_id",), "SELECT r.item_id AS i, {nil} AS s FROM {rows} r"),
    _Source(
        "store",
        ("id",),
        "SELECT {nil} AS i, r.id AS s FROM {rows} r",
        ("UPDATE", "DELETE"),
        ("code", "deleted"),
    ),
    _Source(
        "supplier",
        ("id",),
        "SELECT i.id AS i, {nil} AS s FROM item i JOIN {rows} r ON i.supplier_id = r.id",
        ("UPDATE", "DELETE"),
        ("name", "lead_time_days"),
    ),
    _Source(
        "purchase_order",
        ("id", "store_id"),
        "SELECT l.item_id AS i, r.store_id AS s "
        "FROM purchase_order_line l JOIN {rows} r ON l.order_id = r.id",
        ("UPDATE", "DELETE"),  # a new order has no lines yet
        ("status", "deleted", "store_id"),
    ),
    _Source(
        "purchase_order_line",
        ("order_id", "item_id"),
        "SELECT r.item_id AS i, o.store_id AS s FROM {rows} r JOIN purchase_order o ON o.id = r.order_id",
        update_of=("order_id", "item_id", "quantity", "received", "deleted"),
    ),
    _Source("planning_setting", ("key",), "SELECT {nil} AS i, {nil} AS s FROM {rows} r"),
)


def _name(source: _Source, event: str) -> str:
    return f"reorder_mark_{source.table}_{event.lower()}"


def _sqlite_rows(source: _Source, ref: str) -> str:
    return "(SELECT " + ", ".join(f"{ref}.{c} AS {c}" for c in source.columns) + ")"


def _sqlite_upsert(source: _Source, ref: str) -> str:
    stamp = "(SELECT coalesce(max(stamp), 0) + 1 FROM reorder_change)"
    upsert = "ON CONFLICT (item_id, store_id) DO UPDATE SET stamp = excluded.stamp"
    if source.keys == _PER_KEY:  # the row's own key: plain VALUES, a tenth cheaper than the SELECT
        return (
            "INSERT INTO reorder_change (item_id, store_id, stamp) "
            f"VALUES ({ref}.item_id, {ref}.store_id, {stamp}) {upsert}"
        )
    keys = source.keys.format(rows=_sqlite_rows(source, ref), nil=_NIL_SQLITE)
    # "WHERE true": SQLite's parser needs it between an INSERT's SELECT and its ON CONFLICT.
    return (
        "INSERT INTO reorder_change (item_id, store_id, stamp) "
        f"SELECT k.i, k.s, {stamp} FROM ({keys}) k WHERE true {upsert}"
    )


# The row trigger's test while a bulk writer marks its rows itself (`db/reorder_bulk.py`).
_NOT_BULK = "NOT EXISTS (SELECT 1 FROM reorder_bulk)"


def _install_sqlite(connection: Connection) -> None:
    for source in SOURCES:
        for event in source.events:
            name = _name(source, event)
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
            columns = f" OF {', '.join(source.update_of)}" if event == "UPDATE" and source.update_of else ""
            refs = {"INSERT": ("NEW",), "DELETE": ("OLD",), "UPDATE": ("OLD", "NEW")}[event]
            body = "; ".join(_sqlite_upsert(source, ref) for ref in refs)
            when = f" WHEN {_NOT_BULK}" if source.bulk and event == "INSERT" else ""
            connection.exec_driver_sql(
                f"CREATE TRIGGER {name} AFTER {event}{columns} ON {source.table}{when} BEGIN {body}; END"
            )


def _pg_upsert(source: _Source, relations: tuple[str, ...]) -> str:
    keys = " UNION ".join(source.keys.format(rows=relation, nil=_NIL_PG) for relation in relations)
    return (
        "INSERT INTO reorder_change (item_id, store_id, stamp) "
        "SELECT DISTINCT k.i, k.s, pg_current_xact_id()::text::bigint "
        f"FROM ({keys}) k ORDER BY 1, 2 "
        # A key this transaction stamped already (the level update, then the movements of one post)
        # is left alone: rewriting it again made a new row version each time, 2.4 s of a
        # 50,000-line stocktake post (bench stocktake).
        "ON CONFLICT (item_id, store_id) DO UPDATE SET stamp = excluded.stamp "
        "WHERE reorder_change.stamp <> excluded.stamp"
    )


def _install_postgresql(connection: Connection) -> None:
    for source in SOURCES:
        for event in source.events:
            name = _name(source, event)
            relations = {"INSERT": ("added",), "DELETE": ("removed",), "UPDATE": ("removed", "added")}[event]
            referencing = {
                "INSERT": "NEW TABLE AS added",
                "DELETE": "OLD TABLE AS removed",
                "UPDATE": "OLD TABLE AS removed NEW TABLE AS added",
            }[event]
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {source.table}")
            connection.exec_driver_sql(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {_pg_upsert(source, relations)}; RETURN NULL; END $$"
            )
            connection.exec_driver_sql(
                f"CREATE TRIGGER {name} AFTER {event} ON {source.table} REFERENCING {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
            )


def install(connection: Connection) -> None:
    """(Re)create every trigger; SQLite drops a table's triggers when a batch migration copies it."""
    if connection.dialect.name == "sqlite":
        _install_sqlite(connection)
    else:
        _install_postgresql(connection)


def uninstall(connection: Connection) -> None:
    for source in SOURCES:
        for event in source.events:
            name = _name(source, event)
            if connection.dialect.name == "sqlite":
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
            else:
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {source.table}")
                connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")
