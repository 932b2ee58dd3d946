"""Which item? Asked by an action started with no item selected, instead of guessing one.

Type (or scan) a SKU, a name or a barcode; Enter takes the only match, or the first of several.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError
from stockdesk.services.catalogue import catalog, item_query
from stockdesk.services.database import Database
from stockdesk.services.views import ItemView
from stockdesk.ui.dialogs.form import ERROR_STYLE

MATCHES_SHOWN = 50


class ItemPickerDialog(QDialog):
    """After `accept`, `item` is the chosen item."""

    def __init__(self, db: Database, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.item: ItemView | None = None
        self.setWindowTitle(self.tr("{action}: which item?").format(action=action))
        self.setMinimumWidth(480)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Scan or type a SKU, name or barcode"))
        self.matches = QListWidget()
        self.matches.itemDoubleClicked.connect(lambda _row: self.accept())
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.find_matches)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._entered)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Choose"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("No item is selected. Find the item for this action:")))
        layout.addWidget(self.search)
        layout.addWidget(self.matches)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.search.setFocus()

    def find_matches(self) -> None:
        self._debounce.stop()
        self.matches.clear()
        text = self.search.text().strip()
        if not text:
            return
        rows = item_query.item_page(self.db.uow(), item_query.ItemFilter(text=text), limit=MATCHES_SHOWN)
        for row in rows:
            entry = QListWidgetItem(f"{row.sku} — {row.name}")
            entry.setData(Qt.ItemDataRole.UserRole, str(row.id))
            self.matches.addItem(entry)
        if rows:
            self.matches.setCurrentRow(0)

    def _entered(self) -> None:
        self.find_matches()
        if self.matches.count():
            self.accept()

    def accept(self) -> None:
        """Close with the highlighted match; without one, say so and stay open."""
        current = self.matches.currentItem()
        if current is None:
            self.error.setText(self.tr("Choose an item first."))
            self.error.show()
            return
        try:
            self.item = catalog.get_item(self.db.uow(), uuid.UUID(current.data(Qt.ItemDataRole.UserRole)))
        except StockDeskError as error:  # archived or deleted since it was listed
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()
