"""Hostile item files end in a clear message naming the file or the row and column, never a traceback,
and SKUs are unique ignoring case and surrounding spaces (service, import, migration)."""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from stockdesk.cli import main
from stockdesk.db import migrate
from stockdesk.db.engine import make_engine
from stockdesk.domain.errors import DuplicateValue, ValidationError
from stockdesk.services.catalogue import catalog
from stockdesk.services.database import open_database
from stockdesk.services.exchange import import_guard, imports
from stockdesk.services.exchange.import_files import read_table
from stockdesk.services.exchange.imports import ImportOptions, ImportRejected
from stockdesk.services.inventory import check


def csv_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def refusal(path: Path) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        read_table(path)
    return refused.value


def test_a_cell_over_128_kb_is_refused_naming_its_row_and_column(tmp_path):
    huge = "x" * (import_guard.MAX_CELL_CHARS + 1)
    path = csv_bytes(tmp_path / "big.csv", f"sku,name\nA,fine\nB,{huge}\n".encode())
    error = refusal(path)
    assert error.field == "row 3, column name" and "131,073 characters" in error.reason


def test_an_unclosed_quote_swallowing_the_file_is_a_clear_message_too(tmp_path):
    rows = "".join(f"S{n},name {n}\n" for n in range(20_000))
    path = csv_bytes(tmp_path / "quote.csv", f'sku,name\nA,"unclosed\n{rows}'.encode())
    assert refusal(path).field == "row 2, column name"


def test_the_cli_prints_one_line_for_a_hostile_file_and_exits_2(tmp_path, capsys):
    db_path = tmp_path / "d.sqlite"
    from stockdesk.services.accounts import users

    db = open_database(str(db_path))
    users.create_first_admin(db.uow(), email="a@example.com", password="admin-pass-1")
    db.close()
    huge = "x" * (import_guard.MAX_CELL_CHARS + 5)
    path = csv_bytes(tmp_path / "big.csv", f"sku,name\nB,{huge}\n".encode())
    assert main(["--db", str(db_path), "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("stockdesk: row 2, column name:") and "Traceback" not in err


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(import_guard, "MAX_FILE_BYTES", 1000)
    path = csv_bytes(tmp_path / "large.csv", b"sku,name\n" + b"A,b\n" * 300)
    error = refusal(path)
    assert error.field == "file" and error.value == "large.csv" and "at most" in error.reason


def test_an_xlsx_that_is_not_a_zip_is_refused_with_a_message(tmp_path):
    path = csv_bytes(tmp_path / "fake.xlsx", b"sku,name\nA,Anvil\n")
    error = refusal(path)
    assert error.field == "file" and "not an Excel workbook" in error.reason


def test_a_damaged_workbook_is_refused_with_a_message(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not really>")
    path = csv_bytes(tmp_path / "damaged.xlsx", buffer.getvalue())
    error = refusal(path)
    assert error.field == "file" and "workbook" in error.reason


def test_a_zip_bomb_is_refused_without_expanding_it(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))  # 50 MB -> ~50 KB
    path = csv_bytes(tmp_path / "bomb.xlsx", buffer.getvalue())
    assert path.stat().st_size < 200_000
    error = refusal(path)
    assert "zip bomb" in error.reason


def test_a_workbook_expanding_past_the_total_limit_is_refused(tmp_path, monkeypatch):
    book = Workbook()
    book.active.append(["sku", "name"])
    for n in range(2000):
        book.active.append([f"S{n}", f"Item number {n}"])
    path = tmp_path / "items.xlsx"
    book.save(path)
    assert read_table(path).rows  # within the limits it reads
    monkeypatch.setattr(import_guard, "MAX_XLSX_UNCOMPRESSED", 10_000)
    assert "expands to" in refusal(path).reason


def test_broken_utf_8_is_refused_at_its_row_instead_of_read_as_windows_1252(tmp_path):
    data = "sku,name\nA,Café\nB,Crème\n".encode() + b"C,bad \xff byte\n"
    error = refusal(csv_bytes(tmp_path / "mixed.csv", data))
    assert error.field == "row 4" and error.value == "ff" and "not valid UTF-8" in error.reason


def test_windows_1252_still_reads_and_its_undefined_bytes_are_refused(tmp_path):
    good = csv_bytes(tmp_path / "excel.csv", "sku;name\nA;Café\n".encode("cp1252"))
    assert read_table(good).rows == [("A", "Café")]
    error = refusal(csv_bytes(tmp_path / "undefined.csv", b"sku;name\nA;ok\nB;\x81\n"))
    assert error.field == "row 3" and "Windows-1252" in error.reason


def test_nul_and_control_characters_in_names_are_refused_per_row(db, admin, tmp_path):
    path = csv_bytes(tmp_path / "ctl.csv", b"sku,name\nA,Anvil\nB,Bad\x00name\nC\x1b[31m,Red\nD,Fine\n")
    with pytest.raises(ImportRejected) as rejected:
        imports.import_file(db.uow(), admin, path)
    problems = {(p.row, p.field): p.reason for p in rejected.value.problems}
    assert set(problems) == {(3, "name"), (4, "sku")}
    assert "control character (U+0000)" in problems[(3, "name")]
    with pytest.raises(ValidationError, match="control character"):
        catalog.create_item(db.uow(), admin, sku="N1", name="nul\x00inside")


def test_skus_are_unique_ignoring_case_and_spaces_in_the_service(db, admin):
    catalog.create_item(db.uow(), admin, sku="D2", name="Drill")
    with pytest.raises(DuplicateValue, match="'D2'"):
        catalog.create_item(db.uow(), admin, sku="d2 ", name="Other drill")
    other = catalog.create_item(db.uow(), admin, sku="D3", name="Driver")
    with pytest.raises(DuplicateValue):
        catalog.update_item(db.uow(), admin, other.id, sku=" d2")
    assert catalog.update_item(db.uow(), admin, other.id, sku="d3").sku == "d3"  # its own SKU, recased


def test_skus_are_unique_ignoring_case_and_spaces_in_an_import(db, admin, tmp_path):
    catalog.create_item(db.uow(), admin, sku="D2", name="Drill")
    path = csv_bytes(tmp_path / "dup.csv", b"sku,name\nd2,New drill\nE1,Eel\ne1 ,Other eel\n")
    with pytest.raises(ImportRejected) as rejected:
        imports.import_file(db.uow(), admin, path)
    assert {(p.row, p.field) for p in rejected.value.problems} == {(2, "sku"), (4, "sku")}
    upsert = csv_bytes(tmp_path / "up.csv", b"sku,name\nd2,Cordless drill\n")
    result = imports.import_file(db.uow(), admin, upsert, options=ImportOptions(upsert=True))
    assert (result.created, result.updated) == (0, 1)
    assert catalog.find_item(db.uow(), "D2").name == "Cordless drill"


def test_the_migration_reports_existing_clashes_instead_of_failing(tmp_path, caplog, capsys):
    path = tmp_path / "old.sqlite"
    engine = make_engine(str(path))
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:
        for n, sku in enumerate(("D2", "d2 ", "E1")):
            connection.exec_driver_sql(
                "INSERT INTO item (id, sku, name, description, unit, cost_price, sell_price, reorder_point,"
                " reorder_qty, active, created_at, updated_at, origin_desk, hlc, deleted)"
                f" VALUES ('0190c1a000007000800000000000000{n}', '{sku}', 'Item', '', 'pcs', 0, 0, 0, 0, 1,"
                " '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'desk-old', '', 0)"
            )
    engine.dispose()
    with caplog.at_level(logging.WARNING, logger="stockdesk.migrations"):
        db = open_database(str(path))
    assert migrate.is_current(db.engine)
    assert any("'D2'" in r.getMessage() and "2 items" in r.getMessage() for r in caplog.records)
    assert check.sku_clashes(db.uow()) == [["D2", "d2 "]]
    db.close()
    main(["--db", str(path), "check"])
    assert "'D2', 'd2 '" in capsys.readouterr().out
