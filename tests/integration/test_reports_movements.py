"""Movements in a period: each item between its opening and closing balance, filters, CSV round trip."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from stockdesk.domain.movements import MovementKind
from stockdesk.reports.registry import run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.catalogue import organisation
from tests.integration.report_helpers import NOW, Shop, add_item, all_lines, post, read_csv

TODAY = NOW.astimezone().date()


@pytest.fixture
def shop(db, admin, clerk) -> Shop:
    """Stock before the period, receipts and sales in it (some by the clerk), and one after it."""
    shop = Shop()
    shop.stores["MAIN"] = next(s.id for s in organisation.list_stores(db.uow()) if s.code == "MAIN")
    add_item(db, admin, shop, "A-1", "1.00", "2.00", unit="kg")  # sold by weight: 1.5 is a sale
    add_item(db, admin, shop, "B-2", "1.00", "2.00")
    day = timedelta(days=1)
    post(db, admin, shop, MovementKind.RECEIVE, "A-1", "MAIN", "20", NOW - 40 * day)
    post(db, admin, shop, MovementKind.RECEIVE, "B-2", "MAIN", "5", NOW - 40 * day)
    post(db, clerk, shop, MovementKind.SALE, "A-1", "MAIN", "4", NOW - 8 * day)
    post(db, admin, shop, MovementKind.RECEIVE, "A-1", "MAIN", "10", NOW - 6 * day)
    post(db, clerk, shop, MovementKind.SALE, "A-1", "MAIN", "1.5", NOW - 5 * day)
    post(db, clerk, shop, MovementKind.SALE, "B-2", "MAIN", "2", NOW - 4 * day)
    return shop


def _period() -> ReportOptions:
    return ReportOptions(date_from=TODAY - timedelta(days=10), date_to=TODAY - timedelta(days=1))


def lines_of(csv_rows, sku):
    return [(r["Kind"], r["Quantity"], r["Balance"]) for r in csv_rows if r["SKU"] == sku]


def test_each_item_runs_from_its_opening_to_its_closing_balance(db, admin, shop, tmp_path):
    result = run_report(db, admin, "movements", _period(), tmp_path / "moves.csv")
    rows = read_csv(result.path)
    assert lines_of(rows, "A-1") == [
        ("opening balance", "", "20.000"),
        ("sale", "-4.000", "16.000"),
        ("receive", "10.000", "26.000"),
        ("sale", "-1.500", "24.500"),
        ("closing balance", "", "24.500"),
    ]
    assert lines_of(rows, "B-2") == [
        ("opening balance", "", "5.000"),
        ("sale", "-2.000", "3.000"),
        ("closing balance", "", "3.000"),
    ]
    [total] = [r for r in rows if r["Line"] == "total"]
    assert Decimal(total["Quantity"]) == Decimal("2.5") == result.totals["quantity"]
    assert {r["User"] for r in rows if r["Kind"] == "sale"} == {"clerk@example.com"}


def test_a_kind_filter_shows_only_that_kind_but_the_true_balances(db, admin, shop, tmp_path):
    options = ReportOptions(date_from=_period().date_from, date_to=_period().date_to, kind="sale", sku="A-1")
    rows = read_csv(run_report(db, admin, "movements", options, tmp_path / "sales.csv").path)
    assert lines_of(rows, "A-1") == [
        ("opening balance", "", "20.000"),
        ("sale", "-4.000", ""),
        ("sale", "-1.500", ""),
        ("closing balance", "", "24.500"),
    ]
    assert lines_of(rows, "B-2") == []


def test_a_user_filter_lists_that_persons_movements(db, admin, clerk, shop, tmp_path):
    mine = ReportOptions(date_from=TODAY - timedelta(days=60), date_to=TODAY, user="Clerk@Example.com")
    rows = read_csv(run_report(db, admin, "movements", mine, tmp_path / "clerk.csv").path)
    assert [r["Quantity"] for r in rows if r["Line"] == "row" and r["Kind"] == "sale"] == [
        "-4.000",
        "-1.500",
        "-2.000",
    ]
    assert all(r["Kind"] != "receive" for r in rows)


def test_the_pdf_shows_the_same_lines_and_total_as_the_csv(db, admin, shop, tmp_path):
    pdf = run_report(db, admin, "movements", _period(), tmp_path / "moves.pdf")
    csv_result = run_report(db, admin, "movements", _period(), tmp_path / "moves.csv")
    assert pdf.totals == csv_result.totals
    lines = all_lines(pdf.path)
    assert lines[0] == "Stock movements"
    period = f"{_period().date_from.isoformat()} to {_period().date_to.isoformat()}"
    assert period in lines
    assert lines.count("opening balance") == lines.count("closing balance") == 2
    assert lines[lines.index("Grand total") + 1] == "2.5"


def test_movements_after_the_period_do_not_show(db, admin, shop, tmp_path):
    post(db, admin, shop, MovementKind.RECEIVE, "B-2", "MAIN", "100", NOW)
    rows = read_csv(run_report(db, admin, "movements", _period(), tmp_path / "m.csv").path)
    assert lines_of(rows, "B-2")[-1] == ("closing balance", "", "3.000")
