"""German: every string of the window's code is translated, and the main window shows no English."""

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTabBar,
    QTabWidget,
    QToolBar,
    QWidget,
)

from stockdesk.config import FileSecrets
from stockdesk.domain.errors import PermissionDenied
from stockdesk.domain.movements import MovementKind
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.ui.app import Shell
from stockdesk.ui.counter.feedback import Beeper
from stockdesk.ui.counter.page import CounterPage
from stockdesk.ui.counter.quick_actions import QuickAction
from stockdesk.ui.dialogs.import_dialog import ImportDialog
from stockdesk.ui.dialogs.item_editor import ItemEditorDialog
from stockdesk.ui.i18n import TRANSLATIONS_DIR, current_language, set_language
from stockdesk.ui.main_window import MainWindow
from stockdesk.ui.pages.users_page import UserDialog
from stockdesk.ui.settings import AppSettings
from tests.conftest import make_clerk

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = TRANSLATIONS_DIR / "stockdesk_de.ts"
QM_FILE = TRANSLATIONS_DIR / "stockdesk_de.qm"
PLACEHOLDER = re.compile(r"\{\w*\}|%n|%\d")
# Texts that are the same word in German (or names): allowed in both languages.
SAME_IN_GERMAN = {"StockDesk", "SKU", "Name", "Start", "Status", "Code", "Details", "Export", "OK", "EAN"}


def tool(name: str) -> Path:
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return found
    which = shutil.which(name)
    if which is None:
        pytest.skip(f"{name} (ships with PySide6) is not installed")
    return Path(which)


def read_ts(path: Path) -> list[tuple[str, str, list[str], str]]:
    """(context, source, translations, type) per message; numerus entries have several translations."""
    entries = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            entries.append((name, message.findtext("source", ""), forms, translation.get("type", "")))
    return entries


def test_every_entry_of_the_german_file_is_translated_with_its_placeholders():
    entries = read_ts(TS_FILE)
    assert len(entries) > 100
    unfinished = [(c, s) for c, s, forms, kind in entries if kind in ("unfinished", "vanished", "obsolete")]
    assert unfinished == []
    empty = [(c, s) for c, s, forms, _kind in entries if not all(f.strip() for f in forms)]
    assert empty == []
    for context, source, forms, _kind in entries:
        for form in forms:
            assert sorted(set(PLACEHOLDER.findall(source)) - {"%n"}) == sorted(
                set(PLACEHOLDER.findall(form)) - {"%n"}
            ), (context, source, form)
            if "&" in source.replace("&&", ""):
                assert form.replace("&&", "").count("&") == 1, (context, source, form)


def test_the_german_file_covers_every_string_in_the_window_code_and_the_qm_is_compiled_from_it(tmp_path):
    fresh = tmp_path / "stockdesk_de.ts"
    shutil.copy(TS_FILE, fresh)
    sources = sorted(str(p) for p in (ROOT / "stockdesk" / "ui").rglob("*.py"))
    lupdate = tool("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), "-silent", "-no-obsolete", "-locations", "none", *sources, "-ts", str(fresh)],
        check=True,
        cwd=ROOT,
    )
    missing = [(c, s) for c, s, _forms, kind in read_ts(fresh) if kind == "unfinished"]
    assert missing == [], "run packaging/update_translations.sh and translate these"
    compiled = tmp_path / "stockdesk_de.qm"
    subprocess.run([str(tool("pyside6-lrelease")), "-silent", str(TS_FILE), "-qm", str(compiled)], check=True)
    assert compiled.read_bytes() == QM_FILE.read_bytes(), "the .qm is older than the .ts: run the script"


# ------------------------------------------------------------------------------------------------
# walking the main window


def _actions_texts(widget: QWidget) -> list[str]:
    texts = []
    for action in widget.findChildren(QMenu) + widget.findChildren(QToolBar):
        texts.append(action.title() if isinstance(action, QMenu) else action.windowTitle())
        for entry in QWidget.actions(action):
            texts += [entry.text(), entry.toolTip(), entry.statusTip(), entry.iconText()]
    for entry in QWidget.actions(widget):  # MainWindow.actions is its dict of actions
        texts += [entry.text(), entry.toolTip(), entry.statusTip()]
    return texts


def _header_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts = []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model: one column, and its header is never shown
        columns = 0
    for section in range(columns):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(section, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                texts.append(value)
    return texts


def visible_texts(window: MainWindow) -> list[str]:
    """Every piece of text the window can show: titles, menus, actions, labels, headers, tabs, tips."""
    texts = [window.windowTitle(), window.statusBar().currentMessage(), *_actions_texts(window)]
    for widget in window.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QGroupBox | QDockWidget):
            texts.append(widget.title() if isinstance(widget, QGroupBox) else widget.windowTitle())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
            texts += [widget.tabToolTip(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView):
            texts += _header_texts(widget)
    return [t for t in texts if t and t.strip()]


@pytest.fixture
def shop(gui_db, gui_admin, gui_store):
    """Two items, one with stock, so the table, the stock panel and the status bar have content."""
    items = [
        catalog.create_item(
            gui_db.uow(), gui_admin, sku=sku, name=name, sell_price=Decimal("9.90"), reorder_point=Decimal(3)
        )
        for sku, name in (("HAM-1", "Claw hammer"), ("SAW-1", "Hand saw"))
    ]
    stock.post_movements(
        gui_db.uow(),
        gui_admin,
        [MovementRequest(MovementKind.RECEIVE, items[0].id, gui_store.id, Decimal(5))],
    )
    return items


@pytest.fixture
def open_window(qtbot, gui_db, gui_admin):
    def build() -> MainWindow:
        window = MainWindow(gui_db, gui_admin)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        if window.model.rowCount():
            window.select_row(0)
        # Visit every page, so pages that build lazily show their texts too.
        for tabs in window.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                QCoreApplication.processEvents()
        return window

    return build


@pytest.fixture
def german(qapp):
    assert set_language("de"), f"{TS_FILE.with_suffix('.qm')} is missing"
    yield
    set_language("en")


def test_the_german_main_window_shows_no_english_source_string(german, shop, open_window):
    window = open_window()
    english = {s for _c, s, forms, _k in read_ts(TS_FILE) if forms[0] != s} - SAME_IN_GERMAN
    shown = visible_texts(window)
    assert len(shown) > 40  # the walk really saw the window
    left_english = sorted({t for t in shown if t in english})
    assert left_english == []
    assert window.windowTitle() == "StockDesk" and current_language() == "de"


def test_no_window_text_stays_english_even_if_it_never_went_through_tr(qtbot, shop, open_window, gui_store):
    english_texts = set(visible_texts(open_window()))
    assert set_language("de")
    try:
        german_texts = set(visible_texts(open_window()))
    finally:
        set_language("en")
    data = {item.sku for item in shop} | {item.name for item in shop} | {gui_store.code, gui_store.name}
    same = {
        t
        for t in english_texts & german_texts
        if re.search(r"[A-Za-z]{3}", t) and t not in SAME_IN_GERMAN and not any(d in t for d in data)
    }
    # What may remain: data (e-mail, database path) and shortcuts; nothing made of English words.
    words = {
        t for t in same if "@" not in t and "sqlite" not in t.lower() and not re.fullmatch(r"[\w+,]+", t)
    }
    assert words == set()


def test_switching_to_german_at_run_time_rebuilds_the_main_window_in_german(
    qtbot, gui_db, gui_admin, tmp_path
):
    settings = AppSettings(tmp_path / "config", FileSecrets(tmp_path / "secrets"))
    shell = Shell(gui_db, settings)
    try:
        first = shell.open_main_window(gui_admin)
        english_menus = [a.text() for a in first.menuBar().actions()]
        with qtbot.waitSignal(shell.window_opened) as opened:
            assert set_language("de")
        second = opened.args[0]
        assert second is not first and second.isVisible() and not first.isVisible()
        german_menus = [a.text() for a in second.menuBar().actions()]
        assert german_menus[0] == "&Datei" and german_menus != english_menus
    finally:
        set_language("en")
        shell.close()


# ------------------------------------------------------------------------------------------------
# the services' refusals, in the German window


def test_a_german_form_names_the_field_and_says_why_in_german(qtbot, german, gui_db, gui_admin, gui_store):
    editor = ItemEditorDialog(gui_db, gui_admin)
    qtbot.addWidget(editor)
    editor.sku.setText("HAM-9")
    editor.name.setText("Hammer")
    editor.sell_price.setText("12,5O")
    editor.accept()
    shown = editor.error_text("sell_price")
    assert shown == 'Verkaufspreis "12,5O" ist keine Zahl'
    assert "is not a number" not in shown

    new_user = UserDialog(gui_db, gui_admin, None)
    qtbot.addWidget(new_user)
    new_user.email.setText("nobody")
    new_user.password.setText("long-enough-1")
    new_user.accept()
    assert "ist keine E-Mail-Adresse" in new_user.error_text("email")
    assert "is not an e-mail address" not in new_user.error_text("email")


def test_a_permission_refusal_reaches_the_german_window_as_a_german_message_box(
    qtbot, german, monkeypatch, gui_db, gui_admin, gui_store
):
    hammer = catalog.create_item(gui_db.uow(), gui_admin, sku="HAM-1", name="Claw hammer")
    clerk = make_clerk(gui_db, gui_admin, gui_store.id)
    window = MainWindow(gui_db, clerk)
    qtbot.addWidget(window)
    window.select_row(0)
    assert not window.actions["archive_item"].isEnabled()  # the window does not offer it to the clerk
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: boxes.append(text))
    # The service refuses it all the same (another front end, a stale window): the refusal it raises
    # is what the window shows.
    with pytest.raises(PermissionDenied) as refused:
        catalog.set_item_active(gui_db.uow(), clerk, hammer.id, active=False)
    window.report_error(refused.value)
    assert boxes == ["Mitarbeiter dürfen nur Artikel ändern, die sie selbst angelegt haben"]
    assert window.statusBar().currentMessage() == boxes[0]


def test_the_german_counter_refuses_a_check_digit_and_too_little_stock_in_german(
    qtbot, german, gui_db, gui_admin, gui_store
):
    item = catalog.create_item(
        gui_db.uow(), gui_admin, sku="TEA-1", name="Green tea", barcodes=["4006381333931"]
    )
    stock.receive(gui_db.uow(), gui_admin, item_id=item.id, store_id=gui_store.id, quantity=2)
    page = CounterPage(gui_db, gui_admin, beeper=Beeper(enabled=False))
    qtbot.addWidget(page)
    page.handle_scan("4006381333932", "EAN13")
    assert "hat eine falsche Prüfziffer (erwartet 1)" in page.banner_text()
    assert "wrong check digit" not in page.banner_text()

    page.handle_scan("4006381333931", "EAN13")
    page.quick.quantity.setText("5")
    page.run_action(QuickAction.SELL)
    assert page.banner_text() == "Zu wenig Bestand: nur 2 von TEA-1 in MAIN"

    page.quick.quantity.setText("-1")
    page.run_action(QuickAction.RECEIVE)
    assert "darf nicht negativ sein" in page.banner_text()
    assert "must not be negative" not in page.banner_text()


def test_german_import_problems_name_row_and_column_in_german(
    qtbot, german, tmp_path, gui_db, gui_admin, gui_store
):
    path = tmp_path / "items.csv"
    path.write_text("sku,name,price\nA-1,Bolt,1.50\nA-2,Nut,abc\nA-1,Bolt again,2.00\n", encoding="utf-8")
    dialog = ImportDialog(gui_db, gui_admin, path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.done, timeout=20000):
        dialog.check()
    table = dialog.problem_table
    rows = [tuple(table.item(r, c).text() for c in range(4)) for r in range(table.rowCount())]
    assert rows == [("3", "price", "abc", "ist keine Zahl"), ("4", "sku", "A-1", "wiederholt Zeile 2")]
