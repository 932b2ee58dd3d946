"""Reports fed by the planning services: the reorder list (suggestions, on order from purchase orders)
and the stocktake variance report, each written as PDF and CSV and read back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stockdesk.cli import main
from stockdesk.domain.errors import NotFound
from stockdesk.domain.movements import MovementKind
from stockdesk.reports import low_stock
from stockdesk.reports.formatters import money
from stockdesk.reports.purchase_order import write_order_pdf
from stockdesk.reports.registry import run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.exchange.report_queries import low_stock_rows
from stockdesk.services.inventory import stock, stocktake
from stockdesk.services.inventory.stocktake_queries import recent_stocktakes
from stockdesk.services.planning import purchasing, reorder
from stockdesk.services.planning.purchasing import DraftLine
from tests.integration.report_helpers import (
    DAY,
    NOW,
    Shop,
    add_item,
    all_lines,
    post,
    read_csv,
    save_artifact,
)


def csv_rows(path) -> list[dict[str, str]]:
    return [r for r in read_csv(path) if r["Line"] == "row"]


def pdf_row(lines: list[str], sku: str, cells: int) -> list[str]:
    """The cells of one table row as pypdf reads them (each cell on a line of its own)."""
    start = lines.index(sku)
    return lines[start : start + cells]


@pytest.fixture
def drill(db, admin, main_store):
    """A drill with a supplier: 5 on hand in MAIN, reorder point 20, sold in packs of 1."""
    acme = organisation.create_supplier(
        db.uow(), admin, name="Acme", email="orders@acme.example", lead_time_days=4
    )
    item = catalog.create_item(
        db.uow(),
        admin,
        sku="DRILL",
        name="Drill",
        supplier_id=acme.id,
        cost_price="40.00",
        reorder_point="20",
        reorder_qty="1",
    )
    stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="5")
    return item


def test_an_open_purchase_order_reduces_the_suggested_quantity_in_pdf_and_csv(
    db, manager, clerk, main_store, drill, tmp_path
):
    before = run_report(db, manager, "low-stock", ReportOptions(store="MAIN"), tmp_path / "before.csv")
    [row] = csv_rows(before.path)
    assert (row["On hand"], row["On order"], row["Suggested"]) == ("5.000", "0.000", "15.000")
    [order] = purchasing.create_drafts(db.uow(), manager, [DraftLine(drill.id, main_store.id, "8")])
    purchasing.send(db.uow(), manager, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    purchasing.receive(db.uow(), clerk, order.id, [("DRILL", "2")])  # 6 of the 8 still to come
    # on hand 7 + on order 6 = 13, below the point of 20: order the remaining 7
    after = run_report(db, manager, "low-stock", ReportOptions(store="MAIN"), tmp_path / "after.csv")
    [row] = csv_rows(after.path)
    assert (row["On hand"], row["On order"], row["Suggested"], row["Order value"]) == (
        "7.000",
        "6.000",
        "7.000",
        "280.00",
    )
    assert "on hand 7 + on order 6 → order 7" in row["Reason"]
    assert after.totals["order_value"] == Decimal("280.00")
    pdf = run_report(db, manager, "low-stock", ReportOptions(store="MAIN"), tmp_path / "after.pdf")
    lines = all_lines(pdf.path)
    assert "On order" in lines
    assert pdf_row(lines, "DRILL", 9) == ["DRILL", "Drill", "Acme", "7", "20", "6", "7", "40.00", "280.00"]
    assert lines[lines.index("Grand total") + 1] == money(after.totals["order_value"]) == "280.00"
    assert pdf.totals == after.totals
    save_artifact(pdf.path, "reorder_list")


def test_an_order_covering_the_shortfall_leaves_the_item_listed_with_nothing_to_order(
    db, manager, main_store, drill, tmp_path
):
    [order] = purchasing.create_drafts(db.uow(), manager, [DraftLine(drill.id, main_store.id, "16")])
    purchasing.send(db.uow(), manager, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    result = run_report(db, manager, "low-stock", ReportOptions(), tmp_path / "low.csv")
    [row] = csv_rows(result.path)
    assert (row["On hand"], row["On order"], row["Suggested"]) == ("5.000", "16.000", "0.000")
    assert "above the reorder point" in row["Reason"] and result.totals["order_value"] == 0


def test_items_without_a_reorder_point_are_listed_when_the_forecast_says_to_order(
    db, admin, main_store, tmp_path
):
    shop = Shop(stores={"MAIN": main_store.id})
    add_item(db, admin, shop, "FAST", "1.25", "2.00")  # no reorder point: the planner computes one
    post(db, admin, shop, MovementKind.RECEIVE, "FAST", "MAIN", "100", NOW - 15 * DAY)
    for day in range(14, 0, -1):
        post(db, admin, shop, MovementKind.SALE, "FAST", "MAIN", "6", NOW - day * DAY)
    [planned] = reorder.suggestions(db.uow(), store_id=main_store.id)
    assert planned.suggested_qty > 0  # 16 left, a week's lead time at 6 a day
    result = run_report(db, admin, "low-stock", ReportOptions(), tmp_path / "low.csv")
    [row] = csv_rows(result.path)
    assert row["SKU"] == "FAST" and Decimal(row["Suggested"]) == planned.suggested_qty
    assert Decimal(row["Reorder pt"]) == planned.reorder_point and row["Reason"] == planned.reason
    assert result.totals["order_value"] == (planned.suggested_qty * Decimal("1.25")).quantize(Decimal("0.01"))


def test_without_a_suggestion_the_simple_rule_applies_and_counts_what_is_on_order(
    db, admin, main_store, drill
):
    [low] = low_stock_rows(db.uow())
    key = (low.item_id, low.store_id)
    [line] = low_stock.lines([low], {}, {}, {})
    assert (line.suggested_qty, line.on_order) == (15, 0) and line.reason.startswith("no forecast")
    [line] = low_stock.lines([low], {}, {key: Decimal(9)}, {})
    assert (line.suggested_qty, line.on_order, line.order_value) == (6, 9, Decimal("240.00"))
    [line] = low_stock.lines([low], {}, {key: Decimal(16)}, {})
    assert line.suggested_qty == 0


# --- stocktake variance ----------------------------------------------------------------------------


@pytest.fixture
def counted(db, admin, clerk, main_store):
    """A stocktake of MAIN with one item short, one over, one exact and one not counted."""
    for sku, cost, qty in (("A", "2.50", "10"), ("B", "1.10", "5"), ("C", "4.00", "3"), ("D", "9.99", "1")):
        # Sold by weight: B is counted at 6.5.
        item = catalog.create_item(db.uow(), admin, sku=sku, name=f"Item {sku}", cost_price=cost, unit="kg")
        stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity=qty)
    take = stocktake.start(db.uow(), clerk, store_id=main_store.id)
    stocktake.add_counts(db.uow(), clerk, take.id, [("A", "7"), ("B", "6.5"), ("C", "3")])
    return take


def test_the_variance_report_matches_the_stocktake_service_in_pdf_and_csv(
    db, admin, main_store, counted, tmp_path
):
    service = stocktake.variance(db.uow(), counted.id)
    assert (service.quantity_difference, service.value_difference) == (Decimal("-1.5"), Decimal("-5.85"))
    options = ReportOptions(stocktake=str(counted.id))
    table = run_report(db, admin, "stocktake-variance", options, tmp_path / "var.csv")
    rows = csv_rows(table.path)
    assert [(r["SKU"], r["Expected"], r["Counted"], r["Difference"], r["Value diff."]) for r in rows] == [
        ("A", "10.000", "7.000", "-3.000", "-7.50"),
        ("B", "5.000", "6.500", "1.500", "1.65"),
        ("C", "3.000", "3.000", "0.000", "0.00"),
        ("D", "1.000", "", "0", "0.00"),
    ]
    [total] = [r for r in read_csv(table.path) if r["Line"] == "total"]
    assert Decimal(total["Difference"]) == service.quantity_difference
    assert Decimal(total["Value diff."]) == service.value_difference
    assert table.totals == {
        "difference": service.quantity_difference,
        "value_difference": service.value_difference,
    }
    pdf = run_report(db, admin, "stocktake-variance", options, tmp_path / "var.pdf")
    lines = all_lines(pdf.path)
    assert lines[0] == "Stocktake variance" and "MAIN Main store" in lines
    assert pdf_row(lines, "A", 7) == ["A", "Item A", "10", "7", "-3", "2.50", "-7.50"]
    assert pdf_row(lines, "D", 7) == ["D", "Item D", "1", "not counted", "0", "9.99", "0.00"]
    grand = lines.index("Grand total")
    assert lines[grand + 1 : grand + 3] == ["-1.5", money(service.value_difference)]
    assert pdf.totals == table.totals
    save_artifact(pdf.path, "stocktake_variance")


def test_the_command_reports_the_latest_stocktake_of_the_store_unless_one_is_named(
    db, admin, clerk, main_store, counted, tmp_path, capsys
):
    stocktake.post(db.uow(), clerk, counted.id)
    latest = stocktake.start(db.uow(), clerk, store_id=main_store.id)
    stocktake.add_counts(db.uow(), clerk, latest.id, [("D", "0")])
    assert [s.id for s in recent_stocktakes(db.uow())] == [latest.id, counted.id]
    url = db.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "v.csv"
    assert main(["--db", url, "report", "stocktake-variance", "--store", "MAIN", "--out", str(out)]) == 0
    assert "value_difference -9.99" in capsys.readouterr().out
    assert (
        main(["--db", url, "report", "stocktake-variance", "--stocktake", str(counted.id), "--out", str(out)])
        == 0
    )
    assert "value_difference -5.85" in capsys.readouterr().out
    assert main(["--db", url, "report", "stocktake-variance", "--stocktake", "nope", "--out", str(out)]) == 2
    assert "stocktake" in capsys.readouterr().err


def test_a_clerk_cannot_report_another_stores_stocktake(db, admin, clerk, branch_store, counted, tmp_path):
    other = stocktake.start(db.uow(), admin, store_id=branch_store.id)
    with pytest.raises(NotFound):
        run_report(
            db, clerk, "stocktake-variance", ReportOptions(stocktake=str(other.id)), tmp_path / "x.csv"
        )
    mine = run_report(db, clerk, "stocktake-variance", ReportOptions(), tmp_path / "mine.csv")
    assert mine.totals["value_difference"] == Decimal("-5.85")
    assert not (tmp_path / "x.csv").exists()
