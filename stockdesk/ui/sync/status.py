"""Background sync for the window: a controller that runs `SyncService.sync_once` off the GUI thread on a
timer (with the service's back-off) and on demand, and the status-bar label that shows the result.

The desk never waits for the server: every sync and every status read runs on the controller's own
one-thread pool, so a slow or absent server cannot freeze the counter, and two syncs never overlap.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, QObject, QThreadPool, QTime, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from stockdesk.sync.service import SyncReport, SyncService, SyncStatus
from stockdesk.ui.formatting import format_when
from stockdesk.ui.worker import run_in_background

FIRST_SYNC_MS = 1500  # soon after the window opens, once it has painted
STATUS_POLL_MS = 5000  # how often the queued count is re-read between syncs
SHUTDOWN_WAIT_MS = 10_000  # a sync interrupted later is safe (the protocol is crash-safe), just slower


class SyncController(QObject):
    """Runs the sync service in the background; emits what it learns on the GUI thread."""

    started = Signal()
    synced = Signal(object)  # SyncReport
    status_changed = Signal(object)  # SyncStatus

    def __init__(self, service: SyncService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.status: SyncStatus | None = None
        self.last_report: SyncReport | None = None
        self._busy = False
        self._closed = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one sync at a time; status reads queue behind it
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._poll = QTimer(self)
        self._poll.setInterval(STATUS_POLL_MS)
        self._poll.timeout.connect(self.refresh_status)

    @property
    def busy(self) -> bool:
        return self._busy

    def start(self, first_delay_ms: int = FIRST_SYNC_MS) -> None:
        """Begin timed syncs (the first after `first_delay_ms`) and the queued-count polling."""
        self._timer.start(first_delay_ms)
        self._poll.start()
        self.refresh_status()

    def next_sync_in_ms(self) -> int:
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def sync_now(self) -> bool:
        """Start a sync unless one is running; returns whether one was started."""
        if self._busy or self._closed:
            return False
        self._busy = True
        self._timer.stop()
        self.started.emit()
        run_in_background(self._work, on_finished=self._finished, on_failed=self._failed, pool=self._pool)
        return True

    def _work(self) -> tuple[SyncReport, SyncStatus]:
        report = self.service.sync_once()
        return report, self.service.status()

    def _finished(self, result: tuple[SyncReport, SyncStatus]) -> None:
        self._busy = False
        if self._closed:
            return
        report, status = result
        self.last_report, self.status = report, status
        self.status_changed.emit(status)
        self.synced.emit(report)
        self._schedule()

    def _failed(self, error: BaseException) -> None:
        """Not the server being away (the service reports that): a fault; show it, keep the timer."""
        self._busy = False
        if self._closed:
            return
        queued = self.status.queued if self.status else 0
        last = self.status.last_sync if self.status else None
        self.status = SyncStatus(False, last, queued, str(error) or type(error).__name__)
        self.status_changed.emit(self.status)
        self._schedule()

    def _schedule(self) -> None:
        self._timer.start(int(self.service.next_delay() * 1000))

    def refresh_status(self) -> None:
        """Re-read the queued count (local reads only) without touching the server."""
        if self._busy or self._closed:
            return
        run_in_background(
            self.service.status, on_finished=self._status_read, on_failed=lambda _e: None, pool=self._pool
        )

    def _status_read(self, status: SyncStatus) -> None:
        if self._closed or self._busy:
            return  # a sync started meanwhile; its own status is the newer one
        self.status = status
        self.status_changed.emit(status)

    def shutdown(self) -> None:
        """Stop the timers, let a running sync finish (bounded wait), release the server connection."""
        self._closed = True
        self._timer.stop()
        self._poll.stop()
        self._pool.waitForDone(SHUTDOWN_WAIT_MS)
        self.service.close()


class SyncStatusLabel(QLabel):
    """`Online · synced 14:05 · 3 queued`; the tooltip says when, and why the last sync failed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_status")
        self.state = "waiting"
        self.show_status(None)

    def show_syncing(self) -> None:
        self.state = "syncing"
        self.setText(self.tr("Syncing…"))

    def show_status(self, status: SyncStatus | None) -> None:
        if status is None:
            self.state = "waiting"
            self.setText(self.tr("Sync: waiting"))
            self.setToolTip(self.tr("This desk has not synced since StockDesk started."))
            return
        if status.online and not status.last_error:
            self.state, word = "online", self.tr("Online")
        elif status.online:
            self.state, word = "blocked", self.tr("Sync stopped")  # server reached, but it refused
        else:
            self.state, word = "offline", self.tr("Offline")
        parts = [word]
        if status.last_sync is not None:
            parts.append(self.tr("synced {time}").format(time=_short_time(status.last_sync)))
        parts.append(self.tr("{count} queued").format(count=status.queued))
        self.setText(" · ".join(parts))
        self.setToolTip(self._tooltip(status))

    def _tooltip(self, status: SyncStatus) -> str:
        lines = []
        if status.last_sync is not None:
            when = format_when(status.last_sync)
            lines.append(self.tr("Last sync: {when}").format(when=when))
        else:
            lines.append(self.tr("Not synced since StockDesk started."))
        lines.append(self.tr("%n local change(s) waiting to be sent.", "", status.queued))
        if status.last_error:
            lines.append(self.tr("Last error: {error}").format(error=status.last_error))
            lines.append(self.tr("The desk keeps working offline; nothing queued is lost."))
        return "\n".join(lines)


def _short_time(when: datetime) -> str:
    local = when.astimezone()
    today = datetime.now(local.tzinfo).date()
    if local.date() != today:
        return format_when(when)
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
