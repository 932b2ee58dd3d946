"""The requests answered before routing are answered there, and only those (`api/fast_paths.py`).

The routes give the same answers, so the other API tests pass whether or not this path answers; here
the app behind it answers 599, which shows who answered.
"""

from __future__ import annotations

import asyncio
import json
import threading
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from stockdesk.api import fast_paths
from stockdesk.api.app import REQUEST_THREADS, create_app
from stockdesk.api.fast_paths import ITEMS_PATH, LOOKUP_PATH, MOVEMENTS_PATH, FastPaths
from stockdesk.services.accounts import api_auth
from stockdesk.services.catalogue import catalog, item_pages, organisation
from stockdesk.services.catalogue.item_query import ItemFilter, ItemSort
from stockdesk.services.database import open_database
from stockdesk.services.inventory import stock

EAN = "4006381333931"
BEHIND = 599  # the status of the app behind the fast paths
HANG_GUARD_S = 120.0  # only a guard against a hang, never a measure of speed


async def _behind(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": BEHIND, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def _call(app: FastPaths, method: str, path: str, *, query: str = "", token: str = "",
          headers: dict[str, str] | None = None, body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    return asyncio.run(_answer(app, method, path, query=query, token=token, headers=headers, body=body))


Answered = tuple[int, dict[str, str], bytes]


async def _answer(app: FastPaths, method: str, path: str, *, query: str = "", token: str = "",
                  headers: dict[str, str] | None = None, body: bytes = b"") -> Answered:
    sent: list[dict[str, Any]] = []
    given = {"authorization": f"Bearer {token}", **(headers or {})}
    if body:
        given |= {"content-type": "application/json", "content-length": str(len(body))}
    scope = {"type": "http", "method": method, "path": path, "query_string": query.encode(),
             "headers": [(k.encode(), v.encode()) for k, v in given.items()]}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start, content = sent[0], b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], {k.decode(): v.decode() for k, v in start.get("headers", [])}, content


def _shop(db, admin, main_store) -> tuple[FastPaths, str, Any]:
    item = catalog.create_item(db.uow(), admin, sku="H-1", name="Hammer", barcodes=[EAN])
    stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="5")
    secret = api_auth.server_secret(db.uow())
    token = api_auth.log_in(db.uow(), email="admin@example.com", password="admin-pass-1", secret=secret)
    return FastPaths(_behind, database=db, secret=secret), token.access_token, item


def _routed(db, query: str, token: str) -> Any:
    """The route's answer to an items page, from a worker of its own (its own engine: nothing kept)."""
    fresh_worker = open_database(db.engine.url.render_as_string(hide_password=False))
    try:
        routes_only = create_app(database=fresh_worker)
        routes_only.user_middleware = [m for m in routes_only.user_middleware if m.cls is not FastPaths]
        with TestClient(routes_only) as client:
            return client.get(f"{ITEMS_PATH}?{query}", headers={"Authorization": f"Bearer {token}"})
    finally:
        fresh_worker.close()


def test_a_found_code_is_answered_before_routing_and_anything_else_goes_on(db, admin, main_store):
    fast, token, item = _shop(db, admin, main_store)
    status, headers, body = _call(fast, "GET", LOOKUP_PATH, query=f"code={EAN}", token=token)
    assert status == 200 and headers["content-type"] == "application/json"
    answer = json.loads(body)
    assert answer["item"]["sku"] == "H-1" and answer["item"]["id"] == str(item.id)
    assert [(level["store_code"], Decimal(level["on_hand"])) for level in answer["stock"]] == [("MAIN", 5)]
    for query, given in ((f"code={EAN}", "not-a-token"), ("code=0000000000000", token),
                         (f"code={EAN}&store=MAIN", token)):
        assert _call(fast, "GET", LOOKUP_PATH, query=query, token=given)[0] == BEHIND, query


def test_an_items_page_is_answered_before_routing_unless_a_value_is_spelt_unusually(db, admin, main_store):
    fast, token, hammer = _shop(db, admin, main_store)
    catalog.create_item(db.uow(), admin, sku="A-1", name="Anvil", sell_price=Decimal("12.50"))
    status, headers, body = _call(fast, "GET", ITEMS_PATH, query="ordering=name&limit=1", token=token)
    first = json.loads(body)
    assert status == 200 and headers["content-type"] == "application/json"
    assert first["count"] == 2 and first["previous"] is None
    assert [r["name"] for r in first["results"]] == ["Anvil"]
    cursor = first["next"].split("cursor=")[1]
    status, _headers, body = _call(fast, "GET", ITEMS_PATH, query=f"ordering=name&limit=1&cursor={cursor}",
                                   token=token)
    second = json.loads(body)
    assert status == 200 and second["count"] is None and second["next"] is None
    assert [(r["name"], Decimal(r["on_hand"])) for r in second["results"]] == [("Hammer", 5)]
    store = str(main_store.id)
    tools = organisation.create_category(db.uow(), admin, name="Tools")
    hand = organisation.create_category(db.uow(), admin, name="Hand", parent_id=tools.id)
    catalog.update_item(db.uow(), admin, hammer.id, category_id=hand.id)
    for query, names in ((f"search=ham&store_id={store}&status=all", ["Hammer"]),
                         (f"category_id={tools.id}&max_price=100", ["Hammer"]),  # with its sub-categories
                         ("min_price=10&max_price=12.5&low_stock=false", ["Anvil"]),
                         (f"store_id={store.upper()}&ordering=-sku", ["Hammer"])):
        status, _headers, body = _call(fast, "GET", ITEMS_PATH, query=query, token=token)
        assert status == 200, query
        assert [r["name"] for r in json.loads(body)["results"]] == names, query
    unusual = ("limit=1&limit=2", "limit=0", "limit=1.5", "ordering=colour", "cursor=not-a-cursor",
               f"ordering=sku&cursor={cursor}", "low_stock=1", "min_price=10.000", "min_price=-1",
               f"store_id={store.replace('-', '')}", "status=gone", "search=" + "x" * 201,
               "updated_since=2026-01-01T00:00:00Z", "colour=red")
    for query in unusual:
        assert _call(fast, "GET", ITEMS_PATH, query=query, token=token)[0] == BEHIND, query
    assert _call(fast, "GET", ITEMS_PATH, query="", token="not-a-token")[0] == BEHIND


def test_a_keyed_post_on_postgresql_is_answered_before_routing_once_per_key(db, admin, main_store):
    fast, token, item = _shop(db, admin, main_store)
    sale = json.dumps({"kind": "sale", "item_id": str(item.id), "store_id": str(main_store.id),
                       "quantity": "2"}).encode()
    first = _call(fast, "POST", MOVEMENTS_PATH, token=token, headers={"idempotency-key": "k-1"}, body=sale)
    again = _call(fast, "POST", MOVEMENTS_PATH, token=token, headers={"idempotency-key": "k-1"}, body=sale)
    unkeyed = _call(fast, "POST", MOVEMENTS_PATH, token=token, body=sale)
    assert unkeyed[0] == BEHIND
    if db.engine.dialect.name == "sqlite":  # writers take turns in the app there: the route posts
        assert first[0] == again[0] == BEHIND
        return
    assert (first[0], first[1]["idempotent-replayed"]) == (201, "false")
    assert (again[0], again[1]["idempotent-replayed"], again[2]) == (201, "true", first[2])
    assert stock.on_hand_of(db.uow(), item.id, main_store.id) == 3  # sold once


@pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)
def test_a_page_that_waits_for_its_rows_holds_up_no_other_request(db, admin, main_store):
    """A low-stock page whose rows are locked away waits on a thread of its own; meanwhile a look-up
    on the same worker is answered. (On the event loop, that page kept the look-up waiting with it.)"""
    fast, token, hammer = _shop(db, admin, main_store)
    catalog.update_item(db.uow(), admin, hammer.id, reorder_point="10")  # 5 on hand: low
    finished: list[str] = []
    answered = threading.Event()
    with db.engine.connect(), db.engine.connect():
        pass  # two idle connections in the pool: nothing but the kind of read chooses loop or thread
    holder = db.engine.connect()
    held = holder.begin()
    holder.exec_driver_sql("LOCK TABLE item_summary IN ACCESS EXCLUSIVE MODE")  # the low-stock page reads it

    def release_once_answered() -> None:
        answered.wait(HANG_GUARD_S)
        held.rollback()
        holder.close()

    releaser = threading.Thread(target=release_once_answered)
    releaser.start()

    async def both() -> list[Answered]:
        async def low() -> Answered:
            answer = await _answer(fast, "GET", ITEMS_PATH, query="low_stock=true", token=token)
            finished.append("low stock")
            return answer

        async def look_up() -> Answered:
            answer = await _answer(fast, "GET", LOOKUP_PATH, query=f"code={EAN}", token=token)
            finished.append("look-up")
            answered.set()
            return answer

        return await asyncio.gather(asyncio.create_task(low()), asyncio.create_task(look_up()))

    try:
        page, card = asyncio.run(both())
    finally:
        answered.set()
        releaser.join()
    assert finished == ["look-up", "low stock"]
    assert card[0] == 200 and json.loads(card[2])["item"]["sku"] == "H-1"
    assert page[0] == 200 and [r["sku"] for r in json.loads(page[2])["results"]] == ["H-1"]


def test_a_many_core_server_runs_no_more_posts_at_once_than_its_pool_has_spare(db, monkeypatch):
    monkeypatch.setattr(fast_paths, "POST_LANES", 64)  # a server built for many lanes
    app = create_app(database=db)
    layer = app.build_middleware_stack()
    for _ in range(20):  # the stack is a handful of layers deep
        if isinstance(layer, FastPaths):
            break
        layer = layer.app
    assert isinstance(layer, FastPaths)
    assert layer.post_lanes == REQUEST_THREADS // 2  # the pool's overflow beside the routes' threads


def test_an_item_by_id_is_answered_before_routing_with_the_routes_own_bytes(db, admin, main_store):
    fast, token, hammer = _shop(db, admin, main_store)
    saw = catalog.create_item(db.uow(), admin, sku="S-1", name="Säge «fein»", barcodes=["4012345678901"],
                              sell_price=Decimal("19.90"), reorder_point="3")
    catalog.add_barcode(db.uow(), admin, saw.id, "2000000000015")
    catalog.archive_item(db.uow(), admin, hammer.id)  # archived items are still read by id
    routes_only = create_app(database=db)
    routes_only.user_middleware = [m for m in routes_only.user_middleware if m.cls is not FastPaths]
    with TestClient(routes_only) as client:
        for item in (saw, hammer):
            path = f"{ITEMS_PATH}/{item.id}"
            status, headers, body = _call(fast, "GET", path, token=token)
            assert status == 200 and headers["content-type"] == "application/json"
            routed = client.get(path, headers={"Authorization": f"Bearer {token}"})
            assert routed.status_code == 200
            assert body == routed.content  # the same bytes, to the last escape
            assert headers == dict(routed.headers)  # content type and length, and the ETag
    answer = json.loads(_call(fast, "GET", f"{ITEMS_PATH}/{saw.id}", token=token)[2])
    assert answer["name"] == "Säge «fein»" and Decimal(answer["sell_price"]) == Decimal("19.90")
    assert [b["code"] for b in answer["barcodes"]] == ["4012345678901", "2000000000015"]
    for path, given in ((f"{ITEMS_PATH}/{saw.id}".upper(), token),  # another spelling of the id
                        (f"{ITEMS_PATH}/{str(saw.id).replace('-', '')}", token),
                        (f"{ITEMS_PATH}/{saw.id}/stock", token),
                        (f"{ITEMS_PATH}/00000000-0000-4000-8000-000000000000", token),  # no such item
                        (f"{ITEMS_PATH}/{saw.id}", "not-a-token")):
        assert _call(fast, "GET", path, token=given)[0] == BEHIND, path
    assert _call(fast, "GET", f"{ITEMS_PATH}/{saw.id}", query="colour=red", token=token)[0] == BEHIND


@pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)
def test_a_search_asked_again_is_answered_from_memory_until_the_catalogue_changes(db, admin, main_store):
    fast, token, hammer = _shop(db, admin, main_store)
    catalog.create_item(db.uow(), admin, sku="H-2", name="Hammer «sledge»", sell_price=Decimal("49.90"))
    query = "search=hammer&ordering=sku&limit=1"
    first = _call(fast, "GET", ITEMS_PATH, query=query, token=token)  # searched, and kept
    kept_read = item_pages.kept_page_read(db.uow(), ItemFilter(text="hammer"), sort=ItemSort.SKU, limit=1)
    assert kept_read is not None
    again = _call(fast, "GET", ITEMS_PATH, query=query, token=token)
    routed = _routed(db, query, token)
    assert first[0] == again[0] == routed.status_code == 200
    assert first[2] == again[2]  # the same bytes, the next page's cursor too
    kept, searched = json.loads(again[2]), routed.json()
    assert kept["count"] == searched["count"] == 2 and kept["results"] == searched["results"]
    assert kept["next"].split("?")[1] == searched["next"].split("?")[1]  # the route's link names its host

    with db.engine.begin() as connection:  # behind the triggers' back: only a kept page hides this
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(text("UPDATE item SET name = 'Hammer, claw' WHERE sku = 'H-1'"))
    stock.sell(db.uow(), admin, item_id=hammer.id, store_id=main_store.id, quantity="2")
    kept = json.loads(_call(fast, "GET", ITEMS_PATH, query=query, token=token)[2])
    assert [(r["name"], Decimal(r["on_hand"])) for r in kept["results"]] == [("Hammer", 3)]  # stock as now

    catalog.update_item(db.uow(), admin, hammer.id, sell_price=Decimal("15.00"))
    assert _call(fast, "GET", ITEMS_PATH, query=query, token=token)[0] == BEHIND  # the route searches afresh
    status, _headers, body = _call(fast, "GET", ITEMS_PATH, query=query, token=token)
    assert status == 200
    changed = json.loads(body)["results"]
    assert [(r["name"], Decimal(r["sell_price"])) for r in changed] == [("Hammer, claw", 15)]
    assert _call(fast, "GET", ITEMS_PATH, query=query, token="not-a-token")[0] == BEHIND


@pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)
def test_a_category_page_asked_again_is_answered_from_memory_with_the_routes_bytes(db, admin, main_store):
    fast, token, hammer = _shop(db, admin, main_store)
    tools = organisation.create_category(db.uow(), admin, name="Tools")
    hinges = organisation.create_category(db.uow(), admin, name="Hinges", parent_id=tools.id)
    catalog.update_item(db.uow(), admin, hammer.id, category_id=tools.id, sell_price=Decimal("19.90"))
    catalog.create_item(db.uow(), admin, sku="H-9", name="Hinge «brass»", sell_price=Decimal("4.20"),
                        category_id=hinges.id)
    query = f"category_id={tools.id}&min_price=1&max_price=50&ordering=sell_price&limit=1"
    first = _call(fast, "GET", ITEMS_PATH, query=query, token=token)  # read, and kept
    with db.engine.begin() as connection:  # behind the triggers' back: only a kept page hides this
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(text("UPDATE item SET name = 'Hinge, renamed' WHERE sku = 'H-9'"))
    again = _call(fast, "GET", ITEMS_PATH, query=query, token=token)
    routed = _routed(db, query, token)
    assert first[0] == again[0] == routed.status_code == 200
    assert first[2] == again[2]  # from memory: the rename behind the triggers' back is not seen
    kept, read = json.loads(again[2]), routed.json()
    assert [r["name"] for r in kept["results"]] == ["Hinge «brass»"]
    assert [r["name"] for r in read["results"]] == ["Hinge, renamed"]
    assert kept["count"] == read["count"] == 2
    assert kept["next"].split("?")[1] == read["next"].split("?")[1]

    organisation.move_category(db.uow(), admin, hinges.id, parent_id=None)  # the tree changes
    assert _call(fast, "GET", ITEMS_PATH, query=query, token=token)[0] == BEHIND  # the route reads afresh
    status, _headers, body = _call(fast, "GET", ITEMS_PATH, query=query, token=token)
    assert status == 200
    assert [r["name"] for r in json.loads(body)["results"]] == ["Hammer"]
