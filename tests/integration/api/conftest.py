"""A shop behind a real uvicorn process, on a SQLite file and on PostgreSQL, built through services.

One shop per test module (a server start costs a second or two); tests that change accounts make
accounts of their own, so the module's shared ones stay as described here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import httpx
import pytest

from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import api_keys, users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import Database
from stockdesk.services.inventory import stock
from stockdesk.services.views import ItemView, StoreView
from tests.support import api_server
from tests.support.new_databases import new_database

API = "/api/v1"
PASSWORDS = {
    "admin@example.com": "admin-pass-1",
    "manager@example.com": "manager-pass-1",
    "clerk@example.com": "clerk-pass-1",
    "other@example.com": "other-pass-1",
}


@dataclass
class Shop:
    db: Database
    server: api_server.RunningServer
    admin: Actor
    main: StoreView
    branch: StoreView
    clerk_item: ItemView  # owned by clerk@example.com, 10 on hand in MAIN
    admin_item: ItemView  # owned by the admin, 10 on hand in MAIN
    read_key: str
    write_key: str  # limited to MAIN

    @property
    def url(self) -> str:
        return self.server.base_url + API

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)

    def token(self, email: str, password: str | None = None) -> str:
        with self.client() as client:
            answer = client.post(
                "/auth/token", json={"email": email, "password": password or PASSWORDS[email]}
            )
        assert answer.status_code == 200, answer.text
        return answer.json()["access_token"]


def build_shop(
    db: Database, server_url: str | None = None
) -> tuple[Actor, StoreView, StoreView, ItemView, ItemView]:
    admin = users.create_first_admin(
        db.uow(), email="admin@example.com", password=PASSWORDS["admin@example.com"]
    )
    main = organisation.create_store(db.uow(), admin, code="MAIN", name="Main store")
    branch = organisation.create_store(db.uow(), admin, code="BR", name="Branch")
    users.create_user(
        db.uow(),
        admin,
        email="manager@example.com",
        password=PASSWORDS["manager@example.com"],
        role="manager",
    )
    for email in ("clerk@example.com", "other@example.com"):
        users.create_user(
            db.uow(), admin, email=email, password=PASSWORDS[email], role="clerk", store_ids=[main.id]
        )
    clerk = users.authenticate(db.uow(), email="clerk@example.com", password=PASSWORDS["clerk@example.com"])
    clerk_item = catalog.create_item(
        db.uow(), clerk, sku="CLERK-1", name="Clerk's hammer", sell_price="9.90", barcodes=["4006381333931"]
    )
    admin_item = catalog.create_item(db.uow(), admin, sku="ADMIN-1", name="Admin's saw", sell_price="19.90")
    for item in (clerk_item, admin_item):
        stock.receive(db.uow(), admin, item_id=item.id, store_id=main.id, quantity=Decimal(10))
    return admin, main, branch, clerk_item, admin_item


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def shop(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    db = new_database(request.param, request, tmp_path_factory)
    url = db.engine.url.render_as_string(hide_password=False)
    admin, main, branch, clerk_item, admin_item = build_shop(db)
    read_key = api_keys.create_key(db.uow(), admin, name="reader", scope="read").secret
    write_key = api_keys.create_key(db.uow(), admin, name="web shop", scope="write", store_code="MAIN").secret
    server = api_server.start(url)
    try:
        yield Shop(db, server, admin, main, branch, clerk_item, admin_item, read_key, write_key)
    finally:
        server.stop()
        db.close()


def new_email() -> str:
    return f"user-{uuid.uuid4().hex[:10]}@example.com"


def problem_of(answer: httpx.Response) -> dict[str, object]:
    """The RFC 9457 body of an error answer (and proof it is one)."""
    assert answer.headers["content-type"].startswith("application/problem+json"), answer.text
    body = answer.json()
    assert body["status"] == answer.status_code
    assert "Traceback" not in answer.text
    return body
