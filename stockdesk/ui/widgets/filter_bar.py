"""The items filter bar: text, category (and its sub-categories), supplier, store, price, low stock, status.

It only builds an `ItemFilter`; the table model runs it in SQL. Typing is debounced so a fast
typist costs one query, not one per key.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from stockdesk.domain.errors import StockDeskError
from stockdesk.domain.numbers import parse_money
from stockdesk.services.catalogue import organisation, variants
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.database import Database
from stockdesk.ui.i18n import error_text

DEBOUNCE_MS = 250
# Shorter text cannot use the trigram index: "ze" would scan a million names (0.8 s) for a list
# nobody reads. One or two characters are ignored until the third is typed (the hint says so).
MIN_SEARCH = 3
ACTIVE, ARCHIVED, ALL = 0, 1, 2


class FilterBar(QWidget):
    """Emits `changed(ItemFilter)` whenever the combined filter changes."""

    changed = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search SKU, name or barcode  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.category, self.supplier, self.store = QComboBox(), QComboBox(), QComboBox()
        self.template = QComboBox()  # "Template: X" lists X's variants (docs/variants.md)
        self.min_price, self.max_price = QLineEdit(), QLineEdit()
        for edit, hint in ((self.min_price, self.tr("min price")), (self.max_price, self.tr("max price"))):
            edit.setPlaceholderText(hint)
            edit.setMaximumWidth(80)
        self.low_stock = QCheckBox(self.tr("&Low stock"))
        self.status = QComboBox()
        self.status.addItems([self.tr("Active"), self.tr("Archived"), self.tr("All")])
        self.count_label = QLabel()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply)
        self._layout()
        self.reload_choices()
        self._connect()

    def _layout(self) -> None:
        """Search and count on the first line, the other filters on the second."""
        lines = QVBoxLayout(self)
        lines.setContentsMargins(0, 0, 0, 0)
        top, row = QHBoxLayout(), QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        for label, widget in (
            (self.tr("Category"), self.category),
            (self.tr("Supplier"), self.supplier),
            (self.tr("Store"), self.store),
            (self.tr("Template"), self.template),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(widget, 1)
        row.addWidget(QLabel(self.tr("Price")))
        row.addWidget(self.min_price)
        row.addWidget(QLabel("–"))
        row.addWidget(self.max_price)
        row.addWidget(self.low_stock)
        row.addWidget(self.status)
        lines.addLayout(top)
        lines.addLayout(row)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._debounce.start)
        self.min_price.textChanged.connect(self._debounce.start)
        self.max_price.textChanged.connect(self._debounce.start)
        for combo in (self.category, self.supplier, self.store, self.template, self.status):
            combo.currentIndexChanged.connect(self.apply)
        self.low_stock.toggled.connect(self.apply)

    def reload_choices(self) -> None:
        """Read categories (as an indented tree), suppliers and stores again, keeping the choices."""
        combos = (self.category, self.supplier, self.store, self.template)
        keep = tuple(combo.currentData() for combo in combos)
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("Any"), None)
        categories = organisation.list_categories(self._db.uow())
        children: dict[uuid.UUID | None, list] = {}
        for category in sorted(categories, key=lambda c: c.name.lower()):
            children.setdefault(category.parent_id, []).append(category)

        def add(parent: uuid.UUID | None, depth: int) -> None:
            for category in children.get(parent, []):
                self.category.addItem("    " * depth + category.name, category.id)
                add(category.id, depth + 1)

        add(None, 0)
        for supplier in organisation.list_suppliers(self._db.uow()):
            self.supplier.addItem(supplier.name, supplier.id)
        for store in organisation.list_stores(self._db.uow()):
            self.store.addItem(f"{store.code} — {store.name}", store.id)
        for template in variants.templates(self._db.uow()):
            self.template.addItem(f"{template.sku} — {template.name}", template.id)
        for combo, value in zip(combos, keep, strict=True):
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)

    def _price(self, edit: QLineEdit) -> Decimal | None:
        """The typed price, or None (no bound) when empty; a bad price is marked and ignored."""
        try:
            value = parse_money("price", edit.text().strip(), allow_none=True)
        except StockDeskError as error:
            edit.setStyleSheet("color: #b00020")
            edit.setToolTip(error_text(error))
            return None
        edit.setStyleSheet("")
        edit.setToolTip("")
        return value

    def current(self) -> ItemFilter:
        status = self.status.currentIndex()
        text = self.search.text().strip()
        short = 0 < len(text) < MIN_SEARCH
        self.search.setToolTip(self.tr("Type at least 3 characters to search") if short else "")
        return ItemFilter(
            text="" if short else text,
            include_archived=status == ALL,
            archived_only=status == ARCHIVED,
            category_id=self.category.currentData(),
            supplier_id=self.supplier.currentData(),
            store_id=self.store.currentData(),
            min_price=self._price(self.min_price),
            max_price=self._price(self.max_price),
            low_stock=self.low_stock.isChecked(),
            template_id=self.template.currentData(),
        )

    def apply(self) -> None:
        self._debounce.stop()
        self.changed.emit(self.current())

    def show_count(self, shown: int, total: int) -> None:
        """ "1,234 of 1,000,000 items" (shown -1: still counting)."""
        shown_text = self.tr("counting…") if shown < 0 else f"{shown:,}"
        total_text = "…" if total < 0 else f"{total:,}"
        text = self.tr("{shown} of {total} items").format(shown=shown_text, total=total_text)
        self.count_label.setText(text)
