"""Report figures on real databases: `python -m bench reports` (or `python -m bench.reports [--quick]`).

Data: stores, categories and a user through the services; items, movements and the matching
stock_level rows with Core bulk inserts (the rows ledger.post_many would write, much faster than
posting a million movements one batch at a time). Each item lives in one store, every tenth in a
second one too; it gets one receipt, then sales (and some restocks) over a year.

Cases, each in a fresh interpreter so its peak RSS is its own:
- valuation of 10,000 items to PDF (target < 3 s);
- valuation of 100,000 items to PDF (target < 30 s, bounded memory);
- movements report of 1,000,000 movements to CSV (target < 10 s);
- low stock and reorder list of 100,000 items to PDF: the planner forecasts every item in every store
  from a year of daily sales; every other item has a reorder point of 30, so about half are listed
  (no target in the issue; 30 s like the big valuation).
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

from bench.table import print_table
from stockdesk.db.models import Item, StockLevel, StockMovement
from stockdesk.domain.ids import new_id
from stockdesk.reports.registry import run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database, open_database

STORES = 3
CATEGORIES = 20
START = datetime(2025, 1, 1, 8, tzinfo=UTC)
DAYS = 365
_CHUNK = 20_000


def _synced(now: datetime, user_id: object, desk: str) -> dict[str, object]:
    return {"created_at": now, "updated_at": now, "updated_by": user_id, "origin_desk": desk, "hlc": "",
            "deleted": False}


def generate(path: Path, items: int, movements: int, seed: int = 1) -> None:
    """A database with `items` items and about `movements` movements, stock_level consistent."""
    db = open_database(str(path))
    admin = users.create_first_admin(db.uow(), email="bench@example.com", password="bench-pass-1")
    stores = [organisation.create_store(db.uow(), admin, code=f"S{n:02d}", name=f"Store {n}").id
              for n in range(1, STORES + 1)]
    categories = [organisation.create_category(db.uow(), admin, name=f"Category {n:02d}").id
                  for n in range(CATEGORIES)]
    rng = random.Random(seed)
    item_ids = _insert_items(db, admin.id, categories, items, rng)
    pairs = [(item, stores[n % STORES]) for n, item in enumerate(item_ids)]
    pairs += [(item, stores[(n + 1) % STORES]) for n, item in enumerate(item_ids) if n % 10 == 0]
    _insert_movements(db, admin.id, pairs, movements, rng)
    db.close()


def _insert_items(db: Database, user_id: object, categories: list[object], count: int,
                  rng: random.Random) -> list[object]:
    now = datetime.now(UTC)
    ids: list[object] = []
    with db.engine.begin() as connection:
        rows = []
        for n in range(count):
            cost = Decimal(rng.randint(20, 20_000)) / 100
            ids.append(new_id())
            rows.append({"id": ids[-1], "sku": f"SKU-{n:07d}", "name": f"Bench item {n} standard pack",
                         "description": "", "category_id": categories[n % len(categories)],
                         "supplier_id": None, "unit": "pcs", "cost_price": cost,
                         "sell_price": (cost * Decimal("1.5")).quantize(Decimal("0.01")),
                         "reorder_point": Decimal(30 if n % 2 else 5), "reorder_qty": Decimal(20),
                         "owner_id": user_id,
                         "active": True, **_synced(now, user_id, db.desk_id)})
            if len(rows) == _CHUNK:
                connection.execute(insert(Item), rows)
                rows = []
        if rows:
            connection.execute(insert(Item), rows)
    return ids


def _insert_movements(db: Database, user_id: object, pairs: list[tuple[object, object]], total: int,
                      rng: random.Random) -> None:
    now = datetime.now(UTC)
    per_pair = max(1, total // len(pairs))
    levels: dict[tuple[object, object], Decimal] = {}
    with db.engine.begin() as connection:
        rows: list[dict[str, object]] = []
        for item, store in pairs:
            on_hand = Decimal(0)
            days = sorted(rng.randrange(DAYS) for _ in range(per_pair))
            for step, day in enumerate(days):
                if step == 0 or on_hand < 3:
                    kind, quantity = "receive", Decimal(40)
                else:
                    kind, quantity = "sale", -Decimal(min(on_hand, rng.choice((1, 1, 2, 3))))
                on_hand += quantity
                rows.append({"id": new_id(), "item_id": item, "store_id": store, "kind": kind,
                             "quantity": quantity, "counted_quantity": None,
                             "unit_cost": Decimal("1.25") if kind == "receive" else None, "reference": "",
                             "transfer_id": None, "reverses_id": None, "user_id": user_id,
                             "at": START + timedelta(days=day, minutes=step),
                             **_synced(now, user_id, db.desk_id)})
            levels[item, store] = on_hand
            if len(rows) >= _CHUNK:
                connection.execute(insert(StockMovement), rows)
                rows = []
        if rows:
            connection.execute(insert(StockMovement), rows)
        level_rows = [{"item_id": i, "store_id": s, "on_hand": q} for (i, s), q in levels.items()]
        for start in range(0, len(level_rows), _CHUNK):
            connection.execute(insert(StockLevel), level_rows[start : start + _CHUNK])


def run_case(db_path: str, report: str, out_suffix: str) -> dict[str, float]:
    db = open_database(db_path)
    actor = users.system_actor(db.uow())
    options = ReportOptions(as_of=date(2025, 12, 31), date_from=date(2024, 1, 1), date_to=date(2026, 1, 1))
    rows = [0]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"report{out_suffix}"
        start, cpu = time.perf_counter(), time.process_time()
        result = run_report(db, actor, report, options, out, progress=lambda n: rows.__setitem__(0, n))
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        size = out.stat().st_size / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": seconds, "cpu": cpu, "peak_mib": peak, "rows": rows[0], "size_mib": size,
            "total": str(next(iter(result.totals.values()), ""))}


def _measure(db_path: Path, report: str, suffix: str) -> dict[str, object]:
    output = subprocess.run([sys.executable, "-m", "bench.reports", "--one", str(db_path), report, suffix],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--one":
        print(json.dumps(run_case(sys.argv[2], sys.argv[3], sys.argv[4])))
        return
    scale = 10 if "--quick" in sys.argv else 1
    # name, items, movements, report, suffix, target seconds
    cases = [("valuation 10k items PDF", 10_000, 100_000, "valuation", ".pdf", 3.0),
             ("valuation 100k items PDF", 100_000, 1_000_000, "valuation", ".pdf", 30.0),
             ("movements 1M to CSV", 100_000, 1_000_000, "movements", ".csv", 10.0),
             ("reorder list 100k items PDF", 100_000, 1_000_000, "low-stock", ".pdf", 30.0)]
    table = []
    with tempfile.TemporaryDirectory() as folder:
        made: dict[tuple[int, int], tuple[Path, float]] = {}
        for name, items, moves, report, suffix, target in cases:
            items, moves = items // scale, moves // scale
            if (items, moves) not in made:
                path = Path(folder) / f"bench_{items}_{moves}.sqlite"
                started = time.perf_counter()
                generate(path, items, moves)
                made[items, moves] = (path, time.perf_counter() - started)
            path, generated = made[items, moves]
            result = _measure(path, report, suffix)
            verdict = "ok" if float(result["seconds"]) < target else "SLOW"  # type: ignore[arg-type]
            table.append([name, f"{items:,}", f"{moves:,}", f"{result['rows']:,}", f"{generated:.1f}",
                          f"{result['seconds']:.2f}", f"{result['cpu']:.2f}", f"<{target:g}",
                          f"{result['peak_mib']:.0f} MiB",
                          f"{result['size_mib']:.1f} MiB", verdict])
    print_table("Reports on SQLite (data generation excluded from the report time)",
                ["case", "items", "movements", "lines out", "generate s", "report s", "CPU s", "target",
                 "peak RSS", "file", ""], table)


if __name__ == "__main__":
    main()
