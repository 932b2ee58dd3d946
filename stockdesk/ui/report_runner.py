"""Writing a report off the GUI thread, with a progress dialog that can cancel it.

The job runs `registry.run_report` on the thread pool with its own units of work; its signals are
queued back to the GUI thread. When the file is ready it opens in the system viewer; if no viewer
answers, the path is shown so the person can find the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from stockdesk.domain.permissions import Actor
from stockdesk.reports.model import ReportCancelled
from stockdesk.reports.registry import ReportResult, run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.database import Database
from stockdesk.ui.i18n import current_language, error_text
from stockdesk.ui.worker import Job, run_cancellable

Opener = Callable[[Path], bool]


def open_in_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ReportRunner(QObject):
    """Runs one report at a time for `parent`; `done(path)`, `failed(message)` and `cancelled()` say how
    it ended."""

    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        parent: QWidget,
        db: Database,
        actor: Actor,
        *,
        opener: Opener = open_in_viewer,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._db = db
        self._actor = actor
        self._opener = opener
        self._pool = pool or QThreadPool.globalInstance()
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None
        self.message: QMessageBox | None = None

    def start(self, name: str, options: ReportOptions, out: Path) -> None:
        self.progress = QProgressDialog(self.tr("Writing the report…"), self.tr("Cancel"), 0, 0, self._parent)
        self.progress.setWindowTitle(self.tr("Report"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)  # a report done in a blink shows no dialog at all
        self.progress.canceled.connect(self.cancel)
        db, actor = self._db, self._actor
        language = current_language()  # the shop's document language, where set, comes first
        self.job = run_cancellable(
            lambda control: run_report(
                db, actor, name, options, out, progress=control.report, cancelled=control.cancelled,
                language=language,
            ),
            on_finished=self._on_finished,
            on_failed=self._on_failed,
            on_progress=self._on_progress,
            pool=self._pool,
        )

    def cancel(self) -> None:
        """Ask the job to stop at its next page; it leaves no file behind."""
        if self.job is not None:
            self.job.control.cancel()
        if self.progress is not None:
            self.progress.setLabelText(self.tr("Cancelling…"))

    def _on_progress(self, lines: int) -> None:
        if self.progress is not None and not (self.job is not None and self.job.control.cancelled()):
            text = self.tr("Writing the report… {lines} lines").format(lines=f"{lines:,}")
            self.progress.setLabelText(text)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()

    def _on_finished(self, result: ReportResult) -> None:
        self._close_progress()
        if not self._opener(result.path):
            saved = self.tr("The report was saved as\n{path}").format(path=result.path)
            self._show(QMessageBox.Icon.Information, saved)
        self.done.emit(result.path)

    def _on_failed(self, error: BaseException) -> None:
        self._close_progress()
        if isinstance(error, ReportCancelled):
            self.cancelled.emit()
            return
        problem = self.tr("The report could not be written: {error}").format(error=error_text(error))
        self._show(QMessageBox.Icon.Warning, problem)
        self.failed.emit(error_text(error))

    def _show(self, icon: QMessageBox.Icon, text: str) -> None:
        # Not exec(): a nested event loop here would stall other queued results.
        self.message = QMessageBox(icon, self.tr("Report"), text, QMessageBox.StandardButton.Ok, self._parent)
        self.message.open()
