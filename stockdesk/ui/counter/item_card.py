"""The big card a scan brings up: name, price, barcode, stock per store and the latest movements."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stockdesk.services.catalogue.scanning import ItemCard
from stockdesk.services.places.place_levels import PlaceLevelView
from stockdesk.ui.formatting import format_price, format_quantity
from stockdesk.ui.models.stock_levels import MovementsModel, PlacesModel, StockLevelsModel
from stockdesk.ui.widgets.barcode_view import BarcodeView
from stockdesk.ui.widgets.card_picture import CardPicture
from stockdesk.ui.widgets.lot_menu import LotMenu


def _table(model: StockLevelsModel | MovementsModel | PlacesModel, widths: tuple[int, ...]) -> QTableView:
    """Fixed column widths, the last column stretching: ResizeToContents re-measured every cell on each
    scan and cost ~5 ms of the scan-to-card time."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the scanner field
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    header.setStretchLastSection(True)
    return view


class ItemCardView(QFrame):
    """Shows one ItemCard; emits `painted` after each paint so the benchmark can time scan-to-screen."""

    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("item_card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.card: ItemCard | None = None
        self.name = QLabel(self.tr("Scan an item"))
        self.name.setWordWrap(True)
        self.name.setStyleSheet("font-size: 24pt; font-weight: 600;")
        self.sku = QLabel()
        self.sku.setStyleSheet("font-size: 13pt; color: #555;")
        self.price = QLabel()
        self.price.setStyleSheet("font-size: 30pt; font-weight: 700;")
        self.price.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total = QLabel()
        self.total.setStyleSheet("font-size: 14pt;")
        self.barcode = BarcodeView()
        self.barcode.setMinimumWidth(260)
        self.levels = StockLevelsModel(self)
        self.movements = MovementsModel(self)
        self.levels_view = _table(self.levels, (320,))
        self.movements_view = _table(self.movements, (130, 70, 120, 70, 90))
        self.levels_view.setMaximumHeight(150)
        self.places = PlacesModel(self)
        self.places_view = _table(self.places, (60, 110, 110, 150))
        self.places_view.setMaximumHeight(150)
        self.places_title = QLabel(self.tr("<b>Where and which lot</b>"))
        self.lot_menu = LotMenu(self.places_view, self.places)  # right-click: Correct use-by date…
        self.picture = CardPicture()
        self._layout()

    def _layout(self) -> None:
        top = QGridLayout()
        top.addWidget(self.name, 0, 0)
        top.addWidget(self.price, 0, 1)
        top.addWidget(self.sku, 1, 0)
        top.addWidget(self.barcode, 1, 1, 2, 1)
        top.addWidget(self.total, 2, 0)
        top.addWidget(self.picture, 0, 2, 3, 1)
        top.setColumnStretch(0, 1)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(QLabel(self.tr("<b>On hand per store</b>")))
        column.addWidget(self.levels_view)
        column.addWidget(self.places_title)
        column.addWidget(self.places_view)
        self._show_places([])
        column.addWidget(QLabel(self.tr("<b>Latest movements</b>")))
        column.addWidget(self.movements_view, 1)

    def show_card(self, card: ItemCard) -> None:
        self.card = card
        item = card.item
        self.name.setText(item.name)
        self.sku.setText(self.tr("SKU {sku}").format(sku=item.sku))
        self.price.setText(format_price(item.sell_price))
        first = item.barcodes[0] if item.barcodes else None
        self.barcode.set_code(first.code if first else item.sku, first.symbology if first else "CODE128")
        total = sum((level.on_hand for level in card.levels), start=Decimal(0))
        self.total.setText(self.tr("On hand in all stores: <b>{qty}</b> {unit}").format(
            qty=format_quantity(total), unit=item.unit))
        self.levels.set_rows(card.levels)
        self._show_places(card.places)
        self.movements.store_codes = dict(card.store_codes)  # type: ignore[arg-type]
        self.movements.set_rows(card.movements)
        self.picture.show_item(item.id)

    def clear(self) -> None:
        self.card = None
        self.name.setText(self.tr("Scan an item"))
        for label in (self.sku, self.price, self.total):
            label.clear()
        self.barcode.set_code("")
        self.picture.show_item(None)
        self.levels.set_rows([])
        self._show_places([])
        self.movements.set_rows([])

    def _show_places(self, places: list[PlaceLevelView]) -> None:
        """Shown only for an item with stock at locations or in lots: other items' cards stay as they were."""
        self.places.set_rows(places)
        self.places_title.setVisible(bool(places))
        self.places_view.setVisible(bool(places))

    def on_hand_text(self, store_code: str) -> str:
        """The on-hand figure shown for `store_code` ("" when the store is not listed)."""
        for level in self.levels.rows():
            if level.store_code == store_code:
                return format_quantity(level.on_hand)
        return ""

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the frame, then tell listeners the card is on screen."""
        super().paintEvent(event)
        self.painted.emit()
