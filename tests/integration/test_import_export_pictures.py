"""The items CSV's Picture column (issue 21): an export with pictures writes each picture once beside the
CSV and names it; the import reads a file (relative to the CSV or absolute) or an http(s) address once
however many rows name it, `-` removes a picture and a blank cell leaves it; a missing file, a text file,
an oversized file and an address that does not answer are named by row and column, and nothing is written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from stockdesk.cli.main import main as cli_main
from stockdesk.db.picture_models import ItemPicture, PictureBlob
from stockdesk.domain.errors import NotFound
from stockdesk.i18n import translate
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, picture_images, pictures
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.database import open_database
from stockdesk.services.exchange import imports, item_pictures
from stockdesk.services.exchange.imports import ImportOptions, ImportRejected
from stockdesk.ui.export import ExportCancelled, write_items_csv


def photo(width: int, height: int, fmt: str = "PNG", shade: int = 0) -> bytes:
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    if shade:
        image = Image.new("RGB", (width, height), (shade, 40, 90))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _count(db, model) -> int:
    with db.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def _exists(db, sku: str) -> bool:
    try:
        catalog.find_item(db.uow(), sku)
    except NotFound:
        return False
    return True


def _sha(db, sku: str) -> str | None:
    shown = pictures.picture_of(db.uow(), catalog.find_item(db.uow(), sku).id)
    return None if shown is None else hashlib.sha256(shown.data).hexdigest()


def test_pictures_leave_once_each_beside_the_csv_and_a_fresh_database_reads_them_back(db, admin, tmp_path):
    hammer = catalog.create_item(db.uow(), admin, sku="HAM", name="Hammer")
    nails = catalog.create_item(db.uow(), admin, sku="NAIL", name="Nails")
    saw = catalog.create_item(db.uow(), admin, sku="SAW", name="Saw")
    catalog.create_item(db.uow(), admin, sku="BARE", name="No picture")
    big = photo(2400, 1200)  # stored shrunk to a 1600 x 800 JPEG
    pictures.set_item_picture(db.uow(), admin, hammer.id, big, "hammer.png")
    pictures.set_item_picture(db.uow(), admin, nails.id, big, "nails.png")  # the same picture
    small = pictures.set_item_picture(db.uow(), admin, saw.id, photo(300, 200, shade=200), "saw.png")
    assert small.mime == "image/png"  # a PNG that fits is kept as it is

    plain = tmp_path / "plain" / "items.csv"
    plain.parent.mkdir()
    write_items_csv(db, ItemFilter(), plain)
    assert {r["Picture"] for r in _rows(plain)} == {""}  # without pictures the column stays blank
    assert not (plain.parent / "items-pictures").exists()

    exported = tmp_path / "out" / "items.csv"
    exported.parent.mkdir()
    assert write_items_csv(db, ItemFilter(), exported, pictures=True) == 4
    cells = {r["SKU"]: r["Picture"] for r in _rows(exported)}
    folder = exported.parent / "items-pictures"
    files = sorted(folder.iterdir())
    assert len(files) == 2  # two items share one picture: one file
    assert cells["HAM"] == cells["NAIL"] and cells["BARE"] == ""
    assert {cells["HAM"], cells["SAW"]} == {f"items-pictures/{f.name}" for f in files}
    for sku, size, suffix in (("HAM", (1600, 800), ".jpg"), ("SAW", (300, 200), ".png")):
        file = exported.parent / cells[sku]
        assert file.suffix == suffix and file.stem == hashlib.sha256(file.read_bytes()).hexdigest()
        assert file.stem == _sha(db, sku)
        with Image.open(file) as image:
            assert image.size == size
        assert file.stat().st_mode & 0o077 == 0  # private like the CSV

    # Exported again into the same place: the files are there under their content's name already.
    inodes = {f.name: f.stat().st_ino for f in files}
    write_items_csv(db, ItemFilter(), exported, pictures=True)
    assert {f.name: f.stat().st_ino for f in folder.iterdir()} == inodes

    fresh = open_database(str(tmp_path / "fresh.sqlite"))
    try:
        boss = users.create_first_admin(fresh.uow(), email="boss@example.com", password="boss-pass-12")
        result = imports.import_file(fresh.uow(), boss, exported)
        assert (result.created, result.pictures) == (4, 3)
        for sku in ("HAM", "NAIL", "SAW", "BARE"):
            assert _sha(fresh, sku) == _sha(db, sku)
        assert _count(fresh, PictureBlob) == 2
    finally:
        fresh.close()


def test_a_cancelled_export_takes_its_pictures_with_it_and_an_odd_name_still_reads_back(db, admin, tmp_path):
    item = catalog.create_item(db.uow(), admin, sku="HAM", name="Hammer")
    pictures.set_item_picture(db.uow(), admin, item.id, photo(60, 30), "hammer.png")
    target = tmp_path / "items.csv"
    with pytest.raises(ExportCancelled):
        write_items_csv(db, ItemFilter(), target, pictures=True, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []  # neither the CSV nor its pictures' folder

    odd = tmp_path / "-stock.csv"  # a cell "-stock-pictures/..." would be written "'-stock-pictures/..."
    write_items_csv(db, ItemFilter(), odd, pictures=True)
    assert _rows(odd)[0]["Picture"].startswith("./-stock-pictures/")
    again = _write(tmp_path / "again.csv", [{"SKU": "HAM", "Picture": "-"}])
    imports.import_file(db.uow(), admin, again, options=ImportOptions(upsert=True))
    assert _sha(db, "HAM") is None
    assert imports.import_file(db.uow(), admin, odd, options=ImportOptions(upsert=True)).pictures == 1
    assert _sha(db, "HAM") is not None


def test_an_upsert_sets_removes_and_keeps_pictures_reading_each_file_once(db, admin, tmp_path, monkeypatch):
    hammer = catalog.create_item(db.uow(), admin, sku="HAM", name="Hammer")
    nails = catalog.create_item(db.uow(), admin, sku="NAIL", name="Nails")
    catalog.create_item(db.uow(), admin, sku="SAW", name="Saw")
    pictures.set_item_picture(db.uow(), admin, hammer.id, photo(200, 100), "hammer.png")
    kept = pictures.set_item_picture(db.uow(), admin, nails.id, photo(120, 80, shade=30), "nails.png")
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "saw.png").write_bytes(photo(90, 60, shade=120))
    elsewhere = tmp_path / "elsewhere" / "bin.jpg"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(photo(64, 64, fmt="JPEG", shade=250))

    prepared = []
    real_prepare = picture_images.prepare

    def counted(data: bytes, name: str) -> picture_images.StoredImage:
        prepared.append(name)
        return real_prepare(data, name)

    monkeypatch.setattr(picture_images, "prepare", counted)
    rows = [
        {"SKU": "HAM", "Name": "Hammer", "Picture": "-"},  # removes
        {"SKU": "NAIL", "Name": "Nails", "Picture": ""},  # leaves it
        {"SKU": "SAW", "Name": "Saw", "Picture": "pics/saw.png"},  # relative to the CSV's folder
    ]
    rows += [{"SKU": f"BIN-{n:04}", "Name": f"Bin {n}", "Picture": str(elsewhere)} for n in range(1000)]
    rows += [{"SKU": "BIN-X", "Name": "Bin X", "Picture": "./pics/../pics/saw.png"}]  # the same file
    source = _write(tmp_path / "items.csv", rows)
    result = imports.import_file(db.uow(), admin, source, options=ImportOptions(upsert=True))
    assert (result.created, result.updated, result.pictures) == (1001, 3, 1003)
    assert len(prepared) == 2  # 1,000 rows name one file, two spellings another: each read once

    assert pictures.picture_of(db.uow(), hammer.id) is None
    assert pictures.picture_of(db.uow(), nails.id).id == kept.id
    assert _sha(db, "SAW") == hashlib.sha256((tmp_path / "pics" / "saw.png").read_bytes()).hexdigest()
    assert _sha(db, "BIN-X") == _sha(db, "SAW")
    assert _sha(db, "BIN-0999") == hashlib.sha256(elsewhere.read_bytes()).hexdigest()
    with db.uow() as uow:
        live = ItemPicture.deleted.is_(False)
        assert uow.session.scalar(select(func.count()).select_from(ItemPicture).where(live)) == 1003
    # hammer's tombstoned, saw's and the bins' picture added: 4 blobs, each once
    assert _count(db, PictureBlob) == 4

    # A picture put back: the tombstoned link comes back to life rather than a second row.
    again = _write(tmp_path / "again.csv", [{"SKU": "HAM", "Picture": "pics/saw.png"}])
    assert imports.import_file(db.uow(), admin, again, options=ImportOptions(upsert=True)).pictures == 1
    assert _sha(db, "HAM") == _sha(db, "SAW")
    with db.uow() as uow:
        assert uow.session.scalar(
            select(func.count()).select_from(ItemPicture).where(ItemPicture.item_id == hammer.id)
        ) == 1


def test_bad_picture_cells_are_named_by_row_and_column_and_nothing_is_written(db, admin, tmp_path):
    (tmp_path / "notes.txt").write_text("not a picture at all\n")
    with (tmp_path / "huge.tif").open("wb") as sparse:
        sparse.truncate(21 * 1024 * 1024)  # 21 MB on paper, no blocks on disk: refused before reading
    (tmp_path / "good.png").write_bytes(photo(50, 50))
    rows = [
        {"SKU": "A", "Name": "Missing", "Picture": "pictures/gone.jpg"},
        {"SKU": "B", "Name": "Text", "Picture": "notes.txt"},
        {"SKU": "C", "Name": "Huge", "Picture": "huge.tif"},
        {"SKU": "D", "Name": "Good", "Picture": "good.png"},
        {"SKU": "E", "Name": "Missing too", "Picture": "pictures/gone.jpg"},
    ]
    with pytest.raises(ImportRejected) as refused:
        imports.import_file(db.uow(), admin, _write(tmp_path / "bad.csv", rows))
    problems = {(p.row, p.field): p for p in refused.value.problems}
    assert set(problems) == {(2, "Picture"), (3, "Picture"), (4, "Picture"), (6, "Picture")}
    missing = str(problems[(2, "Picture")])
    assert missing.startswith("row 2, column Picture: 'pictures/gone.jpg' names no picture file")
    assert str(tmp_path / "pictures" / "gone.jpg") in missing
    assert "is not a picture this program can read" in str(problems[(3, "Picture")])
    assert "'huge.tif' is 21.0 MB: a picture file may be at most 20 MB" in str(problems[(4, "Picture")])
    german = {key: translate(p.reason, "de") for key, p in problems.items()}
    assert german[(2, "Picture")].startswith("nennt keine Bilddatei: die Datei ")
    assert german[(3, "Picture")].startswith("ist kein Bild")
    assert german[(4, "Picture")] == "ist 21.0 MB groß: eine Bilddatei darf höchstens 20 MB groß sein"
    assert _count(db, PictureBlob) == 0 and not _exists(db, "D")

    # The valid rows only: the good row goes in with its picture, the others come back.
    result = imports.import_file(
        db.uow(), admin, tmp_path / "bad.csv", options=ImportOptions(valid_only=True)
    )
    assert (result.created, len(result.rejected), result.pictures) == (1, 4, 1)
    assert _count(db, PictureBlob) == 1

    # A relative path needs the file's folder: import_table without one refuses it by row and column.
    table = imports.read_table(tmp_path / "bad.csv")
    with pytest.raises(ImportRejected) as no_folder:
        imports.import_table(db.uow(), admin, table, options=ImportOptions(upsert=True))
    assert "relative path" in str(no_folder.value.problems[0])


class _Pictures(BaseHTTPRequestHandler):
    """Answers GET /NAME from the server's `files`; counts the requests; `/big` streams without a length."""

    def do_GET(self) -> None:  # http.server's name
        server = self.server
        server.requests.append(self.path)
        if self.path == "/big":  # no Content-Length: the body ends when the connection does
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(b"\x89PNG" + b"\0" * 60_000)
            return
        if self.path == "/to-ftp":  # urllib's own redirect handler would follow this one
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/saw.jpg")
            self.end_headers()
            return
        if self.path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Length", str(30 * 1024 * 1024))
            self.end_headers()
            return
        body = server.files.get(self.path)
        if body is None:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def picture_server(monkeypatch) -> Iterator[ThreadingHTTPServer]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pictures)  # port 0: the system picks a free one
    server.files = {}
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: nothing listens there


def test_a_picture_address_is_fetched_once_and_one_that_fails_is_named(
    db, admin, tmp_path, picture_server, monkeypatch
):
    port = picture_server.server_address[1]
    base = f"http://127.0.0.1:{port}"
    picture_server.files["/ham.jpg"] = photo(80, 40, fmt="JPEG")
    rows = [{"SKU": f"H-{n}", "Name": f"Hammer {n}", "Picture": f"{base}/ham.jpg"} for n in range(3)]
    result = imports.import_file(db.uow(), admin, _write(tmp_path / "url.csv", rows))
    assert (result.created, result.pictures) == (3, 3)
    assert picture_server.requests == ["/ham.jpg"]  # three rows, one request
    expected = hashlib.sha256(picture_server.files["/ham.jpg"]).hexdigest()
    assert _sha(db, "H-2") == expected

    dead = f"http://127.0.0.1:{_closed_port()}/saw.jpg"
    monkeypatch.setattr(picture_images, "MAX_FILE_BYTES", 50_000)  # /big sends 60,000 bytes
    bad = [
        {"SKU": "X-1", "Name": "Gone", "Picture": f"{base}/gone.jpg"},
        {"SKU": "X-2", "Name": "Dead", "Picture": dead},
        {"SKU": "X-3", "Name": "Big", "Picture": f"{base}/big"},
        {"SKU": "X-4", "Name": "Says huge", "Picture": f"{base}/declared-huge"},
        {"SKU": "X-5", "Name": "Elsewhere", "Picture": f"{base}/to-ftp"},
    ]
    with pytest.raises(ImportRejected) as refused:
        imports.import_file(db.uow(), admin, _write(tmp_path / "bad-url.csv", bad))
    problems = {p.row: p for p in refused.value.problems}
    assert set(problems) == {2, 3, 4, 5, 6} and {p.field for p in problems.values()} == {"Picture"}
    gone = f"row 2, column Picture: '{base}/gone.jpg' could not be fetched: HTTP 404 Not Found"
    assert str(problems[2]) == gone
    assert str(problems[3]).startswith(f"row 3, column Picture: '{dead}' could not be fetched: ")
    assert "sends more than" in str(problems[4])
    assert "is 30.0 MB: a picture file may be at most" in str(problems[5])
    assert str(problems[6]).endswith("could not be fetched: HTTP 302 redirect to ftp://127.0.0.1/saw.jpg")
    assert translate(problems[2].reason, "de") == "konnte nicht geladen werden: HTTP 404 Not Found"
    assert not _exists(db, "X-1") and _count(db, PictureBlob) == 1


def test_the_export_command_writes_pictures_beside_the_csv(tmp_path, capsys):
    url = str(tmp_path / "shop.sqlite")
    db = open_database(url)
    admin = users.create_first_admin(db.uow(), email="a@example.com", password="admin-pass-1", name="A")
    item = catalog.create_item(db.uow(), admin, sku="HAM", name="Hammer")
    pictures.set_item_picture(db.uow(), admin, item.id, photo(100, 50), "hammer.png")
    db.close()
    out = tmp_path / "shop.csv"
    assert cli_main(["--db", url, "export", str(out), "--pictures"]) == 0
    cell = _rows(out)[0]["Picture"]
    assert cell.startswith("shop-pictures/") and (tmp_path / cell).is_file()
    assert item_pictures.picture_folder(out) == tmp_path / "shop-pictures"
    assert f"pictures in {tmp_path / 'shop-pictures'}" in capsys.readouterr().out
    assert cli_main(["--db", url, "export", str(tmp_path / "plain.csv")]) == 0
    assert _rows(tmp_path / "plain.csv")[0]["Picture"] == ""
