"""Recorded webcam footage through the scanner dock into the counter page, as a clerk would scan."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMainWindow

from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import stock
from stockdesk.ui.counter.feedback import Beeper
from stockdesk.ui.counter.page import CounterPage
from stockdesk.ui.scanner_dock import ScannerDock
from tests.support.barcode_video import write_video

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

EAN = "4006381333931"
UPCA = "036000291452"
GS1_DATAMATRIX = f"(01)0{EAN}(17)261231(10)LOT-7"
# A store label first (location-first), then items; the tea shows up twice with the desk empty between.
FOOTAGE = [
    ("QRCODE", "STORE:BR"),
    ("EAN13", EAN),
    ("UPCA", UPCA),
    ("CODE128", "TEA-2"),
    ("DATAMATRIX", GS1_DATAMATRIX),
    ("QRCODE", "NOBODY-HAS-THIS"),
]


@pytest.fixture
def shop(gui_db, gui_admin, gui_store):
    branch = organisation.create_store(gui_db.uow(), gui_admin, code="BR", name="Branch")
    tea = catalog.create_item(
        gui_db.uow(), gui_admin, sku="TEA-1", name="Green tea", sell_price="3.50", barcodes=[EAN]
    )
    catalog.create_item(gui_db.uow(), gui_admin, sku="SODA", name="Soda can", barcodes=[UPCA])
    catalog.create_item(gui_db.uow(), gui_admin, sku="TEA-2", name="Black tea")
    stock.receive(gui_db.uow(), gui_admin, item_id=tea.id, store_id=branch.id, quantity="5")
    return {"branch": branch, "main": gui_store}


@pytest.fixture
def counter(qtbot, gui_db, gui_admin, shop):
    window = QMainWindow()
    page = CounterPage(gui_db, gui_admin, beeper=Beeper())
    page.set_location(shop["main"].id)
    window.setCentralWidget(page)
    dock = ScannerDock(window, pace=False)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.scanned.connect(page.handle_scan)
    window.resize(1400, 800)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, page, dock


def deliver_queued_scans() -> None:
    """The camera thread has ended, so every scan it emitted is already queued for this thread:
    delivering the posted events hands them all to the page (no sleep, however slow the machine)."""
    QCoreApplication.sendPostedEvents()


def shown_items(page):
    return [(entry.code, entry.text, entry.ok) for entry in page.shift.entries()]


@pytest.mark.parametrize("variant", ["blur", "noise", "rotation", "perspective", "low_contrast"])
def test_distorted_footage_shows_the_right_items_once_each(
    qtbot, tmp_path, counter, shop, variant, save_artifact
):
    window, page, dock = counter
    video = write_video(tmp_path / f"{variant}.avi", FOOTAGE, variant=variant)
    shown = []
    page.item_shown.connect(lambda item: shown.append(item.sku))
    dock.start(str(video))
    qtbot.waitUntil(lambda: not dock.is_running(), timeout=60_000)
    deliver_queued_scans()
    assert shown == ["TEA-1", "SODA", "TEA-2", "TEA-1"]
    assert page.location_id() == shop["branch"].id
    # The footage ends on an unknown code: the card no longer shows the TEA-1 scanned before it.
    assert page.item is None and page.card.on_hand_text("BR") == ""
    assert page.pending_unknown.code == "NOBODY-HAS-THIS"
    assert [ok for _code, _text, ok in shown_items(page)] == [True] * 5 + [False]
    assert page.beeper.played == 5
    assert dock.last_frame is not None
    if variant == "perspective":
        save_artifact(window, "counter-with-dock.png")


def test_the_same_item_held_twice_with_a_gap_is_two_scans(qtbot, tmp_path, counter):
    _window, page, dock = counter
    video = write_video(
        tmp_path / "twice.avi", [("EAN13", EAN), ("EAN13", EAN), ("EAN13", EAN)], gap_frames=60
    )  # two seconds of empty desk between: longer than the de-bounce
    dock.start(str(video))
    qtbot.waitUntil(lambda: not dock.is_running(), timeout=60_000)
    deliver_queued_scans()
    assert [text for _code, text, _ok in shown_items(page)] == ["TEA-1 — Green tea"] * 3


def test_without_continuous_mode_the_dock_stops_after_the_first_scan(qtbot, tmp_path, counter):
    _window, page, dock = counter
    dock.continuous.setChecked(False)
    dock.start(str(write_video(tmp_path / "two.avi", [("EAN13", EAN), ("UPCA", UPCA)])))
    qtbot.waitUntil(lambda: not dock.is_running(), timeout=60_000)
    deliver_queued_scans()
    assert [code for code, _text, _ok in shown_items(page)] == [EAN]


def test_a_missing_camera_gives_a_clear_message_not_a_crash(qtbot, counter):
    _window, _page, dock = counter
    dock.start("7")
    qtbot.waitUntil(lambda: "No picture" in dock.status.text(), timeout=10_000)
    assert "camera 7: cannot be opened" in dock.status.text()
    assert dock.preview.text() == "No camera"
    qtbot.waitUntil(lambda: not dock.is_running(), timeout=5_000)


def test_closing_the_window_stops_and_joins_the_camera_thread(qtbot, tmp_path, shop, gui_db, gui_admin):
    window = QMainWindow()
    dock = ScannerDock(window, pace=True)  # paced like a real camera: still running when we close
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    qtbot.addWidget(window)
    window.show()
    dock.start(str(write_video(tmp_path / "long.avi", [("EAN13", EAN)] * 20)))
    qtbot.waitUntil(lambda: dock.last_frame is not None, timeout=10_000)
    assert dock.is_running()
    window.close()
    assert not dock.is_running()
