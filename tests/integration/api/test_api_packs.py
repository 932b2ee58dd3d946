"""Packs over HTTP: a web shop adds a case of 12 and posts sales in cases; refusals name the field."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import stock
from tests.integration.api.conftest import Shop, problem_of


@pytest.fixture(scope="module")
def token(shop: Shop) -> str:
    return shop.token("admin@example.com")


def test_a_case_is_added_listed_used_in_movements_and_removed(shop, token):
    item = catalog.create_item(shop.db.uow(), shop.admin, sku=f"P-{uuid.uuid4().hex[:8]}", name="Screws").id
    body = {"item_id": str(item), "store_id": str(shop.main.id)}
    with shop.client(token) as client:
        added = client.post(f"/items/{item}/packs", json={"name": "case", "factor": "12", "purchase": True})
        pack = added.json()["id"]
        received = client.post(
            "/movements", json={**body, "kind": "receive", "quantity": "2", "pack_id": pack}
        )
        sold = client.post("/movements", json={**body, "kind": "sale", "quantity": "1", "pack_id": pack})
        counted = client.post("/movements", json={**body, "kind": "count", "quantity": "1", "pack_id": pack})
        fractional = client.post("/movements", json={**body, "kind": "sale", "quantity": "1.5"})
        listed = client.get(f"/items/{item}/packs").json()
        removed = client.delete(f"/packs/{pack}")
        after = client.get(f"/items/{item}/packs").json()
    assert added.status_code == 201 and Decimal(added.json()["factor"]) == 12
    assert [received.status_code, sold.status_code] == [201, 201]
    assert received.json()["movements"][0]["quantity"] == "24.000"
    assert stock.on_hand_of(shop.db.uow(), item, shop.main.id) == Decimal(12)
    assert counted.status_code == 422 and problem_of(counted)["field"] == "pack_id"
    assert fractional.status_code == 422 and problem_of(fractional)["field"] == "quantity"
    assert [p["name"] for p in listed] == ["case"]
    assert removed.status_code == 204 and after == []


def test_a_bad_factor_is_422_naming_the_field(shop, token):
    item = catalog.create_item(shop.db.uow(), shop.admin, sku=f"P-{uuid.uuid4().hex[:8]}", name="Nails").id
    with shop.client(token) as client:
        answer = client.post(f"/items/{item}/packs", json={"name": "case", "factor": "0.5"})
    assert answer.status_code == 422
    assert problem_of(answer)["field"] == "factor"
