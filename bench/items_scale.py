"""`python -m bench items_scale`: the items window on 1,000,000 items, through real Qt (offscreen).

Builds (or reuses) the cached catalogue of bench/scale_data.py, then measures: window open to first
paint; every filter and every sort until the first page is painted; jumps to random scroll
positions until the rows are painted; resident memory with the window open; and the naive
QStandardItemModel holding every row, for the ratio. Also OFFSET vs key paging in plain SQL.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psutil
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from bench.picture_data import with_pictures
from bench.scale_data import build
from bench.table import print_table
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import item_query, organisation
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.database import Database, open_database
from stockdesk.ui.main_window import MainWindow
from stockdesk.ui.memory import release_freed_memory
from stockdesk.ui.models.items import PICTURE_COLUMN

RUNS = 3
JUMPS = 60
SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def _wait(app: QApplication, done: Callable[[], bool], timeout: float = 120) -> None:
    end = time.perf_counter() + timeout
    while not done() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def _painted(app: QApplication, view: QTableView) -> None:
    app.processEvents()
    view.viewport().repaint()  # paints synchronously: every visible cell's data() is asked for


def _filters(db: Database) -> dict[str, ItemFilter]:
    stores = organisation.list_stores(db.uow())
    categories = organisation.list_categories(db.uow())
    top = next(c for c in categories if c.parent_id is None)
    supplier = organisation.list_suppliers(db.uow())[3]
    return {
        "text 'hammer 12' (FTS)": ItemFilter(text="hammer 12"),
        "barcode digits '0000123'": ItemFilter(text="0000123"),
        "category + sub-categories": ItemFilter(category_id=top.id),
        "supplier": ItemFilter(supplier_id=supplier.id),
        "store": ItemFilter(store_id=stores[1].id),
        "price 10.00-20.00": ItemFilter(min_price=Decimal(10), max_price=Decimal(20)),
        "low stock (any store)": ItemFilter(low_stock=True),
        "low stock in store": ItemFilter(low_stock=True, store_id=stores[0].id),
        "archived only": ItemFilter(archived_only=True),
        "text+low+price+store": ItemFilter(text="saw", low_stock=True, min_price=Decimal(5),
                                           store_id=stores[2].id),
    }


CPU: list[float] = []  # GUI-thread CPU seconds of every first page timed (the machine may be shared)


def _time_first_page(app: QApplication, window: MainWindow, apply: Callable[[], None]) -> tuple[float, float]:
    """(first page painted, exact count known) in seconds."""
    started, cpu = time.perf_counter(), time.thread_time()
    apply()
    _painted(app, window.table)
    first = time.perf_counter() - started
    CPU.append(time.thread_time() - cpu)
    _wait(app, lambda: window.model.is_complete)
    return first, time.perf_counter() - started


def _measure_filters(app: QApplication, window: MainWindow, db: Database) -> list[list[object]]:
    rows: list[list[object]] = []
    everything: list[float] = []
    for name, item_filter in _filters(db).items():
        firsts, counts = [], []
        for _ in range(RUNS):
            window.model.set_filter(ItemFilter())
            _wait(app, lambda: window.model.is_complete)
            first, counted = _time_first_page(app, window, lambda f=item_filter: window.model.set_filter(f))
            firsts.append(first)
            counts.append(counted)
        everything += firsts
        rows.append([f"filter: {name}", window.model.rowCount(), _ms(statistics.median(firsts)),
                     _ms(max(firsts)), _ms(statistics.median(counts))])
    window.model.set_filter(ItemFilter())
    _wait(app, lambda: window.model.is_complete)
    for column in range(PICTURE_COLUMN):  # the picture column does not sort
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            firsts, counts = [], []
            for _ in range(RUNS):
                window.model.sort(0 if column else 1, Qt.SortOrder.AscendingOrder)
                _wait(app, lambda: window.model.is_complete)
                apply = lambda c=column, o=order: window.model.sort(c, o)  # noqa: E731
                first, counted = _time_first_page(app, window, apply)
                firsts.append(first)
                counts.append(counted)
            everything += firsts
            label = f"sort: {window.model.headerData(column, Qt.Orientation.Horizontal)} {order.name[:-5]}"
            rows.append([label, window.model.rowCount(), _ms(statistics.median(firsts)), _ms(max(firsts)),
                         _ms(statistics.median(counts))])
    quantiles = statistics.quantiles(everything, n=20)
    rows.append(["ALL filters+sorts: median / p95", len(everything), _ms(statistics.median(everything)),
                 _ms(quantiles[18]), ""])
    rows.append(["ALL filters+sorts, GUI-thread CPU: median / p95", len(CPU), _ms(statistics.median(CPU)),
                 _ms(statistics.quantiles(CPU, n=20)[18]), ""])
    return rows


def _measure_jumps(app: QApplication, window: MainWindow) -> list[float]:
    model, view = window.model, window.table
    model.sort(0, Qt.SortOrder.AscendingOrder)
    _wait(app, lambda: model.is_complete)
    rng = random.Random(3)
    times = []
    for _ in range(JUMPS):
        row = rng.randrange(model.rowCount())
        started = time.perf_counter()
        view.verticalScrollBar().setValue(row)  # what dragging the scrollbar does
        view.viewport().repaint()  # one synchronous paint of the rows now in view
        times.append(time.perf_counter() - started)
    return times


def _naive(app: QApplication, db: Database) -> float:
    """Every row into a QStandardItemModel, then paint: what a simple window would do."""
    started = time.perf_counter()
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["SKU", "Name", "Barcode", "Unit", "Sell", "Cost", "Reorder", "On hand"])
    for row in item_query.iter_rows(db.uow, ItemFilter(), batch=20_000):
        model.appendRow([QStandardItem(str(v)) for v in (row.sku, row.name, row.barcode, row.unit,
                                                          row.sell_price, row.cost_price, row.reorder_point,
                                                          row.on_hand)])
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 700)
    view.show()
    _painted(app, view)
    elapsed = time.perf_counter() - started
    view.close()
    return elapsed


def _sql_offset_vs_keys(db: Database) -> list[list[object]]:
    started = time.perf_counter()
    item_query.item_page(db.uow(), ItemFilter(), offset=500_000, limit=200)
    offset = time.perf_counter() - started
    keys = item_query.sorted_keys(db.uow(), ItemFilter())
    started = time.perf_counter()
    item_query.rows_by_keys(db.uow(), ItemFilter(), keys[500_000:500_200])
    by_keys = time.perf_counter() - started
    return [["SQL: OFFSET 500,000 LIMIT 200", "", _ms(offset), "", ""],
            ["SQL: 200 rows by cached keys at 500,000", "", _ms(by_keys), "", ""]]


def _screenshots(app: QApplication, window: MainWindow) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.model.sort(0, Qt.SortOrder.AscendingOrder)
    _wait(app, lambda: window.model.is_complete)
    window.select_row(0)
    _painted(app, window.table)
    window.grab().save(str(SCREENSHOTS / "items_table.png"))
    for page_index in range(window.pages.count()):
        if window.pages.tabText(page_index).replace("&", "") == "Dashboard":
            window.pages.setCurrentIndex(page_index)
            _wait(app, lambda: getattr(window.pages.currentWidget(), "is_loaded", True), timeout=120)
            app.processEvents()
            window.grab().save(str(SCREENSHOTS / "dashboard.png"))


def main() -> None:
    items = int(os.environ.get("BENCH_ITEMS", "1000000"))  # smaller for a quick try of the bench itself
    path = build(items, items * 5)
    pictured = int(os.environ.get("BENCH_PICTURES", "0"))  # percent of the items with a picture
    if pictured:
        path = with_pictures(path, pictured)
    release_freed_memory()  # a first run builds the file in this process: its 1 GB cache is not the window's
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # never the layout of a real user's session
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(path.parent / "bench-qs"))
    app = QApplication.instance() or QApplication([])
    db = open_database(str(path))
    actor = users.authenticate(db.uow(), email="admin@example.com", password="admin-pass-1")
    started, cpu = time.perf_counter(), time.thread_time()
    window = MainWindow(db, actor)
    window.resize(1280, 760)
    window.show_page(window.items_page)
    window.show()
    _painted(app, window.table)
    open_time = time.perf_counter() - started
    open_cpu = time.thread_time() - cpu
    _wait(app, lambda: window.model.is_complete)
    count_time = time.perf_counter() - started
    rows: list[list[object]] = [
        ["open window to first paint (cold)", window.model.rowCount(), _ms(open_time), "", _ms(count_time)],
        ["open window to first paint (cold), GUI-thread CPU", "", _ms(open_cpu), "", ""],
    ]
    warm = []
    for _ in range(RUNS):  # a second window: imports, fonts and SQLite pages already loaded
        started = time.perf_counter()
        again = MainWindow(db, actor)
        again.resize(1280, 760)
        again.show_page(again.items_page)
        again.show()
        _painted(app, again.table)
        warm.append(time.perf_counter() - started)
        _wait(app, lambda w=again: w.model.is_complete)
        again.close()
        again.deleteLater()
        # No event loop runs here, so deleteLater alone never happens: the closed windows (models, key
        # arrays, commit hooks) stayed alive and were counted in "RSS with the items window open".
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    rows.append(["open window to first paint (warm)", "", _ms(statistics.median(warm)), _ms(max(warm)), ""])
    rows += _measure_filters(app, window, db)
    jumps = _measure_jumps(app, window)
    jump_row = ["jump to random scroll position (60)", "", _ms(statistics.median(jumps)), _ms(max(jumps)), ""]
    rows.append(jump_row)
    # The window's own working set, after it served the filters, sorts and jumps. The bench's plain-SQL
    # rows below are not the window's (an OFFSET scan of half the table and a second key array, ~30 MB
    # of the bench's own): measured before them, and once more after them for comparison.
    rss = psutil.Process().memory_info().rss / 2**20
    rows += _sql_offset_vs_keys(db)
    rss_after_probes = psutil.Process().memory_info().rss / 2**20
    _screenshots(app, window)
    rows.append(["RSS with the items window open (MB)", "", f"{rss:,.0f}", "", ""])
    rows.append(["RSS after the bench's own SQL rows (MB)", "", f"{rss_after_probes:,.0f}", "", ""])
    if os.environ.get("BENCH_NAIVE", "1") != "0":  # minutes of CPU at a million rows: skip for repeat runs
        naive = _naive(app, db)
        rows.append(["naive QStandardItemModel open", "", _ms(naive), "", ""])
        rows.append(["ratio naive / lazy open", "", f"{naive / open_time:,.0f}x", "", ""])
    print_table(f"Items window at scale ({path.name}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f})",
                ["measure", "rows", "median ms", "max ms", "count ready ms"], rows)
    window.close()
    db.close()


if __name__ == "__main__":
    main()
