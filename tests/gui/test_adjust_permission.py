"""The window mirrors the adjust permission: off (with the reason) for a clerk, on once an admin grants it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog
from stockdesk.ui.main_window import MainWindow
from stockdesk.ui.pages.users_page import UserDialog
from tests.conftest import login, make_clerk

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def window_of(qtbot, db, actor) -> MainWindow:
    window = MainWindow(db, actor)
    qtbot.addWidget(window)
    window.show_page(window.items_page)
    window.show()
    qtbot.waitExposed(window)
    window.select_row(0)
    return window


def test_a_clerk_sees_adjust_disabled_with_the_reason_until_an_admin_allows_it(
    qtbot, gui_db, gui_admin, gui_store
):
    catalog.create_item(gui_db.uow(), gui_admin, sku="NAIL", name="Nails")
    clerk = make_clerk(gui_db, gui_admin, gui_store.id, email="carl@example.com")
    window = window_of(qtbot, gui_db, clerk)
    adjust = window.actions["adjust"]
    assert window.actions["receive"].isEnabled() and not adjust.isEnabled()
    assert "need a manager" in adjust.statusTip()

    # the admin ticks "May post adjustments" in the user's dialog
    [carl] = [u for u in users.list_users(gui_db.uow(), gui_admin) if u.email == "carl@example.com"]
    dialog = UserDialog(gui_db, gui_admin, carl)
    qtbot.addWidget(dialog)
    assert dialog.may_adjust.isEnabled() and not dialog.may_adjust.isChecked()
    dialog.may_adjust.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted

    trusted = login(gui_db, "carl@example.com", "clerk-pass-1")
    window = window_of(qtbot, gui_db, trusted)
    assert window.actions["adjust"].isEnabled() and window.actions["adjust"].statusTip() == ""


def test_the_grant_box_only_applies_to_clerks(qtbot, gui_db, gui_admin):
    dialog = UserDialog(gui_db, gui_admin, None)
    qtbot.addWidget(dialog)
    assert dialog.may_adjust.isEnabled()
    dialog.role.setCurrentText("manager")
    assert not dialog.may_adjust.isEnabled()  # managers always may
