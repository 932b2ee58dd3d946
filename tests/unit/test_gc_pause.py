"""The collector pause: nested and overlapping pauses, and the collector's own state kept."""

from __future__ import annotations

import gc
import threading

from stockdesk.services.gc_pause import collector_paused


def test_pauses_nest_and_the_collector_runs_again_after_the_last() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer bulk operation is still running
    assert gc.isenabled()


def test_an_error_inside_still_ends_the_pause() -> None:
    try:
        with collector_paused():
            raise KeyError("row 7")
    except KeyError:
        pass
    assert gc.isenabled()


HANG_GUARD_S = 120  # only against a hang: a busy machine may take seconds to schedule a thread


def test_overlapping_pauses_on_two_threads_end_with_the_later_one() -> None:
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            release.wait(HANG_GUARD_S)  # a short limit would end this pause before the assert below

    worker = threading.Thread(target=other)
    with collector_paused():
        worker.start()
        assert inside.wait(HANG_GUARD_S)
    assert not gc.isenabled()  # the other thread's bulk work goes on
    release.set()
    worker.join(HANG_GUARD_S)
    assert not worker.is_alive()
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_program_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
