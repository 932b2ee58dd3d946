"""`python -m bench gil_gaps`: where a whole reorder run on a worker thread holds the interpreter too long.

The Reorder page runs `reorder_runs.recalculate` on the thread pool; the window's thread needs the
interpreter (the GIL) for every event it handles, so a single long C call of the worker that keeps the
GIL is a frozen window, whatever the switch interval. This runs the calculation as the page does (on a
thread, the collector paused, the page's 0.5 ms switch interval) while the main thread wakes every
2 ms; a wake-up later than --threshold ms is a gap, and the worker's stack at that moment says which
call held the interpreter (the call just finished, or still running, on the lines shown).

Options: --runs N whole runs in a row (each one's lines freed in slices afterwards, as the page frees
an earlier run's); --nice N lowers the worker thread's scheduling priority (Linux) to see whether the
window's thread wins the CPU sooner on a busy machine; --trace records the worker's calls and returns
(a profile hook: slower, but the gaps of single C calls keep their length) and names, for each gap,
the last call or return before it began, which is the call that held the interpreter, or what a return
freed.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from bench.scale_data import build
from bench.table import print_table
from stockdesk.services.database import open_database
from stockdesk.services.gc_pause import collector_paused
from stockdesk.services.planning import reorder, reorder_runs

WAKE_S = 0.002
FINE_SWITCH_S = 0.0005  # what ui/switching.py sets while the page calculates


@dataclass
class Gap:
    at: float  # seconds since the worker started
    ms: float
    where: str  # the worker's innermost frames at the end of the gap
    began: str = ""  # with --trace: the worker's last call or return before the gap began


@dataclass
class Probe:
    threshold_ms: float
    gaps: list[Gap] = field(default_factory=list)
    longest: float = 0.0

    def watch(self, worker: threading.Thread) -> None:
        """Wake every WAKE_S until `worker` ends; note every late wake-up and the worker's stack then."""
        started = last = time.perf_counter()
        while worker.is_alive():
            time.sleep(WAKE_S)
            now = time.perf_counter()
            late = (now - last - WAKE_S) * 1000
            self.longest = max(self.longest, late)
            if late > self.threshold_ms and worker.ident is not None:
                frame = sys._current_frames().get(worker.ident)
                self.gaps.append(Gap(now - started, late, _where(frame), _before(now - late / 1000)))
            last = time.perf_counter()  # the probe's own work is no gap of the worker's


def _where(frame: object) -> str:
    if frame is None:
        return "(worker gone)"
    frames = traceback.extract_stack(frame)[-3:]  # type: ignore[arg-type]
    return " < ".join(f"{os.path.basename(f.filename)}:{f.lineno} {f.name}" for f in reversed(frames))


EVENTS: deque[tuple[float, str, str, int, str]] = deque(maxlen=100_000)


def _record(frame: FrameType, event: str, arg: Any) -> None:
    """The profile hook: (when, event, function, line, what) of every call and return of the worker."""
    what = getattr(arg, "__qualname__", "") if event.startswith("c_") else ""
    EVENTS.append((time.perf_counter(), event, frame.f_code.co_name, frame.f_lineno, what))


def _before(moment: float) -> str:
    """The worker's last recorded event before `moment` (the start of a gap)."""
    for at, event, name, line, what in reversed(list(EVENTS)):
        if at <= moment:
            return f"{event} {what} in {name}:{line} ({(moment - at) * 1000:.0f} ms before)"
    return ""


def _work(path: str, runs: int, nice: int, trace: bool, errors: list[BaseException]) -> None:
    try:
        if trace:
            sys.setprofile(_record)
        if nice:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
        db = open_database(path)
        for _ in range(runs):
            with collector_paused():
                run = reorder_runs.recalculate(db.uow())
                gc.freeze()  # as the page does (ui/memory.keep_out_of_collector)
            reorder.release(run.rows)  # as the page frees an earlier run's lines
            del run
        db.close()
    except BaseException as error:  # reported by the main thread
        errors.append(error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float, default=40.0, help="gap in ms worth a stack")
    parser.add_argument("--runs", type=int, default=1, help="whole runs in a row")
    parser.add_argument("--trace", action="store_true", help="name the call that began each gap")
    parser.add_argument("--nice", type=int, default=0, help="the worker thread's nice increment (Linux)")
    args = parser.parse_args()
    items = int(os.environ.get("BENCH_ITEMS", "1000000"))
    path = build(items, items * 5)
    probe = Probe(args.threshold)
    errors: list[BaseException] = []
    before = sys.getswitchinterval()
    sys.setswitchinterval(FINE_SWITCH_S)
    started, cpu = time.perf_counter(), time.process_time()
    worker = threading.Thread(target=_work, args=(str(path), args.runs, args.nice, args.trace, errors))
    worker.start()
    probe.watch(worker)
    worker.join()
    seconds, used = time.perf_counter() - started, time.process_time() - cpu
    sys.setswitchinterval(before)
    if errors:
        raise errors[0]
    worst = sorted(probe.gaps, key=lambda g: -g.ms)[:25]
    print_table(
        f"GIL gaps > {args.threshold:.0f} ms, {args.runs} whole run(s) at {items:,} items, nice {args.nice}: "
        f"{seconds:.1f} s wall, {used:.1f} s CPU, load {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
        ["at s", "gap ms", "worker at (innermost first)", "began after"],
        [[f"{g.at:.1f}", f"{g.ms:.0f}", g.where, g.began] for g in sorted(worst, key=lambda g: g.at)],
    )
    over = sum(1 for g in probe.gaps if g.ms > 50)
    print(f"longest gap {probe.longest:.0f} ms; {over} gap(s) over 50 ms; {len(probe.gaps)} over threshold")


if __name__ == "__main__":
    main()
