"""Counter mode latency, through real Qt (offscreen): a frame or a wedge burst in -> the item card painted.

Run: python -m bench counter, or python -m bench.counter [--items N] [--scans N]

"frame -> card": a 640x480 camera frame of an item's EAN-13 (tilted, a little blurred and noisy) is
handed to the production decoder, the code goes to CounterPage.handle_scan (scan resolution, item card
read from the database, widgets filled) and the clock stops when the card's paintEvent has run.
"wedge Enter -> card": a USB scanner's burst is sent as key events 8 ms apart into the focused quantity
field; the clock runs from the closing Enter (the moment the scanner has delivered the code) to the
card's paint. The burst itself lasts (digits x 8 ms) and is the scanner's, not ours.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from bench.table import print_table
from stockdesk.scanner.confirm import confirm_single_frame
from stockdesk.scanner.decoders import decode_frame
from stockdesk.scanner.wedge import WedgeFilter
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import item_query
from stockdesk.services.database import Database, open_database
from stockdesk.services.maintenance import demo
from stockdesk.ui.counter.feedback import Beeper
from stockdesk.ui.counter.page import CounterPage
from tests.support.barcode_video import Distortion, compose_frame, render_code

WEDGE_GAP_MS = 8


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _row(name: str, values: list[float]) -> list[object]:
    return [name, len(values), f"{statistics.median(values):.1f}", f"{_percentile(values, 0.95):.1f}",
            f"{max(values):.1f}"]


class PaintClock:
    """Waits for the card's next paintEvent and reports when it happened."""

    def __init__(self, page: CounterPage) -> None:
        self.painted_at = 0.0
        page.card.painted.connect(self._painted)

    def _painted(self) -> None:
        self.painted_at = time.perf_counter()

    def wait(self, since: float, app: QApplication) -> float:
        self.painted_at = 0.0
        while self.painted_at == 0.0:
            app.processEvents()
        return (self.painted_at - since) * 1000


def _setup(folder: Path, items: int) -> tuple[Database, CounterPage, list[str]]:
    db = open_database(str(folder / "bench.sqlite"))
    admin = users.create_first_admin(db.uow(), email="bench@example.com", password="bench-pass-1")
    demo.generate(db, admin, items=items, stores=3, days=30)
    rows = item_query.item_page(db.uow(), item_query.ItemFilter(), limit=items)
    page = CounterPage(db, admin, beeper=Beeper(enabled=False))
    page.resize(1280, 760)
    page.show()
    return db, page, [row.barcode for row in rows if row.barcode]


def _frame_runs(page: CounterPage, codes: list[str], app: QApplication, clock: PaintClock,
                rng: random.Random) -> dict[str, list[float]]:
    steps = ("decode + confirm", "resolve + fill card", "frame -> card painted")
    times: dict[str, list[float]] = {step: [] for step in steps}
    ghosts = 0
    for code in codes:
        pose = Distortion(width_px=rng.randint(260, 380), angle_deg=rng.uniform(-15, 15), blur_sigma=0.6,
                          noise_sigma=6.0, perspective=0.03)
        frame = compose_frame(render_code("EAN13", code), pose, seed=rng.randint(0, 10**6))
        start = time.perf_counter()
        found, _held = confirm_single_frame(frame, decode_frame(frame))  # what the camera worker does
        decoded = time.perf_counter()
        if not found:
            continue
        shown: list[str] = []
        page.item_shown.connect(lambda item, into=shown: into.extend(b.code for b in item.barcodes))
        for decoded_code in found:  # every code in the frame, as the dock delivers them
            page.handle_scan(decoded_code.code, decoded_code.symbology)
        filled = time.perf_counter()
        total = clock.wait(start, app)
        page.item_shown.disconnect()
        if code not in shown:
            raise RuntimeError(f"counter did not show the item of {code}: read {found}")
        ghosts += len(found) - 1
        times["decode + confirm"].append((decoded - start) * 1000)
        times["resolve + fill card"].append((filled - decoded) * 1000)
        times["frame -> card painted"].append(total)
    if ghosts:
        print(f"note: {ghosts} extra code(s) read beside the items' EAN-13s (false reads), shown as unknown")
    return times


def _burst(code: str, start_ms: int) -> list[QKeyEvent]:
    events = []
    for number, char in enumerate(code + "\r"):
        key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char))
        text = "" if char == "\r" else char
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
        event.setTimestamp(start_ms + number * WEDGE_GAP_MS)
        events.append(event)
    return events


def _wedge_runs(page: CounterPage, codes: list[str], app: QApplication, clock: PaintClock) -> list[float]:
    wedge = WedgeFilter()
    wedge.scanned.connect(page.handle_scan)
    app.installEventFilter(wedge)
    page.quick.quantity.setFocus()
    send: Callable[[QKeyEvent], bool] = lambda event: QApplication.sendEvent(  # noqa: E731
        QApplication.focusWidget(), event)
    times = []
    for number, code in enumerate(codes):
        *keys, enter = _burst(code, 1_000_000 + number * 10_000)
        for key in keys:
            send(key)
        start = time.perf_counter()
        send(enter)
        times.append(clock.wait(start, app))
        if page.item is None or code not in {b.code for b in page.item.barcodes}:
            raise RuntimeError(f"wedge scan of {code} showed the wrong item")
    app.removeEventFilter(wedge)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench counter")
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--scans", type=int, default=200)
    args = parser.parse_args(argv or [])  # `python -m bench counter` passes nothing: defaults
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as folder:
        db, page, codes = _setup(Path(folder), args.items)
        clock = PaintClock(page)
        picked = [rng.choice(codes) for _ in range(args.scans)]
        page.handle_scan(picked[0])  # warm-up: first paint builds fonts and caches
        clock.wait(time.perf_counter(), app)
        frames = _frame_runs(page, picked, app, clock, rng)
        wedge = _wedge_runs(page, picked, app, clock)
        page.close()
        db.close()
    rows = [_row(name, values) for name, values in frames.items()]
    rows.append(_row("wedge Enter -> card painted", wedge))
    print_table(f"Counter mode, {args.items:,} items, SQLite, offscreen Qt (ms; targets: frame median < 30,"
                f" wedge < 20)", ["step", "scans", "median", "p95", "max"], rows)


if __name__ == "__main__":
    main(sys.argv[1:])
