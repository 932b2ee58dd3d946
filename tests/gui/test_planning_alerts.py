"""Alerts page and badge: a sale crossing the reorder point shows up; acknowledging or snoozing clears it."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.services.planning import alert_recipients, alerts
from stockdesk.ui.planning.alert_settings import AlertSettingsDialog
from stockdesk.ui.planning.alerts_page import AlertBadge, AlertsPage
from tests.conftest import make_clerk
from tests.gui.planning_fixtures import shop
from tests.support.qt_selection import select_row

__all__ = ["shop"]  # fixture
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def button(widget, text):
    found = [b for b in widget.findChildren(QPushButton) if b.text().replace("&", "") == text]
    assert len(found) == 1, [b.text() for b in widget.findChildren(QPushButton)]
    return found[0]


def skus(model):
    return [model.index(row, 1).data() for row in range(model.rowCount())]


def test_the_alert_and_recipient_models_follow_qts_rules(
    qtbot, qtmodeltester, gui_db, gui_admin, gui_store, shop
):
    stock.sell(gui_db.uow(), gui_admin, item_id=shop.hammer.id, store_id=gui_store.id, quantity=8)
    alert_recipients.add_recipient(gui_db.uow(), gui_admin, email="boss@example.com", store_id=gui_store.id)
    page = AlertsPage(gui_db, gui_admin)
    dialog = AlertSettingsDialog(gui_db, gui_admin)
    qtbot.addWidget(page)
    qtbot.addWidget(dialog)
    assert page.model.rowCount() == 1 and dialog.model.rowCount() == 1
    qtmodeltester.check(page.model)
    qtmodeltester.check(dialog.model)


def test_a_sale_crossing_the_reorder_point_raises_an_alert_and_acknowledging_clears_it(
    qtbot, gui_db, gui_admin, gui_store, shop, save_artifact
):
    page = AlertsPage(gui_db, gui_admin)
    badge = AlertBadge(gui_db, gui_admin)
    qtbot.addWidget(page)
    qtbot.addWidget(badge)
    page.resize(1100, 420)
    page.show()
    assert page.model.rowCount() == 0 and badge.isHidden()

    stock.sell(gui_db.uow(), gui_admin, item_id=shop.hammer.id, store_id=gui_store.id, quantity=8)  # 12 -> 4
    page.reload()
    badge.refresh()
    assert skus(page.model) == ["HAM-1"]
    assert page.model.index(0, 4).data() == "4" and page.model.index(0, 5).data() == "5"
    assert badge.count == 1 and "1" in badge.text()
    save_artifact(page, "planning_alerts.png")

    page.changed.connect(badge.refresh)
    select_row(page.view, 0)
    qtbot.mouseClick(button(page, "Acknowledge"), Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    assert badge.count == 0 and badge.isHidden()
    assert "Acknowledged HAM-1" in page.message.text()

    page.show_handled.setChecked(True)  # still open (stock has not recovered), shown as acknowledged
    assert skus(page.model) == ["HAM-1"] and page.model.index(0, 6).data() == "Acknowledged"


def test_snoozing_hides_the_alert_for_the_chosen_days(qtbot, gui_db, gui_admin, gui_store, shop):
    stock.sell(gui_db.uow(), gui_admin, item_id=shop.hammer.id, store_id=gui_store.id, quantity=8)
    page = AlertsPage(gui_db, gui_admin)
    qtbot.addWidget(page)
    select_row(page.view, 0)
    page.snooze_days.setValue(3)
    qtbot.mouseClick(button(page, "Snooze"), Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    assert alerts.badge_count(gui_db.uow()) == 0
    page.show_handled.setChecked(True)
    assert page.model.index(0, 6).data().startswith("Snoozed until")


def test_a_clerk_sees_only_alerts_of_their_stores(qtbot, gui_db, gui_admin, gui_store, shop):
    from stockdesk.services.catalogue import organisation

    branch = organisation.create_store(gui_db.uow(), gui_admin, code="BR", name="Branch")
    stock.receive(gui_db.uow(), gui_admin, item_id=shop.hammer.id, store_id=branch.id, quantity=6)
    stock.sell(gui_db.uow(), gui_admin, item_id=shop.hammer.id, store_id=branch.id, quantity=3)
    clerk = make_clerk(gui_db, gui_admin, gui_store.id, email="carl@example.com")
    page = AlertsPage(gui_db, clerk)
    badge = AlertBadge(gui_db, clerk)
    qtbot.addWidget(page)
    qtbot.addWidget(badge)
    assert page.model.rowCount() == 0 and badge.count == 0  # the branch's alert is not theirs
    assert not page.page_actions["settings"].isEnabled()


def test_recipients_are_added_and_a_bad_address_is_refused_by_name(qtbot, gui_db, gui_admin, gui_store):
    dialog = AlertSettingsDialog(gui_db, gui_admin)
    qtbot.addWidget(dialog)
    dialog.email.setText("not an address")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 0
    assert any("not an address" in m for m in dialog.problems.messages())

    dialog.email.setText("boss@example.com")
    dialog.store.setCurrentIndex(dialog.store.findText("MAIN"))
    dialog.mode.setCurrentIndex(dialog.mode.findData("digest"))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.problems.messages() == []
    assert [(r.email, r.mode, r.store_id) for r in alert_recipients.list_recipients(gui_db.uow())] == [
        ("boss@example.com", "digest", gui_store.id)
    ]
    assert dialog.model.index(0, 3).data() == "Daily digest"

    select_row(dialog.table, 0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert alert_recipients.list_recipients(gui_db.uow()) == []


def test_lots_expiring_soon_are_listed_below_the_low_stock_alerts(
    qtbot, gui_db, gui_admin, gui_store, save_artifact
):
    milk = catalog.create_item(gui_db.uow(), gui_admin, sku="MILK", name="Milk", tracking="expiry")
    for lot, days in (("L-OLD", -1), ("L-NEW", 4), ("L-FAR", 90)):
        place = PlaceChoice(lot=lot, expires_on=date.today() + timedelta(days=days))
        stock.receive(
            gui_db.uow(), gui_admin, item_id=milk.id, store_id=gui_store.id, quantity=3, place=place
        )
    page = AlertsPage(gui_db, gui_admin)
    qtbot.addWidget(page)
    page.resize(1100, 520)
    page.show()
    model = page.expiry_model
    rows = [[model.index(r, c).data() for c in (1, 3, 4, 6, 7)] for r in range(model.rowCount())]
    assert rows == [["MILK", "L-OLD", "MAIN", "3", "Expired"], ["MILK", "L-NEW", "MAIN", "3", "in 4 days"]]
    assert "(2)" in page.expiry_title.text()
    save_artifact(page, "planning_alerts_expiry.png")

    dialog = AlertSettingsDialog(gui_db, gui_admin)  # the shop's default: 30 days, down to 3
    qtbot.addWidget(dialog)
    assert dialog.expiry_days.value() == 30
    dialog.expiry_days.setValue(3)
    qtbot.mouseClick(dialog.save_planning_button, Qt.MouseButton.LeftButton)
    assert dialog.problems.messages() == []
    page.reload()
    assert [model.index(r, 3).data() for r in range(model.rowCount())] == ["L-OLD"]  # expired: always
