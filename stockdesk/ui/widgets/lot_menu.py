"""The "Where and which lot" table's context menu: *Correct use-by date…* for the lot under the mouse.

The table (on the counter's item card and in the items window's stock panel) knows neither the
database nor who is signed in: the menu says which lot was asked for (`correct_expiry`), and the page
that owns the table opens the dialog. `may_correct` only greys the entry for clerks; the service
checks the permission itself.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QMenu, QTableView

from stockdesk.services.places.place_levels import PlaceLevelView
from stockdesk.ui.models.stock_levels import PlacesModel


class LotMenu(QObject):
    correct_expiry = Signal(object)  # the PlaceLevelView of the row asked for

    def __init__(self, view: QTableView, model: PlacesModel) -> None:
        super().__init__(view)
        self.view, self.model = view, model
        self.may_correct = False
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._requested)

    def menu_for(self, row: int) -> QMenu | None:
        """The menu of row `row` (None for a row without a dated lot)."""
        rows = self.model.rows()
        if not 0 <= row < len(rows):
            return None
        place: PlaceLevelView = rows[row]
        if place.lot_id is None or place.expires_on is None:
            return None
        menu = QMenu(self.view)
        action = menu.addAction(self.tr("Correct use-by date…"))
        action.setEnabled(self.may_correct)
        if not self.may_correct:
            action.setToolTip(self.tr("Only a manager or an admin may correct a use-by date."))
            menu.setToolTipsVisible(True)
        action.triggered.connect(lambda: self.correct_expiry.emit(place))
        return menu

    def _requested(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        menu = self.menu_for(index.row()) if index.isValid() else None
        if menu is not None:
            menu.exec(self.view.viewport().mapToGlobal(position))
            menu.deleteLater()
