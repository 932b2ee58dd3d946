"""Item pictures (issue 21): stored once per content and shrunk to what is kept, refused with the file's
name when too large or not a picture, only by those who may edit the item, and printed on the item card."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import func, select

from stockdesk.db.picture_models import PictureBlob, PictureThumb
from stockdesk.domain.errors import PermissionDenied, ValidationError
from stockdesk.reports.registry import run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.catalogue import catalog, pictures
from stockdesk.services.catalogue.picture_images import MAX_SIDE, MAX_STORED_BYTES, THUMB_SIDE


def photo(width: int = 2400, height: int = 1200, fmt: str = "PNG") -> bytes:
    """A gradient picture larger than what is stored (a real shop photo's size, not its weight)."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def _count(db, model) -> int:
    with db.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_picture_is_stored_once_shrunk_refused_when_too_large_and_only_by_editors(db, admin, clerk):
    hammer = catalog.create_item(db.uow(), admin, sku="HAM", name="Hammer")
    nails = catalog.create_item(db.uow(), admin, sku="NAIL", name="Nails")
    bare = catalog.create_item(db.uow(), admin, sku="BARE", name="No picture")
    data = photo()

    first = pictures.set_item_picture(db.uow(), admin, hammer.id, data, "hammer.png")
    second = pictures.set_item_picture(db.uow(), admin, nails.id, data, "same-file.png")
    assert first.id == second.id and _count(db, PictureBlob) == 1
    shown = pictures.picture_of(db.uow(), hammer.id)
    assert shown is not None and (shown.width, shown.height) == (MAX_SIDE, MAX_SIDE // 2)
    assert shown.mime == "image/jpeg" and len(shown.data) <= MAX_STORED_BYTES

    thumbs = pictures.thumbnails(db.uow(), [hammer.id, nails.id, bare.id])
    assert set(thumbs) == {hammer.id, nails.id}
    assert max(Image.open(io.BytesIO(thumbs[hammer.id])).size) == THUMB_SIDE
    assert _count(db, PictureThumb) == 1  # made once, for the one picture both items show

    with pytest.raises(ValidationError) as too_big:
        pictures.set_item_picture(db.uow(), admin, bare.id, b"\xff" * (21 * 1024 * 1024), "scan.tif")
    assert too_big.value.field == "picture"
    assert (
        "scan.tif" in str(too_big.value) and "21.0 MB" in str(too_big.value) and "20 MB" in str(too_big.value)
    )
    with pytest.raises(ValidationError, match="not a picture"):
        pictures.set_item_picture(db.uow(), admin, bare.id, b"%PDF-1.7 not a photo", "manual.pdf")
    with pytest.raises(PermissionDenied):
        pictures.set_item_picture(db.uow(), clerk, bare.id, data, "mine.png")
    assert pictures.picture_of(db.uow(), bare.id) is None

    pictures.remove_item_picture(db.uow(), admin, nails.id)
    assert pictures.picture_of(db.uow(), nails.id) is None
    assert set(pictures.thumbnails(db.uow(), [hammer.id, nails.id])) == {hammer.id}


def test_the_item_card_pdf_prints_the_items_picture(sqlite_db, tmp_path):
    from stockdesk.services.accounts import users

    db = sqlite_db
    admin = users.create_first_admin(db.uow(), email="a@example.com", password="admin-pass-1", name="A")
    item = catalog.create_item(db.uow(), admin, sku="HAM", name="Hammer")
    plain = run_report(db, admin, "item-card", ReportOptions(sku="HAM"), tmp_path / "plain.pdf")
    assert not PdfReader(plain.path).pages[0].images
    pictures.set_item_picture(db.uow(), admin, item.id, photo(fmt="JPEG"), "hammer.jpg")
    result = run_report(db, admin, "item-card", ReportOptions(sku="HAM"), tmp_path / "card.pdf")
    images = PdfReader(result.path).pages[0].images
    assert len(images) == 1 and images[0].image.size == (MAX_SIDE, MAX_SIDE // 2)
