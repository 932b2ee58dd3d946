"""Variants over HTTP: a web shop sets a template's attributes, generates the matrix, reads each
variant's values and stock per store, and lists the items of one template."""

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


def test_a_template_generates_variants_that_carry_their_values_and_stock(shop, token):
    sku = f"TEE{uuid.uuid4().hex[:6].upper()}"
    template = catalog.create_item(shop.db.uow(), shop.admin, sku=sku, name="Tee", sell_price="15").id
    with shop.client(token) as client:
        attributes = client.put(
            f"/items/{template}/attributes", json=[{"name": "size", "values": ["S", "M"]}]
        )
        made = client.post(
            f"/items/{template}/variants", json={"attributes": [{"name": "colour", "values": ["Red"]}]}
        )
        again = client.post(f"/items/{template}/variants", json={})
        variant = made.json()["created"][1]
        stock.receive(shop.db.uow(), shop.admin, item_id=variant, store_id=shop.main.id, quantity="4")
        listed = client.get(f"/items/{template}/variants").json()
        one = client.get(f"/items/{variant}").json()
        rows = client.get("/items", params={"template_id": str(template)}).json()
        refused = client.post(
            "/movements",
            json={
                "item_id": str(template),
                "store_id": str(shop.main.id),
                "kind": "receive",
                "quantity": "1",
            },
        )
    assert attributes.status_code == 200 and made.status_code == 201
    assert len(made.json()["created"]) == 2 and again.json() == {"created": [], "existing": 2}
    assert [v["sku"] for v in listed] == [f"{sku}-M-RED", f"{sku}-S-RED"]
    by_sku = {v["sku"]: v for v in listed}
    assert by_sku[f"{sku}-M-RED"]["attributes"] == {"size": "M", "colour": "Red"}
    assert (
        Decimal(by_sku[f"{sku}-M-RED"]["sell_price"]) == 15 and not by_sku[f"{sku}-M-RED"]["own_sell_price"]
    )
    assert Decimal(by_sku[f"{sku}-M-RED"]["on_hand"][shop.main.code]) == 4
    assert one["template_id"] == str(template) and one["attributes"] == {"size": "M", "colour": "Red"}
    assert sorted(r["sku"] for r in rows["results"]) == [f"{sku}-M-RED", f"{sku}-S-RED"]
    assert refused.status_code == 422 and problem_of(refused)["field"] == "item"
