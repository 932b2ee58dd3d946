"""The item editor lists an item's packs and adds and removes them at once, with refusals in place."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt

from stockdesk.services.catalogue import catalog, packs, scanning
from stockdesk.ui.dialogs.item_editor import ItemEditorDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_packs_are_added_shown_and_removed_in_the_item_editor(qtbot, gui_db, gui_admin, save_artifact):
    item = catalog.create_item(gui_db.uow(), gui_admin, sku="SCR-4", name="Wood screws 4x40", unit="pcs")
    dialog = ItemEditorDialog(gui_db, gui_admin, catalog.get_item(gui_db.uow(), item.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    editor = dialog.packs
    qtbot.keyClicks(editor.name, "case")
    qtbot.keyClicks(editor.factor, "12")
    qtbot.keyClicks(editor.code, "4012345678901")
    editor.purchase.setChecked(True)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert dialog.error_text("packs") == ""
    assert [editor.table.item(0, c).text() for c in range(4)] == ["case", "12 pcs", "4012345678901", "yes"]
    assert editor.name.text() == "" and dialog.changed
    assert scanning.resolve_scan(gui_db.uow(), "4012345678901").pack is not None

    qtbot.keyClicks(editor.name, "half case")
    qtbot.keyClicks(editor.factor, "6.5")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert dialog.error_text("packs") == 'Contains "6.5" must be a whole number of pcs'
    assert editor.name.text() == "half case"  # kept, so the person can correct it
    save_artifact(dialog, "item-editor-packs.png")

    editor.table.setCurrentCell(0, 0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.table.rowCount() == 0
    assert packs.packs_of(gui_db.uow(), item.id) == []


def test_a_new_item_says_packs_come_after_saving(qtbot, gui_db, gui_admin):
    dialog = ItemEditorDialog(gui_db, gui_admin, None)
    qtbot.addWidget(dialog)
    assert not dialog.packs.add_button.isEnabled()
    assert dialog.packs.table.rowCount() == 0
