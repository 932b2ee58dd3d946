"""Running one callable off the GUI thread and hearing back on the GUI thread: the window's one way.

`run_in_background(function)` for work that just ends; `run_cancellable(function)` for long work that
reports progress and can be stopped: the function gets a `Control` to say how far it got and to ask
whether the person cancelled. Reports, the items export and imports all run through here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_running: set[Job] = set()  # keeps each job's QObject alive until its result has been delivered


class Job(QObject):
    """Created on the GUI thread; its slots run there, whichever thread emits."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)  # whatever the function reports; delivered on the GUI thread
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
        self.control = Control(self)
        self._on_progress: Callable[[Any], None] | None = None
        self.progressed.connect(self._progress)

    @Slot(object)
    def _progress(self, value: object) -> None:
        # Every signal a pool thread emits reaches a declared @Slot of a GUI-thread QObject, never a
        # plain callable: PySide builds a dynamic slot for those on the fly, and building one on the
        # GUI thread while a pool thread emits crashed the wizard's demo start (a segfault in about
        # one run of six of its tests, PySide 6.11).
        if self._on_progress is not None:
            self._on_progress(value)

    @Slot(object, bool)
    def _deliver(self, value: object, ok: bool) -> None:
        _running.discard(self)
        if ok:
            self.finished.emit(value)
            self._on_finished(value)
        else:
            self.failed.emit(value)
            self._on_failed(value)  # type: ignore[arg-type]


class Control:
    """What a background function may do besides returning: report progress, notice a cancel."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._stop = threading.Event()

    def report(self, value: object) -> None:
        """Called on the pool thread; the job's `progressed` reaches the GUI thread queued."""
        self._job.progressed.emit(value)

    def cancel(self) -> None:
        """Called on the GUI thread (a Cancel button); the function stops at its next check."""
        self._stop.set()

    def cancelled(self) -> bool:
        return self._stop.is_set()


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


def run_cancellable(
    function: Callable[[Control], Any],
    *,
    on_finished: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
    on_progress: Callable[[Any], None] | None = None,
    pool: QThreadPool | None = None,
) -> Job:
    """`run_in_background` for long work: `function(control)` reports with `control.report(value)`
    (each value reaches `on_progress` on the GUI thread) and stops when `control.cancelled()`."""
    job = Job(on_finished, on_failed)
    job._on_progress = on_progress
    _running.add(job)
    (pool or QThreadPool.globalInstance()).start(_Runnable(lambda: function(job.control), job))
    return job
