"""The first-run wizard: from an empty database to the main window, through the services."""

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit, QWizard

from stockdesk.config import FileSecrets
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import stock
from stockdesk.services.maintenance.first_run import DemoSize
from stockdesk.ui.app import Shell
from stockdesk.ui.i18n import set_language
from stockdesk.ui.main_window import MainWindow
from stockdesk.ui.settings import AppSettings
from stockdesk.ui.wizard import FirstRunWizard

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TINY_DEMO = DemoSize(items=40, days=5)


@pytest.fixture
def settings(tmp_path):
    return AppSettings(tmp_path / "config", FileSecrets(tmp_path / "secrets.json"))


@pytest.fixture
def shell(gui_db, settings, qtbot):
    shell = Shell(gui_db, settings, demo_size=TINY_DEMO)
    yield shell
    shell.close()
    QApplication.setQuitOnLastWindowClosed(True)


def start_wizard(shell, qtbot) -> FirstRunWizard:
    wizard = shell.start()
    assert isinstance(wizard, FirstRunWizard)
    qtbot.waitExposed(wizard)
    return wizard


def fill_stores(wizard, *stores: tuple[str, str]) -> None:
    page = wizard.stores_page
    page.table.setRowCount(0)
    for code, name in stores:
        page.add_store(code, name)


def fill_admin(qtbot, wizard, *, password="admin-pass-1", repeat="admin-pass-1") -> None:
    page = wizard.admin_page
    qtbot.keyClicks(page.email, "ada@example.com")
    qtbot.keyClicks(page.name, "Ada Admin")
    qtbot.keyClicks(page.password, password)
    qtbot.keyClicks(page.repeat, repeat)


def click(qtbot, wizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def go_to_start_page(qtbot, wizard, stores=(("MAIN", "Main shop"), ("WH", "Warehouse")), desk="WH") -> None:
    fill_stores(wizard, *stores)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_admin(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    desk_combo = wizard.desk_page.store
    desk_combo.setCurrentIndex(desk_combo.findData(desk))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.start_page


def finish(qtbot, wizard) -> None:
    """Commit the start page, wait for the services off the GUI thread, then Finish."""
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentPage() is wizard.setup_page
    finish_button = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: wizard.setup_page.done or wizard.setup_page.failed, timeout=60_000)
    assert wizard.setup_page.done, wizard.setup_page.status.text()
    assert finish_button.isEnabled()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)


def test_the_wizard_with_demo_data_ends_in_the_main_window_logged_in_as_the_new_admin(
    qtbot, gui_db, shell, settings
):
    wizard = start_wizard(shell, qtbot)
    go_to_start_page(qtbot, wizard)
    wizard.start_page.demo.setChecked(True)
    with qtbot.waitSignal(shell.window_opened, timeout=60_000) as opened:
        finish(qtbot, wizard)
    window = opened.args[0]
    assert isinstance(window, MainWindow) and window.isVisible()
    assert window.actor.email == "ada@example.com" and window.actor.role.value == "admin"
    assert window.model.rowCount() == TINY_DEMO.items
    stores = {s.code: s for s in organisation.list_stores(gui_db.uow())}
    assert set(stores) == {"MAIN", "WH"}  # the demo stocks the owner's stores and adds none
    assert settings.load().default_store_id == str(stores["WH"].id)
    hammer = catalog.get_item(gui_db.uow(), window.model.item_id(0))
    assert all(stock.on_hand_of(gui_db.uow(), hammer.id, s.id) > 0 for s in stores.values())
    assert users.authenticate(gui_db.uow(), email="ada@example.com", password="admin-pass-1")
    settings_action = window.findChild(QAction, "settings_action")
    assert settings_action is not None and settings_action.isEnabled()


def test_starting_empty_creates_only_the_stores_and_the_admin(qtbot, gui_db, shell, settings):
    wizard = start_wizard(shell, qtbot)
    go_to_start_page(qtbot, wizard, stores=(("main", "Main shop"),), desk="MAIN")
    with qtbot.waitSignal(shell.window_opened, timeout=60_000) as opened:
        finish(qtbot, wizard)
    assert opened.args[0].model.rowCount() == 0
    assert [(s.code, s.name) for s in organisation.list_stores(gui_db.uow())] == [("MAIN", "Main shop")]
    assert settings.load().default_store_id


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_importing_a_csv_brings_its_items_and_opening_stock_in(qtbot, gui_db, shell, tmp_path):
    path = write_csv(
        tmp_path / "items.csv",
        [
            ["sku", "name", "sell_price", "category", "stock:MAIN"],
            ["SAW-1", "Hand saw", "12.50", "Tools", "4"],
            ["HAM-1", "Hammer", "9.90", "Tools", "2"],
        ],
    )
    wizard = start_wizard(shell, qtbot)
    go_to_start_page(qtbot, wizard, desk="MAIN")
    wizard.start_page.file.setText(str(path))
    assert wizard.start_page.import_csv.isChecked()
    with qtbot.waitSignal(shell.window_opened, timeout=60_000) as opened:
        finish(qtbot, wizard)
    assert opened.args[0].model.rowCount() == 2
    saw = catalog.find_item(gui_db.uow(), "SAW-1")
    assert saw.name == "Hand saw"
    assert [c.name for c in organisation.list_categories(gui_db.uow())] == ["Tools"]


def test_a_bad_file_lists_every_problem_imports_nothing_and_still_finishes(qtbot, gui_db, shell, tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        [
            ["sku", "name", "sell_price"],
            ["A-1", "Good", "1.00"],
            ["A-2", "Bad", "12,5O"],
            ["A-1", "Twin", "2"],
        ],
    )
    wizard = start_wizard(shell, qtbot)
    go_to_start_page(qtbot, wizard)
    wizard.start_page.import_csv.setChecked(True)
    wizard.start_page.file.setText(str(path))
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.setup_page.done or wizard.setup_page.failed, timeout=60_000)
    details = wizard.setup_page.details.toPlainText()
    assert "row 3" in details and "12,5O" in details
    assert "row 4" in details
    assert "not imported" in wizard.setup_page.status.text()
    assert (tmp_path / "bad-rejects.csv").exists()
    with qtbot.waitSignal(shell.window_opened, timeout=10_000) as opened:
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert opened.args[0].model.rowCount() == 0


def test_the_pages_refuse_missing_stores_duplicate_codes_and_different_passwords(qtbot, gui_db, shell):
    wizard = start_wizard(shell, qtbot)
    fill_stores(wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.stores_page
    assert "at least one store" in wizard.stores_page.error_text()
    fill_stores(wizard, ("MAIN", "Shop"), ("main", "Other shop"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert "MAIN is used twice" in wizard.stores_page.error_text()
    fill_stores(wizard, ("MAIN", "Shop"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page
    fill_admin(qtbot, wizard, repeat="admin-pass-2")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page
    assert "passwords differ" in wizard.admin_page.error_text()
    assert not users.has_users(gui_db.uow())


def test_a_first_start_with_demo_data_ends_in_a_first_sale_at_the_counter(qtbot, gui_db, shell):
    wizard = start_wizard(shell, qtbot)
    go_to_start_page(qtbot, wizard, stores=(("MAIN", "Main shop"), ("WH", "Warehouse")), desk="MAIN")
    wizard.start_page.demo.setChecked(True)
    with qtbot.waitSignal(shell.window_opened, timeout=60_000) as opened:
        finish(qtbot, wizard)
    window = opened.args[0]
    assert window.current_item is None  # nothing chosen for the person
    counter = window.counter.page
    window.show_page(counter)
    assert counter.location.currentText() == "MAIN \u2014 Main shop"  # the desk's store, as chosen
    item = catalog.get_item(gui_db.uow(), window.model.item_id(0))
    main = next(s for s in organisation.list_stores(gui_db.uow()) if s.code == "MAIN")
    before = stock.on_hand_of(gui_db.uow(), item.id, main.id)
    qtbot.keyClicks(counter.scan_field, item.sku)
    qtbot.keyClick(counter.scan_field, Qt.Key.Key_Return)
    assert counter.card.isVisible() and counter.item is not None and counter.item.id == item.id
    qtbot.keyClick(counter.scan_field, Qt.Key.Key_F1)  # sell one
    assert counter.banner_text() == f"Sold 1 \u00d7 {item.sku}"
    assert stock.on_hand_of(gui_db.uow(), item.id, main.id) == before - 1


def type_into_open_cell(qtbot, table, text: str) -> None:
    """Type into the editor open on the current cell (closed editors may linger until deleted)."""
    where = table.visualRect(table.currentIndex()).center()
    editors = [
        e for e in table.viewport().findChildren(QLineEdit) if e.isVisible() and e.geometry().contains(where)
    ]
    assert len(editors) == 1, "no cell is open for typing"
    qtbot.keyClicks(editors[0], text)
    qtbot.keyClick(editors[0], Qt.Key.Key_Tab)  # Tab keeps the cell's text and opens the next cell


def test_the_store_table_takes_typing_after_one_click_and_states_its_rules(qtbot, shell):
    wizard = start_wizard(shell, qtbot)
    page = wizard.stores_page
    assert "code" in page.rules.text() and page.rules.isVisible()  # said before anything is refused
    table = page.table
    cell = table.visualRect(table.model().index(0, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # one click, not two
    type_into_open_cell(qtbot, table, "Main shop")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)  # a new row: its code cell is open
    type_into_open_cell(qtbot, table, "WH")
    type_into_open_cell(qtbot, table, "Warehouse")
    assert page.stores() == [("MAIN", "Main shop"), ("WH", "Warehouse")]


def test_the_password_rule_is_on_the_page_before_a_short_password_is_refused(qtbot, shell):
    wizard = start_wizard(shell, qtbot)
    fill_stores(wizard, ("MAIN", "Shop"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.admin_page
    assert page.password_rule.isVisible() and "8 characters" in page.password_rule.text()
    assert page.error_text() == ""
    assert "log in with it right after" not in page.subTitle()  # no log-in follows: it opens signed in


def test_cancelling_the_wizard_writes_nothing(qtbot, gui_db, shell):
    wizard = start_wizard(shell, qtbot)
    go_to_start_page(qtbot, wizard)
    with qtbot.waitSignal(shell.abandoned, timeout=2000):  # the program's event loop ends on it
        click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert not wizard.isVisible()
    assert not users.has_users(gui_db.uow())
    assert organisation.list_stores(gui_db.uow()) == []
    assert shell.window is None


def test_a_database_with_accounts_gets_the_log_in_dialog_instead(qtbot, gui_db, gui_admin, shell):
    entry = shell.start()
    assert not isinstance(entry, FirstRunWizard)
    assert entry.ok_button.text() == "Log in"


def test_choosing_german_on_the_first_page_shows_the_wizard_again_in_german(qtbot, shell, settings):
    wizard = start_wizard(shell, qtbot)
    try:
        wizard.stores_page.language.setCurrentIndex(wizard.stores_page.language.findData("de"))
        qtbot.waitUntil(lambda: shell.entry is not wizard and shell.entry.isVisible())
        again = shell.entry
        assert again.windowTitle() == "Willkommen bei StockDesk"
        assert again.stores_page.title() == "Ihre Filialen"
        assert again.stores_page.language_code() == "de"
        assert settings.load().language == "de"
    finally:
        set_language("en")
