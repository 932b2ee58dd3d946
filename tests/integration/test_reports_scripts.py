"""Names in Greek, Cyrillic, Arabic and Chinese print in every PDF report, the purchase order and labels.

Read back with pypdf: the text is there (Arabic in the joined, visual form it is drawn in) and the
bundled TrueType fonts are embedded, so the page shows glyphs, not empty boxes.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from arabic_reshaper import reshape
from pypdf import PdfReader

from stockdesk.reports.fonts import visual
from stockdesk.reports.labels import Label, write_labels
from stockdesk.reports.purchase_order import write_order_pdf
from stockdesk.reports.registry import REPORTS, run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation, variants
from stockdesk.services.inventory import stock, stocktake
from stockdesk.services.places.placing import PlaceChoice
from stockdesk.services.planning import purchasing
from stockdesk.services.planning.purchasing import DraftLine

NAMES = {
    "GR-1": "Σφυρί καρφιών",  # Greek
    "RU-1": "Молоток столярный",  # Cyrillic
    "AR-1": "مطرقة نجار",  # Arabic, right to left
    "ZH-1": "羊角锤 500g",  # Chinese with Latin digits
}
STORE_NAME = "Κεντρικό κατάστημα"
SUPPLIER = "Инструменты ООО"


@pytest.fixture
def shop(sqlite_db):
    admin = users.create_first_admin(
        sqlite_db.uow(), email="a@example.com", password="admin-pass-1", name="Ada"
    )
    store = organisation.create_store(sqlite_db.uow(), admin, code="ATH", name=STORE_NAME)
    supplier = organisation.create_supplier(sqlite_db.uow(), admin, name=SUPPLIER, email="orders@example.com")
    items = {}
    for sku, name in NAMES.items():
        items[sku] = catalog.create_item(
            sqlite_db.uow(), admin, sku=sku, name=name, cost_price="2.50", sell_price="4.90",
            reorder_point="5", reorder_qty="10", supplier_id=supplier.id,
        )
        stock.receive(sqlite_db.uow(), admin, item_id=items[sku].id, store_id=store.id, quantity="3")
    return sqlite_db, admin, store, items


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def embedded_fonts(pdf: Path) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts") or [font]
            for entry in descendants:
                descriptor = entry.get_object().get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def _fragments(text: str, name: str) -> set[str]:
    forms = {name, reshape(name), visual(name)}
    return {form for form in forms if form in text}


def assert_printed(pdf: Path, names: list[str]) -> None:
    text = text_of(pdf)
    # Arabic is drawn joined (presentation forms) in visual order; pypdf reads it back in either order.
    missing = [name for name in names if not _fragments(text, name)]
    assert missing == [], text
    fonts = embedded_fonts(pdf)  # subsets of the bundled TrueType fonts, by their PostScript names
    assert "DroidSansFallback" in fonts and fonts & {"DejaVuSans", "DejaVuSans-Bold"}, fonts


@pytest.mark.parametrize("report", sorted(REPORTS))
def test_every_report_prints_names_in_any_script(shop, tmp_path, report):
    db, admin, store, _items = shop
    options = ReportOptions(store="ATH")
    expected = [*NAMES.values()]
    if report == "item-card":
        options, expected = ReportOptions(sku="ZH-1"), [NAMES["ZH-1"], SUPPLIER]
    if report == "recall":
        tea = catalog.create_item(db.uow(), admin, sku="TEA-L", name=NAMES["ZH-1"], tracking="lot")
        receipt = PlaceChoice(lot="Λ-7")
        stock.receive(db.uow(), admin, item_id=tea.id, store_id=store.id, quantity="4", place=receipt)
        options, expected = ReportOptions(sku="TEA-L", lot="Λ-7"), [NAMES["ZH-1"], STORE_NAME]
    if report == "variants":
        shirt = catalog.create_item(db.uow(), admin, sku="TS", name=NAMES["GR-1"])
        made = variants.generate(db.uow(), admin, shirt.id, {"size": [NAMES["ZH-1"]]}).created[0]
        stock.receive(db.uow(), admin, item_id=made.id, store_id=store.id, quantity="2")
        expected = [NAMES["GR-1"], NAMES["ZH-1"]]
    if report == "stocktake-variance":
        take = stocktake.start(db.uow(), admin, store_id=store.id)
        stocktake.add_counts(db.uow(), admin, take.id, [(sku, "2") for sku in NAMES])
    result = run_report(db, admin, report, options, tmp_path / f"{report}.pdf")
    assert_printed(result.path, expected)


def test_a_purchase_order_prints_the_supplier_and_item_names(shop, tmp_path):
    db, admin, store, items = shop
    [order] = purchasing.create_drafts(
        db.uow(), admin, [DraftLine(items[sku].id, store.id, Decimal(4)) for sku in NAMES]
    )
    pdf = purchasing.send(db.uow(), admin, order.id, pdf_dir=tmp_path, write_pdf=write_order_pdf)
    assert_printed(pdf, [SUPPLIER, *NAMES.values()])


def test_a_label_sheet_prints_names_in_any_script(tmp_path):
    labels = [Label(name, Decimal("4.9"), "4006381333931") for name in NAMES.values()]
    pdf = tmp_path / "labels.pdf"
    write_labels(pdf, labels, "a4-3x8")
    assert_printed(pdf, list(NAMES.values()))


def test_latin_reports_stay_in_the_standard_fonts_and_embed_nothing(sqlite_db, tmp_path):
    admin = users.create_first_admin(
        sqlite_db.uow(), email="a@example.com", password="admin-pass-1", name="Ada"
    )
    store = organisation.create_store(sqlite_db.uow(), admin, code="MAIN", name="Hauptgeschäft Süd")
    item = catalog.create_item(sqlite_db.uow(), admin, sku="H-1", name="Hammer, 500 g – Stiel aus Eschenholz")
    stock.receive(sqlite_db.uow(), admin, item_id=item.id, store_id=store.id, quantity="3")
    result = run_report(sqlite_db, admin, "valuation", ReportOptions(), tmp_path / "valuation.pdf")
    assert "Hammer, 500 g – Stiel aus Eschenholz" in text_of(result.path)
    assert embedded_fonts(result.path) == set()
