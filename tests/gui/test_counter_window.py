"""The counter inside the main window: the wedge finds the counter from anywhere but a text field."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from stockdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

EAN = "4006381333931"


def burst(text, gap_ms=6, start=50_000):
    for number, char in enumerate(text + "\r"):
        key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char.upper()))
        text_of_key = "" if char == "\r" else char
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text_of_key)
        event.setTimestamp(start + number * gap_ms)
        QApplication.sendEvent(QApplication.focusWidget(), event)


@pytest.fixture
def window(qtbot, gui_db, gui_admin, gui_store):
    tea = catalog.create_item(
        gui_db.uow(), gui_admin, sku="TEA-1", name="Green tea", sell_price="3.50", barcodes=[EAN]
    )
    stock.receive(gui_db.uow(), gui_admin, item_id=tea.id, store_id=gui_store.id, quantity="12")
    main = MainWindow(gui_db, gui_admin)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    return main


def test_a_wedge_scan_on_the_items_table_brings_up_the_counter_with_the_item(window, save_artifact):
    window.show_page(window.items_page)
    window.table.setFocus()
    burst(EAN)
    assert window.current_page() is window.counter.page
    assert window.counter.page.card.name.text() == "Green tea"
    assert window.counter.page.card.on_hand_text("MAIN") == "12"
    save_artifact(window, "main-window-counter.png")


def test_a_scan_into_the_items_search_box_stays_a_search(window):
    window.show_page(window.items_page)
    window.search.setFocus()
    burst(EAN)
    assert window.current_page() is window.items_page
    assert window.search.text() == EAN


def test_the_counter_page_is_a_tab_with_its_shortcut(window):
    action = window.page_actions[window.counter.page]
    assert action.shortcut().toString() == "Ctrl+1"
    action.trigger()
    assert window.current_page() is window.counter.page


def test_closing_the_window_stops_the_scanner_dock(qtbot, tmp_path, window):
    from tests.support.barcode_video import write_video

    dock = window.counter.dock
    dock.start(str(write_video(tmp_path / "long.avi", [("EAN13", EAN)] * 20)))
    qtbot.waitUntil(lambda: dock.last_frame is not None, timeout=10_000)
    window.close()
    assert not dock.is_running()
