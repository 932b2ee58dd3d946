"""Settings → Desks…: an admin sees the server's desks with their last sync and revokes one; a revoked
desk's next sync is refused and its unsent changes stay (issue 15).

On the server's own database the list is read directly; from a registered desk the admin signs in to
the real server (uvicorn on loopback, PostgreSQL) first."""

from __future__ import annotations

import pytest

from stockdesk.db.capture import queued_changes
from stockdesk.domain.errors import StockDeskError
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog
from stockdesk.sync import upgrade_slip
from stockdesk.sync.desk_directory import ServerDatabaseDesks
from stockdesk.sync.server import desks
from stockdesk.ui.sync.desks_dialog import DesksDialog
from tests.integration.test_sync_support import make_desk, service, sync_api, sync_server
from tests.support.qt_selection import select_row

__all__ = ["make_desk", "sync_api", "sync_server"]  # fixtures
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def cells(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def select_desk(dialog: DesksDialog, name: str) -> None:
    row = next(r for r in range(dialog.model.rowCount()) if dialog.model.row(r).name == name)
    select_row(dialog.table, row)


def test_an_admin_on_the_server_database_revokes_a_desk_after_confirming(qtbot, gui_db, gui_admin):
    for desk_id, name in (("desk-front", "Front counter"), ("desk-yard", "Timber yard")):
        desks.register(gui_db.uow(), desk_id=desk_id, name=name, actor=gui_admin)
    dialog = DesksDialog(ServerDatabaseDesks(gui_db, gui_admin))
    qtbot.addWidget(dialog)
    dialog.show()
    assert cells(dialog.model) == [
        ["Front counter", "desk-front", "never", "active"],
        ["Timber yard", "desk-yard", "never", "active"],
    ]
    assert not dialog.revoke_button.isEnabled()  # nothing chosen yet
    asked: list[str] = []
    dialog.confirm = lambda question: asked.append(question) or False
    select_desk(dialog, "Timber yard")
    dialog.revoke_button.click()
    assert "Timber yard" in asked[0] and not desks.list_desks(gui_db.uow(), gui_admin)[1].revoked  # said no
    dialog.confirm = lambda _question: True
    dialog.revoke_button.click()
    assert cells(dialog.model)[1][3] == "revoked" and "is revoked" in dialog.message.text()
    assert [d.revoked for d in desks.list_desks(gui_db.uow(), gui_admin)] == [False, True]
    select_desk(dialog, "Timber yard")
    assert not dialog.revoke_button.isEnabled()  # already revoked


def test_a_manager_sees_the_desks_but_revoking_one_is_refused_and_changes_nothing(qtbot, gui_db, gui_admin):
    desks.register(gui_db.uow(), desk_id="desk-front", name="Front counter", actor=gui_admin)
    users.create_user(
        gui_db.uow(), gui_admin, email="mia@example.com", password="manager-pass-1", role="manager"
    )
    manager = users.authenticate(gui_db.uow(), email="mia@example.com", password="manager-pass-1")
    dialog = DesksDialog(ServerDatabaseDesks(gui_db, manager))
    qtbot.addWidget(dialog)
    assert cells(dialog.model) == [["Front counter", "desk-front", "never", "active"]]
    dialog.confirm = lambda _question: True
    select_desk(dialog, "Front counter")
    dialog.revoke_button.click()
    assert dialog.message.text().startswith("a manager may not")  # the service's refusal, in words
    assert cells(dialog.model)[0][3] == "active"
    assert [d.revoked for d in desks.list_desks(gui_db.uow(), gui_admin)] == [False]


def _old_desk(server_db, desk_id: str) -> None:
    """A desk of the database-login era: the server knew it by a database role, it has no token."""
    from sqlalchemy import text

    with server_db.engine.begin() as connection:
        insert = text("INSERT INTO sync_desk (desk_id, role_name) VALUES (:d, :r)")
        connection.execute(insert, {"d": desk_id, "r": f"sd_{desk_id}"})


@pytest.mark.pg
def test_a_desk_not_moved_yet_is_listed_and_the_admin_renews_its_upgrade_code_shown_once(
    qtbot, sync_server
):
    from stockdesk.services.database import open_database

    server_db = open_database(sync_server)
    try:
        boss = users.create_first_admin(server_db.uow(), email="boss@example.com", password="boss-pass-1")
        desks.register(server_db.uow(), desk_id="desk-front", name="Front counter", actor=boss)
        _old_desk(server_db, "desk-old")
        dialog = DesksDialog(ServerDatabaseDesks(server_db, boss))
        qtbot.addWidget(dialog)
        dialog.show()
        assert cells(dialog.model) == [
            ["Front counter", "desk-front", "never", "active"],
            ["(database-login era)", "desk-old", "never", "not moved: needs its upgrade code"],
        ]
        select_desk(dialog, "Front counter")
        assert not dialog.upgrade_button.isEnabled() and not dialog.upgrade_line.isVisible()
        select_row(dialog.table, 1)
        dialog.upgrade_button.click()
        first = upgrade_slip.parse(dialog.upgrade_line.text())
        dialog.upgrade_button.click()  # renewed: the first code stops working
        second = upgrade_slip.parse(dialog.upgrade_line.text())
        assert dialog.upgrade_line.isVisible() and "desk-old" in dialog.message.text()
        assert first.desk_id == second.desk_id == "desk-old" and first.code != second.code
        with pytest.raises(StockDeskError, match="expired"):
            desks.register(server_db.uow(), desk_id="desk-old", name="Old counter", code=first.code)
        desks.register(server_db.uow(), desk_id="desk-old", name="Old counter", code=second.code)
        dialog.reload()
        assert cells(dialog.model)[1] == ["Old counter", "desk-old", "never", "active"]
        assert not dialog.upgrade_line.isVisible()  # shown once: gone with the next reading
    finally:
        server_db.close()


@pytest.mark.pg
def test_from_a_registered_desk_an_admin_signs_in_to_the_server_and_revokes_a_desk(
    qtbot, make_desk, sync_api, sync_server, tmp_path
):
    from stockdesk.services.database import open_database

    counter = make_desk("counter")
    yard = make_desk("yard")
    server_db = open_database(sync_server)
    try:
        users.create_first_admin(server_db.uow(), email="boss@example.com", password="boss-pass-1")
        _old_desk(server_db, "desk-old")
    finally:
        server_db.close()
    yard_sync = service(yard, tmp_path)
    assert yard_sync.sync_once().ok
    dialog = DesksDialog(None, server_url=sync_api.base_url, email="boss@example.com")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.sign_in_row.isVisible() and dialog.model.rowCount() == 0
    dialog.password.setText("wrong-pass")
    dialog.sign_in_button.click()
    assert "wrong e-mail or password" in dialog.message.text() and dialog.sign_in_row.isVisible()
    dialog.password.setText("boss-pass-1")
    dialog.sign_in_button.click()
    assert not dialog.sign_in_row.isVisible()
    rows = {row[0]: row for row in cells(dialog.model)}
    assert set(rows) == {"desk counter", "desk yard", "(database-login era)"}
    assert rows["desk counter"][2] == "never" and rows["desk yard"][2] != "never"  # the yard has synced
    assert rows["(database-login era)"][1:] == ["desk-old", "never", "not moved: needs its upgrade code"]
    select_row(dialog.table, 2)
    dialog.upgrade_button.click()  # through the server's API
    assert upgrade_slip.parse(dialog.upgrade_line.text()).desk_id == "desk-old"
    dialog.confirm = lambda _question: True
    select_desk(dialog, "desk yard")
    dialog.revoke_button.click()
    states = {row[0]: row[3] for row in cells(dialog.model)}
    assert states["desk counter"] == "active" and states["desk yard"] == "revoked"
    catalog.create_item(yard.uow(), users.system_actor(yard.uow()), sku="KEPT-1", name="Kept")
    report = yard_sync.sync_once()
    assert not report.ok and "revoked" in report.error
    with yard.engine.connect() as connection:
        assert queued_changes(connection) > 0  # the desk keeps its change, unsent
    assert service(counter, tmp_path).sync_once().ok  # the other desk syncs on
