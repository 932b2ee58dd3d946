"""Label sheets: printed, rasterised like a scanner sees them, and decoded back."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from pyzbar import pyzbar

from stockdesk.domain.errors import InvalidBarcode, ValidationError
from stockdesk.reports.label_presets import PRESETS
from stockdesk.reports.labels import Label, write_labels

LABELS = [
    Label("Claw hammer 16 oz, fibreglass handle, anti-vibration grip", Decimal("12.5"), "4006381333931"),
    Label("Wood screws 4 x 40 mm (200)", Decimal("3.99"), "96385074", "EAN-8"),
    Label("Duct tape 50 m silver", Decimal("1234.5"), "036000291452", "UPC-A"),
    Label("Pallet jack 2.5 t", Decimal("499"), "WH-PJ-00017", "code128"),
]
EXPECTED = {label.code for label in LABELS}


def render_page(pdf: Path, page: int = 0, dpi: int = 200) -> Image.Image:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[page].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()


def decoded_codes(image: Image.Image) -> set[str]:
    found = {result.text for result in zxingcpp.read_barcodes(image)}
    found |= {symbol.data.decode() for symbol in pyzbar.decode(image)}
    # Both readers report UPC-A as the equivalent 13-digit EAN with a leading zero.
    return found | {code[1:] for code in found if len(code) == 13 and code.startswith("0")}


def keep_for_a_person(png: Path) -> None:
    if artifacts := os.environ.get("STOCKDESK_ARTIFACTS"):
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(artifacts) / png.name)


@pytest.mark.parametrize("preset", ["a4-l7160", "a4-3x8", "letter-5160"])
def test_every_barcode_on_the_sheet_decodes_at_200_dpi(tmp_path, preset):
    pdf = tmp_path / f"labels-{preset}.pdf"
    assert write_labels(pdf, LABELS, preset) == 1
    image = render_page(pdf)
    png = tmp_path / f"labels-{preset}-page1.png"
    image.save(png)
    keep_for_a_person(png)
    assert decoded_codes(image) >= EXPECTED


def test_sheet_size_matches_the_preset_paper(tmp_path):
    write_labels(tmp_path / "a4.pdf", LABELS, "A4-L7160")
    write_labels(tmp_path / "letter.pdf", LABELS, "letter-5160")
    a4 = PdfReader(tmp_path / "a4.pdf").pages[0].mediabox
    letter = PdfReader(tmp_path / "letter.pdf").pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (float(letter.width), float(letter.height)) == (612, 792)


def test_each_label_shows_name_price_and_readable_code(tmp_path):
    pdf = tmp_path / "labels.pdf"
    write_labels(pdf, LABELS, "a4-3x8")
    text = PdfReader(pdf).pages[0].extract_text()
    for price in ("12.50", "3.99", "1,234.50", "499.00"):
        assert price in text
    for label in LABELS:
        assert label.code in text
    assert "Wood screws 4 x 40 mm (200)" in text
    # The long name is cut with an ellipsis instead of running into the price or the next label.
    assert "Claw hammer" in text
    assert "anti-vibration grip" not in text
    assert "…" in text


def test_copies_fill_further_sheets(tmp_path):
    pdf = tmp_path / "copies.pdf"
    per_sheet = PRESETS["letter-5160"].per_sheet
    sheets = write_labels(pdf, LABELS, "letter-5160", copies=8)  # 32 labels on 30-up sheets
    assert sheets == 2
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2
    assert reader.pages[0].extract_text().count("4006381333931") == 8
    assert reader.pages[1].extract_text().count("WH-PJ-00017") == 4 * 8 - per_sheet
    assert decoded_codes(render_page(pdf, page=1)) >= {"WH-PJ-00017"}


def test_a_wrong_check_digit_is_refused_and_no_sheet_is_written(tmp_path):
    pdf = tmp_path / "bad.pdf"
    bad = Label("Typo", Decimal(1), "4006381333932", "ean13")
    with pytest.raises(InvalidBarcode) as refused:
        write_labels(pdf, [LABELS[0], bad], "a4-3x8")
    assert refused.value.value == "4006381333932"
    assert list(tmp_path.iterdir()) == []


def test_unknown_preset_or_symbology_names_the_field(tmp_path):
    with pytest.raises(ValidationError) as preset:
        write_labels(tmp_path / "x.pdf", LABELS, "a5-2x4")
    assert preset.value.field == "preset"
    with pytest.raises(ValidationError) as symbology:
        write_labels(tmp_path / "x.pdf", [Label("x", Decimal(1), "123", "qr")], "a4-3x8")
    assert symbology.value.field == "symbology"
    assert list(tmp_path.iterdir()) == []


def test_a_code_too_long_for_the_label_is_refused(tmp_path):
    long_code = Label("Long", Decimal(1), "X" * 60, "code128")
    with pytest.raises(InvalidBarcode, match="too long"):
        write_labels(tmp_path / "long.pdf", [long_code], "letter-5160")
