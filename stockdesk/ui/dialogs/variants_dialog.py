"""A template's variants: its attributes and values, generating the missing variants, and the stock
matrix (rows: one attribute; columns: another attribute or the stores; cells: on hand)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import StockDeskError, ValidationError
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import variants
from stockdesk.services.catalogue.variants import StockMatrix
from stockdesk.services.database import Database
from stockdesk.services.views import ItemView
from stockdesk.ui.dialogs.form import ERROR_STYLE, describe_error
from stockdesk.ui.formatting import format_quantity
from stockdesk.ui.i18n import error_text

STORES = "\x00stores"  # the column choice "Stores": no attribute name holds a control character
EMPTY_ROWS = 2  # blank attribute lines below the stored ones, to type a new attribute into


class VariantsDialog(QDialog):
    """Attributes are edited in a table (name, values separated by commas); Generate stores them and
    creates the missing variants at once. `changed` tells the caller to refresh the items list."""

    def __init__(self, db: Database, actor: Actor, template: ItemView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.template = db, actor, template
        self.changed = False
        self.setWindowTitle(self.tr("Variants of {sku}").format(sku=template.sku))
        self.setMinimumSize(640, 520)
        self.attributes = QTableWidget(0, 2)
        self.attributes.setHorizontalHeaderLabels(
            [self.tr("Attribute"), self.tr("Values (in order, comma-separated)")]
        )
        self.attributes.verticalHeader().setVisible(False)
        self.attributes.horizontalHeader().setStretchLastSection(True)
        self.attributes.setColumnWidth(0, 140)
        self.attributes.setFixedHeight(130)
        self.generate_button = QPushButton(self.tr("&Generate variants"))
        self.generate_button.setAutoDefault(False)
        self.generate_button.clicked.connect(self.generate)
        self.summary = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.rows_choice, self.columns_choice, self.store_choice = QComboBox(), QComboBox(), QComboBox()
        self.matrix = QTableWidget(0, 0)
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self._layout(close)
        self.data: StockMatrix | None = None
        self._names: list[str] | None = None
        self.reload()
        for combo in (self.rows_choice, self.columns_choice, self.store_choice):
            combo.currentIndexChanged.connect(self.show_matrix)

    def _layout(self, close: QDialogButtonBox) -> None:
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("Attributes")))
        column.addWidget(self.attributes)
        line = QHBoxLayout()
        line.addWidget(self.summary, 1)
        line.addWidget(self.generate_button)
        column.addLayout(line)
        column.addWidget(self.error)
        choices = QHBoxLayout()
        for label, combo in (
            (self.tr("Rows"), self.rows_choice),
            (self.tr("Columns"), self.columns_choice),
            (self.tr("Store"), self.store_choice),
        ):
            choices.addWidget(QLabel(label))
            choices.addWidget(combo, 1)
        column.addWidget(QLabel(self.tr("Stock")))
        column.addLayout(choices)
        column.addWidget(self.matrix, 1)
        column.addWidget(close)

    def reload(self) -> None:
        """Attributes, choices and the matrix read again (one query for the matrix's stock)."""
        self.data = variants.stock_matrix(self.db.uow(), self.template.id)
        listed = self.data.attributes
        self.attributes.setRowCount(len(listed) + EMPTY_ROWS)
        for row, attribute in enumerate(listed):
            self.attributes.setItem(row, 0, QTableWidgetItem(attribute.name))
            self.attributes.setItem(row, 1, QTableWidgetItem(", ".join(attribute.choices)))
        for row in range(len(listed), len(listed) + EMPTY_ROWS):
            self.attributes.setItem(row, 0, QTableWidgetItem(""))
            self.attributes.setItem(row, 1, QTableWidgetItem(""))
        self.summary.setText(self.tr("{count} variant(s)").format(count=len(self.data.variants)))
        # The person's choice of rows and columns stays while the attributes do; new attributes reset it.
        names = [a.name for a in listed]
        same = names == self._names
        self._names = names
        combos = (self.rows_choice, self.columns_choice, self.store_choice)
        keep = tuple(combo.currentData() if same else None for combo in combos)
        for combo in (self.rows_choice, self.columns_choice, self.store_choice):
            combo.blockSignals(True)
            combo.clear()
        for attribute in listed:
            self.rows_choice.addItem(attribute.name, attribute.name)
            self.columns_choice.addItem(attribute.name, attribute.name)
        self.columns_choice.addItem(self.tr("Stores"), STORES)
        self.store_choice.addItem(self.tr("All stores"), None)
        for store in self.data.stores:
            self.store_choice.addItem(
                store.code, str(store.id)
            )  # text: findData compares objects by identity
        # Rows: the first attribute; columns: the second one, or the stores when there is one attribute.
        defaults = (listed[0].name if listed else None, listed[1].name if len(listed) > 1 else STORES, None)
        for combo, value, default in zip(
            (self.rows_choice, self.columns_choice, self.store_choice), keep, defaults, strict=True
        ):
            index = combo.findData(value) if value is not None else -1
            combo.setCurrentIndex(index if index >= 0 else max(combo.findData(default), 0))
            combo.blockSignals(False)
        self.show_matrix()

    def typed_attributes(self) -> list[tuple[str, list[str]]]:
        typed: list[tuple[str, list[str]]] = []
        for row in range(self.attributes.rowCount()):
            name, values = (self._cell(row, c) for c in (0, 1))
            if name or values:
                typed.append((name, [v.strip() for v in values.split(",") if v.strip()]))
        return typed

    def _cell(self, row: int, column: int) -> str:
        cell = self.attributes.item(row, column)
        return cell.text().strip() if cell is not None else ""

    def generate(self) -> None:
        """Store the attributes as typed, then create the variants the matrix lacks."""
        self.error.clear()
        try:
            variants.set_attributes(self.db.uow(), self.actor, self.template.id, self.typed_attributes())
            made = variants.generate(self.db.uow(), self.actor, self.template.id)
        except StockDeskError as error:
            label = self.tr("Attributes") if error_field(error) == "attribute" else ""
            text = describe_error(error, label) if isinstance(error, ValidationError) else error_text(error)
            self.error.setText(text)
            return
        self.changed = True
        self.reload()
        self.summary.setText(
            self.tr("{count} variant(s), {new} new").format(
                count=len(self.data.variants if self.data else ()), new=len(made.created)
            )
        )

    def show_matrix(self) -> None:
        data = self.data
        rows_by = self.rows_choice.currentData()
        columns_by = self.columns_choice.currentData()
        if data is None or rows_by is None:
            self.matrix.setRowCount(0)
            self.matrix.setColumnCount(0)
            return
        by_name = {a.name: a.choices for a in data.attributes}
        row_labels = list(by_name.get(rows_by, ()))
        stores = columns_by == STORES
        column_labels = [s.code for s in data.stores] if stores else list(by_name.get(columns_by, ()))
        store = self.store_choice.currentData()
        self.store_choice.setEnabled(not stores)
        cells = data.grid(
            rows_by, None if stores else columns_by, None if stores or store is None else uuid.UUID(store)
        )
        self.matrix.setRowCount(len(row_labels))
        self.matrix.setColumnCount(len(column_labels))
        self.matrix.setVerticalHeaderLabels(row_labels)
        self.matrix.setHorizontalHeaderLabels(column_labels)
        for r, row_value in enumerate(row_labels):
            for c, column_value in enumerate(column_labels):
                quantity = cells.get((row_value, column_value))
                cell = QTableWidgetItem("" if quantity is None else format_quantity(quantity))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if quantity is not None and quantity < Decimal(0):
                    cell.setForeground(Qt.GlobalColor.red)
                self.matrix.setItem(r, c, cell)


def error_field(error: StockDeskError) -> str:
    return error.field if isinstance(error, ValidationError) and error.field else ""
