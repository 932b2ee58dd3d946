"""The items page: the filter bar, the items table (a model that pages by key) and the stock panel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QVBoxLayout, QWidget

from stockdesk.services.database import Database
from stockdesk.ui.models.items import ItemsModel
from stockdesk.ui.widgets.filter_bar import FilterBar
from stockdesk.ui.widgets.stock_panel import StockPanel

COLUMN_WIDTHS = (100, 0, 120, 48, 82, 82, 100, 76, 40)  # 0: the name column stretches


class ItemsPage(QSplitter):
    """Search and table on the left, the selected item's stock on the right.

    The page lays the widgets out and says when a row is to be opened; what a search, a selection or
    an opened row does is the window's business (it owns the actions that act on the item).
    """

    open_requested = Signal()  # double-click or Enter on a row

    def __init__(self, db: Database, model: ItemsModel, panel: StockPanel) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.setObjectName("items_page")
        self.model, self.panel = model, panel
        self.filter_bar = FilterBar(db)
        self.search = self.filter_bar.search
        model.count_changed.connect(self.filter_bar.show_count)
        model.emit_count()
        self.table = self._table(model)
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table)
        # The stock panel belongs to the items page (not a window dock) so other pages get the full width.
        self.addWidget(centre)
        self.addWidget(panel)
        panel.setMinimumWidth(380)
        self.setStretchFactor(0, 1)
        self.setSizes([860, 420])

    def _table(self, model: ItemsModel) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows (Shift/Ctrl) for label sheets; the current row is still the one the panel shows.
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(26)
        header = table.horizontalHeader()
        # Set the indicator first: enabling sorting sorts at once by whatever the header shows.
        header.setSortIndicator(model.sort_column, model.sort_order)
        table.setSortingEnabled(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate(COLUMN_WIDTHS):
            if width:
                table.setColumnWidth(column, width)
        table.doubleClicked.connect(lambda _index: self.open_requested.emit())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), table, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_requested.emit)
        return table
