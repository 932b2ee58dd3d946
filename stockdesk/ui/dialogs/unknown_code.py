"""A scanned code no item carries: create an item with it, or attach it to an existing item."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import catalog, item_query
from stockdesk.services.database import Database
from stockdesk.services.views import ItemView
from stockdesk.ui.dialogs.form import ERROR_STYLE
from stockdesk.ui.dialogs.item_editor import ItemEditorDialog
from stockdesk.ui.i18n import error_text

MATCHES_SHOWN = 50


def exec_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class UnknownCodeDialog(QDialog):
    """After `accept`, `self.item` is the item that now carries the code."""

    def __init__(self, db: Database, actor: Actor, code: str, symbology: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.code, self.symbology = db, actor, code, symbology
        self.item: ItemView | None = None
        self.run_dialog: Callable[[QDialog], bool] = exec_dialog  # tests replace it: no modal loops
        self.setWindowTitle(self.tr("Unknown code"))
        self.setMinimumWidth(520)
        title = QLabel(self.tr("No item has the code <b>{code}</b>.").format(code=code))
        title.setStyleSheet("font-size: 14pt;")
        self.create_button = QPushButton(self.tr("Create item with this barcode…"))
        self.create_button.clicked.connect(self.create_item)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find the item by SKU or name"))
        self.matches = QListWidget()
        self.attach_button = QPushButton(self.tr("Attach to selected item"))
        self.attach_button.clicked.connect(self.attach)
        self.matches.itemDoubleClicked.connect(lambda _row: self.attach())
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.find_matches)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.find_matches)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.create_button)
        layout.addWidget(QLabel(self.tr("…or attach it to an item that already exists:")))
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.attach_button)
        layout.addLayout(row)
        layout.addWidget(self.matches)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def create_item(self) -> None:
        """Open the item editor with the code already in its barcode list."""
        editor = ItemEditorDialog(self.db, self.actor, None, self, barcode=self.code)
        if self.run_dialog(editor) and editor.item is not None:
            self.item = editor.item
            self.accept()

    def find_matches(self) -> None:
        self._debounce.stop()
        self.matches.clear()
        text = self.search.text().strip()
        if not text:
            return
        rows = item_query.item_page(self.db.uow(), item_query.ItemFilter(text=text), limit=MATCHES_SHOWN)
        for row in rows:
            entry = QListWidgetItem(f"{row.sku} — {row.name}")
            entry.setData(Qt.ItemDataRole.UserRole, row.id)
            self.matches.addItem(entry)
        if rows:
            self.matches.setCurrentRow(0)

    def attach(self) -> None:
        """Add the code to the selected item (the catalogue checks it is still free)."""
        current = self.matches.currentItem()
        if current is None:
            self._show_error(self.tr("Choose an item first."))
            return
        item_id = current.data(Qt.ItemDataRole.UserRole)
        try:
            catalog.add_barcode(self.db.uow(), self.actor, item_id, self.code, self.symbology)
            self.item = catalog.get_item(self.db.uow(), item_id)
        except StockDeskError as error:
            self._show_error(error_text(error))
            return
        self.accept()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""
