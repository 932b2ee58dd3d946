"""The side panel: the selected item's stock in each store and its latest movements."""

from __future__ import annotations

import uuid
from decimal import Decimal

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database
from stockdesk.services.inventory import stock
from stockdesk.services.places import place_levels
from stockdesk.services.places.place_levels import PlaceLevelView
from stockdesk.services.views import ItemView
from stockdesk.ui.formatting import format_quantity
from stockdesk.ui.models.stock_levels import MovementsModel, PlacesModel, StockLevelsModel
from stockdesk.ui.widgets.lot_menu import LotMenu

MOVEMENTS_SHOWN = 30


def _table(model: StockLevelsModel | MovementsModel | PlacesModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    stretch = (
        0 if isinstance(model, StockLevelsModel | PlacesModel) else model.columnCount() - 1
    )  # store name / reference
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setDefaultSectionSize(24)
    return view


class StockPanel(QWidget):
    """Shows one item at a time; `show_item(None)` empties it."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.item: ItemView | None = None
        self.title = QLabel(self.tr("No item selected"))
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.total = QLabel()
        self.levels = StockLevelsModel(self)
        self.movements = MovementsModel(self)
        self.levels_view = _table(self.levels)
        self.movements_view = _table(self.movements)
        self.levels_view.setMaximumHeight(170)  # a handful of stores; movements get the rest
        self.places = PlacesModel(self)
        self.places_view = _table(self.places)
        self.places_view.setMaximumHeight(170)
        self.places_title = QLabel(self.tr("<b>Where and which lot</b>"))
        self.lot_menu = LotMenu(self.places_view, self.places)  # right-click: Correct use-by date…
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.total)
        layout.addWidget(QLabel(self.tr("<b>On hand per store</b>")))
        layout.addWidget(self.levels_view)
        layout.addWidget(self.places_title)
        layout.addWidget(self.places_view)
        self._show_places([])
        layout.addWidget(QLabel(self.tr("<b>Latest movements</b>")))
        layout.addWidget(self.movements_view, 1)

    def show_item(self, item: ItemView | None) -> None:
        """Read the item's levels and movements afresh (also after every write)."""
        self.item = item
        if item is None:
            self.title.setText(self.tr("No item selected"))
            self.total.clear()
            self.levels.set_rows([])
            self._show_places([])
            self.movements.set_rows([])
            return
        levels = stock.levels(self._db.uow(), item.id)
        self.title.setText(f"{item.sku} — {item.name}")
        total = sum((level.on_hand for level in levels), start=Decimal(0))
        self.total.setText(
            self.tr("On hand in all stores: <b>{0}</b> {1}").format(format_quantity(total), item.unit)
        )
        self.levels.set_rows(levels)
        self._show_places(place_levels.item_places(self._db.uow(), item.id))
        stores = organisation.list_stores(self._db.uow(), include_inactive=True)
        self.movements.store_codes = {store.id: store.code for store in stores}
        self.movements.set_rows(stock.movements_of(self._db.uow(), item.id, limit=MOVEMENTS_SHOWN))

    def _show_places(self, places: list[PlaceLevelView]) -> None:
        self.places.set_rows(places)
        self.places_title.setVisible(bool(places))
        self.places_view.setVisible(bool(places))

    def on_hand_in(self, store_id: uuid.UUID) -> str:
        """The on-hand text shown for a store ("" if the store is not listed)."""
        for row, level in enumerate(self.levels.rows()):
            if level.store_id == store_id:
                return str(self.levels.index(row, 1).data())
        return ""
