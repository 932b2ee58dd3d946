"""An unhandled exception shows a dialog naming the log file instead of the window vanishing.

`install(log_file)` replaces `sys.excepthook`: the traceback goes to the log first (so it survives
even if showing the dialog fails), then a dialog says what happened and where the details are.
Exceptions raised on other threads reach `threading.excepthook`; they are logged and shown on the
GUI thread through a queued signal, because widgets may only be touched there.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger("stockdesk.crash")
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashDialog(QDialog):
    """Says that something went wrong, where the log is, and offers the details to copy."""

    def __init__(
        self, summary: str, details: str, log_file: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("StockDesk: unexpected error"))
        self.log_file = log_file
        self.details = details
        where = (
            self.tr("The details were written to the log file:\n{0}").format(log_file)
            if log_file
            else self.tr("No log file is configured; copy the details below.")
        )
        self.message = QLabel(
            self.tr(
                "Something went wrong and StockDesk could not finish what it was doing.\n\n{0}\n\n{1}"
            ).format(summary, where)
        )
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.copy_button = self._button(self.tr("Copy details"), self.copy_details)
        self.show_button = self._button(self.tr("Show details"), self._toggle_details)
        self.folder_button = self._button(self.tr("Open log folder"), self.open_log_folder)
        self.folder_button.setEnabled(log_file is not None)
        layout = QVBoxLayout(self)
        for widget in (self.message, self.text, self.buttons):
            layout.addWidget(widget)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(slot)
        return button

    def copy_details(self) -> None:
        """Put the traceback and the log path on the clipboard (for an e-mail to support)."""
        QGuiApplication.clipboard().setText(f"{self.details}\nlog: {self.log_file or '-'}")

    def open_log_folder(self) -> None:
        if self.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))

    def _toggle_details(self) -> None:
        self.text.setVisible(not self.text.isVisible())


class CrashReporter(QObject):
    """Owns the hooks; `crashed` carries (summary, details) to the GUI thread."""

    crashed = Signal(str, str)

    def __init__(self, log_file: Path | None, *, modal: bool = True) -> None:
        super().__init__()
        self.log_file = log_file
        self.modal = modal
        self.dialogs: list[CrashDialog] = []
        self._previous: ExceptHook | None = None
        self.crashed.connect(self._show)

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
        threading.excepthook = threading.__excepthook__

    def handle(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        """Log the exception, then show the dialog (on the GUI thread, whichever thread this is)."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.critical("unhandled exception", exc_info=(kind, error, tb))
        details = "".join(traceback.format_exception(kind, error, tb))
        self.crashed.emit(f"{kind.__name__}: {error}", details)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, summary: str, details: str) -> None:
        if QApplication.instance() is None:
            return  # headless: the log has it
        dialog = CrashDialog(summary, details, self.log_file, QApplication.activeWindow())
        self.dialogs.append(dialog)
        if self.modal:
            dialog.exec()
        else:
            dialog.show()


def install(log_file: Path | None, *, modal: bool = True) -> CrashReporter:
    """Replace sys.excepthook (and threading.excepthook); keep the returned reporter alive."""
    reporter = CrashReporter(log_file, modal=modal)
    reporter.install()
    return reporter
