"""The Locations page (a store's zone → bin tree: add, archive, restore, labels; read-only for clerks)
and the dialog that moves stock between locations, opened from the items window."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog

from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import audit_query, users
from stockdesk.services.catalogue import catalog
from stockdesk.services.database import Database
from stockdesk.services.inventory import stock
from stockdesk.services.places import locations
from stockdesk.services.places.place_levels import item_places
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.ui.dialogs.labels_dialog import LabelsDialog
from stockdesk.ui.dialogs.move_location import MoveLocationDialog
from stockdesk.ui.main_window import MainWindow
from stockdesk.ui.pages.locations_page import LocationsPage, NewLocationDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def answering(shown: list[QDialog], fill: Callable[[QDialog], None]) -> Callable[[QDialog], bool]:
    """A run_dialog that fills the dialog as a person would, then presses its OK button."""

    def run(dialog: QDialog) -> bool:
        shown.append(dialog)
        fill(dialog)
        if not isinstance(dialog, LabelsDialog):
            dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    return run


def new_location(code: str, kind: str = "", name: str = "") -> Callable[[QDialog], None]:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewLocationDialog)
        dialog.code.setText(code)
        dialog.name.setText(name)
        if kind:
            dialog.kind.setCurrentIndex(dialog.kind.findData(kind))

    return fill


def tree_rows(page: LocationsPage) -> list[tuple[str, ...]]:
    """Each row as (indented code, name, kind, status), depth first."""
    model = page.tree.model()
    rows: list[tuple[str, ...]] = []

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(model.rowCount(parent)):
            cells = [model.index(row, column, parent) for column in range(model.columnCount(parent))]
            rows.append(("  " * depth + cells[0].data(), *(c.data() for c in cells[1:])))
            walk(cells[0], depth + 1)

    walk(QModelIndex(), 0)
    return rows


def select(page: LocationsPage, code: str) -> None:
    model = page.tree.model()
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    [found] = model.match(model.index(0, 0), Qt.ItemDataRole.DisplayRole, code, -1, flags)
    page.tree.setCurrentIndex(found)


def test_a_manager_builds_archives_and_labels_the_tree_and_a_clerk_only_looks(
    qtbot, gui_db, gui_admin, gui_store, save_artifact
):
    window = MainWindow(gui_db, gui_admin)
    qtbot.addWidget(window)
    window.show_page(window.locations_page)
    page: LocationsPage = window.locations_page.page
    assert window.pages.tabText(window.pages.currentIndex()) == "Locations"
    assert page.hint.text() == "No locations yet: add a zone, then its aisles, shelves and bins."
    shown: list[QDialog] = []

    page.run_dialog = answering(shown, new_location("A", name="Hardware"))
    page.page_actions["add"].trigger()
    assert shown[-1].kind.currentData() == "zone"  # at the top of the store, a zone is offered
    select(page, "A")
    page.run_dialog = answering(shown, new_location("A-01", kind="bin", name="Hooks"))
    page.page_actions["add"].trigger()
    assert shown[-1].kind.findData("aisle") >= 0
    assert tree_rows(page) == [("A", "Hardware", "Zone", ""), ("  A-01", "Hooks", "Bin", "")]
    assert page.selected().code == "A-01"  # the new location is selected, ready for its own children
    save_artifact(window, "locations-page.png")

    # A code already taken is refused under the field, and the dialog stays open with the input.
    page.run_dialog = answering(shown, new_location("a-01"))
    page.page_actions["add"].trigger()
    assert shown[-1].result() != QDialog.DialogCode.Accepted
    assert shown[-1].error_text("code") == 'Code "a-01" is taken: location A-01 has it'

    # Archiving the zone takes its bin along, but not while the bin holds stock.
    hook = catalog.create_item(gui_db.uow(), gui_admin, sku="HOOK", name="S hook")
    bin_id = page.selected().id
    stock.receive(
        gui_db.uow(),
        gui_admin,
        item_id=hook.id,
        store_id=gui_store.id,
        quantity="3",
        place=PlaceChoice(location_id=bin_id),
    )
    select(page, "A")
    page.page_actions["archive"].trigger()
    assert "still holds stock at A-01" in page.message.text()
    stock.move_within_store(
        gui_db.uow(),
        gui_admin,
        item_id=hook.id,
        store_id=gui_store.id,
        to_location_id=None,
        quantity="3",
        place=PlaceChoice(location_id=bin_id),
    )
    page.page_actions["archive"].trigger()
    assert page.message.text() == ""
    assert tree_rows(page) == []
    page.show_archived.setChecked(True)
    assert tree_rows(page) == [("A", "Hardware", "Zone", "archived"), ("  A-01", "Hooks", "Bin", "archived")]
    select(page, "A-01")
    assert page.archive_action.text() == "&Restore"
    page.page_actions["archive"].trigger()  # a bin of an archived zone: the zone comes back first
    assert "is under A, which is archived" in page.message.text()
    select(page, "A")
    page.page_actions["archive"].trigger()
    assert tree_rows(page) == [("A", "Hardware", "Zone", ""), ("  A-01", "Hooks", "Bin", "")]

    # A new name; the code (on the printed label) stays.
    page.run_dialog = answering(shown, lambda dialog: dialog.name.setText("Hardware and tools"))
    page.page_actions["rename"].trigger()
    assert tree_rows(page)[0] == ("A", "Hardware and tools", "Zone", "")

    # Labels of the selected zone bring its bins along.
    page.run_dialog = answering(shown, lambda _dialog: None)
    page.page_actions["labels"].trigger()
    labels = shown[-1]
    qtbot.addWidget(labels)
    assert isinstance(labels, LabelsDialog)
    assert [(line.label.name, line.label.code, line.label.corner) for line in labels.lines] == [
        ("A — Hardware and tools", "A", "MAIN"),
        ("A › A-01 — Hooks", "A-01", "MAIN"),
    ]

    # A clerk sees the same tree and may print labels, but changes nothing.
    users.create_user(
        gui_db.uow(),
        gui_admin,
        email="clerk@example.com",
        password="clerk-pass-1",
        role="clerk",
        store_ids=[gui_store.id],
    )
    clerk = users.authenticate(gui_db.uow(), email="clerk@example.com", password="clerk-pass-1")
    read_only = LocationsPage(gui_db, clerk)
    qtbot.addWidget(read_only)
    select(read_only, "A-01")
    assert tree_rows(read_only) == tree_rows(page)
    assert [key for key, action in read_only.page_actions.items() if action.isEnabled()] == ["labels"]
    assert read_only.hint.text() == "Read only: managers and admins change locations."
    read_only.page_actions["archive"].trigger()
    assert locations.locations_of(gui_db.uow(), gui_store.id)[1].active


def test_the_move_dialog_moves_unplaced_stock_to_a_bin_and_a_lot_between_bins(
    qtbot, gui_db, gui_admin, gui_store, save_artifact
):
    zone = locations.create_location(gui_db.uow(), gui_admin, store_id=gui_store.id, code="B", kind="zone")
    one, _two = (
        locations.create_location(
            gui_db.uow(), gui_admin, store_id=gui_store.id, code=code, parent_id=zone.id
        )
        for code in ("B-1", "B-2")
    )
    glue = catalog.create_item(gui_db.uow(), gui_admin, sku="GLUE", name="Wood glue", tracking="expiry")
    for lot, days, quantity, bin_ in (("L1", 30, "5", one), ("L2", 90, "7", one)):
        stock.receive(
            gui_db.uow(),
            gui_admin,
            item_id=glue.id,
            store_id=gui_store.id,
            quantity=quantity,
            place=PlaceChoice(location_id=bin_.id, lot=lot, expires_on=date.today() + timedelta(days=days)),
        )
    nail = catalog.create_item(gui_db.uow(), gui_admin, sku="NAIL", name="Nails 40 mm")
    stock.receive(gui_db.uow(), gui_admin, item_id=nail.id, store_id=gui_store.id, quantity="10")

    window = MainWindow(gui_db, gui_admin)
    qtbot.addWidget(window)
    window.select_row(window.model.find_row(nail.id, hint=0))
    shown: list[QDialog] = []

    def unplaced_to_b1(dialog: QDialog) -> None:
        assert isinstance(dialog, MoveLocationDialog)
        assert [dialog.source.itemText(i) for i in range(dialog.source.count())] == ["Unplaced — 10 on hand"]
        assert dialog.target.currentText() == "B"  # the first location that is not where it is
        dialog.choose(target="B › B-2")
        dialog.quantity.setText("4")

    window.run_dialog = answering(shown, unplaced_to_b1)
    window.actions["move_location"].trigger()
    assert shown[-1].result() == QDialog.DialogCode.Accepted
    assert window.statusBar().currentMessage() == "Move between locations — NAIL: done"
    places = [(p.location_code, p.on_hand) for p in item_places(gui_db.uow(), nail.id)]
    assert places == [("", Decimal(6)), ("B-2", Decimal(4))]

    # A lot-tracked item: From lists each lot where it is, with its use-by date.
    dialog = MoveLocationDialog(gui_db, gui_admin, catalog.get_item(gui_db.uow(), glue.id))
    qtbot.addWidget(dialog)
    texts = [dialog.source.itemText(i) for i in range(dialog.source.count())]
    first, second = (date.today() + timedelta(days=d) for d in (30, 90))
    assert texts == [
        f"B-1 · lot L1 (use by {first.isoformat()}) — 5 on hand",
        f"B-1 · lot L2 (use by {second.isoformat()}) — 7 on hand",
    ]
    dialog.choose(source="B-1 · lot L2", target="B › B-1")
    dialog.quantity.setText("2")
    dialog.accept()
    assert dialog.error_text("to_location").startswith("To")
    assert "is where the stock is already" in dialog.error_text("to_location")
    dialog.choose(target="B › B-2")
    dialog.quantity.setText("8")
    dialog.accept()
    assert dialog.error_text("quantity") == "Only 7 on hand in MAIN B-1 (8 asked for)"
    dialog.adjustSize()  # as it opens, not the size of a widget never shown
    save_artifact(dialog, "move-location-dialog.png")
    dialog.quantity.setText("2")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    places = [(p.location_code, p.lot_code, p.on_hand) for p in item_places(gui_db.uow(), glue.id)]
    assert sorted(places) == [("B-1", "L1", Decimal(5)), ("B-1", "L2", Decimal(5)), ("B-2", "L2", Decimal(2))]


def test_only_a_manager_moves_an_expired_lot_and_the_audit_log_records_the_override(
    qtbot, gui_db, gui_admin, gui_store
):
    shelf, _cold = (
        locations.create_location(gui_db.uow(), gui_admin, store_id=gui_store.id, code=code)
        for code in ("S-1", "COLD")
    )
    milk = catalog.create_item(gui_db.uow(), gui_admin, sku="MILK", name="Milk", tracking="expiry")
    stock.receive(
        gui_db.uow(), gui_admin, item_id=milk.id, store_id=gui_store.id, quantity="3",
        place=PlaceChoice(location_id=shelf.id, lot="OLD", expires_on=date.today() - timedelta(days=2)),
    )  # fmt: skip
    clerk, manager = (
        login_as(gui_db, gui_admin, role, gui_store.id) for role in ("clerk", "manager")
    )

    def move_to_cold(actor: Actor, override: bool) -> MoveLocationDialog:
        dialog = MoveLocationDialog(gui_db, actor, catalog.get_item(gui_db.uow(), milk.id))
        qtbot.addWidget(dialog)
        dialog.choose(source="S-1 · lot OLD", target="COLD")
        dialog.quantity.setText("3")
        if override:
            dialog.allow_expired.click()  # a person clicks; a disabled box stays unchecked
        dialog.accept()
        return dialog

    by_clerk = move_to_cold(clerk, override=True)
    assert not by_clerk.allow_expired.isEnabled() and not by_clerk.allow_expired.isChecked()
    assert by_clerk.allow_expired.toolTip() == "Only a manager or an admin may move an expired lot."
    assert by_clerk.result() != QDialog.DialogCode.Accepted
    assert "expired" in by_clerk.error_text("from")
    by_manager = move_to_cold(manager, override=False)  # without the check, a manager is refused too
    assert "expired" in by_manager.error_text("from")
    by_manager = move_to_cold(manager, override=True)
    assert by_manager.allow_expired.text() == "Move an expired lot (manager)"
    assert by_manager.result() == QDialog.DialogCode.Accepted
    places = [(p.location_code, p.lot_code, p.on_hand) for p in item_places(gui_db.uow(), milk.id)]
    assert places == [("COLD", "OLD", Decimal(3))]
    [entry] = audit_query.audit_page(gui_db.uow(), gui_admin, action="stock.expired_override")
    assert entry.user == "manager@example.com" and entry.entity_id == milk.id
    assert "MILK" in entry.details and "MAIN" in entry.details


def login_as(db: Database, admin: Actor, role: str, store_id: uuid.UUID) -> Actor:
    email = f"{role}@example.com"
    users.create_user(
        db.uow(), admin, email=email, password=f"{role}-pass-1", role=role, name=role.title(),
        store_ids=[store_id],
    )  # fmt: skip
    return users.authenticate(db.uow(), email=email, password=f"{role}-pass-1")
