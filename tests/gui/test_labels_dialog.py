"""Label sheets from the window: the selected items (and their cases), a purchase order's receipt and
location labels, with copies, presets and a preview; the PDF is read and scanned back."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from decimal import Decimal
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, QSettings

from stockdesk.reports.label_sources import STORE_PREFIX
from stockdesk.services.catalogue import catalog, organisation, packs
from stockdesk.services.planning import purchasing
from stockdesk.ui.dialogs.labels_dialog import LabelsDialog
from stockdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def _pdf_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def _codes_on_first_page(path: Path) -> set[str]:
    page = pypdfium2.PdfDocument(str(path))[0]
    image = page.render(scale=200 / 72).to_pil().convert("L")
    return {result.text for result in zxingcpp.read_barcodes(image)}


def _saving_to(dialog: LabelsDialog, path: Path) -> None:
    dialog.ask_path = lambda _parent: path
    dialog.open_file = lambda _path: True


def test_labels_for_the_selected_items_with_their_cases_and_copies(qtbot, gui_db, gui_admin, tmp_path):
    hammer = catalog.create_item(
        gui_db.uow(),
        gui_admin,
        sku="HAM-1",
        name="Claw hammer",
        sell_price="12.50",
        barcodes=["4006381333931"],
    )
    catalog.create_item(
        gui_db.uow(), gui_admin, sku="NAIL-1", name="Nails 40 mm", sell_price="3.99", barcodes=["96385074"]
    )
    packs.add_pack(gui_db.uow(), gui_admin, hammer.id, name="case", factor="6", code="4012345678901")
    window = MainWindow(gui_db, gui_admin)
    qtbot.addWidget(window)
    shown: list[LabelsDialog] = []
    window.run_dialog = lambda dialog: shown.append(dialog) or False
    window.show_page(window.items_page)
    selection = window.table.selectionModel()
    for row in range(window.model.rowCount()):
        selection.select(
            window.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    window.actions["labels"].trigger()
    [dialog] = shown
    qtbot.addWidget(dialog)
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == [
        "Claw hammer",
        "Nails 40 mm",
    ]
    dialog.with_packs.setChecked(True)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["Claw hammer", "Claw hammer — case × 6 pcs", "Nails 40 mm"]
    assert dialog.table.item(1, 2).text() == "75.00"  # the case's price: 6 × 12.50
    dialog.table.cellWidget(2, 3).setValue(3)  # three labels of the nails
    dialog.update_preview()
    assert dialog.summary.text() == "5 labels on 1 sheets"
    assert not dialog.preview_image_size().isEmpty()
    out = tmp_path / "labels.pdf"
    _saving_to(dialog, out)
    dialog.save_pdf()
    assert dialog.written == out
    [text] = _pdf_text(out)
    assert text.count("Nails 40 mm") == 3 and "75.00" in text
    assert _codes_on_first_page(out) == {"4006381333931", "4012345678901", "96385074"}


def test_receipt_labels_one_per_unit_ordered_on_a_shelf_edge_sheet(
    qtbot, gui_db, gui_admin, gui_store, tmp_path, save_artifact
):
    supplier = organisation.create_supplier(gui_db.uow(), gui_admin, name="Tools Ltd")
    item = catalog.create_item(
        gui_db.uow(),
        gui_admin,
        sku="SAW-1",
        name="Hand saw",
        sell_price="19.90",
        barcodes=["4006381333931"],
        supplier_id=supplier.id,
    )
    [order] = purchasing.create_drafts(
        gui_db.uow(), gui_admin, [purchasing.DraftLine(item.id, gui_store.id, Decimal(4))]
    )
    dialog = LabelsDialog.for_order(gui_db, order.id, order.number)
    qtbot.addWidget(dialog)
    assert dialog.table.cellWidget(0, 3).value() == 4
    dialog.preset.setCurrentIndex(dialog.preset.findData("a4-shelf-3x8"))
    dialog.update_preview()
    save_artifact(dialog, "labels-dialog.png")
    out = tmp_path / "receipt.pdf"
    _saving_to(dialog, out)
    dialog.save_pdf()
    [text] = _pdf_text(out)
    assert text.count("Hand saw") == 4 and text.count("19.90") == 4
    assert _codes_on_first_page(out) == {"4006381333931"}


def test_store_labels_scan_as_the_store(qtbot, gui_db, gui_admin, gui_store, tmp_path):
    from stockdesk.services.catalogue import scanning

    dialog = LabelsDialog.for_stores(gui_db, [gui_store])
    qtbot.addWidget(dialog)
    out = tmp_path / "stores.pdf"
    _saving_to(dialog, out)
    dialog.save_pdf()
    [code] = _codes_on_first_page(out)
    assert code == f"{STORE_PREFIX}{gui_store.code}"
    assert scanning.resolve_scan(gui_db.uow(), code).store.id == gui_store.id


def test_the_stores_page_prints_a_stores_location_labels_and_its_own_label_apart(
    qtbot, gui_db, gui_admin, gui_store, tmp_path
):
    from stockdesk.services.places import locations
    from stockdesk.ui.pages.organisation_pages import StoresPage

    zone = locations.create_location(gui_db.uow(), gui_admin, store_id=gui_store.id, code="Z1", kind="zone")
    locations.create_location(gui_db.uow(), gui_admin, store_id=gui_store.id, code="Z1-01", parent_id=zone.id)
    bare = organisation.create_store(gui_db.uow(), gui_admin, code="BARE", name="No shelves yet")
    page = StoresPage(gui_db, gui_admin)
    qtbot.addWidget(page)
    shown: list[LabelsDialog] = []

    def keep(dialog: object) -> bool:
        assert isinstance(dialog, LabelsDialog)
        qtbot.addWidget(dialog)
        shown.append(dialog)
        return False

    page.run_dialog = keep  # type: ignore[assignment]
    codes = [page.model.index(row, 0).data() for row in range(page.model.rowCount())]
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows

    def choose(code: str) -> None:
        page.view.selectionModel().setCurrentIndex(page.model.index(codes.index(code), 0), flags)

    location_button, store_button = (page.page_actions[key] for key in ("labels", "store_labels"))
    assert location_button.text() == "Location &labels…" and store_button.text() == "Store la&bels…"
    location_button.trigger()
    assert not shown  # which store's shelves?
    assert page.message.text() == "Choose the store whose location labels to print."
    choose("MAIN")
    location_button.trigger()
    [dialog] = shown
    assert dialog.windowTitle() == "Location labels of MAIN — Main store"
    assert [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())] == ["Z1", "Z1-01"]
    out = tmp_path / "shelves.pdf"
    _saving_to(dialog, out)
    dialog.save_pdf()
    assert {"Z1", "Z1-01"} <= _codes_on_first_page(out)  # no STORE: label among them
    choose("BARE")
    location_button.trigger()
    assert len(shown) == 1 and page.message.text() == (
        "BARE has no locations yet: add them on the Locations page."
    )
    store_button.trigger()  # the store's own label, STORE:BARE, as the button says
    assert shown[-1].windowTitle() == "Store labels"
    assert [shown[-1].table.item(0, 1).text()] == [f"{STORE_PREFIX}{bare.code}"]
