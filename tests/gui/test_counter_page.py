import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from stockdesk.domain.gtin import is_valid_gtin
from stockdesk.scanner.wedge import WedgeFilter
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import stock
from stockdesk.ui.counter.feedback import OK_COLOUR, Beeper
from stockdesk.ui.counter.page import CounterPage
from stockdesk.ui.dialogs.item_editor import ItemEditorDialog
from stockdesk.ui.dialogs.unknown_code import UnknownCodeDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

EAN = "4006381333931"
UPCA = "036000291452"


@pytest.fixture
def shop(gui_db, gui_admin, gui_store):
    branch = organisation.create_store(gui_db.uow(), gui_admin, code="BR", name="Branch")
    tea = catalog.create_item(
        gui_db.uow(), gui_admin, sku="TEA-1", name="Green tea", sell_price="3.50", barcodes=[EAN]
    )
    soda = catalog.create_item(
        gui_db.uow(), gui_admin, sku="SODA", name="Soda can", sell_price="1.20", barcodes=[UPCA]
    )
    stock.receive(gui_db.uow(), gui_admin, item_id=tea.id, store_id=gui_store.id, quantity="10")
    return {"main": gui_store, "branch": branch, "tea": tea, "soda": soda}


@pytest.fixture
def page(qtbot, gui_db, gui_admin, shop):
    widget = CounterPage(gui_db, gui_admin, beeper=Beeper(enabled=True))
    widget.resize(1280, 760)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.scan_field.setFocus()
    widget.set_location(shop["main"].id)
    return widget


def on_hand(db, item, store):
    return stock.on_hand_of(db.uow(), item.id, store.id)


def press(widget, key, text=""):
    qt_key = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    QApplication.sendEvent(widget, qt_key)


def test_a_scan_shows_the_item_card_in_one_step(page, shop, save_artifact):
    page.handle_scan(EAN, "EAN13")
    card = page.card
    assert card.name.text() == "Green tea"
    assert card.price.text() == "$3.50"  # the shop's currency (here the locale's)
    assert card.on_hand_text("MAIN") == "10"
    assert card.on_hand_text("BR") == "0"
    assert card.barcode.code() == EAN and card.barcode.modules()
    assert card.movements.rowCount() == 1
    assert page.beeper.played == 1
    assert page.flasher.colour == OK_COLOUR
    assert [e.text for e in page.shift.entries()] == ["TEA-1 — Green tea"]
    save_artifact(page, "counter-item.png")


def test_typing_a_sku_and_enter_in_the_scan_field_finds_the_item(qtbot, page):
    qtbot.keyClicks(page.scan_field, "soda")
    qtbot.keyClick(page.scan_field, Qt.Key.Key_Return)
    assert page.item.sku == "SODA"
    assert page.scan_field.text() == ""


def test_function_keys_sell_receive_count_and_transfer(gui_db, page, shop):
    tea, main, branch = shop["tea"], shop["main"], shop["branch"]
    page.handle_scan(EAN, "EAN13")
    press(page.scan_field, Qt.Key.Key_F1)
    assert page.banner_text() == "Sold 1 × TEA-1"
    assert on_hand(gui_db, tea, main) == 9
    page.quick.quantity.setText("3")
    press(page.scan_field, Qt.Key.Key_F2)
    assert on_hand(gui_db, tea, main) == 6
    assert page.quick.quantity.text() == ""
    page.quick.quantity.setText("4")
    press(page.scan_field, Qt.Key.Key_F3)
    assert on_hand(gui_db, tea, main) == 10
    page.quick.quantity.setText("7")
    press(page.scan_field, Qt.Key.Key_F4)
    assert on_hand(gui_db, tea, main) == 7
    page.quick.target.setCurrentIndex(page.quick.target.findData(str(branch.id)))
    page.quick.quantity.setText("2")
    press(page.scan_field, Qt.Key.Key_F5)
    assert (on_hand(gui_db, tea, main), on_hand(gui_db, tea, branch)) == (5, 2)
    assert page.card.on_hand_text("MAIN") == "5" and page.card.on_hand_text("BR") == "2"
    assert page.banner_text() == "Sent 2 × TEA-1"
    kinds = [m.kind for m in page.card.movements.rows()]
    assert kinds[:4] == ["transfer_in", "transfer_out", "count", "receive"] or kinds[:4] == [
        "transfer_out",
        "transfer_in",
        "count",
        "receive",
    ]


def test_selling_more_than_on_hand_is_shown_big_and_nothing_is_written(gui_db, page, shop):
    page.handle_scan(EAN, "EAN13")
    page.quick.quantity.setText("11")
    press(page.scan_field, Qt.Key.Key_F2)
    assert page.banner_text() == "Not enough stock: only 10 of TEA-1 in MAIN"
    assert "font-size: 22pt" in page.banner.styleSheet()
    assert on_hand(gui_db, shop["tea"], shop["main"]) == 10
    assert page.quick.quantity.text() == "11"  # kept, so the clerk can correct it


def test_a_bad_quantity_names_the_field(page):
    page.handle_scan(EAN, "EAN13")
    page.quick.quantity.setText("two")
    press(page.scan_field, Qt.Key.Key_F2)
    assert page.banner_text().startswith('Quantity "two"')


def test_a_wrong_check_digit_is_said_plainly_and_nothing_is_looked_up(page):
    page.handle_scan(EAN[:-1] + "7", "CODE128")
    assert page.item is None
    assert page.banner_text() == (
        "Wrong check digit: 4006381333937 has a wrong check digit (expected 1). Scan it again."
    )
    assert page.beeper.played == 0
    assert not page.shift.entries()[-1].ok


def test_a_gs1_element_string_finds_the_item_by_its_gtin(page):
    page.handle_scan(f"]d201{'0' + EAN}17260131\x1d10LOT-7", "DATAMATRIX")
    assert page.item.sku == "TEA-1"


def test_location_first_counting_posts_the_count_in_the_scanned_store(gui_db, page, shop):
    page.handle_scan("STORE:BR", "QRCODE")
    assert page.location_id() == shop["branch"].id
    assert page.banner_text() == "Now working in Branch (BR)"
    page.handle_scan(EAN, "EAN13")
    page.quick.quantity.setText("4")
    press(page.scan_field, Qt.Key.Key_F4)
    assert on_hand(gui_db, shop["tea"], shop["branch"]) == 4
    assert on_hand(gui_db, shop["tea"], shop["main"]) == 10


def test_unknown_code_then_f6_creates_an_item_carrying_it(gui_db, page):
    page.handle_scan("5901234123457", "EAN13")
    assert page.banner_text().startswith("Unknown code 5901234123457")
    seen = []

    def run(dialog):
        seen.append(type(dialog).__name__)
        if isinstance(dialog, UnknownCodeDialog):
            dialog.create_item()
            return dialog.result() == dialog.DialogCode.Accepted
        assert isinstance(dialog, ItemEditorDialog)
        assert dialog.barcode_codes() == ["5901234123457"]
        dialog.sku.setText("JAM")
        dialog.name.setText("Strawberry jam")
        dialog.sell_price.setText("2.40")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    page.run_dialog = run
    press(page.scan_field, Qt.Key.Key_F6)
    assert seen == ["UnknownCodeDialog", "ItemEditorDialog"]
    assert page.item.sku == "JAM"
    assert page.card.name.text() == "Strawberry jam"
    page.handle_scan("5901234123457", "EAN13")
    assert page.item.sku == "JAM"


def test_unknown_code_can_be_attached_to_an_existing_item(page):
    page.handle_scan("HAND-WRITTEN-9", "CODE128")

    def run(dialog):
        dialog.search.setText("soda")
        dialog.find_matches()
        assert dialog.matches.count() == 1
        dialog.attach()
        return dialog.result() == dialog.DialogCode.Accepted

    page.run_dialog = run
    page.resolve_unknown()
    assert page.item.sku == "SODA"
    assert page.handle_scan("HAND-WRITTEN-9").item.sku == "SODA"


class Keyboard:
    def __init__(self):
        self.ms = 5_000

    def type(self, text, gap_ms):
        for char in text:
            key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char.upper()))
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, "" if char == "\r" else char)
                event.setTimestamp(self.ms)
                QApplication.sendEvent(QApplication.focusWidget(), event)
            self.ms += gap_ms


@pytest.fixture
def wedge(qapp, page):
    wedge = WedgeFilter()
    wedge.scanned.connect(page.handle_scan)
    qapp.installEventFilter(wedge)
    yield wedge
    qapp.removeEventFilter(wedge)


def test_a_wedge_burst_in_the_quantity_field_shows_the_item_and_leaves_the_field_alone(page, wedge):
    page.quick.quantity.setFocus()
    keys = Keyboard()
    keys.type("2", 200)  # the clerk types a quantity...
    keys.type(UPCA + "\r", 8)  # ...then a USB scanner fires a burst, 8 ms a key
    assert page.item.sku == "SODA"
    assert page.quick.quantity.text() == "2"


def test_slow_typing_in_the_quantity_field_is_not_a_scan(page, wedge):
    page.quick.quantity.setFocus()
    Keyboard().type("12\r", 180)
    assert page.item is None
    assert page.shift.entries() == []
    assert page.quick.quantity.text() == "12"


def test_item_editor_shows_the_barcode_and_generates_an_in_store_ean13(qtbot, gui_db, gui_admin, shop):
    dialog = ItemEditorDialog(gui_db, gui_admin, None, barcode="5901234123457")
    qtbot.addWidget(dialog)
    assert dialog.barcode_view.code() == "5901234123457" and dialog.barcode_view.modules()
    dialog.generate_button.click()
    generated = dialog.barcode_codes()[-1]
    assert generated.startswith("20") and is_valid_gtin(generated)
    assert dialog.barcode_view.code() == generated
    dialog.generate_button.click()
    assert int(dialog.barcode_codes()[-1][2:12]) == int(generated[2:12]) + 1
    dialog.sku.setText("OWN-1")
    dialog.name.setText("Own brand")
    dialog.accept()
    assert dialog.error_text("barcode") == ""
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [b.code for b in dialog.item.barcodes][1] == generated
    assert dialog.item.sell_price == Decimal("0")


def test_a_case_barcode_receives_and_sells_whole_cases_of_pieces(
    gui_db, gui_admin, page, shop, save_artifact
):
    from stockdesk.services.catalogue import packs

    tea, main = shop["tea"], shop["main"]
    packs.add_pack(gui_db.uow(), gui_admin, tea.id, name="case", factor="12", code="04006381333962")
    page.handle_scan("04006381333962")
    assert page.item.sku == "TEA-1" and page.pack is not None
    assert "case of 12 pcs" in page.banner_text()
    page.quick.quantity.setText("2")
    press(page.scan_field, Qt.Key.Key_F3)  # receive two cases
    assert on_hand(gui_db, tea, main) == 10 + 24
    press(page.scan_field, Qt.Key.Key_F1)  # sell one case
    assert on_hand(gui_db, tea, main) == 10 + 24 - 12
    assert page.banner_text() == "Sold 1 case of 12 pcs × TEA-1"
    assert page.card.on_hand_text("MAIN") == "22"
    save_artifact(page, "counter-case.png")
    page.handle_scan(EAN, "EAN13")  # the piece again: F1 sells one piece
    assert page.pack is None
    press(page.scan_field, Qt.Key.Key_F1)
    assert on_hand(gui_db, tea, main) == 21


def test_f7_prints_the_label_of_the_case_just_scanned_or_else_of_the_item(
    qtbot, gui_db, gui_admin, page, shop, tmp_path
):
    import pypdfium2
    import zxingcpp
    from pypdf import PdfReader

    from stockdesk.services.catalogue import packs
    from stockdesk.ui.dialogs.labels_dialog import LabelsDialog

    packs.add_pack(gui_db.uow(), gui_admin, shop["tea"].id, name="case", factor="12", code="04006381333962")
    shown: list[LabelsDialog] = []
    page.run_dialog = lambda dialog: shown.append(dialog) or False
    press(page.scan_field, Qt.Key.Key_F7)
    assert shown == [] and page.banner_text() == "Scan an item first"
    page.handle_scan("04006381333962")
    press(page.scan_field, Qt.Key.Key_F7)
    [dialog] = shown
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Label for case of TEA-1"
    cells = [dialog.table.item(0, c).text() for c in range(3)]
    assert cells == ["Green tea — case × 12 pcs", "04006381333962", "42.00"]  # the case's price: 12 × 3.50
    out = tmp_path / "case.pdf"
    dialog.ask_path = lambda _parent: out
    dialog.open_file = lambda _path: True
    dialog.save_pdf()
    assert "42.00" in PdfReader(out).pages[0].extract_text()
    image = pypdfium2.PdfDocument(str(out))[0].render(scale=200 / 72).to_pil().convert("L")
    assert {r.text for r in zxingcpp.read_barcodes(image)} == {"04006381333962"}  # the case's GTIN-14
    page.handle_scan(EAN, "EAN13")  # the piece: its own label
    press(page.scan_field, Qt.Key.Key_F7)
    assert [shown[1].table.item(r, 0).text() for r in range(shown[1].table.rowCount())] == ["Green tea"]
    qtbot.addWidget(shown[1])
