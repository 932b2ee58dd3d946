"""Reports in a store that keeps stock by location: valuation per category, or per location when asked
(`by_location`, `--by-location`), the stocktake sheet in walking order with a location column, and the
movements report naming location and lot."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from stockdesk.cli import main
from stockdesk.reports.registry import run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from stockdesk.services.places.locations import create_location
from stockdesk.services.places.placing import PlaceChoice
from tests.integration.report_helpers import all_lines, read_csv, save_artifact


def test_a_store_with_locations_is_reported_location_by_location(
    db, admin, main_store, branch_store, tmp_path, capsys
):
    aisle = create_location(db.uow(), admin, store_id=main_store.id, code="B", kind="aisle")
    top = create_location(
        db.uow(), admin, store_id=main_store.id, code="B-02", kind="shelf", parent_id=aisle.id
    )
    low = create_location(
        db.uow(), admin, store_id=main_store.id, code="B-01", kind="shelf", parent_id=aisle.id
    )
    milk = catalog.create_item(
        db.uow(), admin, sku="MILK", name="Milk", cost_price="0.50", sell_price="1.00", tracking="lot"
    )
    nail = catalog.create_item(db.uow(), admin, sku="NAIL", name="Nail", cost_price="2.00", sell_price="3.00")
    for location, lot, qty in ((top.id, "L-7", "4"), (low.id, "L-8", "6")):
        stock.receive(
            db.uow(), admin, item_id=milk.id, store_id=main_store.id, quantity=qty,
            place=PlaceChoice(location_id=location, lot=lot),
        )  # fmt: skip
    stock.receive(db.uow(), admin, item_id=nail.id, store_id=main_store.id, quantity="5")  # at no location
    stock.receive(db.uow(), admin, item_id=nail.id, store_id=branch_store.id, quantity="3")  # no locations
    stock.sell(
        db.uow(), admin, item_id=milk.id, store_id=main_store.id, quantity="1", place=PlaceChoice(lot="L-7")
    )

    by_category = run_report(db, admin, "valuation", ReportOptions(), tmp_path / "by-category.pdf")
    headings = [line for line in all_lines(by_category.path) if line.startswith(("MAIN Main", "BR Branch"))]
    assert headings == ["BR Branch · Uncategorised", "MAIN Main store · Uncategorised"]  # the default
    per_location = ReportOptions(by_location=True)
    valuation = run_report(db, admin, "valuation", per_location, tmp_path / "valuation.pdf")
    assert valuation.totals == by_category.totals  # the same money, in other sections
    lines = all_lines(valuation.path)
    sections = [line for line in lines if line.startswith(("MAIN Main", "BR Branch"))]
    assert sections == [
        "BR Branch · Uncategorised",
        "MAIN Main store · B › B-01",
        "MAIN Main store · B › B-02",
        "MAIN Main store · No location",
    ]
    assert valuation.totals["cost_value"] == Decimal("0.50") * 9 + Decimal("2.00") * 8  # split, not doubled
    shelf = lines[lines.index("MAIN Main store · B › B-02") :]
    assert shelf[shelf.index("MILK") :][:3] == ["MILK", "Milk", "3"]  # 4 received, 1 sold there
    url = db.engine.url.render_as_string(hide_password=False)
    for flag, expected in (
        ([], "MAIN Main store · Uncategorised"),
        (["--by-location"], "MAIN Main store · B › B-01"),
    ):
        out = tmp_path / f"valuation{len(flag)}.csv"
        assert main(["--db", url, "report", "valuation", *flag, "--store", "MAIN", "--out", str(out)]) == 0
        assert "wrote" in capsys.readouterr().out
        assert expected in out.read_text(encoding="utf-8-sig")

    sheet = run_report(db, admin, "stocktake-sheet", ReportOptions(store="MAIN"), tmp_path / "sheet.csv")
    rows = [(r["Location"], r["SKU"]) for r in read_csv(sheet.path) if r["Line"] == "row"]
    assert rows == [("B › B-01", "MILK"), ("B › B-02", "MILK"), ("No location", "NAIL")]
    sheet_pdf = run_report(db, admin, "stocktake-sheet", ReportOptions(store="MAIN"), tmp_path / "sheet.pdf")
    assert "Location" in all_lines(sheet_pdf.path)

    days = ReportOptions(store="MAIN", date_from=date.today() - timedelta(days=1), date_to=date.today())
    moves = run_report(db, admin, "movements", days, tmp_path / "movements.pdf")
    moved = [(r["SKU"], r["Kind"], r["Location"], r["Lot"]) for r in read_csv(
        run_report(db, admin, "movements", days, tmp_path / "movements.csv").path
    ) if r["Line"] == "row" and r["Date"]]  # fmt: skip
    assert ("MILK", "sale", "B-02", "L-7") in moved and ("NAIL", "receive", "", "") in moved
    text = all_lines(moves.path)
    assert {"Location", "Lot", "B-02", "L-7"} <= set(text)
    save_artifact(sheet_pdf.path, "stocktake_sheet_locations")
