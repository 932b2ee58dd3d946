"""Location-first stocktake in the window (issue 20): scan a location's label, then its items, and see the
location's expected vs counted as you go; driven by a USB wedge's keystrokes in the main window and by
webcam footage of printed labels through the scanner dock."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QMainWindow

from stockdesk.reports.label_sources import item_label
from stockdesk.reports.labels import Label, write_labels
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import check, stock
from stockdesk.services.places import locations
from stockdesk.services.places.place_levels import item_places
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.ui.main_window import MainWindow
from stockdesk.ui.planning.stocktake_page import StocktakePage
from stockdesk.ui.scanner_dock import ScannerDock
from tests.gui.test_wedge import Keyboard
from tests.support.barcode_video import printed_labels, write_symbol_video

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BOLT_EAN, NUT_EAN = "4006381333931", "96385074"


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def shelves(gui_db, gui_admin, gui_store):
    """Zone A with shelves A-01 (10 bolts) and A-02 (4 nuts) in MAIN."""
    zone = locations.create_location(gui_db.uow(), gui_admin, store_id=gui_store.id, code="A", kind="zone")
    shelves = [
        locations.create_location(
            gui_db.uow(), gui_admin, store_id=gui_store.id, code=code, name=name, parent_id=zone.id
        )
        for code, name in (("A-01", "Screws and bolts"), ("A-02", "Nuts"))
    ]
    bolt = catalog.create_item(gui_db.uow(), gui_admin, sku="BOLT", name="Hex bolt M8", barcodes=[BOLT_EAN])
    nut = catalog.create_item(gui_db.uow(), gui_admin, sku="NUT", name="Hex nut M8", barcodes=[NUT_EAN])
    for item, quantity, shelf in ((bolt, "10", shelves[0]), (nut, "4", shelves[1])):
        stock.receive(
            gui_db.uow(),
            gui_admin,
            item_id=item.id,
            store_id=gui_store.id,
            quantity=quantity,
            place=PlaceChoice(location_id=shelf.id),
        )
    return zone, shelves, bolt, nut


def start_count(qtbot, page, *, zone=None):
    for row in range(page.zones.count()):
        entry = page.zones.item(row)
        if zone is not None and entry.data(Qt.ItemDataRole.UserRole) == zone.id:
            entry.setCheckState(Qt.CheckState.Checked)
    page.confirm = lambda _question: True
    with qtbot.waitSignal(page.variance_shown, timeout=10_000):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.session.by_place and page.place.isVisibleTo(page)


def at_location(page):
    """The location table as shown: SKU -> (expected, counted)."""
    model = page.place.model
    return {
        model.index(r, 0).data(): (model.index(r, 3).data(), model.index(r, 4).data())
        for r in range(model.rowCount())
    }


def places(db, item):
    return [(p.location_code, p.on_hand) for p in item_places(db.uow(), item.id)]


def test_a_wedge_scanner_counts_a_zone_shelf_by_shelf_in_the_main_window(
    qtbot, gui_db, gui_admin, shelves, save_artifact
):
    zone, _shelves, bolt, nut = shelves
    window = MainWindow(gui_db, gui_admin)
    qtbot.addWidget(window)
    window.resize(1400, 800)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(window.planning.stocktake_tab)
    page = window.planning.stocktake
    assert [page.zones.item(r).text() for r in range(page.zones.count())] == ["A", "A › A-01", "A › A-02"]
    start_count(qtbot, page, zone=zone)
    window.activateWindow()
    page.code.setFocus()
    qtbot.waitUntil(page.code.hasFocus)
    keyboard = Keyboard()

    def scan(code):  # a wedge types a few milliseconds apart and ends with Enter
        keyboard.type(code + "\r", gap_ms=5)
        keyboard.pause(1_000)

    scan("A-01")
    assert "A › A-01" in page.place.title.text() and at_location(page) == {"BOLT": ("10", "")}
    for _ in range(3):
        scan(BOLT_EAN)
    assert at_location(page) == {"BOLT": ("10", "3")}
    page.quantity.selectAll()
    qtbot.keyClicks(page.quantity, "6")  # six more in a closed box: the quantity, then the scan
    page.code.setFocus()
    scan(BOLT_EAN)
    assert at_location(page) == {"BOLT": ("10", "9")} and page.quantity.text() == "1"

    scan("A-02")
    assert at_location(page) == {"NUT": ("4", "")}  # nothing counted here yet
    scan(NUT_EAN)
    # A scan with the focus away from the scan field still counts here, not at the counter page.
    page.place.view.setFocus()
    qtbot.waitUntil(page.place.view.hasFocus)
    scan(NUT_EAN)
    assert window.current_page() is page
    assert at_location(page) == {"NUT": ("4", "2")}
    scan("NOT-A-THING")
    assert page.problems.messages() == ["Scan NOT-A-THING: code “NOT-A-THING” is not a known SKU or barcode"]
    assert page.entries.rowCount() == 0  # counted at the shelves, nothing left to save
    save_artifact(window, "stocktake_by_location.png")

    with qtbot.waitSignal(page.variance_shown, timeout=10_000):
        qtbot.mouseClick(page.place.leave_button, Qt.MouseButton.LeftButton)
    columns = [page.lines.headerData(c, Qt.Orientation.Horizontal) for c in range(page.lines.columnCount())]
    rows = [[page.lines.index(r, c).data() for c in (7, 0, 2, 3, 4)] for r in range(page.lines.rowCount())]
    assert columns[7] == "Location" and not page.variance_view.isColumnHidden(7)
    assert rows == [["A-01", "BOLT", "10", "9", "-1"], ["A-02", "NUT", "4", "2", "-2"]]
    with qtbot.waitSignal(page.posted, timeout=10_000):
        qtbot.mouseClick(page.post_button, Qt.MouseButton.LeftButton)
    assert places(gui_db, bolt) == [("A-01", Decimal(9))] and places(gui_db, nut) == [("A-02", Decimal(2))]
    assert check.find_differences(gui_db.uow()) == []


def test_webcam_footage_of_printed_labels_counts_at_the_location_shown_first(
    qtbot, tmp_path, gui_db, gui_admin, shelves
):
    _zone, (a1, a2), bolt, nut = shelves
    window = QMainWindow()
    page = StocktakePage(gui_db, gui_admin)
    window.setCentralWidget(page)
    dock = ScannerDock(window, pace=False)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.scanned.connect(page.handle_scan)
    qtbot.addWidget(window)
    window.resize(1400, 800)
    window.show()
    qtbot.waitExposed(window)
    start_count(qtbot, page)  # the whole store

    # The labels as the labels feature prints them, rasterised and held up to the camera in turn.
    sheet = tmp_path / "labels.pdf"
    shelf_label = {s.code: Label(f"{s.code} — {s.name}", None, s.code, "code128") for s in (a1, a2)}
    shown = [shelf_label["A-01"], item_label(nut), item_label(bolt), shelf_label["A-02"], item_label(nut)]
    write_labels(sheet, shown, "a4-3x8")
    pictures = printed_labels(sheet, "a4-3x8", len(shown))
    # Two seconds between the two nuts: longer than the de-bounce, so they are two scans.
    video = write_symbol_video(tmp_path / "labels.avi", pictures, gap_frames=12)
    dock.start(str(video))
    qtbot.waitUntil(lambda: not dock.is_running(), timeout=60_000)
    QCoreApplication.sendPostedEvents()  # the camera thread's scans, queued for this thread

    assert page.place.location.code == "A-02" and at_location(page) == {"NUT": ("4", "1")}
    with qtbot.waitSignal(page.variance_shown, timeout=10_000):
        page.refresh_variance()
    lines = {(v.location, v.sku): (v.expected, v.counted) for v in page.variance.lines}
    # A nut was found on the bolts' shelf too: it is counted where it was seen.
    assert lines == {("A-01", "BOLT"): (10, 1), ("A-01", "NUT"): (0, 1), ("A-02", "NUT"): (4, 1)}
