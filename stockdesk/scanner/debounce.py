"""De-bounce: a code held in front of the camera is seen on every frame but is one scan."""

from __future__ import annotations

import time
from collections.abc import Callable


class Debouncer:
    """Accepts a code once, then ignores it until it has been out of sight for `window_s` seconds.

    The window restarts on every sighting (not only on the accepted one): a code held under the camera
    for ten seconds is still one scan. Codes are tracked separately, so two labels that flicker in and
    out of view in turn do not each re-trigger. To scan the same item twice, take it away briefly.
    """

    def __init__(self, window_s: float = 1.5, clock: Callable[[], float] = time.monotonic) -> None:
        self.window_s = window_s
        self._clock = clock
        self._last_seen: dict[str, float] = {}

    def accept(self, code: str, now: float | None = None) -> bool:
        """True when `code` is a new scan; `now` overrides the clock (e.g. a video's own timeline)."""
        now = self._clock() if now is None else now
        last = self._last_seen.get(code)
        self._last_seen[code] = now
        self._forget_older_than(now - self.window_s)
        return last is None or now - last > self.window_s

    def reset(self) -> None:
        """Forget everything seen: the next sighting of any code is a scan."""
        self._last_seen.clear()

    def _forget_older_than(self, cutoff: float) -> None:
        # Keeps the table small during a long shift of scanning.
        stale = [code for code, seen in self._last_seen.items() if seen < cutoff]
        for code in stale:
            del self._last_seen[code]
