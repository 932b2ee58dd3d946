"""Fixtures for the sync tests: a fresh server database and desks (SQLite files) registered on it.

No tests here; the test_sync_* modules import these fixtures.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import stock
from stockdesk.services.views import ItemView, StoreView
from stockdesk.sync.credentials import CredentialStore
from stockdesk.sync.server import desks
from stockdesk.sync.server.setup import register_desk_over_http
from stockdesk.sync.service import SyncService
from tests.support import api_server
from tests.support.sqlite_template import new_sqlite_database

os.environ["STOCKDESK_NO_KEYRING"] = "1"  # tests keep the desk password in the 0600 file

DeskFactory = Callable[..., Database]


@pytest.fixture
def sync_server(pg_database_factory: Callable[..., str], sync_server_template: str) -> str:
    """A fresh server database: a copy of the one `init_server` prepared once per run (tests/conftest.py:
    0.1 s a test, not 0.6 s)."""
    return pg_database_factory(template=sync_server_template)



@pytest.fixture
def sync_api(sync_server: str) -> Iterator[api_server.RunningServer]:
    """The StockDesk server (uvicorn, its own process) over the server database: desks sync here."""
    server = api_server.start(sync_server)
    yield server
    server.stop()


@pytest.fixture
def make_desk(sync_server: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DeskFactory]:
    """make_desk("a") -> an open desk database registered on the server with a one-time enrolment code
    (the server may have no administrator yet: the first desk sets the shop up). The `sync_api` server
    is started when a desk registers without a `register_url` of the test's own."""
    opened: list[Database] = []
    server_db = open_database(sync_server)

    def make(name: str, *, register_url: str | None = None) -> Database:
        db = new_sqlite_database(tmp_path / f"{name}.sqlite")
        code = desks.enrolment_code(server_db.uow(), None)
        if register_url is None:
            sync_api: api_server.RunningServer = request.getfixturevalue("sync_api")
            register_url = sync_api.base_url
        register_desk_over_http(
            db,
            register_url,
            name=f"desk {name}",
            code=code,
            store=CredentialStore(tmp_path),
        )
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()
    server_db.close()


def service(db: Database, tmp_path: Path, **kwargs: object) -> SyncService:
    return SyncService(db, store=CredentialStore(tmp_path), **kwargs)  # type: ignore[arg-type]


def sync_all(services: list[SyncService], rounds: int = 2) -> None:
    for _ in range(rounds):
        for svc in services:
            report = svc.sync_once()
            assert report.ok, report.error


def two_desks_with_stock(
    make_desk: DeskFactory,
    tmp_path: Path,
    *,
    sku: str,
    name: str,
    quantity: Decimal,
    before_sync: Callable[[Database, Actor], object] | None = None,
    **item_fields: object,
) -> Iterator[tuple[SyncService, SyncService, Actor, Actor, StoreView, ItemView]]:
    """Desk a with a boss, store MAIN and one item with stock, synced to desk b, whose boss logs in.

    For fixtures: `yield from two_desks_with_stock(...)`; the sync services are closed afterwards.
    """
    a_db, b_db = make_desk("a"), make_desk("b")
    admin = users.create_first_admin(
        a_db.uow(), email="boss@example.com", password="boss-pass-1", name="Boss"
    )
    store = organisation.create_store(a_db.uow(), admin, code="MAIN", name="Main")
    item = catalog.create_item(a_db.uow(), admin, sku=sku, name=name, **item_fields)
    stock.receive(a_db.uow(), admin, item_id=item.id, store_id=store.id, quantity=quantity)
    if before_sync is not None:
        before_sync(a_db, admin)
    a, b = service(a_db, tmp_path), service(b_db, tmp_path)
    sync_all([a, b])
    admin_b = users.authenticate(b_db.uow(), email="boss@example.com", password="boss-pass-1")
    yield a, b, admin, admin_b, store, item
    a.close()
    b.close()


def server_engine_of(url: str):
    return create_engine(make_url(url), isolation_level="AUTOCOMMIT")
