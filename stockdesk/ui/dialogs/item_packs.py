"""The item editor's pack list: a case of 12 with its own barcode, added and removed at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError, ValidationError
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import packs
from stockdesk.services.catalogue.packs import PackView
from stockdesk.services.database import Database
from stockdesk.services.views import ItemView
from stockdesk.ui.dialogs.form import describe_error
from stockdesk.ui.formatting import format_quantity
from stockdesk.ui.i18n import error_text


class PackList(QWidget):
    """Packs of an existing item. Each change goes to the service at once (like barcodes) and emits
    `edited`, so the editor refreshes its caller even if cancelled; `refused(text)` shows a refusal."""

    edited = Signal()

    def __init__(
        self, db: Database, actor: Actor, item: ItemView | None, refused: Callable[[str], None]
    ) -> None:
        super().__init__()
        self.db, self.actor, self.item, self._refused = db, actor, item, refused
        self.rows: list[PackView] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Pack"), self.tr("Contains"), self.tr("Barcode"), self.tr("Supplier's pack")]
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setFixedHeight(96)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("case"))
        self.factor = QLineEdit()
        self.factor.setPlaceholderText(self.tr("12"))
        self.factor.setMaximumWidth(80)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("barcode (optional)"))
        self.purchase = QCheckBox(self.tr("supplier's pack"))
        self.add_button = QPushButton(self.tr("Add pack"))
        self.remove_button = QPushButton(self.tr("Remove pack"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_pack)
        self.remove_button.clicked.connect(self.remove_pack)
        row = QHBoxLayout()
        for widget, stretch in ((self.name, 1), (self.factor, 0), (self.code, 1), (self.purchase, 0)):
            row.addWidget(widget, stretch)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        if item is None:
            # A pack belongs to a saved item: its factor is checked against the item's unit.
            column.addWidget(QLabel(self.tr("Save the item first, then add its packs here.")))
            for widget in (self.table, self.name, self.factor, self.code, self.purchase, self.add_button,
                           self.remove_button):
                widget.setEnabled(False)
        column.addWidget(self.table)
        column.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.rows = packs.packs_of(self.db.uow(), self.item.id) if self.item is not None else []
        unit = self.item.unit if self.item is not None else ""
        self.table.setRowCount(len(self.rows))
        for number, pack in enumerate(self.rows):
            cells = (pack.name, f"{format_quantity(pack.factor)} {unit}", pack.code,
                     self.tr("yes") if pack.purchase else "")
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 1:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(number, column, cell)

    def add_pack(self) -> None:
        if self.item is None:
            return
        try:
            packs.add_pack(self.db.uow(), self.actor, self.item.id, name=self.name.text(),
                           factor=self.factor.text(), code=self.code.text(),
                           purchase=self.purchase.isChecked())
        except StockDeskError as error:
            self._refuse(error)
            return
        self.edited.emit()
        for edit in (self.name, self.factor, self.code):
            edit.clear()
        self.purchase.setChecked(False)
        self.reload()

    def remove_pack(self) -> None:
        selected = self.table.currentRow()
        if self.item is None or not 0 <= selected < len(self.rows):
            return
        try:
            packs.remove_pack(self.db.uow(), self.actor, self.rows[selected].id)
        except StockDeskError as error:
            self._refuse(error)
            return
        self.edited.emit()
        self.reload()

    def _refuse(self, error: StockDeskError) -> None:
        labels = {"name": self.tr("Pack"), "factor": self.tr("Contains"), "code": self.tr("Barcode"),
                  "purchase": self.tr("Supplier's pack")}
        if isinstance(error, ValidationError):
            self._refused(describe_error(error, labels.get(error.field or "", "")))
        else:
            self._refused(error_text(error))
