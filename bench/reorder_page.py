"""`python -m bench reorder_page`: the window's Reorder page at 1,000,000 items, whole and incremental.

Shows the page alone (as the main window's tab shows it), lets its first calculation run (a whole run
on the thread pool), then sells a few items through the services and presses Recalculate (an
incremental run), and once more with nothing changed. For each: the time until the lines are shown
and the longest GUI-thread stall meanwhile, read by bench.pages' 5 ms probe timer (goal < 50 ms).
"""

from __future__ import annotations

import os
import random
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from bench.pages import READY_TIMEOUT_S, StallProbe, _run_until
from bench.scale_data import build
from bench.table import print_table
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.database import open_database
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.ui.planning.reorder_page import ReorderPage


def main() -> None:
    items = int(os.environ.get("BENCH_ITEMS", "1000000"))
    path = build(items, items * 5)
    app = QApplication.instance() or QApplication([])
    db = open_database(str(path))
    admin = users.authenticate(db.uow(), email="admin@example.com", password="admin-pass-1")
    page = ReorderPage(db, admin)
    page.resize(1280, 760)
    probe = StallProbe()
    rows: list[list[object]] = []

    def measure(label: str, start: object) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        probe.start()
        start()  # type: ignore[operator]
        app.processEvents()
        _run_until(lambda: page.is_loaded and not page.is_loading, READY_TIMEOUT_S)
        stall = probe.stop()
        seconds, used = time.perf_counter() - started, time.process_time() - cpu
        rows.append([label, f"{seconds:.2f}", f"{used:.2f}", f"{stall}", page.status.text()])

    measure("first show (whole run)", page.show)
    rng = random.Random(9)
    run = page.run
    assert run is not None
    picked = rng.sample(run.rows, 300)
    stock.post_movements(
        db.uow(),
        admin,
        [MovementRequest(MovementKind.SALE, r.item_id, r.store_id, "1") for r in picked],
        allow_negative=True,
    )
    measure("Recalculate after 300 sales", page.calculate_button.click)
    measure("Recalculate, nothing changed", page.calculate_button.click)
    print_table(
        f"Reorder page at {items:,} items ({path.name}, {os.cpu_count()} CPUs, "
        f"load {os.getloadavg()[0]:.1f})",
        ["step", "seconds", "CPU s (all threads)", "longest stall ms", "status"],
        rows,
    )
    page.close()
    db.close()


if __name__ == "__main__":
    main()
