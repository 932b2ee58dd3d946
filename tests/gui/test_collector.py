"""The window's garbage collector runs on the GUI thread: a pool thread never frees the window's objects."""

from __future__ import annotations

import gc
import threading

from stockdesk.services.gc_pause import collector_paused
from stockdesk.ui.collector import GuiThreadCollector
from stockdesk.ui.worker import run_in_background


class _Cycle:
    """Refers to itself, so only the cyclic collector frees it; says on which thread that happened."""

    def __init__(self, freed_on: list[str]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


def _garbage_then_allocations(freed_on: list[str]) -> list[list[int]]:
    _Cycle(freed_on)
    # Far past the collector's threshold, made on this pool thread: automatic collection would run here.
    return [[] for _ in range(10 * gc.get_threshold()[0])]


def test_a_cycle_dropped_on_a_pool_thread_is_freed_on_the_gui_thread(qtbot) -> None:
    freed_on: list[str] = []
    kept: list[object] = []  # the allocations stay alive: the collector sees the count past its threshold
    run_in_background(
        lambda: _garbage_then_allocations(freed_on), on_finished=kept.append, on_failed=kept.append
    )
    qtbot.waitUntil(lambda: bool(kept))

    def freed_after_gui_allocations() -> bool:
        # Python counts allocations net of frees: the previous test's objects, deleted later by this
        # test's event loop, can take the count back under the threshold after the pool's allocations
        # (a CI run waited 120 s so). The window allocates all the time; an idle test must do it itself.
        kept.append([[] for _ in range(gc.get_threshold()[0])])
        return bool(freed_on)

    qtbot.waitUntil(freed_after_gui_allocations)
    assert freed_on == [threading.main_thread().name]


def test_no_collection_while_bulk_work_has_the_collector_paused(qapp) -> None:
    collector = GuiThreadCollector(qapp)
    freed_on: list[str] = []
    with collector_paused():
        _Cycle(freed_on)
        garbage = [[] for _ in range(10 * gc.get_threshold()[0])]
        assert collector.collect_due() == 0 and freed_on == []
    assert collector.collect_due() > 0 and freed_on == [threading.main_thread().name]
    assert garbage
