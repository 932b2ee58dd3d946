"""Sync in the window: status bar, Sync now, the conflicts and reviews page, offline desks.

Two SQLite desks registered on a real PostgreSQL server database; the window's controls are driven the
way a manager uses them. Dialogs never block: the panel's `run_dialog` / `ask_note` are replaced.
"""

from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QDialog, QMainWindow
from sqlalchemy import text

from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from stockdesk.sync import conflicts
from stockdesk.sync.server.setup import SERVER_URL_KEY
from stockdesk.ui.sync.hookup import install_sync
from tests.integration.test_sync_support import (
    make_desk,
    sync_all,
    sync_api,
    sync_server,
    two_desks_with_stock,
)

__all__ = ["make_desk", "sync_api", "sync_server"]  # fixtures
pytestmark = [pytest.mark.pg, pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")]


class Host(QMainWindow):
    """The part of the main window sync needs: pages, a status bar, a refresh after pulls."""

    def __init__(self, db, actor) -> None:
        super().__init__()
        self.db, self.actor = db, actor
        self.pages: dict[str, object] = {}
        self.current_item = None
        self.refreshed = 0

    def add_page(self, title, widget, shortcut="", *, position=-1):
        self.pages[title] = widget
        self.setCentralWidget(widget)

    def refresh(self, _item_id=None) -> None:
        self.refreshed += 1


@pytest.fixture
def desks(make_desk, tmp_path):
    yield from two_desks_with_stock(make_desk, tmp_path, sku="TEA", name="Green tea", quantity=Decimal(5))


@pytest.fixture
def open_sync(qtbot):
    """install_sync on a host window (no timer); the controller is shut down at the end."""
    setups = []

    def open_(db, actor, svc):
        window = Host(db, actor)
        qtbot.addWidget(window)
        setup = install_sync(window, service=svc, start=False)
        window.show()
        setups.append(setup)
        return window, setup

    yield open_
    for setup in setups:
        setup.controller.shutdown()


def sync_now(qtbot, setup):
    with qtbot.waitSignal(setup.controller.synced, timeout=30_000) as blocker:
        assert setup.controller.sync_now()
    return blocker.args[0]


def read_status(qtbot, setup):
    with qtbot.waitSignal(setup.controller.status_changed, timeout=10_000):
        setup.controller.refresh_status()


def select(view, row: int) -> None:
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(view.model().index(row, 0), flags)


def cells(model) -> list[list[str]]:
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())
    ]


def test_status_shows_queued_changes_and_sync_now_sends_them(qtbot, desks, open_sync):
    a, _b, admin, _admin_b, store, item = desks
    _window, setup = open_sync(a.db, admin, a)
    stock.receive(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(2))
    catalog.update_item(a.db.uow(), admin, item.id, name="Sencha")
    read_status(qtbot, setup)
    queued = a.status().queued  # the movement, the edit and their audit entries
    assert queued >= 2 and f"{queued} queued" in setup.label.text()

    report = sync_now(qtbot, setup)

    assert report.ok and report.pushed == queued
    assert setup.label.state == "online"
    assert "Online" in setup.label.text() and "0 queued" in setup.label.text()
    assert "Last sync" in setup.label.toolTip()


def test_sync_now_action_runs_a_sync_from_its_shortcut(qtbot, desks, open_sync):
    a, _b, admin, *_ = desks
    _window, setup = open_sync(a.db, admin, a)
    assert setup.action.shortcut().toString() == "F9"
    with qtbot.waitSignal(setup.controller.synced, timeout=30_000):
        setup.action.trigger()
    assert setup.label.state == "online"
    assert setup.controller.next_sync_in_ms() > 0  # the timer is armed for the next round


def test_a_same_field_conflict_is_listed_and_reversing_restores_the_losing_value(qtbot, desks, open_sync):
    a, b, admin, admin_b, _store, item = desks
    catalog.update_item(a.db.uow(), admin, item.id, name="Tea (A)")
    catalog.update_item(b.db.uow(), admin_b, item.id, name="Tea (B)")  # later stamp: wins
    window, setup = open_sync(a.db, admin, a)
    sync_all([b])
    sync_now(qtbot, setup)  # a pushes its losing edit, the server records the conflict, a pulls it
    model = setup.panel.conflicts_model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    [row] = cells(model)
    assert row[0] == "TEA — Tea (B)" and row[1:4] == ["name", "Tea (B)", "Tea (A)"]
    assert row[4] == "desk b ← this desk"  # desks by the names they were registered with, not ids
    assert window.refreshed >= 1  # the window re-read its items after the pull

    select(setup.panel.conflicts_view, 0)
    assert setup.panel.reverse_button.isEnabled()
    qtbot.mouseClick(setup.panel.reverse_button, Qt.MouseButton.LeftButton)

    assert catalog.get_item(a.db.uow(), item.id).name == "Tea (A)"
    assert model.rowCount() == 0
    sync_now(qtbot, setup)
    sync_all([b])
    assert catalog.get_item(b.db.uow(), item.id).name == "Tea (A)"
    assert conflicts.open_conflicts(b.db.uow()) == []


def test_keeping_a_conflict_closes_it_and_keeps_the_merged_value(qtbot, desks, open_sync):
    a, b, admin, admin_b, _store, item = desks
    catalog.update_item(a.db.uow(), admin, item.id, name="Tea (A)")
    catalog.update_item(b.db.uow(), admin_b, item.id, name="Tea (B)")
    sync_all([b, a, b])
    _window, setup = open_sync(a.db, admin, a)
    select(setup.panel.conflicts_view, 0)
    qtbot.mouseClick(setup.panel.keep_button, Qt.MouseButton.LeftButton)
    assert setup.panel.conflicts_model.rowCount() == 0
    assert catalog.get_item(a.db.uow(), item.id).name == "Tea (B)"
    assert "Kept name" in setup.panel.message.text()


def test_the_conflicts_models_pass_the_model_tester(qtbot, qtmodeltester, desks, open_sync):
    a, b, admin, admin_b, store, item = desks
    catalog.update_item(a.db.uow(), admin, item.id, name="Tea (A)")
    catalog.update_item(b.db.uow(), admin_b, item.id, name="Tea (B)")
    stock.sell(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(4))
    stock.sell(b.db.uow(), admin_b, item_id=item.id, store_id=store.id, quantity=Decimal(3))
    sync_all([b, a, b, a])
    _window, setup = open_sync(a.db, admin, a)
    assert setup.panel.conflicts_model.rowCount() == 1 and setup.panel.reviews_model.rowCount() == 1
    qtmodeltester.check(setup.panel.conflicts_model)
    qtmodeltester.check(setup.panel.reviews_model)


def test_an_oversell_review_is_settled_with_a_compensating_adjustment(qtbot, desks, open_sync):
    a, b, admin, admin_b, store, item = desks
    stock.sell(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(4))
    stock.sell(b.db.uow(), admin_b, item_id=item.id, store_id=store.id, quantity=Decimal(3))
    sync_all([b])
    _window, setup = open_sync(a.db, admin, a)
    sync_now(qtbot, setup)
    panel = setup.panel
    assert cells(panel.reviews_model)[0][:3] == ["TEA — Green tea", "MAIN — Main", "-2"]
    seen = []

    def accept(dialog: QDialog) -> bool:
        seen.append((dialog.quantity.text(), dialog.store.currentData()))
        dialog.accept()  # posts through stock.adjust
        return dialog.result() == QDialog.DialogCode.Accepted

    panel.run_dialog = accept
    select(panel.reviews_view, 0)
    qtbot.mouseClick(panel.adjust_button, Qt.MouseButton.LeftButton)

    assert seen == [("2", str(store.id))]
    assert stock.on_hand_of(a.db.uow(), item.id, store.id) == Decimal(0)
    assert panel.reviews_model.rowCount() == 0
    assert conflicts.open_reviews(a.db.uow()) == []
    sync_now(qtbot, setup)
    sync_all([b])
    assert stock.on_hand_of(b.db.uow(), item.id, store.id) == Decimal(0)
    assert conflicts.open_reviews(b.db.uow()) == []


def test_a_review_closed_with_a_note_keeps_the_note(qtbot, desks, open_sync):
    a, b, admin, admin_b, store, item = desks
    stock.sell(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(4))
    stock.sell(b.db.uow(), admin_b, item_id=item.id, store_id=store.id, quantity=Decimal(3))
    sync_all([b, a])
    _window, setup = open_sync(a.db, admin, a)
    setup.panel.ask_note = lambda _prompt: "two found in the back room"
    select(setup.panel.reviews_view, 0)
    qtbot.mouseClick(setup.panel.close_button, Qt.MouseButton.LeftButton)
    assert setup.panel.reviews_model.rowCount() == 0
    assert "two found in the back room" in setup.panel.message.text()


def test_a_clerk_sees_the_lists_but_cannot_settle_them(qtbot, desks, open_sync):
    a, b, admin, admin_b, store, item = desks
    users.create_user(
        a.db.uow(),
        admin,
        email="carl@example.com",
        password="carl-pass-1",
        role="clerk",
        store_ids=[store.id],
    )
    stock.sell(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(4))
    stock.sell(b.db.uow(), admin_b, item_id=item.id, store_id=store.id, quantity=Decimal(3))
    sync_all([b, a])
    clerk = users.authenticate(a.db.uow(), email="carl@example.com", password="carl-pass-1")
    _window, setup = open_sync(a.db, clerk, a)
    select(setup.panel.reviews_view, 0)
    assert not setup.panel.close_button.isEnabled() and not setup.panel.adjust_button.isEnabled()


def test_with_the_server_away_the_desk_shows_offline_and_keeps_working(qtbot, desks, open_sync):
    a, _b, admin, _admin_b, store, item = desks
    with a.db.engine.begin() as connection:  # the server moved away: nothing listens on port 1
        connection.execute(
            text("UPDATE local_setting SET value = :v WHERE key = :k"),
            {"v": "http://127.0.0.1:1", "k": SERVER_URL_KEY},
        )
    a.close()  # forget the engine bound to the old address
    _window, setup = open_sync(a.db, admin, a)

    report = sync_now(qtbot, setup)
    before = setup.controller.status.queued

    assert not report.ok
    assert setup.label.state == "offline" and "Offline" in setup.label.text()
    assert "not reachable" in setup.label.toolTip()
    assert setup.controller.next_sync_in_ms() > 30_000  # backing off
    stock.sell(a.db.uow(), admin, item_id=item.id, store_id=store.id, quantity=Decimal(1))
    assert stock.on_hand_of(a.db.uow(), item.id, store.id) == Decimal(4)
    read_status(qtbot, setup)
    assert setup.controller.status.queued > before  # the sale waits in the outbox
    assert f"{setup.controller.status.queued} queued" in setup.label.text()
    assert setup.label.state == "offline"


def test_an_unregistered_desk_gets_no_sync_controls(qtbot, tmp_path):
    from stockdesk.services.database import open_database

    db = open_database(str(tmp_path / "alone.sqlite"))
    admin = users.create_first_admin(db.uow(), email="solo@example.com", password="solo-pass-1")
    window = Host(db, admin)
    qtbot.addWidget(window)
    assert install_sync(window) is None
    assert window.pages == {} and window.menuBar().actions() == []
    db.close()


@pytest.fixture
def own_settings(tmp_path):
    """The window's layout goes to this test's folder, never to the user's settings."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def test_the_main_window_of_a_registered_desk_syncs_in_the_background(qtbot, desks, own_settings):
    from stockdesk.ui.main_window import MainWindow

    a, _b, admin, *_ = desks
    window = MainWindow(a.db, admin)
    qtbot.addWidget(window)
    assert window.sync is not None
    assert window.pages.indexOf(window.sync.panel) >= 0
    assert window.statusBar().findChild(type(window.sync.label), "sync_status") is window.sync.label
    with qtbot.waitSignal(window.sync.controller.synced, timeout=30_000) as blocker:
        window.sync.action.trigger()  # F9, whatever the timer was about to do
    assert blocker.args[0].ok and window.sync.label.state == "online"
    window.close()  # stops the timer and the worker
    assert not window.sync.controller.sync_now()


def test_the_main_window_of_an_unregistered_desk_shows_no_sync(qtbot, gui_db, gui_admin, own_settings):
    from stockdesk.ui.main_window import MainWindow

    window = MainWindow(gui_db, gui_admin)
    qtbot.addWidget(window)
    assert window.sync is None
    assert "Sync" not in [window.pages.tabText(i) for i in range(window.pages.count())]
    window.close()


def test_a_desk_is_registered_from_the_settings_with_a_managers_log_in(
    qtbot, sync_api, sync_server, tmp_path, save_artifact
):
    import os

    from stockdesk.services.database import open_database
    from stockdesk.sync.server import desks
    from stockdesk.sync.server.setup import is_registered, saved_server
    from stockdesk.ui.dialogs.register_desk import RegisterDeskDialog

    server_db = open_database(sync_server)
    boss = users.create_first_admin(server_db.uow(), email="boss@example.com", password="boss-pass-1")
    desk_db = open_database(str(tmp_path / "new-desk.sqlite"))
    os.environ["STOCKDESK_NO_KEYRING"] = "1"
    try:
        dialog = RegisterDeskDialog(desk_db, sync_api.base_url)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.desk_name.setText("Counter 3")
        qtbot.keyClicks(dialog.email, "boss@example.com")
        qtbot.keyClicks(dialog.password, "wrong-pass")
        dialog.accept()
        assert dialog.isVisible() and "wrong e-mail or password" in dialog.general_error_text()
        assert not is_registered(desk_db)
        save_artifact(dialog, "register-desk.png")
        dialog.password.setText("boss-pass-1")
        dialog.accept()
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.general_error_text()
        assert is_registered(desk_db) and saved_server(desk_db) == sync_api.base_url
        assert [d.name for d in desks.list_desks(server_db.uow(), boss)] == ["Counter 3"]
    finally:
        desk_db.close()
        server_db.close()


def test_a_serial_sold_or_received_on_two_desks_is_settled_with_the_serial_filled_in(qtbot, desks, open_sync):
    from stockdesk.services.places import locations
    from stockdesk.services.places.place_levels import item_places
    from stockdesk.services.places.placing import PlaceChoice

    a, b, admin, admin_b, store, _tea = desks
    shelf = locations.create_location(a.db.uow(), admin, store_id=store.id, code="P-1")
    phone = catalog.create_item(a.db.uow(), admin, sku="PHONE", name="Phone", tracking="serial")
    numbers = PlaceChoice(serials=("SN-1", "SN-2"), location_id=shelf.id)
    stock.receive(a.db.uow(), admin, item_id=phone.id, store_id=store.id, quantity="2", place=numbers)
    sync_all([a, b])
    one = {"item_id": phone.id, "store_id": store.id, "quantity": "1"}
    for svc, actor in ((a, admin), (b, admin_b)):  # both offline: each still has SN-1, neither has SN-9
        stock.sell(svc.db.uow(), actor, **one, place=PlaceChoice(lot="SN-1"))
        stock.receive(svc.db.uow(), actor, **one, place=PlaceChoice(lot="SN-9"))
    sync_all([b])
    _window, setup = open_sync(a.db, admin, a)
    sync_now(qtbot, setup)
    panel = setup.panel
    notes = [row[3] for row in cells(panel.reviews_model)]
    seen = []

    def accept(dialog: QDialog) -> bool:
        place = dialog.place  # type: ignore[attr-defined]
        seen.append((dialog.quantity.text(), place.serials.toPlainText(), place.location.currentText(),
                     dialog.reference.text()))  # fmt: skip
        dialog.accept()  # posts through stock.adjust, serial and all
        return dialog.result() == QDialog.DialogCode.Accepted

    panel.run_dialog = accept
    for serial in ("SN-1", "SN-9"):
        select(panel.reviews_view, next(i for i, note in enumerate(notes) if f"number {serial} " in note))
        qtbot.mouseClick(panel.adjust_button, Qt.MouseButton.LeftButton)
        notes = [row[3] for row in cells(panel.reviews_model)]
    assert seen == [
        ("1", "SN-1", "P-1", "Serial SN-1 sold on two desks"),  # back at the shelf where it is short
        ("-1", "SN-9", "(where the item already is)", "Serial SN-9 received on two desks"),
    ]
    assert not any("PHONE" in note for note in notes)  # both serial reviews closed
    assert "Serial number SN-9 adjusted by -1" in panel.message.text()
    places = {(p.lot_code, p.location_code): p.on_hand for p in item_places(a.db.uow(), phone.id)}
    assert places.get(("SN-1", "P-1"), Decimal(0)) == 0 and places[("SN-9", "P-1")] == 1


def test_a_desk_of_the_database_login_era_moves_from_the_sync_page_with_the_upgrade_line(
    qtbot, sync_api, sync_server, tmp_path, save_artifact
):
    """The sync page of an old desk offers the move; the register dialog asks for its upgrade code;
    pasting the upgrade file's line fills the server; the desk keeps its id, so its queued change goes
    out under it."""
    import os

    from stockdesk.db.capture import queued_changes
    from stockdesk.services.database import open_database
    from stockdesk.sync.server import desks
    from stockdesk.sync.server.setup import (
        hand_out_upgrade_codes,
        is_old_registration,
        register_desk_over_http,
        saved_server,
    )
    from stockdesk.sync.service import SyncService
    from stockdesk.sync.upgrade_slip import line
    from stockdesk.ui.dialogs.register_desk import RegisterDeskDialog
    from stockdesk.ui.sync.panel import SyncPanel

    os.environ["STOCKDESK_NO_KEYRING"] = "1"
    server_db = open_database(sync_server)
    boss = users.create_first_admin(server_db.uow(), email="boss@example.com", password="boss-pass-1")
    desk_db = open_database(str(tmp_path / "old-desk.sqlite"))
    try:
        # A desk that synced, then the upgrade: the server knew it by a database role, no token.
        register_desk_over_http(
            desk_db, sync_api.base_url, name="x", email="boss@example.com", password="boss-pass-1"
        )
        assert SyncService(desk_db).sync_once().ok
        with server_db.engine.begin() as connection:
            connection.execute(text("DELETE FROM desk_token WHERE desk_id = :d"), {"d": desk_db.desk_id})
            connection.execute(
                text("INSERT INTO sync_desk (desk_id, role_name) VALUES (:d, 'sd_desk_old')"),
                {"d": desk_db.desk_id},
            )
        with desk_db.engine.begin() as connection:
            connection.execute(
                text("UPDATE local_setting SET value = 'postgresql://sd_desk_old@db/shop' WHERE key = :k"),
                {"k": SERVER_URL_KEY},
            )
        assert is_old_registration(desk_db)
        desk_boss = users.system_actor(desk_db.uow())
        catalog.create_item(desk_db.uow(), desk_boss, sku="OLD-1", name="Made before the move")
        with desk_db.engine.connect() as connection:
            queued = queued_changes(connection)
        assert queued > 0
        (slip, _expires, _path), *_ = hand_out_upgrade_codes(
            server_db, boss, server_url=sync_api.base_url, folder=None
        )
        panel = SyncPanel(desk_db, desk_boss)
        qtbot.addWidget(panel)
        panel.show()
        assert panel.move_box.isVisible()

        def fill_in(dialog: RegisterDeskDialog) -> bool:
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert dialog.server.text() == "" and dialog.windowTitle() == "Move this desk to the server's API"
            dialog.desk_name.setText("Old counter")
            dialog.upgrade_code.setText("not a code")
            dialog.accept()
            assert dialog.isVisible() and "neither an upgrade code" in dialog.error_text("upgrade_code")
            dialog.upgrade_code.setText(line(slip))
            assert dialog.server.text() == sync_api.base_url
            save_artifact(dialog, "register-desk-upgrade.png")
            dialog.accept()
            assert dialog.result() == dialog.DialogCode.Accepted, dialog.general_error_text()
            return True

        panel.run_dialog = fill_in
        with qtbot.waitSignal(panel.moved, timeout=5000):
            panel.move_button.click()
        assert not panel.move_box.isVisible() and sync_api.base_url in panel.message.text()
        assert saved_server(desk_db) == sync_api.base_url and not is_old_registration(desk_db)
        listed = desks.list_desks(server_db.uow(), boss)
        assert [(d.desk_id, d.name) for d in listed] == [(desk_db.desk_id, "Old counter")]
        report = SyncService(desk_db).sync_once()
        assert report.ok and report.pushed == queued, report
    finally:
        desk_db.close()
        server_db.close()
