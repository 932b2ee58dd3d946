"""Importing items from CSV/XLSX: every bad row reported, nothing written, valid-only, upsert, XLSX, CLI."""

from __future__ import annotations

import csv
import itertools
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select

from stockdesk import cli
from stockdesk.db.models import Item, StockMovement
from stockdesk.domain.errors import PermissionDenied
from stockdesk.domain.gtin import make_instore_ean13
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import Database
from stockdesk.services.exchange import imports
from stockdesk.services.exchange.imports import ImportOptions, ImportRejected
from stockdesk.services.inventory import check, stock


@pytest.fixture
def catalogue(db: Database, admin, main_store, branch_store) -> Database:
    tools = organisation.create_category(db.uow(), admin, name="Tools")
    organisation.create_category(db.uow(), admin, name="Saws", parent_id=tools.id)
    organisation.create_supplier(db.uow(), admin, name="Acme")
    return db


def counts(db: Database) -> tuple[int, int]:
    with db.uow() as uow:
        items = uow.session.scalar(select(func.count()).select_from(Item))
        moves = uow.session.scalar(select(func.count()).select_from(StockMovement))
    return int(items or 0), int(moves or 0)


def catalogue_store(db: Database, code: str):
    return next(s.id for s in organisation.list_stores(db.uow()) if s.code == code)


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


HEADER = ["SKU", "Name", "Sell price", "Category", "Supplier", "Barcodes", "stock:MAIN", "stock:BR"]


def test_a_good_file_creates_items_with_category_supplier_barcodes_and_opening_stock(
    catalogue, admin, tmp_path
):
    path = write_csv(
        tmp_path / "items.csv",
        [
            HEADER,
            ["SAW-1", "Hand saw", "12.50", "Tools > Saws", "acme", "4006381333931; 1234567", "5", ""],
            ["HAM-1", "Hammer", "", "tools", "", "", "", "2"],
        ],
    )
    result = imports.import_file(catalogue.uow(), admin, path)
    assert (result.created, result.updated, result.movements) == (2, 0, 2)
    saw = catalog.find_item(catalogue.uow(), "1234567")
    assert (saw.sku, saw.sell_price) == ("SAW-1", Decimal("12.50"))
    assert {b.code for b in saw.barcodes} == {"4006381333931", "1234567"}
    assert saw.category_id is not None and saw.supplier_id is not None
    levels = {lv.store_code: lv.on_hand for lv in stock.levels(catalogue.uow(), saw.id)}
    assert levels == {"BR": 0, "MAIN": 5}
    hammer = catalog.find_item(catalogue.uow(), "HAM-1")
    assert hammer.sell_price == 0 and hammer.unit == "pcs"
    assert stock.movements_of(catalogue.uow(), hammer.id)[0].reference == "import"
    assert check.find_differences(catalogue.uow()) == []


def test_every_bad_cell_of_every_row_is_reported_and_nothing_is_written(catalogue, admin, tmp_path):
    catalog.create_item(catalogue.uow(), admin, sku="OLD-1", name="Stored", barcodes=["5901234123457"])
    before = counts(catalogue)
    path = write_csv(
        tmp_path / "bad.csv",
        [
            HEADER,
            ["A-1", "Fine", "1.00", "", "", "", "1", ""],
            ["A-2", "", "12,5O", "Garden", "Nobody", "4006381333932", "-1", "x"],
            ["A-1", "Again", "1", "", "", "", "", ""],
            ["OLD-1", "Clash", "1", "", "", "5901234123457", "", ""],
        ],
    )
    with pytest.raises(ImportRejected) as raised:
        imports.import_file(catalogue.uow(), admin, path)
    found = {(p.row, p.field, p.value) for p in raised.value.problems}
    assert found == {
        (3, "Name", ""),
        (3, "Sell price", "12,5O"),
        (3, "Category", "Garden"),
        (3, "Supplier", "Nobody"),
        (3, "Barcodes", "4006381333932"),
        (3, "stock:MAIN", "-1"),
        (3, "stock:BR", "x"),
        (4, "SKU", "A-1"),
        (5, "SKU", "OLD-1"),
        (5, "Barcodes", "5901234123457"),
    }
    assert "repeats row 2" in str(raised.value.problems[-3:])
    assert counts(catalogue) == before


def test_valid_only_imports_the_good_rows_and_saves_the_rest_with_their_reasons(catalogue, admin, tmp_path):
    path = write_csv(
        tmp_path / "mixed.csv",
        [
            HEADER,
            ["G-1", "Good one", "1", "", "", "", "3", ""],
            ["B-1", "Bad one", "cheap", "", "", "", "", ""],
            ["G-2", "Good two", "2", "Tools>Saws", "", "", "", ""],
        ],
    )
    rejects = tmp_path / "rejects.csv"
    result = imports.import_file(
        catalogue.uow(), admin, path, options=ImportOptions(valid_only=True), rejects=rejects
    )
    assert (result.created, len(result.rejected), result.movements) == (2, 1, 1)
    with rejects.open(encoding="utf-8-sig", newline="") as handle:
        saved = list(csv.reader(handle))
    assert saved[0] == [*HEADER, "problems"]
    assert saved[1][:3] == ["B-1", "Bad one", "cheap"]
    assert "Sell price: 'cheap' is not a number" in saved[1][-1]
    assert catalog.find_item(catalogue.uow(), "G-2").name == "Good two"
    with pytest.raises(Exception, match="not found"):
        catalog.find_item(catalogue.uow(), "B-1")


def test_upsert_updates_only_the_cells_given_adds_barcodes_and_posts_no_second_opening_stock(
    catalogue, admin, tmp_path
):
    first = write_csv(
        tmp_path / "first.csv",
        [
            ["sku", "name", "price", "cost", "barcode", "stock:MAIN"],
            ["U-1", "Widget", "5", "2", "4006381333931", "10"],
        ],
    )
    imports.import_file(catalogue.uow(), admin, first)
    second = write_csv(
        tmp_path / "second.csv",
        [
            ["sku", "price", "barcode", "stock:MAIN"],
            ["U-1", "6.5", "4006381333931,ABC-9", "10"],
            ["U-2", "1", "", ""],
        ],
    )
    with pytest.raises(ImportRejected, match="name"):  # a new SKU still needs its name
        imports.import_file(catalogue.uow(), admin, second, options=ImportOptions(upsert=True))
    write_csv(
        second, [["sku", "price", "barcode", "stock:MAIN"], ["U-1", "6.5", "4006381333931,ABC-9", "10"]]
    )
    result = imports.import_file(catalogue.uow(), admin, second, options=ImportOptions(upsert=True))
    assert (result.created, result.updated, result.movements, result.stock_not_posted) == (0, 1, 0, 1)
    item = catalog.find_item(catalogue.uow(), "ABC-9")
    assert (item.name, item.sell_price, item.cost_price) == ("Widget", Decimal("6.5"), Decimal(2))
    assert stock.levels(catalogue.uow(), item.id)[1].on_hand == 10  # MAIN sorts after BR


def test_create_missing_makes_the_category_path_and_supplier(catalogue, admin, tmp_path):
    path = write_csv(
        tmp_path / "new.csv",
        [["sku", "name", "category", "supplier"], ["N-1", "Rake", "Garden > Tools", "GreenCo"]],
    )
    result = imports.import_file(catalogue.uow(), admin, path, options=ImportOptions(create_missing=True))
    assert set(result.created_lookups) == {"category Garden > Tools", "supplier GreenCo"}
    names = {c.name for c in organisation.list_categories(catalogue.uow())}
    assert {"Garden", "Tools"} <= names
    assert {s.name for s in organisation.list_suppliers(catalogue.uow())} == {"Acme", "GreenCo"}


def test_a_file_without_sku_column_or_with_an_unknown_store_is_refused_whole(catalogue, admin, tmp_path):
    path = write_csv(tmp_path / "h.csv", [["Name", "stock:NOWHERE"], ["x", "1"]])
    with pytest.raises(ImportRejected) as raised:
        imports.import_file(catalogue.uow(), admin, path, options=ImportOptions(valid_only=True))
    assert {(p.row, p.field) for p in raised.value.problems} == {(1, "stock:NOWHERE"), (1, "sku")}


def test_explicit_mapping_reads_unusual_headers(catalogue, admin, tmp_path):
    path = write_csv(tmp_path / "m.csv", [["Nr", "Text", "Lager Haupt", "Junk"], ["M-1", "Bolt", "4", "zzz"]])
    mapping = {"Nr": "sku", "Text": "name", "Lager Haupt": "stock:main", "Junk": "ignore"}
    result = imports.import_file(catalogue.uow(), admin, path, options=ImportOptions(mapping=mapping))
    assert (result.created, result.movements) == (1, 1)


def test_german_excel_csv_in_cp1252_with_semicolons_and_decimal_commas(catalogue, admin, tmp_path):
    path = write_csv(
        tmp_path / "de.csv",
        [
            ["Artikelnummer", "Bezeichnung", "Einheit", "Verkaufspreis", "Bestand:MAIN"],
            ["D-1", "Säge groß", "kg", "1.234,50", "2,5"],
        ],
        delimiter=";",
        encoding="cp1252",
    )
    imports.import_file(catalogue.uow(), admin, path)
    item = catalog.find_item(catalogue.uow(), "D-1")
    assert (item.name, item.sell_price) == ("Säge groß", Decimal("1234.50"))
    assert stock.on_hand_of(catalogue.uow(), item.id, catalogue_store(catalogue, "MAIN")) == Decimal("2.5")


def test_xlsx_numbers_and_barcodes_read_as_a_person_sees_them(catalogue, admin, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["SKU", "Name", "Price", "EAN", "stock:MAIN"])
    sheet.append(["X-1", "Drill", 49.99, 4006381333931, 3])
    sheet.append([None, None, None, None, None])
    sheet.append(["X-2", "Bit", 1.5, None, None])
    book.save(tmp_path / "items.xlsx")
    result = imports.import_file(catalogue.uow(), admin, tmp_path / "items.xlsx")
    assert (result.created, result.movements) == (2, 1)
    drill = catalog.find_item(catalogue.uow(), "4006381333931")
    assert drill.sell_price == Decimal("49.99")


def test_a_clerk_cannot_import_opening_stock_into_a_store_not_theirs(catalogue, clerk, tmp_path):
    path = write_csv(tmp_path / "c.csv", [["sku", "name", "stock:BR"], ["C-1", "Thing", "1"]])
    with pytest.raises(PermissionDenied):
        imports.import_file(catalogue.uow(), clerk, path)
    assert counts(catalogue)[0] == 0


def test_cli_import_lists_every_problem_and_exits_non_zero(catalogue, admin, tmp_path, capsys):
    url = str(catalogue.engine.url.render_as_string(hide_password=False))
    bad = write_csv(tmp_path / "bad.csv", [["sku", "name", "price"], ["K-1", "", "x"], ["K-2", "ok", "1"]])
    assert cli.main(["--db", url, "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "row 2, column name" in err and "row 2, column price" in err
    assert counts(catalogue)[0] == 0
    assert cli.main(["--db", url, "import", str(bad), "--valid-only"]) == 0
    assert "1 row(s) rejected" in capsys.readouterr().out
    assert (tmp_path / "bad-rejects.csv").exists()
    assert counts(catalogue)[0] == 1


# --- generated files ------------------------------------------------------------------------------

BAD_CELLS = {
    "price": ["12,5O", "abc", "-3", "1.23456"],
    "category": ["Nope", "Tools > Nope"],
    "barcode": ["4006381333932", "5901234123450"],
    "stock": ["-1", "lots", "0.0001"],
}
NAMES = ["Säge", "Café crème", "Schraube 4×40", "plain", "naïve bolt"]
_prefixes = itertools.count()


@st.composite
def item_files(draw: st.DrawFn) -> tuple[list[list[str]], set[int], str, str]:
    """Rows (header first), the file row numbers that are bad, a separator and an encoding."""
    example = next(_prefixes)
    prefix = f"H{example}-"
    count = draw(st.integers(min_value=1, max_value=12))
    rows, bad = [["SKU", "Name", "Price", "Category", "EAN", "stock:MAIN"]], set()
    for n in range(count):
        row = [f"{prefix}{n}", draw(st.sampled_from(NAMES)), f"{n}.25", "Tools > Saws", "", str(n % 3)]
        if draw(st.booleans()):  # valid and unique across examples (earlier examples stay stored)
            row[4] = make_instore_ean13(21, example * 100 + n)
        fault = draw(st.sampled_from([None, None, "price", "category", "barcode", "stock", "duplicate"]))
        if fault == "duplicate" and n > 0:
            row[0] = draw(st.sampled_from([earlier[0] for earlier in rows[1:]]))
        elif fault in BAD_CELLS:
            column = {"price": 2, "category": 3, "barcode": 4, "stock": 5}[fault]
            row[column] = draw(st.sampled_from(BAD_CELLS[fault]))
        if fault is not None and (fault != "duplicate" or n > 0):
            bad.add(n + 2)
        rows.append(row)
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return rows, bad, delimiter, encoding


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=item_files())
def test_generated_files_report_exactly_the_bad_rows_and_write_nothing_when_any_is_bad(
    sqlite_db, tmp_path, case
):
    rows, bad, delimiter, encoding = case
    db, admin = _generated_setup(sqlite_db)
    path = write_csv(tmp_path / "gen.csv", rows, delimiter=delimiter, encoding=encoding)
    before = counts(db)
    if not bad:
        result = imports.import_file(db.uow(), admin, path)
        assert result.created == len(rows) - 1
        names = {catalog.find_item(db.uow(), r[0]).name for r in rows[1:]}
        assert names == {r[1] for r in rows[1:]}  # the encoding was read right
        return
    with pytest.raises(ImportRejected) as raised:
        imports.import_file(db.uow(), admin, path)
    assert {p.row for p in raised.value.problems} == bad
    assert counts(db) == before


def _generated_setup(db: Database):
    from stockdesk.services.accounts import users

    if not users.has_users(db.uow()):
        admin = users.create_first_admin(db.uow(), email="gen@example.com", password="gen-pass-123")
        organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
        tools = organisation.create_category(db.uow(), admin, name="Tools")
        organisation.create_category(db.uow(), admin, name="Saws", parent_id=tools.id)
    return db, users.system_actor(db.uow())


def test_opening_stock_must_fit_the_items_unit(catalogue, admin, tmp_path):
    before = counts(catalogue)
    path = write_csv(
        tmp_path / "units.csv",
        [
            ["SKU", "Name", "Unit", "stock:MAIN"],
            ["ROPE-1", "Rope by the metre", "m", "12.5"],
            ["HOOK-1", "Hooks", "pcs", "2.5"],
            ["NUT-1", "Nuts", "", "0.5"],  # no unit: pieces
        ],
    )
    with pytest.raises(ImportRejected) as raised:
        imports.import_file(catalogue.uow(), admin, path)
    found = {(p.row, p.field, p.value) for p in raised.value.problems}
    assert found == {(3, "stock:MAIN", "2.5"), (4, "stock:MAIN", "0.5")}
    assert "whole number of pcs" in str(raised.value.problems[0])
    assert counts(catalogue) == before


def test_a_file_sets_each_stores_own_reorder_point_for_new_and_updated_items(
    catalogue, admin, branch_store, tmp_path
):
    from stockdesk.services.planning import store_points

    old = catalog.create_item(
        catalogue.uow(), admin, sku="OLD-2", name="Stored", reorder_point="3", reorder_qty="6"
    )
    path = write_csv(
        tmp_path / "points.csv",
        [
            ["SKU", "Name", "Reorder point", "reorder_point:BR", "Reorder qty BR"],
            ["NEW-1", "New drill", "2", "8", "24"],
            ["OLD-2", "Stored", "", "9", ""],  # only the point: the quantity stays the item's
        ],
    )
    result = imports.import_file(catalogue.uow(), admin, path, options=ImportOptions(upsert=True))
    assert (result.created, result.updated) == (1, 1)
    new = catalog.find_item(catalogue.uow(), "NEW-1")
    with catalogue.uow() as uow:
        points = store_points.overrides_of(uow.session, new.id)
        kept = store_points.overrides_of(uow.session, old.id)
    assert points == {branch_store.id: store_points.StorePoint(Decimal(8), Decimal(24))}
    assert kept == {branch_store.id: store_points.StorePoint(Decimal(9), Decimal(6))}

    bad = write_csv(
        tmp_path / "bad-points.csv", [["SKU", "Name", "reorder_point:BR"], ["N-2", "Nails", "-1"]]
    )
    with pytest.raises(ImportRejected) as refused:
        imports.import_file(catalogue.uow(), admin, bad)
    assert {(p.row, p.field, p.value) for p in refused.value.problems} == {(2, "reorder_point:BR", "-1")}
    unknown = write_csv(tmp_path / "unknown.csv", [["SKU", "Name", "reorder_point:XX"], ["N-3", "Nuts", "1"]])
    with pytest.raises(ImportRejected, match="XX"):
        imports.import_file(catalogue.uow(), admin, unknown)


def test_a_clerk_may_not_import_store_reorder_points(catalogue, clerk, tmp_path):
    path = write_csv(tmp_path / "c.csv", [["sku", "name", "reorder_point:MAIN"], ["C-2", "Thing", "4"]])
    with pytest.raises(PermissionDenied):
        imports.import_file(catalogue.uow(), clerk, path)
    assert counts(catalogue)[0] == 0
