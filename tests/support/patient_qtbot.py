"""pytest-qt's QtBot whose waits fail only when something hangs, never because the machine is slow.

pytest-qt gives every wait a 5 s limit, and tests wrote their own (2 s, 10 s, 30 s) for work whose
speed depends on the machine: on a loaded 2-core CI machine a report or a sync took longer and the
test failed for nothing. Here a wait that raises on timeout waits at least `HANG_GUARD_MS`, whatever
the test asked for; it still returns the moment its condition holds, so fast machines stay fast.
A wait with `raising=False` is left alone: there the timeout is the point (how long to listen).
"""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

# Only a guard against a hang (pytest-timeout ends the whole test after 600 s anyway).
HANG_GUARD_MS = 120_000


def patient(timeout: int | None) -> int:
    return max(timeout or 0, HANG_GUARD_MS)


class PatientQtBot(QtBot):
    def waitUntil(self, callback: Any, *, timeout: int = HANG_GUARD_MS) -> None:
        __tracebackhide__ = True
        return super().waitUntil(callback, timeout=patient(timeout))

    wait_until = waitUntil

    def waitSignal(self, signal: Any, *, timeout: int = HANG_GUARD_MS, raising: bool | None = None,
                   check_params_cb: Any = None) -> Any:
        __tracebackhide__ = True
        if raising is not False:
            timeout = patient(timeout)
        return super().waitSignal(signal, timeout=timeout, raising=raising, check_params_cb=check_params_cb)

    wait_signal = waitSignal

    def waitSignals(self, signals: Any, *, timeout: int = HANG_GUARD_MS, raising: bool | None = None,
                    check_params_cbs: Any = None, order: Any = "none") -> Any:
        __tracebackhide__ = True
        if raising is not False:
            timeout = patient(timeout)
        return super().waitSignals(signals, timeout=timeout, raising=raising,
                                   check_params_cbs=check_params_cbs, order=order)

    wait_signals = waitSignals

    def waitExposed(self, widget: Any, *, timeout: int = HANG_GUARD_MS) -> Any:
        __tracebackhide__ = True
        return super().waitExposed(widget, timeout=patient(timeout))

    wait_exposed = waitExposed

    def waitActive(self, widget: Any, *, timeout: int = HANG_GUARD_MS) -> Any:
        __tracebackhide__ = True
        return super().waitActive(widget, timeout=patient(timeout))

    wait_active = waitActive

    def waitCallback(self, *, timeout: int = HANG_GUARD_MS, raising: bool | None = None) -> Any:
        __tracebackhide__ = True
        if raising is not False:
            timeout = patient(timeout)
        return super().waitCallback(timeout=timeout, raising=raising)

    wait_callback = waitCallback
