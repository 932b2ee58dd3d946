"""Locations, lots and stock by place over HTTP: what a web shop or a warehouse app does with them."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from tests.integration.api.conftest import Shop, problem_of


def test_a_lot_received_into_a_location_is_sold_first_expiry_first_out(shop: Shop) -> None:
    tag = uuid.uuid4().hex[:6].upper()
    soon, later = date.today() + timedelta(days=20), date.today() + timedelta(days=200)
    with shop.client(shop.token("manager@example.com")) as client:
        aisle = client.post(f"/stores/{shop.main.id}/locations", json={"code": f"A{tag}", "kind": "aisle"})
        shelf = client.post(
            f"/stores/{shop.main.id}/locations",
            json={"code": f"A{tag}-01", "name": "Top shelf", "kind": "shelf", "parent": f"a{tag}"},
        )
        item = client.post(
            "/items", json={"sku": f"MILK-{tag}", "name": "Milk", "tracking": "expiry", "expiry_warn_days": 5}
        ).json()
        base = {"item_id": item["id"], "store_id": str(shop.main.id)}
        archived = client.patch(shelf.headers["Location"].removeprefix("/api/v1"), json={"active": False})
        refused = client.post(
            "/movements",
            json={**base, "kind": "receive", "quantity": "1", "lot": "X", "location": f"A{tag}-01"},
        )
        client.patch(f"/locations/{shelf.json()['id']}", json={"active": True})
        received = [
            client.post(
                "/movements",
                json={**base, "kind": "receive", "quantity": "6", "location": f"A{tag}-01", **lot},
            )
            for lot in (
                {"lot": "L-LATE", "expires_on": later.isoformat()},
                {"lot": "L-SOON", "expires_on": soon.isoformat()},
            )
        ]
        listed = client.get(f"/stores/{shop.main.id}/locations", params={"limit": 1})
        following = client.get(listed.json()["next"])
        found = client.get(f"/locations/by-code/a{tag}-01")
        busy = client.patch(shelf.headers["Location"].removeprefix("/api/v1"), json={"active": False})
        sold = client.post("/movements", json={**base, "kind": "sale", "quantity": "8"})
        places = client.get(f"/items/{item['id']}/places")
        mid = {"lot": "L-MID", "expires_on": (soon + timedelta(days=60)).isoformat()}
        client.post("/movements", json={**base, "kind": "receive", "quantity": "2", **mid})
        sent = client.post(
            "/movements",
            json={**base, "kind": "transfer", "quantity": "3", "to_store_id": str(shop.branch.id)},
        )
        unplaced = client.get(f"/items/{shop.admin_item.id}/places")
        bad_lot = client.post("/movements", json={**base, "kind": "sale", "quantity": "1", "lot": "NO-SUCH"})
        no_lot = client.post("/movements", json={**base, "kind": "receive", "quantity": "1"})
        bad_place = client.post(
            "/movements", json={**base, "kind": "receive", "quantity": "1", "lot": "X", "location": "NOWHERE"}
        )
    assert [aisle.status_code, shelf.status_code] == [201, 201], shelf.text
    assert shelf.json()["path"] == f"A{tag} › A{tag}-01"
    assert (item["tracking"], item["expiry_warn_days"]) == ("expiry", 5)
    assert [r.status_code for r in received] == [201, 201], received[1].text
    first = received[0].json()["movements"][0]
    assert (first["location"], first["lot"], first["expires_on"]) == (
        f"A{tag}-01",
        "L-LATE",
        later.isoformat(),
    )
    assert [loc["code"] for loc in listed.json()["results"] + following.json()["results"]][:2] == [
        f"A{tag}",
        f"A{tag}-01",
    ]
    assert found.json()["id"] == shelf.json()["id"]
    assert archived.json()["active"] is False
    assert refused.status_code == 422 and problem_of(refused)["field"] == "location"  # archived
    assert busy.status_code == 422, busy.text  # a location holding stock is not archived
    assert sold.status_code == 201, sold.text
    assert [(m["lot"], Decimal(m["quantity"])) for m in sold.json()["movements"]] == [
        ("L-SOON", Decimal(-6)),
        ("L-LATE", Decimal(-2)),
    ]
    assert sent.status_code == 201, sent.text  # two lots taken: every leg in the answer, out then in
    legs = [(m["lot"], m["kind"], Decimal(m["quantity"])) for m in sent.json()["movements"]]
    assert legs == [
        ("L-MID", "transfer_out", Decimal(-2)),
        ("L-MID", "transfer_in", Decimal(2)),
        ("L-LATE", "transfer_out", Decimal(-1)),
        ("L-LATE", "transfer_in", Decimal(1)),
    ]
    assert [(p["location"], p["lot"], Decimal(p["on_hand"])) for p in places.json()] == [
        (f"A{tag}-01", "L-LATE", Decimal(4))
    ]
    assert [(p["store_code"], p["location"], p["lot"]) for p in unplaced.json()] == [("MAIN", None, None)]
    for answer, field in ((bad_lot, "lot"), (no_lot, "lot"), (bad_place, "location")):
        assert answer.status_code == 422, answer.text
        assert problem_of(answer)["field"] == field


def test_a_manager_corrects_a_lots_use_by_date_and_a_clerk_may_not(shop: Shop) -> None:
    tag = uuid.uuid4().hex[:6].upper()
    typed, right = date.today() + timedelta(days=300), date.today() + timedelta(days=30)
    with shop.client(shop.token("manager@example.com")) as client:
        yogurt = {"sku": f"YOG-{tag}", "name": "Yogurt", "tracking": "expiry"}
        item = client.post("/items", json=yogurt).json()
        received = client.post(
            "/movements",
            json={"item_id": item["id"], "store_id": str(shop.main.id), "kind": "receive", "quantity": "4",
                  "lot": "Y1", "expires_on": typed.isoformat()},
        )  # fmt: skip
        lot_id = received.json()["movements"][0]["lot_id"]
        fixed = {"expires_on": right.isoformat(), "reason": "misread"}
        corrected = client.patch(f"/lots/{lot_id}", json=fixed)
        bad_date = client.patch(f"/lots/{lot_id}", json={"expires_on": "2027-02-30", "reason": "typo"})
        same = client.patch(f"/lots/{lot_id}", json={"expires_on": right.isoformat(), "reason": "again"})
        no_reason = client.patch(f"/lots/{lot_id}", json={"expires_on": typed.isoformat(), "reason": " "})
        missing = client.patch(f"/lots/{uuid.uuid4()}", json={"expires_on": typed.isoformat(), "reason": "x"})
        places = client.get(f"/items/{item['id']}/places").json()
    with shop.client(shop.token("clerk@example.com")) as client:
        by_clerk = client.patch(f"/lots/{lot_id}", json={"expires_on": typed.isoformat(), "reason": "mine"})
        seen = client.get(f"/lots/{lot_id}")
    assert corrected.status_code == 200, corrected.text
    assert corrected.json() == {"id": lot_id, "item_id": item["id"], "sku": f"YOG-{tag}", "code": "Y1",
                                "expires_on": right.isoformat()}  # fmt: skip
    assert [p["expires_on"] for p in places] == [right.isoformat()]
    for answer in (bad_date, same):
        assert answer.status_code == 422 and problem_of(answer)["field"] == "expires_on", answer.text
    assert "use-by date already" in problem_of(same)["detail"]  # type: ignore[operator]
    assert no_reason.status_code == 422 and problem_of(no_reason)["field"] == "reason"
    assert missing.status_code == 404 and problem_of(missing)["field"] == "lot"
    assert by_clerk.status_code == 403, by_clerk.text
    assert "correct a lot's use-by date" in problem_of(by_clerk)["detail"]  # type: ignore[operator]
    assert seen.json()["expires_on"] == right.isoformat()  # unchanged by the clerk
