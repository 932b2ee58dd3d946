"""Shared fixtures: a fresh SQLite file or a fresh PostgreSQL database, and users built through services."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from stockdesk.config import CONFIG_DIR_ENV
from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database, open_database
from stockdesk.services.views import StoreView

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture(autouse=True)
def own_configuration(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own config folder (and so its own SMTP secret file, never the keyring):
    parallel workers and the person running the tests never share or touch a configuration.
    Subprocesses inherit it through the environment."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv(CONFIG_DIR_ENV, str(folder))
    return folder


def _pg_admin_url() -> str:
    url = os.environ.get("STOCKDESK_TEST_PG", DEFAULT_PG)
    return "postgresql+psycopg://" + url.split("://", 1)[1] if url.startswith("postgresql://") else url


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The admin URL of the PostgreSQL test server; missing server fails in CI and skips elsewhere."""
    url = _pg_admin_url()
    try:
        engine = create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as error:  # any connection failure means the same: no server
        message = f"PostgreSQL test server not reachable at {make_url(url).render_as_string()}: {error}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture(scope="session")
def pg_database_factory(pg_server: str) -> Iterator[Callable[[], str]]:
    """Creates empty databases on the test server (dropped at the end of the run)."""
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    created: list[str] = []

    def create() -> str:
        name = f"stockdesk_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return make_url(pg_server).set(database=name).render_as_string(hide_password=False)

    yield create
    with admin.connect() as connection:
        for name in created:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_shared_db(pg_database_factory: Callable[[], str]) -> Iterator[Database]:
    db = open_database(pg_database_factory())
    yield db
    db.close()


def _truncate_all(db: Database) -> None:
    with db.engine.begin() as connection:
        tables = [
            row[0]
            for row in connection.execute(
                text(
                    "select tablename from pg_tables where schemaname = current_schema() "
                    "and tablename <> 'alembic_version'"
                )
            )
        ]
        if tables:
            connection.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """An empty, migrated database: a SQLite file, then the real PostgreSQL server."""
    if request.param == "sqlite":
        database = open_database(str(tmp_path_factory.mktemp("db") / "stockdesk.sqlite"))
        yield database
        database.close()
        return
    shared: Database = request.getfixturevalue("pg_shared_db")
    _truncate_all(shared)
    yield shared


@pytest.fixture
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_database(str(tmp_path_factory.mktemp("db") / "stockdesk.sqlite"))
    yield database
    database.close()


@pytest.fixture
def admin(db: Database) -> Actor:
    return users.create_first_admin(
        db.uow(), email="admin@example.com", password="admin-pass-1", name="Ada Admin"
    )


@pytest.fixture
def main_store(db: Database, admin: Actor) -> StoreView:
    return organisation.create_store(db.uow(), admin, code="MAIN", name="Main store")


@pytest.fixture
def branch_store(db: Database, admin: Actor) -> StoreView:
    return organisation.create_store(db.uow(), admin, code="BR", name="Branch")


def login(db: Database, email: str, password: str) -> Actor:
    return users.authenticate(db.uow(), email=email, password=password)


def make_clerk(db: Database, admin: Actor, *store_ids: object, email: str = "clerk@example.com") -> Actor:
    """A clerk of the given stores, created by `admin` and logged in (password "clerk-pass-1")."""
    users.create_user(
        db.uow(),
        admin,
        email=email,
        password="clerk-pass-1",
        role="clerk",
        name="Carl Clerk",
        store_ids=list(store_ids),
    )
    return login(db, email, "clerk-pass-1")


@pytest.fixture
def clerk(db: Database, admin: Actor, main_store: StoreView) -> Actor:
    return make_clerk(db, admin, main_store.id)


@pytest.fixture
def manager(db: Database, admin: Actor) -> Actor:
    users.create_user(db.uow(), admin, email="manager@example.com", password="manager-pass-1", role="manager")
    return login(db, "manager@example.com", "manager-pass-1")
