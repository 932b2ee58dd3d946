"""`python -m bench reorder_runs`: reorder suggestions on the 1,000,000-item catalogue, whole and incremental.

Issue 17 item 1 asks for every item x 3 stores in < 60 s and, afterwards, only what changed since the
last run in < 5 s. On the cached catalogue of bench/scale_data.py (BENCH_ITEMS items, 3 stores, five
movements an item over two years), this times a whole run for all stores and for one, then writes what a
shop's hour brings through the services (sales and receipts at random places, a few reorder points) and
times the incremental run after it, and one with nothing changed. `--check` also makes a whole run after
the changes and compares every line with the incremental one (another whole run's time).
"""

from __future__ import annotations

import argparse
import os
import random
import time

from bench.scale_data import build
from bench.table import print_table
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import open_database
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.services.planning import reorder_runs


class _Stages:
    """A `reorder.Watch` that notes when each stage starts."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.marks: dict[str, float] = {}

    def stage(self, name: str, done: int, total: int) -> None:
        self.marks.setdefault(name, time.perf_counter() - self.started)

    def cancelled(self) -> bool:
        return False

    def text(self) -> str:
        return ", ".join(f"{name} at {at:.1f}" for name, at in self.marks.items())


CPU: list[float] = []  # the process's CPU seconds of each _timed call, in order


def _timed(call: object, *args: object, **kwargs: object) -> tuple[float, object]:
    started, cpu = time.perf_counter(), time.process_time()
    result = call(*args, **kwargs)  # type: ignore[operator]
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - started, result


def _line(step: str, seconds: float, notes: str) -> list[object]:
    """A row of the table: wall and CPU seconds of the last _timed call."""
    return [step, f"{seconds:.2f}", f"{CPU[-1]:.2f}", notes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare the incremental run with a whole one")
    parser.add_argument("--sales", type=int, default=300, help="sales and receipts written between runs")
    args = parser.parse_args()
    items = int(os.environ.get("BENCH_ITEMS", "1000000"))
    path = build(items, items * 5)
    opened, db = _timed(open_database, str(path))  # the first open migrates (adds reorder_change)
    admin = users.authenticate(db.uow(), email="admin@example.com", password="admin-pass-1")
    stores = {s.code: s.id for s in organisation.list_stores(db.uow())}
    rows: list[list[object]] = [_line("open (and migrate) the file", opened, "")]
    watch = _Stages()
    seconds, run = _timed(reorder_runs.recalculate, db.uow(), watch=watch)
    rows.append(_line("whole run, all stores", seconds, f"{len(run.rows):,} lines; {watch.text()}"))
    one = _Stages()
    seconds, main_run = _timed(reorder_runs.recalculate, db.uow(), store_id=stores["MAIN"], watch=one)
    rows.append(_line("whole run, one store", seconds, f"{len(main_run.rows):,} lines; {one.text()}"))
    del main_run
    seconds, same = _timed(reorder_runs.recalculate, db.uow(), run)
    rows.append(_line("incremental, nothing changed", seconds, f"{same.recomputed} items recomputed"))
    rng = random.Random(5)
    picked = rng.sample(run.rows, args.sales)
    requests = [
        MovementRequest(
            MovementKind.SALE if rng.random() < 0.8 else MovementKind.RECEIVE, r.item_id, r.store_id, "1"
        )
        for r in picked
    ]
    written, _ = _timed(stock.post_movements, db.uow(), admin, requests, allow_negative=True)
    for r in picked[:10]:
        catalog.update_item(db.uow(), admin, r.item_id, reorder_point=str(rng.randint(1, 50)))
    rows.append([f"writing {args.sales} movements (one batch) + 10 reorder points", f"{written:.2f}", "", ""])
    seconds, after = _timed(reorder_runs.recalculate, db.uow(), same)
    rows.append(_line("incremental after the writes", seconds, f"{after.recomputed} items recomputed"))
    seconds, lines = _timed(after.lines, True)
    rows.append(_line("only lines to order (filter)", seconds, f"{len(lines):,} lines"))  # type: ignore[arg-type]
    if args.check:
        seconds, whole = _timed(reorder_runs.recalculate, db.uow())
        equal = whole.rows == after.rows  # type: ignore[attr-defined]
        rows.append(_line("whole run after the writes (check)", seconds, f"same lines: {equal}"))
    print_table(
        f"Reorder runs at {items:,} items x 3 stores ({path.name}, {os.cpu_count()} CPUs, "
        f"load {os.getloadavg()[0]:.1f})",
        ["step", "seconds", "CPU s", "notes"],
        rows,
    )
    db.close()


if __name__ == "__main__":
    main()
