"""A manager corrects a lot's use-by date from the "Where and which lot" table (right-click, *Correct
use-by date…*), in the items window and on the counter's card; a clerk sees the entry greyed."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QDialog

from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import audit_query, users
from stockdesk.services.catalogue import catalog
from stockdesk.services.database import Database
from stockdesk.services.inventory import stock
from stockdesk.services.places.place_levels import item_places
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.ui.counter.feedback import Beeper
from stockdesk.ui.counter.page import CounterPage
from stockdesk.ui.dialogs.correct_expiry import CorrectExpiryDialog
from stockdesk.ui.formatting import format_day
from stockdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def typed() -> date:
    """What was typed at the receipt (read when a test runs, never when the module is imported)."""
    return date.today() + timedelta(days=400)


def right() -> date:
    """What the label says."""
    return date.today() + timedelta(days=40)


def _signed_in(db: Database, admin: Actor, role: str, store_id: uuid.UUID) -> Actor:
    email = f"{role}@example.com"
    users.create_user(
        db.uow(), admin, email=email, password=f"{role}-pass-1", role=role, store_ids=[store_id]
    )
    return users.authenticate(db.uow(), email=email, password=f"{role}-pass-1")


@pytest.fixture
def yogurt(gui_db, gui_admin, gui_store):
    item = catalog.create_item(gui_db.uow(), gui_admin, sku="YOG", name="Yogurt", tracking="expiry")
    stock.receive(
        gui_db.uow(), gui_admin, item_id=item.id, store_id=gui_store.id, quantity="6",
        place=PlaceChoice(lot="Y-7", expires_on=typed()),
    )  # fmt: skip
    return item


def test_a_manager_corrects_the_date_in_the_items_window_and_a_clerk_cannot(
    qtbot, gui_db, gui_admin, gui_store, yogurt
):
    clerk = _signed_in(gui_db, gui_admin, "clerk", gui_store.id)
    as_clerk = MainWindow(gui_db, clerk)
    qtbot.addWidget(as_clerk)
    as_clerk.select_row(as_clerk.model.find_row(yogurt.id, hint=0))
    menu = as_clerk.panel.lot_menu.menu_for(0)
    assert menu is not None
    [entry] = menu.actions()
    assert entry.text() == "Correct use-by date…" and not entry.isEnabled()
    assert entry.toolTip() == "Only a manager or an admin may correct a use-by date."

    manager = _signed_in(gui_db, gui_admin, "manager", gui_store.id)
    window = MainWindow(gui_db, manager)
    qtbot.addWidget(window)
    window.select_row(window.model.find_row(yogurt.id, hint=0))
    assert window.panel.places.index(0, 3).data() == format_day(typed())
    shown: list[CorrectExpiryDialog] = []

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, CorrectExpiryDialog)
        shown.append(dialog)
        assert dialog.expires.date().toPython() == typed()  # starts at the date the lot has
        dialog.accept()  # no reason given: refused, the dialog stays open
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.error_text("reason").startswith("Reason")
        dialog.expires.setDate(right())
        dialog.reason.setText("misread on the delivery note")
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    window.run_dialog = answer  # type: ignore[method-assign,assignment]
    [entry] = window.panel.lot_menu.menu_for(0).actions()  # type: ignore[union-attr]
    assert entry.isEnabled()
    entry.trigger()
    assert len(shown) == 1
    done = f"Use-by date of lot Y-7 (YOG) corrected to {format_day(right())}"
    assert window.statusBar().currentMessage() == done
    assert window.panel.places.index(0, 3).data() == format_day(right())  # the table shows it at once
    assert [p.expires_on for p in item_places(gui_db.uow(), yogurt.id)] == [right()]
    [event] = audit_query.audit_page(gui_db.uow(), gui_admin, action="lot.correct_expiry")
    assert event.user == "manager@example.com"
    assert "expires_on" in event.details and "misread on the delivery note" in event.details
    assert typed().isoformat() in event.details and right().isoformat() in event.details


def test_the_counter_card_offers_the_correction_too(qtbot, gui_db, gui_admin, gui_store, yogurt):
    page = CounterPage(gui_db, gui_admin, beeper=Beeper(enabled=False))
    qtbot.addWidget(page)
    page.show_item(catalog.get_item(gui_db.uow(), yogurt.id))

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, CorrectExpiryDialog)
        dialog.expires.setDate(right())
        dialog.reason.setText("supplier's notice")
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    page.run_dialog = answer  # type: ignore[method-assign,assignment]
    [entry] = page.card.lot_menu.menu_for(0).actions()  # type: ignore[union-attr]
    entry.trigger()
    assert page.banner_text() == f"Use-by date of lot Y-7 (YOG) corrected to {format_day(right())}"
    assert page.card.places.index(0, 3).data() == format_day(right())
