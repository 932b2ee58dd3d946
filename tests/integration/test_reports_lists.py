"""Low stock list, stocktake sheet, item card (its barcode scans) and the `stockdesk report` command."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pypdfium2
import pytest
import zxingcpp

from stockdesk.cli import main
from stockdesk.domain.errors import NotFound
from stockdesk.domain.movements import MovementKind
from stockdesk.reports.formatters import money
from stockdesk.reports.registry import run_report
from stockdesk.reports.spec import ReportOptions
from tests.integration.report_helpers import (
    DAY,
    NOW,
    Shop,
    add_item,
    all_lines,
    make_stores,
    post,
    read_csv,
    save_artifact,
)

EAN = "4006381333931"


@pytest.fixture
def shop(db, admin) -> Shop:
    shop = Shop()
    make_stores(db, admin, shop, "MAIN", "BR")
    add_item(db, admin, shop, "LOW-1", "2.50", "4.00", reorder_point="5", reorder_qty="12", barcodes=[EAN])
    add_item(db, admin, shop, "LOW-2", "1.00", "2.00", reorder_point="30", reorder_qty="10")
    add_item(db, admin, shop, "OK-3", "1.00", "2.00", reorder_point="2", reorder_qty="10")
    add_item(db, admin, shop, "NOPOLICY", "1.00", "2.00")
    post(db, admin, shop, MovementKind.RECEIVE, "LOW-1", "MAIN", "8", NOW - 3 * DAY)
    post(db, admin, shop, MovementKind.SALE, "LOW-1", "MAIN", "5", NOW - 2 * DAY)
    post(db, admin, shop, MovementKind.RECEIVE, "LOW-1", "BR", "9", NOW - 2 * DAY)
    post(db, admin, shop, MovementKind.RECEIVE, "LOW-2", "BR", "4", NOW - 2 * DAY)
    post(db, admin, shop, MovementKind.RECEIVE, "OK-3", "MAIN", "3", NOW - 2 * DAY)
    post(db, admin, shop, MovementKind.RECEIVE, "NOPOLICY", "MAIN", "1", NOW - 2 * DAY)
    return shop


def test_low_stock_lists_what_is_at_or_below_its_reorder_point_with_a_quantity_to_order(
    db, admin, shop, tmp_path
):
    result = run_report(db, admin, "low-stock", ReportOptions(), tmp_path / "low.csv")
    rows = [
        (r["Section"], r["SKU"], r["On hand"], r["On order"], r["Suggested"], r["Order value"])
        for r in read_csv(result.path)
        if r["Line"] == "row"
    ]
    # The reorder quantity is the pack size: LOW-1 in MAIN (3 of 5) needs 2, one pack of 12;
    # LOW-2 in BR (4 of 30) needs 26, three packs of 10.
    assert [row[:2] for row in rows] == [("BR Store BR", "LOW-2"), ("MAIN Store MAIN", "LOW-1")]
    assert [row[2:] for row in rows] == [
        ("4.000", "0.000", "30.000", "30.00"),
        ("3.000", "0.000", "12.000", "30.00"),
    ]
    reasons = [r["Reason"] for r in read_csv(result.path) if r["Line"] == "row"]
    assert "reorder point 30 (set by manager)" in reasons[0] and "order 30 (multiple of 10)" in reasons[0]
    assert result.totals["order_value"] == Decimal("60.00")
    pdf = run_report(db, admin, "low-stock", ReportOptions(store="main"), tmp_path / "low.pdf")
    lines = all_lines(pdf.path)
    assert lines[0] == "Low stock and reorder list"
    assert "LOW-1" in lines and "LOW-2" not in lines and "OK-3" not in lines
    assert lines[lines.index("Grand total") + 1] == money(Decimal(30))


def test_the_stocktake_sheet_lists_each_stores_items_with_barcode_and_a_blank_count(
    db, admin, shop, tmp_path
):
    result = run_report(db, admin, "stocktake-sheet", ReportOptions(store="MAIN"), tmp_path / "sheet.csv")
    rows = [(r["SKU"], r["Barcode"], r["Counted"]) for r in read_csv(result.path) if r["Line"] == "row"]
    assert rows == [("LOW-1", EAN, ""), ("NOPOLICY", "", ""), ("OK-3", "", "")]
    pdf = run_report(db, admin, "stocktake-sheet", ReportOptions(store="MAIN"), tmp_path / "sheet.pdf")
    lines = all_lines(pdf.path)
    assert lines[0] == "Stocktake sheet" and EAN in lines
    assert "Counted" in lines and lines.count("_" * 14) == 3
    assert "8" not in lines and "3" not in lines  # blind: the book quantity is not printed
    save_artifact(pdf.path, "stocktake_sheet")


def test_the_item_card_shows_details_stock_per_store_and_a_barcode_that_scans(db, admin, shop, tmp_path):
    result = run_report(db, admin, "item-card", ReportOptions(sku="LOW-1"), tmp_path / "card.pdf")
    lines = all_lines(result.path)
    assert lines[0] == "Item card: LOW-1"
    for expected in ("Item LOW-1", "2.50", "4.00", "MAIN Store MAIN", "BR Store BR", "All stores", "12"):
        assert expected in lines
    total_line = len(lines) - 1 - lines[::-1].index("All stores")  # the first is the page header's
    assert lines[total_line + 1] == "12"
    assert lines.count("receive") == 2 and lines.count("sale") == 1
    image = pypdfium2.PdfDocument(result.path)[0].render(scale=200 / 72).to_pil().convert("L")
    assert [code.text for code in zxingcpp.read_barcodes(np.asarray(image))] == [EAN]
    save_artifact(result.path, "item_card")
    card_csv = run_report(db, admin, "item-card", ReportOptions(sku="LOW-1"), tmp_path / "card.csv")
    rows = read_csv(card_csv.path)
    assert {"Details", "Stock per store", "Last 30 movements"} == {r["Section"] for r in rows}
    assert [r["Quantity"] for r in rows if r["Store / field"] == "All stores"] == ["12.000"]


def test_an_unknown_item_is_named_in_the_error_and_no_file_is_left(db, admin, shop, tmp_path):
    with pytest.raises(NotFound, match="NOPE"):
        run_report(db, admin, "item-card", ReportOptions(sku="NOPE"), tmp_path / "card.pdf")
    assert list(tmp_path.iterdir()) == []


def test_the_report_command_writes_the_file_and_prints_the_totals(db, admin, shop, tmp_path, capsys):
    url = db.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "v.csv"
    assert main(["--db", url, "report", "valuation", "--out", str(out), "--store", "BR"]) == 0
    assert "cost_value 26.50" in capsys.readouterr().out  # BR: 9 x 2.50 + 4 x 1.00
    assert [r["SKU"] for r in read_csv(out) if r["Line"] == "row"] == ["LOW-1", "LOW-2"]
    assert main(["--db", url, "report", "movements", "--out", str(out), "--kind", "theft"]) == 2
    assert "kind" in capsys.readouterr().err
