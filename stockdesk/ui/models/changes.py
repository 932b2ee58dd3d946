"""Hearing about writes made anywhere through the database (other pages, the scanner, sync) on the GUI thread.

Every unit of work runs the database's commit hooks; this adds one that only pokes a Qt signal
(thread-safe, queued to the GUI thread) and never raises, so it cannot break anybody's commit.
A short debounce turns a burst of commits (a bulk import) into one `changed` signal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from stockdesk.services.database import Database

DEBOUNCE_MS = 300


class ChangeWatcher(QObject):
    """`changed` fires on the GUI thread a moment after any commit through `db`."""

    changed = Signal()
    _poked = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed.emit)
        self._poked.connect(self._timer.start)  # queued when the commit ran on another thread
        hooks = db.hooks

        def hook(_session: Any) -> None:
            try:
                if isValid(self):
                    self._poked.emit()
            except RuntimeError:  # deleted between the check and the emit: nothing to tell
                pass

        hooks.append(hook)
        self.destroyed.connect(lambda: hook in hooks and hooks.remove(hook))
