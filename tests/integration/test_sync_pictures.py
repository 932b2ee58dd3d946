"""Item pictures travel between desks through the HTTP server (issue 21): each content once (a second
desk adding the same file makes the same row), a push of several large pictures splits into requests
the server's size limit accepts, and a new desk's first copy of the shop brings them."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image
from sqlalchemy import func, select

from stockdesk.db.picture_models import PictureBlob
from stockdesk.services.catalogue import catalog, pictures
from stockdesk.services.catalogue.picture_images import MAX_STORED_BYTES
from tests.integration.test_sync_http import BOSS, login, shop, synced  # noqa: F401 - shop is a fixture

pytestmark = pytest.mark.pg


def noisy_photo() -> bytes:
    """A JPEG that does not compress: about 360 KB, stored as it is."""
    image = Image.frombytes("RGB", (800, 600), os.urandom(800 * 600 * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    assert 330_000 < len(out.getvalue()) <= MAX_STORED_BYTES
    return out.getvalue()


def test_pictures_reach_the_other_desk_once_per_content_in_requests_under_the_limit(shop):  # noqa: F811
    a_db, a = shop.desk("counter-1")
    b_db, b = shop.desk("counter-2")
    synced(a)
    synced(b)
    boss_a, boss_b = login(a_db, *BOSS), login(b_db, *BOSS)
    # ~1.5 MB of base64 together, 1.1 MB even gzipped: more than one request may carry (1 MB).
    files = [noisy_photo() for _ in range(3)]
    items = [catalog.create_item(a_db.uow(), boss_a, sku=f"P-{n}", name=f"Pictured {n}") for n in range(3)]
    for item, data in zip(items, files, strict=True):
        pictures.set_item_picture(a_db.uow(), boss_a, item.id, data, f"photo-{item.sku}.jpg")
    # Desk B, not yet synced, gives its own item the same file as P-0.
    own = catalog.create_item(b_db.uow(), boss_b, sku="B-1", name="Same photo")
    pictures.set_item_picture(b_db.uow(), boss_b, own.id, files[0], "copy.jpg")

    for service in (a, b, a):
        synced(service)

    for item, data in zip(items, files, strict=True):
        shown = pictures.picture_of(b_db.uow(), item.id)
        assert shown is not None and shown.data == data
    shown_on_a = pictures.picture_of(a_db.uow(), own.id)
    assert shown_on_a is not None and shown_on_a.data == files[0]
    with shop.db.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(PictureBlob)) == 3
    # A desk registered now gets the pictures with its first copy of the shop (the snapshot).
    c_db, c = shop.desk("back-office")
    synced(c)
    shown_on_c = pictures.picture_of(c_db.uow(), items[2].id)
    assert shown_on_c is not None and shown_on_c.data == files[2]
