"""`python -m bench reorder_page`: the window's Reorder page at 1,000,000 items, whole and incremental.

Shows the page alone (as the main window's tab shows it), lets its first calculation run (a whole run
on the thread pool), then sells a few items through the services and presses Recalculate (an
incremental run), and once more with nothing changed. For each: the time until the lines are shown
and the longest GUI-thread stall meanwhile, read by bench.pages' 5 ms probe timer (goal < 50 ms), with
the GUI thread's own CPU time within the worst one and the part of it the thread waited for a core
(the rest it waited for the interpreter).
`--rounds N` repeats both Recalculates N times (single samples of a stall swing widely) and gives
the median and the worst of them. Garbage is collected as the app does it, on a GUI-thread timer.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
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
from stockdesk.ui.collector import collect_on_gui_thread
from stockdesk.ui.planning.reorder_page import ReorderPage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=1, help="Recalculates of each kind")
    args = parser.parse_args()
    items = int(os.environ.get("BENCH_ITEMS", "1000000"))
    path = build(items, items * 5)
    app = QApplication.instance() or QApplication([])
    collect_on_gui_thread(app)  # as run_app does: no collection on a pool thread (ui/collector.py)
    db = open_database(str(path))
    admin = users.authenticate(db.uow(), email="admin@example.com", password="admin-pass-1")
    page = ReorderPage(db, admin)
    page.resize(1280, 760)
    probe = StallProbe()
    steps: dict[str, list[tuple[float, float, int, str, str]]] = {}

    def measure(label: str, start: object) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        probe.start()
        start()  # type: ignore[operator]
        app.processEvents()
        _run_until(lambda: page.is_loaded and not page.is_loading, READY_TIMEOUT_S)
        stall = probe.stop()
        seconds, used = time.perf_counter() - started, time.process_time() - cpu
        steps.setdefault(label, []).append((seconds, used, stall, probe.described(), page.status.text()))

    measure("first show (whole run)", page.show)
    rng = random.Random(9)
    for _ in range(args.rounds):
        run = page.run
        assert run is not None
        picked = rng.sample(run.rows, 300)
        del run
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
        f"load {os.getloadavg()[0]:.1f}), {args.rounds} round(s): medians, and the worst stall",
        ["step", "seconds", "CPU s (all threads)", "longest stall ms",
         "worst stall ms (GUI CPU ms, ms waiting for a core)", "status"],
        [
            [
                label,
                f"{statistics.median(s[0] for s in samples):.2f}",
                f"{statistics.median(s[1] for s in samples):.2f}",
                f"{statistics.median(s[2] for s in samples):.0f}",
                max(samples, key=lambda s: s[2])[3],
                samples[-1][4],
            ]
            for label, samples in steps.items()
        ],
    )
    page.close()
    db.close()

if __name__ == "__main__":
    main()
