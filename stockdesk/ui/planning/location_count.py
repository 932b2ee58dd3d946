"""The location being counted in a stocktake by location: which it is, and expected vs counted there.

Scanning a location's label makes it the current location; every item scanned after it is counted
there and saved at once (several people count at the same time, each seeing their counts add up
with the others'). The table shows each item (and lot) expected or found at the location, with what
has been counted so far: once anything was counted there, an item not found shows 0.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stockdesk.domain.ids import StocktakeId
from stockdesk.services.database import Database
from stockdesk.services.inventory import stocktake
from stockdesk.services.places.locations import LocationView
from stockdesk.ui.planning.models import location_count_model


class LocationCount(QWidget):
    """The current location's title and table; hidden while the count is not by location."""

    left = Signal()  # the person left the location: counts go to the list again

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.location: LocationView | None = None
        self._take: StocktakeId | None = None
        self.title = QLabel()
        self.model = location_count_model(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.leave_button = QPushButton(self.tr("Leave location"))
        self.leave_button.clicked.connect(self.leave)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.leave_button)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.show_location(None, None)

    def show_location(self, take: StocktakeId | None, location: LocationView | None) -> None:
        self._take, self.location = take, location
        self.leave_button.setEnabled(location is not None)
        if location is None:
            self.title.setText(self.tr("No location: scan a location's label to count it item by item"))
            self.model.set_rows([])
            return
        name = f" \u2014 {location.name}" if location.name else ""
        self.title.setText(self.tr("Counting at <b>{path}</b>{name}").format(path=location.path, name=name))
        self.refresh()

    def refresh(self) -> None:
        """Read the location's expected vs counted again (one location: a few rows)."""
        if self._take is None or self.location is None:
            return
        self.model.set_rows(stocktake.at_location(self.db.uow(), self._take, self.location.id))

    def leave(self) -> None:
        self.show_location(self._take, None)
        self.left.emit()
