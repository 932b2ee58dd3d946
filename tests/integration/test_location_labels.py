"""`stockdesk labels --locations STORE`: a label per location of the store, its code as Code 128, its
path and store printed; the PDF is read back and its barcodes decoded from a 200 dpi rendering."""

from __future__ import annotations

import pypdfium2
import zxingcpp
from pypdf import PdfReader

from stockdesk.cli import main
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.places import locations


def test_location_labels_from_the_command_line_show_path_and_store_and_scan_as_the_code(
    tmp_path, capsys, sqlite_db
):
    db = sqlite_db
    shop = db.engine.url.database
    admin = users.create_first_admin(db.uow(), email="admin@example.com", password="admin-pass-1")
    store = organisation.create_store(db.uow(), admin, code="MAIN", name="Main store")
    other = organisation.create_store(db.uow(), admin, code="BR", name="Branch")
    organisation.create_store(db.uow(), admin, code="EMPTY", name="No shelves yet")
    zone = locations.create_location(db.uow(), admin, store_id=store.id, code="ZONE-A", kind="zone")
    aisle = locations.create_location(
        db.uow(), admin, store_id=store.id, code="A-03", kind="aisle", parent_id=zone.id
    )
    for code in ("A-03-1", "A-03-2"):
        locations.create_location(
            db.uow(), admin, store_id=store.id, code=code, name="Hooks", parent_id=aisle.id
        )
    gone = locations.create_location(db.uow(), admin, store_id=store.id, code="OLD-1", kind="shelf")
    locations.set_location_active(db.uow(), admin, gone.id, active=False)
    locations.create_location(db.uow(), admin, store_id=other.id, code="BR-1")

    out = tmp_path / "locations.pdf"
    assert main(["--db", str(shop), "labels", "--locations", "main", "--out", str(out)]) == 0
    assert "4 location(s) x 1, 1 sheet(s)" in capsys.readouterr().out
    [page] = PdfReader(out).pages
    text = page.extract_text()
    for path in (
        "ZONE-A",
        "ZONE-A › A-03",
        "ZONE-A › A-03 › A-03-1 — Hooks",
        "ZONE-A › A-03 › A-03-2 — Hooks",
    ):
        assert path in text
    assert text.count("MAIN") == 4  # each label names its store
    assert "OLD-1" not in text and "BR-1" not in text  # archived, and another store's
    image = pypdfium2.PdfDocument(out)[0].render(scale=200 / 72).to_pil().convert("L")
    decoded = {(r.text, r.format) for r in zxingcpp.read_barcodes(image)}
    assert decoded == {
        (code, zxingcpp.BarcodeFormat.Code128) for code in ("ZONE-A", "A-03", "A-03-1", "A-03-2")
    }

    # A store that is not there, or has no locations, is refused naming the option; no file is left.
    refused = tmp_path / "none.pdf"
    assert main(["--db", str(shop), "labels", "--locations", "NOPE", "--out", str(refused)]) == 2
    assert main(["--db", str(shop), "labels", "--locations", "EMPTY", "--out", str(refused)]) == 2
    errors = capsys.readouterr().err
    assert "locations: 'NOPE' is not a known store code" in errors
    assert "locations: 'EMPTY' has no active locations to label" in errors
    assert not refused.exists()
