"""A template's variants in the window: attributes typed, variants generated, the stock matrix read by
size × colour and by size × store, a refusal shown in place, and the items filter by template."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

from stockdesk.services.catalogue import catalog, organisation, variants
from stockdesk.services.inventory import stock
from stockdesk.ui.dialogs.item_editor import ItemEditorDialog
from stockdesk.ui.dialogs.variants_dialog import STORES, VariantsDialog
from stockdesk.ui.widgets.filter_bar import FilterBar

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _cells(table) -> dict[tuple[str, str], str]:
    return {
        (table.verticalHeaderItem(r).text(), table.horizontalHeaderItem(c).text()): table.item(r, c).text()
        for r in range(table.rowCount())
        for c in range(table.columnCount())
    }


def test_the_variant_matrix_is_generated_and_shows_stock_per_variant_and_store(
    qtbot, gui_db, gui_admin, gui_store, save_artifact
):
    branch = organisation.create_store(gui_db.uow(), gui_admin, code="BR", name="Branch")
    shirt = catalog.create_item(gui_db.uow(), gui_admin, sku="TSHIRT", name="T-shirt", sell_price="20")
    dialog = VariantsDialog(gui_db, gui_admin, shirt)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.attributes.setItem(0, 0, QTableWidgetItem("size"))
    dialog.attributes.setItem(0, 1, QTableWidgetItem("S, M, L"))
    dialog.attributes.setItem(1, 0, QTableWidgetItem("colour"))
    dialog.attributes.setItem(1, 1, QTableWidgetItem("Red, Red"))
    qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == 'Colour "Red, Red" lists value Red twice' and not dialog.changed

    dialog.attributes.setItem(1, 1, QTableWidgetItem("Red, Blue"))
    qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "" and dialog.changed
    assert dialog.summary.text() == "6 variant(s), 6 new"
    by_sku = {v.sku: v.id for v in variants.variants_of(gui_db.uow(), shirt.id)}
    stock.receive(
        gui_db.uow(), gui_admin, item_id=by_sku["TSHIRT-M-RED"], store_id=gui_store.id, quantity="5"
    )
    stock.receive(gui_db.uow(), gui_admin, item_id=by_sku["TSHIRT-M-BLUE"], store_id=branch.id, quantity="2")
    stock.receive(gui_db.uow(), gui_admin, item_id=by_sku["TSHIRT-L-RED"], store_id=branch.id, quantity="1")
    dialog.reload()

    # Rows: size, columns: colour, all stores.
    cells = _cells(dialog.matrix)
    assert cells[("M", "Red")] == "5" and cells[("M", "Blue")] == "2" and cells[("L", "Red")] == "1"
    assert cells[("S", "Red")] == "0"
    dialog.store_choice.setCurrentIndex(dialog.store_choice.findData(str(branch.id)))
    assert _cells(dialog.matrix)[("M", "Red")] == "0" and _cells(dialog.matrix)[("M", "Blue")] == "2"
    # Columns: the stores.
    dialog.columns_choice.setCurrentIndex(dialog.columns_choice.findData(STORES))
    by_store = _cells(dialog.matrix)
    assert by_store[("M", "MAIN")] == "5" and by_store[("M", "BR")] == "2" and by_store[("L", "BR")] == "1"
    save_artifact(dialog, "variants-matrix.png")

    # The items filter lists the template; a variant's editor says whose it is.
    bar = FilterBar(gui_db)
    qtbot.addWidget(bar)
    bar.template.setCurrentIndex(bar.template.findText("TSHIRT — T-shirt"))
    assert bar.current().template_id == shirt.id
    editor = ItemEditorDialog(gui_db, gui_admin, catalog.get_item(gui_db.uow(), by_sku["TSHIRT-M-RED"]))
    qtbot.addWidget(editor)
    assert editor.variants_label.text() == "Variant of TSHIRT (size=M; colour=Red)"
