"""Creating or editing a catalogue item, with its barcodes."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.errors import DuplicateValue, StockDeskError
from stockdesk.domain.numbers import parse_quantity
from stockdesk.domain.permissions import Actor
from stockdesk.services.catalogue import catalog, organisation, scanning, variants
from stockdesk.services.database import Database
from stockdesk.services.planning import store_points
from stockdesk.services.views import ItemView
from stockdesk.ui.dialogs.form import FormDialog
from stockdesk.ui.dialogs.item_packs import PackList
from stockdesk.ui.dialogs.variants_dialog import VariantsDialog
from stockdesk.ui.formatting import format_money, format_quantity
from stockdesk.ui.widgets.barcode_view import BarcodeView
from stockdesk.ui.widgets.picture_box import PictureBox

UNITS = ("pcs", "box", "kg", "g", "l", "m", "pack", "pair")


def _line(text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


class ItemEditorDialog(FormDialog):
    """`item=None` creates an item; after `accept`, `self.item` is the saved item.

    Barcodes of an existing item are added and removed at once (each is its own change); for a
    new item they are kept here and saved with it. `changed` tells the caller to refresh even if
    the dialog was cancelled after a barcode change.
    """

    def __init__(
        self,
        db: Database,
        actor: Actor,
        item: ItemView | None = None,
        parent: QWidget | None = None,
        *,
        barcode: str = "",
    ) -> None:
        """`barcode` pre-fills a new item's barcode list (a code just scanned at the counter)."""
        title = QCoreApplication.translate("ItemEditorDialog", "Edit item" if item else "New item")
        super().__init__(title, parent)
        self.db, self.actor, self.item = db, actor, item
        self._prefill = barcode
        self.changed = False
        self.setMinimumWidth(480)
        self.sku = self.add_row(
            "sku", self.tr("SKU"), _line(item.sku if item else "", self.tr("e.g. HAM-16OZ"))
        )
        self.name = self.add_row("name", self.tr("Name"), _line(item.name if item else ""))
        self.description = QPlainTextEdit(item.description if item else "")
        self.description.setFixedHeight(60)
        self.add_row("description", self.tr("Description"), self.description)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(UNITS)
        self.unit.setCurrentText(item.unit if item else UNITS[0])
        self.add_row("unit", self.tr("Unit"), self.unit)
        self.sell_price = self.add_row("sell_price", self.tr("Sell price"), _line(_money(item, "sell_price")))
        self.cost_price = self.add_row("cost_price", self.tr("Cost price"), _line(_money(item, "cost_price")))
        self.reorder_point = self.add_row(
            "reorder_point", self.tr("Reorder point"), _line(_qty(item, "reorder_point"))
        )
        self.reorder_qty = self.add_row(
            "reorder_qty", self.tr("Reorder quantity"), _line(_qty(item, "reorder_qty"))
        )
        self.category = self._combo(
            "category_id", self.tr("Category"), organisation.list_categories(db.uow())
        )
        self.supplier = self._combo("supplier_id", self.tr("Supplier"), organisation.list_suppliers(db.uow()))
        self._build_tracking()
        self._build_store_points()
        self._build_barcodes()
        self.packs = PackList(db, actor, item, lambda text: self.show_field_error("packs", text))
        self.packs.edited.connect(self._packs_edited)
        self.add_row("packs", self.tr("Packs"), self.packs)
        self._build_variants()
        self.picture = PictureBox(db, actor, item, lambda text: self.show_field_error("picture", text))
        self.picture.edited.connect(self._packs_edited)
        self.add_row("picture", self.tr("Picture"), self.picture)
        self.accepted.connect(lambda: self.picture.save_pending(self.item))
        self.sku.setFocus()

    def _build_variants(self) -> None:
        """A template's Variants… button; a variant says whose it is and may follow its prices again."""
        item = self.item
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.variants_label = QLabel()
        self.variants_button = QPushButton(self.tr("Variants…"))
        self.variants_button.setAutoDefault(False)
        self.variants_button.clicked.connect(self.open_variants)
        self.inherit_button = QPushButton(self.tr("Use the template's prices"))
        self.inherit_button.setAutoDefault(False)
        self.inherit_button.clicked.connect(self.inherit_prices)
        self.inherit_button.hide()
        row.addWidget(self.variants_label, 1)
        row.addWidget(self.inherit_button)
        row.addWidget(self.variants_button)
        if item is None:
            self.variants_label.setText(self.tr("Save the item first, then give it variants here."))
            self.variants_button.setEnabled(False)
        elif item.template_id is not None:
            template = catalog.get_item(self.db.uow(), item.template_id)
            values = "; ".join(f"{name}={value}" for name, value in item.variant_values)
            text = self.tr("Variant of {sku} ({values})").format(sku=template.sku, values=values)
            self.variants_label.setText(text)
            self.variants_button.hide()
            self.inherit_button.show()
        elif item.is_template:
            self.variants_label.setText(self.tr("Template: stock is kept on its variants"))
        else:
            self.variants_label.setText(self.tr("No variants (sizes, colours, …)"))
        self.add_row("variants", self.tr("Variants"), box)

    def open_variants(self) -> None:
        """The template's attributes, generation and stock matrix (the item becomes a template there)."""
        if self.item is None:
            return
        dialog = VariantsDialog(self.db, self.actor, self.item, self)
        dialog.exec()
        if dialog.changed:
            self.changed = True
            self.item = catalog.get_item(self.db.uow(), self.item.id)
            self.variants_label.setText(self.tr("Template: stock is kept on its variants"))

    def inherit_prices(self) -> None:
        if self.item is None:
            return
        self.clear_errors()
        try:
            view = variants.inherit_prices(self.db.uow(), self.actor, self.item.id)
        except StockDeskError as error:
            self.show_error(error)
            return
        self.changed = True
        self.sell_price.setText(format_money(view.sell_price))
        self.cost_price.setText(format_money(view.cost_price))

    def _packs_edited(self) -> None:
        self.clear_errors()
        self.changed = True

    def _combo(self, field: str, label: str, choices: list) -> QComboBox:  # type: ignore[type-arg]
        combo = QComboBox()
        combo.setMinimumWidth(220)
        combo.addItem(self.tr("(none)"), None)
        for choice in choices:
            combo.addItem(choice.name, str(choice.id))
        current = getattr(self.item, field, None) if self.item else None
        if current is not None:
            combo.setCurrentIndex(max(0, combo.findData(str(current))))
        self.add_row(field, label, combo)
        return combo

    def _build_tracking(self) -> None:
        """How the item's stock is told apart: by lot, by lot with use-by dates, or unit by serial number."""
        self.tracking = QComboBox()
        for value, label in (
            ("none", self.tr("Not tracked")),
            ("lot", self.tr("By lot")),
            ("expiry", self.tr("By lot, with use-by dates")),
            ("serial", self.tr("By serial number (each unit)")),
        ):
            self.tracking.addItem(label, value)
        current = self.item.tracking if self.item else "none"
        self.tracking.setCurrentIndex(max(0, self.tracking.findData(current)))
        self.add_row("tracking", self.tr("Tracking"), self.tracking)
        days = self.item.expiry_warn_days if self.item else None
        self.expiry_warn_days = _line("" if days is None else str(days), self.tr("blank: the category's"))
        self.add_row("expiry_warn_days", self.tr("Warn days before expiry"), self.expiry_warn_days)
        self.tracking.currentIndexChanged.connect(self._tracking_changed)
        self._tracking_changed()

    def _tracking_changed(self) -> None:
        self.expiry_warn_days.setEnabled(self.tracking.currentData() == "expiry")

    def _build_store_points(self) -> None:
        """One row per store: an empty cell means the item's own point / quantity applies there."""
        self.stores = organisation.list_stores(self.db.uow())
        overrides: dict[uuid.UUID, store_points.StorePoint] = {}
        if self.item is not None:
            with self.db.uow() as uow:
                overrides = store_points.overrides_of(uow.session, self.item.id)
        table = QTableWidget(len(self.stores), 3)
        table.setHorizontalHeaderLabels(
            [self.tr("Store"), self.tr("Reorder point"), self.tr("Reorder quantity")]
        )
        table.verticalHeader().setVisible(False)
        for row, store in enumerate(self.stores):
            name = QTableWidgetItem(f"{store.code} — {store.name}")
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 0, name)
            own = overrides.get(store.id)
            table.setItem(row, 1, QTableWidgetItem(format_quantity(own.reorder_point) if own else ""))
            table.setItem(row, 2, QTableWidgetItem(format_quantity(own.reorder_qty) if own else ""))
        table.setFixedHeight(min(160, 30 + 26 * len(self.stores)))
        self.store_points = table
        self.add_row("store_points", self.tr("Per store (empty: as above)"), table)

    def store_overrides(self) -> dict[uuid.UUID, tuple[object, object] | None]:
        """Store id -> (point, quantity) typed in the per-store table, or None where both are empty."""
        result: dict[uuid.UUID, tuple[object, object] | None] = {}
        for row, store in enumerate(self.stores):
            point, qty = (self.store_points.item(row, c).text().strip() for c in (1, 2))
            if not point and not qty:
                result[store.id] = None
            else:
                result[store.id] = (point or self.reorder_point.text(), qty or self.reorder_qty.text())
        return result

    def _build_barcodes(self) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.barcodes = QListWidget()
        self.barcodes.setFixedHeight(70)
        self.barcodes.addItems([b.code for b in self.item.barcodes] if self.item else [])
        if self._prefill and self.item is None:
            self.barcodes.addItem(self._prefill)
        self.barcode_view = BarcodeView()
        self.generate_button = QPushButton(self.tr("Generate in-store EAN-13"))
        self.generate_button.setAutoDefault(False)
        self.generate_button.clicked.connect(self.generate_barcode)
        self.barcodes.currentTextChanged.connect(self._show_barcode)
        self.barcode_input = _line(placeholder=self.tr("scan or type a barcode, then Add"))
        self.add_barcode_button = QPushButton(self.tr("Add"))
        self.remove_barcode_button = QPushButton(self.tr("Remove"))
        row = QHBoxLayout()
        row.addWidget(self.barcode_input, 1)
        row.addWidget(self.add_barcode_button)
        row.addWidget(self.remove_barcode_button)
        column.addWidget(self.barcodes)
        column.addLayout(row)
        column.addWidget(self.generate_button)
        column.addWidget(self.barcode_view)
        self._show_barcode(self.barcodes.item(0).text() if self.barcodes.count() else "")
        self.add_row("barcode", self.tr("Barcodes"), box)
        self.add_barcode_button.clicked.connect(self.add_barcode)
        self.remove_barcode_button.clicked.connect(self.remove_barcode)
        self.add_barcode_button.setAutoDefault(False)
        self.remove_barcode_button.setAutoDefault(False)
        self.barcode_input.returnPressed.connect(self.add_barcode)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the barcode field adds the code (a scanner ends every code with Enter), not Save."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.focusWidget() is self.barcode_input:
            event.accept()
            return
        super().keyPressEvent(event)

    def _show_barcode(self, code: str) -> None:
        self.barcode_view.set_code(code or (self.barcode_codes()[:1] or [""])[0])

    def generate_barcode(self) -> None:
        """Put the next free in-store EAN-13 (prefix 20) into the field and add it."""
        self.clear_errors()
        try:
            code = scanning.next_instore_ean13(self.db.uow(), taken=tuple(self.barcode_codes()))
        except StockDeskError as error:
            self.show_error(error)
            return
        self.barcode_input.setText(code)
        self.add_barcode()

    def barcode_codes(self) -> list[str]:
        return [self.barcodes.item(row).text() for row in range(self.barcodes.count())]

    def add_barcode(self) -> None:
        """Check the typed code (and attach it at once when the item exists)."""
        self.clear_errors()
        try:
            code = catalog.clean_barcode(self.barcode_input.text())
            if code in self.barcode_codes():
                raise DuplicateValue("barcode", code, self.tr("is already in the list"))
            if self.item is not None:
                code = catalog.add_barcode(self.db.uow(), self.actor, self.item.id, code).code
                self.changed = True
        except StockDeskError as error:
            self.show_error(error)
            return
        self.barcodes.addItem(code)
        self.barcode_input.clear()
        self._show_barcode(code)

    def remove_barcode(self) -> None:
        """Drop the selected code (detached at once when the item exists)."""
        self.clear_errors()
        current = self.barcodes.currentItem()
        if current is None:
            return
        try:
            if self.item is not None:
                catalog.remove_barcode(self.db.uow(), self.actor, self.item.id, current.text())
                self.changed = True
        except StockDeskError as error:
            self.show_error(error)
            return
        self.barcodes.takeItem(self.barcodes.row(current))

    def fields(self) -> dict[str, object]:
        """What the person typed, as the service's keyword arguments."""
        return {
            "sku": self.sku.text(),
            "name": self.name.text(),
            "description": self.description.toPlainText(),
            "unit": self.unit.currentText(),
            "sell_price": self.sell_price.text(),
            "cost_price": self.cost_price.text(),
            "reorder_point": self.reorder_point.text(),
            "reorder_qty": self.reorder_qty.text(),
            "category_id": self.category.currentData(),
            "supplier_id": self.supplier.currentData(),
            "tracking": self.tracking.currentData(),
            "expiry_warn_days": self.expiry_warn_days.text().strip() or None,
        }

    def submit(self) -> None:
        """Create or update through the catalogue service (which validates every field)."""
        overrides = self.store_overrides()
        # Per-store values are checked before the item is written, so a typo there saves nothing.
        for store, value in zip(self.stores, overrides.values(), strict=True):
            if value is not None:
                parse_quantity(f"reorder_point ({store.code})", value[0], allow_zero=True)
                parse_quantity(f"reorder_qty ({store.code})", value[1], allow_zero=True)
        if self.item is None:
            self.item = catalog.create_item(
                self.db.uow(),
                self.actor,
                barcodes=self.barcode_codes(),
                **self.fields(),  # type: ignore[arg-type]
            )
        else:
            self.item = catalog.update_item(self.db.uow(), self.actor, self.item.id, **self.fields())
        self.changed = True
        if any(value is not None for value in overrides.values()) or self._had_overrides():
            store_points.set_overrides(self.db.uow(), self.actor, self.item.id, overrides)

    def _had_overrides(self) -> bool:
        assert self.item is not None
        with self.db.uow() as uow:
            return bool(store_points.overrides_of(uow.session, self.item.id))


def _money(item: ItemView | None, field: str) -> str:
    return format_money(getattr(item, field)) if item else "0.00"


def _qty(item: ItemView | None, field: str) -> str:
    return format_quantity(getattr(item, field)) if item else "0"
