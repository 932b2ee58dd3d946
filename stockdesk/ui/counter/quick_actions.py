"""The keyboard bar under the card: a quantity field and one function key per stock action.

Function keys rather than letters, because the scanner types letters and digits into whatever has the
focus: F-keys can never be part of a scanned code, so a scan can never trigger a sale.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from stockdesk.services.views import StoreView


class QuickAction(enum.StrEnum):
    SELL_ONE = "sell_one"
    SELL = "sell"
    RECEIVE = "receive"
    COUNT = "count"
    TRANSFER = "transfer"
    RESOLVE_UNKNOWN = "resolve_unknown"
    PRINT_LABEL = "print_label"


KEYS: dict[Qt.Key, QuickAction] = {
    Qt.Key.Key_F1: QuickAction.SELL_ONE,
    Qt.Key.Key_F2: QuickAction.SELL,
    Qt.Key.Key_F3: QuickAction.RECEIVE,
    Qt.Key.Key_F4: QuickAction.COUNT,
    Qt.Key.Key_F5: QuickAction.TRANSFER,
    Qt.Key.Key_F6: QuickAction.RESOLVE_UNKNOWN,
    Qt.Key.Key_F7: QuickAction.PRINT_LABEL,
}


class QuickActionsBar(QWidget):
    """Emits `requested(action)`; the page reads `quantity_text()` and `transfer_target()`."""

    requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(self.tr("N"))
        self.quantity.setToolTip(self.tr("Quantity for F2-F5 (F1 always sells one)"))
        self.quantity.setMinimumWidth(90)
        self.quantity.setMaximumWidth(140)
        self.quantity.setStyleSheet("font-size: 16pt;")
        self.target = QComboBox()
        self.target.setToolTip(self.tr("Store that a transfer (F5) sends to"))
        labels = {
            QuickAction.SELL_ONE: self.tr("F1 Sell 1"),
            QuickAction.SELL: self.tr("F2 Sell N"),
            QuickAction.RECEIVE: self.tr("F3 Receive N"),
            QuickAction.COUNT: self.tr("F4 Count = N"),
            QuickAction.TRANSFER: self.tr("F5 Transfer N to"),
            QuickAction.RESOLVE_UNKNOWN: self.tr("F6 Create/attach code"),
            QuickAction.PRINT_LABEL: self.tr("F7 Label"),
        }
        self.buttons: dict[QuickAction, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("N:")))
        row.addWidget(self.quantity)
        for action, text in labels.items():
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, a=action: self.requested.emit(a.value))
            self.buttons[action] = button
            row.addWidget(button)
            if action is QuickAction.TRANSFER:
                row.addWidget(self.target)
        row.addStretch(1)

    def set_stores(self, stores: list[StoreView]) -> None:
        self.target.clear()
        for store in stores:
            self.target.addItem(f"{store.code} — {store.name}", str(store.id))

    def quantity_text(self) -> str:
        return self.quantity.text().strip()

    def transfer_target(self) -> object:
        return self.target.currentData()

    def action_for(self, event: QKeyEvent) -> QuickAction | None:
        """The action bound to a key press, if any."""
        return KEYS.get(Qt.Key(event.key()))
