"""release_freed_memory: a no-op where there is no glibc, never an error."""

from __future__ import annotations

import sys

from stockdesk.ui import memory


def test_freed_memory_is_released_through_glibc_on_linux_and_nothing_breaks_elsewhere(monkeypatch) -> None:
    memory.release_freed_memory()
    if sys.platform.startswith("linux"):
        assert memory._malloc_trim() is not None
    memory._malloc_trim.cache_clear()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert memory._malloc_trim() is None
    memory.release_freed_memory()  # nothing to call: returns quietly
    memory._malloc_trim.cache_clear()
