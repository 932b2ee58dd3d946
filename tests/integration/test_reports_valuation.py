"""Inventory valuation: as of a date from the ledger, the same figures in PDF, CSV and on the dashboard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from stockdesk.domain.errors import PermissionDenied
from stockdesk.domain.movements import MovementKind
from stockdesk.reports.formatters import money, quantity
from stockdesk.reports.registry import run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.catalogue import organisation
from stockdesk.services.exchange.report_queries import as_instant, stock_value
from stockdesk.services.inventory import stock
from tests.integration.report_helpers import (
    DAY,
    NOW,
    Shop,
    add_item,
    all_lines,
    cents,
    make_stores,
    pdf_lines,
    post,
    read_csv,
    save_artifact,
)


@pytest.fixture
def shop(db, admin) -> Shop:
    """Receipts and sales in the past; a transfer and the reversal of a sale happen now."""
    shop = Shop()
    make_stores(db, admin, shop, "MAIN", "BR")
    tools = organisation.create_category(db.uow(), admin, name="Tools")
    hand = organisation.create_category(db.uow(), admin, name="Hand tools", parent_id=tools.id)
    add_item(db, admin, shop, "A-1", "2.345", "3.99", category_id=hand.id)
    add_item(db, admin, shop, "B-2", "10.00", "15.50", category_id=tools.id)
    add_item(db, admin, shop, "C-3", "0.333", "0.50")
    post(db, admin, shop, MovementKind.RECEIVE, "A-1", "MAIN", "10", NOW - 10 * DAY)
    post(db, admin, shop, MovementKind.RECEIVE, "B-2", "MAIN", "4", NOW - 10 * DAY)
    post(db, admin, shop, MovementKind.RECEIVE, "C-3", "BR", "3", NOW - 10 * DAY)
    sale = post(db, admin, shop, MovementKind.SALE, "A-1", "MAIN", "3", NOW - 5 * DAY)
    post(db, admin, shop, MovementKind.RECEIVE, "A-1", "BR", "7", NOW - 4 * DAY)
    post(db, admin, shop, MovementKind.SALE, "B-2", "MAIN", "4", NOW - 3 * DAY)  # B-2 sold out in MAIN
    out, into = stock.transfer(
        db.uow(),
        admin,
        item_id=shop.items["A-1"],
        from_store_id=shop.stores["MAIN"],
        to_store_id=shop.stores["BR"],
        quantity="2",
    )
    shop.ledger += [(out.at, "A-1", "MAIN", Decimal(-2)), (into.at, "A-1", "BR", Decimal(2))]
    [undo] = stock.reverse(db.uow(), admin, sale, reason="till error")
    shop.ledger.append((undo.at, "A-1", "MAIN", Decimal(3)))
    return shop


def test_value_as_of_a_past_date_replays_the_ledger_up_to_that_date(db, shop):
    after = shop.after_last()  # the transfer and the reversal are stamped by the clock, not by NOW
    for until in (NOW - 7 * DAY, NOW - 2 * DAY, after):
        assert stock_value(db.uow(), until) == shop.value(until)
        assert stock_value(db.uow(), until, price="sell") == shop.value(until, which=1)
    # 2 days ago the reversal and the transfer had not happened yet; now they have.
    assert shop.value(NOW - 2 * DAY) != shop.value(after)
    by_hand = cents(7 * Decimal("2.345")) * 2 + cents(3 * Decimal("0.333"))  # 7 in MAIN, 7 in BR
    assert stock_value(db.uow(), NOW - 2 * DAY) == by_hand


def test_todays_figure_from_stock_levels_equals_the_ledger_and_each_store_adds_up(db, shop):
    later = shop.after_last()
    assert stock_value(db.uow()) == stock_value(db.uow(), later) == shop.value(later)
    per_store = [stock_value(db.uow(), later, store_id=shop.stores[code]) for code in ("MAIN", "BR")]
    assert sum(per_store) == shop.value(later)


def test_pdf_and_csv_list_every_line_and_total_the_dashboard_figure(db, admin, shop, tmp_path):
    today = date.today()
    expected = shop.on_hand(as_instant(today))
    pdf = run_report(db, admin, "valuation", ReportOptions(as_of=today), tmp_path / "valuation.pdf")
    csv_result = run_report(db, admin, "valuation", ReportOptions(as_of=today), tmp_path / "valuation.csv")
    dashboard = stock_value(db.uow(), today)
    assert pdf.totals["cost_value"] == csv_result.totals["cost_value"] == dashboard

    lines = all_lines(pdf.path)
    assert lines[0] == "Inventory valuation"
    assert f"As of {today.isoformat()} (end of day)" in lines
    assert "MAIN Store MAIN · Tools / Hand tools" in lines and "BR Store BR · Uncategorised" in lines
    grand = lines.index("Grand total")
    assert lines[grand + 1 : grand + 3] == [money(dashboard), money(shop.value(as_instant(today), 1))]

    rows = [r for r in read_csv(csv_result.path) if r["Line"] == "row"]
    printed = {
        (r["SKU"], r["Section"].split()[0]): (Decimal(r["On hand"]), Decimal(r["Value at cost"]))
        for r in rows
    }
    assert printed == {key: (qty, cents(qty * shop.costs[key[0]][0])) for key, qty in expected.items()}
    [total] = [r for r in read_csv(csv_result.path) if r["Line"] == "total"]
    assert Decimal(total["Value at cost"]) == dashboard
    for sku, store in expected:  # every CSV line is also in the PDF, with the same quantity
        at = lines.index(sku, lines.index(next(t for t in lines if t.startswith(f"{store} Store"))))
        assert lines[at + 2] == quantity(expected[sku, store])
    save_artifact(pdf.path, "valuation")


def test_a_long_valuation_repeats_the_column_headers_on_every_page(db, admin, tmp_path):
    shop = Shop()
    make_stores(db, admin, shop, "MAIN")
    for n in range(130):
        add_item(db, admin, shop, f"P-{n:03d}", f"{n}.10", f"{n}.90")
        post(db, admin, shop, MovementKind.RECEIVE, f"P-{n:03d}", "MAIN", "2", NOW - DAY)
    result = run_report(db, admin, "valuation", ReportOptions(), tmp_path / "long.pdf")
    pages = pdf_lines(result.path)
    assert len(pages) >= 2
    for lines in pages:
        at = lines.index("SKU")
        assert lines[at : at + 7] == [
            "SKU",
            "Item",
            "On hand",
            "Unit cost",
            "Value at cost",
            "Sell price",
            "Value at sell",
        ]
    printed = [line for lines in pages for line in lines if line.startswith("P-")]
    assert printed == [f"P-{n:03d}" for n in range(130)]
    assert result.totals["cost_value"] == shop.value(NOW)


def test_a_clerk_reports_only_on_their_own_store(db, admin, clerk, main_store, branch_store, tmp_path):
    with pytest.raises(PermissionDenied):
        run_report(db, clerk, "valuation", ReportOptions(store="BR"), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    result = run_report(db, clerk, "valuation", ReportOptions(), tmp_path / "mine.pdf")
    text = " ".join(all_lines(result.path))
    assert "MAIN Main store" in text and "BR Branch" not in text
