"""The import dialog driven as a person would: map columns, Check, Import; and the File menu's entries."""

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from stockdesk.services.accounts import users
from stockdesk.services.catalogue import item_query
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.exchange.import_files import IGNORE
from stockdesk.ui.dialogs.import_dialog import ImportDialog, open_import_dialog, rejects_path
from stockdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

GOOD_AND_BAD = (
    "sku,name,price,stock:MAIN\n"
    "A-1,Bolt,1.50,10\n"
    "A-2,Nut,abc,5\n"  # row 3: not a price
    "A-3,Washer,0.20,7\n"
    "A-1,Bolt again,2.00,1\n"  # row 5: the SKU of row 2
    "A-4,Screw,0.35,3\n"
)


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def item_count(db) -> int:
    return item_query.count_items(db.uow(), ItemFilter())


def write(tmp_path: Path, text: str, name: str = "items.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(qtbot, dialog: ImportDialog, step) -> None:
    with qtbot.waitSignal(dialog.done, timeout=20000):
        step()


def make_dialog(qtbot, db, actor, path: Path) -> ImportDialog:
    dialog = open_import_dialog(None, db, actor, path)
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def problem_rows(dialog: ImportDialog) -> list[tuple[str, ...]]:
    table = dialog.problem_table
    return [tuple(table.item(r, c).text() for c in range(4)) for r in range(table.rowCount())]


def test_check_lists_every_bad_row_and_writes_nothing(qtbot, gui_db, gui_admin, gui_store, tmp_path):
    dialog = make_dialog(qtbot, gui_db, gui_admin, write(tmp_path, GOOD_AND_BAD))
    assert dialog.preview.rowCount() == 1 + 5  # the field row, then the file's rows
    assert dialog.preview.item(2, 2).text() == "abc"
    assert [c.currentData() for c in dialog.combos] == ["sku", "name", "sell_price", "stock:MAIN"]

    run(qtbot, dialog, dialog.check)

    rows = problem_rows(dialog)
    assert [(row, column) for row, column, _value, _reason in rows] == [("3", "price"), ("5", "sku")]
    assert rows[0][2] == "abc"
    assert "Nothing was written" in dialog.summary.text()
    assert item_count(gui_db) == 0


def test_a_corrected_mapping_changes_the_preview_and_the_problems(
    qtbot, gui_db, gui_admin, gui_store, tmp_path
):
    path = write(tmp_path, "code,label,price\nB-1,Hinge,3.00\nB-2,Latch,4.00\n")
    dialog = make_dialog(qtbot, gui_db, gui_admin, path)
    label_column = 1
    assert dialog.combos[label_column].currentData() == IGNORE
    ignored_colour = dialog.preview.item(1, label_column).foreground().color()
    run(qtbot, dialog, dialog.check)
    assert [(r[1], r[3]) for r in problem_rows(dialog)] == [("name", "no column holds the name")]

    dialog.set_field("label", "name")

    assert dialog.problem_table.rowCount() == 0  # the old check no longer applies
    assert "check again" in dialog.summary.text()
    assert dialog.preview.item(1, label_column).foreground().color() != ignored_colour
    run(qtbot, dialog, dialog.check)
    assert problem_rows(dialog) == []
    assert "2 new" in dialog.summary.text()
    run(qtbot, dialog, dialog.start_import)
    assert item_count(gui_db) == 2


def test_valid_rows_only_imports_the_good_rows_and_saves_the_rejects(
    qtbot, gui_db, gui_admin, gui_store, tmp_path
):
    path = write(tmp_path, GOOD_AND_BAD)
    dialog = make_dialog(qtbot, gui_db, gui_admin, path)
    dialog.valid_only.setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=20000) as imported:
        dialog.start_import()

    assert imported.args[0].created == 3
    assert item_count(gui_db) == 3
    assert imported.args[0].movements == 3  # opening stock of the three good rows only
    rejects = rejects_path(path)
    assert rejects.name == "items-rejected.csv" and rejects.parent == path.parent
    lines = rejects.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "sku,name,price,stock:MAIN,problems"
    assert [line.split(",")[0] for line in lines[1:]] == ["A-2", "A-1"]
    assert str(rejects) in dialog.summary.text()
    assert [r[0] for r in problem_rows(dialog)] == ["3", "5"]


@pytest.fixture
def window(qtbot, gui_db, gui_admin, gui_store):
    made = MainWindow(gui_db, gui_admin)
    qtbot.addWidget(made)
    return made


def test_the_file_menu_offers_import_reports_and_backup_with_their_keys(window):
    texts = {}
    for menu_action in window.menuBar().actions():
        if menu_action.menu() is not None and window.actions["quit"] in menu_action.menu().actions():
            texts = {a.text(): a for a in menu_action.menu().actions() if a.text()}
    assert texts
    setup = window.file_actions
    assert texts["&Import items…"].shortcut() == QKeySequence("Ctrl+I")
    assert texts["&Reports…"].shortcut() == QKeySequence("Ctrl+P")
    assert "&Back up now" in texts
    assert setup.import_items.isEnabled()


def test_back_up_now_writes_a_consistent_copy_and_shows_its_path(qtbot, window, gui_db):
    assert window.file_actions.backup is not None
    with qtbot.waitSignal(window.file_actions.backup.triggered):
        window.file_actions.backup.trigger()
    qtbot.waitUntil(lambda: window.file_actions.last_backup is not None, timeout=20000)
    written = window.file_actions.last_backup
    assert written.parent == Path(gui_db.engine.url.database).parent / "backups" and written.exists()
    assert str(written) in window.statusBar().currentMessage()
    (box,) = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert str(written) in box.text()
    box.close()
    with sqlite3.connect(written) as copy:
        assert copy.execute("select count(*) from store").fetchone() == (1,)


def test_a_clerk_gets_no_backup_entry(qtbot, gui_db, gui_admin, gui_store):
    users.create_user(
        gui_db.uow(),
        gui_admin,
        email="c@example.com",
        password="clerk-pass-1",
        role="clerk",
        store_ids=[gui_store.id],
    )
    clerk = users.authenticate(gui_db.uow(), email="c@example.com", password="clerk-pass-1")
    made = MainWindow(gui_db, clerk)
    qtbot.addWidget(made)
    assert made.file_actions.backup is None
    assert made.file_actions.import_items.isEnabled()
