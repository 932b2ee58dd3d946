"""Movements over HTTP: every kind, retry-safe posts with Idempotency-Key (also from 10 threads at
once), the ledger check afterwards, and low-stock alerts opened exactly as at the counter."""

from __future__ import annotations

import threading
import uuid
from decimal import Decimal

import httpx
import pytest
from fastapi.testclient import TestClient

from stockdesk.api.app import create_app
from stockdesk.api.settings import ApiSettings
from stockdesk.services.catalogue import catalog
from stockdesk.services.inventory import check, stock
from stockdesk.services.planning import alerts
from tests.integration.api.conftest import API, Shop, problem_of


@pytest.fixture(scope="module")
def token(shop: Shop) -> str:
    return shop.token("admin@example.com")


def _new_item(shop: Shop, **fields: object) -> uuid.UUID:
    return catalog.create_item(
        shop.db.uow(), shop.admin, sku=f"M-{uuid.uuid4().hex[:8]}", name="Movement test", **fields
    ).id


def _movements_of(shop: Shop, item_id: uuid.UUID) -> int:
    return len(stock.movements_of(shop.db.uow(), item_id, limit=1000))


def test_each_kind_posts_and_answers_with_the_movements_written(shop, token):
    item = _new_item(shop)
    body = {"item_id": str(item), "store_id": str(shop.main.id)}
    with shop.client(token) as client:
        received = client.post(
            "/movements", json={**body, "kind": "receive", "quantity": "10", "unit_cost": "2.5"}
        )
        sold = client.post("/movements", json={**body, "kind": "sale", "quantity": "3"})
        adjusted = client.post(
            "/movements", json={**body, "kind": "adjust", "quantity": "-1", "reference": "broken"}
        )
        moved = client.post(
            "/movements",
            json={**body, "kind": "transfer", "quantity": "2", "to_store_id": str(shop.branch.id)},
        )
        counted = client.post("/movements", json={**body, "kind": "count", "quantity": "5"})
        levels = client.get(f"/items/{item}/stock").json()
        listed = client.get("/movements", params={"item_id": str(item), "limit": 2})
    assert [a.status_code for a in (received, sold, adjusted, moved, counted)] == [201] * 5
    assert [m["kind"] for m in moved.json()["movements"]] == ["transfer_out", "transfer_in"]
    assert counted.json()["movements"][0]["on_hand_after"] == "5.000"
    assert {lv["store_code"]: Decimal(lv["on_hand"]) for lv in levels} == {"BR": 2, "MAIN": 5}
    pages = [listed.json()]
    with shop.client(token) as client:
        while pages[-1]["next"]:
            pages.append(client.get(pages[-1]["next"]).json())
    kinds = [m["kind"] for page in pages for m in page["results"]]
    assert [len(page["results"]) for page in pages] == [2, 2, 2]
    assert kinds[-1] == "receive" and kinds[0] == "count"  # newest first


def test_selling_more_than_on_hand_is_409_and_posts_nothing(shop, token):
    item = _new_item(shop)
    with shop.client(token) as client:
        answer = client.post(
            "/movements",
            json={"kind": "sale", "item_id": str(item), "store_id": str(shop.main.id), "quantity": "1"},
        )
    assert answer.status_code == 409
    assert problem_of(answer)["field"] == "quantity"
    assert _movements_of(shop, item) == 0


def test_a_replay_with_the_same_key_returns_the_first_answer_and_posts_nothing(shop, token):
    item = _new_item(shop)
    body = {"kind": "receive", "item_id": str(item), "store_id": str(shop.main.id), "quantity": "4"}
    headers = {"Idempotency-Key": f"order-{uuid.uuid4()}"}
    with shop.client(token) as client:
        first = client.post("/movements", json=body, headers=headers)
        again = client.post("/movements", json=body, headers=headers)
        other = client.post("/movements", json={**body, "quantity": "5"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert (first.headers["idempotent-replayed"], again.headers["idempotent-replayed"]) == ("false", "true")
    assert other.status_code == 422 and problem_of(other)["field"] == "Idempotency-Key"
    assert _movements_of(shop, item) == 1


def test_ten_concurrent_requests_with_one_key_post_once_and_the_ledger_checks(shop, token):
    item = _new_item(shop)
    body = {"kind": "receive", "item_id": str(item), "store_id": str(shop.main.id), "quantity": "1"}
    headers = {"Idempotency-Key": f"burst-{uuid.uuid4()}", "Authorization": f"Bearer {token}"}
    start = threading.Barrier(10)
    answers: list[httpx.Response] = []

    def send() -> None:
        with httpx.Client(base_url=shop.url, timeout=120) as client:
            start.wait()
            answers.append(client.post("/movements", json=body, headers=headers))

    threads = [threading.Thread(target=send) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [201] * 10
    assert len({a.text for a in answers}) == 1  # every client got the one answer
    assert sum(a.headers["idempotent-replayed"] == "false" for a in answers) == 1
    assert _movements_of(shop, item) == 1
    assert stock.on_hand_of(shop.db.uow(), item, shop.main.id) == 1
    assert check.find_differences(shop.db.uow()) == []


def test_thirty_posts_at_once_are_each_posted_once_and_a_refused_one_among_them_is_409(shop, token):
    """Many clients posting at once (on PostgreSQL the server posts the ones that wait together, in
    rounds): each gets its own answer, the one refused gets its problem, and nothing is lost."""
    items = [_new_item(shop) for _ in range(3)]
    for item in items:
        stock.receive(shop.db.uow(), shop.admin, item_id=item, store_id=shop.main.id, quantity="20")
    store = str(shop.main.id)
    bodies = [
        {"kind": ("sale", "receive", "sale")[n % 3], "item_id": str(items[n % 3]), "store_id": store,
         "quantity": str(1 + n % 2), "reference": f"post {n}"}
        for n in range(29)
    ]
    bodies.append({"kind": "sale", "item_id": str(items[0]), "store_id": store, "quantity": "500"})
    keys = [f"many-{uuid.uuid4()}" for _ in bodies]
    start = threading.Barrier(10)
    answers: dict[int, httpx.Response] = {}

    def send(first: int) -> None:
        with httpx.Client(base_url=shop.url, timeout=120) as client:
            start.wait()
            for n in range(first, len(bodies), 10):
                headers = {"Idempotency-Key": keys[n], "Authorization": f"Bearer {token}"}
                answers[n] = client.post("/movements", json=bodies[n], headers=headers)

    threads = [threading.Thread(target=send, args=(first,)) for first in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [answers[n].status_code for n in range(29)] == [201] * 29
    references = [answers[n].json()["movements"][0]["reference"] for n in range(29)]
    assert references == [b["reference"] for b in bodies[:29]]  # each its own answer
    assert answers[29].status_code == 409 and "500" in problem_of(answers[29])["detail"]
    for n, item in enumerate(items):
        sign = -1 if n != 1 else 1
        change = sum(Decimal(b["quantity"]) for b in bodies[:29] if b["item_id"] == str(item)) * sign
        assert stock.on_hand_of(shop.db.uow(), item, shop.main.id) == 20 + change
        assert _movements_of(shop, item) == 1 + sum(b["item_id"] == str(item) for b in bodies[:29])
    with httpx.Client(base_url=shop.url, timeout=120) as client:  # each key answers as it first did
        again = client.post("/movements", json=bodies[7], headers={"Idempotency-Key": keys[7],
                                                                   "Authorization": f"Bearer {token}"})
    assert (again.headers["idempotent-replayed"], again.text) == ("true", answers[7].text)
    assert check.find_differences(shop.db.uow()) == []


def test_a_sale_through_the_api_opens_a_low_stock_alert_like_the_counter(shop, token):
    item = _new_item(shop, reorder_point="5")
    stock.receive(shop.db.uow(), shop.admin, item_id=item, store_id=shop.main.id, quantity=Decimal(8))
    with shop.client(token) as client:
        client.post(
            "/movements",
            json={"kind": "sale", "item_id": str(item), "store_id": str(shop.main.id), "quantity": "4"},
        )
        listed = client.get("/alerts").json()
        alert = next(a for a in listed if a["item_id"] == str(item))
        acknowledged = client.post(f"/alerts/{alert['id']}/acknowledge")
        snoozed = client.post(f"/alerts/{alert['id']}/snooze", json={"days": 3})
    assert Decimal(alert["on_hand"]) == 4
    assert acknowledged.status_code == 204 and snoozed.status_code == 200
    assert not any(a.item_id == item for a in alerts.open_alerts(shop.db.uow()))  # snoozed: hidden


def test_a_keyed_post_over_a_lowered_body_limit_is_refused_with_413_and_posts_nothing(shop, token):
    item = _new_item(shop)
    body = {"kind": "receive", "item_id": str(item), "store_id": str(shop.main.id), "quantity": "4"}
    app = create_app(ApiSettings(database_url=str(shop.db.engine.url), max_body_bytes=64), database=shop.db)
    with TestClient(app, base_url="http://test" + API) as client:
        headers = {"Idempotency-Key": f"k-{uuid.uuid4()}", "Authorization": f"Bearer {token}"}
        answer = client.post("/movements", json=body, headers=headers)
    assert answer.status_code == 413, answer.text
    assert _movements_of(shop, item) == 0
