"""Issue 2 figures: demo generation, barcode lookup latency, single vs batched movement posting."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from bench.table import print_table
from stockdesk.db.models import ItemBarcode, Store
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog
from stockdesk.services.database import open_database
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.services.maintenance import demo

ITEMS = 100_000
LOOKUPS = 2_000
SINGLE = 10_000
BATCH = 10_000


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(str(Path(folder) / "bench.sqlite"))
        admin = users.create_first_admin(db.uow(), email="bench@example.com", password="bench-pass")
        started = time.perf_counter()
        demo.generate(db, admin, items=ITEMS, stores=3, days=0)
        generate_s = time.perf_counter() - started

        with db.uow() as uow:
            codes = list(uow.session.scalars(select(ItemBarcode.code)))
            store_ids = list(uow.session.scalars(select(Store.id)))
        rng = random.Random(1)
        lookups = []
        for code in rng.sample(codes, LOOKUPS):
            t = time.perf_counter()
            catalog.find_item(db.uow(), code)
            lookups.append((time.perf_counter() - t) * 1000)
        item_ids = [catalog.find_item(db.uow(), code).id for code in rng.sample(codes, 500)]

        singles = []
        for n in range(SINGLE):
            t = time.perf_counter()
            stock.receive(db.uow(), admin, item_id=item_ids[n % 500], store_id=store_ids[n % 3], quantity="1")
            singles.append((time.perf_counter() - t) * 1000)
        # A sale at the counter: the same path plus the low-stock check (alerts), audit and capture.
        sales = []
        for n in range(SINGLE):
            t = time.perf_counter()
            stock.sell(db.uow(), admin, item_id=item_ids[n % 500], store_id=store_ids[n % 3], quantity="1")
            sales.append((time.perf_counter() - t) * 1000)
        requests = [
            MovementRequest(MovementKind.RECEIVE, item_ids[n % 500], store_ids[n % 3], "1")
            for n in range(BATCH)
        ]
        t, cpu = time.perf_counter(), time.process_time()
        stock.post_movements(db.uow(), admin, requests)
        batch_s, batch_cpu = time.perf_counter() - t, time.process_time() - cpu
        db.close()

    print_table(
        "StockDesk foundation benchmark (SQLite file, WAL)",
        ["measure", "value", "target"],
        [
            [f"generate {ITEMS:,} demo items (+ barcodes)", f"{generate_s:.2f} s", "-"],
            [
                f"barcode lookup median ({LOOKUPS:,} at {ITEMS:,} items)",
                f"{statistics.median(lookups):.3f} ms",
                "-",
            ],
            ["barcode lookup p99", f"{_percentile(lookups, 0.99):.3f} ms", "< 1 ms"],
            [
                f"single movement median ({SINGLE:,}, one transaction each)",
                f"{statistics.median(singles):.3f} ms",
                "< 5 ms",
            ],
            ["single movement p99", f"{_percentile(singles, 0.99):.3f} ms", "-"],
            [
                f"single sale median ({SINGLE:,}, low-stock check included)",
                f"{statistics.median(sales):.3f} ms",
                "< 2 ms",
            ],
            ["single sale p99", f"{_percentile(sales, 0.99):.3f} ms", "-"],
            ["single movements per second", f"{1000 / statistics.mean(singles):,.0f}", "-"],
            [
                f"batched movements ({BATCH:,} in one transaction)",
                f"{BATCH / batch_s:,.0f} /s",
                ">= 20,000 /s",
            ],
            ["batched movements per CPU second (this process)", f"{BATCH / batch_cpu:,.0f} /s", "-"],
        ],
    )


if __name__ == "__main__":
    main()
