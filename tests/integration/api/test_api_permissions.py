"""Who may do what over HTTP: every caller kind x endpoint x whose item, with the status a client sees.

The rules are the window's (services decide); this proves the HTTP front end neither loosens nor
tightens them. A read key acts as a manager that may only read; the write key is limited to store MAIN
and so acts as a clerk of MAIN (for the admin who made it: the admin's items are "its own").
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest

from stockdesk.services.accounts import api_auth
from tests.integration.api.conftest import Shop, problem_of

CALLERS = ("admin", "manager", "clerk", "key_read", "key_write", "no_token", "expired", "revoked")
UNAUTHENTICATED = {"no_token": 401, "expired": 401, "revoked": 401}


def _request(shop: Shop, name: str) -> Callable[[httpx.Client], httpx.Response]:
    clerks, admins = shop.clerk_item.id, shop.admin_item.id
    receive = {"kind": "receive", "quantity": "1"}
    requests: dict[str, Callable[[httpx.Client], httpx.Response]] = {
        "list items": lambda c: c.get("/items"),
        "read clerk's item": lambda c: c.get(f"/items/{clerks}"),
        "look up a code": lambda c: c.get("/lookup", params={"code": "4006381333931"}),
        "create item": lambda c: c.post("/items", json={"sku": f"S-{uuid.uuid4().hex[:8]}", "name": "New"}),
        "edit clerk's item": lambda c: c.patch(f"/items/{clerks}", json={"description": "edited"}),
        "edit admin's item": lambda c: c.patch(f"/items/{admins}", json={"description": "edited"}),
        "receive into MAIN": lambda c: c.post(
            "/movements", json={**receive, "item_id": str(clerks), "store_id": str(shop.main.id)}
        ),
        "receive into BR": lambda c: c.post(
            "/movements", json={**receive, "item_id": str(clerks), "store_id": str(shop.branch.id)}
        ),
        "create store": lambda c: c.post("/stores", json={"code": uuid.uuid4().hex[:8], "name": "Shop"}),
        "list users": lambda c: c.get("/users"),
        "read audit log": lambda c: c.get("/audit"),
        "list stores": lambda c: c.get("/stores"),
    }
    return requests[name]


# Expected status per caller, in the order of CALLERS minus the unauthenticated ones.
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    #                     admin manager clerk key_read key_write
    "list items": (200, 200, 200, 200, 200),
    "read clerk's item": (200, 200, 200, 200, 200),
    "look up a code": (200, 200, 200, 200, 200),
    "create item": (201, 201, 201, 403, 201),
    "edit clerk's item": (200, 200, 200, 403, 403),
    "edit admin's item": (200, 200, 403, 403, 200),
    "receive into MAIN": (201, 201, 201, 403, 201),
    "receive into BR": (201, 201, 403, 403, 403),
    "create store": (201, 201, 403, 403, 403),
    "list users": (200, 403, 403, 403, 403),
    "read audit log": (200, 200, 403, 200, 403),
    "list stores": (200, 200, 200, 200, 200),
}


@pytest.fixture(scope="module")
def credentials(shop: Shop) -> dict[str, str | None]:
    revoked = shop.token("manager@example.com")
    with shop.client(revoked) as client:
        assert client.post("/auth/logout").status_code == 204
    fresh = shop.token("clerk@example.com")
    raw = jwt.decode(fresh, options={"verify_signature": False})
    expired = api_auth.access_token(
        api_auth.server_secret(shop.db.uow()),
        uuid.UUID(hex=raw["sub"]),
        uuid.UUID(hex=raw["sid"]),
        raw["stp"],
        now=datetime.now(UTC) - timedelta(days=1),
    )
    return {
        "admin": shop.token("admin@example.com"),
        "manager": shop.token("manager@example.com"),
        "clerk": fresh,
        "key_read": shop.read_key,
        "key_write": shop.write_key,
        "no_token": None,
        "expired": expired,
        "revoked": revoked,
    }


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_each_caller_gets_the_status_the_rules_give(shop, credentials, endpoint):
    send = _request(shop, endpoint)
    seen: dict[str, int] = {}
    for caller in CALLERS:
        with shop.client(credentials[caller]) as client:
            answer = send(client)
        seen[caller] = answer.status_code
        if answer.status_code >= 400:
            problem_of(answer)  # every refusal is a problem document, never a bare error
    wanted = dict(zip(CALLERS, EXPECTED[endpoint], strict=False)) | UNAUTHENTICATED
    assert seen == wanted


def test_a_clerk_refused_an_edit_is_told_why(shop, credentials):
    with shop.client(credentials["clerk"]) as client:
        answer = client.patch(f"/items/{shop.admin_item.id}", json={"name": "Mine now"})
    assert answer.status_code == 403
    assert problem_of(answer)["detail"] == "clerks may only change items they created themselves"
