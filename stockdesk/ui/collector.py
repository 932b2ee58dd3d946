"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, the collector runs on whichever thread happens to allocate past its threshold: a pool
thread writing the demo shop or reading a year of sales. A reference cycle it then frees may hold a Qt
object of the GUI thread (a timer, an event loop, a page's wrapper), and destroying that from the pool
thread while the GUI thread's event loop uses it crashed the process: a segfault in the wizard's "Load
demo data" tests, about one run in two of the GUI suite, with the demo writer's SQL on the pool thread
and the GUI thread inside a timer's slot.

So the window switches automatic collection off and collects on a GUI-thread timer instead, generation
by generation on the thresholds Python itself uses. Reference counting still frees everything else
the moment it is dropped, on any thread; only cycles wait for the next tick. The pauses of bulk work
(`services.gc_pause`) are honoured: no collection runs while one is active.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

from stockdesk.services import gc_pause

TICK_MS = 100  # often enough that a burst of cycles never waits long; each tick without work is ~1 µs


class GuiThreadCollector(QObject):
    """Collects on the thread it was made on (the GUI thread), from a timer."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Hand collection back to Python (a test's end, so later tests of the process collect as usual)."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    @Slot()
    def collect_due(self) -> int:
        """Collect the oldest generation whose count is past its threshold, as Python would; 0 if none is."""
        if gc_pause.active():
            return 0
        young, middle, old = self._thresholds
        allocated, young_runs, middle_runs = gc.get_count()
        if allocated <= young:
            return 0
        generation = 0
        if young_runs > middle:
            # Python also waits for a quarter of the old generation to be new before a full collection;
            # that count is not exposed, so a full one follows every `old` middle ones (one in 12 s at most).
            generation = 2 if middle_runs > old else 1
        return gc.collect(generation)


_installed: list[GuiThreadCollector] = []


def collect_on_gui_thread(parent: QObject) -> GuiThreadCollector:
    """Once per process: the window's collector, started (call it on the GUI thread)."""
    if not _installed:
        collector = GuiThreadCollector(parent)
        collector.start()
        _installed.append(collector)
    return _installed[0]
