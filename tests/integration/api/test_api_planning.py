"""Reorder suggestions and reports over HTTP: the files are the real PDF/CSV, read back."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader

from tests.integration.api.conftest import problem_of


def test_the_valuation_report_streams_as_csv_and_as_a_real_pdf(shop):
    token = shop.token("admin@example.com")
    with shop.client(token) as client:
        as_csv = client.get("/reports/valuation.csv", params={"store": "MAIN"})
        as_pdf = client.get("/reports/valuation.pdf", params={"store": "MAIN"})
        per_location = client.get("/reports/valuation.csv", params={"store": "MAIN", "by_location": "true"})
    assert per_location.status_code == 200 and "CLERK-1" in per_location.text
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert any("CLERK-1" in row for row in rows)
    assert as_pdf.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(as_pdf.content)).pages)
    assert "ADMIN-1" in text


def test_a_clerk_may_not_report_on_a_store_they_are_not_assigned_to(shop):
    token = shop.token("clerk@example.com")
    with shop.client(token) as client:
        answer = client.get("/reports/valuation.csv", params={"store": "BR"})
        unknown = client.get("/reports/nothing.csv")
    assert answer.status_code == 403
    assert "assigned" in problem_of(answer)["detail"]
    assert unknown.status_code == 422


def test_reorder_suggestions_come_with_their_reason(shop):
    token = shop.token("manager@example.com")
    with shop.client(token) as client:
        everything = client.get("/reorder/suggestions", params={"only_orders": "false"})
    assert everything.status_code == 200
    lines = everything.json()
    assert {line["sku"] for line in lines} >= {"CLERK-1", "ADMIN-1"}
    assert all(line["reason"] for line in lines)


def test_a_recall_over_http_names_the_lot_and_lists_where_it_went(shop):
    token = shop.token("admin@example.com")
    sku = f"RECALL-{shop.main.code}-{id(shop)}"
    with shop.client(token) as client:
        item = client.post("/items", json={"sku": sku, "name": "Whole milk", "tracking": "lot"}).json()
        for lot in ("L-7", "L-9"):  # L-9 is another lot: it stays out of the recall
            received = client.post(
                "/movements",
                json={"kind": "receive", "item_id": item["id"], "store_id": str(shop.main.id),
                      "quantity": "10", "lot": lot, "reference": f"DN-{lot}"},
                headers={"Idempotency-Key": f"{sku}-{lot}"},
            )  # fmt: skip
            assert received.status_code == 201, received.text
        recall = client.get("/reports/recall.csv", params={"sku": sku, "lot": "L-7"})
        without_lot = client.get("/reports/recall.csv", params={"sku": sku})
    assert recall.status_code == 200, recall.text
    rows = list(csv.reader(io.StringIO(recall.text)))
    receipts = [row for row in rows if "receive" in row]
    assert len(receipts) == 1 and "DN-L-7" in receipts[0]  # the other lot's receipt is not in it
    assert not any("DN-L-9" in cell for row in rows for cell in row)
    assert without_lot.status_code == 422 and problem_of(without_lot)["field"] == "lot"
