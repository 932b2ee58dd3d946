"""A first start a new user gets right: actions ask for their item, and the terminal stays quiet."""

import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from stockdesk.ui.dialogs.item_picker import ItemPickerDialog
from stockdesk.ui.dialogs.movement import MovementDialog
from tests.gui.test_main_window import open_window, own_settings  # noqa: F401  (fixtures)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def two_items(gui_db, gui_admin, gui_store):
    return [
        catalog.create_item(gui_db.uow(), gui_admin, sku=sku, name=name, sell_price=Decimal("9.90"))
        for sku, name in (("HAM-1", "Claw hammer 450 g"), ("SAW-1", "Hand saw 500 mm"))
    ]


def test_receive_from_the_dashboard_with_nothing_selected_asks_which_item_first(
    qtbot, gui_db, gui_admin, gui_store, two_items, open_window  # noqa: F811
):
    window, dialogs = open_window(gui_db, gui_admin)
    window.show_page(window.dashboard)
    assert window.current_item is None and window.actions["receive"].isEnabled()

    def pick_the_saw(picker: ItemPickerDialog) -> None:
        assert "Receive" in picker.windowTitle()
        qtbot.keyClicks(picker.search, "saw")
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    def receive_4(dialog: MovementDialog) -> None:
        assert dialog.item.sku == "SAW-1"
        qtbot.keyClicks(dialog.quantity, "4")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    dialogs.drivers = [pick_the_saw, receive_4]
    window.actions["receive"].trigger()
    assert [type(d) for d in dialogs.seen] == [ItemPickerDialog, MovementDialog]
    assert stock.on_hand_of(gui_db.uow(), two_items[1].id, gui_store.id) == 4
    assert stock.on_hand_of(gui_db.uow(), two_items[0].id, gui_store.id) == 0


def test_cancelling_the_item_question_does_nothing(qtbot, gui_db, gui_admin, two_items, open_window):  # noqa: F811
    window, dialogs = open_window(gui_db, gui_admin)
    dialogs.drivers = [lambda picker: picker.reject()]
    window.actions["sell"].trigger()
    assert len(dialogs.seen) == 1  # no sale dialog for an item nobody chose


def test_the_first_beep_prints_nothing_on_the_terminal(tmp_path):
    script = textwrap.dedent(
        """
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication
        from stockdesk.ui.qt_messages import send_qt_messages_to_log
        from stockdesk.services.maintenance.logging_setup import configure_logging
        configure_logging()
        send_qt_messages_to_log()
        app = QApplication([])
        from stockdesk.ui.counter.feedback import Beeper
        Beeper().beep()
        app.processEvents()
        print("beeped")
        """
    )
    env = {"STOCKDESK_LOG_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert run.stdout.strip() == "beeped"
    assert run.stderr == ""
