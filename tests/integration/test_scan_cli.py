import subprocess
import sys
from pathlib import Path

import numpy as np
import pypdfium2
import pytest

from stockdesk.config import Config, ConfigStore
from stockdesk.reports.label_presets import PRESETS
from stockdesk.scanner.decoders import decode_frame
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import open_database
from tests.support.barcode_video import write_images, write_video

ROOT = Path(__file__).resolve().parents[2]
EAN = "4006381333931"
UPCA = "036000291452"
VIDEO_ITEMS = [
    ("EAN13", EAN),
    ("UPCA", UPCA),
    ("CODE128", "TEA-2"),
    ("QRCODE", "NOBODY-HAS-THIS"),
    ("CODE128", "4006381333932"),
    ("QRCODE", "STORE:MAIN"),
]


@pytest.fixture
def shop(tmp_path):
    path = tmp_path / "shop.sqlite"
    db = open_database(str(path))
    admin = users.create_first_admin(db.uow(), email="a@example.com", password="admin-pass-1")
    organisation.create_store(db.uow(), admin, code="MAIN", name="Main")
    catalog.create_item(db.uow(), admin, sku="TEA-1", name="Green tea", sell_price="3.50", barcodes=[EAN])
    catalog.create_item(db.uow(), admin, sku="SODA", name="Soda can", sell_price="1.20", barcodes=[UPCA])
    catalog.create_item(db.uow(), admin, sku="TEA-2", name="Black tea", sell_price="2.75")
    db.close()
    return path


def stockdesk(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "stockdesk", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def test_scan_of_a_video_prints_one_line_per_code_with_its_item(tmp_path, shop):
    video = write_video(tmp_path / "counter.avi", VIDEO_ITEMS, variant="blur")
    done = stockdesk("scan", "--source", str(video), "--db", str(shop), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    lines = [line.split("\t") for line in done.stdout.splitlines()]
    assert lines[0] == [EAN, "EAN13", "TEA-1"]
    assert lines[1] == [UPCA, "UPCA", "SODA"]
    assert lines[2] == ["TEA-2", "CODE128", "TEA-2"]
    assert lines[3] == ["NOBODY-HAS-THIS", "QRCODE", "unknown"]
    assert lines[4][:2] == ["4006381333932", "CODE128"]
    assert lines[4][2].startswith("wrong check digit")
    assert lines[5] == ["STORE:MAIN", "QRCODE", "store MAIN"]
    assert len(lines) == 6


def test_scan_without_a_database_only_reports_codes(tmp_path):
    folder = write_images(tmp_path / "stills", [("EAN13", EAN), ("QRCODE", "HELLO-1")])
    done = stockdesk("scan", "--source", str(folder), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"{EAN}\tEAN13\t-", "HELLO-1\tQRCODE\t-"]


def test_scan_of_a_missing_camera_says_so_and_fails(tmp_path):
    done = stockdesk("scan", "--source", "7", cwd=tmp_path)
    assert done.returncode == 2
    assert "camera 7" in done.stderr and "cannot be opened" in done.stderr


def test_scan_without_a_source_opens_the_configured_camera(tmp_path):
    ConfigStore().save(Config(camera_index=7))  # as Settings -> This desk -> Camera number saves it
    done = stockdesk("scan", cwd=tmp_path)
    assert done.returncode == 2
    assert "camera 7" in done.stderr and "cannot be opened" in done.stderr


def slot_codes(pdf, preset_name, slots, dpi=200):
    """The code decoded from each label slot of page 1, in slot order ("" for an empty slot)."""
    preset = PRESETS[preset_name]
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=dpi / 72).to_pil().convert("L")
    page = np.asarray(image)
    scale = dpi / 72
    codes = []
    for slot in range(slots):
        x, y = preset.origin(slot)
        left, top = int(x * scale), int((preset.page[1] - y - preset.height) * scale)
        cell = page[top : top + int(preset.height * scale), left : left + int(preset.width * scale)]
        found = decode_frame(np.ascontiguousarray(cell))
        codes.append(found[0].code if found else "")
    return codes


def test_labels_command_writes_sheets_whose_barcodes_decode_to_the_items(tmp_path, shop):
    out = tmp_path / "labels.pdf"
    done = stockdesk(
        "--db",
        str(shop),
        "labels",
        "--sku",
        "TEA-1",
        "--sku",
        "TEA-2",
        "--search",
        "soda",
        "--preset",
        "a4-3x8",
        "--copies",
        "2",
        "--out",
        str(out),
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "3 item(s) x 2, 1 sheet(s)" in done.stdout
    # Each item twice in a row, SKUs first, then the search hits; the next slot is empty.
    assert slot_codes(out, "a4-3x8", 7) == [EAN, EAN, "TEA-2", "TEA-2", UPCA, UPCA, ""]


def test_labels_for_an_unknown_sku_fail_with_a_clear_message_and_no_file(tmp_path, shop):
    out = tmp_path / "labels.pdf"
    done = stockdesk("labels", "--db", str(shop), "--sku", "NOPE", "--out", str(out), cwd=ROOT)
    assert done.returncode == 2
    assert "NOPE not found" in done.stderr
    assert not out.exists()
