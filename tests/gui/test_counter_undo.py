"""The counter never shows a stale item, and Ctrl+Z undoes this shift's last movement at this desk."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update

from stockdesk.db.models import StockMovement
from stockdesk.domain.errors import ValidationError
from stockdesk.services.accounts import audit_query
from stockdesk.services.inventory import stock, undo
from tests.gui.test_counter_page import EAN, on_hand, page, shop  # noqa: F401  (fixtures)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def scan(qtbot, page, code: str) -> None:  # noqa: F811
    qtbot.keyClicks(page.scan_field, code)
    qtbot.keyClick(page.scan_field, Qt.Key.Key_Return)


@pytest.mark.parametrize("bad", ["4006381333932", "9999999999994", "12AB"])
def test_a_refused_or_unknown_scan_clears_the_card_and_f1_sells_nothing(qtbot, page, shop, gui_db, bad):  # noqa: F811
    scan(qtbot, page, EAN)
    assert page.item is not None and page.card.sku.text()
    scan(qtbot, page, bad)
    assert page.item is None and page.card.sku.text() == "" and page.card.price.text() == ""
    assert page.banner_text()  # the red refusal stays readable
    qtbot.keyClick(page.scan_field, Qt.Key.Key_F1)
    assert on_hand(gui_db, shop["tea"], shop["main"]) == 10  # the tea scanned before is not sold
    assert page.banner_text() == "Scan an item first"


def test_ctrl_z_undoes_the_last_sale_of_the_shift_and_the_audit_log_says_so(
    qtbot, page, shop, gui_db, gui_admin  # noqa: F811
):
    scan(qtbot, page, EAN)
    qtbot.keyClick(page.scan_field, Qt.Key.Key_F1)
    qtbot.keyClick(page.scan_field, Qt.Key.Key_F1)
    assert on_hand(gui_db, shop["tea"], shop["main"]) == 8
    qtbot.keyClick(page.scan_field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert on_hand(gui_db, shop["tea"], shop["main"]) == 9
    assert page.banner_text() == "Undone: Sold 1 × TEA-1"
    assert page.card.on_hand_text("MAIN") == "9"
    reversals = audit_query.audit_page(gui_db.uow(), gui_admin, action="stock.reverse")
    assert len(reversals) == 1 and "undone at the counter" in reversals[0].details
    qtbot.keyClick(page.scan_field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.scan_field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the receipt is older
    assert on_hand(gui_db, shop["tea"], shop["main"]) == 10
    assert page.banner_text() == "Nothing to undo in this shift"


def test_another_desks_movement_is_refused_and_nothing_is_written(page, shop, gui_db, gui_admin):  # noqa: F811
    tea, main = shop["tea"], shop["main"]
    sale = stock.sell(gui_db.uow(), gui_admin, item_id=tea.id, store_id=main.id, quantity="2")
    with gui_db.uow() as uow:  # as if it had arrived by sync from the desk next to this one
        moved = update(StockMovement).where(StockMovement.id == sale.id)
        uow.session.execute(moved.values(origin_desk="desk-2"))
        uow.commit()
    assert undo.last_of_shift(gui_db.uow(), gui_admin, since=page.shift_start) is None
    with pytest.raises(ValidationError, match="another desk"):
        undo.undo(gui_db.uow(), gui_admin, sale.id, since=page.shift_start)
    assert on_hand(gui_db, shop["tea"], shop["main"]) == Decimal(8)
