"""How an item is tracked (lot, expiry, serial) and its expiry warning leave in the items export and
come back with the import: blank cells leave the item as it is, a bad cell is named by row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from stockdesk.services.catalogue import catalog
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.exchange import imports
from stockdesk.services.exchange.imports import ImportOptions, ImportRejected
from stockdesk.ui.export import write_items_csv


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_tracking_and_expiry_warning_round_trip_through_the_items_csv(db, admin, tmp_path):
    milk = catalog.create_item(
        db.uow(), admin, sku="MILK", name="Milk", tracking="expiry", expiry_warn_days=7
    )
    saw = catalog.create_item(db.uow(), admin, sku="SAW", name="Saw")
    exported = tmp_path / "items.csv"
    write_items_csv(db, ItemFilter(), exported)
    rows = _rows(exported)
    assert {r["SKU"]: (r["Tracking"], r["Expiry warn days"]) for r in rows} == {
        "MILK": ("expiry", "7"),
        "SAW": ("none", ""),
    }

    for row in rows:
        if row["SKU"] == "SAW":
            row["Tracking"] = "Serial"
        else:
            row["Tracking"] = row["Expiry warn days"] = ""  # blank: unchanged
    rows.append({**rows[0], "SKU": "FLOUR", "Name": "Flour", "Tracking": "lot", "Expiry warn days": "30"})
    result = imports.import_file(
        db.uow(), admin, _write(tmp_path / "edited.csv", rows), options=ImportOptions(upsert=True)
    )
    assert (result.created, result.updated) == (1, 2)
    stored = {sku: catalog.find_item(db.uow(), sku) for sku in ("MILK", "SAW", "FLOUR")}
    assert {sku: (v.tracking, v.expiry_warn_days) for sku, v in stored.items()} == {
        "MILK": ("expiry", 7),
        "SAW": ("serial", None),
        "FLOUR": ("lot", 30),
    }
    assert (stored["MILK"].id, stored["SAW"].id) == (milk.id, saw.id)

    bad = [{**rows[0], "SKU": "EGGS", "Name": "Eggs", "Tracking": "batch", "Expiry warn days": "soon"}]
    with pytest.raises(ImportRejected) as refused:
        imports.import_file(db.uow(), admin, _write(tmp_path / "bad.csv", bad))
    problems = {(p.row, p.field): p.reason for p in refused.value.problems}
    assert set(problems) == {(2, "Tracking"), (2, "Expiry warn days")}
    assert "lot, expiry, serial" in problems[(2, "Tracking")]
