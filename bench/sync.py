"""Issue 7 figures: push and pull of 100k changes, a no-op sync, 10 desks syncing at once.

Needs a PostgreSQL server it may create databases and roles on: $STOCKDESK_TEST_PG or
postgresql://postgres@127.0.0.1:5432/test. Run with `python -m bench sync`.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import psutil
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bench.table import print_table
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.sync import transfer
from stockdesk.sync.credentials import CredentialStore
from stockdesk.sync.server.setup import desk_server_url, init_server, register_desk, role_name, server_engine
from stockdesk.sync.service import SyncService

CHANGES = 100_000
ITEMS = 500
DESKS = 10
PER_DESK = 2_000
ADMIN = ("bench@example.com", "bench-pass-1")
ROLES: list[str] = []  # desk roles made on the server, dropped at the end


def _admin_url() -> str:
    url = os.environ.get("STOCKDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
    return "postgresql+psycopg://" + url.split("://", 1)[1]


class _Clock:
    """Wall time and CPU seconds of this process plus the server backend it talks through: the CPU
    figure stays meaningful when other jobs share the machine and stretch the wall time."""

    def __init__(self, engine: Engine) -> None:
        with engine.connect() as connection:  # the pool keeps this one connection for the work
            self._backend = psutil.Process(int(connection.scalar(text("SELECT pg_backend_pid()"))))

    def _cpu(self) -> float:
        try:
            server = sum(self._backend.cpu_times()[:2])
        except psutil.Error:  # a server of another user or machine: count the desk only
            server = 0.0
        return time.process_time() + server

    def __enter__(self) -> _Clock:
        self._wall, self._cpu0 = time.perf_counter(), self._cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = f"{time.perf_counter() - self._wall:.2f} s"
        self.cpu = f"{self._cpu() - self._cpu0:.2f}"


def _post(db: Database, actor: users.Actor, items: list[uuid.UUID], store: uuid.UUID, count: int) -> None:
    for start in range(0, count, 10_000):
        n = min(10_000, count - start)
        requests = [
            MovementRequest(MovementKind.RECEIVE, items[i % len(items)], store, Decimal(1)) for i in range(n)
        ]
        stock.post_movements(db.uow(), actor, requests)


def _queued(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar() or 0)


def _desk(folder: Path, name: str, server: str) -> tuple[Database, SyncService]:
    db = open_database(str(folder / f"{name}.sqlite"))
    register_desk(db, server, CredentialStore(folder))
    ROLES.append(role_name(db.desk_id))
    return db, SyncService(db, store=CredentialStore(folder))


def run(folder: Path, server: str) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    a_db, a = _desk(folder, "a", server)
    b_db, b = _desk(folder, "b", server)
    admin = users.create_first_admin(a_db.uow(), email=ADMIN[0], password=ADMIN[1])
    store = organisation.create_store(a_db.uow(), admin, code="MAIN", name="Main").id
    items = [
        catalog.create_item(a_db.uow(), admin, sku=f"B{i:05d}", name=f"Bench {i}").id for i in range(ITEMS)
    ]
    assert a.sync_once().ok and b.sync_once().ok
    concurrent = _concurrent(folder, server, items, store)  # first, while the server is small to copy
    assert a.sync_once().ok and b.sync_once().ok

    _post(a_db, admin, items, store, CHANGES)
    queued = _queued(a_db)
    engine = server_engine(desk_server_url(a_db, CredentialStore(folder)))
    with _Clock(engine) as clock:
        pushed, _ = transfer.push(a_db.engine, engine, a_db.desk_id)
    rows.append((f"push {pushed:,} changes", clock.wall, "< 10 s", clock.cpu))
    engine.dispose()

    engine = server_engine(desk_server_url(b_db, CredentialStore(folder)))
    with _Clock(engine) as clock:
        pulled = transfer.pull(b_db.engine, engine, b_db.desk_id)
    rows.append((f"pull {pulled:,} changes", clock.wall, "< 10 s", clock.cpu))
    engine.dispose()
    assert queued == pushed

    b.sync_once()
    times = []
    for _ in range(20):
        report = b.sync_once()
        assert report.ok and report.pushed == report.pulled == 0
        times.append(report.seconds * 1000)
    rows.append(("no-op sync (median of 20)", f"{statistics.median(times):.1f} ms", "< 50 ms", ""))

    _c_db, c = _desk(folder, "c", server)
    report = c.sync_once()
    rows.append(
        (
            f"first sync of a new desk (snapshot {report.snapshot_rows:,} rows)",
            f"{report.seconds:.2f} s",
            "",
            "",
        )
    )
    for svc in (a, b, c):
        svc.close()
    rows.append(concurrent)
    return rows


def _concurrent(
    folder: Path, server: str, items: list[uuid.UUID], store: uuid.UUID
) -> tuple[str, str, str, str]:
    desks = [_desk(folder, f"d{i}", server) for i in range(DESKS)]
    for db, svc in desks:
        first = svc.sync_once()  # each starts from the snapshot
        assert first.ok, first.error
        actor = users.authenticate(db.uow(), email=ADMIN[0], password=ADMIN[1])
        _post(db, actor, items, store, PER_DESK)
    started = time.perf_counter()
    with ThreadPoolExecutor(DESKS) as pool:
        reports = list(pool.map(lambda pair: pair[1].sync_once(), desks))
    elapsed = time.perf_counter() - started
    errors = [r.error for r in reports if not r.ok]
    for _db, svc in desks:
        svc.close()
    label = f"{DESKS} desks x {PER_DESK:,} changes, concurrently"
    return (label, f"{elapsed:.2f} s total", f"{len(errors)} errors", "")


def main() -> None:
    admin = create_engine(_admin_url(), isolation_level="AUTOCOMMIT")
    name = f"stockdesk_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    server = make_url(_admin_url()).set(database=name).render_as_string(hide_password=False)
    os.environ["STOCKDESK_NO_KEYRING"] = "1"
    try:
        init_server(server)
        with tempfile.TemporaryDirectory() as folder:
            rows = run(Path(folder), server)
        print_table(
            "Sync (SQLite desks, PostgreSQL server on this machine)",
            ["what", "time", "target", "CPU s desk+server"],
            rows,
        )
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            for role in ROLES:  # the database is gone, so the roles hold no privileges any more
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


if __name__ == "__main__":
    main()
