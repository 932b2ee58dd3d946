"""Handing the interpreter to the window's thread sooner while a long calculation runs beside it.

Python lets a thread that wants the interpreter (the GIL) wait up to the switch interval, 5 ms by
default, before the running thread must let go. The window's thread takes and gives it back several
times per event (every call into Qt lets go of it), so while the reorder calculation runs Python on
the pool, each of those takes can cost up to 5 ms: at a million items a Recalculate held the window
up to a second (`bench reorder_page`, repeated), 0.15 s with 0.5 ms, and 50 ms with 50 µs (a repaint
of the table takes the interpreter a few hundred times). The finer interval is set only while such a
calculation runs, and the old one comes back when the last of them ends; the calculation loses
nothing by it while the window is idle (the interval only matters while another thread waits), and
a whole run took as long with it.
"""

from __future__ import annotations

import sys

FINE_SECONDS = 0.00005  # about the kernel's timer slack: a finer one waits as long
_held = 0
_before = 0.0


def fine_switching_on() -> None:
    """Call on the GUI thread when a long calculation starts; pair with `fine_switching_off`."""
    global _held, _before
    if _held == 0:
        _before = sys.getswitchinterval()
        sys.setswitchinterval(min(_before, FINE_SECONDS))
    _held += 1


def fine_switching_off() -> None:
    """The calculation ended (done, failed or stopped); the last one restores the interval."""
    global _held
    if _held == 0:
        return
    _held -= 1
    if _held == 0:
        sys.setswitchinterval(_before)
