"""An item's picture over HTTP: a web shop uploads a product photo, shows it, caches it by its ETag."""

from __future__ import annotations

import io
import uuid

import pytest
from PIL import Image

from stockdesk.services.catalogue import catalog
from tests.integration.api.conftest import Shop, problem_of


@pytest.fixture(scope="module")
def token(shop: Shop) -> str:
    return shop.token("admin@example.com")


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def test_a_picture_is_uploaded_served_with_its_etag_replaced_and_removed(shop, token):
    item = catalog.create_item(shop.db.uow(), shop.admin, sku=f"PIC-{uuid.uuid4().hex[:8]}", name="Mug").id
    photo = _png(320, 200)
    with shop.client(token) as client:
        none_yet = client.get(f"/items/{item}/picture")
        put = client.put(
            f"/items/{item}/picture",
            content=photo,
            headers={"Content-Type": "image/png", "X-Filename": "mug.png"},
        )
        got = client.get(f"/items/{item}/picture")
        again = client.get(f"/items/{item}/picture", headers={"If-None-Match": got.headers["ETag"]})
        garbage = client.put(
            f"/items/{item}/picture", content=b"not an image", headers={"X-Filename": "notes.txt"}
        )
        with shop.client(shop.token("clerk@example.com")) as clerk:  # not the clerk's item
            refused = clerk.put(
                f"/items/{item}/picture", content=photo, headers={"Content-Type": "image/png"}
            )
            shown_to_clerk = clerk.get(f"/items/{item}/picture")
        removed = client.delete(f"/items/{item}/picture")
        gone = client.get(f"/items/{item}/picture")
    assert none_yet.status_code == 404 and problem_of(none_yet)["type"].endswith("not-found")
    assert put.status_code == 200, put.text
    assert (put.json()["width"], put.json()["height"], put.json()["mime"]) == (320, 200, "image/png")
    assert got.status_code == 200 and got.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(got.content)).size == (320, 200)
    assert got.headers["ETag"] == f'"{put.json()["id"]}"'
    assert again.status_code == 304 and again.content == b""
    assert garbage.status_code == 422 and problem_of(garbage)["field"] == "picture"
    assert "notes.txt" in garbage.text
    assert refused.status_code == 403 and shown_to_clerk.status_code == 200
    assert removed.status_code == 204 and gone.status_code == 404
