"""Issue 5 figures: reorder suggestions from the ledger, MASE on demo data, a 50,000-line stocktake, alerts.

Run: python -m bench planning   (or python -m bench.planning [--items N] [--db-items N] [--skip-forecast])

1. Forecast + suggestion for N items x 365 days, read from a SQLite ledger. The sales rows are written
   with a bulk sqlite3 insert (one row per item and selling day, the day's quantity), with the movement
   indexes built after the load; the file is kept in the temp folder and reused by later runs. The
   table splits the time into reading daily sales out of the database and the maths.
2. Backtest: hold-out MASE of the chosen method against the naive forecast on the demo data
   (`stockdesk demo`: 2,000 items with history, 3 stores).
3. Posting a 50,000-line stocktake (start, add counts, post), through the services.
4. 1,000 sales that each open an alert (with an immediate recipient, so each queues an e-mail)
   against 1,000 that cross nothing, one transaction per sale and as one batch.

Every timing is given as wall time and CPU time of this process (time.process_time): the machine is
shared, so wall time includes waiting for the CPU; CPU time does not.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
from sqlalchemy import func, insert, select

from bench.table import print_table
from stockdesk.db.models import Item, StockMovement, Store
from stockdesk.domain.ids import new_id
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.services.maintenance import demo, settings
from stockdesk.services.planning import alert_recipients, alerts, reorder
from stockdesk.services.planning import sales as sales_data

DAYS = 365
END = datetime(2026, 1, 1, tzinfo=UTC)
LEDGER_VERSION = 1  # bump when the generated ledger changes, so cached files are rebuilt


class Clock:
    """Wall and CPU seconds since creation (CPU: this process only)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def _secs(lap: tuple[float, float]) -> tuple[str, str]:
    return f"{lap[0]:.2f}", f"{lap[1]:.2f}"


def _fresh(folder: Path, name: str) -> tuple[Database, users.Actor]:
    return _fresh_file(folder / f"{name}.sqlite")


def _fresh_file(path: Path) -> tuple[Database, users.Actor]:
    db = open_database(str(path))
    admin = users.create_first_admin(db.uow(), email="bench@example.com", password="bench-pass")
    return db, admin


def _items(db: Database, count: int, *, supplier_id: object = None, reorder_point: str = "0") -> list:
    rows = [
        {
            "id": new_id(),
            "sku": f"B{n:07d}",
            "name": f"Bench item {n}",
            "cost_price": Decimal("1.25"),
            "sell_price": Decimal("2.50"),
            "reorder_point": Decimal(reorder_point),
            "reorder_qty": Decimal(6),
            "supplier_id": supplier_id,
            "origin_desk": db.desk_id,
        }
        for n in range(count)
    ]
    with db.uow() as uow:
        for start in range(0, count, 10_000):
            uow.session.execute(insert(Item), rows[start : start + 10_000])
        uow.session.commit()
    return [row["id"] for row in rows]


def _demand(items: int, seed: int) -> np.ndarray:
    """10 % regular sellers (Poisson), 90 % intermittent (2-15 % of days), as retail catalogues are."""
    rng = np.random.default_rng(seed)
    regular = rng.random(items) < 0.10
    level = rng.lognormal(1.2, 0.7, (items, 1))
    steady = rng.poisson(level, (items, DAYS))
    chance = rng.uniform(0.02, 0.15, (items, 1))
    sizes = 1 + rng.poisson(2.0, (items, DAYS))
    sparse = np.where(rng.random((items, DAYS)) < chance, sizes, 0)
    return np.where(regular[:, None], steady, sparse)


def _bulk_sales(path: Path, item_ids: list, store_id: object, demand: np.ndarray, desk: str) -> int:
    """Opening receipts + one sale row per (item, selling day), straight into the file with sqlite3."""
    first = END - timedelta(days=DAYS)
    stamp = [(first + timedelta(days=d, hours=12)).strftime("%Y-%m-%d %H:%M:%S.000000") for d in range(DAYS)]
    store = store_id.hex
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA cache_size=-500000")
    connection.execute("INSERT INTO sync_mute (id) VALUES (1)")  # a bench ledger is not sync traffic
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stock_movement'"
        " AND sql IS NOT NULL"
    ).fetchall()
    for name, _sql in indexes:  # one sorted build after the load beats millions of random inserts
        connection.execute(f'DROP INDEX "{name}"')
    sql = (
        "INSERT INTO stock_movement (id, item_id, store_id, kind, quantity, reference, at, created_at,"
        " updated_at, origin_desk, hlc, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,'',0)"
    )
    opening = stamp[0].replace("12:00", "01:00")
    written = 0
    with connection:
        connection.executemany(
            sql,
            [
                (
                    new_id().hex,
                    item.hex,
                    store,
                    "receive",
                    100_000_000,
                    "opening",
                    opening,
                    opening,
                    opening,
                    desk,
                )
                for item in item_ids
            ],
        )
        rows, days = np.nonzero(demand)
        quantities = (-demand[rows, days] * 1000).tolist()
        prefix = new_id().hex[:20]  # time-ordered ids as new_id makes them, minus 7 us each
        for start in range(0, len(rows), 500_000):
            stop = min(len(rows), start + 500_000)
            batch = [
                (
                    f"{prefix}{n:012x}",
                    item_ids[r].hex,
                    store,
                    "sale",
                    q,
                    "",
                    stamp[d],
                    stamp[d],
                    stamp[d],
                    desk,
                )
                for n, r, d, q in zip(
                    range(start, stop),
                    rows[start:stop].tolist(),
                    days[start:stop].tolist(),
                    quantities[start:stop],
                    strict=True,
                )
            ]
            connection.executemany(sql, batch)
            written += len(batch)
        levels = (100_000 - demand.sum(axis=1)) * 1000
        connection.executemany(
            "INSERT INTO stock_level (item_id, store_id, on_hand) VALUES (?,?,?)",
            [(item.hex, store, int(level)) for item, level in zip(item_ids, levels.tolist(), strict=True)],
        )
    for _name, sql in indexes:
        connection.execute(sql)
    connection.execute("DELETE FROM sync_mute")
    connection.execute("ANALYZE")
    connection.commit()
    connection.close()
    return written


def ledger_path(items: int) -> Path:
    return Path(tempfile.gettempdir()) / f"stockdesk_planning_ledger_{items}_v{LEDGER_VERSION}.sqlite"


def _build_ledger(path: Path, items: int) -> tuple[int, float]:
    """Items, one store, and a year of daily sales, written to `path` (via a partial file)."""
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    clock = Clock()
    db, admin = _fresh_file(partial)
    store = organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
    supplier = organisation.create_supplier(db.uow(), admin, name="Acme", lead_time_days=7)
    ids = _items(db, items, supplier_id=supplier.id)
    desk = db.desk_id
    db.close()
    rows = _bulk_sales(partial, ids, store.id, _demand(items, 7), desk)
    partial.rename(path)
    return rows, clock.lap()[0]


def forecast_case(items: int) -> list[tuple[str, str, str]]:
    path = ledger_path(items)
    built = "reused from an earlier run"
    if not path.exists():
        rows, seconds = _build_ledger(path, items)
        built = f"{rows:,} sale rows written in {seconds:.0f} s"
    db = open_database(str(path))
    with db.uow() as uow:
        rows = uow.session.scalar(select(func.count()).where(StockMovement.kind == "sale"))
        store = uow.session.scalars(select(Store.id).where(Store.code == "MAIN")).one()
    with db.uow() as uow:
        clock = Clock()
        targets = reorder._targets(uow, None)
        targets_t = clock.lap()
        clock = Clock()
        keys = [(x.item_id, x.store_id) for x in targets]
        sales = sales_data.read_daily_sales(uow, keys, days=DAYS, until=END, store_id=store)
        read_t = clock.lap()
        plan = settings.read(uow)
    clock = Clock()
    batch = sales_data.forecast_sales(sales)
    forecast_t = clock.lap()
    clock = Clock()
    suggestions = [reorder._row(x, batch, i, Decimal(0), plan) for i, x in enumerate(targets)]
    suggest_t = clock.lap()
    clock = Clock()
    end_to_end = reorder.suggestions(db.uow(), as_of=END)
    total_t = clock.lap()
    db.close()
    assert len(end_to_end) == len(suggestions) == items
    maths = (forecast_t[0] + suggest_t[0], forecast_t[1] + suggest_t[1])
    return [
        ("items x days", f"{items:,} x {DAYS}", ""),
        ("sale rows in the ledger", f"{rows:,}", built),
        ("targets: items, suppliers, levels", *_secs(targets_t)),
        ("read daily sales from the ledger", *_secs(read_t)),
        ("forecast (batched forecast_many)", *_secs(forecast_t)),
        ("suggestions with reasons", *_secs(suggest_t)),
        ("maths total: forecast + suggestion", *_secs(maths)),
        ("reorder.suggestions() end to end", *_secs(total_t)),
        ("items with an order suggested", f"{sum(s.suggested_qty > 0 for s in suggestions):,}", ""),
    ]


def mase_case(folder: Path) -> list[tuple[str, str]]:
    db, admin = _fresh(folder, "demo")
    t = time.perf_counter()
    demo.generate(db, admin, items=2000, stores=3, days=180, seed=7)
    gen_s = time.perf_counter() - t
    rows = [r for r in reorder.suggestions(db.uow()) if r.mase is not None]
    db.close()
    values = np.array([r.mase for r in rows])
    ses = np.array([r.mase for r in rows if r.method.startswith("ses")])
    sba = np.array([r.mase for r in rows if r.method.startswith("sba")])
    return [
        ("demo: items x stores with history, days", f"2,000 x 3, 180 (generated in {gen_s:.0f} s)"),
        ("series with a defined MASE", f"{len(values):,}"),
        ("median MASE, chosen method", f"{np.median(values):.3f}"),
        ("mean MASE, chosen method", f"{values.mean():.3f}"),
        ("share of series beating naive (MASE < 1)", f"{(values < 1).mean():.1%}"),
        (
            "median MASE, SES series / SBA series",
            f"{_median(ses)} / {_median(sba)}",
        ),
        ("naive forecast", "1.000 by definition"),
    ]


def _median(values: np.ndarray) -> str:
    return f"{np.median(values):.3f}" if values.size else "-"


def maths_case(items: int) -> list[tuple[str, str]]:
    """Forecast + suggestion for `items` x 365 days held in memory (the part the 20 s target is about)."""
    demand = _demand(items, 7).astype(np.float64)
    store = new_id()
    targets = [
        reorder._Target(
            new_id(),
            f"B{n:07d}",
            "",
            store,
            "MAIN",
            None,
            "",
            7,
            Decimal(6),
            Decimal(0),
            Decimal("1.25"),
            Decimal(int(demand[n].sum()) % 50),
        )
        for n in range(items)
    ]
    sales = sales_data.DailySales(
        [(t.item_id, store) for t in targets],
        demand,
        END - timedelta(days=DAYS),
        np.zeros(items, dtype=np.int64),
    )
    plan = settings.PlanningSettings()
    clock = Clock()
    batch = sales_data.forecast_sales(sales)
    forecast_t = clock.lap()
    clock = Clock()
    rows = [reorder._row(x, batch, i, Decimal(0), plan) for i, x in enumerate(targets)]
    suggest_t = clock.lap()
    return [
        ("items x days", f"{items:,} x {DAYS}", ""),
        ("forecast (batched forecast_many)", *_secs(forecast_t)),
        ("suggestions with reasons", *_secs(suggest_t)),
        ("forecast + suggestion", *_secs((forecast_t[0] + suggest_t[0], forecast_t[1] + suggest_t[1]))),
        ("items with an order suggested", f"{sum(r.suggested_qty > 0 for r in rows):,}", ""),
    ]


def stocktake_case(folder: Path, lines: int) -> list[tuple[str, str]]:
    from bench import stocktake as bench_stocktake  # that module builds its items with `_items` here

    db = open_database(str(folder / "stocktake.sqlite"))
    laps = bench_stocktake.one_round(db, lines)
    db.close()
    steps = [(name, *_secs(lap)) for name, lap in zip(bench_stocktake.STEPS, laps, strict=True)]
    return [("lines", f"{lines:,}", ""), *steps]


def _alert_items(db: Database, admin: users.Actor, store_id: object, count: int, point: str) -> list:
    ids = _items_with_prefix(db, count, point)
    stock.post_movements(
        db.uow(), admin, [MovementRequest(MovementKind.RECEIVE, i, store_id, "10") for i in ids]
    )
    return ids


def _items_with_prefix(db: Database, count: int, point: str) -> list:
    rows = [
        {
            "id": new_id(),
            "sku": f"P{point}-{new_id().hex[-10:]}",
            "name": "Alert bench",
            "reorder_point": Decimal(point),
            "origin_desk": db.desk_id,
        }
        for _ in range(count)
    ]
    with db.uow() as uow:
        uow.session.execute(insert(Item), rows)
        uow.session.commit()
    return [row["id"] for row in rows]


def alerts_case(folder: Path, count: int, rounds: int) -> list[tuple[str, ...]]:
    db, admin = _fresh(folder, "alerts")
    store = organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
    alert_recipients.add_recipient(db.uow(), admin, email="buyer@example.com")
    timings: dict[str, list[tuple[float, float]]] = {
        "single crossing": [],
        "single quiet": [],
        "batch crossing": [],
        "batch quiet": [],
    }
    for _ in range(rounds):
        for point, label in (("9", "crossing"), ("0", "quiet")):  # 10 -> 9 reaches 9; 0 = not watched
            ids = _alert_items(db, admin, store.id, count, point)
            clock = Clock()
            for item in ids:
                stock.sell(db.uow(), admin, item_id=item, store_id=store.id, quantity="1")
            timings[f"single {label}"].append(clock.lap())
            ids = _alert_items(db, admin, store.id, count, point)
            requests = [MovementRequest(MovementKind.SALE, i, store.id, "1") for i in ids]
            clock = Clock()
            stock.post_movements(db.uow(), admin, requests)
            timings[f"batch {label}"].append(clock.lap())
    opened = len(alerts.open_alerts(db.uow(), limit=10**9))
    db.close()
    rows: list[tuple[str, ...]] = []
    for mode in ("single", "batch"):
        for clock, name in ((0, "wall"), (1, "CPU")):
            crossing = min(t[clock] for t in timings[f"{mode} crossing"])
            quiet = min(t[clock] for t in timings[f"{mode} quiet"])
            txn = " (1 txn each)" if mode == "single" else " (1 txn)"
            rows.append(
                (
                    f"{count:,} sales, {mode}{txn}, {name}",
                    f"{crossing:.3f}",
                    f"{quiet:.3f}",
                    f"{(crossing / quiet - 1) * 100:+.1f} %",
                )
            )
    rows.append(("alerts opened in total", str(opened), "", ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="items for the in-memory maths")
    parser.add_argument(
        "--db-items", type=int, default=100_000, help="items in the ledger case (cached file)"
    )
    parser.add_argument("--stocktake-lines", type=int, default=50_000)
    parser.add_argument("--skip-forecast", action="store_true", help="skip the (slow) ledger case")
    args = parser.parse_args([]) if __name__ != "__main__" else parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print_table(
            "Forecast + reorder suggestion, maths only", ["step", "wall s", "CPU s"], maths_case(args.items)
        )
        if not args.skip_forecast:
            print_table(
                "Forecast + reorder suggestion read from the ledger (SQLite)",
                ["step", "wall s", "CPU s"],
                forecast_case(args.db_items),
            )
        print_table(
            "Backtest on the demo data (hold-out MASE vs naive)", ["measure", "value"], mase_case(folder)
        )
        print_table("Stocktake", ["step", "wall s", "CPU s"], stocktake_case(folder, args.stocktake_lines))
        print_table(
            "Alerts: sales that open an alert vs sales that cross nothing (best of 3, seconds; wall and CPU)",
            ["case", "opening alerts", "crossing nothing", "difference"],
            alerts_case(folder, 1000, 3),
        )


if __name__ == "__main__":
    main()
