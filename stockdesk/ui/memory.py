"""Handing memory freed after a large read back to the system (Linux with glibc; elsewhere a no-op).

Reading a million sorted keys fills a pooled SQLite connection's page cache, which `sorted_keys`
then frees (PRAGMA shrink_memory), and replaces the previous key array. glibc keeps such freed
pages inside its heaps, where they stay in the resident set: at a million items that was ~30 MB
after opening the items window and ~60 MB after a round of filters and sorts. `malloc_trim(0)`
returns the free pages of every heap to the system; it takes ~1-3 ms and runs on the pool thread
that did the read, never on the GUI thread.
"""

from __future__ import annotations

import ctypes
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
