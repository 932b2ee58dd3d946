"""The report dialog and runner: options per report, the file written off the GUI thread, cancel, errors."""

from __future__ import annotations

import csv
import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget

from stockdesk.domain.movements import MovementKind
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.catalogue import bulk, catalog, organisation
from stockdesk.services.inventory import stock, stocktake
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.ui.dialogs.report_dialog import ReportDialog, open_report_dialog
from stockdesk.ui.report_runner import ReportRunner

# The offscreen platform cannot size top-level windows the way a desktop does; it says so when a
# message box or the dialog is shown, which tells nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def stocked(gui_db, gui_admin, gui_store):
    """300 items with 2 on hand each: a report of several pages. Made in two transactions (the bulk
    create of imports and the demo, then one posting of the receipts), not 600: 2 s a test less."""
    rows = [{"sku": f"S-{n:03d}", "name": f"Item {n}", "cost_price": "1.50"} for n in range(300)]
    ids = bulk.create_items(gui_db.uow(), gui_admin, rows)
    stock.post_movements(
        gui_db.uow(), gui_admin, [MovementRequest(MovementKind.RECEIVE, i, gui_store.id, "2") for i in ids]
    )
    return gui_db


def test_the_dialog_enables_only_the_options_the_chosen_report_reads(qtbot, gui_db, gui_admin, gui_store):
    dialog = ReportDialog(gui_db, gui_admin)
    qtbot.addWidget(dialog)
    dialog.report.setCurrentIndex(dialog.report.findData("valuation"))
    assert dialog.as_of.isEnabled() and dialog.store.isEnabled() and dialog.by_location.isEnabled()
    assert not dialog.date_from.isEnabled() and not dialog.kind.isEnabled()
    assert dialog.output_path().name.startswith("valuation-")
    assert not dialog.by_location.isChecked() and dialog.options().by_location is False  # per category
    dialog.by_location.setChecked(True)
    assert dialog.options() == ReportOptions(as_of=date.today(), by_location=True)
    dialog.report.setCurrentIndex(dialog.report.findData("movements"))
    dialog.store.setCurrentIndex(dialog.store.findData("MAIN"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("sale"))
    dialog.sku.setText("  S-001 ")
    options = dialog.options()
    assert options == ReportOptions(
        store="MAIN",
        date_from=date.today() - timedelta(days=29),
        date_to=date.today(),
        kind="sale",
        sku="S-001",
    )
    assert dialog.output_path().name.startswith("movements-")
    assert not dialog.lot.isEnabled()
    assert not dialog.by_location.isEnabled()  # the valuation's only
    dialog.report.setCurrentIndex(dialog.report.findData("recall"))
    assert dialog.lot.isEnabled() and dialog.sku.isEnabled() and not dialog.store.isEnabled()
    dialog.lot.setText(" L-7 ")
    assert dialog.options() == ReportOptions(sku="S-001", lot="L-7")


def test_the_report_is_written_in_the_background_and_opened(qtbot, stocked, gui_admin, tmp_path):
    window = QWidget()
    qtbot.addWidget(window)
    opened = []
    runner = ReportRunner(window, stocked, gui_admin, opener=lambda path: opened.append(path) or True)
    with qtbot.waitSignal(runner.done, timeout=20_000) as blocker:
        runner.start("valuation", ReportOptions(), tmp_path / "v.pdf")
    assert blocker.args == [tmp_path / "v.pdf"] and opened == [tmp_path / "v.pdf"]
    assert (tmp_path / "v.pdf").stat().st_size > 0
    assert runner.message is None


def test_when_no_viewer_opens_it_the_path_is_shown(qtbot, stocked, gui_admin, tmp_path):
    window = QWidget()
    qtbot.addWidget(window)
    runner = ReportRunner(window, stocked, gui_admin, opener=lambda path: False)
    with qtbot.waitSignal(runner.done, timeout=20_000):
        runner.start("low-stock", ReportOptions(), tmp_path / "low.csv")
    assert runner.message is not None and str(tmp_path / "low.csv") in runner.message.text()
    runner.message.close()


def test_cancelling_stops_the_report_and_leaves_no_file(qtbot, stocked, gui_admin, tmp_path):
    window = QWidget()
    qtbot.addWidget(window)
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    gate = threading.Event()
    pool.start(gate.wait)  # holds the only thread, so the report cannot start before we cancel
    runner = ReportRunner(window, stocked, gui_admin, opener=lambda path: True, pool=pool)
    with qtbot.waitSignal(runner.cancelled, timeout=20_000), qtbot.assertNotEmitted(runner.done):
        runner.start("valuation", ReportOptions(), tmp_path / "v.pdf")
        runner.cancel()
        assert runner.progress.labelText() == "Cancelling…"
        gate.set()
    pool.waitForDone()
    assert [p.name for p in tmp_path.iterdir() if "v.pdf" in p.name] == []  # no report, no part file


def test_a_bad_option_is_shown_as_a_message(qtbot, stocked, gui_admin, tmp_path):
    window = QWidget()
    qtbot.addWidget(window)
    runner = ReportRunner(window, stocked, gui_admin, opener=lambda path: True)
    with qtbot.waitSignal(runner.failed, timeout=20_000) as blocker:
        runner.start("item-card", ReportOptions(sku="NOPE"), tmp_path / "card.pdf")
    assert "NOPE" in blocker.args[0] and "NOPE" in runner.message.text()
    runner.message.close()


def test_open_report_dialog_runs_the_chosen_report_when_accepted(qtbot, stocked, gui_admin, tmp_path):
    window = QWidget()
    qtbot.addWidget(window)
    dialog = open_report_dialog(window, stocked, gui_admin)
    dialog.runner._opener = lambda path: True
    dialog.report.setCurrentIndex(dialog.report.findData("stocktake-sheet"))
    dialog.out.setText(str(tmp_path / "sheet.csv"))
    with qtbot.waitSignal(dialog.runner.done, timeout=20_000):
        dialog.accept()
    assert "S-299" in (tmp_path / "sheet.csv").read_text(encoding="utf-8-sig")


@pytest.fixture
def counts(gui_db, gui_admin, gui_store):
    """Two stocktakes of MAIN (an older posted one and the latest, open) and one of another store."""
    other = organisation.create_store(gui_db.uow(), gui_admin, code="BR", name="Branch")
    item = catalog.create_item(gui_db.uow(), gui_admin, sku="CNT", name="Counted", cost_price="3.00")
    stock.receive(gui_db.uow(), gui_admin, item_id=item.id, store_id=gui_store.id, quantity="10")
    older = stocktake.start(gui_db.uow(), gui_admin, store_id=gui_store.id)
    stocktake.add_counts(gui_db.uow(), gui_admin, older.id, [("CNT", "9")])
    stocktake.post(gui_db.uow(), gui_admin, older.id)
    latest = stocktake.start(gui_db.uow(), gui_admin, store_id=gui_store.id)
    stocktake.add_counts(gui_db.uow(), gui_admin, latest.id, [("CNT", "7")])  # 9 on the books: 2 short
    branch = stocktake.start(gui_db.uow(), gui_admin, store_id=other.id)
    return older, latest, branch


def test_the_variance_report_offers_the_chosen_stores_stocktakes_latest_first(
    qtbot, gui_db, gui_admin, counts
):
    older, latest, branch = counts
    dialog = ReportDialog(gui_db, gui_admin)
    qtbot.addWidget(dialog)
    dialog.report.setCurrentIndex(dialog.report.findData("stocktake-variance"))
    assert dialog.stocktake.isEnabled() and not dialog.as_of.isEnabled()
    assert dialog.stocktake.count() == 3 and dialog.stocktake.currentData() == str(branch.id)
    dialog.store.setCurrentIndex(dialog.store.findData("MAIN"))
    offered = [dialog.stocktake.itemData(i) for i in range(dialog.stocktake.count())]
    assert offered == [str(latest.id), str(older.id)]
    assert "MAIN" in dialog.stocktake.currentText() and "open" in dialog.stocktake.currentText()
    assert dialog.options() == ReportOptions(store="MAIN", stocktake=str(latest.id))
    dialog.report.setCurrentIndex(dialog.report.findData("valuation"))
    assert not dialog.stocktake.isEnabled() and dialog.options().stocktake is None


def test_a_store_without_stocktakes_says_so(qtbot, gui_db, gui_admin, gui_store):
    dialog = ReportDialog(gui_db, gui_admin)
    qtbot.addWidget(dialog)
    assert dialog.stocktake.count() == 1 and dialog.stocktake.currentData() is None
    assert dialog.stocktake.currentText() == "No stocktakes yet"


def test_the_chosen_stocktakes_variance_is_written_from_the_dialog(
    qtbot, gui_db, gui_admin, counts, tmp_path
):
    _older, latest, _branch = counts
    window = QWidget()
    qtbot.addWidget(window)
    dialog = open_report_dialog(window, gui_db, gui_admin)
    dialog.runner._opener = lambda path: True
    dialog.report.setCurrentIndex(dialog.report.findData("stocktake-variance"))
    dialog.store.setCurrentIndex(dialog.store.findData("MAIN"))
    dialog.out.setText(str(tmp_path / "variance.csv"))
    with qtbot.waitSignal(dialog.runner.done, timeout=20_000):
        dialog.accept()
    expected = stocktake.variance(gui_db.uow(), latest.id)
    rows = list(csv.DictReader((tmp_path / "variance.csv").read_text(encoding="utf-8-sig").splitlines()))
    [total] = [r for r in rows if r["Line"] == "total"]
    assert Decimal(total["Value diff."]) == expected.value_difference == Decimal("-6.00")
    assert Decimal(total["Difference"]) == expected.quantity_difference


def test_the_valuation_is_per_category_unless_per_location_is_checked(
    qtbot, gui_db, gui_admin, gui_store, tmp_path
):
    from stockdesk.services.places import locations
    from stockdesk.services.places.placing import PlaceChoice

    shelf = locations.create_location(gui_db.uow(), gui_admin, store_id=gui_store.id, code="A-01")
    glue = catalog.create_item(gui_db.uow(), gui_admin, sku="GLUE", name="Glue", cost_price="2.00")
    stock.receive(
        gui_db.uow(), gui_admin, item_id=glue.id, store_id=gui_store.id, quantity="3",
        place=PlaceChoice(location_id=shelf.id),
    )  # fmt: skip
    window = QWidget()
    qtbot.addWidget(window)
    headings = []
    for checked in (False, True):
        dialog = open_report_dialog(window, gui_db, gui_admin)
        dialog.runner._opener = lambda path: True  # type: ignore[union-attr]
        dialog.report.setCurrentIndex(dialog.report.findData("valuation"))
        dialog.by_location.setChecked(checked)
        out = tmp_path / f"valuation-{checked}.csv"
        dialog.out.setText(str(out))
        with qtbot.waitSignal(dialog.runner.done, timeout=20_000):  # type: ignore[union-attr]
            dialog.accept()
        text = out.read_text(encoding="utf-8-sig")
        sections = ("MAIN Main store · Uncategorised", "MAIN Main store · A-01")
        headings.append([heading for heading in sections if heading in text])
    assert headings == [["MAIN Main store · Uncategorised"], ["MAIN Main store · A-01"]]
