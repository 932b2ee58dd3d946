"""A PostgreSQL shop for `bench api`: N items (1,000,000 by default), each with an in-store EAN-13, a
stock level in MAIN and the receipt that explains it (so `stockdesk check` holds), kept between runs.

Rows go in with COPY while the tables' own triggers (search summary, sync capture) are switched off;
the item summary the search triggers would have kept is then written with one INSERT ... SELECT, and
the planner statistics refreshed. Loading a million items this way takes minutes, not hours.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.derived import derive
from bench.scale_data import ADJECTIVES, NOUNS
from stockdesk.domain.gtin import make_instore_ean13
from stockdesk.domain.ids import new_id
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import open_database
from stockdesk.services.maintenance import upkeep

DATA_VERSION = 2  # 2: the tally and the low-stock marks are filled (stop 42)
ADMIN = ("admin@example.com", "admin-pass-1")
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TABLES = ("item", "item_barcode", "stock_level", "stock_movement")


def database_url(items: int) -> str:
    return (
        make_url(PG_ADMIN)
        .set(database=f"stockdesk_bench_api_{items}_v{DATA_VERSION}")
        .render_as_string(False)
    )


def _exists(url: str) -> bool:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        name = make_url(url).database
        found = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if found is not None:
            ready = create_engine(url)
            with ready.connect() as shop:
                done = shop.execute(
                    text("SELECT value FROM local_setting WHERE key = 'bench_loaded'")
                ).first()
            ready.dispose()
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
    if _exists(url):
        return url
    started = time.perf_counter()
    db = open_database(url)
    admin = users.create_first_admin(db.uow(), email=ADMIN[0], password=ADMIN[1], name="Ada Admin")
    stores = [
        organisation.create_store(db.uow(), admin, code=c, name=n).id
        for c, n in (("MAIN", "Main store"), ("NORTH", "North branch"), ("SOUTH", "South branch"))
    ]
    categories = []
    for top in (
        "Hand tools",
        "Power tools",
        "Fixings",
        "Garden",
        "Paint",
        "Plumbing",
        "Electrical",
        "Safety",
    ):
        parent = organisation.create_category(db.uow(), admin, name=top)
        categories.append(parent.id)
        categories += [
            organisation.create_category(db.uow(), admin, name=f"{top} {n}", parent_id=parent.id).id
            for n in range(1, 6)
        ]
    suppliers = [
        organisation.create_supplier(db.uow(), admin, name=f"Supplier {n:02d}").id for n in range(40)
    ]
    db.close()
    _load(url, items, admin.id, stores[0], categories, suppliers)
    _derive(url)
    print(f"  loaded {items:,} items into PostgreSQL in {time.perf_counter() - started:,.0f} s", flush=True)
    return url


def settle(url: str) -> None:
    """The shop at the newest schema, with no dead rows and no unmerged index entries: the state
    autovacuum keeps a server in. PostgreSQL on the benchmark machines runs with autovacuum off, so
    every run's posts (thousands of level, summary and ledger rows rewritten) were left for the next
    run's reads to step over, and the runs of one sitting drifted apart. `stockdesk vacuum`'s own
    work (`upkeep.vacuum`), with its statistics renewed as autovacuum would."""
    db = open_database(url)
    try:
        upkeep.vacuum(db)
    finally:
        db.close()


def _derive(url: str) -> None:
    """The tally and the low-stock marks COPY left out (`derived`), then the planner's statistics; the
    shop counts as loaded only after."""
    derive(url)
    dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
        connection.execute("INSERT INTO local_setting (key, value) VALUES ('bench_loaded', 'yes')")


def _load(url: str, items: int, admin: object, main: object, categories: list, suppliers: list) -> None:
    rng = random.Random(7)
    now = datetime.now(UTC)
    dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(dsn) as connection:
        for table in TABLES:
            connection.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        synced = "id, created_at, updated_at, updated_by, origin_desk, hlc, deleted"
        with connection.cursor() as cursor:
            with cursor.copy(
                "COPY item (sku, name, description, category_id, supplier_id, unit, cost_price, sell_price, "
                f"reorder_point, reorder_qty, owner_id, active, {synced}) FROM STDIN"
            ) as item_copy:
                ids = []
                for number in range(items):
                    item_id = new_id()
                    ids.append(item_id)
                    cost = rng.randrange(1, 50_000) / 100
                    name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.randrange(1, 500)} mm"
                    item_copy.write_row(
                        (
                            f"SKU-{number:07d}",
                            name,
                            "",
                            rng.choice(categories),
                            rng.choice(suppliers),
                            rng.choice(("pcs", "pcs", "box", "m", "kg")),
                            f"{cost:.2f}",
                            f"{cost * 1.4:.2f}",
                            rng.randrange(0, 40),
                            rng.randrange(10, 100),
                            admin,
                            rng.random() > 0.05,
                            item_id,
                            now,
                            now,
                            admin,
                            "bench",
                            "",
                            False,
                        )
                    )
            with cursor.copy(
                f"COPY item_barcode (item_id, code, symbology, {synced}) FROM STDIN"
            ) as code_copy:
                for number, item_id in enumerate(ids):
                    code_copy.write_row(
                        (
                            item_id,
                            make_instore_ean13(20, number),
                            "EAN13",
                            new_id(),
                            now,
                            now,
                            admin,
                            "bench",
                            "",
                            False,
                        )
                    )
            quantities = [rng.randrange(0, 200) for _ in ids]
            with cursor.copy("COPY stock_level (item_id, store_id, on_hand) FROM STDIN") as level_copy:
                for item_id, quantity in zip(ids, quantities, strict=True):
                    level_copy.write_row((item_id, main, quantity))
            with cursor.copy(
                "COPY stock_movement (item_id, store_id, kind, quantity, reference, user_id, at, "
                f"{synced}) FROM STDIN"
            ) as move_copy:
                for item_id, quantity in zip(ids, quantities, strict=True):
                    move_copy.write_row(
                        (
                            item_id,
                            main,
                            "receive",
                            quantity,
                            "opening",
                            admin,
                            now,
                            new_id(),
                            now,
                            now,
                            admin,
                            "bench",
                            "",
                            False,
                        )
                    )
        connection.execute(
            "INSERT INTO item_summary (item_id, on_hand, barcode) SELECT i.id, coalesce(l.on_hand, 0), "
            "coalesce(b.code, '') FROM item i LEFT JOIN stock_level l ON l.item_id = i.id "
            "LEFT JOIN item_barcode b ON b.item_id = i.id ON CONFLICT DO NOTHING"
        )
        for table in TABLES:
            connection.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        connection.commit()
