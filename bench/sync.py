"""Sync over HTTP (issue 15): push and pull of 100k changes, a no-op sync, a new desk's snapshot, 10 desks
syncing at once, through `stockdesk serve` (2 workers) on a PostgreSQL database.

Needs a PostgreSQL server it may create databases on: $STOCKDESK_TEST_PG or
postgresql://postgres@127.0.0.1:5432/test. Run with `python -m bench sync`. CPU seconds count this
process (the desks) and the server's processes (uvicorn workers and their PostgreSQL backends).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import httpx
import psutil
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bench.api import _server_cpu, _start
from bench.table import print_table
from stockdesk.domain.movements import MovementKind
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, organisation
from stockdesk.services.database import Database, open_database
from stockdesk.services.inventory import stock
from stockdesk.services.inventory.stock import MovementRequest
from stockdesk.sync import http_transfer
from stockdesk.sync.credentials import CredentialStore
from stockdesk.sync.server import desks
from stockdesk.sync.server.setup import init_server, register_desk_over_http
from stockdesk.sync.service import SyncService

CHANGES = 100_000
ITEMS = 500
DESKS = 10
PER_DESK = 2_000
IDLE_DESKS = 50
IDLE_ROUNDS = 6  # 30 s of polling
ADMIN = ("bench@example.com", "bench-pass-1")


def _admin_url() -> str:
    url = os.environ.get("STOCKDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
    return "postgresql+psycopg://" + url.split("://", 1)[1]


class _Clock:
    """Wall time and CPU seconds of this process plus the server's processes and the PostgreSQL
    backends: the CPU figure stays meaningful when other jobs share the machine and stretch the wall."""

    def __init__(self, server: subprocess.Popen[bytes], engine: Engine) -> None:
        self._server = server
        self._engine = engine

    def _backends(self) -> float:
        total = 0.0
        with self._engine.connect() as connection:
            pids = connection.scalars(
                text(
                    "SELECT pid FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).all()
        for pid in pids:
            try:
                total += sum(psutil.Process(int(pid)).cpu_times()[:2])
            except psutil.Error:  # a backend of another machine, or gone
                continue
        return total

    def _cpu(self) -> float:
        return time.process_time() + _server_cpu(self._server) + self._backends()

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
    server_db = open_database(DATABASE)
    try:
        code = desks.enrolment_code(server_db.uow(), None)
    finally:
        server_db.close()
    register_desk_over_http(db, server, name=name, code=code, store=CredentialStore(folder))
    return db, SyncService(db, store=CredentialStore(folder))


def _http(db: Database, folder: Path, server: str) -> httpx.Client:
    return http_transfer.client(server, CredentialStore(folder).load(db.desk_id) or "")


DATABASE = ""  # the server's database URL (set by main)


def run(folder: Path, server: str, process: subprocess.Popen[bytes]) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    a_db, a = _desk(folder, "a", server)
    b_db, b = _desk(folder, "b", server)
    admin = users.create_first_admin(a_db.uow(), email=ADMIN[0], password=ADMIN[1])
    store = organisation.create_store(a_db.uow(), admin, code="MAIN", name="Main").id
    items = [
        catalog.create_item(a_db.uow(), admin, sku=f"B{i:05d}", name=f"Bench {i}").id for i in range(ITEMS)
    ]
    assert a.sync_once().ok and b.sync_once().ok
    idle = _idle_polling(folder, server, process)  # first, while the server is small to copy
    concurrent = _concurrent(folder, server, items, store)
    assert a.sync_once().ok and b.sync_once().ok

    _post(a_db, admin, items, store, CHANGES)
    queued = _queued(a_db)
    engine = create_engine(DATABASE)
    with _Clock(process, engine) as clock, _http(a_db, folder, server) as http:
        pushed = http_transfer.push(a_db.engine, http, a_db.desk_id).pushed
    rows.append((f"push {pushed:,} changes", clock.wall, "< 10 s", clock.cpu))

    with _Clock(process, engine) as clock, _http(b_db, folder, server) as http:
        pulled = http_transfer.pull(b_db.engine, http, b_db.desk_id)
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
    rows.append(idle)
    return rows


def _idle_polling(folder: Path, server: str, process: subprocess.Popen[bytes]) -> tuple[str, str, str, str]:
    """50 desks with nothing to do, each syncing every 5 s (the window's timer can be set that short):
    the server's CPU (uvicorn workers and PostgreSQL backends) over that time, in % of one core."""
    polling = [_desk(folder, f"idle{i}", server)[1] for i in range(IDLE_DESKS)]
    for svc in polling:
        assert svc.sync_once().ok  # the first sync copies the (small) snapshot
    engine = create_engine(DATABASE)
    clock = _Clock(process, engine)
    before = _server_cpu(process) + clock._backends()
    started = time.perf_counter()
    for round_number in range(IDLE_ROUNDS):
        for svc in polling:
            report = svc.sync_once()
            assert report.ok and report.pushed == report.pulled == 0
        # Each desk syncs every 5 s: wait out the rest of this round's 5 s.
        time.sleep(max(0.0, started + (round_number + 1) * 5.0 - time.perf_counter()))
    elapsed = time.perf_counter() - started
    used = _server_cpu(process) + clock._backends() - before
    engine.dispose()
    label = f"{IDLE_DESKS} idle desks syncing every 5 s ({IDLE_ROUNDS * IDLE_DESKS} syncs)"
    return (label, f"{used / elapsed * 100:.1f} % of a core", "< 5 %", f"{used:.2f}")


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
    global DATABASE
    DATABASE = make_url(_admin_url()).set(database=name).render_as_string(hide_password=False)
    os.environ["STOCKDESK_NO_KEYRING"] = "1"
    process = None
    try:
        init_server(DATABASE)
        process, base = _start(DATABASE)
        with tempfile.TemporaryDirectory() as folder:
            rows = run(Path(folder), base, process)
        print_table(
            "Sync over HTTP (SQLite desks, stockdesk serve --workers 2 on PostgreSQL, this machine)",
            ["what", "time", "target", "CPU s desks+server"],
            rows,
        )
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=60)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
