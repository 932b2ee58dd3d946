"""Issue 20 figures: a sale picked first-expiry-first-out among 1,000,000 lot-tracked items, and the
item card of an item with 200 lots on 500 locations.

`python -m bench places [--items N] [--sales S] [--databases postgresql,sqlite]`: the shop of
`places_data` (built once, kept as PostgreSQL database `stockdesk_bench_places_<N>_v1` and as a
SQLite file in the temp directory); each sale is `stock.sell` of 3 units of a random item
(5 lots of 10, in 5 locations): the FEFO pick, the posting, its `stock_place` trigger and the commit.
The card is `place_levels.item_places` for the item with 200 lots. Goals: < 5 ms a sale (median),
< 50 ms the card. Wall milliseconds; the first sales warm the caches and are not counted.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import select

from bench import places_data
from bench.table import print_table
from stockdesk.db.models import Item, Store
from stockdesk.domain.ids import ItemId, StoreId
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import stock
from stockdesk.services.places.place_levels import item_places, places_in_store

WARM_UP = 20


def _ms(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def _ids(db: Database, items: int, count: int) -> tuple[StoreId, list[ItemId], ItemId]:
    rng = random.Random(20)
    skus = [f"LOT-{rng.randrange(items):07d}" for _ in range(count)]
    uow = db.uow()
    with uow:
        store = uow.session.scalar(select(Store.id).where(Store.code == "MAIN"))
        query = select(Item.sku, Item.id).where(Item.sku.in_([*skus, places_data.CARD_SKU]))
        found = dict(uow.session.execute(query).tuples().all())
    return StoreId(store), [ItemId(found[s]) for s in skus], ItemId(found[places_data.CARD_SKU])


def measure(db: Database, items: int, sales: int) -> list[list[str]]:
    admin = users.authenticate(db.uow(), email=places_data.ADMIN[0], password=places_data.ADMIN[1])
    store, picked, card = _ids(db, items, sales + WARM_UP)
    laps: list[float] = []
    cpu: list[float] = []
    first_lot: list[bool] = []
    for n, item_id in enumerate(picked):
        started, ticks = time.perf_counter(), time.process_time()
        sold = stock.sell(db.uow(), admin, item_id=item_id, store_id=store, quantity="3")
        if n >= WARM_UP:
            laps.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - ticks) * 1000)
        first_lot.append(sold.lot_id is not None)
    assert all(first_lot)  # each sale took a lot (which one: tests/integration/test_places.py)
    # The same sale of an untracked item in a store without locations (no place is read at all), in
    # the same run: what the FEFO pick adds is the difference (the machine is shared).
    base = organisation.create_store(db.uow(), admin, code=f"B{time.time_ns() % 10**8}", name="No locations")
    plain = catalog.create_item(db.uow(), admin, sku=f"PLAIN-{time.time_ns()}", name="Untracked")
    stock.receive(db.uow(), admin, item_id=plain.id, store_id=base.id, quantity=str(3 * len(picked)))
    plain_laps: list[float] = []
    plain_cpu: list[float] = []
    for n in range(len(picked)):
        started, ticks = time.perf_counter(), time.process_time()
        stock.sell(db.uow(), admin, item_id=plain.id, store_id=base.id, quantity="3")
        if n >= WARM_UP:
            plain_laps.append((time.perf_counter() - started) * 1000)
            plain_cpu.append((time.process_time() - ticks) * 1000)
    # The FEFO read alone: the item's places in the store with their lots, as the pick reads them.
    reads = []
    for item_id in picked[:50]:
        uow = db.uow()
        with uow:
            started = time.perf_counter()
            places_in_store(uow, item_id, store)
            reads.append((time.perf_counter() - started) * 1000)
    cards = [_ms(lambda: item_places(db.uow(), card)) for _ in range(30)]
    lines = item_places(db.uow(), card)
    assert len(lines) == places_data.LOCATIONS and sum(v.on_hand for v in lines) == Decimal(5000)
    return [
        _row(f"FEFO sale, {items:,} items × {places_data.LOTS_PER_ITEM} lots", laps, cpu, "< 5 ms"),
        _row("untracked sale, store without locations", plain_laps, plain_cpu, ""),
        _row("FEFO read alone (places_in_store)", reads[5:], None, ""),
        _row(
            f"item card, {places_data.CARD_LOTS} lots on {places_data.LOCATIONS} locations",
            cards[5:],
            None,
            "< 50 ms",
        ),
    ]


def _row(what: str, laps: list[float], cpu: list[float] | None, goal: str) -> list[str]:
    p95 = sorted(laps)[int(len(laps) * 0.95)]
    shown = f"{statistics.median(cpu):.2f}" if cpu else ""
    return [what, f"{statistics.median(laps):.2f}", f"{p95:.2f}", shown, goal]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--sales", type=int, default=200)
    parser.add_argument("--databases", default="postgresql,sqlite", help="which of postgresql,sqlite")
    args = parser.parse_args(sys.argv[1:] if sys.argv[0].startswith("bench ") else [])
    builders = {
        "postgresql": ("PostgreSQL", places_data.build),
        "sqlite": ("SQLite", places_data.build_sqlite),
    }
    rows: list[list[str]] = []
    for name in args.databases.split(","):
        label, build = builders[name.strip()]
        db = open_database(build(args.items))
        try:
            rows += [[label, *row] for row in measure(db, args.items, args.sales)]
        finally:
            db.close()
    print_table(
        f"Places at {args.items:,} items ({args.sales} sales; wall ms)",
        ["database", "what", "median", "p95", "CPU median", "goal"],
        rows,
    )


if __name__ == "__main__":
    main()
