"""Handing memory freed after a large read back to the system (Linux with glibc; elsewhere a no-op).

Reading a million sorted keys fills a pooled SQLite connection's page cache, which `sorted_keys`
then frees (PRAGMA shrink_memory), and replaces the previous key array. glibc keeps such freed
pages inside its heaps, where they stay in the resident set: at a million items that was ~30 MB
after opening the items window and ~60 MB after a round of filters and sorts. `malloc_trim(0)`
returns the free pages of every heap to the system; it takes ~1-3 ms and runs on the pool thread
that did the read, never on the GUI thread.

`freeze_long_lived()` takes what start-up made (modules, classes, the ORM registry, Qt wrappers:
~110,000 objects) out of the garbage collector's sight: a full collection otherwise walks them all
again, 60-90 ms of CPU that fell inside the opening of the main window.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None (macOS, Windows, musl: their allocators behave otherwise)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    return getattr(libc, "malloc_trim", None)


def release_freed_memory() -> None:
    """Give the allocator's free pages back to the system; safe to call from any thread."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


_frozen: list[bool] = []


def freeze_long_lived() -> None:
    """Once per process, before the main window is built: what exists by then lives until exit."""
    if not _frozen:
        _frozen.append(True)
        gc.freeze()  # O(1): the objects move to the permanent generation, reference counting still frees them


def keep_out_of_collector() -> None:
    """Take a large result a page keeps (and everything else alive now) out of the collector's sight.

    The reorder page holds a suggestion per item and store: at a million items, ~1.9 million frozen
    dataclasses of Decimals with no reference cycles among them. Left to the collector, the next full
    collection (started by some later allocation, on whatever thread makes it) walks them all: 0.65 s
    per 632,000 lines, and `bench pages` measured a 2.3 s freeze of the window. Frozen, they are still
    freed by reference counting when the page lets go of them. Call it on the worker thread while the
    collector is still paused (`services.gc_pause.collector_paused`), after every list the page will
    keep is made: the first collection after a pause would otherwise be that full walk, and a list of
    568,000 lines made after the freeze was walked by every collection that reached it (10-30 ms of
    the GUI thread each, bench pages --gc).

    Safe because what a page keeps has no reference cycles: only a cycle among frozen objects is never
    collected (one made during the pause and alive now stays until exit: a small leak, never a crash).
    Never `gc.unfreeze()` while such a result is alive: the next full collection would walk it all.
    """
    gc.freeze()
