"""The item editor sets per-store reorder points: typed in the store's row, shown again on reopening."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from stockdesk.services.catalogue import catalog
from stockdesk.services.planning import store_points
from stockdesk.ui.dialogs.item_editor import ItemEditorDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def type_into_cell(qtbot, dialog: ItemEditorDialog, row: int, column: int, text: str) -> None:
    table = dialog.store_points
    if table.state() != QAbstractItemView.State.EditingState:  # Tab already opened the next cell
        table.setCurrentCell(row, column)
        table.editItem(table.item(row, column))  # as a double-click on the cell does
    qtbot.keyClicks(table.focusWidget(), text)
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Tab)  # Return would press OK at once


def test_a_branch_gets_its_own_reorder_point_in_the_editor(qtbot, db, admin, main_store, branch_store):
    item = catalog.create_item(db.uow(), admin, sku="HAM-1", name="Hammer", reorder_point="5")
    dialog = ItemEditorDialog(db, admin, catalog.get_item(db.uow(), item.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    rows = [dialog.store_points.item(r, 0).text() for r in range(dialog.store_points.rowCount())]
    branch = rows.index("BR — Branch")
    type_into_cell(qtbot, dialog, branch, 1, "20")
    type_into_cell(qtbot, dialog, branch, 2, "40")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with db.uow() as uow:
        assert store_points.overrides_of(uow.session, item.id) == {
            branch_store.id: store_points.StorePoint(Decimal(20), Decimal(40))
        }
    again = ItemEditorDialog(db, admin, catalog.get_item(db.uow(), item.id))
    qtbot.addWidget(again)
    cells = again.store_points
    assert (cells.item(branch, 1).text(), cells.item(branch, 2).text()) == ("20", "40")
    main = rows.index("MAIN — Main store")
    assert again.store_points.item(main, 1).text() == ""  # MAIN keeps the item's point
