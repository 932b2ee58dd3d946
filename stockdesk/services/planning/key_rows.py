"""The row of each (item, store) key of a reorder run, found by the key's text, in many small dicts.

One dict of a whole run's keys (1.9 million at a million items) grows by resizing, and its last resize
copies over a million entries in one C call that holds the interpreter: 60-230 ms during which the
window's thread, waiting to handle an event, froze (`bench gil_gaps`). Spread over PARTS dicts by the
text's hash, each resize and each dict's release is a small fraction of that, and other threads run
between them. Lookups stay one dict look-up each, plus a list index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

PARTS = 64  # a power of two: ~30,000 keys a dict at 1.9 million keys
_MASK = PARTS - 1


class KeyRows:
    """Key text -> row number (its place in the list the texts came from)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._parts: list[dict[str, int]] = [{} for _ in range(PARTS)]
        parts = self._parts
        for row, text in enumerate(texts):
            parts[hash(text) & _MASK][text] = row

    def __len__(self) -> int:
        return sum(len(part) for part in self._parts)

    def get(self, text: str) -> int | None:
        return self._parts[hash(text) & _MASK].get(text)

    def rows(self, texts: Sequence[str]) -> np.ndarray:
        """The row of each text, -1 for a text that is no key."""
        parts = self._parts
        return np.fromiter(
            (parts[hash(text) & _MASK].get(text, -1) for text in texts), dtype=np.int64, count=len(texts)
        )

    def release(self) -> None:
        """Drop the texts a dict at a time (a run's million texts freed at once held the interpreter)."""
        while self._parts:
            self._parts.pop()
