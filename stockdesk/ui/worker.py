"""Running one callable off the GUI thread and hearing back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class JobSignals(QObject):
    """Queued to the GUI thread, because this object lives there."""

    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, function: Callable[[], Any], signals: JobSignals) -> None:
        super().__init__()
        self._function = function
        self._signals = signals

    def run(self) -> None:
        """Call the function in a pool thread; it must never touch a widget."""
        try:
            result = self._function()
        except Exception as error:  # every failure goes back to the GUI to be shown
            self._signals.failed.emit(error)
        else:
            self._signals.finished.emit(result)


def run_in_background(
    function: Callable[[], Any],
    *,
    on_finished: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
    parent: QObject | None = None,
    pool: QThreadPool | None = None,
) -> JobSignals:
    """Start `function` on the thread pool; the callbacks run on the GUI thread.

    They are connected before the job starts, so a quick job cannot finish unheard. The callable
    makes its own units of work (`db.uow()`): a unit of work is never shared between threads.
    """
    signals = JobSignals(parent)
    signals.finished.connect(on_finished)
    signals.failed.connect(on_failed)
    (pool or QThreadPool.globalInstance()).start(_Job(function, signals))
    return signals
