"""The main window driven the way a clerk uses it: keys, typing, buttons; dialogs never block."""

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QThread
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from stockdesk.services.catalogue import catalog, item_query, organisation
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.inventory import stock
from stockdesk.ui.app import load_demo, save_screenshot
from stockdesk.ui.dialogs.item_editor import ItemEditorDialog
from stockdesk.ui.dialogs.movement import MovementDialog
from stockdesk.ui.login import LoginDialog
from stockdesk.ui.main_window import MainWindow
from stockdesk.ui.models.items import ON_HAND_COLUMN
from tests.conftest import make_clerk

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

Driver = Callable[[QDialog], None]


class Dialogs:
    """Stands in for `exec()`: shows each dialog, lets the test drive it, reports whether it was accepted."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.drivers: list[Driver] = []
        self.seen: list[QDialog] = []

    def __call__(self, dialog: QDialog) -> bool:
        self.seen.append(dialog)
        dialog.show()
        self.qtbot.waitExposed(dialog)
        activate(self.qtbot, dialog)  # exec() would make it the active window
        self.drivers.pop(0)(dialog)
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        dialog.close()
        activate(self.qtbot, dialog.parentWidget())
        return accepted


def activate(qtbot, window) -> None:
    """Make `window` the active one, so its shortcuts work (offscreen does not do it on show)."""
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)


def click_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def retype(qtbot, line_edit, text: str) -> None:
    line_edit.clear()
    qtbot.keyClicks(line_edit, text)


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    """Window layout goes to this test's folder, never to the user's settings nor the next test's."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def open_window(qtbot):
    def make(db, actor) -> tuple[MainWindow, Dialogs]:
        window = MainWindow(db, actor)
        qtbot.addWidget(window)
        dialogs = Dialogs(qtbot)
        window.run_dialog = dialogs
        window.show_page(window.items_page)  # the dashboard is the first page
        window.show()
        qtbot.waitExposed(window)
        activate(qtbot, window)
        return window, dialogs

    return make


def create_admin_through_login(qtbot, db):
    login = LoginDialog(db)
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.email, "ada@example.com")
    qtbot.keyClicks(login.name, "Ada Admin")
    qtbot.keyClicks(login.password, "admin-pass-1")
    qtbot.keyClicks(login.repeat, "admin-pass-1")
    qtbot.mouseClick(login.ok_button, Qt.MouseButton.LeftButton)
    assert login.result() == QDialog.DialogCode.Accepted
    return login.actor


def test_from_an_empty_database_an_item_is_created_received_and_sold(
    qtbot, gui_db, open_window, save_artifact
):
    admin = create_admin_through_login(qtbot, gui_db)
    store = organisation.create_store(gui_db.uow(), admin, code="MAIN", name="Main store")
    window, dialogs = open_window(gui_db, admin)
    assert window.model.rowCount() == 0
    assert "Ada Admin (admin)" in window.user_label.text() and "SQLite" in window.db_label.text()

    def fill_item(dialog: ItemEditorDialog) -> None:
        qtbot.keyClicks(dialog.sku, "HAM-16")
        qtbot.keyClicks(dialog.name, "Claw hammer 16 oz")
        retype(qtbot, dialog.sell_price, "12.50")
        retype(qtbot, dialog.cost_price, "7.20")
        qtbot.keyClicks(dialog.barcode_input, "4006381333931")
        qtbot.mouseClick(dialog.add_barcode_button, Qt.MouseButton.LeftButton)
        save_artifact(dialog, "item_editor.png")
        click_ok(qtbot, dialog)

    def receive_10(dialog: MovementDialog) -> None:
        assert dialog.store.currentText() == "MAIN — Main store"
        qtbot.keyClicks(dialog.quantity, "10")
        qtbot.keyClicks(dialog.unit_cost, "7.20")
        qtbot.keyClicks(dialog.reference, "PO-1")
        click_ok(qtbot, dialog)

    def sell_3(dialog: MovementDialog) -> None:
        qtbot.keyClicks(dialog.quantity, "3")
        qtbot.keyClick(dialog.quantity, Qt.Key.Key_Return)  # Enter posts, like the Sell button

    dialogs.drivers = [fill_item, receive_10, sell_3]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == 1 and window.current_item.sku == "HAM-16"
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert [type(d) for d in dialogs.seen] == [ItemEditorDialog, MovementDialog, MovementDialog]

    assert window.table.model().index(0, ON_HAND_COLUMN).data() == "7"
    assert window.table.currentIndex().row() == 0
    assert window.panel.on_hand_in(store.id) == "7"
    assert "<b>7</b>" in window.panel.total.text()
    moves = [(m.kind, m.quantity) for m in window.panel.movements.rows()]
    assert moves == [("sale", -3), ("receive", 10)]
    assert window.panel.movements.index(0, 3).data() == "-3"
    assert catalog.find_item(gui_db.uow(), "4006381333931").sku == "HAM-16"
    save_artifact(window, "main_window.png")


def test_a_bad_price_names_the_price_field_and_creates_nothing(
    qtbot, gui_db, gui_admin, open_window, save_artifact
):
    window, dialogs = open_window(gui_db, gui_admin)
    messages: list[str] = []

    def bad_price(dialog: ItemEditorDialog) -> None:
        qtbot.keyClicks(dialog.sku, "NAIL-50")
        qtbot.keyClicks(dialog.name, "Nails 50 mm")
        retype(qtbot, dialog.sell_price, "12,5O")
        click_ok(qtbot, dialog)
        assert dialog.isVisible()  # still open, input intact
        assert (dialog.sku.text(), dialog.sell_price.text()) == ("NAIL-50", "12,5O")
        messages.append(dialog.error_text("sell_price"))
        save_artifact(dialog, "item_editor_error.png")
        dialog.reject()

    dialogs.drivers = [bad_price]
    window.actions["new_item"].trigger()
    assert messages == ['Sell price "12,5O" is not a number']
    assert item_query.count_items(gui_db.uow(), ItemFilter()) == 0
    assert window.model.rowCount() == 0


def test_selling_more_than_on_hand_is_refused_under_the_quantity(
    qtbot, gui_db, gui_admin, gui_store, open_window
):
    item = catalog.create_item(gui_db.uow(), gui_admin, sku="TAPE", name="Tape")
    stock.receive(gui_db.uow(), gui_admin, item_id=item.id, store_id=gui_store.id, quantity="2")
    window, dialogs = open_window(gui_db, gui_admin)
    window.select_row(0)
    refusals: list[str] = []

    def sell_5(dialog: MovementDialog) -> None:
        qtbot.keyClicks(dialog.quantity, "5")
        click_ok(qtbot, dialog)
        refusals.append(dialog.error_text("quantity"))
        dialog.reject()

    dialogs.drivers = [sell_5]
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert refusals == ["Only 2 on hand in MAIN (5 asked for)"]
    assert window.table.model().index(0, ON_HAND_COLUMN).data() == "2"


def test_ctrl_f_focuses_the_search_and_typing_filters_the_table(qtbot, gui_db, gui_admin, open_window):
    for sku, name in (("HAM-16", "Claw hammer"), ("SAW-1", "Hand saw"), ("HAM-20", "Sledge hammer")):
        catalog.create_item(gui_db.uow(), gui_admin, sku=sku, name=name)
    window, _dialogs = open_window(gui_db, gui_admin)
    window.table.setFocus()
    assert QApplication.focusWidget() is window.table
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search
    qtbot.keyClicks(window.search, "hammer")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert window.current_item.sku == "HAM-16"  # the first match is selected, its stock shown
    assert window.panel.title.text().startswith("HAM-16")


def click_header(qtbot, window, column: int) -> None:
    header = window.table.horizontalHeader()
    position = QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)


def test_header_clicks_sort_by_the_column_in_the_database(qtbot, gui_db, gui_admin, open_window):
    for sku, name in (("A-1", "Zinc plate"), ("B-1", "Anchor bolt"), ("C-1", "Mallet")):
        catalog.create_item(gui_db.uow(), gui_admin, sku=sku, name=name, barcodes=[f"CODE-{sku}"])
    window, _dialogs = open_window(gui_db, gui_admin)

    def names() -> list[str]:
        return [window.model.index(row, 1).data() for row in range(window.model.rowCount())]

    assert names() == ["Zinc plate", "Anchor bolt", "Mallet"]  # by SKU, ascending, on opening
    click_header(qtbot, window, 1)
    assert names() == ["Anchor bolt", "Mallet", "Zinc plate"]
    click_header(qtbot, window, 1)
    assert names() == ["Zinc plate", "Mallet", "Anchor bolt"]
    click_header(qtbot, window, 2)  # Barcode: sorted in SQL too (first barcode of each item)
    assert names() == ["Zinc plate", "Anchor bolt", "Mallet"]  # CODE-A-1, CODE-B-1, CODE-C-1
    assert window.table.horizontalHeader().sortIndicatorSection() == 2


def test_a_clerk_moves_stock_only_in_their_store_and_cannot_edit_others_items(
    qtbot, gui_db, gui_admin, gui_store, open_window
):
    organisation.create_store(gui_db.uow(), gui_admin, code="BR", name="Branch")
    catalog.create_item(gui_db.uow(), gui_admin, sku="GLUE", name="Glue")
    clerk = make_clerk(gui_db, gui_admin, gui_store.id, email="carl@example.com")
    window, dialogs = open_window(gui_db, clerk)
    window.select_row(0)
    assert not window.actions["edit_item"].isEnabled() and not window.actions["archive_item"].isEnabled()
    assert window.actions["receive"].isEnabled() and window.actions["new_item"].isEnabled()
    stores: list[list[str]] = []
    dialogs.drivers = [
        lambda d: (stores.append([d.store.itemText(i) for i in range(d.store.count())]), d.reject())
    ]
    window.actions["receive"].trigger()
    assert stores == [["MAIN — Main store"]]


def test_enter_on_a_row_edits_the_item_and_the_table_shows_the_change(qtbot, gui_db, gui_admin, open_window):
    catalog.create_item(gui_db.uow(), gui_admin, sku="SAW-1", name="Hand saw", sell_price="9")
    window, dialogs = open_window(gui_db, gui_admin)
    window.select_row(0)
    window.table.setFocus()

    def rename(dialog: ItemEditorDialog) -> None:
        assert (dialog.sku.text(), dialog.sell_price.text()) == ("SAW-1", "9.00")
        retype(qtbot, dialog.name, "Hand saw 550 mm")
        dialog.barcode_input.setFocus()
        qtbot.keyClicks(dialog.barcode_input, "4006381333931")
        qtbot.keyClick(dialog.barcode_input, Qt.Key.Key_Return)  # adds the code, does not save
        assert dialog.isVisible() and dialog.barcode_codes() == ["4006381333931"]
        click_ok(qtbot, dialog)

    dialogs.drivers = [rename]
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert len(dialogs.seen) == 1
    assert window.model.index(0, 1).data() == "Hand saw 550 mm"
    assert window.model.index(0, 2).data() == "4006381333931"
    assert window.panel.title.text() == "SAW-1 — Hand saw 550 mm"


def test_demo_data_loads_off_the_gui_thread(qtbot, gui_db, gui_admin, monkeypatch):
    threads: list[bool] = []

    def demo(db) -> None:
        threads.append(QThread.currentThread() is QApplication.instance().thread())
        organisation.create_store(db.uow(), gui_admin, code="DEMO", name="Demo store")

    load_demo(gui_db, demo)
    assert threads == [False]
    assert [s.code for s in organisation.list_stores(gui_db.uow())] == ["DEMO"]

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    load_demo(gui_db, lambda db: organisation.create_store(db.uow(), gui_admin, code="DEMO", name="Again"))
    assert warnings and "already the code" in warnings[0]


def test_the_screenshot_shows_the_window_with_the_first_item(gui_db, gui_admin, gui_store, tmp_path, qapp):
    catalog.create_item(gui_db.uow(), gui_admin, sku="HAM-16", name="Claw hammer")
    path = tmp_path / "shot" / "window.png"
    save_screenshot(gui_db, gui_admin, path)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1280, 760)
