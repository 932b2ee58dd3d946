"""`python -m bench pages`: every page of the main window on the 1,000,000-item catalogue (issue 17 item 1).

Builds (or reuses) the cached catalogue of bench/scale_data.py (1,000,000 items, 3 stores, 5,000,000
movements over two years), opens the window as a user would, then shows every tab in turn, three times
(the first time builds the page), and measures:

- first paint: from the click on the tab until the page has been painted once (synchronously, so every
  visible cell asked for its data) — the goal is < 300 ms;
- ready: until the page's background work has finished (its thread pools idle, `is_loaded` where a page
  has it) and the result is painted;
- longest stall: the longest time the GUI thread did not return to its event loop from the click until
  ready, read by a 5 ms probe timer (a stall is what a user feels as a frozen window) — goal < 50 ms
  after the first paint.

The window runs as the app runs it: automatic garbage collection off, cycles collected on a timer of
the GUI thread (`ui/collector.py`). `--gc` also lists the collections of 5 ms or more, with their
thread and the page being shown. Run with BENCH_ITEMS=20000 for a quick try of the bench itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from bench.gc_log import GcLog
from bench.scale_data import build
from bench.table import print_table
from stockdesk.services.accounts import users
from stockdesk.services.database import open_database
from stockdesk.ui.collector import collect_on_gui_thread
from stockdesk.ui.main_window import MainWindow
from stockdesk.ui.memory import release_freed_memory
from stockdesk.ui.pages.lazy import LazyPage

ROUNDS = 3
PROBE_MS = 5
READY_TIMEOUT_S = 600.0


class StallProbe:
    """A timer that should fire every PROBE_MS; the longest gap between two firings is the longest stall.

    `longest_cpu` is the GUI thread's own CPU time within that gap, in ms: what the window's thread did
    itself, the rest of the gap it waited. `longest_queued` (Linux; else 0) is the part of that wait it
    was ready to run but had no core (the kernel's run-queue wait of the thread): what a busy machine
    costs, whatever the program does. The rest it waited for the interpreter (or slept)."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.longest = 0
        self.cpu = 0.0
        self.queued = 0
        self.longest_cpu = 0
        self.longest_queued = 0

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.longest = 0
        self.cpu = time.thread_time()
        self.queued = _queued_ns()
        self.longest_cpu = self.longest_queued = 0
        self.timer.start()

    def _tick(self) -> None:
        now, cpu, queued = self.clock.elapsed(), time.thread_time(), _queued_ns()
        if now - self.last > self.longest:
            self.longest, self.longest_cpu = now - self.last, round((cpu - self.cpu) * 1000)
            self.longest_queued = round((queued - self.queued) / 1e6)
        self.last, self.cpu, self.queued = now, cpu, queued

    def stop(self) -> int:
        self._tick()
        self.timer.stop()
        return self.longest

    def described(self) -> str:
        """The longest stall as the tables give it: "ms (GUI CPU ms, ms waiting for a core)"."""
        return f"{self.longest} ({self.longest_cpu}, {self.longest_queued})"


def _queued_ns() -> int:
    """Nanoseconds the calling thread has spent ready to run but without a core (Linux), else 0."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as stats:
            return int(stats.read().split()[1])
    except OSError:
        return 0


def _pools(window: QWidget) -> list[QThreadPool]:
    return [QThreadPool.globalInstance(), *window.findChildren(QThreadPool)]


def _settled(window: MainWindow, page: QWidget) -> Callable[[], bool]:
    def done() -> bool:
        if getattr(page, "is_loading", False) or getattr(page, "is_loaded", True) is False:
            return False
        return all(pool.activeThreadCount() == 0 for pool in _pools(window))

    return done


def _run_until(done: Callable[[], bool], timeout: float) -> None:
    """Run the event loop (timers, queued signals from workers) until `done()` holds twice in a row."""
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    calm = [0]

    def poll() -> None:
        calm[0] = calm[0] + 1 if done() else 0
        if calm[0] >= 2 or time.perf_counter() > deadline:
            loop.quit()

    poller = QTimer()
    poller.setInterval(10)
    poller.timeout.connect(poll)
    poller.start()
    loop.exec()
    poller.stop()


def _show_tab(window: MainWindow, index: int, probe: StallProbe) -> tuple[float, float, int, str]:
    """(first paint s, ready s, longest stall ms after the first paint, that stall described) for
    showing tab `index`."""
    started = time.perf_counter()
    window.pages.setCurrentIndex(index)
    tab = window.pages.widget(index)
    page = tab.page if isinstance(tab, LazyPage) else tab
    window.repaint()  # synchronous: the page, its table's visible cells, the tab bar
    first = time.perf_counter() - started
    probe.start()
    _run_until(_settled(window, page), READY_TIMEOUT_S)
    window.repaint()
    ready = time.perf_counter() - started
    return first, ready, probe.stop(), probe.described()


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gc", action="store_true", help="list the garbage collections of 5 ms or more")
    args = parser.parse_args()
    items = int(os.environ.get("BENCH_ITEMS", "1000000"))
    path = build(items, items * 5)
    release_freed_memory()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # never the layout of a real user's session
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(path.parent / "bench-qs"))
    app = QApplication.instance() or QApplication([])
    collect_on_gui_thread(app)  # as run_app does: no collection on a pool thread (ui/collector.py)
    db = open_database(str(path))
    actor = users.authenticate(db.uow(), email="admin@example.com", password="admin-pass-1")
    gc_log = GcLog(step="window open")
    if args.gc:
        gc_log.start()
    started = time.perf_counter()
    window = MainWindow(db, actor)
    window.resize(1280, 760)
    window.show()
    app.processEvents()  # the show and layout events a real start handles before its first paint
    window.repaint()
    opened = time.perf_counter() - started
    probe = StallProbe()
    probe.start()
    _run_until(_settled(window, window.current_page()), READY_TIMEOUT_S)
    probe.stop()
    open_stall = probe.described()
    titles = [window.pages.tabText(i).replace("&", "") for i in range(window.pages.count())]
    results: dict[str, list[tuple[float, float, int, str]]] = {title: [] for title in titles}
    for round_ in range(ROUNDS):
        for index, title in enumerate(titles):
            gc_log.step = f"{title}, show {round_ + 1}"
            results[title].append(_show_tab(window, index, probe))
    rows: list[list[object]] = [["window open (first page on screen)", _ms(opened), "", "", open_stall, ""]]
    for title, runs in results.items():
        firsts = [r[0] for r in runs]
        readies = [r[1] for r in runs]
        worst = max(runs, key=lambda r: r[2])
        rows.append([title, _ms(firsts[0]), _ms(statistics.median(firsts[1:] or firsts)),
                     _ms(max(readies)), worst[3], " / ".join(str(r[2]) for r in runs)])
    print_table(
        f"Every page at {items:,} items ({path.name}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f})",
        ["page", "first paint, first show ms", "first paint, again ms", "ready (max) ms",
         "longest stall after paint ms (GUI CPU ms, ms waiting for a core)", "stall of each show ms"],
        rows,
    )
    if args.gc:
        gc_log.stop()
        gc_log.print()
    window.close()
    db.close()


if __name__ == "__main__":
    main()
