"""Which garbage collections of a benchmark took long, on which thread, and during which step.

A full collection walks every container the collector tracks: with a million items' results alive it
holds the interpreter tens of milliseconds, a stall of the window whichever thread runs it. `GcLog`
notes each collection longer than a threshold through `gc.callbacks` (a few µs per collection).
"""

from __future__ import annotations

import gc
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from bench.table import print_table


@dataclass
class GcLog:
    threshold_ms: float = 5.0
    step: str = ""  # what the benchmark is doing now: each long collection is noted with it
    long: list[tuple[str, str, int, float]] = field(default_factory=list)  # step, thread, generation, ms
    _started: dict[int, float] = field(default_factory=dict)

    def start(self) -> None:
        gc.callbacks.append(self._note)

    def stop(self) -> None:
        gc.callbacks.remove(self._note)

    def _note(self, phase: str, info: dict[str, Any]) -> None:
        thread = threading.get_ident()
        if phase == "start":
            self._started[thread] = time.perf_counter()
            return
        ms = (time.perf_counter() - self._started.pop(thread, time.perf_counter())) * 1000
        if ms >= self.threshold_ms:
            name = threading.current_thread().name
            self.long.append((self.step, name, int(info["generation"]), ms))

    def print(self) -> None:
        print_table(
            f"Garbage collections of {self.threshold_ms:g} ms or more",
            ["step", "thread", "generation", "ms"],
            [[step, thread, generation, f"{ms:.1f}"] for step, thread, generation, ms in self.long]
            or [["(none)", "", "", ""]],
        )
