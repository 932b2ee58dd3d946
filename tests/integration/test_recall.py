"""A recall: where every unit of a lot went (receipts, transfers, sales) and where the rest still is,
as a service answer, a PDF read back with pypdf, a CSV and the `stockdesk report recall` command."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from stockdesk.cli import main
from stockdesk.domain.errors import ValidationError
from stockdesk.reports.registry import run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from stockdesk.services.places import locations
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.services.places.recall import lot_recall
from tests.integration.report_helpers import save_artifact


def test_a_recall_follows_the_lot_through_a_transfer_to_its_sales_and_what_is_left(
    db, admin, clerk, main_store, branch_store, tmp_path, capsys
):
    shelf = locations.create_location(db.uow(), admin, store_id=main_store.id, code="K-01")
    milk = catalog.create_item(db.uow(), admin, sku="MILK", name="Whole milk", tracking="expiry")
    soon = date.today() + timedelta(days=6)
    for code, days in (("L-7", 6), ("L-9", 20)):  # L-9 is another lot: it stays out of the recall
        stock.receive(
            db.uow(), admin, item_id=milk.id, store_id=main_store.id, quantity="10", reference="DN-551",
            place=PlaceChoice(lot=code, expires_on=date.today() + timedelta(days=days), location_id=shelf.id),
        )  # fmt: skip
    stock.transfer(
        db.uow(), admin, item_id=milk.id, from_store_id=main_store.id, to_store_id=branch_store.id,
        quantity="4", place=PlaceChoice(lot="L-7"),
    )  # fmt: skip
    stock.sell(db.uow(), admin, item_id=milk.id, store_id=branch_store.id, quantity="3", reference="R-1001")
    stock.sell(db.uow(), clerk, item_id=milk.id, store_id=main_store.id, quantity="2")  # FEFO: L-7

    recall = lot_recall(db.uow(), sku="MILK", lot="L-7")
    assert [(m.kind, m.store_code, m.location_code, m.quantity, m.other_store) for m in recall.movements] == [
        ("receive", "MAIN", "K-01", Decimal(10), ""),
        ("transfer_out", "MAIN", "K-01", Decimal(-4), "BR"),
        ("transfer_in", "BR", "", Decimal(4), "MAIN"),
        ("sale", "BR", "", Decimal(-3), ""),
        ("sale", "MAIN", "K-01", Decimal(-2), ""),
    ]
    assert recall.movements[3].user == "admin@example.com" and recall.movements[3].reference == "R-1001"
    assert recall.movements[4].user == "clerk@example.com"
    assert [(s.store_code, s.location_code, s.on_hand) for s in recall.remaining] == [
        ("BR", "", Decimal(1)),
        ("MAIN", "K-01", Decimal(4)),
    ]
    # A clerk of MAIN sees only what happened in MAIN.
    mine = lot_recall(db.uow(), sku="MILK", lot="L-7", store_ids={main_store.id})
    assert {m.store_code for m in mine.movements} == {"MAIN"} and mine.on_hand == Decimal(4)

    options = ReportOptions(sku="MILK", lot="L-7")
    pdf = run_report(db, admin, "recall", options, tmp_path / "recall.pdf").path
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    lines = [line.strip() for line in text.splitlines() if line.strip()]  # a table cell per line
    assert "Recall: MILK lot L-7" in text and f"expires {soon.isoformat()}" in text
    assert "received 10, sold 5, on hand 5" in text
    sale = lines.index("R-1001")
    assert lines[sale - 4 : sale + 1] == ["sale", "BR", "-3", "admin@example.com", "R-1001"]
    assert "Still on hand" in text and "MAIN Main store" in text
    save_artifact(pdf, "recall")

    url = db.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "recall.csv"
    assert main(["--db", url, "report", "recall", "--sku", "MILK", "--lot", "L-7", "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    sales = [r for r in rows if "sale" in r]
    assert len(sales) == 2 and any("R-1001" in r and "BR" in r for r in sales)
    assert not any("L-9" in cell for r in rows for cell in r)

    with pytest.raises(ValidationError, match="lot"):
        lot_recall(db.uow(), sku="MILK", lot="")
    assert main(["--db", url, "report", "recall", "--sku", "MILK", "--lot", "NOPE", "--out", str(out)]) == 2
    assert "NOPE" in capsys.readouterr().err
