"""Packs leave in the items export (one "Packs" cell) and the import reads them back: created with new
items, made exactly what the cell lists on updates, and every bad pack named by row and column."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from stockdesk.domain.errors import NotFound
from stockdesk.services.catalogue import catalog, packs, scanning
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.exchange import imports
from stockdesk.services.exchange.imports import ImportOptions, ImportRejected
from stockdesk.ui.export import write_items_csv

UPSERT = ImportOptions(upsert=True)


HEADER = ("SKU", "Name", "Unit", "Packs")


def _write(path: Path, rows: list[list[str]], header: tuple[str, ...] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows([list(header), *rows])
    return path


def _packs(db, item_id) -> list[tuple[str, Decimal, str, bool]]:
    return [(p.name, p.factor, p.code, p.purchase) for p in packs.packs_of(db.uow(), item_id)]


def test_packs_leave_in_the_export_and_an_unchanged_file_brings_a_removed_pack_back(db, admin, tmp_path):
    tea = catalog.create_item(db.uow(), admin, sku="TEA", name="Tea")
    packs.add_pack(db.uow(), admin, tea.id, name="case", factor="12", code="4012345678901", purchase=True)
    bag = packs.add_pack(db.uow(), admin, tea.id, name="bag", factor="5")
    catalog.create_item(db.uow(), admin, sku="SAW", name="Saw")
    exported = tmp_path / "items.csv"
    write_items_csv(db, ItemFilter(), exported)
    with exported.open(newline="", encoding="utf-8") as file:
        cells = {row["SKU"]: row["Packs"] for row in csv.DictReader(file)}
    assert cells == {"TEA": "bag=5; case=12:4012345678901*", "SAW": ""}

    packs.remove_pack(db.uow(), admin, bag.id)
    result = imports.import_file(db.uow(), admin, exported, options=UPSERT)
    assert result.updated == 2
    assert _packs(db, tea.id) == [("bag", 5, "", False), ("case", 12, "4012345678901", True)]


def test_a_listed_cell_makes_the_packs_exactly_that_and_a_dash_removes_them(db, admin, tmp_path):
    tea = catalog.create_item(db.uow(), admin, sku="TEA", name="Tea")
    case = packs.add_pack(db.uow(), admin, tea.id, name="case", factor="12", code="4012345678901")
    packs.add_pack(db.uow(), admin, tea.id, name="bag", factor="5")
    rope = catalog.create_item(db.uow(), admin, sku="ROPE", name="Rope", unit="m")
    packs.add_pack(db.uow(), admin, rope.id, name="coil", factor="50")
    saw = catalog.create_item(db.uow(), admin, sku="SAW", name="Saw")
    packs.add_pack(db.uow(), admin, saw.id, name="box", factor="2")
    file = _write(tmp_path / "packs.csv", [
        ["TEA", "Tea", "", "case=24:4012345678901*; pallet=480:04012345678918"],  # bag goes, case changes
        ["ROPE", "Rope", "", "-"],
        ["SAW", "Saw", "", ""],  # blank: left alone
        ["WIRE", "Wire", "m", "reel=2.5"],  # a new item with its pack (2.5 m: metres take decimals)
    ])
    result = imports.import_file(db.uow(), admin, file, options=UPSERT)
    assert (result.created, result.updated) == (1, 3)
    assert _packs(db, tea.id) == [
        ("case", 24, "4012345678901", True),
        ("pallet", 480, "04012345678918", False),
    ]
    assert packs.packs_of(db.uow(), tea.id)[0].id == case.id  # changed in place: synced desks keep the row
    assert _packs(db, rope.id) == [] and _packs(db, saw.id) == [("box", 2, "", False)]
    wire = catalog.find_item(db.uow(), "WIRE")
    assert _packs(db, wire.id) == [("reel", Decimal("2.5"), "", False)]
    # the new codes scan at the counter as the case and the pallet
    scan = scanning.resolve_scan(db.uow(), "04012345678918")
    assert scan.item is not None and scan.item.sku == "TEA"
    assert scan.pack is not None and scan.pack.factor == 480


@pytest.mark.parametrize(("cell", "problem"), [
    ("case", "is not a pack"),
    ("case=12**", "is not a pack"),
    ("case=12; CASE=6", "is already a pack of this item"),
    ("case=12*; bag=5*", "only one pack of an item can be the purchase pack"),
    ("case=2.5", "must be a whole number of pcs"),
    ("case=0", "must be more than zero"),
    ("case=twelve", "is not a number"),
    ("case=12:4006381333931", "is already the barcode of another item or pack"),  # SAW's barcode
])
def test_a_bad_pack_is_named_by_row_and_column_and_nothing_is_written(db, admin, tmp_path, cell, problem):
    catalog.create_item(db.uow(), admin, sku="SAW", name="Saw", barcodes=["4006381333931"])
    file = _write(tmp_path / "bad.csv", [["TEA", "Tea", "pcs", cell], ["NUT", "Nut", "pcs", "bag=100"]])
    with pytest.raises(ImportRejected) as refused:
        imports.import_file(db.uow(), admin, file)
    [found] = refused.value.problems
    assert (found.row, found.field) == (2, "Packs") and problem in found.reason, (found.value, found.reason)
    with pytest.raises(NotFound, match="NUT"):
        catalog.find_item(db.uow(), "NUT")


def test_a_pack_code_used_twice_in_the_file_is_refused_on_the_later_row(db, admin, tmp_path):
    file = _write(tmp_path / "twice.csv", [
        ["TEA", "Tea", "pcs", "case=12:4012345678901"],
        ["NUT", "Nut", "pcs", "box=100:4012345678901"],
        ["BOLT", "Bolt", "pcs", "box=50:4006381333931"],
    ], header=("SKU", "Name", "Unit", "Packs"))
    bolt_barcode = _write(tmp_path / "clash.csv", [
        ["BOLT", "Bolt", "4006381333931", "box=50:4006381333931"],
    ], header=("SKU", "Name", "Barcode", "Packs"))
    with pytest.raises(ImportRejected) as refused:
        imports.import_file(db.uow(), admin, file)
    assert [(p.row, p.field, p.value) for p in refused.value.problems] == [(3, "Packs", "4012345678901")]
    with pytest.raises(ImportRejected) as clash:  # a pack cannot carry the item's own barcode either
        imports.import_file(db.uow(), admin, bolt_barcode)
    assert [(p.row, p.field) for p in clash.value.problems] == [(2, "Packs")]


def test_reimporting_an_unchanged_export_writes_no_pack_row(db, admin, tmp_path):
    """An unchanged pack is not rewritten: a rewrite would be a change every desk pulls."""
    from stockdesk.db.pack_models import ItemPack

    def stamps() -> list[object]:
        with db.engine.connect() as connection:
            return list(connection.scalars(select(ItemPack.updated_at).order_by(ItemPack.name)))

    tea = catalog.create_item(db.uow(), admin, sku="TEA", name="Tea")
    packs.add_pack(db.uow(), admin, tea.id, name="case", factor="12", code="4012345678901", purchase=True)
    packs.add_pack(db.uow(), admin, tea.id, name="bag", factor="5", code="96385074")
    exported = tmp_path / "items.csv"
    write_items_csv(db, ItemFilter(), exported)
    before = stamps()
    imports.import_file(db.uow(), admin, exported, options=UPSERT)
    assert stamps() == before
    changed = _write(tmp_path / "changed.csv", [["TEA", "Tea", "", "case=24:4012345678901*; bag=5:96385074"]])
    imports.import_file(db.uow(), admin, changed, options=UPSERT)
    after = stamps()
    assert after[0] == before[0] and after[1] != before[1]  # the bag kept, the case rewritten
