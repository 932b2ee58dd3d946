"""Management pages: Qt model rules, ledger paging and reversal, category drops, users for admins only."""

from decimal import Decimal

import pytest
from PySide6.QtCore import QMimeData, Qt

from stockdesk.domain.errors import PermissionDenied
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, item_query, organisation
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.inventory import stock
from stockdesk.ui.pages.categories_page import ID_ROLE, MIME, CategoriesPage
from stockdesk.ui.pages.ledger_page import AuditPage, LedgerPage
from stockdesk.ui.pages.organisation_pages import StoresPage, SuppliersPage
from stockdesk.ui.pages.users_page import UsersPage
from tests.conftest import make_clerk

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def clerk(gui_db, gui_admin, gui_store):
    return make_clerk(gui_db, gui_admin, gui_store.id, email="carl@example.com")


@pytest.fixture
def hammer(gui_db, gui_admin, gui_store):
    item = catalog.create_item(gui_db.uow(), gui_admin, sku="HAM-1", name="Claw hammer")
    for quantity in range(1, 6):
        stock.receive(gui_db.uow(), gui_admin, item_id=item.id, store_id=gui_store.id, quantity=quantity)
    stock.sell(gui_db.uow(), gui_admin, item_id=item.id, store_id=gui_store.id, quantity=2)
    return item


def texts(model, column):
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_list_models_follow_qts_rules(qtbot, qtmodeltester, gui_db, gui_admin, gui_store, hammer):
    organisation.create_supplier(gui_db.uow(), gui_admin, name="Acme")
    organisation.create_category(gui_db.uow(), gui_admin, name="Hand tools")
    # What each page must list for this shop: one store, one supplier, six movements (five receipts and
    # a sale), the admin, one category; the audit log has at least the item and the movements.
    expected_rows = {StoresPage: 1, SuppliersPage: 1, LedgerPage: 6, UsersPage: 1, CategoriesPage: 1}
    for kind in (*expected_rows, AuditPage):
        page = kind(gui_db, gui_admin)
        qtbot.addWidget(page)
        qtmodeltester.check(page.model)
        while page.model.canFetchMore(page.model.index(-1, -1)):
            page.model.fetchMore(page.model.index(-1, -1))
        if kind is AuditPage:
            assert page.model.rowCount() >= 2, kind.__name__
        else:
            assert page.model.rowCount() == expected_rows[kind], kind.__name__


def test_a_clerk_sees_users_disabled_and_the_service_refuses(qtbot, gui_db, clerk):
    page = UsersPage(gui_db, clerk)
    qtbot.addWidget(page)
    assert not page.isEnabled() and page.model.rowCount() == 0
    assert "administrator" in page.message.text()
    with pytest.raises(PermissionDenied):
        users.list_users(gui_db.uow(), clerk)


def test_the_ledger_reads_newest_first_a_page_at_a_time(qtbot, gui_db, gui_admin, hammer):
    page = LedgerPage(gui_db, gui_admin)
    qtbot.addWidget(page)
    page.model._page_size = 2  # a tiny page: scrolling must ask for the rest
    page.model.reload()
    assert texts(page.model, 5) == ["-2", "+5"]
    assert page.model.canFetchMore()
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert texts(page.model, 5) == ["-2", "+5", "+4", "+3", "+2", "+1"]
    page.kind.setCurrentIndex(page.kind.findData("sale"))
    assert texts(page.model, 5) == ["-2"]


def test_reversing_a_sale_with_a_reason_adds_the_opposite_movement(
    qtbot, gui_db, gui_admin, gui_store, hammer
):
    page = LedgerPage(gui_db, gui_admin)
    qtbot.addWidget(page)
    page.view.setCurrentIndex(page.model.index(0, 0))
    page.ask_reason = lambda _title: "rang up twice"
    page.page_actions["reverse"].trigger()
    assert page.message.text() == ""
    assert texts(page.model, 5)[:2] == ["+2", "-2"]
    in_store = item_query.item_page(gui_db.uow(), ItemFilter(store_id=gui_store.id))
    assert [(row.sku, row.on_hand) for row in in_store] == [("HAM-1", 15)]
    audit = AuditPage(gui_db, gui_admin)
    qtbot.addWidget(audit)
    assert texts(audit.model, 2)[0] == "stock.reverse"
    details = texts(audit.model, 4)
    assert details[0] == "Reversed a stock movement: rang up twice."  # a sentence, not {"reason": ...}
    assert "Created item HAM-1." in details
    assert not any(d.startswith("{") for d in details)


def test_a_reverse_without_a_reason_is_refused_on_the_page(qtbot, gui_db, gui_admin, hammer):
    page = LedgerPage(gui_db, gui_admin)
    qtbot.addWidget(page)
    page.view.setCurrentIndex(page.model.index(0, 0))
    page.ask_reason = lambda _title: "  "
    page.page_actions["reverse"].trigger()
    assert "reason" in page.message.text()
    assert page.model.rowCount() == 6


def drop(model, category_id, onto):
    data = QMimeData()
    data.setData(MIME, str(category_id).encode())
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, onto)


def test_dropping_a_category_onto_another_re_parents_it_and_cycles_are_refused(qtbot, gui_db, gui_admin):
    tools = organisation.create_category(gui_db.uow(), gui_admin, name="Tools")
    saws = organisation.create_category(gui_db.uow(), gui_admin, name="Saws")
    page = CategoriesPage(gui_db, gui_admin)
    qtbot.addWidget(page)
    model = page.tree_model
    assert texts(model, 0) == ["Saws", "Tools"]
    tools_index = next(model.index(r, 0) for r in range(2) if model.index(r, 0).data(ID_ROLE) == tools.id)
    drop(model, saws.id, tools_index)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, 0).data() == "Tools" and model.index(0, 0, model.index(0, 0)).data() == "Saws"
    assert {c.name: c.parent_id for c in organisation.list_categories(gui_db.uow())}["Saws"] == tools.id
    drop(model, tools.id, model.index(0, 0, model.index(0, 0)))  # Tools under its own child
    qtbot.waitUntil(lambda: page.message.text() != "")
    assert {c.name: c.parent_id for c in organisation.list_categories(gui_db.uow())}["Tools"] is None


def test_the_dashboard_shows_the_valuation_reports_value_and_the_counts(qtbot, gui_db, gui_admin, gui_store,
                                                                          hammer):
    from stockdesk.services.exchange import report_queries
    from stockdesk.ui.pages.dashboard import DashboardPage

    catalog.update_item(gui_db.uow(), gui_admin, hammer.id, cost_price="2.50", reorder_point="20")
    page = DashboardPage(gui_db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.is_loaded, timeout=10_000)
    value = report_queries.stock_value(gui_db.uow(), store_id=gui_store.id)
    assert value == Decimal("32.50") and "MAIN — Main store: <b>$32.50</b>" in page.values.text()  # 13 x 2.50
    assert ">1</b> items" in page.low_stock.text() and ">0</b> items" in page.idle.text()
    assert page.movers.rowCount() == 1 and page.movers.item(0, 2).text() == "2"


def test_a_suppliers_postal_address_is_typed_on_several_lines_and_kept(qtbot, gui_db, gui_admin):
    from stockdesk.ui.pages.organisation_pages import SupplierDialog

    dialog = SupplierDialog(gui_db, gui_admin, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Werkzeug Nord")
    dialog.address.setFocus()
    qtbot.keyClicks(dialog.address, "Hafenstraße 12")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)  # a new line, not Save
    qtbot.keyClicks(dialog.address, "20457 Hamburg")
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    [supplier] = organisation.list_suppliers(gui_db.uow())
    assert supplier.address == "Hafenstraße 12\n20457 Hamburg"
    again = SupplierDialog(gui_db, gui_admin, supplier)
    qtbot.addWidget(again)
    assert again.address.toPlainText() == "Hafenstraße 12\n20457 Hamburg"
