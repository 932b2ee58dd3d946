"""Stocktake page: start, count by scanning and typing, see the variance with its value, post; bad counts
are all listed, each naming its line."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from stockdesk.services.inventory import stocktake
from stockdesk.ui.planning.stocktake_page import StocktakePage
from tests.gui.planning_fixtures import on_hand, shop

__all__ = ["shop"]  # fixture
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def page(qtbot, gui_db, gui_admin, shop):
    page = StocktakePage(gui_db, gui_admin)
    qtbot.addWidget(page)
    page.resize(1280, 600)
    page.confirm = lambda _question: True
    return page


def scan(qtbot, page, code, quantity="1"):
    page.quantity.setText(quantity)
    page.code.setText(code)
    qtbot.keyClick(page.code, Qt.Key.Key_Return)


def start(qtbot, page):
    with qtbot.waitSignal(page.variance_shown, timeout=10_000):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)


def test_the_stocktake_models_follow_qts_rules(qtbot, page, qtmodeltester):
    start(qtbot, page)
    scan(qtbot, page, "HAM-1")
    assert page.lines.rowCount() == 2 and page.entries.rowCount() == 1
    qtmodeltester.check(page.lines)
    qtmodeltester.check(page.entries)


def test_a_count_is_scanned_typed_shown_as_variance_with_value_and_posted(
    qtbot, page, gui_db, gui_store, shop, save_artifact
):
    start(qtbot, page)
    assert "2 items expected" in page.notice.text()
    for _ in range(3):
        scan(qtbot, page, "4006381333931")  # three hammers on one shelf (barcode) ...
    scan(qtbot, page, "ham-1", "7")  # ... and seven on another, typed by SKU
    scan(qtbot, page, "NAIL-50", "41")
    assert page.entries.entries() == [("4006381333931", "1")] * 3 + [("ham-1", "7"), ("NAIL-50", "41")]
    with qtbot.waitSignal(page.variance_shown, timeout=10_000) as shown:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    report = shown.args[0]
    assert page.entries.rowCount() == 0 and "5 count lines saved" in page.notice.text()
    rows = {
        page.lines.index(r, 0).data(): [page.lines.index(r, c).data() for c in range(2, 7)]
        for r in range(page.lines.rowCount())
    }
    assert rows["HAM-1"] == ["12", "10", "-2", "8.50", "-17.00"]
    assert rows["NAIL-50"] == ["41", "41", "0", "0.10", "0.00"]
    assert report.value_difference == Decimal("-17.00") and "-$17.00" in page.totals.text()
    save_artifact(page, "planning_stocktake.png")

    with qtbot.waitSignal(page.posted, timeout=10_000) as posted:
        qtbot.mouseClick(page.post_button, Qt.MouseButton.LeftButton)
    assert posted.args[0].movements == 2
    assert "Posted 2 count movements" in page.notice.text() and "-$17.00" in page.totals.text()
    assert on_hand(gui_db, shop.hammer, gui_store) == 10
    assert page.session is None and stocktake.list_open(gui_db.uow()) == []
    assert page.lines.rowCount() == 2  # what was posted stays on screen


def test_bad_counts_are_all_listed_naming_their_lines_and_nothing_is_saved(
    qtbot, page, gui_db, save_artifact
):
    start(qtbot, page)
    scan(qtbot, page, "HAM-1", "2")
    scan(qtbot, page, "NOPE-9", "1")
    scan(qtbot, page, "NAIL-50", "a dozen")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    messages = page.problems.messages()
    assert messages == [
        "Line 2 (NOPE-9): code “NOPE-9” is not a known SKU or barcode",
        "Line 3 (NAIL-50): quantity “a dozen” is not a number",
    ], messages
    assert page.problems.isVisibleTo(page)
    assert page.entries.rowCount() == 3  # kept, to be corrected in place
    assert stocktake.variance(gui_db.uow(), page.session.id).counted_lines == 0
    save_artifact(page, "planning_stocktake_problems.png")

    page.entries.setData(page.entries.index(1, 0), "HAM-1")
    page.entries.setData(page.entries.index(2, 1), "12")
    with qtbot.waitSignal(page.variance_shown, timeout=10_000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.problems.messages() == [] and not page.problems.isVisibleTo(page)
    assert stocktake.variance(gui_db.uow(), page.session.id).counted_lines == 2


def test_posting_a_count_twice_is_refused_with_a_message(qtbot, page, gui_db, gui_admin):
    start(qtbot, page)
    take = page.session
    stocktake.post(gui_db.uow(), gui_admin, take.id)  # posted meanwhile, e.g. at another desk
    # The refusal is shown once the attempt is over, so "no `posted` by then" needs no extra wait.
    with qtbot.assertNotEmitted(page.posted):
        qtbot.mouseClick(page.post_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.problems.count() > 0)
    assert "already posted" in page.problems.messages()[0]
