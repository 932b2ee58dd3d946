"""Running one callable off the GUI thread and hearing back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_running: set[Job] = set()  # keeps each job's QObject alive until its result has been delivered


class Job(QObject):
    """Created on the GUI thread; its slots run there, whichever thread emits."""

    finished = Signal(object)
    failed = Signal(object)
    _result = Signal(object, bool)

    def __init__(
        self, on_finished: Callable[[Any], None], on_failed: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self._on_finished = on_finished
        self._on_failed = on_failed
        # A queued connection to a slot of an object of the GUI thread: the callbacks can never run
        # on the pool thread, nor before the GUI's event loop is ready for them.
        self._result.connect(self._deliver)

    @Slot(object, bool)
    def _deliver(self, value: object, ok: bool) -> None:
        _running.discard(self)
        if ok:
            self.finished.emit(value)
            self._on_finished(value)
        else:
            self.failed.emit(value)
            self._on_failed(value)  # type: ignore[arg-type]


class _Runnable(QRunnable):
    def __init__(self, function: Callable[[], Any], job: Job) -> None:
        super().__init__()
        self._function = function
        self._job = job

    def run(self) -> None:
        """Call the function in a pool thread; it must never touch a widget."""
        try:
            result = self._function()
        except Exception as error:  # every failure goes back to the GUI to be shown
            self._job._result.emit(error, False)
        else:
            self._job._result.emit(result, True)


def run_in_background(
    function: Callable[[], Any],
    *,
    on_finished: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
    pool: QThreadPool | None = None,
) -> Job:
    """Start `function` on the thread pool; `on_finished(result)` / `on_failed(error)` run on the GUI thread.

    The callable makes its own units of work (`db.uow()`): a unit of work is never shared
    between threads.
    """
    job = Job(on_finished, on_failed)
    _running.add(job)
    (pool or QThreadPool.globalInstance()).start(_Runnable(function, job))
    return job
