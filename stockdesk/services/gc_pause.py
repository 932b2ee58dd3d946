"""Pausing Python's cyclic garbage collector for the length of a bulk operation.

An import of 100,000 rows, a 50,000-line stocktake or a year of sales read for 100,000 items build
millions of short-lived tuples, dicts and Decimals. Every few hundred allocations the collector
walks the young containers again, and the survivors of a big batch get walked over and over: that
was 12 % of an import and a third of reading the sales. Reference counting still frees every object
the moment it is dropped while the collector sleeps; only reference cycles wait, and they are
collected as usual once the last pause ends.

Pauses nest and may overlap across threads: the collector runs again when the last one ends, and
only if it was running before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_resume = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


def active() -> bool:
    """Whether some bulk operation has the collector paused now (a collector run by hand waits too)."""
    return _pauses > 0
