"""The running list of what was scanned and done at this counter since the page opened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

ERROR_INK = "#b00020"
SHOWN = 200
DEFER_MS = 40


@dataclass(frozen=True)
class ShiftEntry:
    at: datetime
    code: str
    text: str       # what the clerk reads: "TEA-1 Green tea", "Sold 2 of TEA-1", "Wrong check digit"
    ok: bool


class ShiftList(QListWidget):
    """Newest first; refusals in red. `entries()` gives the plain records."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[ShiftEntry] = []
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAlternatingRowColors(True)
        # One line per entry: lets the view skip measuring every row when a new one goes on top.
        self.setUniformItemSizes(True)
        self.setMinimumWidth(260)

    def add(self, code: str, text: str, *, ok: bool = True) -> ShiftEntry:
        entry = ShiftEntry(datetime.now(), code, text, ok)
        self._entries.append(entry)
        # Added a moment later, so the item card is painted first (the card is what the clerk waits for).
        QTimer.singleShot(DEFER_MS, self, lambda: self._show(entry))
        return entry

    def _show(self, entry: ShiftEntry) -> None:
        code, text, ok = entry.code, entry.text, entry.ok
        row = QListWidgetItem(f"{entry.at:%H:%M:%S}  {text}")
        row.setToolTip(code or text)  # the code is for checking afterwards: hover shows it
        if not ok:
            row.setForeground(QBrush(QColor(ERROR_INK)))
        self.insertItem(0, row)
        if self.count() > SHOWN:  # a long shift: the screen keeps the latest, entries() keeps all
            self.takeItem(self.count() - 1)

    def entries(self) -> list[ShiftEntry]:
        """Oldest first."""
        return list(self._entries)
