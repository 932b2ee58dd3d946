"""Look-ups answered again from a worker's memory, on PostgreSQL, never older than their request.

Another test's commit anywhere on the database server moves the moment, so a test that needs an
answer from memory asks until one comes (`_remembered`, a bounded number of tries)."""

from __future__ import annotations

import json
import os
import sys
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest

from stockdesk.api.fast_paths import ITEM_PREFIX, ITEMS_PATH, LOOKUP_PATH, FastPaths
from stockdesk.services.accounts import api_auth
from stockdesk.services.catalogue import catalog
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import stock
from tests.integration.api.test_fast_paths import BEHIND, EAN, _call, _shop
from tests.support.api_server import ROOT
from tests.support.serve_process import Served, free_port, serving

pytestmark = pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True)

MOST_TRIES = 500  # each a look-up of a few milliseconds; other tests' commits move the moment now and then
SKU_LIKE_EAN = "5901234123457"  # a valid EAN-13 that is an item's SKU, not a barcode
SALES = 20
ASKED_BEFORE_EACH_SALE = 4  # look-ups on connections of their own: both workers remember the answer


def _remembered(
    fast: FastPaths, token: str, path: str = LOOKUP_PATH, query: str = f"code={EAN}", host: str = "testserver"
) -> tuple[dict[str, str], Any]:
    """The answer's headers and JSON, once it comes from memory."""
    assert fast.memory is not None
    for _ in range(MOST_TRIES):
        given = fast.memory.given
        status, headers, body = _call(fast, "GET", path, query=query, token=token, headers={"host": host})
        assert status == 200
        if fast.memory.given > given:
            return headers, json.loads(body)
    pytest.fail(f"no answer to {path}?{query} in {MOST_TRIES} came from memory")


def _asked(fast: FastPaths, token: str, path: str, query: str = "", host: str = "testserver") -> Any:
    status, _headers, body = _call(fast, "GET", path, query=query, token=token, headers={"host": host})
    assert status == 200
    return json.loads(body)


def _on_hand(answer: dict[str, Any]) -> list[tuple[str, Decimal]]:
    return [(level["store_code"], Decimal(level["on_hand"])) for level in answer["stock"]]


def _elsewhere(db: Database) -> Database:
    """The same database opened as another worker (or a desk, or the command line) would."""
    return open_database(db.engine.url.render_as_string(hide_password=False))


def test_a_look_up_asked_again_is_answered_from_memory_with_the_same_bytes(db, admin, main_store):
    fast, token, item = _shop(db, admin, main_store)
    status, _headers, read = _call(fast, "GET", LOOKUP_PATH, query=f"code={EAN}", token=token)
    assert status == 200
    assert _remembered(fast, token)[1] == json.loads(read)
    assert json.loads(read)["item"]["id"] == str(item.id) and _on_hand(json.loads(read)) == [("MAIN", 5)]


def test_a_sale_committed_elsewhere_is_in_the_very_next_look_up(db, admin, main_store):
    fast, token, item = _shop(db, admin, main_store)
    assert _on_hand(_remembered(fast, token)[1]) == [("MAIN", 5)]
    other = _elsewhere(db)
    try:
        stock.sell(other.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="2")
    finally:
        other.close()
    status, _headers, body = _call(fast, "GET", LOOKUP_PATH, query=f"code={EAN}", token=token)
    assert status == 200 and _on_hand(json.loads(body)) == [("MAIN", 3)]


def test_a_session_logged_out_elsewhere_is_refused_although_its_look_up_was_remembered(db, admin, main_store):
    fast, token, _item = _shop(db, admin, main_store)
    _remembered(fast, token)
    session = api_auth.session_of(db.uow(), token, secret=fast.secret)
    other = _elsewhere(db)
    try:
        api_auth.log_out(other.uow(), session.session_id)
    finally:
        other.close()
    assert _call(fast, "GET", LOOKUP_PATH, query=f"code={EAN}", token=token)[0] == BEHIND  # the route's 401


def test_a_page_asked_again_is_answered_from_memory_until_a_sale_elsewhere_changes_it(db, admin, main_store):
    fast, token, item = _shop(db, admin, main_store)
    catalog.create_item(db.uow(), admin, sku="A-1", name="Anvil")
    query = "ordering=name&limit=1"
    first = _asked(fast, token, ITEMS_PATH, query)
    assert _remembered(fast, token, ITEMS_PATH, query)[1] == first
    assert [row["name"] for row in first["results"]] == ["Anvil"] and first["count"] == 2
    cursor = first["next"].split("cursor=")[1]
    second = _remembered(fast, token, ITEMS_PATH, f"{query}&cursor={cursor}")[1]
    assert [(row["name"], Decimal(row["on_hand"])) for row in second["results"]] == [("Hammer", 5)]
    other = _elsewhere(db)
    try:
        stock.sell(other.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="2")
    finally:
        other.close()
    again = _asked(fast, token, ITEMS_PATH, f"{query}&cursor={cursor}")
    assert [(row["name"], Decimal(row["on_hand"])) for row in again["results"]] == [("Hammer", 3)]


def test_a_page_asked_under_another_host_name_is_read_for_its_own_links(db, admin, main_store):
    fast, token, _item = _shop(db, admin, main_store)
    catalog.create_item(db.uow(), admin, sku="A-1", name="Anvil")
    _remembered(fast, token, ITEMS_PATH, "limit=1", host="shop.example")
    elsewhere = _asked(fast, token, ITEMS_PATH, "limit=1", host="stock.lan:8000")
    assert elsewhere["next"].startswith("http://stock.lan:8000/api/v1/items?limit=1&cursor=")


def test_a_page_read_on_a_thread_is_remembered_too(db, admin, main_store):
    fast, token, item = _shop(db, admin, main_store)
    catalog.update_item(db.uow(), admin, item.id, reorder_point=Decimal(6))  # 5 on hand: low
    query = "low_stock=true"  # its matches may lie far apart: read on a thread, never on the loop
    assert [row["name"] for row in _remembered(fast, token, ITEMS_PATH, query)[1]["results"]] == ["Hammer"]


def test_an_item_asked_again_is_answered_from_memory_until_renamed_elsewhere(db, admin, main_store):
    fast, token, item = _shop(db, admin, main_store)
    path = f"{ITEM_PREFIX}{item.id}"
    headers, remembered = _remembered(fast, token, path, "")
    assert remembered["name"] == "Hammer" and headers["etag"]
    other = _elsewhere(db)
    try:
        catalog.update_item(other.uow(), admin, item.id, name="Claw hammer")
    finally:
        other.close()
    status, renamed_headers, body = _call(fast, "GET", path, token=token)
    assert status == 200 and json.loads(body)["name"] == "Claw hammer"
    assert renamed_headers["etag"] != headers["etag"]


def test_a_code_found_by_more_than_its_barcode_rows_is_answered_but_not_remembered(db, admin, main_store):
    fast, token, _item = _shop(db, admin, main_store)
    catalog.create_item(db.uow(), admin, sku=SKU_LIKE_EAN, name="Saw")
    assert fast.memory is not None
    for code in (SKU_LIKE_EAN, "H-1"):  # an EAN that is a SKU (its barcode rows are empty), a plain SKU
        for _ in range(3):
            status, _headers, body = _call(fast, "GET", LOOKUP_PATH, query=f"code={code}", token=token)
            assert status == 200 and json.loads(body)["item"]["sku"] == code
    assert fast.memory.remembered == 0 and fast.memory.given == 0
    assert _call(fast, "GET", LOOKUP_PATH, query="code=0000000000000", token=token)[0] == BEHIND  # the 404
    assert fast.memory.remembered == 0


def test_with_two_workers_the_look_up_after_a_sale_shows_it_whichever_worker_answers(db, admin, main_store):
    _fast, _token, item = _shop(db, admin, main_store)
    stock.receive(db.uow(), admin, item_id=item.id, store_id=main_store.id, quantity="95")  # 100 on hand
    url = db.engine.url.render_as_string(hide_password=False)
    port = free_port()
    command = [sys.executable, "-m", "stockdesk", "--db", url, "serve", "--workers", "2", "--port", str(port)]
    with serving(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}) as served:
        _both_workers_started(served)
        api = f"http://127.0.0.1:{port}/api/v1"
        account = {"email": "admin@example.com", "password": "admin-pass-1"}
        logged_in = httpx.post(f"{api}/auth/token", json=account, timeout=60)
        auth = {"Authorization": f"Bearer {logged_in.json()['access_token']}"}

        def on_hand() -> Decimal:  # each on a connection of its own: either worker may answer
            answer = httpx.get(f"{api}/lookup", params={"code": EAN}, headers=auth, timeout=60)
            assert answer.status_code == 200, answer.text
            return Decimal(answer.json()["stock"][0]["on_hand"])

        for sold in range(SALES):
            assert {on_hand() for _ in range(ASKED_BEFORE_EACH_SALE)} == {100 - sold}
            sale = {"kind": "sale", "item_id": str(item.id), "store_id": str(main_store.id), "quantity": "1"}
            keyed = {**auth, "Idempotency-Key": str(uuid.uuid4())}
            posted = httpx.post(f"{api}/movements", json=sale, headers=keyed, timeout=60)
            assert posted.status_code == 201, posted.text
            assert on_hand() == 100 - sold - 1


def _both_workers_started(served: Served) -> None:
    """Reads what the server says until each worker has started (the socket answers only then)."""
    assert served.process.stderr is not None
    started = 0
    for line in served.process.stderr:  # a crash ends the stream
        started += "Application startup complete" in line
        if started == 2:
            return
    pytest.fail("the server stopped before both workers had started")
