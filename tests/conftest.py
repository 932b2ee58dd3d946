"""Shared fixtures: a fresh SQLite file or a fresh PostgreSQL database, and users built through services.

Also what keeps tests independent of each other, of the order they run in, of the parallel worker
they run on (pytest-xdist) and of how fast the machine is (docs/testing.md):

- each worker process gets its own home for per-user state (XDG config/data/cache/state/runtime
  folders, the log folder, no keyring), set before anything reads it, so QSettings, platformdirs and
  subprocesses started by tests never touch the developer's files nor another worker's;
- databases are per worker (PostgreSQL names carry the pid) or per test (SQLite files in tmp_path);
- `qtbot` waits only fail on a hang, never on a slow machine (tests/support/patient_qtbot.py);
- tests that take minutes are started first, so a parallel run does not end waiting on one of them.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from stockdesk.config import CONFIG_DIR_ENV
from stockdesk.domain.permissions import Actor
from stockdesk.services.accounts import users
from stockdesk.services.accounts.passwords import passwords
from stockdesk.services.catalogue import organisation
from stockdesk.services.database import Database, open_database
from stockdesk.services.planning import alert_recipients
from stockdesk.services.views import StoreView
from tests.support.cheap_hashing import cheap_hashing
from tests.support.patient_qtbot import PatientQtBot
from tests.support.sqlite_template import new_sqlite_database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config: pytest.Config) -> None:
    """Before any test runs and before any QApplication exists (QSettings caches its paths)."""
    _isolate_user_state()


def _isolate_user_state() -> Path:
    """Point every per-user location at a fresh folder of this worker's own (removed at exit)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    home = Path(tempfile.mkdtemp(prefix=f"stockdesk-tests-{worker}-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    for variable, folder in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                             ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state"),
                             ("XDG_RUNTIME_DIR", "runtime"), ("STOCKDESK_LOG_DIR", "logs")):
        path = home / folder
        path.mkdir(mode=0o700)  # Qt warns (and the warning fails the test) about a looser runtime dir
        os.environ[variable] = str(path)
    os.environ["STOCKDESK_NO_KEYRING"] = "1"  # desk passwords go to a 0600 file under XDG_DATA_HOME
    return home


# Tests that run for minutes; started first so that the other worker is not left idle at the end.
STARTED_FIRST = ("tests/integration/test_bundle.py",)
# Modules whose tests share a database built once per module and kind (an API shop behind its server,
# a filled catalogue). The shuffle interleaves the kinds, and each change of kind built the database
# again: their tests are put back one kind after the other, in the places the shuffle gave the module.
# (pytest-xdist's `--dist loadgroup` would also keep such a module on one worker, but with pytest 9 it
# groups nothing: xdist 3.8 renames `item._nodeid`, which pytest 9 no longer reads.)
MODULE_DATABASES = ("tests/integration/api/", "tests/integration/test_place_indexes.py",
                    "tests/integration/test_code_lookup.py")  # fmt: skip


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """After pytest-randomly's shuffle (a stable sort keeps the shuffled order within each group)."""
    items.sort(key=lambda item: not item.nodeid.startswith(STARTED_FIRST))
    shared: dict[str, list[int]] = {}
    for position, item in enumerate(items):
        if item.nodeid.startswith(MODULE_DATABASES):
            shared.setdefault(item.nodeid.split("::", 1)[0], []).append(position)
    for positions in shared.values():
        ordered = sorted((items[p] for p in positions), key=_database_kind)
        for position, item in zip(positions, ordered, strict=True):
            items[position] = item


def _database_kind(item: pytest.Item) -> str:
    """"postgresql" or "sqlite" for a test of a module-wide database of either kind; "" otherwise."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    return next((str(value) for value in params.values() if value in ("sqlite", "postgresql")), "")


@pytest.fixture(scope="session")
def production_password_hasher() -> PasswordHasher:
    """The hasher the application uses (the tests themselves run on `_cheap_password_hashing`)."""
    return _PRODUCTION_HASHER


_PRODUCTION_HASHER = passwords.hasher


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """argon2id at its lowest cost in tests (tests/support/cheap_hashing.py says why)."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in cheap_hashing().items():
            patch.setattr(passwords, name, value)
        yield


@pytest.fixture
def qtbot(qapp: object, request: pytest.FixtureRequest) -> PatientQtBot:
    """pytest-qt's qtbot, but its waits give up only on a hang (see PatientQtBot)."""
    return PatientQtBot(request)


DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
DROPPING_AT_ONCE = 16  # connections dropping this run's databases together at the end


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
def pg_database_factory(pg_server: str) -> Iterator[Callable[..., str]]:
    """Creates empty databases, or copies of one, on the test server (dropped at the end of the run)."""
    admin = create_engine(
        pg_server, isolation_level="AUTOCOMMIT", pool_size=DROPPING_AT_ONCE, max_overflow=0
    )
    created: list[str] = []

    def create(template: str = "") -> str:
        """A new database; with `template` (a database of this run), a copy of it."""
        name = f"stockdesk_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        copy = f' TEMPLATE "{make_url(template).database}"' if template else ""
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        created.append(name)
        return make_url(pg_server).set(database=name).render_as_string(hide_password=False)

    yield create
    _drop_databases(admin, created)
    admin.dispose()


def _drop_databases(admin: Engine, names: list[str]) -> None:
    """Drops the databases all at once: each DROP DATABASE waits for a checkpoint of the whole server,
    and requests that arrive together share one, where one after the other a worker spent half a
    minute (while the other tests kept the server's buffers dirty) at the end of a run."""

    def drop(name: str) -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    if names:
        with ThreadPoolExecutor(max_workers=min(len(names), DROPPING_AT_ONCE)) as pool:
            list(pool.map(drop, names))  # list(): the first error is raised here


@pytest.fixture(scope="session")
def sync_server_template(pg_database_factory: Callable[..., str]) -> str:
    """A server database as `stockdesk server init` leaves it, copied by each sync test's `sync_server`;
    nothing connects to it after this (PostgreSQL copies only a database no one is connected to)."""
    from stockdesk.sync.server.setup import init_server

    url = pg_database_factory()
    init_server(url)
    return url


@pytest.fixture(scope="session")
def pg_migrated_template(pg_database_factory: Callable[..., str]) -> str:
    """An empty database at the newest schema, for copies (`pg_database_factory(template=...)`): a copy
    takes 0.1 s where migrating a new one takes 1.3 s. Without a desk id, as sqlite_template's copies:
    `open_database` gives each copy its own. Nothing stays connected to it (PostgreSQL copies only a
    database no one is connected to)."""
    url = pg_database_factory()
    db = open_database(url)
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM local_setting WHERE key = 'desk_id'"))
    db.close()
    return url


@pytest.fixture(scope="session")
def pg_shared_db(pg_database_factory: Callable[..., str], pg_migrated_template: str) -> Iterator[Database]:
    db = open_database(pg_database_factory(template=pg_migrated_template))
    yield db
    db.close()


def _empty_all_tables(db: Database) -> None:
    """Deletes every row of every table but alembic_version (the tally is zeroed), in one statement batch.

    What TRUNCATE ... CASCADE did, at a fortieth of the cost: TRUNCATE gives each of the ~40 tables
    and their indexes new files (0.2 s a test, longer on a busy server) and waits for an exclusive
    lock on every table. The rows of one test are few, so DELETE is cheap; the replica role skips the
    foreign-key checks and the sync capture triggers (the order of the deletes does not matter and
    emptying the tables queues no outbox rows), exactly as TRUNCATE fires no row triggers. Sequences
    are left as they are, as TRUNCATE without RESTART IDENTITY left them.
    """
    with db.engine.begin() as connection:
        tables = connection.execute(
            text(
                "select tablename from pg_tables where schemaname = current_schema() "
                "and tablename <> 'alembic_version'"
            )
        ).scalars()
        # Rows a migration made are kept: the tallies' slots (0036, 0038, 0043) zeroed, as a new
        # database has them; the catalogue's version (0041) moved on, as any change of the items moves
        # it, so no search page a test's server kept outlives the items it listed.
        kept = {
            "item_tally": "UPDATE item_tally SET listed = 0;",
            "low_tally": "UPDATE low_tally SET low = 0;",
            "catalogue_version": "UPDATE catalogue_version SET version = version + 1;",
        }
        deletes = "".join(kept.get(table, f'DELETE FROM "{table}";') for table in tables)
        if deletes:
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica;" + deletes)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """An empty, migrated database: a SQLite file, then the real PostgreSQL server."""
    if request.param == "sqlite":
        database = new_sqlite_database(tmp_path_factory.mktemp("db") / "stockdesk.sqlite")
        yield database
        database.close()
        return
    shared: Database = request.getfixturevalue("pg_shared_db")
    _empty_all_tables(shared)
    # The counter keeps the alert recipients a few seconds per engine; emptying the tables goes round
    # the service that would forget them, so an earlier test's buyer got this test's alert mails.
    alert_recipients.forget_recipients(shared.uow())
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
