"""Lots, use-by dates and serial numbers at the counter (issue 20): a GS1 label fills the lot in one scan,
the card shows stock per lot, sales go first-expiry-first-out, a serial is asked for and sold once."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from stockdesk.services.catalogue import catalog
from stockdesk.services.places import locations
from stockdesk.services.places.place_levels import item_places
from stockdesk.ui.counter.feedback import Beeper
from stockdesk.ui.counter.page import CounterPage
from stockdesk.ui.dialogs.item_editor import ItemEditorDialog
from stockdesk.ui.formatting import format_day
from tests.gui.test_counter_page import Keyboard, press

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

GTIN = "04006381333931"


@pytest.fixture
def counter(qtbot, qapp, gui_db, gui_admin, gui_store):
    page = CounterPage(gui_db, gui_admin, beeper=Beeper(enabled=False))
    page.resize(1280, 760)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.set_location(gui_store.id)
    from stockdesk.scanner.wedge import WedgeFilter

    wedge = WedgeFilter()
    wedge.scanned.connect(page.handle_scan)
    qapp.installEventFilter(wedge)
    yield page
    qapp.removeEventFilter(wedge)


def _places(db, item):
    return [(p.location_code, p.lot_code, p.on_hand) for p in item_places(db.uow(), item.id)]


def test_a_gs1_label_receives_its_lot_the_card_shows_lots_and_sales_take_the_first_to_expire(
    qtbot, gui_db, gui_admin, gui_store, counter, save_artifact
):
    milk = catalog.create_item(gui_db.uow(), gui_admin, sku="MILK", name="Milk 1 l", barcodes=[GTIN])
    editor = ItemEditorDialog(gui_db, gui_admin, milk)
    qtbot.addWidget(editor)
    editor.tracking.setCurrentIndex(editor.tracking.findData("expiry"))
    editor.expiry_warn_days.setText("5")
    editor.submit()
    assert (editor.item.tracking, editor.item.expiry_warn_days) == ("expiry", 5)
    locations.create_location(gui_db.uow(), gui_admin, store_id=gui_store.id, code="COOL-1")
    late = date.today() + timedelta(days=40)
    counter.scan_field.setFocus()
    Keyboard().type(f"(01){GTIN}(17){late:%y%m%d}(10)L-LATE\r", 8)  # a USB scanner's burst
    assert counter.item.sku == "MILK"
    assert counter.banner_text() == f"Lot L-LATE, use by {format_day(late)}"
    counter.quick.quantity.setText("6")
    press(counter.scan_field, Qt.Key.Key_F3)
    # A plain GTIN says no lot: the counter asks, pre-filled with the quantity.
    counter.handle_scan(GTIN)
    asked = []

    def answer(dialog):
        asked.append(dialog.quantity.text())
        dialog.place.lot.setText("L-SOON")
        soon = date.today() + timedelta(days=3)
        dialog.place.expires.setDate(soon)
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    counter.run_dialog = answer
    counter.quick.quantity.setText("4")
    press(counter.scan_field, Qt.Key.Key_F3)
    assert asked == ["4"]
    assert _places(gui_db, milk) == [("", "L-SOON", Decimal(4)), ("", "L-LATE", Decimal(6))]
    counter.quick.quantity.setText("5")
    press(counter.scan_field, Qt.Key.Key_F2)  # sell 5: the 4 of L-SOON first, then 1 of L-LATE
    assert _places(gui_db, milk) == [("", "L-LATE", Decimal(5))]
    shown = [
        counter.card.places.index(r, c).data() for r in range(counter.card.places.rowCount()) for c in (2, 4)
    ]
    assert shown == ["L-LATE", "5"] and counter.card.places_view.isVisible()
    print(save_artifact(counter, "counter_lots.png"))


def test_a_serial_item_is_sold_by_its_scanned_serial_and_never_twice(gui_db, gui_admin, gui_store, counter):
    drill = catalog.create_item(
        gui_db.uow(), gui_admin, sku="DRILL", name="Drill", barcodes=["4006381333962"], tracking="serial"
    )

    def answer(dialog):
        dialog.place.serials.setPlainText("SN-1\nSN-2")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    counter.run_dialog = answer
    counter.handle_scan("4006381333962")
    counter.quick.quantity.setText("2")
    press(counter.scan_field, Qt.Key.Key_F3)
    assert [p.lot_code for p in item_places(gui_db.uow(), drill.id)] == ["SN-1", "SN-2"]
    for _ in range(2):
        counter.handle_scan("(01)04006381333962(21)SN-2")
        assert "SN-2" in counter.banner_text()
        press(counter.scan_field, Qt.Key.Key_F1)
    assert "SN-2" in counter.banner_text() and "not in stock" in counter.banner_text()
    assert [p.lot_code for p in item_places(gui_db.uow(), drill.id)] == ["SN-1"]
