"""The log-in dialog: the first administrator of a new database, then ordinary log-ins."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from stockdesk.domain.permissions import Role
from stockdesk.services.accounts import login_throttle, users
from stockdesk.ui.login import LoginDialog

# The offscreen platform says this whenever a window is shown; it is not about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def dialog_for(qtbot):
    def make(db) -> LoginDialog:
        dialog = LoginDialog(db)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def fill_first_admin(qtbot, dialog, *, password="admin-pass-1", repeat="admin-pass-1"):
    qtbot.keyClicks(dialog.email, "ada@example.com")
    qtbot.keyClicks(dialog.name, "Ada Admin")
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClicks(dialog.repeat, repeat)


def test_a_new_database_asks_for_the_administrator_and_creates_it(qtbot, gui_db, dialog_for):
    dialog = dialog_for(gui_db)
    assert dialog.created_admin
    assert dialog.ok_button.text() == "Create administrator"
    fill_first_admin(qtbot, dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.role is Role.ADMIN and dialog.actor.name == "Ada Admin"
    assert (
        users.authenticate(gui_db.uow(), email="ada@example.com", password="admin-pass-1").id
        == dialog.actor.id
    )


def test_passwords_that_differ_are_refused_next_to_the_second_one(qtbot, gui_db, dialog_for):
    dialog = dialog_for(gui_db)
    fill_first_admin(qtbot, dialog, repeat="admin-pass-2")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "does not match" in dialog.error_text("repeat")
    assert not users.has_users(gui_db.uow())


def test_a_short_password_is_refused_with_the_rule(qtbot, gui_db, dialog_for):
    dialog = dialog_for(gui_db)
    fill_first_admin(qtbot, dialog, password="short", repeat="short")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "at least 8 characters" in dialog.error_text("password")
    assert dialog.email.text() == "ada@example.com"  # input kept
    assert not users.has_users(gui_db.uow())


def test_enter_in_the_password_field_logs_in(qtbot, gui_db, gui_admin, dialog_for):
    dialog = dialog_for(gui_db)
    assert not dialog.created_admin and dialog.ok_button.text() == "Log in"
    qtbot.keyClicks(dialog.email, "ADMIN@example.com")
    qtbot.keyClicks(dialog.password, "admin-pass-1")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.id == gui_admin.id


def test_a_wrong_password_says_so_and_clears_the_password(qtbot, gui_db, gui_admin, dialog_for):
    dialog = dialog_for(gui_db)
    qtbot.keyClicks(dialog.email, "admin@example.com")
    qtbot.keyClicks(dialog.password, "guess-guess")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.general_error_text() == "Wrong e-mail or password."
    assert dialog.password.text() == ""


def test_after_five_failures_the_dialog_says_how_long_to_wait(qtbot, gui_db, gui_admin, dialog_for):
    dialog = dialog_for(gui_db)
    qtbot.keyClicks(dialog.email, "admin@example.com")
    for _ in range(login_throttle.FREE_TRIES):
        qtbot.keyClicks(dialog.password, "guess-guess")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "try again in 60 s" in dialog.general_error_text()
    qtbot.keyClicks(dialog.password, "admin-pass-1")  # even the right password waits
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "try again in" in dialog.general_error_text()
    assert dialog.actor is None
