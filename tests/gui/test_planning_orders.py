"""Purchase orders page: edit a draft, send it (PDF path shown), receive part by typing and by scanning."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from stockdesk.reports.purchase_order import write_order_pdf
from stockdesk.services import mail
from stockdesk.services.planning import purchasing
from stockdesk.services.planning.purchasing import DraftLine
from stockdesk.ui.planning.orders_page import OrdersPage
from tests.gui.planning_fixtures import on_hand, shop

__all__ = ["shop"]  # fixture
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def draft(gui_db, gui_admin, gui_store, shop):
    lines = [
        DraftLine(shop.nails.id, gui_store.id, "100", "low"),
        DraftLine(shop.hammer.id, gui_store.id, "4"),
    ]
    (order,) = purchasing.create_drafts(gui_db.uow(), gui_admin, lines)
    return order


@pytest.fixture
def page(qtbot, gui_db, gui_admin, tmp_path, draft):
    page = OrdersPage(gui_db, gui_admin)
    qtbot.addWidget(page)
    page.resize(1280, 600)
    page.pdf_dir = tmp_path / "po"
    page.confirm = lambda _question: True
    page.select_order(draft.id)
    return page


def cells(model, column):
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_order_models_follow_qts_rules(page, qtmodeltester):
    assert page.orders.rowCount() == 1 and page.lines.rowCount() == 2
    qtmodeltester.check(page.orders)
    qtmodeltester.check(page.lines)


def test_a_draft_is_edited_sent_with_its_pdf_shown_and_received_in_part(
    qtbot, page, gui_db, gui_store, shop, save_artifact
):
    assert page.order.status == "draft" and page.item_code.isEnabled() and not page.scan.isEnabled()
    # change a quantity in the table, add a line by code
    index = page.lines.index(0, page.lines.ORDERED)
    assert page.lines.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert page.lines.setData(index, "120")
    page.item_code.setText("HAM-1")
    page.item_quantity.setText("6")
    qtbot.mouseClick(page.set_line_button, Qt.MouseButton.LeftButton)
    assert page.problems.messages() == []
    assert cells(page.lines, 1) == ["NAIL-50", "HAM-1"] and cells(page.lines, 3) == ["120", "6"]

    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    pdf = page.pdf_dir / f"{page.order.number}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert str(pdf) in page.notice.text()
    assert page.order.status == "sent" and not page.item_code.isEnabled() and page.scan.isEnabled()
    assert [m.subject for m in mail.pending(gui_db.uow())] == [f"Purchase order {page.order.number}"]

    # receive: type 50 nails into "Receive now", scan the hammer's barcode twice
    assert page.lines.setData(page.lines.index(0, page.lines.RECEIVE), "50")
    for _ in range(2):
        page.scan.setText("4006381333931")
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert cells(page.lines, page.lines.RECEIVE) == ["50", "2"]
    nails_before = on_hand(gui_db, shop.nails, gui_store)
    hammers_before = on_hand(gui_db, shop.hammer, gui_store)
    qtbot.mouseClick(page.receive_button, Qt.MouseButton.LeftButton)
    assert page.problems.messages() == []
    assert page.order.status == "partial" and "now partial" in page.notice.text()
    assert cells(page.lines, 4) == ["50", "2"]  # received so far
    assert on_hand(gui_db, shop.nails, gui_store) == nails_before + 50
    assert on_hand(gui_db, shop.hammer, gui_store) == hammers_before + 2
    save_artifact(page, "planning_orders.png")


def test_bad_receipt_quantities_are_all_named_and_nothing_is_received(
    qtbot, gui_db, gui_admin, page, gui_store, shop
):
    purchasing.send(gui_db.uow(), gui_admin, page.order.id, pdf_dir=page.pdf_dir, write_pdf=write_order_pdf)
    page.reload()
    page.lines.setData(page.lines.index(0, page.lines.RECEIVE), "lots")
    page.lines.setData(page.lines.index(1, page.lines.RECEIVE), "-1")
    before = on_hand(gui_db, shop.nails, gui_store)
    qtbot.mouseClick(page.receive_button, Qt.MouseButton.LeftButton)
    messages = page.problems.messages()
    assert len(messages) == 2, messages
    assert messages[0].startswith("Line 1 (NAIL-50): quantity “lots”")
    assert messages[1].startswith("Line 2 (HAM-1): quantity “-1”")
    assert on_hand(gui_db, shop.nails, gui_store) == before
    assert purchasing.get_order(gui_db.uow(), page.order.id).lines[0].received == Decimal(0)


def test_a_zero_quantity_on_a_draft_is_refused_with_its_reason(qtbot, page):
    page.item_code.setText("HAM-1")
    page.item_quantity.setText("0")
    qtbot.mouseClick(page.set_line_button, Qt.MouseButton.LeftButton)
    assert page.problems.isVisibleTo(page) and "quantity" in page.problems.messages()[0]
    assert cells(page.lines, 3) == ["100", "4"]


def test_a_line_in_the_supplier_s_cases_shows_them_and_a_scanned_case_receives_its_contents(
    qtbot, gui_db, gui_admin, gui_store, shop, tmp_path, save_artifact
):
    from stockdesk.services.catalogue import packs

    packs.add_pack(gui_db.uow(), gui_admin, shop.nails.id, name="case", factor="50", code="CASE-N50",
                   purchase=True)
    lines = [DraftLine(shop.nails.id, gui_store.id, "150")]
    (order,) = purchasing.create_drafts(gui_db.uow(), gui_admin, lines)
    purchasing.send(gui_db.uow(), gui_admin, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    page = OrdersPage(gui_db, gui_admin)
    qtbot.addWidget(page)
    page.resize(1280, 600)
    page.select_order(order.id)
    headers = [page.lines.headerData(c, Qt.Orientation.Horizontal) for c in range(page.lines.columnCount())]
    column = headers.index("Supplier's pack")
    assert cells(page.lines, column) == ["3 × case of 50 pcs"] and cells(page.lines, 3) == ["150"]
    page.scan_quantity.setText("2")
    page.scan.setText("CASE-N50")
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.problems.messages() == []
    assert cells(page.lines, page.lines.RECEIVE) == ["100"]  # two cases of 50
    before = on_hand(gui_db, shop.nails, gui_store)
    qtbot.mouseClick(page.receive_button, Qt.MouseButton.LeftButton)
    assert on_hand(gui_db, shop.nails, gui_store) == before + 100
    save_artifact(page, "planning_orders_packs.png")
