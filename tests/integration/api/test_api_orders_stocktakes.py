"""Purchase orders and stocktakes over HTTP, with the window's permissions: a manager drafts and sends
an order (the supplier's e-mail queued with the PDF), the store's clerk receives it into stock; a clerk
counts a store and posts the variance as count movements."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.inventory import check, stock
from stockdesk.services.mail import outbox
from tests.integration.api.conftest import Shop, problem_of


@pytest.fixture(scope="module")
def tokens(shop: Shop) -> dict[str, str]:
    return {role: shop.token(f"{role}@example.com") for role in ("manager", "clerk")}


@pytest.fixture(scope="module")
def supplied_item(shop: Shop):
    supplier = organisation.create_supplier(
        shop.db.uow(), shop.admin, name=f"Tools {uuid.uuid4().hex[:6]}", email="orders@tools.example"
    )
    return catalog.create_item(
        shop.db.uow(),
        shop.admin,
        sku=f"PO-{uuid.uuid4().hex[:8]}",
        name="Ordered saw",
        supplier_id=supplier.id,
        cost_price="4.00",
    )


def test_a_manager_drafts_and_sends_an_order_and_the_clerk_receives_it(shop, tokens, supplied_item):
    item = str(supplied_item.id)
    with shop.client(tokens["manager"]) as manager, shop.client(tokens["clerk"]) as clerk:
        refused = clerk.post(
            "/purchase-orders",
            json={"lines": [{"item_id": item, "store_id": str(shop.main.id), "quantity": "5"}]},
        )
        drafted = manager.post(
            "/purchase-orders",
            json={"lines": [{"item_id": item, "store_id": str(shop.main.id), "quantity": "5"}]},
        )
        [order] = drafted.json()
        changed = manager.put(
            f"/purchase-orders/{order['id']}/lines", json={"item_id": item, "quantity": "12"}
        )
        sent = manager.post(f"/purchase-orders/{order['id']}/send", json={"note": "Please deliver by Friday"})
        early_edit = manager.put(
            f"/purchase-orders/{order['id']}/lines", json={"item_id": item, "quantity": "1"}
        )
        received = clerk.post(
            f"/purchase-orders/{order['id']}/receive",
            json={"lines": [{"code": supplied_item.sku, "quantity": "12"}]},
        )
        listed = manager.get("/purchase-orders", params={"status": "received"})
    assert refused.status_code == 403 and problem_of(refused)["status"] == 403
    assert drafted.status_code == 201 and order["status"] == "draft" and order["store_code"] == "MAIN"
    assert [(line["sku"], Decimal(line["quantity"])) for line in changed.json()["lines"]] == [
        (supplied_item.sku, 12)
    ]
    assert sent.status_code == 200 and sent.json()["status"] == "sent" and sent.json()["sent_at"]
    assert early_edit.status_code in (409, 422)  # a sent order is no draft any more
    assert received.status_code == 200, received.text
    assert received.json()["order"]["status"] == "received" and received.json()["movements"] == 1
    assert order["id"] in [o["id"] for o in listed.json()]
    assert stock.on_hand_of(shop.db.uow(), supplied_item.id, shop.main.id) == Decimal(12)
    assert check.find_differences(shop.db.uow()) == []
    mails = [
        m
        for m in outbox.pending(shop.db.uow())
        if m.kind == "purchase_order" and order["number"] in m.subject
    ]
    assert [m.recipients for m in mails] == [
        ("orders@tools.example",)
    ]  # queued with the PDF, for the supplier


def test_a_clerk_counts_the_store_and_posts_the_variance(shop, tokens):
    item = catalog.create_item(
        shop.db.uow(), shop.admin, sku=f"ST-{uuid.uuid4().hex[:8]}", name="Counted nails"
    )
    stock.receive(shop.db.uow(), shop.admin, item_id=item.id, store_id=shop.branch.id, quantity="10")
    with shop.client(tokens["manager"]) as manager:
        opened = manager.post("/stocktakes", json={"store_id": str(shop.branch.id), "note": "year end"})
        take = opened.json()
        busy = manager.post("/stocktakes", json={"store_id": str(shop.branch.id)})
        first = manager.post(
            f"/stocktakes/{take['id']}/counts", json={"lines": [{"code": item.sku, "quantity": "4"}]}
        )
        second = manager.post(
            f"/stocktakes/{take['id']}/counts", json={"lines": [{"code": item.sku, "quantity": "3"}]}
        )
        unknown = manager.post(
            f"/stocktakes/{take['id']}/counts", json={"lines": [{"code": "NO-SUCH", "quantity": "1"}]}
        )
        found = manager.get(f"/stocktakes/{take['id']}/variance")
        posted = manager.post(f"/stocktakes/{take['id']}/post", json={})
        again = manager.post(f"/stocktakes/{take['id']}/post", json={})
        listed = manager.get("/stocktakes", params={"store_id": str(shop.branch.id)})
    assert opened.status_code == 201 and take["name"].startswith(f"Stocktake {take['number']}")
    assert busy.status_code == 422 and problem_of(busy)["field"] == "store"
    assert (first.json()["added"], second.json()["added"]) == (1, 1)
    assert 400 <= unknown.status_code < 500 and "NO-SUCH" in problem_of(unknown)["detail"]
    [line] = [line for line in found.json()["lines"] if line["sku"] == item.sku]
    assert (Decimal(line["expected"]), Decimal(line["counted"]), Decimal(line["difference"])) == (10, 7, -3)
    assert posted.status_code == 200 and posted.json()["movements"] >= 1
    assert 400 <= again.status_code < 500
    assert [t["status"] for t in listed.json() if t["id"] == take["id"]] == ["posted"]
    assert stock.on_hand_of(shop.db.uow(), item.id, shop.branch.id) == Decimal(7)


def test_a_suppliers_postal_address_is_kept_changed_and_refused_when_too_long(shop, tokens):
    address = "Werkzeug Nord GmbH\nHafenstraße 12\n20457 Hamburg"
    with shop.client(tokens["manager"]) as manager:
        name = f"Nord {uuid.uuid4().hex[:6]}"
        created = manager.post("/suppliers", json={"name": name, "address": address})
        supplier_id = created.json()["id"]
        moved = manager.patch(f"/suppliers/{supplier_id}", json={"address": "Kaistraße 3\n24103 Kiel"})
        too_long = manager.patch(f"/suppliers/{supplier_id}", json={"address": "x" * 2001})
        listed = {s["id"]: s for s in manager.get("/suppliers").json()}
    assert created.status_code == 201 and created.json()["address"] == address
    assert moved.status_code == 200 and listed[supplier_id]["address"] == "Kaistraße 3\n24103 Kiel"
    assert too_long.status_code == 422 and "address" in too_long.text


def test_an_order_in_the_supplier_s_cases_shows_them_and_a_case_code_receives_its_contents(shop, tokens):
    from stockdesk.services.catalogue import packs

    supplier = organisation.create_supplier(
        shop.db.uow(), shop.admin, name=f"Cases {uuid.uuid4().hex[:6]}", email="orders@cases.example"
    )
    item = catalog.create_item(
        shop.db.uow(), shop.admin, sku=f"CS-{uuid.uuid4().hex[:8]}", name="Cased screws",
        supplier_id=supplier.id, cost_price="0.25",
    )
    case_code = f"CASE-{uuid.uuid4().hex[:8]}"
    packs.add_pack(
        shop.db.uow(), shop.admin, item.id, name="case", factor="12", code=case_code, purchase=True
    )
    with shop.client(tokens["manager"]) as manager, shop.client(tokens["clerk"]) as clerk:
        [order] = manager.post(
            "/purchase-orders",
            json={"lines": [{"item_id": str(item.id), "store_id": str(shop.main.id), "quantity": "36"}]},
        ).json()
        manager.post(f"/purchase-orders/{order['id']}/send", json={})
        received = clerk.post(
            f"/purchase-orders/{order['id']}/receive", json={"lines": [{"code": case_code, "quantity": "3"}]}
        )
    [line] = order["lines"]
    assert (line["pack_name"], Decimal(line["pack_factor"]), Decimal(line["packs"])) == ("case", 12, 3)
    assert (line["unit"], Decimal(line["quantity"])) == ("pcs", 36)
    assert received.status_code == 200, received.text
    assert received.json()["order"]["status"] == "received"
    assert stock.on_hand_of(shop.db.uow(), item.id, shop.main.id) == Decimal(36)
