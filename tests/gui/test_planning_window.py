"""Planning in the main window: its pages, the alert badge following sales made anywhere, and the e-mail
worker that lives and dies with the window (a sent purchase order reaches a real SMTP server)."""

import pytest
from PySide6.QtCore import QSettings, Qt

from stockdesk.config import Config, ConfigStore, SmtpConfig
from stockdesk.services.inventory import stock
from stockdesk.services.planning import alerts
from stockdesk.ui.main_window import MainWindow
from tests.gui.planning_fixtures import shop
from tests.support.qt_selection import select_row
from tests.support.smtp import SmtpServer

__all__ = ["shop"]  # fixture
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def window(qtbot, gui_db, gui_admin, shop):
    window = MainWindow(gui_db, gui_admin)
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_planning_pages_are_in_the_go_menu_and_the_badge_follows_sales(
    qtbot, window, gui_db, gui_admin, gui_store, shop, save_artifact
):
    planning = window.planning
    titles = [a.text() for a in window._go_menu.actions()]
    assert {"Alerts", "Reorder", "Purchase orders", "Stocktake"} <= set(titles)
    assert window.page_actions[planning.stocktake_tab].shortcut().toString() == "Alt+4"
    assert planning.badge.isHidden()
    tabs = (planning.alerts_tab, planning.reorder_tab, planning.orders_tab, planning.stocktake_tab)
    assert not any(tab.is_built for tab in tabs)  # built when first shown, not with the window

    stock.sell(gui_db.uow(), gui_admin, item_id=shop.hammer.id, store_id=gui_store.id, quantity=8)
    qtbot.waitUntil(lambda: planning.badge.count == 1, timeout=5_000)  # heard through the commit hook
    assert planning.badge.isVisible() and "1" in planning.badge.text()
    qtbot.mouseClick(planning.badge, Qt.MouseButton.LeftButton)
    assert planning.alerts_tab.is_built and not planning.orders_tab.is_built
    assert window.current_page() is planning.alerts and planning.alerts.model.rowCount() == 1
    save_artifact(window, "planning_window_alerts.png")


def test_the_mail_worker_sends_a_purchase_order_while_the_window_is_open_and_stops_with_it(
    qtbot, window, gui_db, gui_admin, gui_store, smtp, tmp_path
):
    server = SmtpConfig(host="127.0.0.1", port=smtp.port, security="none", sender="desk@example.com")
    ConfigStore().save(Config(smtp=server))  # as the settings dialog saves it
    worker = window.planning.mail
    assert worker is not None and worker._thread.is_alive()
    reorder_page, orders_page = window.planning.reorder, window.planning.orders
    window.show_page(reorder_page)
    qtbot.waitUntil(lambda: reorder_page.is_loaded, timeout=30_000)
    select_row(reorder_page.table, 0)
    reorder_page.draft_button.click()  # not a synthesised mouse click: see test_planning_reorder
    assert window.current_page() is orders_page, (
        f"selected {[x.sku for x in reorder_page.selected_lines()]}, problems "
        f"{reorder_page.problems.messages()}, status {reorder_page.status.text()!r}"
    )
    assert orders_page.order.status == "draft"

    orders_page.pdf_dir = tmp_path / "po"
    orders_page.confirm = lambda _question: True
    qtbot.mouseClick(orders_page.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(smtp.inbox.messages) == 1, timeout=15_000)  # woken by the commit
    message = smtp.inbox.messages[0]
    assert message["Subject"] == f"Purchase order {orders_page.order.number}"
    assert smtp.inbox.envelopes == [["orders@acme.example"]]
    attached = [p.get_filename() for p in message.walk() if p.get_filename()]
    assert attached == [f"{orders_page.order.number}.pdf"]

    window.close()
    assert not worker._thread.is_alive()
    assert alerts.badge_count(gui_db.uow()) == 0


def test_a_planning_page_is_built_when_its_shortcut_shows_it_and_works(qtbot, window, shop):
    stocktake_tab = window.planning.stocktake_tab
    assert not stocktake_tab.is_built
    window.page_actions[stocktake_tab].trigger()  # Alt+4
    assert stocktake_tab.is_built and window.current_page() is window.planning.stocktake
    page = window.planning.stocktake
    assert page.isVisible() and page.store.count() > 0  # its store list was read when it was built
