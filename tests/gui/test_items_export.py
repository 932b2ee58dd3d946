"""Filtering the items table by low stock, exporting it to CSV and reading the file back; layout memory."""

import csv

import pytest
from PySide6.QtCore import QSettings, Qt

from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from stockdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def shop(gui_db, gui_admin, gui_store):
    """Five items; two at or below their reorder point in MAIN (one of them archived: not listed)."""
    for sku, on_hand, point in (("A-1", 2, 5), ("B-1", 9, 5), ("C-1", 5, 5), ("D-1", 1, 0), ("E-1", 0, 3)):
        item = catalog.create_item(
            gui_db.uow(), gui_admin, sku=sku, name=f"Item {sku}", reorder_point=point, sell_price="1.25"
        )
        if on_hand:
            stock.receive(gui_db.uow(), gui_admin, item_id=item.id, store_id=gui_store.id, quantity=on_hand)
        if sku == "E-1":
            stock.receive(gui_db.uow(), gui_admin, item_id=item.id, store_id=gui_store.id, quantity=1)
            stock.sell(gui_db.uow(), gui_admin, item_id=item.id, store_id=gui_store.id, quantity=1)
            catalog.archive_item(gui_db.uow(), gui_admin, item.id)
    return gui_db


def open_window(qtbot, db, actor) -> MainWindow:
    window = MainWindow(db, actor)
    qtbot.addWidget(window)
    window.show_page(window.items_page)
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()  # offscreen does not activate on show; shortcuts need it
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_low_stock_filter_then_export_writes_exactly_the_rows_shown(qtbot, shop, gui_admin, tmp_path):
    window = open_window(qtbot, shop, gui_admin)
    qtbot.mouseClick(window.filter_bar.low_stock, Qt.MouseButton.LeftButton)
    assert [window.model.index(r, 0).data() for r in range(window.model.rowCount())] == ["A-1", "C-1"]
    assert window.filter_bar.count_label.text().startswith("2 of")
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    target = tmp_path / "low.csv"
    window.ask_save_path = lambda *_args: str(target)
    control_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_E, control_shift)
    with qtbot.waitSignal(window.last_export.finished, timeout=10_000) as done:
        pass
    assert done.args == [2]
    with target.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [(r["SKU"], r["On hand"], r["Reorder point"], r["Sell price"]) for r in rows] == [
        ("C-1", "5.000", "5.000", "1.2500"),
        ("A-1", "2.000", "5.000", "1.2500"),
    ]
    assert "Exported 2 items" in window.statusBar().currentMessage()


def test_the_window_remembers_sort_and_column_widths(qtbot, shop, gui_admin):
    window = open_window(qtbot, shop, gui_admin)
    window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    window.table.setColumnWidth(0, 173)
    window.close()
    again = open_window(qtbot, shop, gui_admin)
    assert again.model.sort_column == 1 and again.model.sort_order == Qt.SortOrder.DescendingOrder
    assert again.table.columnWidth(0) == 173
    assert again.model.index(0, 0).data() == "D-1"  # names descending: "Item D-1" > "Item C-1" > ...


def test_a_write_made_elsewhere_shows_in_the_table_without_a_refresh(qtbot, shop, gui_admin, gui_store):
    window = open_window(qtbot, shop, gui_admin)
    window.select_row(0)
    assert window.model.index(0, 7).data() == "2"
    a1 = window.current_item.id
    stock.receive(shop.uow(), gui_admin, item_id=a1, store_id=gui_store.id, quantity=3)  # as the counter does
    qtbot.waitUntil(lambda: window.model.index(0, 7).data() == "5")
    assert window.current_item.id == a1 and window.table.currentIndex().row() == 0


def test_export_with_pictures_writes_them_beside_the_csv_and_the_import_dialog_reads_them_back(
    qtbot, shop, gui_admin, tmp_path
):
    """The Table menu's "with pictures" export, then the window's import of the file into the same
    catalogue with one cell changed: the dialog hands the file's folder over, so relative paths work."""
    import io

    from PIL import Image

    from stockdesk.services.catalogue import pictures
    from stockdesk.ui.dialogs.import_dialog import open_import_dialog

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(out, "PNG")
    a1 = catalog.find_item(shop.uow(), "A-1")
    pictures.set_item_picture(shop.uow(), gui_admin, a1.id, out.getvalue(), "a.png")
    window = open_window(qtbot, shop, gui_admin)
    target = tmp_path / "export" / "items.csv"
    target.parent.mkdir()
    window.ask_save_path = lambda *_args: str(target)
    window.export_pictures_action.trigger()
    with qtbot.waitSignal(window.last_export.finished, timeout=10_000):
        pass
    with target.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    cells = {r["SKU"]: r["Picture"] for r in rows}
    assert cells["A-1"].startswith("items-pictures/") and (target.parent / cells["A-1"]).is_file()
    assert "items-pictures" in window.statusBar().currentMessage()

    edited = target.parent / "edited.csv"
    edited.write_text(f"SKU,Name,Picture\nB-1,Item B-1,{cells['A-1']}\n", encoding="utf-8")
    dialog = open_import_dialog(None, shop, gui_admin, edited)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.options(dry_run=False).folder == target.parent
    dialog.upsert.setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as imported:
        dialog.start_import()
    assert imported.args[0].pictures == 1
    b1 = catalog.find_item(shop.uow(), "B-1")
    assert pictures.picture_of(shop.uow(), b1.id).id == pictures.picture_of(shop.uow(), a1.id).id
    assert "Pictures set or removed: 1." in dialog.summary.text()
