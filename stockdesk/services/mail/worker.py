"""The window's mail worker: a plain thread that flushes the outbox on a timer and on demand."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from stockdesk.services.mail.outbox import UowFactory, describe_error
from stockdesk.services.mail.smtp import FlushResult, SmtpSettings, flush


class MailWorker:
    """A background thread that flushes the outbox every `interval_s` (and when `wake()` is called).

    Plain threading, not Qt: services never import Qt; the window just starts and stops it.
    `settings` is asked each round, so a server changed in the settings applies without a restart.
    `before_flush` callables run first each round (the daily alert digest queues itself there).
    """

    def __init__(
        self,
        uow_factory: UowFactory,
        settings: Callable[[], SmtpSettings | None],
        *,
        interval_s: float = 30.0,
        before_flush: Sequence[Callable[[], object]] = (),
    ) -> None:
        self._uow_factory = uow_factory
        self._settings = settings
        self._interval_s = interval_s
        self._before = list(before_flush)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stockdesk-mail", daemon=True)
        self.last_result: FlushResult | None = None

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout_s: float = 15.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                for job in self._before:
                    job()
                self.last_result = flush(self._uow_factory, self._settings())
            except Exception as error:  # the worker must outlive any one bad round; the row keeps the error
                self.last_result = FlushResult(0, 0, 0, describe_error(error))
            self._wake.wait(self._interval_s)
            self._wake.clear()
