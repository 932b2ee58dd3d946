"""A PostgreSQL shop for `bench places`: N items tracked by expiry, 5 lots each, on 100 of MAIN's 500
locations, plus one item with 200 lots spread over all 500 locations (the item card's worst case).

Kept between runs (`stockdesk_bench_places_<N>_v<DATA_VERSION>`). Items and lots go in with COPY
(a lot's id is uuid5(item, code), as the services make it, so it is computed here); the movements,
the places, the levels and the search summary are then written set-based, each with one
INSERT ... SELECT from a scratch table of (item, lot, location, quantity), while the tables' own
triggers are off. Every lot is one receipt of 10 units, so `stockdesk check` holds.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.api_data import ADMIN, PG_ADMIN
from bench.derived import derive
from bench.scale_data import _drop_for_load, _rebuild_search, _stamp
from stockdesk.db.place_models import lot_id_of
from stockdesk.domain.ids import new_id
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import open_database

DATA_VERSION = 1
LOTS_PER_ITEM = 5
LOCATIONS = 500  # in MAIN; the N items use the first 100
CARD_LOTS = 200
CARD_SKU = "CARD-ITEM"
TABLES = ("item", "location", "lot", "stock_level", "stock_movement", "stock_place")
SYNCED = "id, created_at, updated_at, updated_by, origin_desk, hlc, deleted"


def database_url(items: int) -> str:
    name = f"stockdesk_bench_places_{items}_v{DATA_VERSION}"
    return make_url(PG_ADMIN).set(database=name).render_as_string(False)


def _ready(url: str) -> bool:
    """Whether the loaded database is there; a half-loaded one is dropped and made anew."""
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = make_url(url).database
    with admin.connect() as connection:
        found = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if found is not None:
            shop = create_engine(url)
            with shop.connect() as db:
                done = db.execute(text("SELECT value FROM local_setting WHERE key = 'bench_loaded'")).first()
            shop.dispose()
            if done is not None:
                admin.dispose()
                return True
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return False


def build(items: int) -> str:
    """The database URL, loaded first if it is not there yet."""
    url = database_url(items)
    if _ready(url):
        return url
    started = time.perf_counter()
    db = open_database(url)
    admin = users.create_first_admin(db.uow(), email=ADMIN[0], password=ADMIN[1], name="Ada Admin")
    main = organisation.create_store(db.uow(), admin, code="MAIN", name="Main store").id
    db.close()
    _load(url, items, admin.id, main)
    print(
        f"  loaded {items:,} items with {LOTS_PER_ITEM} lots each in {time.perf_counter() - started:,.0f} s"
    )
    return url


def _load(url: str, items: int, admin: uuid.UUID, main: uuid.UUID) -> None:
    now = datetime.now(UTC)
    today = date.today()
    stamp = (now, now, admin, "bench", "", False)
    dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(dsn) as connection:
        for table in TABLES:
            connection.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        locations = [new_id() for _ in range(LOCATIONS)]
        item_ids = [new_id() for _ in range(items + 1)]  # the last one is the item card's
        with connection.cursor() as cursor:
            with cursor.copy(
                f"COPY location (store_id, code, name, kind, active, {SYNCED}) FROM STDIN"
            ) as copy:
                for n, location in enumerate(locations):
                    copy.write_row((main, f"B-{n // 50:02d}-{n % 50:02d}", "", "bin", True, location, *stamp))
            with cursor.copy(
                "COPY item (sku, name, description, unit, cost_price, sell_price, reorder_point, "
                f"reorder_qty, owner_id, active, tracking, {SYNCED}) FROM STDIN"
            ) as copy:
                for n, item_id in enumerate(item_ids):
                    sku = CARD_SKU if n == items else f"LOT-{n:07d}"
                    fields = (sku, f"Yoghurt {n}", "", "pcs", "1.00", "1.50", 0, 0, admin, True, "expiry")
                    copy.write_row((*fields, item_id, *stamp))
            connection.execute(
                "CREATE TEMP TABLE placed (item_id uuid, lot_id uuid, location_id uuid, quantity numeric)"
            )
            # Made twice rather than held: five million rows of Python objects would take gigabytes.
            with cursor.copy(f"COPY lot (item_id, code, expires_on, {SYNCED}) FROM STDIN") as copy:
                for item_id, lot_id, code, expires, _location in _lots(item_ids, items, locations, today):
                    copy.write_row((item_id, code, expires, lot_id, *stamp))
            with cursor.copy("COPY placed (item_id, lot_id, location_id, quantity) FROM STDIN") as copy:
                for item_id, lot_id, _code, _expires, location in _lots(item_ids, items, locations, today):
                    if location is not None:
                        copy.write_row((item_id, lot_id, location, 10))
            # The card item: each of its lots on 2-3 of the 500 locations (500 places in all).
            card = item_ids[items]
            with cursor.copy("COPY placed (item_id, lot_id, location_id, quantity) FROM STDIN") as copy:
                for n, location in enumerate(locations):
                    copy.write_row((card, lot_id_of(card, f"C{n % CARD_LOTS:03d}"), location, 10))
        connection.execute(
            "INSERT INTO stock_movement (item_id, store_id, kind, quantity, reference, user_id, at, "
            f"location_id, lot_id, {SYNCED}) SELECT item_id, %s, 'receive', quantity, 'opening', %s, %s, "
            "location_id, lot_id, gen_random_uuid(), %s, %s, %s, 'bench', '', false FROM placed",
            (main, admin, now, now, now, admin),
        )
        connection.execute(
            "INSERT INTO stock_place (item_id, store_id, location_id, lot_id, on_hand) "
            "SELECT item_id, %s, location_id, lot_id, sum(quantity) FROM placed "
            "GROUP BY item_id, location_id, lot_id",
            (main,),
        )
        connection.execute(
            "INSERT INTO stock_level (item_id, store_id, on_hand) SELECT item_id, %s, sum(quantity) "
            "FROM placed GROUP BY item_id",
            (main,),
        )
        connection.execute(
            "INSERT INTO item_summary (item_id, on_hand, barcode) SELECT item_id, sum(quantity), '' "
            "FROM placed GROUP BY item_id ON CONFLICT DO NOTHING"
        )
        for table in TABLES:
            connection.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        connection.commit()
    derive(url)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
        connection.execute("INSERT INTO local_setting (key, value) VALUES ('bench_loaded', 'yes')")


def _lots(
    item_ids: list[uuid.UUID], items: int, locations: list[uuid.UUID], today: date
) -> Iterator[tuple[uuid.UUID, uuid.UUID, str, date, uuid.UUID | None]]:
    """(item, lot id, code, expiry, location) of every lot: the N items' 5 each (expiring 30-150 days
    on, each on one of the first 100 locations), then the card item's 200 (placed by the caller)."""
    expiries = [today + timedelta(days=30 + 30 * k) for k in range(LOTS_PER_ITEM)]
    for n, item_id in enumerate(item_ids[:items]):
        for k in range(LOTS_PER_ITEM):
            code = f"L{k}"
            yield item_id, lot_id_of(item_id, code), code, expiries[k], locations[(n + k) % 100]
    card = item_ids[items]
    for k in range(CARD_LOTS):
        yield card, lot_id_of(card, f"C{k:03d}"), f"C{k:03d}", today + timedelta(days=10 + k), None


def sqlite_path(items: int) -> Path:
    return Path(tempfile.gettempdir()) / f"stockdesk_bench_places_{items}_v{DATA_VERSION}.sqlite"


def build_sqlite(items: int) -> str:
    """The same shop in a SQLite file (cached in the temp directory), loaded as `scale_data` loads its
    catalogue: executemany in big transactions, change capture muted, the search triggers, the
    movement indexes and the `stock_place` trigger dropped while loading and made again after."""
    path = sqlite_path(items)
    if path.exists():
        return str(path)
    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    db = open_database(str(partial))
    admin = users.create_first_admin(db.uow(), email=ADMIN[0], password=ADMIN[1], name="Ada Admin")
    main = organisation.create_store(db.uow(), admin, code="MAIN", name="Main store").id
    db.close()
    connection = sqlite3.connect(partial, isolation_level=None)
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA cache_size = -1000000")
    connection.execute("INSERT INTO sync_mute (id) VALUES (1)")
    saved = _drop_for_load(connection)
    saved += connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'stock_place_added'"
    ).fetchall()
    connection.execute("DROP TRIGGER stock_place_added")
    _load_sqlite(connection, items, admin.id.hex, main.hex)
    _rebuild_search(connection)
    for (sql,) in saved:
        connection.execute(sql)
    connection.execute("DELETE FROM sync_mute")
    connection.execute("ANALYZE")
    connection.close()
    partial.rename(path)
    print(f"  loaded {items:,} items into SQLite in {time.perf_counter() - started:,.0f} s", flush=True)
    return str(path)


def _load_sqlite(connection: sqlite3.Connection, items: int, admin: str, main: str) -> None:
    now = _stamp(datetime.now(UTC))
    today = date.today()
    stamp = (now, now, admin, "bench", "", 0)
    locations = [new_id() for _ in range(LOCATIONS)]
    item_ids = [new_id() for _ in range(items + 1)]
    connection.execute("BEGIN")
    connection.executemany(
        f"INSERT INTO location (store_id, code, name, kind, active, {SYNCED}) "
        "VALUES (?, ?, '', 'bin', 1, ?, ?, ?, ?, ?, ?, ?)",
        [(main, f"B-{n // 50:02d}-{n % 50:02d}", loc.hex, *stamp) for n, loc in enumerate(locations)],
    )
    connection.executemany(
        "INSERT INTO item (sku, name, description, unit, cost_price, sell_price, reorder_point, reorder_qty, "
        f"owner_id, active, tracking, {SYNCED}) VALUES (?, ?, '', 'pcs', 10000, 15000, 0, 0, ?, 1, 'expiry', "
        "?, ?, ?, ?, ?, ?, ?)",
        (
            (CARD_SKU if n == items else f"LOT-{n:07d}", f"Yoghurt {n}", admin, item_id.hex, *stamp)
            for n, item_id in enumerate(item_ids)
        ),
    )
    connection.executemany(
        f"INSERT INTO lot (item_id, code, expires_on, {SYNCED}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (item.hex, code, expires.isoformat(), lot.hex, *stamp)
            for item, lot, code, expires, _location in _lots(item_ids, items, locations, today)
        ),
    )
    connection.execute("CREATE TEMP TABLE placed (item_id, lot_id, location_id, quantity)")
    connection.executemany(
        "INSERT INTO placed VALUES (?, ?, ?, 10000)",
        (
            (item.hex, lot.hex, location.hex)
            for item, lot, _code, _expires, location in _lots(item_ids, items, locations, today)
            if location is not None
        ),
    )
    card = item_ids[items]
    connection.executemany(
        "INSERT INTO placed VALUES (?, ?, ?, 10000)",
        [
            (card.hex, lot_id_of(card, f"C{n % CARD_LOTS:03d}").hex, loc.hex)
            for n, loc in enumerate(locations)
        ],
    )
    connection.execute(
        "INSERT INTO stock_movement (item_id, store_id, kind, quantity, reference, user_id, at, location_id, "
        f"lot_id, {SYNCED}) SELECT item_id, ?, 'receive', quantity, 'opening', ?, ?, location_id, lot_id, "
        "lower(hex(randomblob(16))), ?, ?, ?, 'bench', '', 0 FROM placed",
        (main, admin, now, now, now, admin),
    )
    connection.execute(
        "INSERT INTO stock_place (item_id, store_id, location_id, lot_id, on_hand) "
        "SELECT item_id, ?, location_id, lot_id, sum(quantity) FROM placed "
        "GROUP BY item_id, location_id, lot_id",
        (main,),
    )
    connection.execute(
        "INSERT INTO stock_level (item_id, store_id, on_hand) SELECT item_id, ?, sum(quantity) FROM placed "
        "GROUP BY item_id",
        (main,),
    )
    connection.execute("COMMIT")
